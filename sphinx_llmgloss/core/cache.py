"""A per-user cache of merged glossaries and their matchers, so a CLI call or an
editor start skips YAML and building the automaton.

The key covers the llmgloss version and the path, size and modification time of
each input file and of the modules that define the cached objects; anything else
(a missing file, an unwritable folder, a corrupt cache file) silently falls back
to loading from source.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import TypeVar

from .. import __version__

T = TypeVar("T")

# What the cached objects are made of: an edited checkout must not load stale ones.
_CODE = [
    Path(__file__).with_name(name)
    for name in (
        "model.py",
        "keys.py",
        "load.py",
        "glossary.py",
        "match.py",
        "textmap.py",
        "errors.py",
    )
]


def cache_dir() -> Path | None:
    """``$LLMGLOSS_CACHE_DIR``, else the XDG cache folder; ``None`` when disabled."""
    if os.environ.get("LLMGLOSS_NO_CACHE"):
        return None
    explicit = os.environ.get("LLMGLOSS_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base, "llmgloss")


def cache_key(paths: list[Path]) -> str | None:
    """A key for these input files as they are now; ``None`` if one cannot be read."""
    # The interpreter too: several Pythons (and their extension modules) share the folder.
    digest = hashlib.sha256(f"llmgloss {__version__} {sys.version}".encode())
    for path in [*_CODE, *paths]:
        try:
            stat = path.stat()
        except OSError:
            return None
        digest.update(f"\0{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:32]


def read(key: str, expected: type[T]) -> T | None:
    """The value stored under ``key`` if it is an ``expected``; else ``None``."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with open(folder / f"{key}.pickle", "rb") as handle:
            value = pickle.load(handle)
    except Exception:  # any unreadable entry (another build's extension type too) is rebuilt
        return None
    return value if isinstance(value, expected) else None


def write(key: str, value: object) -> None:
    """Store atomically: a reader never sees half a file."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".tmp") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, folder / f"{key}.pickle")
        _prune(folder)
    except OSError:
        return


def _prune(folder: Path, keep: int = 32) -> None:
    """Drop the oldest entries: every edit of a glossary makes a new key."""
    files = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[keep:]:
        old.unlink(missing_ok=True)
