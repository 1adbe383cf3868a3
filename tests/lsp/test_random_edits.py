"""500 random sequences of incremental edits: the server's text stays the client's text.

The server has no request that returns its copy of a document, so the test compares
what it publishes: after each sequence, the diagnostics (codes and UTF-16 ranges) must
equal what the core computes on the client's text. A server whose copy drifted by one
character would report different ranges.
"""

from __future__ import annotations

import json
import random
import re
import time
from pathlib import Path
from typing import Any

from sphinx_llmgloss.core import Config, load_glossary
from sphinx_llmgloss.core.lint import Linter

from .test_abuse import WAIT, RawClient

SEQUENCES = 500
PIECES = [
    "KV cache",
    " HCCL",
    " NPU ",
    "\n",
    "\n\n",
    "é",
    "😀",
    "TTFT",
    " the ",
    "`code`",
    "QQRS",
    "- item\n",
    "# Title\n",
    "\r\n",
    "\u2019",
    "漢字",
]


_BREAK = re.compile(r"\r\n|\r|\n")  # the line ends LSP knows


def utf16_position(text: str, offset: int) -> dict[str, int]:
    breaks = [m.end() for m in _BREAK.finditer(text, 0, offset)]
    start = breaks[-1] if breaks else 0
    if offset > 0 and text[offset - 1] == "\r" and text[offset : offset + 1] == "\n":
        start = breaks[-2] if len(breaks) > 1 else 0  # inside a CRLF: still the first line
        breaks = breaks[:-1]
    return {"line": len(breaks), "character": len(text[start:offset].encode("utf-16-le")) // 2}


def as_tuple(position: dict[str, int]) -> tuple[int, int]:
    return position["line"], position["character"]


def random_text(rng: random.Random, pieces: int) -> str:
    return "".join(rng.choice(PIECES) for _ in range(pieces))


def expected(linter: Linter, text: str) -> list[tuple[str, Any, Any]]:
    return sorted(
        (
            d.rule.code,
            as_tuple(utf16_position(text, d.start)),
            as_tuple(utf16_position(text, d.end)),
        )
        for d in linter.analyze(text, "markdown").diagnostics
    )


def test_random_edit_sequences_keep_server_and_client_in_step(tmp_path: Path) -> None:
    rng = random.Random(2026)
    root = tmp_path / "ws"
    root.mkdir()
    client = RawClient(root)
    finals: dict[str, tuple[int, str]] = {}
    try:
        client.send(
            "initialize",
            {
                "processId": None,
                "rootUri": root.as_uri(),
                "capabilities": {"general": {"positionEncodings": ["utf-16"]}},
            },
            id=1,
        )
        client.answer(1)
        client.send("initialized", {})
        for number in range(SEQUENCES):
            uri = (root / f"doc{number}.md").as_uri()
            text = random_text(rng, rng.randint(0, 12))
            client.send(
                "textDocument/didOpen",
                {
                    "textDocument": {
                        "uri": uri,
                        "languageId": "markdown",
                        "version": 1,
                        "text": text,
                    }
                },
            )
            version = 1
            for _ in range(rng.randint(1, 8)):
                start = rng.randint(0, len(text))
                end = rng.randint(start, min(len(text), start + 10))
                new = random_text(rng, rng.randint(0, 3))
                version += 1
                client.send(
                    "textDocument/didChange",
                    {
                        "textDocument": {"uri": uri, "version": version},
                        "contentChanges": [
                            {
                                "range": {
                                    "start": utf16_position(text, start),
                                    "end": utf16_position(text, end),
                                },
                                "text": new,
                            }
                        ],
                    },
                )
                text = text[:start] + new + text[end:]
            finals[uri] = (version, text)
        published = _collect(client, finals)
        linter = Linter(load_glossary(Config()), Config())
        for uri, (_, text) in finals.items():
            got = sorted(
                (d["code"], as_tuple(d["range"]["start"]), as_tuple(d["range"]["end"]))
                for d in published[uri]
            )
            assert got == expected(linter, text), (uri, text)
            document_lines = _BREAK.split(text)
            for _, start, end in got:  # every range lies inside the document
                for line, character in (start, end):
                    assert line < len(document_lines)
                    assert character <= len(document_lines[line].encode("utf-16-le")) // 2
    finally:
        client.send("exit", None)
        if client.process.poll() is None:
            client.process.kill()


def _collect(client: RawClient, finals: dict[str, tuple[int, str]]) -> dict[str, list[Any]]:
    """The diagnostics published for each document's final version."""
    published: dict[str, list[Any]] = {}
    deadline = time.monotonic() + WAIT * 3
    while len(published) < len(finals) and time.monotonic() < deadline:
        message = client.messages.get(timeout=WAIT)
        if message.get("method") == "workspace/configuration":
            client.raw(
                json.dumps({"jsonrpc": "2.0", "id": message["id"], "result": [None] * 8}).encode()
            )
            continue
        if message.get("method") != "textDocument/publishDiagnostics":
            continue
        params = message["params"]
        if params.get("version") == finals.get(params["uri"], (None,))[0]:
            published[params["uri"]] = params["diagnostics"]
    assert len(published) == len(finals), f"{len(finals) - len(published)} documents unpublished"
    return published
