"""The language server never imports Sphinx or docutils (checked in a fresh interpreter)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROGRAM = """
import sys
import lsp_server, lsp_server.server, lsp_server.__main__
from pathlib import Path
from lsp_server.state import analyse, load_project
server = lsp_server.server.create_server()
project = load_project(Path.cwd(), {}, {})
for name, text in [("a.rst", "See :term:`KV cache`."), ("a.md", "The {term}`TTFT`."),
                   ("a.py", "# The KV cache")]:
    analyse("file:///" + name, 1, text, name, None, project, "utf-16")
loaded = sorted({name.split(".")[0] for name in sys.modules})
print(" ".join(loaded))
"""


def test_server_imports_no_sphinx_or_docutils(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    loaded = set(result.stdout.split())
    assert "pygls" in loaded  # the program really ran
    assert not loaded & {"sphinx", "docutils"}, loaded & {"sphinx", "docutils"}


def test_version_flag() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "lsp_server", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stdout.startswith("llmgloss-lsp ")
