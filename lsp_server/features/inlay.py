"""Inlay hints: the expansion of a glossary acronym after its first use in the document."""

from __future__ import annotations

from lsprotocol import types

from sphinx_llmgloss.core.glossary import Glossary

from ..state import DocumentView
from .lookup import expansion


def inlay_hints(
    view: DocumentView, start: int, end: int, glossary: Glossary
) -> list[types.InlayHint]:
    """One hint per acronym entry, at its first mention, when the text does not expand it."""
    if view.analysis is None:
        return []
    seen: set[str] = set()
    hints = []
    for mention in view.analysis.mentions:
        entry_id = mention.entry_ids[0]
        if entry_id in seen:
            continue
        seen.add(entry_id)
        entry = glossary.by_id.get(entry_id)
        spelled = expansion(entry) if entry is not None else None
        if spelled is None or not start <= mention.start <= end:
            continue
        if view.text[mention.end : mention.end + 2] == " (":
            continue
        hints.append(
            types.InlayHint(
                position=view.table.position(mention.end),
                label=f" ({spelled})",
                kind=types.InlayHintKind.Type,
                padding_left=False,
            )
        )
    return hints
