"""Completion of term names inside ``:term:`...`` (reST) and ``{term}`...`` (MyST)."""

from __future__ import annotations

import re

from lsprotocol import types

from sphinx_llmgloss.core.glossary import Glossary

from ..state import DocumentView
from .hover import describe

_OPEN_ROLE = re.compile(r"(?::term:|\{term\})`(?:[^`<]*<)?([^`<>]*)$")
TRIGGERS = ["`", "<"]


def completions(
    view: DocumentView, offset: int, glossary: Glossary, markdown: bool
) -> types.CompletionList | None:
    """Term names when the cursor is in an unfinished term role, else None."""
    line_start = view.table.line_start(view.table.line_of(offset))
    found = _OPEN_ROLE.search(view.text, line_start, offset)
    if found is None:
        return None
    typed_start = found.start(1)
    replace = view.table.range(typed_start, offset)
    kind = types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText
    items = []
    for entry in glossary.entries:
        homonym = len(glossary.lookup(entry.name)) > 1
        insert = entry.id if homonym else entry.name
        items.append(
            types.CompletionItem(
                label=entry.headword,
                kind=types.CompletionItemKind.Text,
                detail=entry.definitions[0][:80] if entry.definitions else None,
                documentation=types.MarkupContent(
                    kind=kind, value=describe(entry, glossary, markdown)
                ),
                filter_text=" ".join(entry.names()),
                text_edit=types.TextEdit(range=replace, new_text=insert),
            )
        )
    analysis = view.analysis
    for defined in analysis.regions.defined_terms if analysis else ():
        items.append(
            types.CompletionItem(
                label=defined.term,
                kind=types.CompletionItemKind.Text,
                detail="defined in this document",
                text_edit=types.TextEdit(range=replace, new_text=defined.term),
            )
        )
    return types.CompletionList(is_incomplete=False, items=items)
