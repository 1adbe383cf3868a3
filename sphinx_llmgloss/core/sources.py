"""Find and load the glossaries a configuration names, built-in one first."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from . import cache
from .config import Config

if TYPE_CHECKING:
    from .glossary import Glossary
    from .load import LoadedFile

BUILTIN_FILE = "llm-systems.yaml"
SCHEMA_FILE = "glossary.schema.json"


def builtin_path() -> Path:
    """Path of the built-in glossary (the data package is always installed unzipped)."""
    return Path(str(resources.files("glossary_data").joinpath(BUILTIN_FILE)))


@lru_cache(maxsize=1)
def load_builtin() -> LoadedFile:
    """The built-in glossary, read once per process."""
    from .load import load_text

    resource = resources.files("glossary_data").joinpath(BUILTIN_FILE)
    return load_text(resource.read_text(encoding="utf-8"), str(builtin_path()), builtin=True)


def load_glossary(
    config: Config,
    extra: list[Path] | None = None,
    *,
    use_cache: bool = True,
    for_matching: bool = True,
) -> Glossary:
    """Merge the built-in glossary (unless disabled), the configured files and ``extra``.

    With ``for_matching``, the glossary's matcher comes from the cache too (it is
    built and stored on a miss); a lookup does without.
    """
    from .glossary import Glossary

    paths = [*config.glossary_paths(), *(extra or [])]
    key = cache.cache_key([builtin_path()] * config.builtin + paths) if use_cache else None
    glossary = cache.read(key, Glossary) if key else None
    if glossary is None:
        glossary = _merge(config, paths)
        if key:
            cache.write(key, glossary)
    if key and for_matching:
        _cached_matcher(key, glossary)
    return glossary


def _merge(config: Config, paths: list[Path]) -> Glossary:
    from .glossary import merge
    from .load import load_file

    files = [load_builtin()] if config.builtin else []
    files.extend(load_file(path) for path in paths)
    return merge(files)


def _cached_matcher(key: str, glossary: Glossary) -> None:
    from .match import Matcher

    matcher = cache.read(f"{key}-matcher", Matcher)
    if matcher is None:
        cache.write(f"{key}-matcher", glossary.matcher)
    else:
        glossary.keep_matcher(matcher)
