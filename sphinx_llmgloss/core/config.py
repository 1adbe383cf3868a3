"""The one declarative configuration model shared by the CLI, Sphinx and the language server.

Each option is a field of :class:`Config` with its help text in the field's
metadata. Front ends derive their own option spellings from :func:`options`
(``--builtin`` flags, ``llmgloss_builtin`` Sphinx values, ``llmgloss.builtin``
editor settings); none declares an option of its own.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .errors import Location, Problem

SEVERITIES = ("error", "warning", "info", "hint", "off")
LINK_MODES = ("page", "section", "every", "none")


def _option(
    default: Any,
    help: str,
    *,
    rebuild: bool = False,
    choices: tuple[str, ...] = (),
    sphinx_only: bool = False,
) -> Any:
    metadata = {"help": help, "rebuild": rebuild, "choices": choices, "sphinx_only": sphinx_only}
    if isinstance(default, tuple | dict):
        frozen = MappingProxyType(dict(default)) if isinstance(default, dict) else default
        return field(default_factory=lambda: frozen, metadata=metadata)
    return field(default=default, metadata=metadata)


@dataclass(frozen=True)
class Config:
    """Validated llmgloss settings; ``root`` is where relative paths start."""

    glossaries: tuple[str, ...] = _option(
        (),
        "Project glossary YAML files, relative to the config file; later ones win.",
        rebuild=True,
    )
    builtin: bool = _option(True, "Include the built-in LLM-systems glossary.", rebuild=True)
    allow: tuple[str, ...] = _option(
        (),
        "Words never reported as undefined jargon, on top of the shipped allowlist; an "
        "abbreviation inside an allowed name of several parts (MS MARCO, HPC-X) is not either.",
    )
    severity: Mapping[str, str] = _option(
        {},
        "Severity per rule, by code or name (LG001 or undefined-jargon): "
        "error, warning, info, hint or off.",
        choices=SEVERITIES,
    )
    project: str = _option(
        "",
        "The project's name: its words (and the parts of a word in camel case: LM of "
        "LMCache), and their initials when it has several (TGI for "
        "text-generation-inference, DS for DeepSpeed), are never undefined jargon, and a "
        "glossary term inside "
        "it (the vLLM of vLLM Ascend) is not a mention. Default: Sphinx's "
        "`project`; for the CLI and the language server, the `[project]` name in the "
        "nearest pyproject.toml.",
        rebuild=True,
    )
    include: tuple[str, ...] = _option(
        ("*.md", "*.markdown", "*.rst", "*.txt"),
        "File patterns that `scan` and `lint` read when walking a folder "
        "(add e.g. '*.py' for comments and docstrings).",
    )
    exclude: tuple[str, ...] = _option(
        (), "File or folder patterns to skip, in .gitignore syntax, on top of .gitignore files."
    )
    max_file_size: int = _option(2_000_000, "Files larger than this many bytes are skipped.")
    fail_on: str = _option(
        "warning",
        "The lowest severity that makes `lint` exit 1.",
        choices=("error", "warning", "info", "hint", "never"),
    )
    link: str = _option(
        "page",
        "Sphinx: which mentions of a term are linked: the first on each page, the first in "
        "each section, every one, or none (tooltips and warnings only).",
        choices=LINK_MODES,
        sphinx_only=True,
    )
    exclude_terms: tuple[str, ...] = _option(
        (),
        "Sphinx: terms (names, aliases or ids) that are never linked automatically.",
        rebuild=True,
        sphinx_only=True,
    )
    exclude_pages: tuple[str, ...] = _option(
        (),
        "Sphinx: pages (document names or glob patterns such as 'api/*') where nothing is "
        "linked automatically and no jargon is reported.",
        rebuild=True,
        sphinx_only=True,
    )
    root: str = field(default=".", metadata={"internal": True})
    path: str | None = field(default=None, metadata={"internal": True})

    def glossary_paths(self) -> list[Path]:
        return [Path(self.root, g) for g in self.glossaries]


@dataclass(frozen=True)
class OptionSpec:
    """One user-facing option, as every front end sees it."""

    name: str
    kind: type
    default: Any
    help: str
    rebuild: bool
    choices: tuple[str, ...] = ()
    sphinx_only: bool = False  # an option of the Sphinx extension only (no CLI flag)


def options() -> list[OptionSpec]:
    """The user-facing options of :class:`Config`, in declaration order."""
    hints = typing.get_type_hints(Config)
    specs = []
    for f in fields(Config):
        if f.metadata.get("internal"):
            continue
        factory = f.default_factory
        default = factory() if callable(factory) else f.default
        kind = typing.get_origin(hints[f.name]) or hints[f.name]
        meta = f.metadata
        specs.append(
            OptionSpec(
                f.name,
                kind,
                default,
                meta["help"],
                meta["rebuild"],
                meta["choices"],
                meta["sphinx_only"],
            )
        )
    return specs


def coerce(spec: OptionSpec, value: Any) -> Any:
    """``value`` as the option's type; raises ValueError with a message for users."""
    if spec.kind is bool:
        if isinstance(value, bool):
            return value
        raise ValueError(f"'{spec.name}' must be true or false, not {value!r}")
    if spec.kind is tuple:
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
            return tuple(value)
        raise ValueError(f"'{spec.name}' must be a list of strings, not {value!r}")
    if spec.kind is Mapping:
        return _coerce_mapping(spec, value)
    if spec.kind is int and isinstance(value, int) and not isinstance(value, bool):
        if value < 0:
            raise ValueError(f"'{spec.name}' must not be negative, not {value!r}")
        return value
    if spec.kind is str and isinstance(value, str):
        if spec.choices and value not in spec.choices:
            raise ValueError(
                f"'{spec.name}' must be one of {', '.join(spec.choices)}, not {value!r}"
            )
        return value
    raise ValueError(f"'{spec.name}' must be {spec.kind.__name__}, not {value!r}")


