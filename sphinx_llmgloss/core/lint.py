"""Analyse one document: glossary mentions in its prose, and diagnostics from the rules.

:class:`Linter` is built once per glossary and configuration and is then used for
any number of documents; the CLI, the language server and the Sphinx extension
all go through it, so they report the same things.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
from typing import NamedTuple

from .config import Config
from .controls import Controls, read_controls
from .glossary import Glossary
from .jargon import (
    NamesOfParts,
    Token,
    candidates,
    defined_inline,
    is_shouting,
    shipped_allowlist,
    singular,
)
from .keys import continues_word, normalize_key
from .match import Mention, bridged
from .model import Entry
from .regions import Kind, Region, Regions, Span
from .regions.select import extract
from .rules import (
    DISCOURAGED_ALIAS,
    UNDEFINED_JARGON,
    UNKNOWN_TERM,
    Diagnostic,
    Level,
    Rule,
    severities,
)
from .textmap import fold_text


class Word(NamedTuple):
    """A jargon-shaped word in prose that no glossary or allow list knows, with the facts
    about it that depend only on the text around it."""

    start: int
    end: int
    key: str
    covered: bool  # inside a glossary mention: the KV of "KV cache"
    defines: bool  # defined where it stands: "TTFT (time to first token)"


@dataclass(frozen=True)
class Analysis:
    """Everything found in one document."""

    regions: Regions
    mentions: Sequence[Mention]  # sorted; after an edit, moved only when read
    diagnostics: list[Diagnostic]
    words: list[Word] = field(default_factory=list)


class Linter:
    """The glossary, its matcher and the rule settings, ready to check documents."""

    def __init__(self, glossary: Glossary, config: Config | None = None) -> None:
        config = config or Config()
        self.glossary = glossary
        self.matcher = glossary.matcher
        self.allowed = shipped_allowlist() | frozenset(config.allow)
        # Names in mixed case are known in any case: LLaMa and LLAMA for LLaMA.
        self._allowed_names = frozenset(w.casefold() for w in self.allowed if _mixed_case(w))
        self._allowed_parts = NamesOfParts(self.allowed)
        self.own_words = _own_words(config.project)
        self._own_name = NamesOfParts([_without_remark(config.project)], any_separator=True)
        self.levels = severities(config.severity)
        self._known: dict[str, bool] = {}
        self.discouraged = {
            normalize_key(form): entry for entry in glossary.entries for form in entry.discouraged
        }
        self._anchors = _anchors(self.discouraged)

    def analyze(self, text: str, filetype: str) -> Analysis:
        """Mentions and diagnostics of ``text`` read as ``filetype``."""
        regions = extract(text, filetype)
        mentions = self.mentions(text, regions)
        words = self.words(text, regions.prose, mentions)
        return Analysis(regions, mentions, self.report(text, regions, mentions, words), words)

    def lint(self, text: str, filetype: str) -> list[Diagnostic]:
        """The diagnostics of :meth:`analyze` for less work: glossary terms are looked
        for only in the prose regions whose diagnostics depend on them.

        Mentions matter to the rules only where an unknown jargon word may stand inside
        one (the KV of "KV cache") or where a discouraged alias may be; as mentions are
        region-local, matching just those regions finds the same ones there.
        """
        regions = extract(text, filetype)
        tokens = self._unknown_tokens(text, regions.prose)
        spans = self._needing_mentions(text, regions.prose, tokens)
        mentions = self._find_in(text, spans) if spans else []
        return self.report(text, regions, mentions, self._words(text, tokens, mentions))

    def mentions(self, text: str, regions: Regions) -> list[Mention]:
        """The glossary mentions that lie wholly inside one prose region."""
        return self._find_in(text, [(r.start, r.end) for r in regions.prose])

    def _find_in(self, text: str, spans: Sequence[tuple[int, int]]) -> list[Mention]:
        """The matcher's mentions, less those inside the project's own name: the vLLM of
        "vLLM Ascend" names the project, not the glossary's vLLM."""
        mentions = self.matcher.find_in(text, spans)
        own = self._own_name
        if not own or not mentions:
            return mentions
        return [m for m in mentions if not own.contain(text, m.start, m.end)]

    def words(self, text: str, prose: Sequence[Region], mentions: list[Mention]) -> list[Word]:
        """The unknown jargon-shaped words in these prose regions (``mentions`` must hold
        those of the same regions)."""
        return self._words(text, self._unknown_tokens(text, prose), mentions)

    def _unknown_tokens(self, text: str, prose: Sequence[Region]) -> list[Token]:
        if self.levels[UNDEFINED_JARGON.code] is Level.OFF:
            return []
        return _prose_tokens(text, prose, self._known_key)

    def _words(self, text: str, tokens: list[Token], mentions: list[Mention]) -> list[Word]:
        """The tokens that matter: a word inside a mention (the KV of "KV cache") only
        where it is defined."""
        if not tokens:
            return []
        # Two columns of plain ints, not a pair per mention: a page may have thousands.
        starts, ends = list(map(itemgetter(0), mentions)), list(map(itemgetter(1), mentions))
        words = []
        for token in tokens:
            at = bisect_right(starts, token.start) - 1
            inside = at >= 0 and token.end <= ends[at]
            defines = defined_inline(text, token)
            if defines or not inside:
                words.append(Word(token.start, token.end, token.key, inside, defines))
        return words

    def _needing_mentions(
        self, text: str, prose: Sequence[Region], tokens: list[Token]
    ) -> list[tuple[int, int]]:
        """The prose regions that hold one of ``tokens`` or may hold a discouraged alias."""
        starts = [region.start for region in prose]
        chosen = {bisect_right(starts, token.start) - 1 for token in tokens}
        if self._anchors is not None and self.levels[DISCOURAGED_ALIAS.code] is not Level.OFF:
            hay = fold_text(text)
            chosen.update(
                bisect_right(starts, hit.start()) - 1 for hit in self._anchors.finditer(hay)
            )
        return [(prose[at].start, prose[at].end) for at in sorted(chosen) if at >= 0]

    def diagnose(self, text: str, regions: Regions, mentions: list[Mention]) -> list[Diagnostic]:
        """The diagnostics of a document whose regions and mentions are known."""
        return self.report(text, regions, mentions, self.words(text, regions.prose, mentions))

    def report(
        self, text: str, regions: Regions, mentions: Sequence[Mention], words: list[Word]
    ) -> list[Diagnostic]:
        """The diagnostics, from what was found; the only step that needs the whole page."""
        controls = read_controls(text, regions.comments)
        found = [
            *self._undefined_jargon(text, regions, words, controls),
            *self._unknown_terms(regions),
            *self._discouraged(mentions),
        ]
        kept = [d for d in found if not controls.suppresses(d.rule.code, d.start)]
        return sorted(kept, key=lambda d: (d.start, d.rule.code))

    def _diagnostic(
        self,
        rule: Rule,
        start: int,
        end: int,
        message: str,
        suggestions: tuple[str, ...] = (),
        entry_id: str | None = None,
    ) -> Diagnostic:
        return Diagnostic(start, end, rule, self.levels[rule.code], message, suggestions, entry_id)

    def _undefined_jargon(
        self, text: str, regions: Regions, words: list[Word], controls: Controls
    ) -> list[Diagnostic]:
        if self.levels[UNDEFINED_JARGON.code] is Level.OFF:
            return []
        known = {a.term for a in regions.abbreviations} | {w.key for w in words if w.defines}
        known |= _html_abbreviations(text, regions)
        known |= {d.term for d in regions.defined_terms} | controls.ignored
        reported: set[str] = set()
        result = []
        starts = [r.start for r in regions.prose]
        for word in words:
            if word.covered or word.key in known or word.key in reported:
                continue
            if _numbered(word.key) in known:
                continue  # DP32 where the page defines DP, as TP16 is known where TP is
            if _in_heading(regions, starts, word.start):
                continue  # as in Sphinx, where titles are not prose: the body says what it is
            if _in_link(regions.links, word.start):
                continue  # nor is a link's text: where it goes says what it is
            if word.key.casefold() in self.own_words:
                continue
            if self._allowed_parts and self._allowed_parts.contain(text, word.start, word.end):
                continue  # the MS of MS MARCO: reported where it stands alone
            reported.add(word.key)
            # Long capitals (DEVICES) are often names from the code; short acronyms
            # (KV, NPU, GJSON) are jargon even when the code uses them too.
            if _capitals(word.key, 6) and _used_as_code(text, regions, starts, word.key):
                continue
            if _capitals(word.key, 4) and _used_as_word(text, regions, starts, word.key):
                continue
            message = (
                f"'{word.key}' is not defined: define it at first use, "
                "add it to a glossary, or allow it"
            )
            result.append(self._diagnostic(UNDEFINED_JARGON, word.start, word.end, message))
        return result

    def _discouraged_form(self, key: str) -> tuple[Entry, bool] | None:
        """The entry a discouraged spelling stands for, and whether it is a plural."""
        entry = self.discouraged.get(key)
        if entry is not None:
            return entry, False
        for ending in ("s", "es"):
            entry = self.discouraged.get(key.removesuffix(ending)) if key.endswith(ending) else None
            if entry is not None:
                return entry, True
        return None

    def _known_key(self, key: str) -> bool:
        known = self._known.get(key)
        if known is None:
            # The same few keys recur thousands of times across documents: look up once.
            known = self._known[key] = (
                key in self.allowed
                or key + "s" in self.allowed
                or key.casefold() in self._allowed_names
                or bool(self.glossary.lookup(key))
                or self._numbered_known(key)
            )
        return known

    def _numbered_known(self, key: str) -> bool:
        """A known abbreviation with a number: a device (NPU0), a version (FSDP2, GPT4),
        one of a series (TTFT1); CP16 or MXFP8 stay unknown while CP or MXFP are."""
        base = _numbered(key)
        return base is not None and self._known_key(base)

    def _unknown_terms(self, regions: Regions) -> list[Diagnostic]:
        if self.levels[UNKNOWN_TERM.code] is Level.OFF:
            return []
        local = {normalize_key(d.term) for d in regions.defined_terms}
        result = []
        for ref in regions.term_refs:
            if normalize_key(ref.target) in local or self.glossary.lookup(ref.target):
                continue
            hints = tuple(e.headword for e in self.glossary.suggest(ref.target, 3))
            extra = f"; did you mean '{hints[0]}'?" if hints else ""
            message = f"term not in any glossary: '{ref.target}'{extra}"
            result.append(self._diagnostic(UNKNOWN_TERM, ref.start, ref.end, message, hints))
        return result

    def _discouraged(self, mentions: Sequence[Mention]) -> list[Diagnostic]:
        if not self.discouraged or self.levels[DISCOURAGED_ALIAS.code] is Level.OFF:
            return []
        result = []
        for mention in mentions:
            found = self._discouraged_form(normalize_key(mention.text))
            if found is not None:
                entry, plural = found
                name = _plural(entry.name) if plural else entry.name  # "Ascend chips"
                message = f"'{mention.text}' is discouraged: write '{name}'"
                result.append(
                    self._diagnostic(
                        DISCOURAGED_ALIAS,
                        mention.start,
                        mention.end,
                        message,
                        (name,),
                        entry.id,
                    )
                )
        return result


