"""Pieces both markup extractors share: lines, prose assembly and inline look-ups.

The one rule: helpers take and return offsets into the caller's original text and
never rescan text they have already passed, so the extractors stay linear.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from itertools import repeat
from operator import attrgetter

from ..positions import line_spans
from . import Abbreviation, DefinedTerm, Kind, Region, Regions, Span, TermRef

Segment = tuple[int, int]
# (text, start, end, findings, triggers, first trigger) -> the spans of the unit that are
# not prose
InlineScan = Callable[[str, int, int, Regions, "Triggers", int], list[Segment]]

_WORD = re.compile(r"[^\W_]")
_START = attrgetter("start")
_URL = re.compile(r"(?i:(https?://|ftp://|mailto:|www\.))[^\s<>`]*")
_URL_TRAILER = frozenset(".,:;!?'\"*_~")
_SCHEMES = ((5, "https"), (4, "http"), (3, "ftp"))
_MAILTO = re.compile(r"[mM][aA][iI][lL][tT][oO]:")
_GLUE = frozenset("/.@+-_")  # a bare URL does not start right after these or a word character


def split_lines(text: str) -> list[Segment]:
    """Return ``(start, end)`` of every line, its line break excluded; a byte order mark
    is left out of the first line, so it cannot hide a heading."""
    lines = line_spans(text)
    if text.startswith("\ufeff"):
        return [(1, lines[0][1]), *lines[1:]]
    return lines


def skip_indent(text: str, pos: int, end: int, column: int = 0, tab: int = 4) -> Segment:
    """Return the offset and column after the spaces and tabs at ``pos``."""
    while pos < end:
        char = text[pos]
        if char == " ":
            column += 1
        elif char == "\t":
            column += tab - column % tab
        else:
            break
        pos += 1
    return pos, column


def is_blank(text: str, pos: int, end: int) -> bool:
    """Whether ``[pos, end)`` holds only spaces and tabs."""
    return skip_indent(text, pos, end)[0] >= end


def strip(text: str, start: int, end: int) -> Segment:
    """Narrow ``[start, end)`` so that it neither starts nor ends with white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def url_end(text: str, pos: int, end: int) -> int:
    """Return where the bare URL at ``pos`` ends, or ``pos`` if there is none.

    Trailing punctuation and unbalanced closing parentheses are left out, as GitHub's
    autolinks do, so "see https://x.org)." keeps ")." as text.
    """
    match = _URL.match(text, pos, end)
    if match is None:
        return pos
    stop = match.end()
    opens, closes = text.count("(", pos, stop), text.count(")", pos, stop)
    while stop > match.end(1):
        char = text[stop - 1]
        if char in _URL_TRAILER:
            stop -= 1
        elif char == ")" and closes > opens:
            stop -= 1
            closes -= 1
        else:
            break
    return stop if stop > match.end(1) else pos


class UrlIndex:
    """Where a document's bare URLs start (``https://``, ``http://``, ``ftp://``,
    ``www.`` or ``WWW.``, optionally ``mailto:``; scheme case ignored; not glued to a
    word).

    Found once per document with ``str.find``: a case-insensitive alternation in each
    unit's inline regex could not skip ahead and cost a quarter of Markdown extraction.
    """

    def __init__(self, text: str, mailto: bool = False) -> None:
        found: list[Segment] = []
        at = text.find("://")
        while at >= 0:
            for width, scheme in _SCHEMES:
                if at >= width and text[at - width : at].lower() == scheme:
                    found.append((at - width, at + 3))
                    break
            at = text.find("://", at + 3)
        for www in ("www.", "WWW."):
            at = text.find(www)
            while at >= 0:
                found.append((at, at + 4))
                at = text.find(www, at + 4)
        if mailto:
            found.extend(hit.span() for hit in _MAILTO.finditer(text))
        found = sorted(hit for hit in found if hit[0] == 0 or not _glued(text[hit[0] - 1]))
        self._starts = [start for start, _ in found]
        self._stops = [stop for _, stop in found]

    def within(self, start: int, end: int) -> list[int]:
        """The starts of URLs whose scheme or ``www.`` lies inside ``[start, end)``."""
        if not self._starts:
            return []
        first = bisect_left(self._starts, start)
        last = bisect_left(self._starts, end, first)
        if first == last:
            return []
        return [self._starts[at] for at in range(first, last) if self._stops[at] <= end]


