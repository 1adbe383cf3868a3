"""reST inline markup that is not prose: literals, roles, references' URLs, substitutions.

The one rule: the scan moves left to right; closers come from per-unit indexes built
once and searched by bisection, and a failed role prefix remembers how far it
looked, so a unit costs time linear in its length whatever it holds.
"""

from __future__ import annotations

import re

from . import Regions, Span
from ._scan import Segment, Triggers, next_at, record_role, strip, url_end

MARKUP = re.compile(r"[\\`|:\[]")
_DOUBLE = re.compile(r"`(?=`)")  # each start of ``, overlapping; a leading literal scans fast
_SINGLE = re.compile(r"`")
_PIPE = re.compile(r"\|")
_CHAIN = re.compile(r"[\w.+:-]*+")
_ROLE_SUFFIX = re.compile(r":((?:[A-Za-z0-9][\w.+-]*+:)++)")
_FOOTNOTE_REF = re.compile(r"\[(?:#[\w.-]*+|\*|[\w.-]++)\]_")


def scan_inline(
    text: str, start: int, end: int, found: Regions, triggers: Triggers, at: int
) -> list[Segment]:
    """Return the spans of ``[start, end)`` that are not prose, from the first trigger
    ``at`` on; record term and abbr roles."""
    return _Inline(text, start, end, found).run(triggers, at)


def _opens(previous: str, following: str) -> bool:
    """docutils' start-string rule, simplified: not inside a word, not before a space."""
    return bool(following) and not following.isspace() and not previous.isalnum()


class _Inline:
    """The state of one scan: excluded spans so far and lazily built closer indexes."""

    def __init__(self, text: str, start: int, end: int, found: Regions) -> None:
        self.text, self.start, self.end, self.found = text, start, end, found
        self.excluded: list[Segment] = []
        self.chain_end = start  # a failed role prefix looked this far: skip its colons
        self._closers: dict[str, list[int]] = {}

    def run(self, triggers: Triggers, at: int) -> list[Segment]:
        text = self.text
        handlers = {
            "\\": lambda at: at + 2,
            "`": self._backtick,
            "|": self._substitution,
            ":": self._role,
            "[": self._footnote,
        }
        while at >= 0:
            at = triggers.find(max(at + 1, handlers.get(text[at], self._url)(at)))
        return self.excluded

    def _skip(self, start: int, stop: int) -> int:
        self.excluded.append((start, stop))
        return stop

    def _previous(self, at: int) -> str:
        return self.text[at - 1] if at > self.start else ""

    def _char(self, at: int) -> str:
        return self.text[at] if at < self.end else ""

    def _closer(self, kind: str, start: int) -> int:
        """The first closer of ``kind`` at or after ``start``: not after white space."""
        positions = self._closers.get(kind)
        if positions is None:
            pattern = {"``": _DOUBLE, "`": _SINGLE, "|": _PIPE}[kind]
            text = self.text
            positions = [
                hit.start()
                for hit in pattern.finditer(text, self.start + 1, self.end)
                if not text[hit.start() - 1].isspace() and text[hit.start() - 1] != "\\"
            ]
            self._closers[kind] = positions
        return next_at(positions, start)

    def _backtick(self, at: int) -> int:
        previous = self._previous(at)
        if self._char(at + 1) == "`":
            if not _opens(previous, self._char(at + 2)):
                return at + 2
            closer = self._closer("``", at + 3)
            return at + 2 if closer < 0 else self._skip(at, closer + 2)
        if not _opens(previous, self._char(at + 1)):
            return at + 1
        closer = self._closer("`", at + 2)
        return at + 1 if closer < 0 else self._interpreted(at, closer, previous)

    def _interpreted(self, at: int, closer: int, previous: str) -> int:
        """`` `text` `` with a role suffix, a reference ``_`` or an inline target ``_``."""
        text = self.text
        after = closer + 1
        if previous == "_":
            self.excluded.append((at - 1, at + 1))
            return self._skip(closer, after)
        underscores = 0
        while underscores < 2 and self._char(after + underscores) == "_":
            underscores += 1
        if underscores:
            stop = after + underscores
            first, last = strip(text, at + 1, closer)
            opening = text.rfind("<", first, last) if last > first and text[last - 1] == ">" else -1
            if opening == first:
                return self._skip(at, stop)
            self.excluded.append((at, at + 1))
            link_text = strip(text, first, opening) if opening > first else (first, last)
            self.found.links.append(Span(*link_text))
            return self._skip(opening if opening > first else closer, stop)
        suffix = _ROLE_SUFFIX.match(text, after, self.end)
        if suffix is not None:
            record_role(self.found, text, suffix[1][:-1], at, (at + 1, closer))
            return self._skip(at, suffix.end())
        return self._skip(at, after)

    def _role(self, at: int) -> int:
        """``:role:`content```; a prefix that turns out not to be a role is remembered."""
        if at < self.chain_end:
            return at + 1
        text = self.text
        chain = _CHAIN.match(text, at + 1, self.end)
        stop = chain.end() if chain else at + 1
        name_start = at + 1
        double = text.rfind("::", at, stop)
        if double >= 0:
            name_start = double + 2
        closer = -1
        if (
            stop < self.end
            and text[stop] == "`"
            and text[stop - 1] == ":"
            and name_start < stop - 1
            and not self._previous(name_start - 1).isalnum()
        ):
            closer = self._closer("`", stop + 2)
        if closer < 0:
            self.chain_end = stop
            return at + 1
        record_role(
            self.found, text, text[name_start : stop - 1], name_start - 1, (stop + 1, closer)
        )
        return self._skip(name_start - 1, closer + 1)

    def _substitution(self, at: int) -> int:
        text = self.text
        following = self._char(at + 1)
        if following == "|" or not _opens(self._previous(at), following):
            return at + 1
        closer = self._closer("|", at + 2)
        if closer < 0:
            return at + 1
        stop = closer + 1
        while stop < min(closer + 3, self.end) and text[stop] == "_":
            stop += 1
        return self._skip(at, stop)

    def _footnote(self, at: int) -> int:
        reference = _FOOTNOTE_REF.match(self.text, at, self.end)
        return at + 1 if reference is None else self._skip(at, reference.end())

    def _url(self, at: int) -> int:
        stop = url_end(self.text, at, self.end)
        return self._skip(at, stop) if stop > at else at + 1