def _numbered(key: str) -> str | None:
    """The abbreviation a numbered one extends (TP of TP16, DCP of DCP8), if any."""
    base = key.rstrip("0123456789")
    return base if base != key and len(base) >= 2 else None


def _prose_tokens(text: str, prose: Sequence[Region], known: Callable[[str], bool]) -> list[Token]:
    """The jargon candidates with keys not ``known`` that lie in these prose regions,
    unless a region is mostly upper case (asked last, of the few regions that have one)."""
    kept: list[Token] = []
    at = 0
    shouting: dict[int, bool] = {}
    spans = bridged((r.start, r.end) for r in prose)
    tokens = (token for start, end in spans for token in candidates(text, start, end, known))
    for token in tokens:
        while at < len(prose) and prose[at].end <= token.start:
            at += 1
        if at == len(prose):
            break
        region = prose[at]
        if region.start <= token.start and token.end <= region.end:
            if at not in shouting:
                shouting[at] = is_shouting(text, region.start, region.end)
            if not shouting[at]:
                kept.append(token)
    return kept


def _plural(name: str) -> str:
    """The plural of a term's name, as the matcher reads plurals: NPU -> NPUs."""
    return name + ("es" if name.endswith(("s", "x", "z", "ch", "sh")) else "s")


def _anchors(keys: Iterable[str]) -> re.Pattern[str] | None:
    """What every spelling of these keys contains, in folded text: each key's longest
    run of letters and digits, which no spelling variant (hyphen or space, apostrophe,
    plural ending) changes; a key without one makes every region a candidate."""
    runs = [max(_ALNUM_RUN.findall(key), key=len, default="") for key in keys]
    if not runs:
        return None
    if not all(runs):
        return re.compile(r"[\s\S]")
    return re.compile("|".join(map(re.escape, sorted(set(runs), key=len, reverse=True))))


