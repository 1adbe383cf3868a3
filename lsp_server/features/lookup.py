"""What sits at an offset of a document: a glossary mention or a term reference."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from sphinx_llmgloss.core.glossary import Glossary
from sphinx_llmgloss.core.model import Entry

from ..state import DocumentView


@dataclass(frozen=True)
class Target:
    """The span under the cursor and the entries it names (every sense of a homonym)."""

    start: int
    end: int
    text: str
    entries: tuple[Entry, ...]
    is_reference: bool = False


def target_at(view: DocumentView, offset: int, glossary: Glossary) -> Target | None:
    """The mention or :term:/{term} reference covering ``offset``, or None (cheaply)."""
    analysis = view.analysis
    if analysis is None:
        return None
    mentions = analysis.mentions
    at = bisect_right(mentions, offset, key=lambda m: m.start) - 1
    if at >= 0 and mentions[at].start <= offset <= mentions[at].end:
        mention = mentions[at]
        entries = tuple(glossary.by_id[i] for i in mention.entry_ids if i in glossary.by_id)
        if entries:
            return Target(mention.start, mention.end, mention.text, entries)
    refs = analysis.regions.term_refs
    at = bisect_right(refs, offset, key=lambda r: r.start) - 1
    if at >= 0 and refs[at].start <= offset <= refs[at].end:
        ref = refs[at]
        found = tuple(glossary.lookup(ref.target))
        return Target(ref.start, ref.end, ref.target, found, is_reference=True)
    return None


def is_acronym(word: str) -> bool:
    """TTFT, KV, vLLM: short, no spaces, and more than its first letter upper-case."""
    return " " not in word and sum(c.isupper() for c in word[1:]) >= 1 and len(word) <= 12


def expansion(entry: Entry) -> str | None:
    """The spelled-out form of an acronym entry (TTFT -> time to first token), if it has one."""
    if not is_acronym(entry.name):
        return None
    initials = [c.lower() for c in entry.name if c.isalpha() and c.isupper()]
    for alias in (*entry.aliases, *entry.added_aliases):
        words = alias.replace("-", " ").split()
        if len(words) >= 2 and [w[0].lower() for w in words][: len(initials)] == initials:
            return alias
    return None
