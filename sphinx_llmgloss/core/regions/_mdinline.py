"""Markdown/MyST inline markup that is not prose: code, links' targets, HTML, math, roles.

The one rule: the scan moves left to right and every look-ahead is either bounded
by the next delimiter of its kind or remembered, so a unit costs time linear in its
length even when it is full of unclosed openers.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from . import Regions, Span
from ._scan import Finder, Segment, Triggers, add_comment, next_at, record_role, url_end

_DOLLAR = re.compile(r"\$")
MARKUP = re.compile(r"[\\`<\[\]{$]")
_OTHER_MARKUP = re.compile(r"[\\<\[\]{$]")  # all but the backtick
_BACKTICKS = re.compile(r"`+")
_ROLE = re.compile(r"\{([A-Za-z][\w:.+-]*+)\}(?=`)")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\[\s]++\]")
_LINK_TAIL = re.compile(
    r"""\(\s*+(?:<[^<>\n]*+>|(?:[^\s()\[\]<]++|\([^\s()\[\]<]*+\))*+)"""
    r"""(?:\s++(?:"[^"]*+"|'[^']*+'|\([^()]*+\)))?+\s*+\)"""
)
_REFERENCE_TAIL = re.compile(r"\[[^\[\]]*+\]")
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9.+-]{1,31}:[^\s<>]*+|[\w.+-]++@[\w.-]++)>")
_TAG = re.compile(
    r"""<([A-Za-z][A-Za-z0-9-]*+)(?:\s++[A-Za-z_:][\w.:-]*+(?:\s*+=\s*+(?:[^\s"'=<>`]++"""
    r"""|'[^']*+'|"[^"]*+"))?+)*+\s*+(/?)>|</[A-Za-z][A-Za-z0-9-]*+\s*+>"""
)
_SPECIAL = {"<?": "?>", "<![CDATA[": "]]>", "<!": ">"}
# Elements whose content is code or markup, skipped up to their end tag.
_END_TAGS = {
    name: re.compile(rf"</{name}\s*>", re.IGNORECASE)
    for name in ("code", "kbd", "samp", "pre", "script", "style", "tt", "math", "svg")
}


def scan_inline(
    text: str, start: int, end: int, found: Regions, triggers: Triggers, at: int
) -> list[Segment]:
    """Return the spans of ``[start, end)`` that are not prose, from the first trigger
    ``at`` on; record roles and comments."""
    if triggers.no_urls() and _OTHER_MARKUP.search(text, start, end) is None:
        return _code_spans(text, start, end)  # a third of the units that have markup
    return _Inline(text, start, end, found).run(triggers, at)


def _code_spans(text: str, start: int, end: int) -> list[Segment]:
    """The code spans of a unit whose only markup is backticks: each run of backticks
    opens a span that the next run of the same length closes, as the full scan does."""
    runs = [run.span() for run in _BACKTICKS.finditer(text, start, end)]
    if len({stop - begin for begin, stop in runs}) == 1:  # the usual case: pairs in order
        return [(runs[at][0], runs[at + 1][1]) for at in range(0, len(runs) - 1, 2)]
    closer: list[int] = [-1] * len(runs)
    last: dict[int, int] = {}  # width -> index of the nearest later run of that width
    for index in range(len(runs) - 1, -1, -1):
        width = runs[index][1] - runs[index][0]
        closer[index] = last.get(width, -1)
        last[width] = index
    spans: list[Segment] = []
    index = 0
    while index < len(runs):
        match = closer[index]
        if match < 0:
            index += 1
        else:
            spans.append((runs[index][0], runs[match][1]))
            index = match + 1
    return spans


