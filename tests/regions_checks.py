"""Invariants every markup extractor's result must keep (shared by the region tests)."""

from __future__ import annotations

from sphinx_llmgloss.core.regions import DefinedTerm, Regions, Span, TermRef


def assert_well_formed(text: str, found: Regions) -> None:
    """Regions are inside the text, sorted, disjoint and trimmed; the rest is in bounds."""
    previous_end = 0
    for region in found.prose:
        assert 0 <= previous_end <= region.start < region.end <= len(text), region
        assert not text[region.start].isspace() and not text[region.end - 1].isspace()
        previous_end = region.end
    spans: list[Span | TermRef | DefinedTerm] = [
        *found.comments,
        *found.term_refs,
        *found.defined_terms,
    ]
    assert all(0 <= span.start <= span.end <= len(text) for span in spans)
    for ref in found.term_refs:
        assert text[ref.start : ref.end] == ref.target
    for term in found.defined_terms:
        assert text[term.start : term.end] == term.term
    for listing in (found.comments, found.term_refs, found.defined_terms, found.abbreviations):
        starts = [item.start for item in listing]
        assert starts == sorted(starts)
