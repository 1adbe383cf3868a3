"""Analyse a document again after an edit, reading again only what the edit can change.

An editor sends a document after every keystroke; re-reading 5,000 lines each time
costs tens of milliseconds. Markdown extraction records *resume points*, line starts
where nothing was open. After an edit it restarts at the last resume point before the
edit and stops at the first one after it, in the unchanged tail, where it is at rest
again: from there on the old findings hold, shifted by the edit's length.

Mentions and jargon words are found per prose region and depend only on the text in
and around their region (homonym ranking reads ``_WINDOW`` characters each side), so
only regions within ``MARGIN`` of the re-read part are matched again. The page-wide
report (first use of a word, definitions, inline controls) is then made from the
spliced parts. The result equals a full analysis; tests hold it to that.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import repeat
from operator import itemgetter
from typing import NamedTuple, Protocol, TypeVar

from .lint import Analysis, Linter, Word
from .match import Mention
from .regions import Regions
from .regions._scan import add_shifted
from .regions.markdown import extract_markdown_from, front_matter_end
from .regions.select import MARKDOWN
from .spliced import splice

MARGIN = 300  # > the homonym window (250) plus the reach of word and term checks
_FIELDS = ("prose", "comments", "term_refs", "abbreviations", "defined_terms", "links")


class _Placed(Protocol):
    @property
    def start(self) -> int: ...


T = TypeVar("T", bound=_Placed)
M = TypeVar("M", Mention, Word)
_new = tuple.__new__


class Edit(NamedTuple):
    """What changed: ``old[start:old_end]`` became ``new[start:new_end]``."""

    start: int
    old_end: int
    new_end: int

    @property
    def delta(self) -> int:
        return self.new_end - self.old_end

    @classmethod
    def between(cls, old: str, new: str) -> Edit:
        start = _common_prefix(old, new)
        tail = _common_suffix(old, new, min(len(old), len(new)) - start)
        return cls(start, len(old) - tail, len(new) - tail)


def reanalyze(
    linter: Linter, old_text: str, old: Analysis, new_text: str, filetype: str
) -> Analysis:
    """The analysis of ``new_text``, reusing ``old`` (the analysis of ``old_text`` by the
    same linter) where the edit between them cannot have changed anything."""
    if old_text == new_text:
        return old
    if filetype != MARKDOWN or not old.regions.resume:
        return linter.analyze(new_text, filetype)
    edit = Edit.between(old_text, new_text)
    head_old, head_new = front_matter_end(old_text), front_matter_end(new_text)
    if head_new != (head_old if head_old <= edit.start else head_old + edit.delta):
        return linter.analyze(new_text, filetype)
    regions, start, stopped = _regions(old.regions, new_text, edit)
    prose = regions.prose
    first = bisect_right(list(map(itemgetter(1), prose)), start - MARGIN)
    last = bisect_left(list(map(itemgetter(0), prose)), stopped + MARGIN, first)
    # Offsets of the cuts in the old text: before ``start`` both texts agree.
    before = min(start, prose[first].start) if first < len(prose) else start
    after = prose[last].start - edit.delta if last < len(prose) else len(old_text) + 1
    middle = prose[first:last]
    found = linter.matcher.find_in(new_text, [(r.start, r.end) for r in middle])
    delta = edit.delta
    previous = old.mentions
    mentions = splice(
        [
            (previous, 0, _index(previous, before), 0),
            (found, 0, len(found), 0),
            (previous, _index(previous, after), len(previous), delta),
        ]
    )
    words = [
        *_until(old.words, before),
        *linter.words(new_text, middle, found),
        *_shifted(old.words, after, delta, Word),
    ]
    return Analysis(regions, mentions, linter.report(new_text, regions, mentions, words), words)


def _regions(old: Regions, new_text: str, edit: Edit) -> tuple[Regions, int, int]:
    """The new text's regions, where extraction restarted and where it stopped (new
    offsets; the length of the text if it read to the end)."""
    resume = old.resume
    start = resume[bisect_right(resume, edit.start) - 1] if resume[0] <= edit.start else 0
    # A resume point is reusable when the line break before it is in the unchanged tail.
    tail = set(resume[bisect_left(resume, edit.old_end + 1) :])
    part, stopped = extract_markdown_from(new_text, start, lambda at: at - edit.delta in tail)
    found = Regions()
    for name in _FIELDS:
        getattr(found, name).extend(_until(getattr(old, name), start))
        getattr(found, name).extend(getattr(part, name))
    found.resume = [*resume[: bisect_left(resume, start)], *part.resume]
    if stopped is not None:
        cut = stopped - edit.delta
        rest = Regions(*(list(_from(getattr(old, name), cut)) for name in _FIELDS))
        add_shifted(found, rest, edit.delta)
        found.resume.extend(at + edit.delta for at in resume[bisect_left(resume, cut) :])
    return found, start, len(new_text) if stopped is None else stopped


def _until(items: Sequence[T], offset: int) -> Sequence[T]:
    """The items (sorted by start) that start before ``offset``."""
    return items[: bisect_left(items, offset, key=lambda item: item.start)]


def _index(items: Sequence[T], offset: int) -> int:
    """Where the items that start at or after ``offset`` begin."""
    return bisect_left(items, offset, key=lambda item: item.start)


def _from(items: Sequence[T], offset: int) -> Sequence[T]:
    return items[bisect_left(items, offset, key=lambda item: item.start) :]


def _shifted(items: Sequence[M], offset: int, delta: int, kind: type[M]) -> list[M]:
    """The items from ``offset`` on, moved by ``delta``. After an edit near the top of a
    long page every mention moves; built column-wise with ``map``, no Python code runs
    per item (a comprehension calling the named tuple's constructor took 5 ms)."""
    moved = _from(items, offset)
    if not moved:
        return []
    columns = list(zip(*moved, strict=True))
    starts, ends = map(delta.__add__, columns[0]), map(delta.__add__, columns[1])
    return list(map(_new, repeat(kind), zip(starts, ends, *columns[2:], strict=True)))


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix, by halving: slice comparisons run at C speed."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        mid = (low + high + 1) // 2
        if a.startswith(b[low:mid], low):
            low = mid
        else:
            high = mid - 1
    return low


def _common_suffix(a: str, b: str, limit: int) -> int:
    """Length of the common suffix, at most ``limit``."""
    low, high = 0, limit
    while low < high:
        mid = (low + high + 1) // 2
        if a.endswith(b[len(b) - mid : len(b) - low], 0, len(a) - low):
            low = mid
        else:
            high = mid - 1
    return low
