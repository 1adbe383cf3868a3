"""Offsets <-> LSP positions under each encoding, with non-ASCII and astral characters."""

from __future__ import annotations

import pytest
from lsprotocol import types

from lsp_server.convert import UTF8, UTF16, UTF32, LineTable

TEXT = "ab\ncé😀KV cache\r\nlast"


@pytest.mark.parametrize(
    ("encoding", "column"),
    [(UTF16, 4), (UTF8, 7), (UTF32, 3)],
)
def test_position_after_an_astral_character(encoding: str, column: int) -> None:
    table = LineTable(TEXT, encoding)
    offset = TEXT.index("KV")
    assert table.position(offset) == types.Position(line=1, character=column)
    assert table.offset(types.Position(line=1, character=column)) == offset


def test_crlf_ends_a_line_and_is_not_part_of_it() -> None:
    table = LineTable(TEXT)
    assert table.position(TEXT.index("last")) == types.Position(line=2, character=0)
    assert table.offset(types.Position(line=1, character=99)) == TEXT.index("\r\n")


def test_positions_beyond_the_text_are_clamped() -> None:
    table = LineTable(TEXT)
    assert table.offset(types.Position(line=10, character=0)) == len(TEXT)
    assert table.position(10_000) == types.Position(line=2, character=4)


def test_round_trip_of_every_offset() -> None:
    for encoding in (UTF8, UTF16, UTF32):
        table = LineTable(TEXT, encoding)
        for offset in range(len(TEXT) + 1):
            if TEXT[offset - 1 : offset] == "\r":
                continue  # the middle of a CRLF is not a position
            assert table.offset(table.position(offset)) == offset