def _glued(char: str) -> bool:
    return char in _GLUE or char.isalnum()


class Triggers:
    """Where the next inline construct may start: a markup character or a bare URL.

    One regex for both needed a case-insensitive alternation that ``re`` cannot skip
    ahead for; it cost a quarter of Markdown extraction. Markup characters are one
    character class here and URLs come from ``str.find``.
    """

    def __init__(self, text: str, end: int, markup: re.Pattern[str], urls: list[int]) -> None:
        self._text, self._end, self._markup = text, end, markup
        self._urls = urls  # from :meth:`UrlIndex.within`
        self._next_url = 0

    @classmethod
    def first(
        cls, text: str, start: int, end: int, markup: re.Pattern[str], urls: UrlIndex
    ) -> tuple[Triggers, int] | None:
        """The triggers of ``[start, end)`` and where the first is; ``None`` when there is
        none, as in most table cells and many lines (one regex search decides)."""
        starts = urls.within(start, end)
        if not starts and markup.search(text, start, end) is None:
            return None
        triggers = cls(text, end, markup, starts)
        return triggers, triggers.find(start)

    def no_urls(self) -> bool:
        """Whether no bare URL starts in the unit."""
        return not self._urls

    def find(self, pos: int) -> int:
        """The first trigger at or after ``pos``, or -1."""
        urls, at = self._urls, self._next_url
        while at < len(urls) and urls[at] < pos:
            at += 1
        self._next_url = at
        url = urls[at] if at < len(urls) else self._end
        match = self._markup.search(self._text, pos, url)
        if match is not None:
            return match.start()
        return url if url < self._end else -1


def next_at(positions: list[int], start: int) -> int:
    """Return the first of the sorted ``positions`` at or after ``start``, or -1."""
    at = bisect_left(positions, start)
    return positions[at] if at < len(positions) else -1


class Finder:
    """``str.find`` and ``re.search`` over one unit that remember their answers.

    Openers without closers (a thousand ``<!--`` and no ``-->``) then cost one scan
    in total instead of one scan each.
    """

    def __init__(self, text: str, end: int) -> None:
        self._text = text
        self._end = end
        self._memo: dict[str | re.Pattern[str], tuple[int, Segment | None]] = {}

    def find(self, needle: str | re.Pattern[str], start: int) -> Segment | None:
        """Return the span of the first ``needle`` at or after ``start``."""
        memo = self._memo.get(needle)
        if memo is not None:
            searched_from, hit = memo
            if searched_from <= start and (hit is None or hit[0] >= start):
                return hit
        found: Segment | None
        if isinstance(needle, str):
            at = self._text.find(needle, start, self._end)
            found = (at, at + len(needle)) if at >= 0 else None
        else:
            match = needle.search(self._text, start, self._end)
            found = match.span() if match else None
        self._memo[needle] = (start, found)
        return found


def record_role(found: Regions, text: str, name: str, start: int, content: Segment) -> None:
    """Note what a ``term`` or ``abbr`` role says; ``start`` is where the role begins."""
    name = name.lower().removeprefix("std:")
    first, last = strip(text, *content)
    if first >= last:
        return
    if name == "term":
        if text[last - 1] == ">":
            opening = text.rfind("<", first, last - 1)
            if opening >= 0:
                target = strip(text, opening + 1, last - 1)
                if target[0] < target[1]:
                    first, last = target
        found.term_refs.append(TermRef(first, last, text[first:last]))
    elif name == "abbr":
        opening = text.find("(", first, last)
        if opening > first and text[last - 1] == ")":
            term, expansion = strip(text, first, opening), strip(text, opening + 1, last - 1)
            found.abbreviations.append(
                Abbreviation(text[slice(*term)], text[slice(*expansion)], start)
            )
        else:
            found.abbreviations.append(Abbreviation(text[first:last], "", start))


def defined_term(text: str, start: int, end: int) -> DefinedTerm | None:
    """The term on a glossary term line, without a ``term : classifier`` classifier."""
    classifier = text.find(" : ", start, end)
    start, end = strip(text, start, classifier if classifier >= 0 else end)
    return DefinedTerm(text[start:end], start, end) if start < end else None


