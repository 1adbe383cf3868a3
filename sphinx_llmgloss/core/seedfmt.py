"""Read text glossaries in the book's format: ``Headword — definition. See Chapter N.``

The converter keeps definition text verbatim, turns trailing pointers into
structured references, splits headwords into name, sense and aliases, and folds
cross-reference lines (``X — See Y.``) into the entry they point at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Reference, RefKind

SEPARATOR = " \u2014 "
_POINTER = re.compile(
    r"(?:^|(?<=[.!?\u201d\")])\s+)(?:See )?(?P<kind>Chapters?|Appendix|Appendices) "
    r"(?P<labels>[0-9A-Z]+(?:(?:,| and|, and) [0-9A-Z]+)*)\.\s*$"
)
CROSSREF = re.compile(r"^See (?P<target>.+?)\.$")
ABBREVIATION = re.compile(r"^Abbreviation for (?P<target>[^.]+)\.")
ALSO_CALLED = re.compile(r"\bAlso (?:called|known as) (?P<target>[^.]+)\.")
SAME_AS = re.compile(r"\bSame as (?P<target>[^.]+)\.")
_MIDDLE_PAREN = re.compile(r"(?P<a>.+?) \((?P<b>[^()]+)\)(?P<c>.*)")
MAIN_ENTRY = "the main entry"


@dataclass
class Headword:
    """A headword split into its parts: ``Sampling (decoding)`` has sense 'decoding'."""

    text: str
    name: str
    sense: str | None = None
    aliases: list[str] = field(default_factory=list)


@dataclass
class SeedLine:
    """One ``Headword — text`` line."""

    line: int
    headword: Headword
    body: str
    section: str


@dataclass
class SeedEntry:
    """An entry under construction, later written out as YAML."""

    headword: Headword
    line: int
    definitions: list[str] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    see_also: list[str] = field(default_factory=list)
    seed: list[str] = field(default_factory=list)
    homonyms: list[str] = field(default_factory=list)
    id: str = ""


def _acronym_like(text: str) -> bool:
    """TTFT, BF16, mTLS, vRAM, tok/s, CoT: one token that reads as an abbreviation."""
    if " " in text:
        return False
    letters = [c for c in text if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return (
        "/" in text
        or (upper >= 2 and upper * 2 >= len(letters))
        or (upper >= 1 and any(c.isdigit() for c in text))
        or (len(text) > 1 and text[0].islower() and text[1].isupper())
    )


def parse_headword(text: str) -> Headword:
    """Split a headword into name, sense and aliases."""
    paren = _MIDDLE_PAREN.fullmatch(text)
    if paren and paren["c"].strip():  # "ANN (approximate nearest neighbor) search"
        a, b, c = paren["a"], paren["b"], paren["c"]
        replaced = a.rsplit(" ", 1)[0] + " " + b if " " in a else b
        return Headword(text, a + c, None, [replaced + c])
    if paren:
        a, b = paren["a"], paren["b"]
        if _acronym_like(a) or _acronym_like(b) or a.casefold() in b.casefold():
            return Headword(text, a, None, [b])
        return Headword(text, a, b)
    if " / " in text:
        return Headword(text, text, None, _slash_parts(text.split(" / ")))
    if " vs " in text:
        return Headword(text, text, None, text.split(" vs "))
    return Headword(text, text)


def _slash_parts(parts: list[str]) -> list[str]:
    """``FlashAttention-2 / 3`` names FlashAttention-2 and FlashAttention-3."""
    result = [parts[0]]
    for part in parts[1:]:
        stem = re.match(r"(.*?)\d+$", result[-1])
        result.append(stem.group(1) + part if stem and part.isdigit() else part)
    return result


def split_pointer(body: str) -> tuple[str, list[Reference]]:
    """Separate the trailing ``See Chapters 28, 34.`` pointer from the text."""
    match = _POINTER.search(body)
    if not match:
        return body.strip(), []
    kind = RefKind.APPENDIX if match["kind"].startswith("Append") else RefKind.CHAPTER
    labels = re.split(r",? and |, ", match["labels"])
    return body[: match.start()].strip(), [Reference(kind, label) for label in labels]


def parse_lines(text: str) -> list[SeedLine]:
    """The ``Headword — text`` lines of a glossary, with their section titles."""
    lines: list[SeedLine] = []
    section = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if SEPARATOR in line:
            head, body = line.split(SEPARATOR, 1)
            lines.append(SeedLine(number, parse_headword(head.strip()), body.strip(), section))
        elif line and len(line) < 60 and not line.endswith("."):
            section = line
    return lines
