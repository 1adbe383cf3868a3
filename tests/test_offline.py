"""No network during a CLI run or a Sphinx build: every socket connection is refused."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

BLOCKED = """
import runpy, socket, sys
def refuse(*args, **kwargs):
    raise SystemExit("llmgloss tried to use the network")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
sys.argv = {argv!r}
runpy.run_module({module!r}, run_name="__main__", alter_sys=True)
"""


def run_offline(module: str, *argv: str) -> subprocess.CompletedProcess[str]:
    program = BLOCKED.format(argv=[module, *argv], module=module)
    return subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, cwd=ROOT, check=False
    )


def test_cli_commands_work_offline(tmp_path: Path) -> None:
    (tmp_path / "doc.md").write_text("The KV cache and HCCL.\n", encoding="utf-8")
    for argv in (
        ["lookup", "KV cache"],
        ["check"],
        ["lint", "--fail-on", "never", str(tmp_path)],
        ["scan", str(tmp_path)],
        ["export", "--format", "json"],
    ):
        result = run_offline("sphinx_llmgloss.cli", *argv)
        assert result.returncode == 0, (argv, result.stderr)
        assert "network" not in result.stderr


def test_sphinx_build_works_offline(tmp_path: Path) -> None:
    pytest.importorskip("sphinx")
    site = ROOT / "examples" / "sphinx-site"
    result = run_offline("sphinx", "-b", "html", "-q", str(site), str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "network" not in result.stderr
    assert (tmp_path / "out" / "index.html").is_file()
