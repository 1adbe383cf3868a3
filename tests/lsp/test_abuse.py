"""The server under abuse, over raw stdio: it answers every request and never dies."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, BinaryIO

WAIT = 60.0  # seconds; a hang fails the test instead of blocking the suite


class RawClient:
    """Speaks JSON-RPC with Content-Length framing, including things no real client sends."""

    def __init__(self, root: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "lsp_server"],
            cwd=root,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        assert self.process.stdout is not None
        threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True).start()

    def _read(self, stream: BinaryIO) -> None:
        while True:
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not line:
                return
            self.messages.put(json.loads(stream.read(length)))

    def raw(self, body: bytes) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def send(self, method: str, params: Any, id: int | None = None) -> None:
        message: dict[str, Any] = {"jsonrpc": "2.0", "method": method, "params": params}
        if id is not None:
            message["id"] = id
        self.raw(json.dumps(message).encode())

    def answer(self, id: int) -> dict[str, Any]:
        """Wait for the response to request ``id``, answering the server's own requests."""
        while True:
            message = self.messages.get(timeout=WAIT)
            if message.get("id") == id and "method" not in message:
                return message
            if "method" in message and "id" in message:  # e.g. workspace/configuration
                self.raw(
                    json.dumps(
                        {"jsonrpc": "2.0", "id": message["id"], "result": [None] * 8}
                    ).encode()
                )


def test_the_server_survives_abuse(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    client = RawClient(root)
    try:
        client.send(
            "initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {}}, id=1
        )
        assert "result" in client.answer(1)
        client.send("initialized", {})
        client.raw(b"{this is not json")
        client.raw(b'{"jsonrpc": "2.0", "id": 2, "method": "llmgloss/nonsense", "params": {}}')
        assert "error" in client.answer(2)
        never_opened = (root / "nowhere.md").as_uri()
        client.send(
            "textDocument/hover",
            {"textDocument": {"uri": never_opened}, "position": {"line": 0, "character": 0}},
            id=3,
        )
        answer = client.answer(3)
        assert "result" in answer or "error" in answer
        documents = {
            "long-line.md": "KV cache " * 60_000,  # one 540,000-character line
            "huge.md": ("The KV cache and HCCL.\n" * 220_000),  # about 5 million characters
            "binary.md": "\x00\x01\x02\ufffd" * 10_000,
        }
        documents.update({f"many-{n}.md": f"Doc {n} on TTFT and NPU{n}.\n" for n in range(50)})
        for name, text in documents.items():
            client.send(
                "textDocument/didOpen",
                {
                    "textDocument": {
                        "uri": (root / name).as_uri(),
                        "languageId": "markdown",
                        "version": 1,
                        "text": text,
                    }
                },
            )
        uri = (root / "many-0.md").as_uri()
        for version in range(2, 102):  # a burst of 100 edits
            client.send(
                "textDocument/didChange",
                {
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [
                        {
                            "range": {
                                "start": {"line": 0, "character": 0},
                                "end": {"line": 0, "character": 0},
                            },
                            "text": "x",
                        }
                    ],
                },
            )
        for request, name in enumerate(["long-line.md", "huge.md", "binary.md", "many-0.md"], 10):
            client.send(
                "textDocument/hover",
                {
                    "textDocument": {"uri": (root / name).as_uri()},
                    "position": {"line": 0, "character": 2},
                },
                id=request,
            )
        answers = [client.answer(request) for request in range(10, 14)]
        assert all("result" in a or "error" in a for a in answers)
        assert "KV cache" in json.dumps(answers[0]["result"])  # the long line was analysed
        assert "KV cache" in json.dumps(answers[3]["result"]) or answers[3]["result"] is None
        assert client.process.poll() is None  # still serving
        client.send("shutdown", None, id=99)
        assert "result" in client.answer(99)
        client.send("exit", None)
        assert client.process.wait(timeout=WAIT) == 0
    finally:
        if client.process.poll() is None:
            client.process.kill()
