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

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import product
from operator import itemgetter
from typing import NamedTuple

import ahocorasick

from .keys import CHAR_TABLE, UNSPACED_FROM, continues_word, normalize_key, unspaced
from .model import Entry, case_marked_words
from .textmap import fold_around, fold_text

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
    gated: bool = False  # an ambiguous form: found only near the entry's context words


class Matcher:
    """Finds glossary terms in prose."""

    def __init__(self, entries: Iterable[Entry], *, detect_only: bool = True) -> None:
        table: dict[str, list[_Form]] = {}
        entries_list = list(entries)
        for entry in entries_list:
            spellings = entry.detectable_forms() if detect_only else entry.surface_forms()
            for form in spellings:
                _add_form(table, entry, form)
            for form in entry.gated_forms() if detect_only else ():
                _add_form(table, entry, form, gated=True)
        self._context = {e.id: _context_words(e) for e in entries_list}
        self._declared = {e.id: _words_of(e.match.context) or _NO_WORDS for e in entries_list}
        self._automaton = ahocorasick.Automaton()
        # The automaton's values hold only strings, numbers and flags (the forms are
        # found by index), so the garbage collector stops tracking them: a host such
        # as a Sphinx build then does not walk them in every full collection.
        self._forms: list[tuple[_Form, ...]] = []
        self._gated: list[frozenset[str] | None] = []  # by key: entries found only in context
        self._ungated: list[tuple[str, ...] | None] = []
        # Two-word keys by their first word: "tensor" -> {"parallelism": ids}, for the
        # shared head of "tensor and pipeline parallelism" (see _elided).
        self._pairs: dict[str, dict[str, tuple[str, ...]]] = {}
        for key, key_forms in table.items():
            first, _, head = key.partition(" ")
            if head and " " not in head and not any(f.any_exact for f in key_forms):
                self._pairs.setdefault(first, {})[head] = _unique_ids(key_forms)
        self._head_finders: dict[str, re.Pattern[str]] = {}  # compiled at first use
        for key, key_forms in table.items():
            word_start, word_end = continues_word(key[0]), continues_word(key[-1])
            forms = tuple(key_forms)
            index = len(self._forms)
            self._forms.append(forms)
            gated = _gated_ids(forms)
            self._gated.append(gated or None)  # None: nothing for the collector to walk
            ids = None if any(f.any_exact for f in forms) else _unique_ids(forms)
            # The ids where none of the gated entries' context words is in the text.
            self._ungated.append(_without(ids, gated) if ids and gated else None)
            flags = _GATED if gated else 0
            # A plain word (no capitals that must match) is read as a term only where it
            # is not used as a verb: see _collect.
            if " " not in key and not any(f.any_exact for f in forms):
                flags |= _PLAIN | (_ELIDABLE if key in self._pairs else 0)
                # shard, shards; not sharding (a noun too)
                flags |= 0 if key.endswith("ing") else _VERBAL
            for variant in _spellings(key):
                value = (len(variant), word_start, word_end, index, ids, flags)
                self._automaton.add_word(variant, value)
        self._empty = not table
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, text: str, within: Iterable[tuple[int, int]] | None = None) -> list[Mention]:
        """Every mention in ``text``, sorted by start offset; with ``within``, only those
        inside these sorted spans (word boundaries are still read from the whole text)."""
        if self._empty or not text:
            return []
        hay = fold_text(text)
        candidates: list[tuple[int, int, tuple[str, ...]]] = []
        checked: dict[tuple[str, int], tuple[str, ...]] = {}
        gates = _Gates(hay, 0, len(hay))
        for start, end in [(0, len(hay))] if within is None else within:
            self._collect(text, hay, start, end, candidates, checked, gates)
        return _leftmost_longest(text, candidates)

    def find_in(self, text: str, spans: Sequence[tuple[int, int]]) -> list[Mention]:
        """The mentions that lie wholly inside one of the sorted, disjoint ``spans``.

        A candidate that crosses from one span into the next is dropped before the
        longest-match choice, so it hides nothing: what is found in a span depends
        only on the text in and around that span (an editor re-checks just the spans
        an edit touches).
        """
        if self._empty or not text or not spans:
            return []
        scanned = bridged(spans)
        hay = fold_around(text, scanned, _CONTEXT)
        candidates: list[tuple[int, int, tuple[str, ...]]] = []
        checked: dict[tuple[str, int], tuple[str, ...]] = {}
        # Every window read around a hit lies within these bounds, and is folded.
        gates = _Gates(hay, max(0, scanned[0][0] - _WINDOW), scanned[-1][1] + _WINDOW)
        for start, end in scanned:
            self._collect(text, hay, start, end, candidates, checked, gates)
        return _leftmost_longest(text, _inside_one(candidates, spans))

    def _collect(
        self,
        text: str,
        hay: str,
        begin: int,
        stop: int,
        candidates: list[tuple[int, int, tuple[str, ...]]],
        checked: dict[tuple[str, int], tuple[str, ...]],
        gates: _Gates,
    ) -> None:
        size = len(hay)
        open_gate = gates.open.get
        plain_flag, verbal_flag, gated_flag, elidable_flag = _PLAIN, _VERBAL, _GATED, _ELIDABLE
        # A slice, not iter(hay, begin, stop): pyahocorasick converts the whole string on
        # every call, which made a page of many short comments cost 3x a single scan.
        for end_in_slice, value in self._automaton.iter(hay[begin:stop]):
            last = begin + end_in_slice
            length, word_start, word_end, index, ids, flags = value
            start = last - length + 1
            if word_start and start:
                before = hay[start - 1]
                if (before.isalnum() or before == "_") and (
                    before < UNSPACED_FROM or not unspaced(before)
                ):
                    continue
            end = last + 1
            if word_end and end < size:
                after = hay[end]
                if (after.isalnum() or after == "_") and (
                    after < UNSPACED_FROM or not unspaced(after)
                ):
                    continue
            if ids is None:
                spelling = text[start:end]
                ids = checked.get((spelling, index))
                if ids is None:
                    ids = checked[spelling, index] = _accepted(spelling, self._forms[index])
            if flags and ids:  # a hit with no flag needs nothing more
                following = hay[end : end + 1]
                gated = self._gated[index]
                if flags & gated_flag and gated is not None:
                    near = open_gate(index)
                    if near is None:
                        near = gates.open[index] = gates.anywhere(gated, self._declared)
                    if near:
                        ids = self._in_context(hay, start, end, ids, gated)
                    else:  # no context word in the whole scan: worked out at build time
                        ungated = self._ungated[index]
                        ids = ungated if ungated is not None else _without(ids, gated)
                if (
                    ids
                    and flags & elidable_flag
                    and (following in _LIST_GAPS or hay.startswith(_LIST_WORDS, end))
                ):
                    ids = self._elided(hay, start, end) or ids
                # A plain word is not the term where it is a verb ("shard the weights",
                # "decode the JSON payload": a form that can be a verb, then a determiner;
                # "-ing" forms are not flagged, as "by sharding the weights" names sharding),
                # nor inside a hyphenated name with a number (see _in_numbered_name).
                # Written out here: it runs for every plain word.
                if flags & plain_flag and (
                    (
                        following == " "
                        and flags & verbal_flag
                        and hay.startswith(_DETERMINERS, end + 1)
                    )
                    or (
                        (following == "-" or hay[start - 1 : start] == "-")
                        and _in_numbered_name(hay, start, end)
                    )
                ):
                    continue
            if ids:
                if len(ids) > 1:
                    ids = self._rank(hay, start, end, ids)
                candidates.append((start, end, ids))

    def _elided(self, hay: str, start: int, end: int) -> tuple[str, ...] | None:
        """The term a word stands for when a list shares its last word: the "tensor" of
        "tensor, pipeline and expert parallelism" is tensor parallelism, not a tensor."""
        word = hay[start:end]
        heads = self._pairs.get(word)
        if not heads:
            return None
        if self._head_finder(word, heads).search(hay, end, end + 80) is None:
            return None  # nearly always: no word it pairs with follows
        listed = _SHARED_HEAD.match(hay, end)
        return heads.get(listed[1]) if listed else None

    def _head_finder(self, word: str, heads: dict[str, tuple[str, ...]]) -> re.Pattern[str]:
        """One search for any word that ``word`` pairs with (compiled when first needed,
        so that loading a cached matcher compiles nothing)."""
        finder = self._head_finders.get(word)
        if finder is None:
            finder = self._head_finders[word] = re.compile("|".join(map(re.escape, heads)))
        return finder

    def _in_context(
        self, hay: str, start: int, end: int, ids: tuple[str, ...], gated: frozenset[str]
    ) -> tuple[str, ...]:
        """``ids`` less the gated entries none of whose context words stand nearby."""
        low, high = max(0, start - _WINDOW), end + _WINDOW
        declared = self._declared
        if len(ids) == 1:  # the usual case, without a generator
            alone = ids[0]
            return (
                ids if alone not in gated or _starts_a_word(hay, low, high, declared[alone]) else ()
            )
        return tuple(
            i for i in ids if i not in gated or _starts_a_word(hay, low, high, declared[i])
        )

    def _rank(self, hay: str, start: int, end: int, ids: tuple[str, ...]) -> tuple[str, ...]:
        """Order homonym senses by how many of their context words stand nearby; ties keep
        the glossary's order. Where a glossary declares context words for the senses, only
        those count: they are chosen to tell the senses apart, while a definition's words
        are often common on any LLM page ("model", "server") or name the other sense
        ("unrelated to the kernel DSL")."""
        window = set(map(_stem, _WORD.findall(hay, max(0, start - _WINDOW), end + _WINDOW)))
        declared = self._declared
        words = declared if any(declared[i] for i in ids) else self._context
        scores = {i: len(window & words[i]) for i in ids}
        return tuple(sorted(ids, key=lambda i: -scores[i]))


