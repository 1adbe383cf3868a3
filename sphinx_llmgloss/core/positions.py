"""Offsets to 1-based lines and columns (columns count code points), in O(log n) each."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate

_EOL = re.compile(r"\r\n|\r|\n")


@lru_cache(maxsize=2)
def line_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line, its terminator excluded; do not modify the list.

    Only ``\\n``, ``\\r\\n`` and ``\\r`` end lines (as in Markdown, reST and the LSP):
    ``str.splitlines`` also splits on form feeds and Unicode separators. The last texts'
    spans are remembered: an editor's document is split by the extractor and by the
    position table, once per version.
    """
    if "\r" in text:
        lines: list[tuple[int, int]] = []
        start = 0
        for match in _EOL.finditer(text):
            lines.append((start, match.start()))
            start = match.end()
        lines.append((start, len(text)))
        return lines
    # The usual case, without a Python step per line: it showed in profiles.
    after = list(accumulate(map((1).__add__, map(len, text.split("\n")))))
    return list(zip([0, *after[:-1]], map((-1).__add__, after), strict=True))


class LineIndex:
    """Line starts of one text, computed once."""

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        lengths = map((1).__add__, map(len, text.split("\n")[:-1]))
        self._starts = list(accumulate(lengths, initial=0))  # no Python step per line

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset."""
        line = bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        """The code-point offset of a 1-based (line, column)."""
        return self._starts[line - 1] + column - 1
