"""Fold prose for matching while keeping a map back to the caller's offsets.

The folded text has typographic dashes/apostrophes unified, case folded and
white-space runs collapsed to one space. Offsets into it map back to code-point
offsets into the original string; the common case needs no per-character work.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .keys import CHAR_TABLE

_SPACE_RUN = re.compile(r"\s{2,}|[^\S ]")


class FoldedText:
    """``folded`` plus the mapping of its offsets to offsets in ``original``."""

    __slots__ = ("_index", "_marks", "_shifts", "folded", "original")

    def __init__(self, original: str) -> None:
        self.original = original
        unified = original.translate(CHAR_TABLE)
        folded = unified.casefold()
        self._index: list[int] | None = None
        if len(folded) != len(unified):  # e.g. "ß" -> "ss": rare, so per char
            folded, self._index = _fold_per_char(unified)
        self.folded, self._marks, self._shifts = _collapse_spaces(folded)

    def to_original(self, offset: int) -> int:
        """Map an offset in ``folded`` (start of a character) to ``original``."""
        at = bisect_right(self._marks, offset) - 1
        position = offset + (self._shifts[at] if at >= 0 else 0)
        if self._index is None:
            return position
        return self._index[position] if position < len(self._index) else len(self.original)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of ``folded`` to ``original``."""
        return self.to_original(start), self.to_original(end - 1) + 1


def _fold_per_char(unified: str) -> tuple[str, list[int]]:
    pieces: list[str] = []
    index: list[int] = []
    for position, char in enumerate(unified):
        folded = char.casefold()
        pieces.append(folded)
        index.extend([position] * len(folded))
    return "".join(pieces), index


def _collapse_spaces(text: str) -> tuple[str, list[int], list[int]]:
    """Replace white-space runs by one space; record where the offset shift changes."""
    marks: list[int] = []
    shifts: list[int] = []
    pieces: list[str] = []
    last = 0
    removed = 0
    for run in _SPACE_RUN.finditer(text):
        pieces.append(text[last : run.start()])
        pieces.append(" ")
        removed += len(run.group()) - 1
        marks.append(run.start() - (removed - (len(run.group()) - 1)) + 1)
        shifts.append(removed)
        last = run.end()
    if not marks:
        return text, marks, shifts
    pieces.append(text[last:])
    return "".join(pieces), marks, shifts
