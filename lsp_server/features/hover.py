"""Hover: the glossary entry (every sense of a homonym) under the cursor."""

from __future__ import annotations

import contextlib
from pathlib import Path

from lsprotocol import types

from sphinx_llmgloss.core.export import escape_markdown
from sphinx_llmgloss.core.glossary import Glossary
from sphinx_llmgloss.core.model import Entry

from ..state import DocumentView
from .lookup import target_at


def where_defined(entry: Entry, root: Path | None = None) -> str:
    """``built-in glossary, line 982`` or ``docs/terms.yaml:25`` (relative to the project)."""
    if entry.source.builtin:
        return f"built-in glossary, line {entry.source.line}"
    path = Path(entry.source.path)
    if root is not None:
        with contextlib.suppress(ValueError):
            path = path.resolve().relative_to(root.resolve())
    return f"{path.as_posix()}:{entry.source.line}"


def describe(entry: Entry, glossary: Glossary, markdown: bool, root: Path | None = None) -> str:
    """One entry as hover text: headword, aliases, definition, see also, book, source."""

    def label(text: str) -> str:
        return f"*{text}*" if markdown else text

    def plain(text: str) -> str:
        # Glossary text is data: escaped, a "<script>" or "[x](javascript:...)" stays text.
        return escape_markdown(text) if markdown else text

    parts = [f"**{plain(entry.headword)}**" if markdown else entry.headword]
    aliases = [*entry.aliases, *entry.added_aliases]
    if aliases:
        parts.append(f"{label('also:')} " + ", ".join(plain(a) for a in aliases))
    parts.extend(plain(d) for d in entry.definitions)
    related = [glossary.by_id[i].headword for i in entry.see_also if i in glossary.by_id]
    if related:
        parts.append(f"{label('see also:')} " + ", ".join(plain(r) for r in related))
    if entry.references:
        parts.append(f"{label('book:')} " + ", ".join(str(r) for r in entry.references))
    parts.append(f"{label('defined in:')} {where_defined(entry, root)}")
    return "\n\n".join(parts)


def hover(
    view: DocumentView,
    offset: int,
    glossary: Glossary,
    markdown: bool,
    root: Path | None = None,
) -> types.Hover | None:
    """The hover for ``offset``, over the exact span of the term, or None."""
    target = target_at(view, offset, glossary)
    if target is None or not target.entries:
        return None
    separator = "\n\n---\n\n" if markdown else "\n\n"
    text = separator.join(describe(e, glossary, markdown, root) for e in target.entries)
    kind = types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText
    return types.Hover(
        contents=types.MarkupContent(kind=kind, value=text),
        range=view.table.range(target.start, target.end),
    )
