"""The server object: LSP plumbing plus the state (projects, analysed documents).

It knows how to find the project of a document, analyse a document version once,
publish diagnostics (debounced, newest version only) and reload a project when
its config or glossary changes, keeping the last good state when the new one is
broken. Features never see this class; handlers hand them plain values.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cattrs import Converter
from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import default_converter
from pygls.uris import to_fs_path

from sphinx_llmgloss import __version__
from sphinx_llmgloss.core.configfile import CONFIG_FILES
from sphinx_llmgloss.core.errors import Problem

from .convert import LineTable
from .features.diagnostics import document_diagnostics, problem_diagnostics, problems_by_file
from .settings import SECTION, section
from .state import (
    Documents,
    DocumentView,
    Project,
    analyse,
    is_broken,
    load_project,
    project_root_for,
)
from .workspace_terms import WorkspaceTerms
from .workspace_terms import scan as scan_terms

log = logging.getLogger(__name__)

DEBOUNCE_SECONDS = 0.15
MAX_DIAGNOSTICS = 500
CONFIG_NAMES = (*CONFIG_FILES, "pyproject.toml")


def uri_path(uri: str) -> Path | None:
    path = to_fs_path(uri)
    return Path(path) if path and uri.startswith("file:") else None


class LlmglossServer(LanguageServer):
    """pygls server holding one :class:`Project` per folder and one view per open document."""

    def __init__(self, warm: tuple[str, ...] = ()) -> None:
        converter: Converter = default_converter()  # type: ignore[no-untyped-call]
        super().__init__("llmgloss-lsp", __version__, converter_factory=lambda: converter)
        self.converter = converter
        self.warm = warm  # methods whose converters are built once start-up is over
        self.projects: dict[Path, Project] = {}
        self.problems: dict[Path, tuple[Problem, ...]] = {}
        self.problem_files: set[Path] = set()
        self.documents = Documents()
        self.init_options: dict[str, Any] = {}
        self.client_settings: dict[Path, dict[str, Any]] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.terms: dict[Path, WorkspaceTerms] = {}
        self.roots: dict[str, Path] = {}  # document URI -> its project's root
        self.generation = 0  # bumped whenever findings may change without an edit

    # -- client capabilities -------------------------------------------------------------
    @property
    def encoding(self) -> str:
        return str(self.workspace.position_encoding or types.PositionEncodingKind.Utf16)

    def client_has(self, *path: str) -> bool:
        """Whether a nested client capability is present and not false."""
        node: Any = self.client_capabilities
        for name in path:
            node = getattr(node, name, None)
            if node is None or node is False:
                return False
        return True

    @property
    def uses_pull(self) -> bool:
        """Pull only when the client can also be told to re-pull after a reload.

        Neovim 0.10/0.11 pull but ignore ``workspace/diagnostic/refresh`` (esbonio#998):
        push to them, or a reloaded glossary would show only after the next edit.
        """
        return self.client_has("text_document", "diagnostic") and self.client_has(
            "workspace", "diagnostics", "refresh_support"
        )

    def markdown_for(self, *path: str) -> bool:
        node: Any = self.client_capabilities
        for name in path:
            node = getattr(node, name, None)
            if node is None:
                return True  # not stated: Markdown is what nearly every client renders
        return types.MarkupKind.Markdown in node

    # -- projects ----------------------------------------------------------------------
    def folders(self) -> list[Path]:
        found = []
        for folder in self.workspace.folders.values():
            path = uri_path(folder.uri)
            if path is not None:
                found.append(path.resolve())
        if not found and self.workspace.root_path:
            found.append(Path(self.workspace.root_path).resolve())
        return found

    def project_for_path(self, path: Path) -> Project:
        return self._project_at(project_root_for(path.resolve(), self.folders()))

    def project_for(self, uri: str) -> Project:
        # Remembered per document: resolving the path and the folders took a tenth of
        # the server's time after each keystroke. Forgotten on any reload and folder change.
        root = self.roots.get(uri)
        if root is None:
            path = uri_path(uri)
            path = path if path is not None else Path.cwd() / "untitled"
            root = self.roots[uri] = project_root_for(path.resolve(), self.folders())
        return self._project_at(root)

    def _project_at(self, root: Path) -> Project:
        project = self.projects.get(root)
        return project if project is not None else self.load(root)

    def load(self, root: Path) -> Project:
        """(Re)load a project; a broken result keeps the last good project in service."""
        fresh = load_project(root, self.client_settings.get(root, {}), self.init_options)
        previous = self.projects.get(root)
        self.problems[root] = fresh.problems
        if is_broken(fresh) and previous is not None:
            self.show(
                f"llmgloss: errors in the configuration or glossary of {root}; "
                "still using the last good state (see the Problems list)"
            )
        else:
            self.projects[root] = fresh
            if is_broken(fresh):
                self.show(f"llmgloss: errors in the configuration or glossary of {root}")
        self.publish_problems()
        return self.projects[root]

    def terms_for(self, project: Project) -> WorkspaceTerms:
        """Terms defined by glossaries in the project's documents (scanned on first use)."""
        terms = self.terms.get(project.root)
        if terms is None:
            terms = self.terms[project.root] = scan_terms(project.root, project.config)
        return terms

    def defined_elsewhere(self, uri: str) -> Callable[[str], list[types.Location]]:
        """Look a term up in the glossaries of the other workspace documents."""
        from sphinx_llmgloss.core.files import read_source

        terms = self.terms_for(self.project_for(uri))

        def find(term: str) -> list[types.Location]:
            found = []
            for definition in terms.find(term):
                if definition.path.as_uri() == uri:
                    continue
                text, _ = read_source(definition.path, 50_000_000)
                table = LineTable(text or "", self.encoding)
                where = table.range(definition.start, definition.end)
                found.append(types.Location(uri=definition.path.as_uri(), range=where))
            return found

        return find

    def reload(self, root: Path) -> None:
        self.roots.clear()  # a config file may have appeared or gone
        self.terms.pop(root, None)
        self.load(root)
        for uri in list(self.documents.views):
            if self.project_for(uri).root == root:
                self.documents.forget(uri)
        self.refresh_diagnostics()

    def show(self, message: str, kind: types.MessageType = types.MessageType.Warning) -> None:
        log.warning("%s", message)
        self.window_show_message(types.ShowMessageParams(type=kind, message=message))

    async def fetch_settings(self) -> None:
        """Ask the client for the ``llmgloss`` section of every folder (if it can answer)."""
        if not self.client_has("workspace", "configuration"):
            return
        folders = self.folders()
        items = [
            types.ConfigurationItem(scope_uri=folder.as_uri(), section=SECTION)
            for folder in folders
        ]
        try:
            answers = await self.workspace_configuration_async(
                types.ConfigurationParams(items=items)
            )
        except Exception:
            log.exception("workspace/configuration failed; using the config files only")
            return
        for folder, answer in zip(folders, answers or [], strict=False):
            self.client_settings[folder] = section(answer)

    # -- documents and diagnostics --------------------------------------------------------
    def view(self, uri: str) -> DocumentView:
        """The analysed current version of a document (analysed at most once per version)."""
        document = self.workspace.get_text_document(uri)
        cached = self.documents.views.get(uri)
        if cached is not None and cached.version == document.version and cached.version is not None:
            return cached
        project = self.project_for(uri)
        try:
            text = document.source  # read from disk when the client never opened it
        except (OSError, UnicodeDecodeError):
            text = ""
        view = analyse(
            uri,
            document.version,
            text,
            document.path,
            document.language_id,
            project,
            self.encoding,
            cached,
        )
        self.documents.views[uri] = view
        return view

    def diagnostics(self, uri: str) -> list[types.Diagnostic]:
        view = self.view(uri)
        terms = self.terms_for(self.project_for(uri))
        found = document_diagnostics(view, MAX_DIAGNOSTICS, terms.keys())
        path = uri_path(uri)
        if path is not None:
            own = self.file_problems().get(path.resolve(), [])
            found.extend(problem_diagnostics(own, view.text, self.encoding))
        return found

    def publish(self, uri: str) -> None:
        """Push diagnostics of the document's current version (pull clients ask instead)."""
        if self.uses_pull or uri not in self.workspace.text_documents:
            return
        version = self.workspace.get_text_document(uri).version
        started = time.perf_counter()
        diagnostics = self.diagnostics(uri)
        elapsed = (time.perf_counter() - started) * 1000
        log.info("diagnostics %s v%s: %d in %.1f ms", uri, version, len(diagnostics), elapsed)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
        )

    def schedule(self, uri: str, delay: float = DEBOUNCE_SECONDS) -> None:
        """Publish after ``delay`` unless another change comes first (then only the newest)."""
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._publish_later(uri, delay))

    async def _publish_later(self, uri: str, delay: float) -> None:
        await asyncio.sleep(delay)
        self.pending.pop(uri, None)
        try:
            self.publish(uri)
        except Exception:
            log.exception("diagnostics for %s failed", uri)

    def refresh_diagnostics(self) -> None:
        self.generation += 1
        if self.client_has("workspace", "inlay_hint", "refresh_support"):
            self.workspace_inlay_hint_refresh(None)
        if self.uses_pull:
            self.workspace_diagnostic_refresh(None)
            return
        for uri in list(self.workspace.text_documents):
            self.publish(uri)

    def file_problems(self) -> dict[Path, list[Problem]]:
        return problems_by_file(p for problems in self.problems.values() for p in problems)

    def publish_problems(self) -> None:
        """Diagnostics on config and glossary files that are not open (open ones get them too)."""
        grouped = self.file_problems()
        open_paths = {uri_path(uri): uri for uri in self.workspace.text_documents if uri_path(uri)}
        for path in self.problem_files | set(grouped):
            if path in open_paths:
                continue
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                text = ""
            found = problem_diagnostics(grouped.get(path, []), text, self.encoding)
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=path.as_uri(), diagnostics=found)
            )
        self.problem_files = set(grouped)

    def is_watched(self, path: Path) -> Path | None:
        """The project root to reload when ``path`` changes, if any."""
        resolved = path.resolve()
        for root, project in self.projects.items():
            if resolved in project.watched():
                return root
        if path.name in CONFIG_NAMES:
            for root in self.projects:
                if root == resolved.parent or root in resolved.parents:
                    return root
        return None
