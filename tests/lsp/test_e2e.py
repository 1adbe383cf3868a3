"""End to end: the real server over stdio, driven by pytest-lsp with recorded client profiles."""

from __future__ import annotations

import ast
import asyncio
import sys
from pathlib import Path
from typing import Any

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp")

from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402

from .conftest import MARKDOWN, PYTHON, write_project  # noqa: E402

pytestmark = pytest.mark.asyncio(loop_scope="function")

WAIT_SECONDS = 20  # a hang fails the test instead of the suite
# Recorded clients, plus VS Code with pull diagnostics and refresh (as VS Code >= 1.67 has).
PROFILES = ["visual_studio_code@v1.65.2", "neovim@v0.11.0", "vscode-pull"]


def _capabilities(profile: str) -> types.ClientCapabilities:
    if profile != "vscode-pull":
        return client_capabilities(profile)
    capabilities = client_capabilities("visual_studio_code@v1.65.2")
    assert capabilities.text_document is not None and capabilities.workspace is not None
    capabilities.text_document.diagnostic = types.DiagnosticClientCapabilities()
    capabilities.workspace.diagnostics = types.DiagnosticWorkspaceClientCapabilities(
        refresh_support=True
    )
    return capabilities


def _encode(text: str, client: LanguageClient) -> int:
    """Length of ``text`` in the negotiated position encoding."""
    encoding = client.encoding  # type: ignore[attr-defined]
    if encoding == types.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8"))
    if encoding == types.PositionEncodingKind.Utf32:
        return len(text)
    return len(text.encode("utf-16-le")) // 2


async def _session(lsp_client: LanguageClient, profile: str, tmp_path: Path) -> None:
    """Initialise ``lsp_client`` as ``profile`` on a fresh project; return once it is ready."""
    root = write_project(tmp_path / "ws")
    registrations: list[types.Registration] = []

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        registrations.extend(params.registrations)

    @lsp_client.feature(types.WORKSPACE_INLAY_HINT_REFRESH)
    def refresh_hints(params: None) -> None:
        return None

    lsp_client.registrations = registrations  # type: ignore[attr-defined]
    capabilities = _capabilities(profile)
    params = types.InitializeParams(
        capabilities=capabilities,
        root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="ws")],
    )
    answered = asyncio.Event()
    features = lsp_client.protocol.fm.features
    answer_configuration = features[types.WORKSPACE_CONFIGURATION]

    def configuration(params: types.ConfigurationParams) -> Any:
        answered.set()
        return answer_configuration(params)

    features[types.WORKSPACE_CONFIGURATION] = configuration
    result = await lsp_client.initialize_session(params)
    # The server finishes 'initialized' (settings, project load) once the client answered
    # workspace/configuration; a request sent after that is answered after it.
    if capabilities.workspace and capabilities.workspace.configuration:
        async with asyncio.timeout(WAIT_SECONDS):
            await answered.wait()
    await lsp_client.workspace_symbol_async(types.WorkspaceSymbolParams(query="-"))
    lsp_client.encoding = result.capabilities.position_encoding or "utf-16"  # type: ignore[attr-defined]
    lsp_client.root = root  # type: ignore[attr-defined]


SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "lsp_server"])


@pytest_lsp.fixture(config=SERVER, params=PROFILES)
async def client(request: pytest.FixtureRequest, lsp_client: LanguageClient, tmp_path: Path):
    await _session(lsp_client, request.param, tmp_path)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=SERVER, params=["emacs@v29.1", "neovim@v0.7.0"])
async def other_client(request: pytest.FixtureRequest, lsp_client: LanguageClient, tmp_path: Path):
    await _session(lsp_client, request.param, tmp_path)
    yield
    await lsp_client.shutdown_session()


def _open(client: LanguageClient, path: Path, text: str, language_id: str) -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id=language_id, version=1, text=text
            )
        )
    )
    return uri


def _pulls(client: LanguageClient) -> bool:
    capabilities = client.capabilities
    return bool(
        capabilities
        and capabilities.text_document
        and capabilities.text_document.diagnostic
        and capabilities.workspace
        and capabilities.workspace.diagnostics
    )


