"""Prose regions of reStructuredText, found by one indentation-driven pass over lines.

The one rule: reST structure is decided by indentation, so each line is classified
once against a handful of open states (paragraph, skipped block, directive head,
glossary, table) and never revisited; extraction is linear in the size of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from . import Kind, Regions
from ._directives import directive_arguments, directive_body
from ._rstinline import MARKUP, scan_inline
from ._scan import (
    Collector,
    Segment,
    UrlIndex,
    defined_term,
    is_blank,
    skip_indent,
    split_lines,
    strip,
)

_TAB = 8  # docutils expands tabs to multiples of eight columns
_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_BULLETS = frozenset("-*+\u2022\u2023\u2043")
_DIRECTIVE = re.compile(r"\.\.[ \t]+([A-Za-z0-9](?:[\w.+-]|:(?!:))*+)::(?=[ \t]|$)")
_FOOTNOTE = re.compile(r"\.\.[ \t]+\[[^\]\s]+\](?=[ \t]|$)")
_ENUMERATOR = re.compile(
    r"(?:[0-9]+|#|[A-Za-z]|[ivxlcdmIVXLCDM]+)[.)](?=[ \t]|$)"
    r"|\((?:[0-9]+|#|[A-Za-z]|[ivxlcdmIVXLCDM]+)\)(?=[ \t]|$)"
)
_FIELD = re.compile(r":[^:`\s](?:[^`]*?[^\s`\\])?:(?=[ \t]|$)")
_OPTION = r"--?[A-Za-z0-9][\w-]*+(?:[ =][<\w\[][\w.<>\[\]-]*+)?+"
_OPTION_LIST = re.compile(rf"{_OPTION}(?:, {_OPTION})*+(?=[ \t]{{2,}}|[ \t]*$)")
_GRID_BORDER = re.compile(r"\+(?:[-=]+\+)+[ \t]*$")
_SIMPLE_BORDER = re.compile(r"=+(?:[ \t]+=+)+[ \t]*$")
_SIMPLE_RULE = re.compile(r"[-=]+(?:[ \t]+[-=]+)*[ \t]*$")
_RUN = re.compile(r"=+")


@dataclass(slots=True)
class _Para:
    """A paragraph (or list item, field body, title) still collecting lines."""

    segments: list[Segment]
    base: int  # indentation of its first line's markup
    cont: int | None  # indentation its next lines need; None: any deeper one


@dataclass(slots=True)
class _Skip:
    """A block that is not prose: lines indented deeper than ``base`` belong to it."""

    base: int
    comment: bool = False  # record the block's text as a comment
    start: int = -1
    stop: int = -1
    until_blank: bool = False  # doctest blocks end at a blank line, not a dedent


@dataclass(slots=True)
class _Head:
    """Lines right after a directive's first line: options, then (maybe) arguments."""

    indent: int
    prose: bool  # whether non-option lines are prose (title, body) rather than arguments
    glossary: bool


@dataclass(slots=True)
class _Glossary:
    """An open ``.. glossary::``: lines at ``body`` indentation are terms."""

    indent: int
    body: int | None = None  # indentation of term lines, from the first one


@dataclass(slots=True)
class _Table:
    """An open grid or simple table and where its columns start."""

    grid: bool
    indent: int
    columns: list[int] = field(default_factory=list)  # offsets from the line start


def extract_rst(text: str) -> Regions:
    """Return the prose regions and markup facts of a reStructuredText document."""
    return _Parser(text).run()


