"""Core code-point offsets <-> LSP positions: the one module that knows UTF-8/16/32.

A :class:`LineTable` is built once per document version (one pass over the text);
each conversion then costs a binary search plus, on a non-ASCII line only, work
proportional to that one line, so converting every match of a document stays
linear in its size.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from lsprotocol import types

from sphinx_llmgloss.core.positions import line_spans

_NON_ASCII = re.compile(r"[^\x00-\x7f]")

UTF8 = types.PositionEncodingKind.Utf8
UTF16 = types.PositionEncodingKind.Utf16
UTF32 = types.PositionEncodingKind.Utf32


def _units(text: str, encoding: str) -> int:
    """Length of ``text`` in the encoding's code units."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _char_units(char: str, encoding: str) -> int:
    code = ord(char)
    if encoding == UTF32 or code < 0x80:
        return 1
    if encoding == UTF8:
        return 2 if code < 0x800 else 3 if code < 0x10000 else 4
    return 2 if code >= 0x10000 else 1


class LineTable:
    """Line starts and non-ASCII lines of one text, for one position encoding."""

    __slots__ = ("_ascii", "_encoding", "_ends", "_starts", "text")

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self._encoding = encoding
        spans = line_spans(text)
        starts, ends = zip(*spans, strict=True)
        self._starts: list[int] = list(starts)
        self._ends: list[int] = list(ends)  # each line's content end, before its break
        if text.isascii():
            self._ascii = [True] * len(spans)
        else:
            non_ascii = {self.line_of(m.start()) for m in _NON_ASCII.finditer(text)}
            self._ascii = [n not in non_ascii for n in range(len(spans))]

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_of(self, offset: int) -> int:
        """0-based line holding a code-point offset."""
        return bisect_right(self._starts, offset) - 1

    def line_start(self, line: int) -> int:
        return self._starts[min(max(line, 0), len(self._starts) - 1)]

    def line_end(self, line: int) -> int:
        """Offset of the end of a line's content (its terminator excluded)."""
        return self._ends[min(max(line, 0), len(self._ends) - 1)]

    def position(self, offset: int) -> types.Position:
        """The LSP position of a code-point offset (clamped to the text)."""
        offset = min(max(offset, 0), len(self.text))
        line = self.line_of(offset)
        start = self._starts[line]
        column = min(offset, self._ends[line]) - start
        if not self._ascii[line]:
            column = _units(self.text[start : start + column], self._encoding)
        return types.Position(line=line, character=column)

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(end))

    def offset(self, position: types.Position) -> int:
        """The code-point offset of an LSP position; out-of-range values are clamped."""
        if position.line >= len(self._starts):
            return len(self.text)
        start, end = self._starts[position.line], self._ends[position.line]
        if self._ascii[position.line]:
            return min(start + position.character, end)
        units = 0
        for offset in range(start, end):
            if units >= position.character:
                return offset
            units += _char_units(self.text[offset], self._encoding)
        return end

    def whole(self) -> types.Range:
        """The range of the whole text, for a full replacement."""
        return self.range(0, len(self.text))
