"""Inline controls written in real comments of the checked file.

    llmgloss: ignore TTFT, NPU          words never reported in this file
    llmgloss: disable-next-line [RULE]  nothing (or RULE) on the next line
    llmgloss: disable [RULE]            nothing (or RULE) until ``enable``
    llmgloss: enable [RULE]
    llmgloss: disable-file [RULE]       nothing (or RULE) in this file

RULE is a code or name (LG001, undefined-jargon), several separated by commas or
spaces. Controls are only read from comments (HTML comments in Markdown, ``..``
comments in reST, comments in code), never from prose.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

from .regions import Span
from .rules import RULES, rule_for

_CONTROL = re.compile(
    r"llmgloss:\s*(ignore|disable-next-line|disable-file|disable|enable)\b([^\n]*)"
)
_ALL = frozenset(rule.code for rule in RULES)


@dataclass
class Controls:
    """What the comments of one document switch off."""

    ignored: set[str] = field(default_factory=set)
    # (start offset, end offset, rule codes): diagnostics starting inside are dropped.
    quiet: list[tuple[int, int, frozenset[str]]] = field(default_factory=list)

    def suppresses(self, code: str, offset: int) -> bool:
        return any(start <= offset < end and code in codes for start, end, codes in self.quiet)


def _codes(arguments: str) -> frozenset[str]:
    words = [w for w in re.split(r"[\s,]+", arguments.strip()) if w and w not in ("-->", "*/")]
    rules = [rule_for(word) for word in words]
    found = frozenset(rule.code for rule in rules if rule is not None)
    return found or _ALL


def read_controls(text: str, comments: Iterable[Span]) -> Controls:
    """Collect the controls of a document from its comment spans."""
    controls = Controls()
    found = [(m, span) for span in comments for m in _CONTROL.finditer(text, span.start, span.end)]
    if not found:
        return controls
    lines = _Lines(text)
    open_blocks: dict[str, int] = {}
    for match, span in found:
        verb, arguments = match.group(1), match.group(2)[: span.end - match.start(2)]
        if verb == "ignore":
            controls.ignored.update(w for w in re.split(r"[\s,]+", arguments) if w.isalnum())
        elif verb == "disable-next-line":
            controls.quiet.append((*lines.next_line(span.end), _codes(arguments)))
        elif verb == "disable-file":
            controls.quiet.append((0, len(text), _codes(arguments)))
        elif verb == "disable":
            for code in _codes(arguments):
                open_blocks.setdefault(code, span.end)
        else:
            for code in _codes(arguments):
                if code in open_blocks:
                    controls.quiet.append((open_blocks.pop(code), match.start(), frozenset({code})))
    for code, start in open_blocks.items():  # an unclosed block runs to the end
        controls.quiet.append((start, len(text), frozenset({code})))
    return controls


class _Lines:
    """Line starts, computed only for documents that have controls."""

    def __init__(self, text: str) -> None:
        self.size = len(text)
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def next_line(self, offset: int) -> tuple[int, int]:
        """The span of the line after the one holding ``offset``."""
        line = bisect_right(self.starts, offset) - 1
        start = self.starts[line + 1] if line + 1 < len(self.starts) else self.size
        end = self.starts[line + 2] if line + 2 < len(self.starts) else self.size
        return start, end
