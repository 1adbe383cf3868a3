"""Offsets to lines and columns: counted directly for the first few, then from an index."""

from __future__ import annotations

import random
import re

from sphinx_llmgloss.core.positions import LineIndex, line_spans


def test_direct_counts_and_the_index_agree() -> None:
    rng = random.Random(7)
    for _ in range(300):
        text = "".join(rng.choice("ab\n\r é") for _ in range(rng.randrange(60)))
        offsets = [rng.randrange(len(text) + 1) for _ in range(20)]  # past the direct ones
        offsets = [o for o in offsets if text[o - 1 : o + 1] != "\r\n"]  # not inside one
        index = LineIndex(text)
        found = [index.position(offset) for offset in offsets]
        for offset, (line, column) in zip(offsets, found, strict=True):
            # \n, \r\n and a lone \r each end a line, as in the LSP and the extractors
            breaks = list(re.finditer(r"\r\n|\r|\n", text[:offset]))
            assert line == len(breaks) + 1
            assert column == offset - (breaks[-1].end() if breaks else 0) + 1
            assert index.offset(line, column) == offset


def test_line_spans_end_lines_at_lf_crlf_and_cr_only() -> None:
    assert line_spans("a\nb\r\nc\rd\x0ce") == [(0, 1), (2, 3), (5, 6), (7, 10)]
    assert line_spans("") == [(0, 0)]
    assert line_spans("x\n") == [(0, 1), (2, 2)]
