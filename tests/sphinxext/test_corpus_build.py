"""A real project's docs (vllm-ascend, from ../shared/corpus when present): the prose scan
kept from reading writes exactly what a fresh scan writes."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from importlib.util import find_spec
from pathlib import Path

import pytest
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

from sphinx_llmgloss.sphinxext import scan

from .conftest import llmgloss_warnings
from .test_build_modes import html_pages
from .test_rst import auto_links

DOCS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "vllm-project__vllm-ascend"
PAGE = "---\norphan: true\n---\n\n# Glossary\n\n```{llmgloss-glossary}\n```\n"


def _build(make_app: Callable[..., SphinxTestApp], src: Path) -> SphinxTestApp:
    shutil.copytree(DOCS, src)
    (src / "llmgloss-glossary.md").write_text(PAGE, encoding="utf-8")
    # The corpus's conf.py adds sphinx_design when it is installed; so does this list.
    extensions = ["myst_parser", *(["sphinx_design"] if find_spec("sphinx_design") else [])]
    overrides = {"extensions": [*extensions, "sphinx_llmgloss"]}
    app = make_app("html", srcdir=src, freshenv=True, confoverrides=overrides)
    app.build()
    return app


@pytest.mark.skipif(not DOCS.is_dir(), reason="../shared/corpus is not present")
# myst-parser uses Sphinx APIs that Sphinx 11 removes: hundreds of lines of noise.
@pytest.mark.filterwarnings("ignore::PendingDeprecationWarning")
def test_kept_and_fresh_scans_write_the_same_corpus_pages(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    used: list[scan.Scan | None] = []
    real = scan.kept

    def spy(document: nodes.document, key: str) -> scan.Scan | None:
        used.append(real(document, key))
        return used[-1]

    monkeypatch.setattr(scan, "kept", spy)
    kept = _build(make_app, tmp_path / "kept")
    assert used and all(found is not None for found in used)
    monkeypatch.setattr(scan, "kept", lambda *a: None)
    fresh = _build(make_app, tmp_path / "fresh")
    pages = html_pages(Path(kept.outdir))
    assert pages == html_pages(Path(fresh.outdir))
    assert sum(len(auto_links(html)) for html in pages.values()) > 500
    warnings = llmgloss_warnings(kept)
    assert len(warnings) > 100
    assert warnings == llmgloss_warnings(fresh)
