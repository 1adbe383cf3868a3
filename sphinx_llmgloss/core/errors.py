"""Located problems: every user mistake is reported as ``path:line:column: message``.

Loading never raises on bad input; it collects :class:`Problem` values so that a
caller (CLI, Sphinx, language server) can show all of them at once and keep going.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Location:
    """A 1-based line and column in a file; ``line == 0`` means the whole file."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.path
        return f"{self.path}:{self.line}:{self.column or 1}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a glossary or a config file."""

    location: Location
    message: str
    term: str | None = None
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        suffix = f" (term '{self.term}')" if self.term else ""
        return f"{self.location}: {self.severity.value}: {self.message}{suffix}"


class LlmglossError(Exception):
    """Base of the few exceptions the core raises (the rest are :class:`Problem` values)."""


class ConfigError(LlmglossError):
    """A configuration file or option cannot be used; carries its located problems."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