_WORD = re.compile(r"[a-z][a-z0-9]{3,}")
_WINDOW = 250
# How far around a scanned span the matcher reads folded text: the homonym window, and
# a few characters after a word (the verb test in _collect).
_CONTEXT = _WINDOW + 16
_STOPWORDS = frozenset(
    (
        "that",
        "this",
        "with",
        "from",
        "have",
        "what",
        "when",
        "which",
        "their",
        "there",
        "than",
        "then",
        "they",
        "them",
        "were",
        "been",
        "into",
        "more",
        "most",
        "also",
        "only",
        "over",
        "such",
        "some",
        "each",
        "other",
        "used",
        "uses",
        "using",
        "same",
        "about",
        "like",
        "make",
        "makes",
        "made",
        "does",
        "just",
        "very",
        "your",
        "will",
        "would",
        "could",
        "should",
        "based",  # head-based, tail-based: says nothing of the sense
    )
)
_DETERMINERS = ("the ", "a ", "an ", "its ", "their ", "our ", "your ", "each ", "all ")
# A list of words after a word, then the word they share: ", pipeline and expert
# parallelism", "/data parallelism", " and pipeline parallelism".
_LIST_GAPS = frozenset(",/&")
_LIST_WORDS = (" and ", " or ")
_SHARED_HEAD = re.compile(
    r"(?:(?:\s*[,/&]\s*|\s+)(?:(?:and|or)\s+)?(?!and\b|or\b)[a-z][\w-]*){1,4}?"
    r"(?<=[\w-])\s+(?!and\b|or\b)([a-z]+)\b"
)
_NO_WORDS: frozenset[str] = frozenset()  # shared by the entries that declare no context
# Flags of an automaton key: what is asked of a hit beyond its word boundaries.
_PLAIN, _VERBAL, _GATED, _ELIDABLE = 1, 2, 4, 8


