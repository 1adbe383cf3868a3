"""Find and load the glossaries a configuration names, built-in one first."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from .config import Config
from .glossary import Glossary, merge
from .load import LoadedFile, load_file, load_text

BUILTIN_FILE = "llm-systems.yaml"
SCHEMA_FILE = "glossary.schema.json"


def builtin_path() -> Path:
    """Path of the built-in glossary (the data package is always installed unzipped)."""
    return Path(str(resources.files("glossary_data").joinpath(BUILTIN_FILE)))


@lru_cache(maxsize=1)
def load_builtin() -> LoadedFile:
    """The built-in glossary, read once per process."""
    resource = resources.files("glossary_data").joinpath(BUILTIN_FILE)
    return load_text(resource.read_text(encoding="utf-8"), str(builtin_path()), builtin=True)


def load_glossary(config: Config, extra: list[Path] | None = None) -> Glossary:
    """Merge the built-in glossary (unless disabled), the configured files and ``extra``."""
    files: list[LoadedFile] = [load_builtin()] if config.builtin else []
    files.extend(load_file(path) for path in [*config.glossary_paths(), *(extra or [])])
    return merge(files)
