"""create_server(): wiring only. Each LSP method is bound to its handler and options here."""

from __future__ import annotations

from lsprotocol import types

from . import handlers
from .features.actions import ADD_TERM, ALLOW_WORD, QUICKFIX, REWRITE
from .features.completion import TRIGGERS
from .session import LlmglossServer


def create_server() -> LlmglossServer:
    """A new, unstarted server with every feature registered."""
    server = LlmglossServer()
    feature = server.feature
    feature(types.INITIALIZE)(handlers.initialize)
    feature(types.INITIALIZED)(handlers.initialized)
    feature(types.TEXT_DOCUMENT_DID_OPEN)(handlers.did_open)
    feature(types.TEXT_DOCUMENT_DID_CHANGE)(handlers.did_change)
    feature(types.TEXT_DOCUMENT_DID_SAVE)(handlers.did_save)
    feature(types.TEXT_DOCUMENT_DID_CLOSE)(handlers.did_close)
    feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)(handlers.did_change_watched_files)
    feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)(handlers.did_change_configuration)
    feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)(handlers.did_change_folders)
    feature(types.TEXT_DOCUMENT_HOVER)(handlers.hover)
    feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[QUICKFIX, REWRITE]),
    )(handlers.code_action)
    feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=TRIGGERS))(
        handlers.completion
    )
    feature(types.TEXT_DOCUMENT_DEFINITION)(handlers.definition)
    feature(types.WORKSPACE_SYMBOL)(handlers.workspace_symbol)
    feature(types.TEXT_DOCUMENT_INLAY_HINT)(handlers.inlay_hint)
    server.command(ALLOW_WORD)(handlers.allow_word)
    server.command(ADD_TERM)(handlers.add_term)
    return server
