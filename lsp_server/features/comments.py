"""Inline control comments in the document's own comment syntax."""

from __future__ import annotations

import re

from ..state import DocumentView

_HASH = {"python", "bash", "yaml", "toml", "ruby", "perl", "r", "make", "docker", "nim", "julia"}
_DASH = {"lua", "sql", "haskell", "ada", "elm"}
_PERCENT = {"tex", "latex", "erlang", "matlab"}
_CONTROL_LINE = re.compile(r"llmgloss:\s*ignore\b[^\n]*")


def control_comment(view: DocumentView, control: str) -> str:
    """``control`` (``llmgloss: ignore NPU``) as one comment line for this file type."""
    if view.filetype == "markdown":
        return f"<!-- {control} -->"
    if view.filetype == "rst":
        return f".. {control}"
    if view.filetype == "text" or view.filetype is None:
        return control
    if view.filetype in _HASH:
        return f"# {control}"
    if view.filetype in _DASH:
        return f"-- {control}"
    if view.filetype in _PERCENT:
        return f"% {control}"
    return f"// {control}"


def insertion_offset(view: DocumentView) -> int:
    """Where a file-wide control goes: line 1, after a shebang, coding line or front matter."""
    text = view.text
    if view.filetype == "markdown" and text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end >= 0:
            return view.table.line_start(view.table.line_of(end + 1) + 1)
    line = 0
    while line < 2 and re.match(r"#!|#.*coding[:=]", text[view.table.line_start(line) :]):
        line += 1
    return view.table.line_start(line) if line < view.table.line_count else len(text)


def existing_ignore(view: DocumentView) -> tuple[int, int] | None:
    """The span of an existing ``llmgloss: ignore ...`` list to extend, if the file has one."""
    if view.analysis is None:
        return None
    for span in view.analysis.regions.comments:
        found = _CONTROL_LINE.search(view.text, span.start, span.end)
        if found:
            end = min(found.end(), span.end)
            body = view.text[found.start() : end].rstrip()
            for closer in ("-->", "*/"):
                if body.endswith(closer):
                    body = body[: -len(closer)].rstrip()
            return found.start(), found.start() + len(body)
    return None