def _coerce_mapping(spec: OptionSpec, value: Any) -> Mapping[str, str]:
    if isinstance(value, list | tuple):  # KEY=VALUE strings from a command line
        pairs = [str(item).partition("=") for item in value]
        if any(not sep for _, sep, _ in pairs):
            raise ValueError(f"'{spec.name}' entries must look like KEY=VALUE, not {value!r}")
        value = {key.strip(): val.strip() for key, _, val in pairs}
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise ValueError(f"'{spec.name}' must be a table of strings, not {value!r}")
    bad = [v for v in value.values() if spec.choices and v not in spec.choices]
    if bad:
        raise ValueError(
            f"'{spec.name}' values must be one of {', '.join(spec.choices)}, not {bad[0]!r}"
        )
    return MappingProxyType(dict(value))


def from_mapping(
    values: dict[str, Any], location: Location, base: Config | None = None
) -> tuple[Config, list[Problem]]:
    """Apply ``values`` over ``base``; bad values are reported and keep their default."""
    specs = {s.name: s for s in options()}
    changes: dict[str, Any] = {}
    problems: list[Problem] = []
    for key, value in values.items():
        name = key.replace("-", "_")
        if name not in specs:
            import difflib

            hint = difflib.get_close_matches(name, list(specs), n=1)
            extra = f"; did you mean '{hint[0]}'?" if hint else ""
            problems.append(Problem(key_location(location, key), f"unknown option '{key}'{extra}"))
            continue
        try:
            changes[name] = coerce(specs[name], value)
        except ValueError as exc:
            problems.append(Problem(key_location(location, key), f"{exc}; using the default"))
            continue
        if name == "severity":
            problems.extend(_unknown_rules(changes[name], key_location(location, key)))
    return replace(base or Config(), **changes), problems


def _unknown_rules(levels: Mapping[str, str], where: Location) -> list[Problem]:
    from .rules import RULES, rule_for

    names = [r.code for r in RULES] + [r.name for r in RULES]
    problems = []
    for key in levels:
        if rule_for(key) is None:
            import difflib

            hint = difflib.get_close_matches(key, names, n=1)
            extra = f"; did you mean '{hint[0]}'?" if hint else ""
            problems.append(Problem(where, f"unknown rule '{key}' in 'severity'{extra}"))
    return problems


def key_location(location: Location, key: str) -> Location:
    """Best-effort line of ``key = ...`` in a TOML file (tomllib keeps no positions)."""
    try:
        lines = Path(location.path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return location
    quoted = rf"[\"']?{re.escape(key)}[\"']?"
    pattern = re.compile(rf"^\s*(?:{quoted}\s*=|\[(?:tool\.llmgloss\.)?{quoted}\])")
    start = max(location.line - 1, 0)
    for number, line in enumerate(lines[start:], start=start + 1):
        if pattern.match(line):
            return Location(location.path, number, line.index(key[0]) + 1)
    return location


__all__ = ["Config", "OptionSpec", "coerce", "from_mapping", "options"]
