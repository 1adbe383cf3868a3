"""Analyse one document: glossary mentions in its prose, and diagnostics from the rules.

:class:`Linter` is built once per glossary and configuration and is then used for
any number of documents; the CLI, the language server and the Sphinx extension
all go through it, so they report the same things.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from .config import Config
from .controls import Controls, read_controls
from .glossary import Glossary
from .jargon import Token, candidates, definitions, is_shouting, shipped_allowlist
from .keys import normalize_key
from .match import Mention, bridged
from .regions import Regions
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


@dataclass(frozen=True)
class Analysis:
    """Everything found in one document."""

    regions: Regions
    mentions: list[Mention]
    diagnostics: list[Diagnostic]


class Linter:
    """The glossary, its matcher and the rule settings, ready to check documents."""

    def __init__(self, glossary: Glossary, config: Config | None = None) -> None:
        config = config or Config()
        self.glossary = glossary
        self.matcher = glossary.matcher
        self.allowed = shipped_allowlist() | frozenset(config.allow)
        self.levels = severities(config.severity)
        self._known: dict[str, bool] = {}
        self.discouraged = {
            normalize_key(form): entry for entry in glossary.entries for form in entry.discouraged
        }

    def analyze(self, text: str, filetype: str) -> Analysis:
        """Mentions and diagnostics of ``text`` read as ``filetype``."""
        regions = extract(text, filetype)
        mentions = self.mentions(text, regions)
        return Analysis(regions, mentions, self.diagnose(text, regions, mentions))

    def mentions(self, text: str, regions: Regions) -> list[Mention]:
        """The glossary mentions that lie wholly inside one prose region."""
        return self.matcher.find_in(text, [(r.start, r.end) for r in regions.prose])

    def diagnose(self, text: str, regions: Regions, mentions: list[Mention]) -> list[Diagnostic]:
        controls = read_controls(text, regions.comments)
        found = [
            *self._undefined_jargon(text, regions, mentions, controls),
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
        self, text: str, regions: Regions, mentions: list[Mention], controls: Controls
    ) -> list[Diagnostic]:
        if self.levels[UNDEFINED_JARGON.code] is Level.OFF:
            return []
        tokens = _prose_tokens(text, regions)
        known = {a.term for a in regions.abbreviations}
        known |= {d.term for d in regions.defined_terms} | controls.ignored
        covered = [(m.start, m.end) for m in mentions]
        unknown = [t for t in tokens if not self._is_known(t, known) and not _inside(covered, t)]
        # Whether the page defines a word inline is asked only of the few words still unknown.
        keys = {t.key for t in unknown}
        known |= definitions(text, (t for t in tokens if t.key in keys))
        reported: set[str] = set()
        result = []
        for token in unknown:
            if token.key in reported or token.key in known:
                continue
            reported.add(token.key)
            if _identifier_like(token.key) and _used_as_code(text, regions, token.key):
                continue
            message = (
                f"'{token.key}' is not defined: define it at first use, "
                "add it to a glossary, or allow it"
            )
            result.append(self._diagnostic(UNDEFINED_JARGON, token.start, token.end, message))
        return result

    def _is_known(self, token: Token, known: set[str]) -> bool:
        key = token.key
        if key in known:
            return True
        cached = self._known.get(key)
        if cached is None:
            # The same few keys recur thousands of times across documents: look up once.
            cached = self._known[key] = (
                key in self.allowed or key + "s" in self.allowed or bool(self.glossary.lookup(key))
            )
        return cached

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

    def _discouraged(self, mentions: list[Mention]) -> list[Diagnostic]:
        if not self.discouraged or self.levels[DISCOURAGED_ALIAS.code] is Level.OFF:
            return []
        result = []
        for mention in mentions:
            entry = self.discouraged.get(normalize_key(mention.text))
            if entry is not None:
                message = f"'{mention.text}' is discouraged: write '{entry.name}'"
                result.append(
                    self._diagnostic(
                        DISCOURAGED_ALIAS,
                        mention.start,
                        mention.end,
                        message,
                        (entry.name,),
                        entry.id,
                    )
                )
        return result


def _prose_tokens(text: str, regions: Regions) -> list[Token]:
    """Jargon candidates of the whole text (one regex pass) that lie in prose regions
    that are not mostly upper case."""
    prose = regions.prose
    kept: list[Token] = []
    at = 0
    shouting: dict[int, bool] = {}
    spans = bridged((r.start, r.end) for r in prose)
    tokens = (token for start, end in spans for token in candidates(text, start, end))
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


def _identifier_like(word: str) -> bool:
    """Long all-capital words (ENDPOINT, PYTHONPATH) are often names from the code; short
    acronyms (KV, NPU, GJSON) are jargon even when the code uses them too."""
    return len(word) >= 6 and word.isalpha() and word.isupper()


def _used_as_code(text: str, regions: Regions, word: str) -> bool:
    """The word also stands outside prose (a code block, inline code, a URL): an identifier
    such as an environment variable or a user name, not jargon to define."""
    starts = [r.start for r in regions.prose]
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        whole = not (at and _is_word(text[at - 1])) and not (
            end < len(text) and _is_word(text[end])
        )
        region = bisect_right(starts, at) - 1
        if whole and (region < 0 or regions.prose[region].end <= at):
            return True
        at = text.find(word, end)
    return False


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _inside(spans: list[tuple[int, int]], token: Token) -> bool:
    at = bisect_right(spans, (token.start, float("inf"))) - 1
    return at >= 0 and spans[at][0] <= token.start and token.end <= spans[at][1]
