"""Sphinx config values generated from the core config model, and their resolution.

Every ``llmgloss_<option>`` value comes from :func:`sphinx_llmgloss.core.config.options`;
nothing here declares an option. The effective :class:`Config` is the project's
``[tool.llmgloss]`` (or ``llmgloss.toml``) overridden by what ``conf.py`` sets.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal

from sphinx.application import Sphinx
from sphinx.config import Config as SphinxConfig

from ..core.config import Config, OptionSpec, coerce, options
from ..core.configfile import discover, missing_glossaries
from ..core.errors import Location, Problem

PREFIX = "llmgloss_"


def sphinx_default(spec: OptionSpec) -> Any:
    """The option's default as a picklable, comparable Sphinx config value."""
    if isinstance(spec.default, Mapping):
        return dict(spec.default)
    return spec.default


def add_config_values(app: Sphinx) -> None:
    """One ``llmgloss_<name>`` value per core option; matching options re-read everything."""
    for spec in options():
        rebuild: Literal["env", "html"] = "env" if spec.rebuild else "html"
        app.add_config_value(
            PREFIX + spec.name,
            sphinx_default(spec),
            rebuild,
            types=frozenset({Any}),
            description=spec.help,
        )


def resolve(confdir: Path, config: SphinxConfig) -> tuple[Config, list[Problem]]:
    """The project's config file overridden by the values ``conf.py`` sets explicitly."""
    base, problems = discover(confdir)
    if base.path is None:
        base = replace(base, root=str(confdir))
    conf_py = confdir / "conf.py"
    changes: dict[str, Any] = {}
    for spec in options():
        name = PREFIX + spec.name
        if not _set_by_user(config, name):
            continue
        value = getattr(config, name)
        if spec.name == "glossaries":  # conf.py paths are relative to conf.py
            value = _absolute_paths(value, confdir)
        try:
            changes[spec.name] = coerce(spec, value)
        except ValueError as exc:
            where = _line_of(conf_py, name)
            problems.append(Problem(where, f"{exc}; using the default"))
    resolved = replace(base, **changes)
    return resolved, [*problems, *missing_glossaries(resolved)]


def _set_by_user(config: SphinxConfig, name: str) -> bool:
    raw: Mapping[str, Any] = getattr(config, "_raw_config", {})
    overrides: Mapping[str, Any] = getattr(config, "_overrides", {})
    return name in raw or name in overrides


def _absolute_paths(value: Any, confdir: Path) -> Any:
    if isinstance(value, str):
        value = [value]
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return [str((confdir / v).resolve()) for v in value]
    return value


def _line_of(conf_py: Path, name: str) -> Location:
    """Where ``name = ...`` is assigned in conf.py (the whole file when not found)."""
    try:
        lines = conf_py.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return Location(str(conf_py))
    pattern = re.compile(rf"^\s*{re.escape(name)}\s*=")
    for number, line in enumerate(lines, 1):
        if pattern.match(line):
            return Location(str(conf_py), number, line.index(name) + 1)
    return Location(str(conf_py))
