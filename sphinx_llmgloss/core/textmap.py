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
