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
    """Line starts of one text, computed when first needed.

    The first few positions are counted directly: most linted files have a handful of
    findings, and splitting a long file into lines costs more than counting to them.
    """

    __slots__ = ("_asked", "_lone_cr", "_starts", "_text")

    _DIRECT = 8  # positions counted directly before the line starts are built

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: list[int] | None = None
        # Counting "\n" is right for "\n" and "\r\n" line ends; a lone "\r" also ends
        # a line, so such texts take the line table from the start.
        self._lone_cr = "\r" in text and text.count("\r") != text.count("\r\n")
        self._asked = self._DIRECT if self._lone_cr else 0

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset."""
        if self._starts is None and self._asked < self._DIRECT:
            self._asked += 1
            line_start = self._text.rfind("\n", 0, offset) + 1
            return self._text.count("\n", 0, offset) + 1, offset - line_start + 1
        starts = self._line_starts()
        line = bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        """The code-point offset of a 1-based (line, column)."""
        return self._line_starts()[line - 1] + column - 1

    def _line_starts(self) -> list[int]:
        if self._starts is None:
            if not self._lone_cr:
                lengths = map((1).__add__, map(len, self._text.split("\n")[:-1]))
                self._starts = list(accumulate(lengths, initial=0))  # no Python step per line
            else:
                self._starts = [start for start, _ in line_spans(self._text)]
        return self._starts
