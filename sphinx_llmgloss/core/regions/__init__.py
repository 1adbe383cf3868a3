"""Where in a file terms may be found: prose regions and the markup facts around them.

Every extractor returns a :class:`Regions` with code-point offsets into the
caller's original text. Markup extractors live in :mod:`.markdown` and
:mod:`.rst`, code comment extraction in :mod:`.code`; :func:`extract` picks one
by file type. All of them run in time linear in the size of the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple


class Kind(StrEnum):
    """What a prose region is; front ends may treat them differently."""

    TEXT = "text"  # ordinary prose: paragraphs, list items, table cells, link text
    HEADING = "heading"  # section titles
    COMMENT = "comment"  # a comment in source code (prose written by people)
    DOCSTRING = "docstring"  # a docstring or doc comment


class Region(NamedTuple):
    """A half-open span ``[start, end)`` of prose.

    A named tuple rather than a frozen dataclass: extraction makes one per paragraph,
    heading and table cell, and a tuple is several times cheaper to create.
    """

    start: int
    end: int
    kind: Kind = Kind.TEXT


@dataclass(frozen=True, slots=True)
class TermRef:
    """An explicit glossary reference: ``:term:`X``` (reST) or ``{term}`X``` (MyST).

    ``start``/``end`` span the target text only (``X``, or ``Y`` in ``:term:`text <Y>```).
    """

    start: int
    end: int
    target: str


@dataclass(frozen=True, slots=True)
class Abbreviation:
    """An abbreviation the document defines: ``*[TTFT]: time to first token`` (Markdown)
    or ``:abbr:`TTFT (time to first token)``` (reST)."""

    term: str
    expansion: str
    start: int  # offset of the abbreviation's definition


@dataclass(frozen=True, slots=True)
class DefinedTerm:
    """A term defined by a glossary inside the document (reST ``.. glossary::``, MyST
    ```` ```{glossary} ```` or a ``{.glossary}`` definition list)."""

    term: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open span ``[start, end)``."""

    start: int
    end: int


@dataclass
class Regions:
    """What an extractor found in one text. Lists are sorted by offset."""

    prose: list[Region] = field(default_factory=list)
    # Comment bodies that may hold inline controls (``llmgloss: ignore X``): HTML comments in
    # Markdown, ``..`` comments in reST, every comment in code (those are prose too).
    comments: list[Span] = field(default_factory=list)
    term_refs: list[TermRef] = field(default_factory=list)
    abbreviations: list[Abbreviation] = field(default_factory=list)
    defined_terms: list[DefinedTerm] = field(default_factory=list)
    # The text of hyperlinks (``[text](url)``, ``[text][label]``, `` `text <url>`_ ``):
    # prose, but a word there is explained by where the link goes.
    links: list[Span] = field(default_factory=list)
    # Line starts where the extractor had nothing open, so that it can restart there after
    # an edit further down (Markdown only; see ``core.reanalyze``).
    resume: list[int] = field(default_factory=list)
