"""The glossary data model: frozen values, no I/O.

An :class:`Entry` is one sense of one term. Homonyms ("Sampling (decoding)" and
"Sampling (observability)") are separate entries that share a surface form and
declare each other in ``homonyms``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from .keys import normalize_key


class Origin(StrEnum):
    """Where an entry's text comes from."""

    SEED = "seed"  # converted from the book's glossary, text verbatim
    ADDED = "added"  # written by us or by a project


class Case(StrEnum):
    """How a surface form's letter case must match prose."""

    AUTO = "auto"  # acronym-like words (TTFT, vLLM) exact, other words folded
    SENSITIVE = "sensitive"
    INSENSITIVE = "insensitive"


class RefKind(StrEnum):
    CHAPTER = "chapter"
    APPENDIX = "appendix"


@dataclass(frozen=True)
class Reference:
    """A pointer into the book, such as Chapter 12 or Appendix D."""

    kind: RefKind
    label: str

    def __str__(self) -> str:
        return f"{self.kind.value.capitalize()} {self.label}"


@dataclass(frozen=True)
class Source:
    """The glossary file an entry was read from, and the entry's line in it."""

    path: str
    origin: Origin = Origin.ADDED
    line: int = 0
    builtin: bool = False


@dataclass(frozen=True)
class MatchPolicy:
    """How an entry is found in prose."""

    case: Case = Case.AUTO
    forms: tuple[str, ...] = ()  # extra surface forms, not shown as aliases
    detect: bool = True  # False: only explicit references, never auto-detected
    ambiguous: tuple[str, ...] = ()  # forms too ordinary to auto-detect
    context: tuple[str, ...] = ()  # words that signal this sense nearby (homonyms)
    examples: tuple[str, ...] = ()  # sentences in which the term must be found
    counterexamples: tuple[str, ...] = ()  # sentences in which it must not


@dataclass(frozen=True)
class Entry:
    """One sense of one glossary term."""

    id: str
    name: str
    definitions: tuple[str, ...]
    sense: str | None = None
    aliases: tuple[str, ...] = ()
    added_aliases: tuple[str, ...] = ()
    discouraged: tuple[str, ...] = ()
    references: tuple[Reference, ...] = ()
    see_also: tuple[str, ...] = ()
    homonyms: tuple[str, ...] = ()
    seed: tuple[str, ...] = ()
    source: Source = field(default_factory=lambda: Source("<memory>"))
    match: MatchPolicy = field(default_factory=MatchPolicy)

    @property
    def definition(self) -> str:
        """All definition texts, in source order, as one paragraph-separated string."""
        return "\n\n".join(self.definitions)

    @property
    def headword(self) -> str:
        """The display headword: the name, qualified by its sense when it has one."""
        return f"{self.name} ({self.sense})" if self.sense else self.name

    def names(self) -> tuple[str, ...]:
        """Name and every alias, the forms a reader may look up."""
        return (self.name, *self.aliases, *self.added_aliases)

    def surface_forms(self) -> tuple[str, ...]:
        """Every spelling that refers to this entry, once each.

        Spellings that differ only in letter case are all kept (vRAM and VRAM), since
        acronym-like words match their exact case.
        """
        seen: dict[str, str] = {}
        for form in (*self.names(), *self.discouraged, *self.match.forms):
            seen.setdefault(normalize_key(form, fold_case=False), form)
        return tuple(seen.values())

    def detectable_forms(self) -> tuple[str, ...]:
        """The surface forms that may be auto-detected in prose."""
        if not self.match.detect:
            return ()
        quiet = {normalize_key(f, fold_case=False) for f in self.match.ambiguous}
        forms = self.surface_forms()
        return tuple(f for f in forms if normalize_key(f, fold_case=False) not in quiet)

    def gated_forms(self) -> tuple[str, ...]:
        """Ambiguous forms that are detected where one of the entry's context words stands
        nearby ("calibration" near "quantization"): none without context words."""
        if not self.match.detect or not self.match.context:
            return ()
        return self.match.ambiguous


_CASE_MARKED = re.compile(r".[A-Z]|^[A-Z]$|^[A-Z][^a-z]*$")


def case_marked_words(form: str, case: Case) -> tuple[bool, ...]:
    """Which words of ``form`` must match with their exact letter case.

    Under :attr:`Case.AUTO` a word is exact when it has an upper-case letter
    after its first character (TTFT, vLLM, RoPE, KServe) or is a lone capital
    (the K of "Q, K, V"); ordinary capitalised words (Prometheus) fold.
    """
    words = normalize_key(form, fold_case=False).split(" ")
    if case is Case.SENSITIVE:
        return tuple(True for _ in words)
    if case is Case.INSENSITIVE:
        return tuple(False for _ in words)
    return tuple(bool(_CASE_MARKED.search(w)) for w in words)
