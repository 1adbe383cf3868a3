"""Workspace symbols: glossary terms by name, alias or id."""

from __future__ import annotations

from lsprotocol import types

from sphinx_llmgloss.core.glossary import Glossary
from sphinx_llmgloss.core.keys import normalize_key

from .definition import entry_location

LIMIT = 200


def workspace_symbols(query: str, glossary: Glossary) -> list[types.WorkspaceSymbol]:
    """Entries whose name, aliases or id contain ``query`` (all of them for an empty query)."""
    key = normalize_key(query) if query.strip() else ""
    found = []
    for entry in glossary.entries:
        names = [normalize_key(n) for n in entry.names()] + [entry.id]
        if key and not any(key in n for n in names):
            continue
        found.append(
            types.WorkspaceSymbol(
                name=entry.headword,
                kind=types.SymbolKind.String,
                location=entry_location(entry),
                container_name="built-in glossary" if entry.source.builtin else "project glossary",
            )
        )
        if len(found) >= LIMIT:
            break
    return found