class _Inline:
    """The state of one scan: excluded spans so far, open ``[`` and lazy closer indexes."""

    def __init__(self, text: str, start: int, end: int, found: Regions) -> None:
        self.start, self.end, self.found = start, end, found
        self.excluded: list[Segment] = []
        self.brackets: list[int] = []
        self._finder: Finder | None = None  # made on first use: most units never need it
        self._closers: dict[int, list[int]] | None = None
        self._dollars: list[int] | None = None
        self._text = text

    def _find(self, needle: str | re.Pattern[str], start: int) -> Segment | None:
        if self._finder is None:
            self._finder = Finder(self._text, self.end)
        return self._finder.find(needle, start)

    def run(self, triggers: Triggers, at: int) -> list[Segment]:
        text, handlers, url = self._text, _HANDLERS, _Inline._url
        while at >= 0:
            handler = handlers.get(text[at], url)
            at = triggers.find(max(at + 1, handler(self, at)))
        return self.excluded

    def _skip(self, start: int, stop: int) -> int:
        self.excluded.append((start, stop))
        return stop

    def _escape(self, at: int) -> int:
        closing = {"(": "\\)", "[": "\\]"}.get(self._text[at + 1 : min(at + 2, self.end)])
        if closing is not None and (hit := self._find(closing, at + 2)):
            return self._skip(at, hit[1])
        return at + 2

    def _code_span(self, at: int) -> Segment | None:
        """Return ``(content end, span end)`` of the code span opening at ``at``."""
        text = self._text
        width = 1
        while at + width < self.end and text[at + width] == "`":
            width += 1
        if self._closers is None:
            self._closers = {}
            for run in _BACKTICKS.finditer(text, self.start, self.end):
                self._closers.setdefault(run.end() - run.start(), []).append(run.start())
        closer = next_at(self._closers.get(width, []), at + width)
        return None if closer < 0 else (closer, closer + width)

    def _code(self, at: int) -> int:
        span = self._code_span(at)
        if span is None:
            stop = at
            while stop < self.end and self._text[stop] == "`":
                stop += 1
            return stop
        return self._skip(at, span[1])

    def _brace(self, at: int) -> int:
        text = self._text
        for opening, closing in (("{{", "}}"), ("{%", "%}")):
            if text.startswith(opening, at, self.end):
                hit = self._find(closing, at + 2)
                return self._skip(at, hit[1]) if hit else at + 2
        role = _ROLE.match(text, at, self.end)
        if role is None:
            return at + 1
        span = self._code_span(role.end())
        if span is None:
            return role.end()
        width = span[1] - span[0]
        record_role(self.found, text, role[1], at, (role.end() + width, span[0]))
        return self._skip(at, span[1])

    def _angle(self, at: int) -> int:
        text = self._text
        if text.startswith("<!--", at, self.end):
            hit = self._find("-->", at + 4)
            if hit is None:
                return at + 4
            add_comment(self.found, text, at + 4, hit[0])
            return self._skip(at, hit[1])
        if link := _AUTOLINK.match(text, at, self.end):
            return self._skip(at, link.end())
        for opening, closing in _SPECIAL.items():
            if text.startswith(opening, at, self.end):
                hit = self._find(closing, at + len(opening))
                return self._skip(at, hit[1]) if hit else at + len(opening)
        tag = _TAG.match(text, at, self.end)
        if tag is None:
            return at + 1
        end_tag = _END_TAGS.get((tag[1] or "").lower())
        if end_tag is not None and not tag[2] and (hit := self._find(end_tag, tag.end())):
            return self._skip(at, hit[1])
        return self._skip(at, tag.end())

    def _open_bracket(self, at: int) -> int:
        text = self._text
        note = _FOOTNOTE_REF.match(text, at, self.end) if text[at + 1 : at + 2] == "^" else None
        if note is not None:
            return self._skip(at, note.end())
        self.brackets.append(at)
        return at + 1

    def _close_bracket(self, at: int) -> int:
        """``](target "title")`` and ``][label]`` are not prose, nor the link's ``[``."""
        if not self.brackets:
            return at + 1
        opening = self.brackets.pop()
        text = self._text
        following = text[at + 1 : min(at + 2, self.end)]
        tail = None
        if following == "(":
            tail = _LINK_TAIL.match(text, at + 1, self.end)
        elif following == "[":
            tail = _REFERENCE_TAIL.match(text, at + 1, self.end)
        if tail is None:
            return at + 1
        image = opening > self.start and text[opening - 1] == "!"
        self.excluded.append((opening - image, opening + 1))
        if not image and at > opening + 1:
            self.found.links.append(Span(opening + 1, at))
        return self._skip(at, tail.end())

    def _dollar(self, at: int) -> int:
        """``$...$`` and ``$$...$$`` math, with dollarmath's rules against prices."""
        text, end = self._text, self.end
        if text.startswith("$$", at, end):
            hit = self._find("$$", at + 2)
            return self._skip(at, hit[1]) if hit else at + 2
        if at + 1 >= end or text[at + 1].isspace():
            return at + 1
        if self._dollars is None:
            self._dollars = [
                pos
                for pos in (hit.start() for hit in _DOLLAR.finditer(text, self.start + 1, end))
                if not text[pos - 1].isspace()
                and text[pos - 1] not in "\\$"
                and not text[pos + 1 : pos + 2].isdigit()
            ]
        closer = next_at(self._dollars, at + 2)
        return at + 1 if closer < 0 else self._skip(at, closer + 1)

    def _url(self, at: int) -> int:
        stop = url_end(self._text, at, self.end)
        return self._skip(at, stop) if stop > at else at + 1


# By trigger character; anything else that triggers is a bare URL. Built once: a
# dict of bound methods per unit showed in profiles.
_HANDLERS: dict[str, Callable[[_Inline, int], int]] = {
    "\\": _Inline._escape,
    "`": _Inline._code,
    "<": _Inline._angle,
    "[": _Inline._open_bracket,
    "]": _Inline._close_bracket,
    "{": _Inline._brace,
    "$": _Inline._dollar,
}
