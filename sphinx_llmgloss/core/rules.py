"""Lint rules: stable codes, names, default severities, and the diagnostic value.

Codes never change meaning; users refer to rules by code (LG001) or name
(undefined-jargon) in config, inline controls and Sphinx's ``suppress_warnings``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import IntEnum


class Level(IntEnum):
    """Diagnostic severity, ordered so that a larger value is more severe."""

    OFF = 0
    HINT = 1
    INFO = 2
    WARNING = 3
    ERROR = 4

    @property
    def label(self) -> str:
        return _LABELS[self]


# Looked up, not computed: an enum member's ``name`` is a slow descriptor, and output
# asks once per diagnostic.
_LABELS = {level: level.name.lower() for level in Level}


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    default: Level
    summary: str


UNDEFINED_JARGON = Rule(
    "LG001",
    "undefined-jargon",
    Level.WARNING,
    "An acronym or mixed-case technical term that no glossary defines, nor the document itself.",
)
UNKNOWN_TERM = Rule(
    "LG002",
    "unknown-term",
    Level.ERROR,
    "A :term: or {term} reference to a term that no glossary defines.",
)
DISCOURAGED_ALIAS = Rule(
    "LG003",
    "discouraged-alias",
    Level.INFO,
    "An alias the glossary marks as discouraged in favour of the entry's name.",
)
RULES: tuple[Rule, ...] = (UNDEFINED_JARGON, UNKNOWN_TERM, DISCOURAGED_ALIAS)
_BY_KEY = {key: rule for rule in RULES for key in (rule.code.lower(), rule.name)}


def rule_for(key: str) -> Rule | None:
    """The rule a user means by a code or a name (any letter case)."""
    return _BY_KEY.get(key.strip().lower())


def severities(overrides: Mapping[str, str]) -> dict[str, Level]:
    """Effective level per rule code; unknown keys are ignored here (config reports them)."""
    levels = {rule.code: rule.default for rule in RULES}
    for key, value in overrides.items():
        rule = rule_for(key)
        if rule is not None:
            levels[rule.code] = Level[value.upper()]
    return levels


@dataclass(frozen=True)
class Diagnostic:
    """One finding, with code-point offsets into the checked text."""

    start: int
    end: int
    rule: Rule
    level: Level
    message: str
    suggestions: tuple[str, ...] = ()  # replacement texts, best first
    entry_id: str | None = None
