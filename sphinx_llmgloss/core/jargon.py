"""Undefined jargon: acronym-like and mixed-case tokens nobody has defined.

A token is jargon when it reads like an abbreviation (KV, NPU, FP8, MoE, vLLM);
it is undefined when no glossary, the shipped allowlist, the project's ``allow``
list or the document itself defines it. Camel-case product names (PyTorch,
DeepSpeed) and code identifiers are not jargon.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from .keys import continues_word

# Capitals that start an abbreviation: KV, NPU, FP8, MoE, and the LLM of vLLM. Starting
# the pattern with a capital (no \b, no optional prefix) lets the regex engine skip
# ahead quickly; the word boundary and a one-letter prefix (v, m, g) are checked in
# Python on the few hits, and the shape after that.
_CANDIDATE = re.compile(r"[A-Z][a-z]?[A-Z0-9][A-Za-z0-9]*+")
_CODE_BEFORE = frozenset("./\\$@#%&=+-_{<")
# A word in quotes is a literal value ("ALL", 'RAW'), and one in square brackets a tag
# or a status ([INST], [OKAY]); neither is an abbreviation to define.
_CLOSING_QUOTE = {'"': '"', "'": "'", "\u201c": "\u201d", "\u2018": "\u2019", "[": "]"}
# After "[WORD]": a Markdown link or reference ([TP](url), [TP][1]) or a footnote label.
_LINKED_AFTER = frozenset("([:")
# \b[A-Z]{2,}\b and \b[A-Za-z]{2,}\b, written to start with a letter class: a pattern
# that starts with \b is tried at every position, one that starts with a class skips
# ahead to the next capital (2.4 times faster on prose; the same matches).
_SHOUTING = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z]+\b")
_WORDS = re.compile(r"[A-Za-z](?<!\w[A-Za-z])[A-Za-z]+\b")


class Token(NamedTuple):
    """A jargon candidate in the text; ``key`` is its singular spelling (a named tuple:
    one is made per candidate)."""

    start: int
    end: int
    key: str


def _nothing_known(key: str) -> bool:
    return False


# A word of the allowlist, or a name of several words in double quotes ("MS MARCO").
_LISTED = re.compile(r'"([^"\n]+)"|([^\s"]+)')


@lru_cache(maxsize=1)
def shipped_allowlist() -> frozenset[str]:
    """The well-known words and names in ``glossary_data/allowlist.txt``."""
    text = resources.files("glossary_data").joinpath("allowlist.txt").read_text(encoding="utf-8")
    lines = (line.split("#", 1)[0] for line in text.splitlines())
    return frozenset(m[1] or m[2] for line in lines for m in _LISTED.finditer(line))


_PART = re.compile(r"[^\W_]+")


class NamesOfParts:
    """Names of several parts (MS MARCO, TREC-COVID, vLLM Ascend) and whether a span of a
    text stands inside one of them where it is: the MS of MS MARCO is part of the name,
    not jargon to define; the vLLM of "vLLM Ascend" names the project, not the glossary's
    vLLM. With ``any_separator``, the parts may be joined by spaces, hyphens or
    underscores and match in any case (a project's name: vllm-ascend, vLLM Ascend)."""

    def __init__(self, names: Iterable[str], *, any_separator: bool = False) -> None:
        self._by_part: dict[str, list[tuple[re.Pattern[str], int]]] = {}
        self._parts: dict[str, str | None] = {}  # span text -> its first part, folded
        for name in names:
            parts = _PART.findall(name)
            if len(parts) < 2:
                continue
            if any_separator:
                body = r"[\s_-]+".join(map(re.escape, parts))
            else:  # as written, but a line may break where the name has a space
                body = r"\s+".join(map(re.escape, name.split()))
            folds = any_separator or any(map(str.islower, name))
            pattern = re.compile(rf"(?<![^\W_]){body}(?![^\W_])", re.IGNORECASE if folds else 0)
            for part in {p.casefold() for p in parts}:
                # The name's length plus room for wider white space between its parts.
                self._by_part.setdefault(part, []).append((pattern, len(name) + 16))

    def __bool__(self) -> bool:
        return bool(self._by_part)

    def contain(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` is part of one of the names (not the whole of it)
        where it stands; a name is looked for only around spans that share a part."""
        span = text[start:end]
        part = self._parts.get(span, "")
        if part == "":  # a span not seen before: the same few recur
            first = _PART.search(span)
            part = self._parts[span] = first[0].casefold() if first else None
        for pattern, reach in self._by_part.get(part or "", ()):
            for hit in pattern.finditer(text, max(0, start - reach), end + reach):
                if (
                    hit.start() <= start
                    and end <= hit.end()
                    and end - start < hit.end() - hit.start()
                ):
                    return True
        return False


def singular(token: str) -> str:
    """``NPUs`` -> ``NPU``; ``MoEs`` -> ``MoE``; ``OS`` stays."""
    if len(token) > 2 and token.endswith("s") and sum(c.isupper() for c in token[:-1]) >= 2:
        return token[:-1]
    return token


# Capitals and then one capitalised word: a product or class name (AISBench, TCPStore,
# BOFTConfig) built like PyTorch; its abbreviation is reported where it stands alone.
_NAMED = re.compile(r"[A-Z]{2,}[a-z]{3,}")


def is_jargon_shape(word: str) -> bool:
    """Reads like an abbreviation: at least two capitals, and no fewer capitals than
    small letters (MoE, vLLM, HCCL); not a model number (A100, MI300X), not a name built
    on an abbreviation (AISBench), and not eight or more capitals (PYTHONPATH, PIECEWISE:
    words and names set in capitals; abbreviations are shorter)."""
    upper = sum(map(str.isupper, word))
    lower = sum(map(str.islower, word))
    digits = sum(map(str.isdigit, word))
    if upper < 2 or upper < lower or digits >= 3:
        return False
    if lower == 0 and upper >= 8:
        return False
    return lower == 0 or _NAMED.fullmatch(word) is None


def candidates(
    text: str, start: int, end: int, known: Callable[[str], bool] = _nothing_known
) -> Iterator[Token]:
    """Jargon-shaped tokens found in ``text[start:end]`` that are not code-like and
    whose key is not ``known``; the characters around a token are read from the whole
    text."""
    # Written out without helper calls: it runs once per capitalised word of prose.
    for match in _CANDIDATE.finditer(text, start, end):
        first, last = match.span()
        if first:
            before = text[first - 1]
            if continues_word(before):
                # vLLM, mTLS: one small letter, itself starting the word
                if not before.islower() or (first > 1 and continues_word(text[first - 2])):
                    continue
                first -= 1
                if first and text[first - 1] in _CODE_BEFORE:
                    continue
            elif before in _CODE_BEFORE:
                continue  # $VAR, path/NAME, obj.ATTR, x-NPU: code or a compound, not prose
        after = text[last : last + 1]
        quoted = first and after and _CLOSING_QUOTE.get(text[first - 1]) == after
        if quoted and (after != "]" or text[last + 1 : last + 2] not in _LINKED_AFTER):
            continue
        if after and (after == "(" or (after in "._" and text[last + 1 : last + 2].isalnum())):
            continue  # a call or a dotted/snake identifier
        key = _jargon_key(text[first:last])
        if key is not None and not known(key):
            yield tuple.__new__(Token, (first, first + len(key), key))


@lru_cache(maxsize=4096)
def _jargon_key(word: str) -> str | None:
    """The singular of a jargon-shaped word, else None; the same few words recur."""
    key = singular(word)
    return key if is_jargon_shape(key) else None


def is_shouting(text: str, start: int, end: int) -> bool:
    """Mostly upper-case prose (licence headers, banners): abbreviations can't be told apart."""
    caps = len(_SHOUTING.findall(text, start, end))
    return caps >= 5 and caps * 2 > len(_WORDS.findall(text, start, end))


# Bounded, so that what a word means depends only on the next ~130 characters.
_EXPANSION_AFTER = re.compile(r"\s{0,10}\(\s{0,10}[A-Za-z][^()\n]{2,100}\)")


# A label that starts a line or list item, then a colon or a dash and what it stands
# for: "- **BOOL**: A single byte ...", "* [DARE](url) - Drop And REscale is ...".
# Sphinx's prose has the label's text and what follows it in separate text nodes, two
# line breaks apart, which the patterns also accept.
_LABEL_BEFORE = re.compile(r"[ \t]*(?:(?:[-*+]|\d{1,3}[.)])[ \t]+)?(?:\*\*|__|[*_`\[])*")
_LABEL_AFTER = re.compile(
    r"s?(?:\*\*|__|[*_`])*(?:\]\([^()\s]*\))?(?:\*\*|__|[*_`])*[ \t]*\n{0,2}[ \t]*"
    r"(?::|[-\u2013\u2014](?=[ \t]))[ \t]+((?:[A-Za-z][\w'-]*[,;]?(?:[ \t]+|(?=\n)|$)){1,8})"
)
_ARTICLES = frozenset({"a", "an", "the"})
# Small words an expansion may leave out: "Mixture of Experts" may spell MoE or ME.
_JOINING = frozenset({"of", "and", "for", "the", "to", "in", "on", "with", "by", "at", "a", "an"})


def defined_inline(text: str, token: Token) -> bool:
    """``(TTFT)`` after its expansion, ``TTFT (time to first token)``, or a label that
    a sentence explains (``- **TTFT**: the time to the first token``)."""
    before = text[token.start - 1 : token.start]
    after_end = token.end + (1 if text[token.end : token.end + 1] == "s" else 0)
    if before == "(" and text[after_end : after_end + 1] in (")", ",", ";"):
        return True
    return (
        _EXPANSION_AFTER.match(text, after_end) is not None
        or _linked_in_parentheses(text, token.start, after_end)
        or _explained_label(text, token.start, token.end)
        or _spelled_before(text, token.start, token.end)
        or _spelled_nearby(text, token.start, token.end)
    )


_CLAUSE = re.compile(r"[,;:()\[\]]|\.\s|\n\n")
# Words of a sentence that can spell an abbreviation: not numbers, nor other capitals.
_LETTERS = re.compile(r"[A-Za-z]*[a-z][A-Za-z']*")


def _spelled_before(text: str, start: int, end: int) -> bool:
    """``knowledge-preserved mode, KPM`` (or ``large language models, or LLMs``): the
    words just before spell the word; also ``Block-Diagonal LoRA (BD-LoRA)``, where the
    last words spell what follows the hyphen."""
    # Asked of every jargon-shaped word: the mark before it first, inline, then the words.
    mark = start
    while mark and text[mark - 1] in " \t":
        mark -= 1
    before = text[mark - 1 : mark]
    if before == "r" and mark >= 3 and text[mark - 2] == "o" and text[mark - 3] in " \t":
        mark = _skip_blanks(text, mark - 2)
        before = text[mark - 1 : mark]
        if before != ",":
            return False  # "X or LLMs" without the comma lists, it does not define
    if before == ",":
        spare = 0
    elif before == "(" and text[end : end + 1] == "-":
        spare = 2
    else:
        return False
    key = text[start:end]
    if not key.isalpha():
        return False  # W4A8 is spelled by no words
    # The expansion is in the same clause: not across a comma, a bracket or a sentence.
    lead = _CLAUSE.split(text[max(0, mark - 120) : mark - 1])[-1]
    words = _LETTERS.findall(lead)[-8:]
    return any(_spells(key, words[first:], spare) for first in range(len(words) - 1, -1, -1))


# Where the words that spell an abbreviation may stand: near it, on its line, in its
# table cell, not in code (a code span's backtick in source, a line break in Sphinx's
# text) and not in a link's address (after "]" in source; Sphinx's text has none).
_NEARBY = 60
_STOPS = "\n|`]"
# Everyday words of three letters or more that spell by chance ("that parallelism": TP).
_FUNCTION_WORDS = frozenset(  # a list of words reads better as text:
    "all also and any are but can could each for from had has have her his how into "  # noqa: SIM905
    "its may more most much must not now one only other our out over per she should "
    "some such than that the their them then there these they this those too two use "
    "used uses using very was way were what when where which while who why will with "
    "would you your".split()
)


def _spelled_nearby(text: str, start: int, end: int) -> bool:
    """``Data parallel size (total number of DP ranks)``, ``Orthogonal Fine-Tuning methods
    (OFT, BOFT)``: words next to each other close by spell the word out, one initial each
    (the first a capital for two letters). Only words of three letters or more with a
    small letter, and no everyday ones, count: two-letter abbreviations are spelled by
    chance often enough ("The provided", "that parallelism" for TP)."""
    key = text[start:end]
    if not key.isalpha() or len(key) > 6:
        return False
    letters = key.lower()
    runs = _runs_from(key[0] if len(key) == 2 else letters[0])
    # The words before and the words after, apart: no run of words spans the abbreviation.
    # Where the window stops is looked for only when some words spell the abbreviation.
    # A run may go on past the window's end, so that no word is cut short there.
    for first, last in ((max(0, start - _NEARBY), start), (end, end + 2 * _NEARBY)):
        for run in runs.finditer(text, first, last):
            if last != start and run.start() >= end + _NEARBY:
                break
            if _initials_spell(letters, run[0].replace("-", " ").split()):
                between = (run.end(), start) if last == start else (end, run.start())
                if not any(text.find(stop, *between) >= 0 for stop in _STOPS):
                    return True
    return False


@lru_cache(maxsize=64)
def _runs_from(initial: str) -> re.Pattern[str]:
    """Words of three letters or more next to each other, joined by spaces or hyphens,
    the first starting with ``initial`` (a small letter: in either case). One pattern
    per letter: starting with it lets the engine skip to it, and there are few to build
    (a pattern per abbreviation would cost a compilation per word in every build)."""
    first = initial if initial.isupper() else initial + initial.upper()
    word = r"[A-Za-z]{3,}(?![A-Za-z])"
    return re.compile(rf"[{first}](?<![A-Za-z].)[A-Za-z]{{2,}}(?:[ \t-]+{word})+")


def _initials_spell(letters: str, words: list[str]) -> bool:
    """Whether words next to each other spell ``letters`` by their first letters."""
    size = len(letters)
    initials = "".join(w[0] for w in words).lower()
    at = initials.find(letters)
    while at >= 0:
        chosen = words[at : at + size]
        if (size > 2 or chosen[0][0].isupper()) and all(
            any(map(str.islower, w)) and w.lower() not in _FUNCTION_WORDS for w in chosen
        ):
            return True
        at = initials.find(letters, at + 1)
    return False


def _skip_blanks(text: str, at: int) -> int:
    """The offset after the last character before ``at`` that is not a space or tab."""
    while at and text[at - 1] in " \t":
        at -= 1
    return at


def _explained_label(text: str, start: int, end: int) -> bool:
    """A label followed by a sentence that starts with an article (a description) or
    with the words it abbreviates; "**CANN**: Upgraded to 8.5" explains nothing."""
    line = text.rfind("\n", 0, start) + 1
    if _LABEL_BEFORE.fullmatch(text, line, start) is None:
        return False
    after = _LABEL_AFTER.match(text, end)
    if after is None:
        return False
    words = [w.rstrip(",;") for w in after[1].split()]
    return words[0].lower() in _ARTICLES or _spells(text[start:end], words)


def _spells(key: str, words: list[str], spare: int | None = None) -> bool:
    """Whether the first words spell ``key``: each gives its first letter and any
    capitals after it (PyTorch: PT; REscale: RE); small joining words may give none.
    With ``spare``, at most that many words may follow the ones that spell it."""
    letters = "".join(c for c in key if c.isalpha()).lower()

    def match(at: int, index: int) -> bool:
        if at == len(letters):
            return spare is None or len(words) - index <= spare
        if index == len(words):
            return False
        word = words[index]
        initials = (word[0] + "".join(c for c in word[1:] if c.isupper())).lower()
        if letters.startswith(initials, at) and match(at + len(initials), index + 1):
            return True
        return word.lower() in _JOINING and match(at, index + 1)

    return len(letters) >= 2 and match(0, 0)


def _linked_in_parentheses(text: str, start: int, end: int) -> bool:
    """``expansion ([TTFT](url))`` in Markdown, ``expansion (`TTFT <url>`_)`` in reST."""
    if text[start - 2 : start] == "([" and text[end : end + 2] == "](":
        close = text.find(")", end + 2, end + 400)
        return close >= 0 and text[close + 1 : close + 2] == ")"
    if text[start - 2 : start] == "(`" and text[end : end + 2] == " <":
        close = text.find("`_", end, end + 400)
        after = text[close + 2 : close + 4]  # `_) or, anonymous, `__)
        return close >= 0 and (after[:1] == ")" or after == "_)")
    return False
