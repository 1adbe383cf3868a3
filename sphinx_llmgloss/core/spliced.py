"""A sorted sequence of placed items spliced from earlier ones, moved only when read.

After an edit near the top of a long page every later mention moves by the edit's
length. Making them all again took a third of an editor's re-analysis; a
:class:`Spliced` keeps the old items with the distance they moved and makes a moved
item only when it is read (a hover looks at a few; a code action walks them all).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from itertools import accumulate, islice
from typing import Any, TypeVar, overload

T = TypeVar("T", bound=tuple[Any, ...])  # named tuples whose first two fields are offsets

# (items, first, stop, delta): items[first:stop], each moved by delta
Part = tuple[Sequence[T], int, int, int]
_MAX_PARTS = 24  # then the items are made once, so that a look-up stays cheap


class Spliced(Sequence[T]):
    """``items[first:stop]`` of each part in turn, offsets moved by the part's delta."""

    __slots__ = ("_ends", "_parts")

    def __init__(self, parts: list[Part[T]]) -> None:
        self._parts = parts
        self._ends = list(accumulate(stop - first for _, first, stop, _ in parts))

    def __len__(self) -> int:
        return self._ends[-1] if self._ends else 0

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...

    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        if isinstance(index, slice):
            return list(self)[index]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        at = bisect_right(self._ends, index)
        items, first, _, delta = self._parts[at]
        item = items[first + index - (self._ends[at - 1] if at else 0)]
        return _moved(item, delta) if delta else item

    def __eq__(self, other: object) -> bool:
        """Equal to a list or another spliced sequence with the same items."""
        if isinstance(other, Spliced | list):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # equal to lists, so unhashable like them

    def __iter__(self) -> Iterator[T]:
        for items, first, stop, delta in self._parts:
            for item in islice(items, first, stop):
                yield _moved(item, delta) if delta else item


def splice(parts: list[Part[T]]) -> Sequence[T]:
    """The parts as one sequence; parts that are themselves spliced are flattened."""
    flat: list[Part[T]] = []
    for items, first, stop, delta in parts:
        if first >= stop:
            continue
        if isinstance(items, Spliced):
            flat.extend(_cut(items, first, stop, delta))
        else:
            flat.append((items, first, stop, delta))
    if len(flat) > _MAX_PARTS:
        return list(Spliced(flat))
    return Spliced(flat)


def _cut(spliced: Spliced[T], first: int, stop: int, delta: int) -> Iterator[Part[T]]:
    """The parts of ``spliced[first:stop]``, moved by ``delta`` more."""
    start = 0
    for (items, lo, _, moved), end in zip(spliced._parts, spliced._ends, strict=True):
        low, high = max(first, start), min(stop, end)
        if low < high:
            yield items, lo + low - start, lo + high - start, moved + delta
        start = end


def _moved(item: T, delta: int) -> T:
    return tuple.__new__(type(item), (item[0] + delta, item[1] + delta, *item[2:]))
