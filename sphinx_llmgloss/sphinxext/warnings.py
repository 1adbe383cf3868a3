"""Warnings with ``type="llmgloss"`` and a subtype, so ``suppress_warnings`` can pick them.

Subtypes: ``config`` (bad option values, missing glossary files), ``glossary``
(problems in glossary YAML files), ``undefined`` (LG001 undefined jargon),
``discouraged`` (LG003), ``no-glossary-page``. Unknown ``:term:`` references stay
on Sphinx's ``ref.term``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sphinx.util import logging

from ..core.errors import Problem
from ..core.rules import DISCOURAGED_ALIAS, UNDEFINED_JARGON, Diagnostic, Level

logger = logging.getLogger("sphinx_llmgloss")

TYPE = "llmgloss"
SUBTYPES = {UNDEFINED_JARGON.code: "undefined", DISCOURAGED_ALIAS.code: "discouraged"}


def warn(message: str, subtype: str, location: Any = None) -> None:
    logger.warning(message, location=location, type=TYPE, subtype=subtype)


def report_problems(problems: list[Problem], subtype: str) -> None:
    """Located config or glossary-file problems, one warning each."""
    for problem in problems:
        suffix = f" (term '{problem.term}')" if problem.term else ""
        where = problem.location
        # Sphinx takes a location without ':' for a document name, so always give a line.
        location = str(where) if where.line > 0 else f"{where.path}:1"
        warn(f"{problem.message}{suffix}", subtype, location)


def shown(diagnostic: Diagnostic) -> tuple[str, str] | None:
    """(message, subtype) of a lint finding at warning level or above; Sphinx shows no
    lower levels."""
    subtype = SUBTYPES.get(diagnostic.rule.code)
    if subtype is None or diagnostic.level < Level.WARNING:
        return None
    return f"{diagnostic.message} [{diagnostic.rule.code}]", subtype


def silenced(suppress: Iterable[str]) -> dict[str, str]:
    """Severity ``off`` for the rules whose warnings ``suppress_warnings`` hides, read as
    Sphinx reads it (``llmgloss``, ``llmgloss.*``, ``llmgloss.<subtype>``): a build then
    does not look for what it would not show."""
    off = {}
    for entry in suppress:
        kind, _, subtype = entry.partition(".")
        if kind != TYPE:
            continue
        for code, name in SUBTYPES.items():
            if subtype in ("", "*", name):
                off[code] = "off"
    return off
