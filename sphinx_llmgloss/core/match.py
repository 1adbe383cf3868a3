"""The term matcher: the only code in the project that finds terms in text.

Built once from entries (immutable), then run on any string. Mentions are
leftmost-longest and non-overlapping, with word boundaries on both sides, and
their offsets are code-point offsets into the caller's string.

Speed comes from doing little per character: the text is only lower-cased (see
:mod:`.textmap`), and spelling variants (hyphen, space, or line break and
indentation between words; straight or typographic apostrophe; plural endings)
are expanded into the Aho-Corasick automaton's keys instead. Two spaces inside
a term, or a wrap indented by more than eight spaces, is not matched.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import product
from typing import NamedTuple

import ahocorasick

from .keys import CHAR_TABLE, normalize_key
from .model import Entry, case_marked_words
from .textmap import fold_text

_WRAPS = tuple("\n" + " " * indent for indent in range(9))
# Fewer spellings of each gap for longer terms: the variants multiply per gap.
_SEPARATORS = {1: (" ", "-", *_WRAPS), 2: (" ", "-", *_WRAPS[:5]), 3: (" ", "-", *_WRAPS[:3])}
_FEW_SEPARATORS = (" ", "-", "\n")
_APOSTROPHES = ("'", "\u2019")


class Mention(NamedTuple):
    """A span of text that names one or more entries (several for homonyms).

    A named tuple rather than a frozen dataclass: matching creates one per mention
    and tuple creation is several times cheaper.
    """

    start: int
    end: int
    text: str
    entry_ids: tuple[str, ...]


@dataclass(frozen=True)
class _Form:
    entry_id: str
    words: tuple[str, ...]  # case-preserving normalised words of the form
    exact: tuple[bool, ...]  # which words must match their letter case
    suffix: str  # plural ending the key adds to the last word
    any_exact: bool  # False: the automaton's case-folded hit is already enough


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


class Matcher:
    """Finds glossary terms in prose."""

    def __init__(self, entries: Iterable[Entry], *, detect_only: bool = True) -> None:
        table: dict[str, list[_Form]] = {}
        for entry in entries:
            spellings = entry.detectable_forms() if detect_only else entry.surface_forms()
            for form in spellings:
                _add_form(table, entry, form)
        self._automaton = ahocorasick.Automaton()
        for key, key_forms in table.items():
            word_start, word_end = _is_word_char(key[0]), _is_word_char(key[-1])
            forms = tuple(key_forms)
            ids = None if any(f.any_exact for f in forms) else tuple(f.entry_id for f in forms)
            for variant in _spellings(key):
                self._automaton.add_word(variant, (len(variant), word_start, word_end, forms, ids))
        self._empty = not table
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[Mention]:
        """Every mention in ``text``, sorted by start offset."""
        if self._empty or not text:
            return []
        hay = fold_text(text)
        size = len(hay)
        candidates: list[tuple[int, int, tuple[str, ...]]] = []
        checked: dict[tuple[str, int], tuple[str, ...]] = {}
        for last, (length, word_start, word_end, forms, ids) in self._automaton.iter(hay):
            start = last - length + 1
            if word_start and start:
                before = hay[start - 1]
                if before.isalnum() or before == "_":
                    continue
            end = last + 1
            if word_end and end < size:
                after = hay[end]
                if after.isalnum() or after == "_":
                    continue
            if ids is None:
                spelling = text[start:end]
                ids = checked.get((spelling, id(forms)))
                if ids is None:
                    ids = checked[spelling, id(forms)] = _accepted(spelling, forms)
            if ids:
                candidates.append((start, end, ids))
        return _leftmost_longest(text, candidates)


def _spellings(key: str) -> list[str]:
    """The key as prose may spell it: each space as space, hyphen or line break."""
    pieces = key.replace("'", "\0'\0").split(" ")
    gaps = len(pieces) - 1
    separators = _SEPARATORS.get(gaps, _FEW_SEPARATORS)
    variants = []
    for joints in product(separators, repeat=gaps):
        joined = pieces[0] + "".join(j + p for j, p in zip(joints, pieces[1:], strict=True))
        variants.append(joined)
    if "'" not in key:
        return variants
    return [v.replace("\0'\0", a) for v in variants for a in _APOSTROPHES]


def _add_form(table: dict[str, list[_Form]], entry: Entry, form: str) -> None:
    words = tuple(normalize_key(form, fold_case=False).split(" "))
    exact = case_marked_words(form, entry.match.case)
    key = normalize_key(form)
    for suffix in ("", "s", "es"):
        if suffix == "es" and not key.endswith(("s", "x", "z", "ch", "sh")):
            continue
        if suffix and not key[-1:].isalpha():
            continue
        forms = table.setdefault(key + suffix, [])
        if all(f.entry_id != entry.id for f in forms):
            forms.append(_Form(entry.id, words, exact, suffix, any(exact)))


def _accepted(original: str, forms: tuple[_Form, ...]) -> tuple[str, ...]:
    """Ids of the forms whose letter-case policy the original spelling meets."""
    words = original.translate(CHAR_TABLE).split()
    return tuple(f.entry_id for f in forms if not f.any_exact or _case_ok(words, f))


def _case_ok(words: list[str], form: _Form) -> bool:
    if len(words) != len(form.words):
        return False
    last = len(words) - 1
    for index, (word, wanted, exact) in enumerate(zip(words, form.words, form.exact, strict=True)):
        if index == last and form.suffix:
            word, ending = word[: -len(form.suffix)], word[-len(form.suffix) :]
            if exact and ending != form.suffix:  # "SMs", never "SMS"
                return False
        if exact and word != wanted:
            return False
    return True


def _leftmost_longest(
    text: str, candidates: list[tuple[int, int, tuple[str, ...]]]
) -> list[Mention]:
    candidates.sort(key=lambda c: (c[0], -c[1]))
    mentions: list[Mention] = []
    reached = 0
    for start, end, ids in candidates:
        if start >= reached:
            mentions.append(Mention(start, end, text[start:end], ids))
            reached = end
    return mentions