def add_shifted(found: Regions, inner: Regions, offset: int) -> None:
    """Add findings made in a slice of the text, moved to offsets in the whole text."""
    if inner.prose:  # the long list: moved column-wise, no Python code per region
        starts, ends, kinds = zip(*inner.prose, strict=True)
        moved = zip(map(offset.__add__, starts), map(offset.__add__, ends), kinds, strict=True)
        found.prose.extend(map(tuple.__new__, repeat(Region), moved))
    found.comments.extend(Span(c.start + offset, c.end + offset) for c in inner.comments)
    found.term_refs.extend(
        TermRef(ref.start + offset, ref.end + offset, ref.target) for ref in inner.term_refs
    )
    found.abbreviations.extend(
        Abbreviation(a.term, a.expansion, a.start + offset) for a in inner.abbreviations
    )
    found.defined_terms.extend(
        DefinedTerm(t.term, t.start + offset, t.end + offset) for t in inner.defined_terms
    )
    found.links.extend(Span(s.start + offset, s.end + offset) for s in inner.links)


def add_comment(found: Regions, text: str, start: int, end: int) -> None:
    """Record a comment body, without its surrounding white space, unless it is empty."""
    start, end = strip(text, start, end)
    if start < end:
        found.comments.append(Span(start, end))


class Collector:
    """Turn units (prose segments minus excluded spans) into tight, merged regions."""

    def __init__(
        self, text: str, markup: re.Pattern[str], scan: InlineScan, urls: UrlIndex
    ) -> None:
        self.text = text
        self.found = Regions()
        self._markup, self._scan, self._urls = markup, scan, urls

    def unit(self, segments: list[Segment], kind: Kind) -> None:
        """Add one unit (a paragraph, heading, cell or title) minus its inline markup."""
        if not segments:
            return
        start, end = segments[0][0], segments[-1][1]
        first = Triggers.first(self.text, start, end, self._markup, self._urls)
        if first is None:  # most units: one regex search decides
            self.add(segments, [], kind)
        else:
            self.add(segments, self._scan(self.text, start, end, self.found, *first), kind)

    def add(self, segments: list[Segment], excluded: list[Segment], kind: Kind) -> None:
        """Add the prose of one unit: a paragraph, heading, table cell or title.

        Pieces separated only by white space (a soft line break) become one region,
        so multi-word terms that wrap across lines stay matchable.
        """
        text = self.text
        if excluded:
            excluded.sort()
            pieces: Iterable[Segment] = _subtract(segments, excluded)
        else:
            pieces = segments  # most units: nothing to cut out
        # One loop with the region test written out: it runs per piece of every unit.
        prose, first, last = self.found.prose, -1, -1
        for start, end in pieces:
            if start >= end:
                continue
            if text[start].isspace() or text[end - 1].isspace():  # most pieces are tight
                start, end = strip(text, start, end)
                if start >= end:
                    continue
            if first >= 0:
                if last == start or text[last:start].isspace():
                    last = end
                    continue
                if text[first].isalnum() or _WORD.search(text, first, last):
                    prose.append(tuple.__new__(Region, (first, last, kind)))
            first, last = start, end
        # A region needs a letter or digit: "." or "|" hold no terms.
        if first >= 0 and (text[first].isalnum() or _WORD.search(text, first, last)):
            # tuple.__new__ skips the named tuple's Python-level __new__: one per region.
            prose.append(tuple.__new__(Region, (first, last, kind)))

    def comment(self, start: int, end: int) -> None:
        """Record a comment body for inline controls."""
        add_comment(self.found, self.text, start, end)

    def finish(self) -> Regions:
        """Return the findings with every list sorted by offset."""
        found = self.found
        for items in (
            found.prose,
            found.comments,
            found.term_refs,
            found.abbreviations,
            found.defined_terms,
            found.links,
        ):
            items.sort(key=_START)
        return found


def _subtract(segments: list[Segment], excluded: list[Segment]) -> Iterator[Segment]:
    """Yield the parts of ``segments`` outside the sorted ``excluded`` spans."""
    first = 0
    for start, end in segments:
        while first < len(excluded) and excluded[first][1] <= start:
            first += 1
        pos = start
        at = first
        while at < len(excluded) and excluded[at][0] < end:
            if excluded[at][0] > pos:
                yield pos, excluded[at][0]
            pos = max(pos, excluded[at][1])
            at += 1
        if pos < end:
            yield pos, end