_ALNUM_RUN = re.compile(r"[^\W_]+")


_HTML_ABBR = re.compile(
    r"<abbr\b[^>]*?\btitle\s*=\s*(?:\"[^\"]+\"|'[^']+')[^>]*>\s*([^<]+?)\s*</abbr\s*>", re.I
)


def _html_abbreviations(text: str, regions: Regions) -> set[str]:
    """Words an HTML ``<abbr title="Tensor Parallel">TP</abbr>`` in prose spells out
    (Markdown pages use it in tables and headings); not one shown in a code block."""
    if "<abbr" not in text and "<ABBR" not in text:
        return set()
    starts = [region.start for region in regions.prose]
    found = _HTML_ABBR.finditer(text)
    return {singular(m[1]) for m in found if _in_prose(regions, starts, *m.span(1))}


# A remark after a project's name: "vLLM Ascend (documentation copy)".
_REMARK = re.compile(r"\([^()]*\)")


def _without_remark(name: str) -> str:
    """The name without a remark in parentheses: "vLLM Ascend (documentation copy)"."""
    return _REMARK.sub(" ", name)


# The parts of a word in camel case: LM and Cache of LMCache, Deep and Speed of DeepSpeed.
_CAMEL_PART = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


def _own_words(name: str) -> frozenset[str]:
    """The project's name, its words and their initials, folded: a project's documents
    use its name (AIBrix) and short name (TGI) without defining them. A word in camel
    case counts as words too: the LM of "LM Cache" (LMCache), the DS of DS-Inference
    (DeepSpeed)."""
    words = _ALNUM_RUN.findall(_without_remark(name))
    own = [w.casefold() for w in words]
    if len(words) > 1:
        own.append("".join(w[0] for w in own))
    for word in words:
        parts = _CAMEL_PART.findall(word)
        if len(parts) > 1 and word[0].isupper():
            own.extend(p.casefold() for p in parts)
            own.append("".join(p[0] for p in parts).casefold())
    return frozenset(own)


