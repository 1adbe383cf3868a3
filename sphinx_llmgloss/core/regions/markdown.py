"""Prose regions of Markdown and MyST, found by one CommonMark-style pass over lines.

The one rule: every line is examined a bounded number of times (containers nest at
most ``_MAX_DEPTH`` deep) and inline scans never revisit text, so extraction is
linear in the size of the input, whatever the input.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter

from . import Abbreviation, Kind, Regions
from ._directives import directive_arguments, directive_body
from ._mdinline import MARKUP, scan_inline
from ._mdlines import (
    ABBREVIATION,
    ADMONITION,
    ATTRIBUTES,
    ATX,
    DIRECTIVE,
    FENCE,
    FOOTNOTE_DEF,
    LINK_DEF,
    OPTION,
    ORDERED,
    SETEXT,
    TARGET,
    THEMATIC,
    advance,
    after_quote_marker,
    closes_fence,
    front_matter,
    heading_text,
    html_block,
    interrupts,
    is_delimiter_row,
    keeps_terms,
    table_cells,
)
from ._scan import (
    Collector,
    Segment,
    UrlIndex,
    add_shifted,
    defined_term,
    is_blank,
    skip_indent,
    split_lines,
    strip,
)
from .rst import extract_rst

_PLAIN = re.compile(r" {0,3}[A-Za-z]")
# A bullet item whose text opens no other block: it starts with a letter, inline code,
# bold text or a link (unless a footnote or a link definition: checked after).
_NEXT_ITEM = re.compile(r"( {0,3})[-+*] {1,4}(?=[A-Za-z]|`(?!``)|\*\*[A-Za-z]|\[(?!\^))")
_MAX_DEPTH = 16  # deeper quotes, items and fences are read as text: keeps lines O(1)


@dataclass(slots=True)
class _Box:
    """An open container: a block quote, a list item or a directive with a prose body."""

    kind: str  # ">" quote, "-" item (also footnotes, definitions), "`" directive, "g" glossary
    column: int = 0  # item: where its content starts; directive: its fence's indentation
    fence: str = ""  # directive: the opening fence, which a closing fence must repeat
    head: int = 0  # directive: 2 before its first line, 1 among options, 0 in the body
    yaml: bool = False  # directive: inside a ``---`` option block


@dataclass(slots=True)
class _Leaf:
    """The open leaf block: what the next line may continue."""

    kind: str  # para, table, code, fence, raw, comment, html, math
    segments: list[Segment] = field(default_factory=list)
    fence: str = ""  # fence: the opening fence
    until: re.Pattern[str] | None = None  # raw: what ends it
    start: int = -1  # fence: body start (eval-rst); comment: body start
    stop: int = -1  # end of the last line seen
    rst: bool = False  # fence: an eval-rst body, read as reStructuredText


@functools.lru_cache(maxsize=64)
def _fence_closer(fence: str) -> re.Pattern[str]:
    """A top-level closing line for ``fence``: up to three spaces, the fence, nothing else."""
    return re.compile(rf"^ {{0,3}}{re.escape(fence)}{re.escape(fence[0])}*[ \t\r]*$", re.M)


@functools.lru_cache(maxsize=64)
def _body_stop(column: int, chars: str) -> re.Pattern[str]:
    """The first line a nested fence's body may not simply continue through: one that
    is not blank and not indented by ``column`` spaces, or that holds a fence run."""
    runs = "".join(f"|{re.escape(char * 3)}" for char in chars)
    return re.compile(rf"^(?![ \t]*$| {{{column}}}){runs}", re.M)


def extract_markdown(text: str) -> Regions:
    """Return the prose regions and markup facts of a Markdown or MyST document."""
    return _Parser(text).run()[0]


def extract_markdown_from(
    text: str, start: int, stop_at: Callable[[int], bool]
) -> tuple[Regions, int | None]:
    """Extract from ``start``, a resume point of an earlier extraction, up to the first
    later resume point for which ``stop_at`` is true; return what was found and that
    point (``None`` if it read to the end). Only the lines from ``start`` on are read
    (the URL index aside), so the findings are those of a whole-text extraction."""
    return _Parser(text).run(start, stop_at)


def front_matter_end(text: str) -> int:
    """Where the front matter ends (0 if there is none). Its closing line may be anywhere,
    so an edit far from the top can start or end it."""
    if not text.startswith(("---", "+++", "\ufeff---", "\ufeff+++")):
        return 0
    lines = split_lines(text)
    number = front_matter(text, lines)
    return lines[number][0] if number < len(lines) else len(text)


class _Parser:
    """One pass over the lines; containers on a stack, one open leaf at a time."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.out = Collector(text, MARKUP, scan_inline, UrlIndex(text))
        self.stack: list[_Box] = []
        self.quotes: list[int] = []  # stack indices of quotes, for blank lines
        self.leaf: _Leaf | None = None
        self.glossary_list = -1  # after a ``{.glossary}`` line: the depth of its terms
        self.pending_terms: list[Segment] | None = None

    def run(
        self, start: int = 0, stop_at: Callable[[int], bool] | None = None
    ) -> tuple[Regions, int | None]:
        lines = split_lines(self.text)
        starts = list(map(itemgetter(0), lines))
        number = front_matter(self.text, lines) if start == 0 else bisect_left(starts, start)
        first, stopped = number, None
        resume = self.out.found.resume
        # The line regexes below know only \n and \r\n line ends.
        skips = "\r" not in self.text or self.text.count("\r") == self.text.count("\r\n")
        while number < len(lines):
            # At rest (nothing open: the lines from here parse the same whatever came
            # before) and _simple_line's precondition, written out: they run per line.
            leaf, start, end = self.leaf, *lines[number]
            outside = not self.stack and self.pending_terms is None
            if outside and leaf is None and self.glossary_list < 0:
                if stop_at is not None and number > first and stop_at(start):
                    stopped = start
                    break
                resume.append(start)
            if outside and (leaf is None or leaf.kind == "para"):
                done = self._simple_line(start, end)
            elif outside and leaf is not None and leaf.kind != "table":
                # A fence's closing line, raw HTML, a comment, indented code.
                done = self._verbatim(leaf, start, end, 0)
            elif outside and leaf is not None and self.text.startswith("|", start):
                self._row(start, end)  # a row that continues a table: nothing else to check
                done = True
            else:
                done = len(self.stack) == 1 and self._next_item(start, end)
            if not done:
                self._line(start, end)
            number += 1
            leaf = self.leaf
            if leaf is not None and leaf.kind == "fence" and skips:
                if not self.stack:
                    number = self._skip_fence_body(leaf, lines, starts, number)
                elif not self.quotes and not leaf.rst:
                    number = self._skip_nested_fence(leaf, starts, number)
        self._close_from(0)
        self._flush_terms()
        return self.out.finish(), stopped

    def _skip_fence_body(
        self, leaf: _Leaf, lines: list[Segment], starts: list[int], number: int
    ) -> int:
        """Jump over a top-level code fence's body with one regex search.

        Code is ~40% of the lines of real docs; parsing each one only to learn that it
        is not the closing fence is the parser's biggest cost.
        """
        if number >= len(lines):
            return number
        closer = _fence_closer(leaf.fence).search(self.text, lines[number][0])
        target = bisect_left(starts, closer.start()) if closer else len(lines)
        if target > number:
            leaf.start = lines[number][0] if leaf.start < 0 else leaf.start
            leaf.stop = lines[target - 1][1]
        return target

    def _skip_nested_fence(self, leaf: _Leaf, starts: list[int], number: int) -> int:
        """Jump over the lines of a fence in list items or directives that can change
        nothing: blank, or indented past every container and free of fence runs.

        A fourth of fenced lines are in list items (numbered install steps); read one
        by one, they cost as much as all the prose around them.
        """
        if number >= len(starts):
            return number
        column = 0
        for box in self.stack:
            column = max(column, box.column) if box.kind == "-" else column + box.column
        chars = "".join(sorted({leaf.fence[0], *(b.fence[0] for b in self.stack if b.fence)}))
        stop = _body_stop(column, chars).search(self.text, starts[number])
        return bisect_right(starts, stop.start()) - 1 if stop else len(starts)

    def _simple_line(self, start: int, end: int) -> bool:
        """Handle a blank line, a plain prose line or an ATX heading, if this is one
        (outside containers, with no leaf open but a paragraph).

        Half of a page's lines are these; the general path costs several times more.
        A plain line starts, after up to three spaces, with an ASCII letter: that can
        begin no block, so it starts or continues a paragraph.
        """
        leaf = self.leaf  # the caller checked: no container, no pending terms, no other leaf
        plain = _PLAIN.match(self.text, start, end)
        if plain is not None:
            if leaf is None:
                self.leaf = _Leaf("para", [(plain.end() - 1, end)])
            else:
                leaf.segments.append((plain.end() - 1, end))
            return True
        if is_blank(self.text, start, end):
            self._close_leaf()
            return True
        if self.text.startswith("#", start) and (heading := ATX.match(self.text, start, end)):
            self._close_leaf()  # an ATX heading: a tenth of the other lines
            self.out.unit([heading_text(self.text, heading.end(), end)], Kind.HEADING)
            return True
        return False

    def _next_item(self, start: int, end: int) -> bool:
        """Handle ``- text`` that ends one item of a top-level bullet list and starts the
        next, if this is one: a third of the lines in lists, and costly on the general
        path (the old item fails to match, is closed, the new one is opened)."""
        box, leaf = self.stack[0], self.leaf
        if (
            box.kind != "-"
            or self.quotes
            or self.pending_terms is not None
            or self.glossary_list >= 0
            or (leaf is not None and leaf.kind != "para")
        ):
            return False
        item = _NEXT_ITEM.match(self.text, start, end)
        if item is None or len(item[1]) >= box.column:  # indented that far: a nested item
            return False
        if self.text.startswith("[", item.end()) and LINK_DEF.match(self.text, item.end(), end):
            return False
        self._close_from(0)
        self._push(_Box("-", item.end() - start))
        self.leaf = _Leaf("para", [(item.end(), end)])
        return True

    # Containers ------------------------------------------------------------------------

    def _line(self, start: int, end: int) -> None:
        pos, col, depth = self._match(start, end)
        if pos < 0:
            return
        if depth < len(self.stack):
            if self._lazy(pos, end, col):
                return
            self._close_from(depth)
        leaf = self.leaf
        verbatim = leaf is not None and leaf.kind not in ("para", "table")
        if verbatim and leaf is not None and self._verbatim(leaf, pos, end, col):
            return
        if self.pending_terms is not None and not keeps_terms(self.text, pos, end):
            self._flush_terms()
        box = self.stack[-1] if self.stack else None
        if box is not None and box.head and self._directive_head(box, pos, end):
            return
        if box is not None and box.kind == "g":
            self._glossary_line(pos, end, col)
            return
        pos, col = self._open_boxes(pos, end, col)
        self._leaf_line(pos, end, col)

    def _match(self, start: int, end: int) -> tuple[int, int, int]:
        """Consume the markers of open containers; depth is how many matched.

        Returns ``pos = -1`` when the line closed a directive fence.
        """
        text, stack = self.text, self.stack
        pos, col, depth = start, 0, 0
        blank = is_blank(text, pos, end)
        while depth < len(stack):
            if blank:  # only quotes need a marker on a blank line
                at = bisect_left(self.quotes, depth)
                return pos, col, self.quotes[at] if at < len(self.quotes) else len(stack)
            box = stack[depth]
            if box.kind == ">":
                first, column = skip_indent(text, pos, end, col)
                if column - col > 3 or first >= end or text[first] != ">":
                    break
                pos, col = after_quote_marker(text, first + 1, end, column + 1)
                blank = is_blank(text, pos, end)
            elif box.kind == "-":
                first, column = advance(text, pos, end, col, box.column)
                if column < box.column:
                    break
                pos, col = first, column
            else:
                if closes_fence(text, pos, end, col, box.fence):
                    self._close_from(depth)
                    return -1, 0, 0
                pos, col = advance(text, pos, end, col, col + box.column)
            depth += 1
        return pos, col, depth

    def _lazy(self, pos: int, end: int, col: int) -> bool:
        """Continue an open paragraph with a line that lacks its containers' markers."""
        leaf = self.leaf
        if leaf is None or leaf.kind != "para":
            return False
        first, column = skip_indent(self.text, pos, end, col)
        if first >= end or interrupts(self.text, first, end, column - col):
            return False
        leaf.segments.append((first, end))
        return True

    def _open_boxes(self, pos: int, end: int, col: int) -> Segment:
        """Open the quotes and list items that start this line."""
        text = self.text
        while len(self.stack) < _MAX_DEPTH:
            first, column = skip_indent(text, pos, end, col)
            if first >= end or column - col >= 4:
                break
            if text[first] == ">":
                self._close_leaf()
                self._push(_Box(">"))
                pos, col = after_quote_marker(text, first + 1, end, column + 1)
                continue
            opened = self._open_item(first, end, column)
            if opened is None:
                break
            pos, col = opened
        return pos, col

    def _open_item(self, pos: int, end: int, col: int) -> Segment | None:
        text, leaf = self.text, self.leaf
        char = text[pos]
        interrupting = leaf is not None and leaf.kind == "para"
        definition = False
        if char in "-+*":
            if (pos + 1 < end and text[pos + 1] not in " \t") or THEMATIC.match(text, pos, end):
                return None
            width = 1
        elif char in ":~":
            if pos + 1 >= end or text[pos + 1] not in " \t":
                return None
            width, definition = 1, True
        elif char == "[":
            match = FOOTNOTE_DEF.match(text, pos, end)
            if match is None:
                return None
            self._close_leaf()
            self._push(_Box("-", col + 4))
            return skip_indent(text, match.end(), end, col + match.end() - pos)
        else:
            match = ORDERED.match(text, pos, end)
            if match is None or (interrupting and text[pos : match.end() - 1] != "1"):
                return None
            width = match.end() - pos
        first, column = skip_indent(text, pos + width, end, col + width)
        if interrupting and first >= end and not definition:
            return None
        if first >= end or column - col - width > 4:
            first, column = min(pos + width + 1, end), col + width + 1
        if definition:
            self._start_definition()
        else:
            self._close_leaf()
        self._push(_Box("-", column))
        return first, column

    def _push(self, box: _Box) -> None:
        if box.kind == ">":
            self.quotes.append(len(self.stack))
        self.stack.append(box)

    def _close_from(self, depth: int) -> None:
        """Close the open leaf and every container from ``depth`` inwards."""
        self._close_leaf()
        del self.stack[depth:]
        while self.quotes and self.quotes[-1] >= depth:
            self.quotes.pop()

    # Leaves ----------------------------------------------------------------------------

    def _leaf_line(self, pos: int, end: int, col: int) -> None:
        text, leaf = self.text, self.leaf
        first, column = skip_indent(text, pos, end, col)
        if first >= end:
            self._close_leaf()
            return
        if column - col >= 4:
            if leaf is not None and leaf.kind == "para":
                leaf.segments.append((first, end))
            else:
                self._close_leaf()
                self.leaf = _Leaf("code")
            return
        if leaf is not None and leaf.kind == "para" and self._para_turns(leaf, first, end):
            return
        if self._block_start(first, end, column - col):
            return
        if leaf is not None and leaf.kind == "table":
            self._row(first, end)
        elif leaf is not None and leaf.kind == "para":
            leaf.segments.append((first, end))
        elif text[first] == "[" and LINK_DEF.match(text, first, end):
            self._close_leaf()
        else:
            self._close_leaf()
            self.leaf = _Leaf("para", [(first, end)])

    def _para_turns(self, leaf: _Leaf, pos: int, end: int) -> bool:
        """Turn a paragraph into a setext heading or a table header."""
        text = self.text
        if text[pos] in "=-" and SETEXT.match(text, pos, end):
            self.leaf = None
            self.out.unit(leaf.segments, Kind.HEADING)
            return True
        header = leaf.segments[-1]
        if text.find("|", *header) < 0 or not is_delimiter_row(text, pos, end):
            return False
        leaf.segments.pop()
        self._close_leaf()
        self.leaf = _Leaf("table")
        self._row(*header)
        return True

    def _block_start(self, pos: int, end: int, indent: int) -> bool:
        """Start a block that needs no container: fences, headings, HTML, math, MyST lines."""
        text = self.text
        char = text[pos]
        if char in "`~:" and self._open_fence(pos, end, indent):
            return True
        if char == "#" and (match := ATX.match(text, pos, end)):
            self._close_leaf()
            self.out.unit([heading_text(text, match.end(), end)], Kind.HEADING)
            return True
        if char in "-*_" and THEMATIC.match(text, pos, end):
            self._close_leaf()
            return True
        if char == "<":
            return self._html_start(pos, end)
        if text.startswith("$$", pos):
            self._close_leaf()
            if text.find("$$", pos + 2, end) < 0:
                self.leaf = _Leaf("math")
            return True
        return self._myst_line(pos, end)

    def _myst_line(self, pos: int, end: int) -> bool:
        """Lines MyST gives meaning to: targets, comments, breaks, attributes, abbreviations."""
        text = self.text
        char = text[pos]
        if char == "%":
            self._close_leaf()
            self.out.comment(pos + 1, end)
        elif text.startswith("+++", pos) or (char == "(" and TARGET.match(text, pos, end)):
            self._close_leaf()  # a MyST block break or a target label
        elif char == "{" and ATTRIBUTES.match(text, pos, end):
            self._close_leaf()
            self.glossary_list = len(self.stack) if ".glossary" in text[pos:end] else -1
        elif char == "*" and (match := ABBREVIATION.match(text, pos, end)):
            self._close_leaf()
            expansion = strip(text, match.end(), end)
            self.out.found.abbreviations.append(
                Abbreviation(match[1].strip(), text[slice(*expansion)], pos)
            )
        else:
            return False
        return True

    def _open_fence(self, pos: int, end: int, indent: int) -> bool:
        text = self.text
        match = FENCE.match(text, pos, end)
        if match is None:
            return False
        fence = match.group()
        info_start, info_end = strip(text, match.end(), end)
        if fence[0] == "`" and text.find("`", info_start, info_end) >= 0:
            return False
        directive = DIRECTIVE.match(text, info_start, info_end)
        if fence[0] == ":" and directive is None:
            directive = ADMONITION.match(text, info_start, info_end)
            if directive is None:
                return False
        self._close_leaf()
        name = "" if directive is None else directive[1 if directive.re is DIRECTIVE else 0]
        if not directive or directive_body(name) == "code" or len(self.stack) >= _MAX_DEPTH:
            self.leaf = _Leaf("fence", fence=fence, rst=name == "eval-rst")
            return True
        arguments = "prose" if directive.re is ADMONITION else directive_arguments(name)
        start = directive.end()
        if arguments == "version":
            start, _ = skip_indent(text, start, info_end)
            while start < info_end and not text[start].isspace():
                start += 1
        if arguments != "none":
            self.out.unit([(start, info_end)], Kind.TEXT)
        body = "g" if directive_body(name) == "glossary" else "`"
        self._push(_Box(body, column=indent, fence=fence, head=2))
        return True

    def _html_start(self, pos: int, end: int) -> bool:
        leaf = self.leaf
        kind = html_block(self.text, pos, end, leaf is not None and leaf.kind == "para")
        if kind is None:
            return False
        self._close_leaf()
        if kind == "comment":
            self._comment_from(pos + 4, pos + 4, end)
        elif kind == "html":
            self.leaf = _Leaf("html", [(pos, end)])
        elif not isinstance(kind, str) and not kind.search(self.text, pos + 2, end):
            self.leaf = _Leaf("raw", until=kind)
        return True

    def _comment_from(self, start: int, line: int, end: int) -> None:
        """Record an HTML comment body from ``start`` if ``-->`` ends it on this line,
        else keep it open; only the line itself is searched, so each line is read once."""
        close = self.text.find("-->", line, end)
        if close < 0:
            self.leaf = _Leaf("comment", start=start, stop=end)
            return
        self.out.comment(start, close)
        if not is_blank(self.text, close + 3, end):
            self.out.unit([(close + 3, end)], Kind.TEXT)

    def _verbatim(self, leaf: _Leaf, pos: int, end: int, col: int) -> bool:
        """Continue a leaf whose lines are not parsed as blocks; False if it ended."""
        text = self.text
        if leaf.kind == "fence":
            if closes_fence(text, pos, end, col, leaf.fence):
                self._close_leaf()
            else:
                leaf.start = pos if leaf.start < 0 else leaf.start
                leaf.stop = end
            return True
        if leaf.kind == "code":
            first, column = skip_indent(text, pos, end, col)
            if first < end and column - col < 4:
                self._close_leaf()
                return False
        elif leaf.kind == "comment":
            self.leaf = None
            self._comment_from(leaf.start, pos, end)
        elif leaf.kind == "html":
            if is_blank(text, pos, end):
                self._close_leaf()
            else:
                leaf.segments.append((pos, end))
        elif leaf.kind == "math":
            if text.find("$$", pos, end) >= 0:
                self.leaf = None
        elif leaf.until is not None and leaf.until.search(text, pos, end):
            self.leaf = None
        return True

    def _close_leaf(self) -> None:
        leaf, self.leaf = self.leaf, None
        if leaf is None:
            return
        if leaf.kind == "para":
            if self.glossary_list == len(self.stack):
                self.pending_terms = leaf.segments
            else:
                self.out.unit(leaf.segments, Kind.TEXT)
        elif leaf.kind == "html":
            self.out.unit(leaf.segments, Kind.TEXT)
        elif leaf.kind == "comment":
            self.out.comment(leaf.start, leaf.stop)
        elif leaf.kind == "fence" and leaf.rst and leaf.start >= 0:
            add_shifted(self.out.found, extract_rst(self.text[leaf.start : leaf.stop]), leaf.start)

    def _row(self, pos: int, end: int) -> None:
        for cell in table_cells(self.text, pos, end):
            self.out.unit([cell], Kind.TEXT)

    # Directives and glossaries ---------------------------------------------------------

    def _directive_head(self, box: _Box, pos: int, end: int) -> bool:
        """Skip a directive's ``:key: value`` options or ``---`` YAML block."""
        text = self.text
        first, _ = skip_indent(text, pos, end)
        rule = text.startswith("---", first) and is_blank(text, first + 3, end)
        if box.yaml:
            box.yaml = box.yaml and not rule
            box.head = 1 if box.yaml else 0
            return True
        if rule and box.head == 2:
            box.yaml = True
            return True
        if first < end and OPTION.match(text, first, end):
            box.head = 1
            return True
        box.head = 0
        return False

    def _glossary_line(self, pos: int, end: int, col: int) -> None:
        """A term line (not indented) or a definition line (indented) of a glossary."""
        text = self.text
        first, column = skip_indent(text, pos, end, col)
        if first >= end:
            self._close_leaf()
        elif column == col:
            self._close_leaf()
            self._defined_term(first, end)
        elif self.leaf is not None and self.leaf.kind == "para":
            self.leaf.segments.append((first, end))
        else:
            self._close_leaf()
            self.leaf = _Leaf("para", [(first, end)])

    def _defined_term(self, start: int, end: int) -> None:
        term = defined_term(self.text, start, end)
        if term is not None:
            self.out.found.defined_terms.append(term)

    def _start_definition(self) -> None:
        """A ``: definition`` line: in a ``{.glossary}`` list the paragraph before is terms."""
        leaf = self.leaf
        terms = self.pending_terms
        if self.glossary_list == len(self.stack) and leaf is not None and leaf.kind == "para":
            self.leaf, terms = None, leaf.segments
        self._close_leaf()
        self.pending_terms = None
        for start, end in terms or ():
            self._defined_term(start, end)

    def _flush_terms(self) -> None:
        """The paragraph held back as possible terms was not followed by a definition."""
        terms, self.pending_terms = self.pending_terms, None
        self.glossary_list = -1
        if terms:
            self.out.unit(terms, Kind.TEXT)
