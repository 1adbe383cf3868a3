"""Offsets to 1-based lines and columns (columns count code points), in O(log n) each."""

from __future__ import annotations

import re
from bisect import bisect_right


class LineIndex:
    """Line starts of one text, computed once."""

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        self._starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset."""
        line = bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        """The code-point offset of a 1-based (line, column)."""
        return self._starts[line - 1] + column - 1
