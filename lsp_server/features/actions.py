"""Code actions as server-side edits, so they work in every editor (not only VS Code).

Edits of the open document are ``WorkspaceEdit`` values; edits of project files
(config ``allow``, the project glossary) are commands the server runs itself.
"""

from __future__ import annotations

from pathlib import PurePath

from lsprotocol import types

from sphinx_llmgloss.core.glossary import Glossary
from sphinx_llmgloss.core.match import Mention
from sphinx_llmgloss.core.rules import DISCOURAGED_ALIAS, UNDEFINED_JARGON, UNKNOWN_TERM, Diagnostic

from ..state import DocumentView
from .comments import control_comment, existing_ignore, insertion_offset
from .lookup import expansion

ALLOW_WORD = "llmgloss.allowWord"
ADD_TERM = "llmgloss.addTerm"

QUICKFIX = types.CodeActionKind.QuickFix
REWRITE = types.CodeActionKind.RefactorRewrite


def code_actions(
    view: DocumentView, start: int, end: int, glossary: Glossary
) -> list[types.CodeAction]:
    """Every action for the findings and mentions that touch ``[start, end]``."""
    if view.analysis is None:
        return []
    actions: list[types.CodeAction] = []
    for found in view.analysis.diagnostics:
        if found.start <= end and start <= found.end:
            actions.extend(_fixes(view, found))
    first_seen: set[str] = set()
    for mention in view.analysis.mentions:
        firsts = [i for i in mention.entry_ids if i not in first_seen]
        first_seen.update(mention.entry_ids)
        if mention.start <= end and start <= mention.end:
            actions.extend(_rewrites(view, mention, glossary, first=bool(firsts)))
    return actions


def _edit(view: DocumentView, start: int, end: int, text: str) -> types.WorkspaceEdit:
    edit = types.TextEdit(range=view.table.range(start, end), new_text=text)
    return types.WorkspaceEdit(changes={view.uri: [edit]})


def _action(
    title: str,
    kind: str,
    edit: types.WorkspaceEdit | None = None,
    command: types.Command | None = None,
    is_preferred: bool | None = None,
) -> types.CodeAction:
    return types.CodeAction(
        title=title, kind=kind, edit=edit, command=command, is_preferred=is_preferred
    )


def _fixes(view: DocumentView, found: Diagnostic) -> list[types.CodeAction]:
    word = view.text[found.start : found.end]
    if found.rule is UNDEFINED_JARGON:
        return [
            _action(
                f"Expand '{word}' at its first use",
                QUICKFIX,
                _edit(view, found.start, found.end, f"{word} (…)"),
            ),
            _action(
                f"Add '{word}' to the project glossary",
                QUICKFIX,
                command=_command(f"Add '{word}' to the project glossary", ADD_TERM, view.uri, word),
            ),
            _ignore_in_file(view, word),
            _action(
                f"Allow '{word}' in this project (config 'allow')",
                QUICKFIX,
                command=_command(f"Allow '{word}' in this project", ALLOW_WORD, view.uri, word),
            ),
        ]
    if found.rule in (UNKNOWN_TERM, DISCOURAGED_ALIAS):
        verb = "Change to" if found.rule is UNKNOWN_TERM else "Replace with"
        return [
            _action(
                f"{verb} '{suggestion}'",
                QUICKFIX,
                _edit(view, found.start, found.end, suggestion),
                is_preferred=index == 0,
            )
            for index, suggestion in enumerate(found.suggestions)
        ]
    return []


def _command(title: str, name: str, uri: str, word: str) -> types.Command:
    return types.Command(title=title, command=name, arguments=[uri, word])


def _ignore_in_file(view: DocumentView, word: str) -> types.CodeAction:
    title = f"Ignore '{word}' in this file"
    existing = existing_ignore(view)
    if existing is not None:
        return _action(title, QUICKFIX, _edit(view, existing[1], existing[1], f", {word}"))
    at = insertion_offset(view)
    line = control_comment(view, f"llmgloss: ignore {word}")
    blank = "\n" if view.filetype == "rst" else ""
    return _action(title, QUICKFIX, _edit(view, at, at, f"{line}\n{blank}"))


def _rewrites(
    view: DocumentView, mention: Mention, glossary: Glossary, first: bool
) -> list[types.CodeAction]:
    entry = glossary.by_id.get(mention.entry_ids[0])
    if entry is None:
        return []
    actions = []
    role = _role(view)
    if role is not None:
        target = mention.text if glossary.lookup(mention.text) else entry.name
        if len(mention.entry_ids) > 1:
            target = entry.id
        link = (
            f"{role}`{mention.text}`"
            if target == mention.text
            else (f"{role}`{mention.text} <{target}>`")
        )
        actions.append(
            _action(
                f"Link '{mention.text}' to the glossary",
                REWRITE,
                _edit(view, mention.start, mention.end, link),
            )
        )
    spelled = expansion(entry)
    following = view.text[mention.end : mention.end + 2]
    if first and spelled and mention.text == entry.name and following != " (":
        actions.append(
            _action(
                f"Expand '{mention.text}' at its first use",
                REWRITE,
                _edit(view, mention.start, mention.end, f"{spelled} ({mention.text})"),
            )
        )
    return actions


def _role(view: DocumentView) -> str | None:
    """``:term:`` in reST, ``{term}`` in MyST Markdown (.md files), None elsewhere."""
    if view.filetype == "rst":
        return ":term:"
    suffix = PurePath(view.uri).suffix.lower()
    if view.filetype == "markdown" and suffix in (".md", ".myst"):
        return "{term}"
    return None
