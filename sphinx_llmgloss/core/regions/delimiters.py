"""Peel comment and string delimiters off, leaving the prose as code-point spans.

The one rule: a span handed out here never starts or ends with white space, and never starts
with a delimiter the syntax added (``#``, ``//``, ``/*``, the ``*`` that decorates the lines
of a block comment, quotes, string prefixes). Work stays inside ``[start, end)`` of the
caller's text, so offsets need no mapping afterwards.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import StrEnum

from . import Kind


class DocStyle(StrEnum):
    """How a language's doc comments differ from its ordinary comments."""

    NONE = "none"  # no doc comment syntax (or, as in Go, doc comments are told by position)
    JAVADOC = "javadoc"  # ``/** ... */``
    DOXYGEN = "doxygen"  # ``/** */``, ``/*! */``, ``///`` and ``//!`` (C family, Rust)


# Openers of the comments tree-sitter hands us: ``/*`` (plus ``*``/``!`` doc markers and the
# Doxygen ``<`` for members), ``//`` (plus ``/``, ``!``, ``<``) and ``#`` runs.
_OPENER = re.compile(r"/\*+!?<?|//+!?<?|#+")
# Characters that open a comment in the languages the Pygments fallback lexes: ``--``
# (Lua, SQL, Haskell), ``;`` (Lisp), ``%`` (TeX, Erlang), ``!`` (Fortran), ``{-``, ``(*``,
# ``<!--``, ``--[[`` and the quote of Vim or Visual Basic. Only the run before the first
# space is taken, so ``-- "quoted"`` keeps its quote.
_GENERIC_OPENER = re.compile(r"[#/*\-;%!{(<\[|'\"]+")
_GENERIC_CLOSERS = ("-->", "*/", "-}", "*)", "|#", "]]")
_QUOTES = re.compile(r"[A-Za-z]{0,2}(\"\"\"|'''|\"|'|`)")


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` to exclude white space at both ends."""
    piece = text[start:end]
    stripped = piece.lstrip()
    start += len(piece) - len(stripped)
    return start, start + len(stripped.rstrip())


def lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Yield ``[line_start, line_end)`` for each line of ``text[start:end]``."""
    while True:
        newline = text.find("\n", start, end)
        if newline < 0:
            yield start, end
            return
        yield start, newline
        start = newline + 1


def comment_body(text: str, start: int, end: int) -> tuple[int, int, bool]:
    """The body of a ``#``, ``//`` or ``/* */`` comment and whether it is a block comment."""
    opener = _OPENER.match(text, start, end)
    body_start = opener.end() if opener else start
    block = text.startswith("/*", start, end)
    body_end = end
    if block and text.endswith("*/", body_start, end):
        body_end = end - 2
        while body_end > body_start and text[body_end - 1] == "*":  # ``/*** banner ***/``
            body_end -= 1
    return body_start, max(body_start, body_end), block


def comment_kind(text: str, start: int, style: DocStyle) -> Kind:
    """Whether the comment at ``start`` is a doc comment in the language's conventions."""
    if style is DocStyle.NONE:
        return Kind.COMMENT
    javadoc = text.startswith("/**", start) and not text.startswith(("/***", "/**/"), start)
    if style is DocStyle.JAVADOC:
        return Kind.DOCSTRING if javadoc else Kind.COMMENT
    line_doc = text.startswith("///", start) and not text.startswith("////", start)
    if javadoc or line_doc or text.startswith(("//!", "/*!"), start):
        return Kind.DOCSTRING
    return Kind.COMMENT


def prose_lines(text: str, start: int, end: int, *, decorated: bool) -> Iterator[tuple[int, int]]:
    """Yield the non-blank lines of a comment body, trimmed.

    With ``decorated`` (block comments), a run of ``*`` at the start of every line after
    the first is dropped: the `` * `` that Javadoc, JSDoc and Doxygen put down the margin.
    Lines become separate spans because the margin sits between them.
    """
    first = True
    for line_start, line_end in lines(text, start, end):
        begin, stop = trim(text, line_start, line_end)
        if decorated and not first:
            while begin < stop and text[begin] == "*":
                begin += 1
            begin, stop = trim(text, begin, stop)
        first = False
        if begin < stop:
            yield begin, stop


def generic_lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Yield the prose lines of a comment in a syntax we only know from Pygments.

    Each line loses a leading run of comment punctuation and a trailing block closer, which
    fits the common syntaxes; the price is that prose starting with such punctuation
    (``-- (see below)``) is fine but ``--(see below)`` loses its parenthesis.
    """
    for line_start, line_end in lines(text, start, end):
        begin, stop = trim(text, line_start, line_end)
        opener = _GENERIC_OPENER.match(text, begin, stop)
        if opener:
            begin = opener.end()
        for closer in _GENERIC_CLOSERS:
            if text.endswith(closer, begin, stop):
                stop -= len(closer)
                while stop > begin and text[stop - 1] == closer[0]:
                    stop -= 1
                break
        begin, stop = trim(text, begin, stop)
        if begin < stop:
            yield begin, stop


def string_body(text: str, start: int, end: int) -> tuple[int, int]:
    """The contents of a quoted string literal ``[start, end)``, without prefix and quotes."""
    quote = _QUOTES.match(text, start, end)
    if quote is None:
        return trim(text, start, end)
    body_start = quote.end()
    body_end = end
    if text.endswith(quote.group(1), body_start, end):
        body_end -= len(quote.group(1))
    return trim(text, body_start, body_end)
