"""Diagnostics: the core's rule findings and the located problems of config and glossary files."""

from __future__ import annotations

from collections.abc import Iterable, Set
from pathlib import Path

from lsprotocol import types

from sphinx_llmgloss.core.errors import Problem, Severity
from sphinx_llmgloss.core.keys import normalize_key
from sphinx_llmgloss.core.rules import UNKNOWN_TERM, Level

from ..convert import LineTable
from ..state import DocumentView

SOURCE = "llmgloss"

_SEVERITY = {
    Level.ERROR: types.DiagnosticSeverity.Error,
    Level.WARNING: types.DiagnosticSeverity.Warning,
    Level.INFO: types.DiagnosticSeverity.Information,
    Level.HINT: types.DiagnosticSeverity.Hint,
}


def document_diagnostics(
    view: DocumentView, limit: int, defined_elsewhere: Set[str] = frozenset()
) -> list[types.Diagnostic]:
    """The rule findings of one document version, most ``limit`` of them.

    ``defined_elsewhere`` holds the (normalised) terms other workspace documents define
    in a ``glossary``: references to them are not unknown (Sphinx resolves them).
    """
    if view.too_large:
        message = (
            "llmgloss: not checked, the file is larger than max_file_size "
            "(see the llmgloss settings)"
        )
        return [_diagnostic(view.table.range(0, 0), message, types.DiagnosticSeverity.Information)]
    if view.analysis is None:
        return []
    result = []
    for found in view.analysis.diagnostics[:limit]:
        if found.level is Level.OFF:
            continue
        if found.rule is UNKNOWN_TERM and (
            normalize_key(view.text[found.start : found.end]) in defined_elsewhere
        ):
            continue
        result.append(
            types.Diagnostic(
                range=view.table.range(found.start, found.end),
                message=found.message,
                severity=_SEVERITY[found.level],
                code=found.rule.code,
                source=SOURCE,
                data={
                    "rule": found.rule.name,
                    "suggestions": list(found.suggestions),
                    "entry": found.entry_id,
                },
            )
        )
    return result


def problem_diagnostics(
    problems: Iterable[Problem], text: str, encoding: str
) -> list[types.Diagnostic]:
    """Config or glossary problems of one file, on their line (the whole first line if unknown)."""
    problems = list(problems)
    if not problems:  # the usual case: no table for nothing
        return []
    table = LineTable(text, encoding)
    result = []
    for problem in problems:
        line = max(problem.location.line - 1, 0)
        start = table.line_start(line) + max(problem.location.column - 1, 0)
        end = table.line_end(line)
        severity = (
            types.DiagnosticSeverity.Error
            if problem.severity is Severity.ERROR
            else types.DiagnosticSeverity.Warning
        )
        message = f"{problem.message} (term '{problem.term}')" if problem.term else problem.message
        result.append(_diagnostic(table.range(min(start, end), end), message, severity))
    return result


def problems_by_file(problems: Iterable[Problem]) -> dict[Path, list[Problem]]:
    """Problems grouped by the file they are in (those without a real file are dropped)."""
    grouped: dict[Path, list[Problem]] = {}
    for problem in problems:
        path = Path(problem.location.path)
        if path.is_absolute():
            grouped.setdefault(path.resolve(), []).append(problem)
    return grouped


def _diagnostic(
    where: types.Range, message: str, severity: types.DiagnosticSeverity
) -> types.Diagnostic:
    return types.Diagnostic(range=where, message=message, severity=severity, source=SOURCE)
