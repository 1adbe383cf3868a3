"""Go to definition: from a mention or term reference to the entry's line in its YAML file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from lsprotocol import types

from sphinx_llmgloss.core.glossary import Glossary
from sphinx_llmgloss.core.keys import normalize_key
from sphinx_llmgloss.core.model import Entry

from ..state import DocumentView
from .lookup import target_at


def entry_location(entry: Entry) -> types.Location:
    """The first line of an entry in its glossary file."""
    line = max(entry.source.line - 1, 0)
    where = types.Range(
        start=types.Position(line=line, character=0), end=types.Position(line=line, character=0)
    )
    return types.Location(uri=Path(entry.source.path).resolve().as_uri(), range=where)


def definition(
    view: DocumentView,
    offset: int,
    glossary: Glossary,
    elsewhere: Callable[[str], list[types.Location]] | None = None,
) -> list[types.Location]:
    """Where the term under the cursor is defined.

    A ``glossary`` in this document first, then one in another workspace document
    (``elsewhere`` looks a term up there), then the entry's line in its YAML file.
    """
    target = target_at(view, offset, glossary)
    if target is None or view.analysis is None:
        return []
    key = normalize_key(target.text)
    local = [
        types.Location(uri=view.uri, range=view.table.range(d.start, d.end))
        for d in view.analysis.regions.defined_terms
        if normalize_key(d.term) == key
    ]
    if local:
        return local
    others = elsewhere(target.text) if elsewhere is not None else []
    return others or [entry_location(e) for e in target.entries]
