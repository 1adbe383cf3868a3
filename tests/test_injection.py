"""Hostile glossary text renders inert: in Sphinx's HTML, in exports, in hovers."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from sphinx_llmgloss.core import load_text

HOSTILE = """\
terms:
  - name: Evil term
    aliases: [EVILX]
    definition: "<script>alert('x')</script> \\"onmouseover=alert(1)
      <a href='javascript:alert(2)'>click</a>"
"""


def test_sphinx_html_escapes_definitions(tmp_path: Path) -> None:
    pytest.importorskip("sphinx")
    (tmp_path / "terms.yaml").write_text(HOSTILE, encoding="utf-8")
    (tmp_path / "conf.py").write_text(
        "extensions = ['sphinx_llmgloss']\nllmgloss_glossaries = ['terms.yaml']\n"
    )
    (tmp_path / "index.rst").write_text(
        "Home\n====\n\nThe Evil term is here, and EVILX.\n\n"
        ".. llmgloss-glossary::\n   :used-only:\n"
    )
    build = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(tmp_path), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert html.count("&lt;script&gt;alert(") >= 2  # glossary page and tooltip data
    assert "<script>alert" not in html
    assert "<a href='javascript:" not in html and 'href="javascript:' not in html
    assert '"onmouseover=' not in html.replace("&quot;onmouseover=", "")


def test_exports_escape_markup() -> None:
    from sphinx_llmgloss.core.export import export

    (entry,) = load_text(HOSTILE, "terms.yaml").entries
    for fmt in ("myst", "markdown"):  # reST has no raw HTML: "<script>" there is text
        text = export([entry], fmt, {entry.id: entry})
        assert "<script>" not in text and "\\<script\\>" in text, fmt


def test_hover_markdown_escapes_glossary_text() -> None:
    pytest.importorskip("lsprotocol")
    from lsp_server.features.hover import describe
    from sphinx_llmgloss.core import merge

    glossary = merge([load_text(HOSTILE, "terms.yaml")])
    text = describe(glossary.by_id["evil-term"], glossary, markdown=True)
    assert "<script>" not in text and "\\<script\\>" in text
    assert re.search(r"(?<!\\)<a href", text) is None and "\\<a href" in text
    plain = describe(glossary.by_id["evil-term"], glossary, markdown=False)
    assert "<script>alert('x')</script>" in plain  # plain text is shown as text anyway
