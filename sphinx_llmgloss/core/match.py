"""The term matcher: the only code in the project that finds terms in text.

Built once from entries (immutable), then run on any string. Mentions are
leftmost-longest and non-overlapping, with word boundaries on both sides, and
their offsets are code-point offsets into the caller's string.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from .keys import normalize_key
from .model import Entry, case_marked_words
from .textmap import FoldedText

_PLURALS = ("s", "es")


@dataclass(frozen=True)
class Mention:
    """A span of text that names one or more entries (several for homonyms)."""

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


class Matcher:
    """Finds glossary terms in prose."""

    def __init__(self, entries: Iterable[Entry], *, detect_only: bool = True) -> None:
        table: dict[str, list[_Form]] = {}
        for entry in entries:
            forms = entry.detectable_forms() if detect_only else entry.surface_forms()
            for form in forms:
                _add_form(table, entry, form)
        self._automaton = ahocorasick.Automaton()
        for key, key_forms in table.items():
            self._automaton.add_word(key, (len(key), tuple(key_forms)))
        self._empty = not table
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[Mention]:
        """Every mention in ``text``, sorted by start offset."""
        if self._empty or not text:
            return []
        folded = FoldedText(text)
        candidates: list[tuple[int, int, tuple[str, ...]]] = []
        for end, (length, forms) in self._automaton.iter(folded.folded):
            start = end - length + 1
            if not _bounded(folded.folded, start, end + 1):
                continue
            o_start, o_end = folded.span(start, end + 1)
            ids = _accepted(text[o_start:o_end], forms)
            if ids:
                candidates.append((o_start, o_end, ids))
        return _leftmost_longest(text, candidates)


def _add_form(table: dict[str, list[_Form]], entry: Entry, form: str) -> None:
    words = tuple(normalize_key(form, fold_case=False).split(" "))
    exact = case_marked_words(form, entry.match.case)
    key = normalize_key(form)
    for suffix in ("", *_PLURALS):
        if suffix == "es" and not key.endswith(("s", "x", "z", "ch", "sh")):
            continue
        if suffix and not key[-1:].isalpha():
            continue
        forms = table.setdefault(key + suffix, [])
        if all(f.entry_id != entry.id for f in forms):
            forms.append(_Form(entry.id, words, exact, suffix))


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _bounded(folded: str, start: int, end: int) -> bool:
    before = folded[start - 1] if start > 0 else " "
    after = folded[end] if end < len(folded) else " "
    return not (_is_word_char(before) and _is_word_char(folded[start])) and not (
        _is_word_char(after) and _is_word_char(folded[end - 1])
    )


def _accepted(original: str, forms: tuple[_Form, ...]) -> tuple[str, ...]:
    """Ids of the forms whose letter-case policy the original spelling meets."""
    words = normalize_key(original, fold_case=False).split(" ")
    return tuple(f.entry_id for f in forms if _case_ok(words, f))


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
