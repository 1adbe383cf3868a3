"""Fold prose for matching without changing its length, so offsets need no map.

Folding lower-cases the text and turns tabs, no-break spaces and carriage returns
into plain spaces and line breaks, one character for one. Everything else a
spelling may vary in (hyphen, space, line break plus indentation between words,
typographic apostrophes, plural endings) is put into the automaton's keys, which
is far cheaper than rewriting the whole text in Python.
"""

from __future__ import annotations

_ONE_FOR_ONE = (("\u0130", "I"), ("\r\n", "\n "), ("\r", "\n"), ("\t", " "), ("\xa0", " "))


def fold_text(text: str) -> str:
    """``text`` lower-cased with white space simplified; always the same length."""
    for old, new in _ONE_FOR_ONE:
        if old in text:
            text = text.replace(old, new)
    return text.lower()


def fold_around(text: str, spans: list[tuple[int, int]], margin: int) -> str:
    """``text`` folded within ``margin`` of the sorted ``spans`` and left as it is
    elsewhere: the same length, and the same as :func:`fold_text` in those windows.

    A document's few spans that need matching then cost what they are, not what the
    whole document is (lower-casing text with any non-ASCII character is slow in
    CPython). A window never splits a CR LF pair, which folds as a pair. A capital
    sigma lower-cases according to its neighbours, however far: text with one is
    folded whole.
    """
    windows: list[list[int]] = []
    for start, end in spans:
        start, end = max(0, start - margin), min(len(text), end + margin)
        if 0 < start < len(text) and text[start - 1 : start + 1] == "\r\n":
            start -= 1
        if 0 < end < len(text) and text[end - 1 : end + 1] == "\r\n":
            end += 1
        if windows and start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)
        else:
            windows.append([start, end])
    if sum(end - start for start, end in windows) * 2 > len(text) or "\u03a3" in text:
        return fold_text(text)
    pieces: list[str] = []
    at = 0
    for start, end in windows:
        pieces += (text[at:start], fold_text(text[start:end]))
        at = end
    pieces.append(text[at:])
    return "".join(pieces)
