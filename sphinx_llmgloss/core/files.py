"""Find the files to check and read them without ever failing on their content.

Folders are walked honouring ``.gitignore`` files (each applies below its own
folder), the ``exclude`` patterns and the ``include`` file patterns; hidden files
and folders are skipped. A file named on the command line is always read.
Binary and oversized files are skipped with a note; undecodable bytes are
replaced, with a note.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Config

if TYPE_CHECKING:
    import pathspec

_SNIFF = 8192


@dataclass(frozen=True)
class Skipped:
    """A path that was not checked, and why (shown to the user as a note)."""

    path: str
    reason: str


def walk(paths: Iterable[Path], config: Config) -> Iterator[Path | Skipped]:
    """The files to check under ``paths``, in a stable order."""
    for path in paths:
        if path.is_file():
            yield path
        elif path.is_dir():
            yield from _walk_folder(path, config)
        else:
            yield Skipped(str(path), "no such file or folder")


def _walk_folder(top: Path, config: Config) -> Iterator[Path]:
    excluded = _spec(config.exclude) if config.exclude else None
    ignores: list[tuple[str, pathspec.GitIgnoreSpec]] = []
    for folder, dirs, files in os.walk(top):
        relative = os.path.relpath(folder, top)
        ignores = [(base, spec) for base, spec in ignores if _below(relative, base)]
        spec = _gitignore(Path(folder)) if ".gitignore" in files else None
        if spec is not None:
            ignores.append((relative, spec))
        rules = (excluded, ignores)
        dirs[:] = sorted(d for d in dirs if not _ignored(relative, d, True, rules))
        for name in sorted(files):
            if _ignored(relative, name, False, rules):
                continue
            if any(fnmatch.fnmatch(name, pattern) for pattern in config.include):
                yield Path(folder, name)


def _ignored(
    relative: str,
    name: str,
    is_dir: bool,
    rules: tuple[pathspec.GitIgnoreSpec | None, list[tuple[str, pathspec.GitIgnoreSpec]]],
) -> bool:
    """Hidden, excluded by config, or ignored by a .gitignore above it."""
    excluded, ignores = rules
    if name.startswith("."):
        return True
    path = os.path.normpath(os.path.join(relative, name)) + ("/" if is_dir else "")
    if excluded is not None and excluded.match_file(path):
        return True
    return any(spec.match_file(_relative_to(path, base)) for base, spec in ignores)


def _below(relative: str, base: str) -> bool:
    return base == "." or relative == base or relative.startswith(base + os.sep)


def _relative_to(path: str, base: str) -> str:
    return path if base == "." else path[len(base) + 1 :]


def _gitignore(folder: Path) -> pathspec.GitIgnoreSpec | None:
    try:
        lines = (folder / ".gitignore").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return _spec(lines)


def _spec(lines: Iterable[str]) -> pathspec.GitIgnoreSpec:
    """Imported only when needed: pathspec costs tens of milliseconds to import."""
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


def read_source(path: Path, max_size: int) -> tuple[str | None, str | None]:
    """The file's text and a note for the user; text is None when the file is skipped."""
    try:
        size = path.stat().st_size
        if size > max_size:
            return None, f"skipped: {size:,} bytes is over max_file_size ({max_size:,})"
        data = path.read_bytes()
    except OSError as exc:
        return None, f"skipped: cannot read ({exc.strerror})"
    if b"\0" in data[:_SNIFF]:
        return None, "skipped: binary file"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        text = data.decode("utf-8", errors="replace")
        return text, f"line {line}: bytes that are not UTF-8 were replaced with U+FFFD"
