"""What the server knows: one project per workspace folder, one analysis per document version.

A :class:`Project` is immutable: reloading builds a new one and swaps it in, or
keeps the last good one when the new configuration or glossary has errors. A
:class:`DocumentView` is built once per document version and shared by every
feature, so a hover never re-runs the matcher.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sphinx_llmgloss.core.config import Config
from sphinx_llmgloss.core.configfile import (
    find_config_file,
    load_config,
    missing_glossaries,
    with_project_name,
)
from sphinx_llmgloss.core.errors import Problem, Severity
from sphinx_llmgloss.core.glossary import Glossary
from sphinx_llmgloss.core.lint import Analysis, Linter
from sphinx_llmgloss.core.reanalyze import reanalyze
from sphinx_llmgloss.core.regions.select import filetype_for
from sphinx_llmgloss.core.sources import load_glossary

from .convert import LineTable
from .settings import EditorOptions, merge

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Project:
    """One workspace folder's configuration, glossary and linter."""

    root: Path
    config: Config
    editor: EditorOptions
    glossary: Glossary
    linter: Linter
    problems: tuple[Problem, ...] = ()

    def watched(self) -> set[Path]:
        """Files whose change means a reload: the config file and the glossaries."""
        paths = {p.resolve() for p in self.config.glossary_paths()}
        if self.config.path:
            paths.add(Path(self.config.path).resolve())
        return paths


def load_project(root: Path, client: Mapping[str, Any], init: Mapping[str, Any]) -> Project:
    """Read the config and glossaries of a folder; never raises on bad input."""
    found = find_config_file(root)
    if found is not None:
        file_config, problems = load_config(found)
    else:
        file_config, problems = Config(root=str(root)), []
    config, editor, more = merge(file_config, client, init)
    config = with_project_name(config, root)
    problems = [*problems, *more, *missing_glossaries(config)]
    glossary = load_glossary(config)
    problems.extend(glossary.problems)
    return Project(root, config, editor, glossary, Linter(glossary, config), tuple(problems))


def is_broken(project: Project) -> bool:
    """Errors in the project's own files: keep serving the last good state instead."""
    return any(p.severity is Severity.ERROR for p in project.problems)


@dataclass
class DocumentView:
    """One version of one open document, analysed once."""

    uri: str
    version: int | None
    text: str
    filetype: str | None
    table: LineTable
    analysis: Analysis | None
    too_large: bool = False
    linter: Linter | None = None  # what analysed it: a later version may reuse the analysis


@dataclass
class Documents:
    """The latest analysed view per document URI."""

    views: dict[str, DocumentView] = field(default_factory=dict)

    def forget(self, uri: str) -> None:
        self.views.pop(uri, None)

    def clear(self) -> None:
        self.views.clear()


def analyse(
    uri: str,
    version: int | None,
    text: str,
    path: str | None,
    language_id: str | None,
    project: Project,
    encoding: str,
    previous: DocumentView | None = None,
) -> DocumentView:
    """Analyse a document unless it is too large or of a type we do not read; after an
    edit, only what the edit can change is analysed again."""
    filetype = filetype_for(path, language_id)
    too_large = _size(text, project.config.max_file_size) > project.config.max_file_size
    linter = project.linter
    with _collector_paused():  # the line table too: it makes a tuple per line
        table = LineTable(text, encoding)
        analysis = None
        if filetype is not None and not too_large:
            analysis = _analysis(uri, text, filetype, linter, previous)
    return DocumentView(uri, version, text, filetype, table, analysis, too_large, linter)


def _analysis(
    uri: str, text: str, filetype: str, linter: Linter, previous: DocumentView | None
) -> Analysis | None:
    try:
        if (
            previous is not None
            and previous.analysis is not None
            and previous.linter is linter
            and previous.filetype == filetype
        ):
            return reanalyze(linter, previous.text, previous.analysis, text, filetype)
        return linter.analyze(text, filetype)
    except Exception:  # a core bug must not take the server down
        log.exception("analysing %s failed", uri)
        return None


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Analysis makes tens of thousands of short-lived objects without cycles; garbage
    collections in the middle of it doubled some diagnostics runs (bench/lsp_speed.py).
    The collection this defers runs on the event loop's next turn, once the answer that
    needed the analysis is on its way."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            _enable_collector_soon()


def _enable_collector_soon() -> None:
    try:
        asyncio.get_running_loop().call_soon(gc.enable)
    except RuntimeError:  # no event loop: a script or a test calling in directly
        gc.enable()


def _size(text: str, limit: int) -> int:
    """UTF-8 size of ``text``, encoding it only when the character count leaves doubt."""
    if len(text) > limit or len(text) * 4 <= limit:
        return len(text)
    return len(text.encode("utf-8", "surrogatepass"))


def project_root_for(path: Path, folders: list[Path]) -> Path:
    """The innermost workspace folder holding ``path``, else its config folder or directory."""
    holding = [f for f in folders if f == path or f in path.parents]
    if holding:
        return max(holding, key=lambda f: len(f.parts))
    found = find_config_file(path.parent)
    return found.parent if found is not None else path.parent
