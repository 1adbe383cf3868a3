"""create_server(): wiring only. Each LSP method is bound to its handler and options here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lsprotocol import types

from . import handlers
from .features.actions import ADD_TERM, ALLOW_WORD, QUICKFIX, REWRITE
from .features.completion import TRIGGERS
from .session import LlmglossServer

# Method, handler, options. The first four are what start-up and the first hover send.
FEATURES: tuple[tuple[str, Callable[..., Any], Any], ...] = (
    (types.INITIALIZE, handlers.initialize, None),
    (types.INITIALIZED, handlers.initialized, None),
    (types.TEXT_DOCUMENT_DID_OPEN, handlers.did_open, None),
    (types.TEXT_DOCUMENT_HOVER, handlers.hover, None),
    (types.TEXT_DOCUMENT_DID_CHANGE, handlers.did_change, None),
    (types.TEXT_DOCUMENT_DID_SAVE, handlers.did_save, None),
    (types.TEXT_DOCUMENT_DID_CLOSE, handlers.did_close, None),
    (types.WORKSPACE_DID_CHANGE_WATCHED_FILES, handlers.did_change_watched_files, None),
    (types.WORKSPACE_DID_CHANGE_CONFIGURATION, handlers.did_change_configuration, None),
    (types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS, handlers.did_change_folders, None),
    (
        types.TEXT_DOCUMENT_CODE_ACTION,
        handlers.code_action,
        types.CodeActionOptions(code_action_kinds=[QUICKFIX, REWRITE]),
    ),
    (
        types.TEXT_DOCUMENT_COMPLETION,
        handlers.completion,
        types.CompletionOptions(trigger_characters=TRIGGERS),
    ),
    (types.TEXT_DOCUMENT_DEFINITION, handlers.definition, None),
    (types.WORKSPACE_SYMBOL, handlers.workspace_symbol, None),
    (types.TEXT_DOCUMENT_INLAY_HINT, handlers.inlay_hint, None),
)
# What editing sends later: its converters are built while the server idles.
LATER = (*(method for method, _, _ in FEATURES[4:]), types.WORKSPACE_EXECUTE_COMMAND)


def create_server() -> LlmglossServer:
    """A new, unstarted server with every feature registered."""
    server = LlmglossServer(warm=LATER)
    for method, handler, options in FEATURES:
        server.feature(method, options)(handler)
    server.command(ALLOW_WORD)(handlers.allow_word)
    server.command(ADD_TERM)(handlers.add_term)
    return server
