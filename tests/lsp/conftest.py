"""Shared pieces of the language-server tests: a small project on disk, document helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

from lsp_server.convert import LineTable
from lsp_server.state import DocumentView, Project, analyse, load_project

GLOSSARY = """\
glossary: test-project
version: 1
terms:
  - name: Ascend NPU
    aliases: [NPU]
    definition: Huawei's neural processing unit.
  - name: Widget cache
    definition: A cache of widgets.
    discouraged: [widgetcache]
"""

MARKDOWN = """\
# Serving notes

The KV cache grows with every token. We measure TTFT on each NPU.
The XQZ scheduler is new. See {term}`KV cache` and {term}`Nopeterm`.
The widgetcache is warm.
"""

PYTHON = '''\
"""Helpers for the KV cache."""


def f() -> None:
    # The XQZ path is slow; see TTFT.
    return None
'''


def write_project(root: Path) -> Path:
    """A project folder with a config file, a glossary, a Markdown and a Python file."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "llmgloss.toml").write_text(
        '# project settings\nglossaries = ["docs/terms.yaml"]\n', encoding="utf-8"
    )
    (root / "docs" / "terms.yaml").write_text(GLOSSARY, encoding="utf-8")
    (root / "docs" / "notes.md").write_text(MARKDOWN, encoding="utf-8")
    (root / "tool.py").write_text(PYTHON, encoding="utf-8")
    return root


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return load_project(write_project(tmp_path), {}, {})


def view_of(
    text: str, project: Project, name: str = "doc.md", language_id: str | None = None
) -> DocumentView:
    path = project.root / name
    return analyse(path.as_uri(), 1, text, str(path), language_id, project, "utf-16")


def offset_of(text: str, needle: str, delta: int = 0) -> int:
    return text.index(needle) + delta


__all__ = ["MARKDOWN", "PYTHON", "LineTable", "offset_of", "view_of", "write_project"]