async def _diagnostics(client: LanguageClient, uri: str) -> list[types.Diagnostic]:
    if _pulls(client):
        report = await client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )
        return list(report.items)
    async with asyncio.timeout(WAIT_SECONDS):
        while uri not in client.diagnostics:
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return list(client.diagnostics[uri])


async def test_hover_on_a_multi_word_term(client: LanguageClient) -> None:
    root: Path = client.root  # type: ignore[attr-defined]
    uri = _open(client, root / "docs" / "notes.md", MARKDOWN, "markdown")
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=2, character=9),
        )
    )
    assert hover is not None
    assert isinstance(hover.contents, types.MarkupContent)
    assert "KV cache" in hover.contents.value
    assert hover.range == types.Range(
        start=types.Position(line=2, character=4), end=types.Position(line=2, character=12)
    )


async def test_diagnostics_on_an_undefined_acronym(client: LanguageClient) -> None:
    root: Path = client.root  # type: ignore[attr-defined]
    uri = _open(client, root / "docs" / "notes.md", MARKDOWN, "markdown")
    found = await _diagnostics(client, uri)
    codes = {
        (d.code, MARKDOWN.splitlines()[d.range.start.line][d.range.start.character :][:3])
        for d in found
    }
    assert ("LG001", "XQZ") in codes
    assert ("LG002", "Nop") in codes


async def test_python_comments_are_checked(client: LanguageClient) -> None:
    root: Path = client.root  # type: ignore[attr-defined]
    uri = _open(client, root / "tool.py", PYTHON, "python")
    found = await _diagnostics(client, uri)
    assert [d.code for d in found] == ["LG001"]
    assert found[0].range.start == types.Position(line=4, character=10)


def _command_of(action: types.CodeAction | types.Command) -> types.Command:
    """The command of a code action.

    lsprotocol's client-side converter reads a CodeAction that has a command but no edit as
    a Command whose ``command`` is the repr of the nested object; undo that here.
    """
    if isinstance(action, types.CodeAction):
        assert action.command is not None
        return action.command
    if action.command.startswith("{"):
        data = ast.literal_eval(action.command)
        return types.Command(data["title"], data["command"], arguments=data["arguments"])
    return action


async def _codes(client: LanguageClient, uri: str) -> set[str]:
    return {str(d.code) for d in await _diagnostics(client, uri)}


def _expect_update(client: LanguageClient, uri: str) -> int:
    """Call before an action that changes diagnostics; pass the result to ``_updated``."""
    client.diagnostics.pop(uri, None)
    return client.diagnostic_refresh_count


async def _updated(client: LanguageClient, uri: str, mark: int) -> None:
    """Wait for the fresh publish (push) or the refresh request (pull)."""
    async with asyncio.timeout(WAIT_SECONDS):
        if _pulls(client):
            while client.diagnostic_refresh_count == mark:
                await asyncio.sleep(0.02)
            return
        while uri not in client.diagnostics:
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)


async def test_add_term_command_writes_the_glossary_and_reloads(client: LanguageClient) -> None:
    root: Path = client.root  # type: ignore[attr-defined]
    uri = _open(client, root / "docs" / "notes.md", MARKDOWN, "markdown")
    assert "LG001" in await _codes(client, uri)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(
                start=types.Position(line=3, character=5), end=types.Position(line=3, character=5)
            ),
            context=types.CodeActionContext(diagnostics=[]),
        )
    )
    assert actions is not None
    (add,) = [a for a in actions if a.title == "Add 'XQZ' to the project glossary"]
    command = _command_of(add)
    assert command.command == "llmgloss.addTerm" and command.arguments == [uri, "XQZ"]
    mark = _expect_update(client, uri)
    await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command=command.command, arguments=command.arguments)
    )
    assert "- name: XQZ" in (root / "docs" / "terms.yaml").read_text(encoding="utf-8")
    await _updated(client, uri, mark)
    assert "LG001" not in await _codes(client, uri)


async def test_allow_command_edits_the_config(client: LanguageClient) -> None:
    root: Path = client.root  # type: ignore[attr-defined]
    uri = _open(client, root / "tool.py", PYTHON, "python")
    assert "LG001" in await _codes(client, uri)
    mark = _expect_update(client, uri)
    await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="llmgloss.allowWord", arguments=[uri, "XQZ"])
    )
    config = (root / "llmgloss.toml").read_text(encoding="utf-8")
    assert config.startswith("# project settings\n") and 'allow = ["XQZ"]' in config
    await _updated(client, uri, mark)
    assert "LG001" not in await _codes(client, uri)


