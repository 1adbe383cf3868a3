"""The glossary core: model, loading, config, lookup and matching.

It imports neither Sphinx, docutils, pygls nor lsprotocol; both front ends and
the CLI build on it (a test checks that in a fresh interpreter). Names are
re-exported lazily so that a cached CLI call never pays for the YAML loader.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "Config": "config",
    "discover": "configfile",
    "load_config": "configfile",
    "options": "config",
    "ConfigError": "errors",
    "LlmglossError": "errors",
    "Location": "errors",
    "Problem": "errors",
    "Severity": "errors",
    "Glossary": "glossary",
    "merge": "glossary",
    "LoadedFile": "load",
    "load_file": "load",
    "load_text": "load",
    "Matcher": "match",
    "Mention": "match",
    "Case": "model",
    "Entry": "model",
    "MatchPolicy": "model",
    "Origin": "model",
    "Reference": "model",
    "RefKind": "model",
    "Source": "model",
    "builtin_path": "sources",
    "load_builtin": "sources",
    "load_glossary": "sources",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
