"""The server prepares the converters of editing's messages once start-up is over."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from lsprotocol import types

from lsp_server import warmup
from lsp_server.server import LATER, create_server


class Recorder:
    """Stands in for the cattrs converter and records which hooks were asked for."""

    def __init__(self, failing: type | None = None) -> None:
        self.asked: list[tuple[str, type]] = []
        self.failing = failing

    def get_structure_hook(self, kind: type) -> Any:
        self.asked.append(("structure", kind))
        if kind is self.failing:
            raise TypeError("no hook")

    def get_unstructure_hook(self, kind: type) -> Any:
        self.asked.append(("unstructure", kind))


def _warm(converter: Recorder, methods: tuple[str, ...]) -> None:
    async def run() -> None:
        warmup.warm_later(converter, methods)  # type: ignore[arg-type]
        await asyncio.sleep(0.05)

    asyncio.run(run())


def test_messages_and_results_are_prepared(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(warmup, "DELAY_SECONDS", 0)
    converter = Recorder()
    _warm(converter, (types.TEXT_DOCUMENT_DID_CHANGE, types.TEXT_DOCUMENT_COMPLETION))
    assert converter.asked == [
        ("structure", types.DidChangeTextDocumentNotification),
        ("structure", types.CompletionRequest),
        ("unstructure", types.CompletionResponse),
    ]


def test_nothing_before_the_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(warmup, "DELAY_SECONDS", 10)
    converter = Recorder()
    _warm(converter, (types.TEXT_DOCUMENT_DID_CHANGE,))
    assert converter.asked == []


def test_a_hook_that_fails_does_not_stop_the_others(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(warmup, "DELAY_SECONDS", 0)
    converter = Recorder(failing=types.DidChangeTextDocumentNotification)
    _warm(
        converter, (types.TEXT_DOCUMENT_DID_CHANGE, "no/suchMethod", types.TEXT_DOCUMENT_DID_SAVE)
    )
    assert [kind for _, kind in converter.asked] == [
        types.DidChangeTextDocumentNotification,
        types.DidSaveTextDocumentNotification,
    ]


def test_the_server_warms_what_editing_sends_and_not_start_up() -> None:
    server = create_server()
    assert types.TEXT_DOCUMENT_DID_CHANGE in server.warm
    assert types.TEXT_DOCUMENT_COMPLETION in server.warm
    assert not {types.INITIALIZE, types.TEXT_DOCUMENT_DID_OPEN, types.TEXT_DOCUMENT_HOVER} & set(
        LATER
    )
    # The hooks really build with the server's own converter.
    for incoming, kind in warmup.message_types(server.warm):
        hook = (
            server.converter.get_structure_hook
            if incoming
            else server.converter.get_unstructure_hook
        )
        assert callable(hook(kind))