async def test_a_broken_glossary_keeps_the_last_good_state(client: LanguageClient) -> None:
    root: Path = client.root  # type: ignore[attr-defined]
    uri = _open(client, root / "docs" / "notes.md", MARKDOWN, "markdown")
    await _diagnostics(client, uri)
    glossary = root / "docs" / "terms.yaml"
    glossary.write_text("terms: [\n", encoding="utf-8")
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=glossary.as_uri(), type=types.FileChangeType.Changed)]
        )
    )
    async with asyncio.timeout(WAIT_SECONDS):
        while not client.messages:
            await client.wait_for_notification(types.WINDOW_SHOW_MESSAGE)
        while glossary.as_uri() not in client.diagnostics:
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert client.diagnostics[glossary.as_uri()]
    assert "last good state" in client.messages[-1].message
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=2, character=62),
        )
    )
    assert hover is not None and "Ascend NPU" in str(hover.contents)


async def test_workspace_configuration_is_applied_on_change(client: LanguageClient) -> None:
    root: Path = client.root  # type: ignore[attr-defined]
    uri = _open(client, root / "tool.py", PYTHON, "python")
    assert "LG001" in await _codes(client, uri)
    client.set_configuration({"severity": {"undefined-jargon": "off"}}, section="llmgloss")
    mark = _expect_update(client, uri)
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    await _updated(client, uri, mark)
    assert "LG001" not in await _codes(client, uri)


async def test_incremental_edit_with_an_astral_character(client: LanguageClient) -> None:
    root: Path = client.root  # type: ignore[attr-defined]
    uri = _open(client, root / "docs" / "x.md", "Hello\n", "markdown")
    await _diagnostics(client, uri)
    client.diagnostics.pop(uri, None)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(
                        start=types.Position(line=0, character=5),
                        end=types.Position(line=0, character=5),
                    ),
                    text=" 😀 the KV cache and XQZ",
                )
            ],
        )
    )
    found = await _diagnostics(client, uri)
    (undefined,) = [d for d in found if d.code == "LG001"]
    # The emoji is 2 UTF-16 units, 4 UTF-8 bytes, 1 code point.
    column = _encode("Hello 😀 the KV cache and ", client)
    assert undefined.range.start == types.Position(line=0, character=column)
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=0, character=_encode("Hello 😀 the K", client)),
        )
    )
    assert hover is not None
    start, end = _encode("Hello 😀 the ", client), _encode("Hello 😀 the KV cache", client)
    assert hover.range == types.Range(
        start=types.Position(line=0, character=start), end=types.Position(line=0, character=end)
    )


async def test_config_and_glossary_files_are_watched(client: LanguageClient) -> None:
    root: Path = client.root  # type: ignore[attr-defined]
    uri = _open(client, root / "tool.py", PYTHON, "python")
    await _diagnostics(client, uri)
    assert client.capabilities is not None and client.capabilities.workspace is not None
    watching = client.capabilities.workspace.did_change_watched_files
    if not (watching and watching.dynamic_registration):
        pytest.skip("this client cannot register file watchers (the server reloads on save)")
    registrations = client.registrations  # type: ignore[attr-defined]
    async with asyncio.timeout(WAIT_SECONDS):
        while not registrations:
            await asyncio.sleep(0.02)
    (watch,) = [r for r in registrations if r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES]
    patterns = {w["globPattern"] for w in watch.register_options["watchers"]}
    assert "**/llmgloss.toml" in patterns and "**/pyproject.toml" in patterns