def _context_words(entry: Entry) -> frozenset[str]:
    """Words that signal this sense: from its definition, sense, names and the context
    words its glossary declares (a definition is short: NVIDIA's model server says
    nothing of predictors or runtimes)."""
    return _words_of((*entry.definitions, entry.sense or "", *entry.names(), *entry.match.context))


def _words_of(texts: Iterable[str]) -> frozenset[str]:
    words = _WORD.findall(" ".join(texts).lower())
    return frozenset(_stem(w) for w in words if w not in _STOPWORDS)


def _without(ids: tuple[str, ...], gated: frozenset[str]) -> tuple[str, ...]:
    return tuple(i for i in ids if i not in gated)


class _Gates:
    """Per scan, by key: whether a context word of the key's gated entries occurs
    anywhere in the scanned text. Most texts hold none (no "secret" or "login" among
    the thousands of tokens of a long page): one search of the scan tells, where
    searching each hit's window cost about a tenth of all the matching."""

    def __init__(self, hay: str, low: int, high: int) -> None:
        self._hay, self._low, self._high = hay, low, high
        self.open: dict[int, bool] = {}
        self._found: dict[str, bool] = {}  # by context word

    def anywhere(self, gated: frozenset[str], declared: dict[str, frozenset[str]]) -> bool:
        return any(self._occurs(word) for entry_id in gated for word in declared[entry_id])

    def _occurs(self, word: str) -> bool:
        found = self._found.get(word)
        if found is None:  # str.find: several times faster than a pattern of the words
            found = self._found[word] = self._hay.find(word, self._low, self._high) >= 0
        return found


