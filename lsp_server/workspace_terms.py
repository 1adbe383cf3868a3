"""Terms that a ``glossary`` in some workspace document defines (reST or MyST).

Sphinx resolves ``:term:`X``` against every glossary of the project, so a
reference to a term defined in ``glossary.rst`` is not unknown in ``index.rst``.
Documents are found with the core's walker (``include``/``exclude``, .gitignore),
read only when they contain the word "glossary", and rescanned one at a time on save.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sphinx_llmgloss.core.config import Config
from sphinx_llmgloss.core.keys import normalize_key
from sphinx_llmgloss.core.regions.select import MARKDOWN, RST, extract, filetype_for

MAX_FILES = 5000


@dataclass(frozen=True)
class Definition:
    """Where a document's glossary defines a term (code-point offsets into that file)."""

    path: Path
    term: str
    start: int
    end: int


@dataclass
class WorkspaceTerms:
    """Glossary terms defined by the documents of one project folder, by file."""

    by_file: dict[Path, list[Definition]] = field(default_factory=dict)

    def find(self, term: str) -> list[Definition]:
        key = normalize_key(term)
        return [d for found in self.by_file.values() for d in found if normalize_key(d.term) == key]

    def keys(self) -> set[str]:
        return {normalize_key(d.term) for found in self.by_file.values() for d in found}

    def update(self, path: Path, text: str | None) -> None:
        """Rescan one file (its text, or None when it is gone)."""
        found = _definitions(path, text) if text is not None else []
        if found:
            self.by_file[path] = found
        else:
            self.by_file.pop(path, None)


def scan(root: Path, config: Config) -> WorkspaceTerms:
    """Every glossary-defined term under ``root`` (at most :data:`MAX_FILES` files read)."""
    from sphinx_llmgloss.core.files import read_source, walk  # pathspec: only when scanning

    terms = WorkspaceTerms()
    for count, path in enumerate(walk([root], config)):
        if count >= MAX_FILES:
            break
        if not isinstance(path, Path) or filetype_for(str(path)) not in (MARKDOWN, RST):
            continue
        text, _ = read_source(path, config.max_file_size)
        terms.update(path.resolve(), text)
    return terms


def _definitions(path: Path, text: str) -> list[Definition]:
    filetype = filetype_for(str(path))
    if filetype not in (MARKDOWN, RST) or "glossary" not in text:
        return []
    regions = extract(text, filetype)
    return [Definition(path, d.term, d.start, d.end) for d in regions.defined_terms]