async def test_completion_definition_symbols_and_inlay_hints(client: LanguageClient) -> None:
    root: Path = client.root  # type: ignore[attr-defined]
    text = "TTFT matters.\n\nSee {term}`Asc"
    uri = _open(client, root / "docs" / "y.md", text, "markdown")
    document = types.TextDocumentIdentifier(uri=uri)
    completion = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=document, position=types.Position(line=2, character=14)
        )
    )
    assert isinstance(completion, types.CompletionList)
    assert "Ascend NPU" in {item.label for item in completion.items}
    where = await client.text_document_definition_async(
        types.DefinitionParams(text_document=document, position=types.Position(line=0, character=1))
    )
    assert isinstance(where, list) and where[0].uri.endswith("llm-systems.yaml")
    symbols = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="npu"))
    assert symbols is not None and [s.name for s in symbols] == ["Ascend NPU"]
    everything = types.Range(
        start=types.Position(line=0, character=0), end=types.Position(line=3, character=0)
    )
    hints_params = types.InlayHintParams(text_document=document, range=everything)
    assert not await client.text_document_inlay_hint_async(hints_params)
    mark = _expect_update(client, uri)
    client.set_configuration({"inlayHints": True}, section="llmgloss")
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    await _updated(client, uri, mark)
    hints = await client.text_document_inlay_hint_async(hints_params)
    assert hints is not None and [h.label for h in hints] == [" (time to first token)"]


async def test_bad_requests_do_not_stop_the_server(client: LanguageClient) -> None:
    root: Path = client.root  # type: ignore[attr-defined]
    missing = types.TextDocumentIdentifier(uri=(root / "missing.md").as_uri())
    far = types.Position(line=10_000, character=10_000)
    nothing = await client.text_document_hover_async(
        types.HoverParams(text_document=missing, position=far)
    )
    assert nothing is None
    uri = _open(client, root / "docs" / "notes.md", MARKDOWN, "markdown")
    document = types.TextDocumentIdentifier(uri=uri)
    beyond = await client.text_document_hover_async(
        types.HoverParams(text_document=document, position=far)
    )
    assert beyond is None
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=document, position=types.Position(line=2, character=9))
    )
    assert hover is not None


async def test_add_term_creates_glossary_and_config_but_never_outside(
    client: LanguageClient, tmp_path: Path
) -> None:
    root: Path = client.root  # type: ignore[attr-defined]
    (root / "llmgloss.toml").unlink()
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[
                types.FileEvent(
                    uri=(root / "llmgloss.toml").as_uri(), type=types.FileChangeType.Deleted
                )
            ]
        )
    )
    uri = _open(client, root / "tool.py", PYTHON, "python")
    await _diagnostics(client, uri)
    await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="llmgloss.addTerm", arguments=[uri, "XQZ"])
    )
    assert 'glossaries = ["glossary.yaml"]' in (root / "llmgloss.toml").read_text(encoding="utf-8")
    assert "- name: XQZ" in (root / "glossary.yaml").read_text(encoding="utf-8")

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    other = _open(client, outside / "x.md", "The XQZ thing.\n", "markdown")
    await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="llmgloss.allowWord", arguments=[other, "XQZ"])
    )
    assert not (outside / "llmgloss.toml").exists()
    assert "outside the workspace" in client.messages[-1].message


async def test_other_clients_hover_and_diagnostics(other_client: LanguageClient) -> None:
    """Emacs (Eglot) and Neovim 0.7 profiles: the basics, without the full suite's cost."""
    root: Path = other_client.root  # type: ignore[attr-defined]
    uri = _open(other_client, root / "docs" / "notes.md", MARKDOWN, "markdown")
    hover = await other_client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=2, character=9),
        )
    )
    assert hover is not None and "KV cache" in str(hover.contents)
    assert "LG001" in await _codes(other_client, uri)


async def test_a_new_workspace_folder_takes_over_its_documents(client: LanguageClient) -> None:
    # The server remembers each document's project; adding a folder must re-decide it.
    root: Path = client.root  # type: ignore[attr-defined]
    inner = root / "inner"
    inner.mkdir()
    (inner / "llmgloss.toml").write_text('allow = ["XQZ"]\n', encoding="utf-8")
    text = "The XQZ tool.\n"
    (inner / "page.md").write_text(text, encoding="utf-8")
    uri = _open(client, inner / "page.md", text, "markdown")
    assert "LG001" in await _codes(client, uri)  # the outer project does not allow XQZ
    mark = _expect_update(client, uri)
    client.workspace_did_change_workspace_folders(
        types.DidChangeWorkspaceFoldersParams(
            event=types.WorkspaceFoldersChangeEvent(
                added=[types.WorkspaceFolder(uri=inner.as_uri(), name="inner")], removed=[]
            )
        )
    )
    await _updated(client, uri, mark)
    assert "LG001" not in await _codes(client, uri)
