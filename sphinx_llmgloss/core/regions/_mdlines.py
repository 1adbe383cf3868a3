"""Markdown line recognisers: what a line is, judged from the line alone.

The one rule: nothing here keeps state or looks past the end of the line it is
given (front matter aside, which is read once), so the parser that calls these
stays linear.
"""

from __future__ import annotations

import re

from ._scan import Segment, is_blank, skip_indent, strip

ATX = re.compile(r"#{1,6}(?=[ \t]|$)")
FENCE = re.compile(r"`{3,}+|~{3,}+|:{3,}+")
DIRECTIVE = re.compile(r"\{([^{}\s]+)\}")
ADMONITION = re.compile(r"[A-Za-z][\w-]*+")  # Docusaurus' ``:::tip Title`` (no braces)
THEMATIC = re.compile(r"([-*_])[ \t]*+(?:\1[ \t]*+){2,}+$")
SETEXT = re.compile(r"(?:=+|-+)[ \t]*$")
ORDERED = re.compile(r"[0-9]{1,9}[.)](?=[ \t]|$)")
FOOTNOTE_DEF = re.compile(r"\[\^[^\]\[\s]+\]:")
LINK_DEF = re.compile(r"\[(?:[^\[\]\\]|\\.)++\]:(?:[ \t]|$)")
ABBREVIATION = re.compile(r"\*\[([^\]\[]+)\]:")
OPTION = re.compile(r":[\w-]+:(?=[ \t]|$)")
TARGET = re.compile(r"\([^()\s]*\)=[ \t]*$")
ATTRIBUTES = re.compile(r"\{[^{}]*\}[ \t]*$")
_RAW_START = re.compile(r"<(?:script|pre|style|textarea)(?:[ \t>]|$)", re.IGNORECASE)
_RAW_END = re.compile(r"</(?:script|pre|style|textarea)>", re.IGNORECASE)
_RAW_OTHER = {"<?": re.compile(r"\?>"), "<![CDATA[": re.compile(r"\]\]>")}
_DECLARATION = re.compile(r"<![A-Za-z]")
_ANGLE_END = re.compile(r">")
_HTML_BLOCK = re.compile(
    r"</?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup"
    r"|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset"
    r"|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol"
    r"|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr"
    r"|track|ul)(?:[ \t>]|/>|$)",
    re.IGNORECASE,
)
_HTML_TAG = re.compile(
    r"""(?:<[A-Za-z][A-Za-z0-9-]*+(?:\s++[A-Za-z_:][\w.:-]*+(?:\s*+=\s*+(?:[^\s"'=<>`]++"""
    r"""|'[^']*+'|"[^"]*+"))?+)*+\s*+/?>|</[A-Za-z][A-Za-z0-9-]*+\s*+>)[ \t]*$"""
)


def front_matter(text: str, lines: list[Segment]) -> int:
    """Return how many lines a YAML (``---``) or TOML (``+++``) front matter takes."""
    start, end = lines[0]
    opening = text[start:end].rstrip()
    if opening not in ("---", "+++"):
        return 0
    closings = ("---", "...") if opening == "---" else ("+++",)
    for number in range(1, len(lines)):
        if text[slice(*lines[number])].rstrip() in closings:
            return number + 1
    return 0


def after_quote_marker(text: str, pos: int, end: int, col: int) -> Segment:
    """Consume the optional space after a ``>``."""
    if pos < end and text[pos] == " ":
        return pos + 1, col + 1
    if pos < end and text[pos] == "\t":
        return pos + 1, col + 4 - col % 4
    return pos, col


def advance(text: str, pos: int, end: int, col: int, target: int) -> Segment:
    """Consume indentation up to column ``target`` (a tab straddling it is consumed)."""
    while pos < end and col < target and text[pos] in " \t":
        col = col + 1 if text[pos] == " " else col + 4 - col % 4
        pos += 1
    return pos, col


def closes_fence(text: str, pos: int, end: int, col: int, fence: str) -> bool:
    """Whether the line is a closing fence for ``fence``."""
    first, column = skip_indent(text, pos, end, col)
    if column - col > 3 or not text.startswith(fence, first):
        return False
    first += len(fence)
    while first < end and text[first] == fence[0]:
        first += 1
    return is_blank(text, first, end)


def keeps_terms(text: str, pos: int, end: int) -> bool:
    """Whether a held-back paragraph may still be glossary terms: blank or ``: ...`` next."""
    first, _ = skip_indent(text, pos, end)
    return first >= end or (first + 1 < end and text[first] in ":~" and text[first + 1] in " \t")


def is_delimiter_row(text: str, pos: int, end: int) -> bool:
    """Whether the line is a table's ``|---|:--:|`` row."""
    row = text[pos:end].rstrip()
    return "|" in row and "-" in row and not row.strip("|-: \t")


def heading_text(text: str, pos: int, end: int) -> Segment:
    """The text of an ATX heading, without its optional closing ``#`` sequence."""
    start, stop = strip(text, pos, end)
    hashes = stop
    while hashes > start and text[hashes - 1] == "#":
        hashes -= 1
    if hashes == start or text[hashes - 1] in " \t":
        stop = hashes
    return start, stop


def table_cells(text: str, pos: int, end: int) -> list[Segment]:
    """Split a table row at its unescaped pipes."""
    start, stop = strip(text, pos, end)
    if start < stop and text[start] == "|":
        start += 1
    if stop > start and text[stop - 1] == "|" and (stop - 2 < start or text[stop - 2] != "\\"):
        stop -= 1
    cells: list[Segment] = []
    cell = start
    pipe = text.find("|", start, stop)
    while pipe >= 0:
        if pipe == start or text[pipe - 1] != "\\":
            cells.append((cell, pipe))
            cell = pipe + 1
        pipe = text.find("|", pipe + 1, stop)
    cells.append((cell, stop))
    return [piece for piece in (strip(text, *cell) for cell in cells) if piece[0] < piece[1]]


def html_block(text: str, pos: int, end: int, in_paragraph: bool) -> re.Pattern[str] | str | None:
    """Classify an HTML block start (CommonMark's seven kinds) at ``pos``.

    Returns ``"comment"``, ``"html"`` (tags among text, ended by a blank line), the
    pattern that ends a raw block (``<script>``, ``<pre>``, ``<?``...), or None.
    """
    if text.startswith("<!--", pos):
        return "comment"
    until = _RAW_END if _RAW_START.match(text, pos, end) else None
    for opener, pattern in _RAW_OTHER.items():
        if text.startswith(opener, pos):
            until = pattern
    if until is None and _DECLARATION.match(text, pos, end):
        until = _ANGLE_END
    if until is not None:
        return until
    if _HTML_BLOCK.match(text, pos, end):
        return "html"
    return "html" if not in_paragraph and _HTML_TAG.match(text, pos, end) else None


def interrupts(text: str, pos: int, end: int, indent: int) -> bool:
    """Whether a line that lost its containers starts a block instead of continuing."""
    if indent >= 4:
        return False
    char = text[pos]
    if char in ">#" or THEMATIC.match(text, pos, end) or FENCE.match(text, pos, end):
        return char != "#" or ATX.match(text, pos, end) is not None
    if char in "-+*" and (pos + 1 >= end or text[pos + 1] in " \t"):
        return True  # an item of the list the lazy line's container belongs to
    if ORDERED.match(text, pos, end):
        return True
    return html_block(text, pos, end, in_paragraph=True) is not None
