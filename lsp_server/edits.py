"""The two commands that edit project files: allow a word, add a term to the glossary.

They run in the server (so every editor gets them) and never write outside a
workspace folder. A file open in the editor is changed through
``workspace/applyEdit`` (the user saves it, which reloads); a closed file is
written directly and the project reloads at once.
"""

from __future__ import annotations

import logging
from pathlib import Path

from lsprotocol import types

from .convert import LineTable
from .project_files import CONFIG_NAME, add_to_list, append_term, glossary_target, inside
from .session import LlmglossServer

log = logging.getLogger(__name__)


async def run_allow_word(server: LlmglossServer, uri: str, word: str) -> None:
    """Add ``word`` to ``allow`` in the project's config file (created if there is none)."""
    project = server.project_for(uri)
    config_path = Path(project.config.path or project.root / CONFIG_NAME)
    text = _current_text(server, config_path)
    new = add_to_list(text, "allow", word, config_path.name == "pyproject.toml")
    if await _write(server, config_path, text, new):
        server.reload(project.root)


async def run_add_term(server: LlmglossServer, uri: str, word: str) -> None:
    """Append an entry for ``word`` to the project glossary, creating and listing it if needed."""
    project = server.project_for(uri)
    config_root = Path(project.config.root)
    target, unlisted = glossary_target(config_root, project.config.glossaries)
    if unlisted:
        config_path = Path(project.config.path or project.root / CONFIG_NAME)
        text = _current_text(server, config_path)
        listed = target.relative_to(config_path.parent).as_posix()
        new = add_to_list(text, "glossaries", listed, config_path.name == "pyproject.toml")
        if not await _write(server, config_path, text, new):
            return
    text = _current_text(server, target)
    if await _write(server, target, text, append_term(text, word)):
        server.reload(project.root)


def _open_uri(server: LlmglossServer, path: Path) -> str | None:
    for uri in list(server.workspace.text_documents):
        document = server.workspace.get_text_document(uri)
        if document.path and Path(document.path).resolve() == path.resolve():
            return str(uri)
    return None


def _current_text(server: LlmglossServer, path: Path) -> str:
    uri = _open_uri(server, path)
    if uri is not None:
        return server.workspace.get_text_document(uri).source
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


async def _write(server: LlmglossServer, path: Path, old: str, new: str) -> bool:
    """Write ``new`` to ``path`` (inside a workspace folder only); True when it was written."""
    if not any(inside(path, folder) for folder in server.folders()):
        server.show(f"llmgloss: not writing {path}: it is outside the workspace folders")
        return False
    uri = _open_uri(server, path)
    if uri is not None:
        edit = types.TextEdit(range=LineTable(old, server.encoding).whole(), new_text=new)
        result = await server.workspace_apply_edit_async(
            types.ApplyWorkspaceEditParams(edit=types.WorkspaceEdit(changes={uri: [edit]}))
        )
        return bool(result and result.applied)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(new, encoding="utf-8")
    except OSError as exc:
        server.show(f"llmgloss: cannot write {path}: {exc.strerror}", types.MessageType.Error)
        return False
    return True
