"""Find and read configuration files: ``llmgloss.toml``, ``.llmgloss.toml`` or ``pyproject.toml``.

The options themselves are declared in :mod:`.config`; this module only finds the file
that applies to a path, reads it, and reports its problems with their locations.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from .config import Config, from_mapping, key_location
from .errors import Location, Problem

CONFIG_FILES = ("llmgloss.toml", ".llmgloss.toml")


def missing_glossaries(config: Config) -> list[Problem]:
    """A configured glossary path that is not a file: located at the option in the config file."""
    problems = []
    for name, path in zip(config.glossaries, config.glossary_paths(), strict=True):
        if not path.is_file():
            where = key_location(Location(config.path), "glossaries") if config.path else None
            message = f"glossary file not found: {path}"
            problems.append(Problem(where or Location(name), message))
    return problems


def find_config_file(start: Path) -> Path | None:
    """The nearest config file at or above ``start``: llmgloss.toml, .llmgloss.toml, pyproject."""
    for folder in _at_and_above(start):
        for name in CONFIG_FILES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and re.search(r"(?m)^\[tool\.llmgloss\]", _read(pyproject)):
            return pyproject
    return None


def _at_and_above(start: Path) -> list[Path]:
    """The folder of ``start`` (itself if it is one) and every folder above it."""
    directory = (start if start.is_dir() else start.parent).resolve()
    return [directory, *directory.parents]


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def load_config(path: Path) -> tuple[Config, list[Problem]]:
    """Read a config file; every problem is located and nothing raises."""
    import tomllib

    where = Location(str(path))
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except OSError as exc:
        return Config(root=str(path.parent)), [
            Problem(where, f"cannot read config: {exc.strerror}")
        ]
    except UnicodeDecodeError:
        return Config(root=str(path.parent)), [Problem(where, "config file is not UTF-8")]
    except tomllib.TOMLDecodeError as exc:
        return Config(root=str(path.parent)), [_toml_problem(str(path), text, exc)]
    table, section_line = _llmgloss_table(path, data)
    base = Config(root=str(path.parent), path=str(path))
    if not isinstance(table, dict):
        return base, [Problem(where, "[tool.llmgloss] must be a table")]
    return from_mapping(table, Location(str(path), section_line), base)


def _toml_problem(path: str, text: str, exc: Exception) -> Problem:
    """Locate a tomllib error from its message: '(at line 3, column 1)' or 'end of document'."""
    found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
    if found:
        line, column = int(found[1]), int(found[2])
    else:
        line, column = text.count("\n") + 1, len(text.rsplit("\n", 1)[-1]) + 1
    message = re.sub(r"\s*\(at (line|end of document).*\)", "", str(exc))
    return Problem(Location(path, line, column), f"TOML error: {message}")


def _llmgloss_table(path: Path, data: dict[str, Any]) -> tuple[Any, int]:
    if path.name != "pyproject.toml":
        return data, 0
    lines = _read(path).splitlines()
    line = next((n for n, text in enumerate(lines, 1) if text.strip() == "[tool.llmgloss]"), 0)
    return data.get("tool", {}).get("llmgloss", {}), line


def with_project_name(config: Config, start: Path) -> Config:
    """``config`` with ``project`` set from the nearest pyproject.toml's ``[project]``
    name at or above ``start``, unless it is set; a file that cannot be read is left
    out quietly (it is not llmgloss's to report)."""
    import tomllib

    if config.project:
        return config
    for folder in _at_and_above(start):
        pyproject = folder / "pyproject.toml"
        if not pyproject.is_file():
            continue
        try:
            name = tomllib.loads(_read(pyproject)).get("project", {}).get("name")
        except (tomllib.TOMLDecodeError, AttributeError):
            name = None
        if isinstance(name, str) and name:
            return replace(config, project=name)
    return config


def discover(start: Path | None = None) -> tuple[Config, list[Problem]]:
    """The configuration that applies to ``start`` (a file or directory; default: cwd)."""
    start = start or Path.cwd()
    found = find_config_file(start)
    if found is None:
        return Config(root=str(start if start.is_dir() else start.parent)), []
    return load_config(found)


__all__ = [
    "CONFIG_FILES",
    "discover",
    "find_config_file",
    "load_config",
    "missing_glossaries",
    "with_project_name",
]