class _Parser:
    """One pass over the lines, tracking the few states reST indentation can open."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = split_lines(text)
        self.out = Collector(text, MARKUP, scan_inline, UrlIndex(text, mailto=True))
        self.para: _Para | None = None
        self.skip: _Skip | None = None
        self.head: _Head | None = None
        self.glossaries: list[_Glossary] = []
        self.table: _Table | None = None
        self.literal: int | None = None  # after "text::", the literal block's base indent
        self.quoted: tuple[int, str] | None = None  # an unindented quoted literal block

    def run(self) -> Regions:
        number = 0
        while number < len(self.lines):
            number += self._line(number)
        self._close_para()
        self._end_skip()
        return self.out.finish()

    def _line(self, number: int) -> int:
        """Handle one line; return how many lines were consumed (titles take more)."""
        start, end = self.lines[number]
        pos, indent = skip_indent(self.text, start, end, 0, _TAB)
        blank = pos >= end
        if self.skip is not None and self._skipping(pos, end, indent, blank):
            return 1
        if self.table is not None and self._table_line(number, pos, end, indent):
            return 1
        if blank:
            self._close_para()
            self.head = None
            return 1
        if self._literal_line(pos, indent):
            return 1
        while self.glossaries and indent <= self.glossaries[-1].indent:
            self.glossaries.pop()
        if self.head is not None and self._head_line(pos, end, indent):
            return 1
        if self.para is not None and self._continues(pos, end, indent):
            return 1
        self._close_para()
        if self._literal_line(pos, indent):
            return 1
        glossary = self.glossaries[-1] if self.glossaries else None
        if glossary is not None and glossary.body is None:
            glossary.body = indent
        if glossary is not None and indent == glossary.body:
            term = defined_term(self.text, pos, end)
            if term is not None:
                self.out.found.defined_terms.append(term)
            return 1
        return self._block(number, pos, end, indent)

    def _literal_line(self, pos: int, indent: int) -> bool:
        """After a paragraph ending in ``::``: an indented or quoted literal block."""
        if self.quoted is not None:
            if self.quoted == (indent, self.text[pos]):
                return True
            self.quoted = None
        base, self.literal = self.literal, None
        if base is None:
            return False
        if indent > base:
            self.skip = _Skip(base)
            return True
        if indent == base and self.text[pos] in _PUNCTUATION:
            self.quoted = (indent, self.text[pos])
            return True
        return False

    def _skipping(self, pos: int, end: int, indent: int, blank: bool) -> bool:
        skip = self.skip
        assert skip is not None
        if skip.until_blank:
            self.skip = None if blank else skip
            return True
        if blank or indent > skip.base:
            if not blank:
                skip.start = pos if skip.start < 0 else skip.start
                skip.stop = end
            return True
        self._end_skip()
        return False

    def _end_skip(self) -> None:
        skip, self.skip = self.skip, None
        if skip is not None and skip.comment and skip.start >= 0:
            self.out.comment(skip.start, skip.stop)

    def _head_line(self, pos: int, end: int, indent: int) -> bool:
        """Skip option lines after a directive, and arguments that are not prose."""
        head = self.head
        assert head is not None
        if indent <= head.indent:
            self.head = None
            return False
        if _FIELD.match(self.text, pos, end):
            self._close_para()
            return True
        if head.glossary:
            self.head = None
            return False
        return not head.prose

    def _continues(self, pos: int, end: int, indent: int) -> bool:
        para = self.para
        assert para is not None
        if indent != para.cont and (para.cont is not None or indent <= para.base):
            return False
        if _adornment(self.text, pos, end) >= 4:  # a title underline after a paragraph
            self._close_para()
            return True
        para.cont = indent
        para.segments.append((pos, end))
        return True

    def _close_para(self) -> None:
        para, self.para = self.para, None
        if para is None or not para.segments:
            return
        text = self.text
        line_start, line_end = para.segments[-1]
        first, last = strip(text, line_start, line_end)
        if last - first >= 2 and text.startswith("::", last - 2):
            self.literal = para.cont if para.cont is not None else para.base
            if last - 2 == first or text[last - 3].isspace():
                para.segments[-1] = (line_start, last - 2)  # "::" alone or " ::": drop it
            else:
                para.segments[-1] = (line_start, last - 1)  # "Paragraph::" keeps one colon
        self.out.unit(para.segments, Kind.TEXT)

    # Blocks -------------------------------------------------------------------------

    def _block(self, number: int, pos: int, end: int, indent: int) -> int:
        text = self.text
        char = text[pos]
        if text.startswith("..", pos) and (pos + 2 >= end or text[pos + 2] in " \t"):
            self._explicit(number, pos, end, indent)
            return 1
        if text.startswith("__", pos) and (pos + 2 >= end or text[pos + 2] in " \t"):
            self.skip = _Skip(indent)  # an anonymous hyperlink target
            return 1
        consumed = self._section(number, pos, end, indent)
        if consumed:
            return consumed
        line_start = self.lines[number][0]
        if char == "+" and _GRID_BORDER.match(text, pos, end):
            self.table = _Table(True, indent, _plus_columns(text, line_start, end))
        elif char == "=" and _SIMPLE_BORDER.match(text, pos, end):
            runs = [run.start() - line_start for run in _RUN.finditer(text, pos, end)]
            self.table = _Table(False, indent, runs)
        elif text.startswith(">>>", pos):
            self.skip = _Skip(indent, until_blank=True)
        elif char == "|" and (pos + 1 >= end or text[pos + 1] in " \t"):
            self.out.unit([(pos + 1, end)], Kind.TEXT)  # a line of a line block
        else:
            self._item_or_paragraph(pos, end, indent)
        return 1

    def _section(self, number: int, pos: int, end: int, indent: int) -> int:
        """A title with an underline (and maybe an overline), or a transition."""
        text, lines = self.text, self.lines
        run = _adornment(text, pos, end)
        if run and number + 2 < len(lines):
            title_start, title_end = lines[number + 1]
            under_start, under_end = lines[number + 2]
            title = strip(text, title_start, title_end)
            if (
                title[0] < title[1]
                and not _adornment(text, *title)
                and text.startswith(text[pos], under_start)
                and _adornment(text, under_start, under_end)
            ):
                self.out.unit([title], Kind.HEADING)
                return 3
        if run >= 4:
            return 1
        if run or indent or number + 1 >= len(lines):
            return 0
        under = _adornment(text, *lines[number + 1])
        title = strip(text, pos, end)
        if under >= 4 or (under and under >= title[1] - title[0]):
            self.out.unit([title], Kind.HEADING)
            return 2
        return 0

    def _item_or_paragraph(self, pos: int, end: int, indent: int) -> None:
        """Strip list, field and option markers (nested ones too), then start a paragraph."""
        text = self.text
        base, cont = indent, indent
        while pos < end:
            char = text[pos]
            marker = -1
            body: int | None = None
            if char in _BULLETS and (pos + 1 >= end or text[pos + 1] in " \t"):
                marker = pos + 1
            elif match := _ENUMERATOR.match(text, pos, end):
                marker = match.end()
            elif char in ":-" and (
                match := (_FIELD if char == ":" else _OPTION_LIST).match(text, pos, end)
            ):
                marker, body = match.end(), -1
            if marker < 0:
                break
            pos, column = skip_indent(text, marker, end, indent + marker - pos, _TAB)
            cont = (column if pos < end else indent + marker - pos + 1) if body is None else -1
            indent = column
        self.para = _Para([(pos, end)] if pos < end else [], base, None if cont < 0 else cont)

    def _explicit(self, number: int, pos: int, end: int, indent: int) -> None:
        """``..`` blocks: directives, targets, substitutions, footnotes and comments."""
        text = self.text
        directive = _DIRECTIVE.match(text, pos, end)
        if directive is not None:
            self._directive(directive[1], directive.end(), end, indent)
            return
        after, _ = skip_indent(text, pos + 2, end)
        if after < end and text[after] in "|_":
            self.skip = _Skip(indent)
            return
        footnote = _FOOTNOTE.match(text, pos, end)
        if footnote is not None:
            body, _ = skip_indent(text, footnote.end(), end)
            self.para = _Para([(body, end)] if body < end else [], indent, None)
            return
        lines = self.lines
        if after >= end and (number + 1 >= len(lines) or is_blank(text, *lines[number + 1])):
            return  # an empty comment, which ends the construct before it
        self.skip = _Skip(indent, True, after if after < end else -1, end)

    def _directive(self, name: str, pos: int, end: int, indent: int) -> None:
        body = directive_body(name)
        if body == "code":
            self.skip = _Skip(indent)
            return
        text = self.text
        arguments = directive_arguments(name)
        pos, _ = skip_indent(text, pos, end)
        if arguments == "version":
            while pos < end and not text[pos].isspace():
                pos += 1
        if arguments != "none" and not is_blank(text, pos, end):
            self.para = _Para([(pos, end)], indent, None)
        prose = arguments != "none" or pos >= end
        self.head = _Head(indent, prose, body == "glossary")
        if body == "glossary":
            self.glossaries.append(_Glossary(indent))

    # Tables -------------------------------------------------------------------------

    def _table_line(self, number: int, pos: int, end: int, indent: int) -> bool:
        """A line of a grid or simple table; False once the table has ended."""
        table = self.table
        assert table is not None
        text = self.text
        line_start = self.lines[number][0]
        if pos >= end:
            if table.grid:
                self.table = None
            return table.grid is False
        if indent < table.indent or (table.grid and text[pos] not in "+|"):
            self.table = None
            return False
        if table.grid and text[pos] == "+":
            if _GRID_BORDER.match(text, pos, end):
                table.columns = _plus_columns(text, line_start, end)
            return True
        if not table.grid and _SIMPLE_RULE.match(text, pos, end):
            lines = self.lines
            if text[pos] == "=" and (
                number + 1 >= len(lines) or is_blank(text, *lines[number + 1])
            ):
                self.table = None
            return True
        for cell in _cells(text, line_start, end, table):
            self.out.unit([cell], Kind.TEXT)
        return True


def _adornment(text: str, pos: int, end: int) -> int:
    """Length of the run of one punctuation character that makes up the line, or 0."""
    if pos >= end or text[pos] not in _PUNCTUATION:
        return 0
    stop = pos
    while stop < end and text[stop] == text[pos]:
        stop += 1
    return stop - pos if is_blank(text, stop, end) else 0


def _plus_columns(text: str, line_start: int, end: int) -> list[int]:
    return [at - line_start for at in range(line_start, end) if text[at] == "+"]


def _cells(text: str, line_start: int, end: int, table: _Table) -> list[Segment]:
    """Split a table row into cells: at ``|`` on column borders, or at simple columns."""
    bounds: list[Segment] = []
    if table.grid:
        pipes = [line_start + column for column in table.columns if line_start + column < end]
        pipes = [at for at in pipes if text[at] == "|"]
        bounds = [(left + 1, right) for left, right in pairwise(pipes)]
    else:
        starts = [line_start + column for column in table.columns]
        ends = [*starts[1:], end]
        bounds = [(left, min(right, end)) for left, right in zip(starts, ends, strict=True)]
    return [cell for cell in (strip(text, *bound) for bound in bounds) if cell[0] < cell[1]]