def _mixed_case(word: str) -> bool:
    return any(map(str.isupper, word)) and any(map(str.islower, word))


def _capitals(word: str, at_least: int) -> bool:
    """Only capital letters, ``at_least`` of them: an abbreviation (HCCL), a name from the
    code (DEVICES), or a word set in capitals for emphasis or as a heading (ONLY)."""
    return len(word) >= at_least and word.isalpha() and word.isupper()


def _in_heading(regions: Regions, starts: list[int], start: int) -> bool:
    """Whether ``start`` lies in a heading (``starts`` are the prose regions' starts)."""
    region = bisect_right(starts, start) - 1
    return region >= 0 and regions.prose[region].kind is Kind.HEADING


def _in_link(links: list[Span], start: int) -> bool:
    """Whether ``start`` lies in the text of a hyperlink (``links`` sorted by start)."""
    at = bisect_right(links, start, key=attrgetter("start")) - 1
    return at >= 0 and start < links[at].end


def _in_prose(regions: Regions, starts: list[int], start: int, end: int) -> bool:
    """Whether ``start:end`` lies in one prose region (``starts`` are the regions' starts)."""
    region = bisect_right(starts, start) - 1
    return region >= 0 and end <= regions.prose[region].end


# What may stand next to a word of a sentence; not a path, an identifier or a URL.
_NOT_BEFORE_WORD = frozenset("./\\$@#%&=+-_")
_NOT_AFTER_WORD = frozenset("/\\@=+-_")
_WORD_ENDINGS = ("ing", "es", "ed", "s", "d", "")
# How English words of four or more letters start: a vowel, or a consonant, or one of
# the usual clusters; 'ml', 'mm', 'hc' or 'nv' start abbreviations (MLAPO, MMLU, NVML).
_ENGLISH_START = re.compile(
    r"[aeiou]|(?:sch|scr|shr|spl|spr|squ|str|thr|[bcfgps]l|[bcdfgkpt]r|s[chkmnpqtw]"
    r"|[cptw]h|wr|kn|qu|tw|dw|[b-df-hj-np-tv-z])[aeiouy]"
)


