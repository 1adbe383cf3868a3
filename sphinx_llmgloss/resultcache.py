"""``scan`` and ``lint`` results kept between runs, per file (as ruff and cspell do).

A file is analysed again when its size or modification time changed, or when anything
its results depend on changed: llmgloss itself (version, and the size and modification
time of each module that computes results), the glossary files, the allow list, the
settings and the command. Results live in the per-user cache folder
(``LLMGLOSS_CACHE_DIR``), one file per command, settings and set of checked paths;
``--no-cache`` or ``LLMGLOSS_NO_CACHE`` turns the cache off. A missing, unreadable or
corrupt cache file only means a full run.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .core import cache
from .core.config import Config
from .core.sources import builtin_path
from .runner import FileResult

_HERE = Path(__file__)
_CORE = _HERE.parent / "core"
_ALLOWLIST = builtin_path().with_name("allowlist.txt")

Stamp = tuple[int, int]  # size, modification time in nanoseconds


class ResultCache:
    """The cached results of one command over one set of paths with one configuration."""

    def __init__(self, key: str | None) -> None:
        self._key = key
        stored = cache.read(key, dict) if key else None
        self._old: dict[str, tuple[Stamp, FileResult]] = stored or {}
        self._new: dict[str, tuple[Stamp, FileResult]] = {}

    @classmethod
    def open(cls, config: Config, want: str, paths: list[Path]) -> ResultCache:
        return cls(_key(config, want, paths))

    def get(self, path: str) -> FileResult | None:
        """The stored result of ``path`` if the file is unchanged since."""
        found = self._old.get(path)
        if not (isinstance(found, tuple) and len(found) == 2):  # absent, or a damaged store
            return None
        now = stamp(path)
        if now is None or found[0] != now or not isinstance(found[1], FileResult):
            return None
        self._new[path] = found
        return found[1]

    def put(self, path: str, taken: Stamp | None, result: FileResult) -> None:
        """Keep ``result``, computed from the file as it was when ``taken``."""
        if taken is not None and self._key:
            self._new[path] = (taken, result)

    def save(self) -> None:
        """Keep this run's results (only those: files no longer checked drop out)."""
        if self._key and self._new != self._old:
            cache.write(self._key, self._new)


def stamp(path: str) -> Stamp | None:
    """What tells a changed file; taken before the file is read, so that a change made
    while it is analysed shows next time."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


def _key(config: Config, want: str, paths: list[Path]) -> str | None:
    code = [*sorted(_CORE.rglob("*.py")), _HERE.with_name("runner.py"), _HERE]
    inputs = [*code, _ALLOWLIST, *config.glossary_paths()]
    glossaries = cache.cache_key([builtin_path()] * config.builtin + inputs)
    if glossaries is None or cache.cache_dir() is None:
        return None
    digest = hashlib.sha256(f"{glossaries}\0{want}\0{config!r}".encode())
    for path in sorted(str(p.resolve()) for p in paths):
        digest.update(f"\0{path}".encode())
    return "results-" + digest.hexdigest()[:32]