def _starts_a_word(hay: str, low: int, high: int, words: frozenset[str]) -> bool:
    """Whether a word of ``hay[low:high]`` starts with one of ``words`` (cache: caches,
    cached). Substring searches, not a tokenized window: this runs at every ambiguous form."""
    for word in words:
        at = hay.find(word, low, high)
        while at >= 0:
            if at == 0 or not hay[at - 1].isalnum():
                return True
            at = hay.find(word, at + 1, high)
    return False


def _stem(word: str) -> str:
    """``kernels`` and ``kernel``, ``traces`` and ``trace`` count as one word."""
    return word[:-1] if len(word) > 4 and word[-1] == "s" and word[-2] != "s" else word


# A run of letters, digits, hyphens, dots and underscores: the name a word is part of.
_NAME_BEFORE = re.compile(r"[\w.-]{0,64}$")
_NAME_AFTER = re.compile(r"[\w.-]{0,64}")
_NUMBERED_PIECE = re.compile(r"(?:^|[-_.])[a-z]*\d")
_QUANTITY_BEFORE = re.compile(r"(?:^|[-_.])\d+(?:\.\d+)?[km]?-$")


def _in_numbered_name(hay: str, start: int, end: int) -> bool:
    """Qwen3-VL-Embedding, gemma-7b-it-medusa, bert-token-class-m1: a model or an
    identifier whose name holds the word, not the word's sense; a hyphenated part with a
    number in it tells (a version, a size, a series). A number right before the word is
    a quantity instead: a 128-token prompt, a 4k-token context."""
    found = _NAME_BEFORE.search(hay, max(0, start - 64), start)
    before = found[0] if found else ""
    if _QUANTITY_BEFORE.search(before):
        return False
    after = _NAME_AFTER.match(hay, end)
    return _NUMBERED_PIECE.search(before + "-" + (after[0] if after else "")) is not None


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


def _add_form(
    table: dict[str, list[_Form]], entry: Entry, form: str, *, gated: bool = False
) -> None:
    words = tuple(normalize_key(form, fold_case=False).split(" "))
    exact = case_marked_words(form, entry.match.case)
    key = normalize_key(form)
    for suffix in ("", "s", "es"):
        if suffix == "es" and not key.endswith(("s", "x", "z", "ch", "sh")):
            continue
        if suffix and not key[-1:].isalpha():
            continue
        forms = table.setdefault(key + suffix, [])
        form_value = _Form(entry.id, words, exact, suffix, any(exact), gated)
        if form_value not in forms:
            forms.append(form_value)


def _accepted(original: str, forms: tuple[_Form, ...]) -> tuple[str, ...]:
    """Ids of the forms whose letter-case policy the original spelling meets."""
    words = original.translate(CHAR_TABLE).split()
    return _unique_ids(f for f in forms if not f.any_exact or _case_ok(words, f))


def _gated_ids(forms: tuple[_Form, ...]) -> frozenset[str]:
    """Entries that this key finds only in context: all their forms here are gated."""
    return frozenset(f.entry_id for f in forms if f.gated) - {
        f.entry_id for f in forms if not f.gated
    }


def _unique_ids(forms: Iterable[_Form]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(f.entry_id for f in forms))


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


_GAP = 64  # code points: spans closer than this are scanned in one automaton call


def bridged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with short gaps bridged: a scan of inline code or a link target
    costs less than a call per span, and code blocks are still skipped."""
    found: list[tuple[int, int]] = []
    for start, end in spans:
        if found and start - found[-1][1] < _GAP:
            found[-1] = (found[-1][0], end)
        else:
            found.append((start, end))
    return found


def _inside_one(
    candidates: list[tuple[int, int, tuple[str, ...]]], spans: Sequence[tuple[int, int]]
) -> list[tuple[int, int, tuple[str, ...]]]:
    starts = [start for start, _ in spans]
    kept = []
    for candidate in candidates:
        at = bisect_right(starts, candidate[0]) - 1
        if at >= 0 and candidate[1] <= spans[at][1]:
            kept.append(candidate)
    return kept


def _leftmost_longest(
    text: str, candidates: list[tuple[int, int, tuple[str, ...]]]
) -> list[Mention]:
    # By start, longest first: two stable sorts on C-level keys, not a lambda per item.
    candidates.sort(key=itemgetter(1), reverse=True)
    candidates.sort(key=itemgetter(0))
    mentions: list[Mention] = []
    reached = 0
    new = tuple.__new__  # a mention per hit: skip the named tuple's Python-level __new__
    for start, end, ids in candidates:
        if start >= reached:
            mentions.append(new(Mention, (start, end, text[start:end], ids)))
            reached = end
    return mentions