def _english_like(word: str) -> bool:
    """Spelled like an English word: a usual start, and a vowel in every four letters."""
    vowels = sum(word.count(v) for v in "aeiouy")
    return _ENGLISH_START.match(word) is not None and vowels * 4 >= len(word)


def _used_as_word(text: str, regions: Regions, starts: list[int], word: str) -> bool:
    """The word is spelled like an English word and the document's prose also writes it
    in small letters, as a word of a sentence (``only``, ``enable``, ``checkpoints``):
    the capitals are emphasis, a heading or a label, not an abbreviation to define.
    Shorter words are not asked: MAP, OPT and RAG are abbreviations and English words."""
    low = word.lower()
    stem = low.removesuffix("s") if low.endswith("s") else low
    if not _english_like(stem):
        return False
    at = text.find(stem)
    while at >= 0:
        end = _word_end(text, at, at + len(stem))
        if end and _in_prose(regions, starts, at, end):
            return True
        at = text.find(stem, at + len(stem))
    return False


def _word_end(text: str, start: int, end: int) -> int:
    """Where the word at ``start`` ends, with an ending (-s, -ed, -ing) after ``end``,
    if it stands as a word of a sentence; else 0."""
    if start and (continues_word(text[start - 1]) or text[start - 1] in _NOT_BEFORE_WORD):
        return 0
    for ending in _WORD_ENDINGS:
        if text.startswith(ending, end):
            stop = end + len(ending)
            after = text[stop : stop + 1]
            if not after or not (
                continues_word(after)
                or after in _NOT_AFTER_WORD
                or (after == "." and continues_word(text[stop + 1 : stop + 2] or " "))
            ):
                return stop
    return 0


def _used_as_code(text: str, regions: Regions, starts: list[int], word: str) -> bool:
    """The word also stands outside prose (a code block, inline code, a URL): an identifier
    such as an environment variable or a user name, not jargon to define. ``starts`` are
    the prose regions' starts."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        whole = not (at and continues_word(text[at - 1])) and not (
            end < len(text) and continues_word(text[end])
        )
        if whole and not _in_prose(regions, starts, at, at + 1):
            return True
        at = text.find(word, end)
    return False
