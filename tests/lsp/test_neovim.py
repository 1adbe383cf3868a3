"""A real client: headless Neovim starts the server, opens Markdown and Python, hovers, lints."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import write_project

DRIVER = Path(__file__).parent / "nvim" / "drive.lua"
EXAMPLE = Path(__file__).parent / "nvim" / "example.lua"
CONFIGS = Path(__file__).resolve().parents[2] / "examples" / "editors" / "neovim"


def _nvim() -> str:
    nvim = shutil.which("nvim")
    if nvim is None:
        pytest.skip("nvim is not installed (apt-get install neovim; .ci/run installs it)")
    return nvim


def _isolated(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }


def test_neovim_hover_and_diagnostics(tmp_path: Path) -> None:
    nvim = _nvim()
    root = write_project(tmp_path / "ws")
    out = tmp_path / "result.json"
    env = {
        **_isolated(tmp_path),
        "LLMGLOSS_ROOT": str(root),
        "LLMGLOSS_PYTHON": sys.executable,
        "LLMGLOSS_OUT": str(out),
    }
    subprocess.run(
        [nvim, "--headless", "--clean", "-c", f"luafile {DRIVER}"],
        env=env,
        timeout=120,
        check=False,
        capture_output=True,
    )
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["errors"] == []
    assert "**KV cache**" in result["hovers"]["markdown"]
    assert "**KV cache**" in result["hovers"]["python"]
    for filetype in ("markdown", "python"):
        undefined = [d for d in result["diagnostics"][filetype] if d["code"] == "LG001"]
        assert undefined, result["diagnostics"][filetype]
        assert "'XQZ' is not defined" in undefined[0]["message"]
    first = next(d for d in result["diagnostics"]["markdown"] if d["code"] == "LG001")
    assert first["range"]["start"] == {"line": 3, "character": 4}


@pytest.mark.parametrize("config", ["llmgloss-0.7.lua", "llmgloss-0.11.lua"])
def test_example_neovim_config_starts_the_server(tmp_path: Path, config: str) -> None:
    nvim = _nvim()
    if config == "llmgloss-0.11.lua":
        probe = subprocess.run(
            [
                nvim,
                "--headless",
                "--clean",
                "-c",
                "lua io.stdout:write(tostring(vim.lsp.config ~= nil))",
                "-c",
                "qa!",
            ],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        if "true" not in probe.stdout + probe.stderr:
            pytest.skip("this Neovim has no vim.lsp.config (it arrived in 0.11)")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "llmgloss-lsp"  # stands in for the console script
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m lsp_server "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    root = write_project(tmp_path / "ws")
    out = tmp_path / "result.json"
    env = {
        **_isolated(tmp_path),
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "LLMGLOSS_FILE": str(root / "docs" / "notes.md"),
        "LLMGLOSS_OUT": str(out),
    }
    subprocess.run(
        [
            nvim,
            "--headless",
            "--clean",
            "-c",
            f"luafile {CONFIGS / config}",
            "-c",
            f"luafile {EXAMPLE}",
        ],
        env=env,
        cwd=root,
        timeout=120,
        check=False,
        capture_output=True,
    )
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["filetype"] == "markdown"
    assert any("'XQZ' is not defined" in m for m in result["messages"]), result
