"""Spliced sequences: items of earlier analyses moved by later edits, made when read."""

from __future__ import annotations

import random
from typing import NamedTuple

import pytest

from sphinx_llmgloss.core.spliced import Spliced, splice


class Item(NamedTuple):
    start: int
    end: int
    text: str


def items(*starts: int) -> list[Item]:
    return [Item(s, s + 1, f"i{s}") for s in starts]


def moved(found: list[Item], delta: int) -> list[Item]:
    return [Item(i.start + delta, i.end + delta, i.text) for i in found]


def test_parts_read_as_one_moved_sequence() -> None:
    old, new = items(1, 5, 9, 20), items(10, 12)
    spliced = splice([(old, 0, 2, 0), (new, 0, 2, 0), (old, 2, 4, 3)])
    expected = [*old[:2], *new, *moved(old[2:], 3)]
    assert list(spliced) == expected
    assert spliced == expected and expected == spliced
    assert len(spliced) == 6
    assert [spliced[i] for i in range(-6, 6)] == expected + expected
    assert spliced[1:4] == expected[1:4]
    assert type(spliced[5]) is Item
    with pytest.raises(IndexError):
        spliced[6]


def test_spliced_parts_are_flattened_and_long_chains_made_once() -> None:
    rng = random.Random(4)
    truth = items(*range(0, 400, 4))
    current = splice([(truth, 0, len(truth), 0)])
    for _ in range(60):  # an edit: cut out a stretch, insert new items, move the rest
        cut = rng.randrange(len(truth))
        stop = min(len(truth), cut + rng.randrange(3))
        delta = rng.randrange(-2, 3)
        inserted = items(-1) if rng.random() < 0.5 else []
        truth = [*truth[:cut], *inserted, *moved(truth[stop:], delta)]
        current = splice(
            [
                (current, 0, cut, 0),
                (inserted, 0, len(inserted), 0),
                (current, stop, len(current), delta),
            ]
        )
        assert current == truth
        assert not isinstance(current, Spliced) or len(current._parts) <= 24


def test_empty_parts_and_empty_sequences() -> None:
    assert list(splice([])) == []
    assert len(splice([(items(1), 1, 1, 5)])) == 0
    assert splice([(items(1, 2), 0, 2, 0)]) != items(1)
