"""LSP handlers, each three steps: get the document, call a pure feature, return LSP values.

Every handler takes the server as its first parameter; none keeps state of its own.
"""

from __future__ import annotations

import logging
from pathlib import Path

from lsprotocol import types

from .edits import run_add_term, run_allow_word
from .features.actions import code_actions as find_actions
from .features.completion import completions
from .features.definition import definition as find_definition
from .features.hover import hover as find_hover
from .features.inlay import inlay_hints
from .features.symbols import workspace_symbols
from .session import LlmglossServer, uri_path
from .settings import section
from .warmup import warm_later

log = logging.getLogger(__name__)

WATCH_PATTERNS = ("**/llmgloss.toml", "**/.llmgloss.toml", "**/pyproject.toml", "**/*.{yaml,yml}")


PULL_OPTIONS = types.DiagnosticOptions(
    identifier="llmgloss", inter_file_dependencies=False, workspace_diagnostics=False
)


def initialize(server: LlmglossServer, params: types.InitializeParams) -> None:
    """Keep the init options; offer pull diagnostics only to clients that will use them."""
    server.init_options = section(params.initialization_options)
    if server.uses_pull:
        server.feature(types.TEXT_DOCUMENT_DIAGNOSTIC, PULL_OPTIONS)(pull_diagnostics)


async def initialized(server: LlmglossServer, params: types.InitializedParams) -> None:
    await server.fetch_settings()
    for folder in server.folders():
        server.load(folder)
    if server.workspace.text_documents:  # opened while the settings were on their way
        server.documents.clear()
        server.refresh_diagnostics()
    if server.client_has("workspace", "did_change_watched_files", "dynamic_registration"):
        watchers = [types.FileSystemWatcher(glob_pattern=p) for p in WATCH_PATTERNS]
        registration = types.Registration(
            id="llmgloss-watch",
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
        )
        try:
            await server.client_register_capability_async(
                types.RegistrationParams(registrations=[registration])
            )
        except Exception:
            log.warning("the client refused file watching; reloading on save only")
    warm_later(server.converter, server.warm)


def did_open(server: LlmglossServer, params: types.DidOpenTextDocumentParams) -> None:
    server.schedule(params.text_document.uri, delay=0)


def did_change(server: LlmglossServer, params: types.DidChangeTextDocumentParams) -> None:
    server.schedule(params.text_document.uri)


def did_save(server: LlmglossServer, params: types.DidSaveTextDocumentParams) -> None:
    """Reload after a config or glossary file is saved; rescan a saved document's glossary."""
    uri = params.text_document.uri
    path = uri_path(uri)
    root = server.is_watched(path) if path is not None else None
    if root is not None:
        server.reload(root)
    elif path is not None:
        terms = server.terms.get(server.project_for(uri).root)
        if terms is not None:
            before = terms.keys()
            terms.update(path.resolve(), server.workspace.get_text_document(uri).source)
            if terms.keys() != before:
                server.refresh_diagnostics()


def did_close(server: LlmglossServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    server.documents.forget(uri)
    task = server.pending.pop(uri, None)
    if task is not None:
        task.cancel()
    if not server.uses_pull:
        server.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )


def did_change_watched_files(
    server: LlmglossServer, params: types.DidChangeWatchedFilesParams
) -> None:
    roots = set()
    for change in params.changes:
        path = uri_path(change.uri)
        root = server.is_watched(path) if path is not None else None
        if root is not None:
            roots.add(root)
    for root in roots:
        server.reload(root)


async def did_change_configuration(
    server: LlmglossServer, params: types.DidChangeConfigurationParams
) -> None:
    if server.client_has("workspace", "configuration"):
        await server.fetch_settings()  # per folder, so multi-root settings stay apart
    else:  # clients that can only push their settings
        settings = section(params.settings)
        for folder in server.folders():
            server.client_settings[folder] = settings
    for root in list(server.projects):
        server.reload(root)


def did_change_folders(
    server: LlmglossServer, params: types.DidChangeWorkspaceFoldersParams
) -> None:
    server.roots.clear()
    for removed in params.event.removed:
        path = uri_path(removed.uri)
        if path is not None:
            server.projects.pop(path.resolve(), None)
    for added in params.event.added:
        path = uri_path(added.uri)
        if path is not None:
            server.load(path.resolve())
    server.documents.clear()
    server.refresh_diagnostics()


def hover(server: LlmglossServer, params: types.HoverParams) -> types.Hover | None:
    view = server.view(params.text_document.uri)
    project = server.project_for(params.text_document.uri)
    markdown = server.markdown_for("text_document", "hover", "content_format")
    offset = view.table.offset(params.position)
    return find_hover(view, offset, project.glossary, markdown, project.root)


def pull_diagnostics(
    server: LlmglossServer, params: types.DocumentDiagnosticParams
) -> types.FullDocumentDiagnosticReport | types.UnchangedDocumentDiagnosticReport:
    """The document's findings, or "unchanged" when neither it nor the project changed."""
    uri = params.text_document.uri
    result_id = f"{server.workspace.get_text_document(uri).version}-{server.generation}"
    if params.previous_result_id == result_id:
        return types.UnchangedDocumentDiagnosticReport(result_id=result_id)
    return types.FullDocumentDiagnosticReport(items=server.diagnostics(uri), result_id=result_id)


def code_action(server: LlmglossServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    view = server.view(params.text_document.uri)
    project = server.project_for(params.text_document.uri)
    start = view.table.offset(params.range.start)
    end = view.table.offset(params.range.end)
    return find_actions(view, start, end, project.glossary)


def completion(
    server: LlmglossServer, params: types.CompletionParams
) -> types.CompletionList | None:
    view = server.view(params.text_document.uri)
    project = server.project_for(params.text_document.uri)
    markdown = server.markdown_for(
        "text_document", "completion", "completion_item", "documentation_format"
    )
    return completions(view, view.table.offset(params.position), project.glossary, markdown)


def definition(server: LlmglossServer, params: types.DefinitionParams) -> list[types.Location]:
    view = server.view(params.text_document.uri)
    project = server.project_for(params.text_document.uri)
    offset = view.table.offset(params.position)
    elsewhere = server.defined_elsewhere(params.text_document.uri)
    return find_definition(view, offset, project.glossary, elsewhere)


def workspace_symbol(
    server: LlmglossServer, params: types.WorkspaceSymbolParams
) -> list[types.WorkspaceSymbol]:
    roots = server.folders() or [Path.cwd()]
    found: dict[str, types.WorkspaceSymbol] = {}
    for root in roots:
        for symbol in workspace_symbols(params.query, server.project_for_path(root).glossary):
            found.setdefault(f"{symbol.name}@{symbol.location}", symbol)
    return list(found.values())


def inlay_hint(server: LlmglossServer, params: types.InlayHintParams) -> list[types.InlayHint]:
    project = server.project_for(params.text_document.uri)
    if not project.editor.inlay_hints:
        return []
    view = server.view(params.text_document.uri)
    start, end = view.table.offset(params.range.start), view.table.offset(params.range.end)
    return inlay_hints(view, start, end, project.glossary)


async def allow_word(server: LlmglossServer, uri: str, word: str) -> None:
    await run_allow_word(server, uri, word)


async def add_term(server: LlmglossServer, uri: str, word: str) -> None:
    await run_add_term(server, uri, word)
