"""Editor settings: the core's options plus the few that only an editor has.

Every setting is derived from :func:`sphinx_llmgloss.core.config.options`; this
module only adds the editor-only ones (declared here, once) and merges the three
sources in priority order: the project's config file, then the client's
``workspace/configuration`` section ``llmgloss``, then ``initializationOptions``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sphinx_llmgloss.core.config import Config, OptionSpec, coerce, from_mapping, options
from sphinx_llmgloss.core.errors import Location, Problem

SECTION = "llmgloss"

EDITOR_OPTIONS = (
    OptionSpec(
        "inlay_hints",
        bool,
        False,
        "Show the expansion of a glossary acronym as an inlay hint after its first use.",
        False,
    ),
)


@dataclass(frozen=True)
class EditorOptions:
    """The editor-only settings, validated."""

    inlay_hints: bool = False


def all_options() -> list[OptionSpec]:
    """Every setting an editor may send, core options first (Sphinx-only ones left out)."""
    return [*(spec for spec in options() if not spec.sphinx_only), *EDITOR_OPTIONS]


def snake_case(key: str) -> str:
    """``maxFileSize`` and ``max-file-size`` -> ``max_file_size``."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", key).replace("-", "_").lower()


def section(values: Any) -> dict[str, Any]:
    """The ``llmgloss`` settings of a client payload, flat or nested under ``llmgloss``."""
    if not isinstance(values, Mapping):
        return {}
    nested = values.get(SECTION)
    found = nested if isinstance(nested, Mapping) else values
    return {snake_case(str(k)): v for k, v in found.items() if v is not None}


def file_keys(path: str | None) -> set[str]:
    """The option names a config file sets itself (those beat editor settings)."""
    if path is None:
        return set()
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return set()
    if Path(path).name == "pyproject.toml":
        data = data.get("tool", {}).get(SECTION, {})
    return {snake_case(k) for k in data} if isinstance(data, dict) else set()


def merge(
    file_config: Config, client: Mapping[str, Any], init: Mapping[str, Any]
) -> tuple[Config, EditorOptions, list[Problem]]:
    """Apply editor settings under the config file: its own keys always win."""
    taken = file_keys(file_config.path)
    values = {**init, **client}
    editor_names = {spec.name for spec in EDITOR_OPTIONS}
    core_values = {k: v for k, v in values.items() if k not in taken and k not in editor_names}
    where = Location("editor settings (llmgloss)")
    config, problems = from_mapping(core_values, where, file_config)
    editor: dict[str, Any] = {}
    for spec in EDITOR_OPTIONS:
        if spec.name in values:
            try:
                editor[spec.name] = coerce(spec, values[spec.name])
            except ValueError as exc:
                problems.append(Problem(where, f"{exc}; using the default"))
    return config, EditorOptions(**editor), problems


_JSON_TYPES = {bool: "boolean", int: "integer", str: "string", tuple: "array"}


def vscode_properties() -> dict[str, dict[str, Any]]:
    """The ``contributes.configuration`` properties of the VS Code client, one per option.

    examples/editors/vscode/package.json holds their output; a test keeps it in step.
    """
    properties: dict[str, dict[str, Any]] = {}
    for spec in all_options():
        kind = _JSON_TYPES.get(spec.kind, "object")
        default = spec.default
        if isinstance(default, tuple):
            default = list(default)
        elif isinstance(default, Mapping):
            default = dict(default)
        entry: dict[str, Any] = {"type": kind, "default": default, "description": spec.help}
        if kind == "array":
            entry["items"] = {"type": "string"}
        if spec.choices and kind == "string":
            entry["enum"] = list(spec.choices)
        if spec.choices and kind == "object":
            entry["additionalProperties"] = {"type": "string", "enum": list(spec.choices)}
        entry["scope"] = "resource"
        properties[f"{SECTION}.{spec.name}"] = entry
    return properties
