"""Run ``scan`` or ``lint`` over many files, on all cores when there are many."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from .core.config import Config
from .core.files import Skipped, read_source, walk
from .core.lint import Linter
from .core.match import Mention
from .core.positions import LineIndex
from .core.regions.select import filetype_for
from .core.rules import Diagnostic
from .core.sources import load_glossary

PARALLEL_FROM = 24  # files; below this, starting workers costs more than it saves


@dataclass
class FileResult:
    """What one file gave: mentions or diagnostics with their line/column positions."""

    path: str
    note: str | None = None
    mentions: list[tuple[Mention, tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    diagnostics: list[tuple[Diagnostic, tuple[int, int], tuple[int, int]]] = field(
        default_factory=list
    )


# Per process: built once in the parent, inherited by forked workers (or built by the
# initializer where processes are spawned), never sent with each task.
_linter: Linter | None = None
_config: Config | None = None


def _init(config: Config, linter: Linter | None = None) -> None:
    global _linter, _config
    _config = config
    _linter = linter or Linter(load_glossary(config), config)


def check_file(path: str, filetype: str, want: str) -> FileResult:
    """Analyse one file with the process's linter; ``want`` is "mentions" or "diagnostics"."""
    assert _linter is not None and _config is not None
    text, note = read_source(Path(path), _config.max_file_size)
    result = FileResult(path, note)
    if text is None:
        return result
    index = LineIndex(text)
    if want == "mentions":
        result.mentions = [
            (m, index.position(m.start), index.position(m.end))
            for m in _linter.analyze(text, filetype).mentions
        ]
    else:
        result.diagnostics = [
            (d, index.position(d.start), index.position(d.end))
            for d in _linter.lint(text, filetype)
        ]
    return result


def plan(paths: Sequence[Path], config: Config) -> tuple[list[tuple[str, str]], list[Skipped]]:
    """The (path, file type) pairs to check, and what was skipped before reading."""
    todo: list[tuple[str, str]] = []
    skipped: list[Skipped] = []
    for item in walk(paths, config):
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        filetype = filetype_for(str(item))
        if filetype is None:
            skipped.append(Skipped(str(item), "skipped: not a file type llmgloss reads"))
        else:
            todo.append((str(item), filetype))
    return todo, skipped


def run(
    todo: list[tuple[str, str]],
    config: Config,
    jobs: int | None,
    want: str,
    linter: Linter | None = None,
) -> Iterator[tuple[int, FileResult]]:
    """``(index in todo, result)`` pairs, in the order the files are done."""
    workers = min(jobs if jobs is not None else (os.cpu_count() or 1), len(todo))
    _init(config, linter)
    if workers <= 1 or len(todo) < PARALLEL_FROM:
        for index, (path, filetype) in enumerate(todo):
            yield index, check_file(path, filetype, want)
        return
    with _pool(workers, config) as pool:
        futures = [pool.submit(check_batch, batch, want) for batch in _batches(todo, workers)]
        for future in as_completed(futures):
            yield from future.result()


def check_batch(batch: list[tuple[int, str, str]], want: str) -> list[tuple[int, FileResult]]:
    """Analyse a few files in a worker: one round trip for them all."""
    return [(index, check_file(path, filetype, want)) for index, path, filetype in batch]


def _batches(todo: list[tuple[str, str]], workers: int) -> list[list[tuple[int, str, str]]]:
    """Largest files first, in small batches, so that the workers finish together."""
    order = sorted(range(len(todo)), key=lambda index: _size(todo[index][0]), reverse=True)
    size = max(1, len(todo) // (workers * 32))
    tasks = [(index, *todo[index]) for index in order]
    return [tasks[at : at + size] for at in range(0, len(tasks), size)]


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _pool(workers: int, config: Config) -> ProcessPoolExecutor:
    """Forked workers inherit the linter built in this process; spawned ones build their own."""
    if "fork" in multiprocessing.get_all_start_methods():
        return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    return ProcessPoolExecutor(workers, initializer=_init, initargs=(config,))


class Progress:
    """A one-line progress bar on a terminal's stderr; silent when stderr is not a terminal."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total = total
        self.done = 0
        self.enabled = enabled and total > 1 and sys.stderr.isatty()

    def step(self) -> None:
        self.done += 1
        if self.enabled and (self.done % 16 == 0 or self.done == self.total):
            width = 30
            filled = width * self.done // self.total
            bar = "#" * filled + "-" * (width - filled)
            sys.stderr.write(f"\r[{bar}] {self.done}/{self.total} files")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\r" + " " * 60 + "\r")
            sys.stderr.flush()
