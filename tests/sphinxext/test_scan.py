"""The prose scan kept from reading: used when it holds, never when it may be stale."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path

import pytest
from docutils import nodes
from docutils.core import publish_doctree
from sphinx import addnodes
from sphinx.testing.util import SphinxTestApp

from sphinx_llmgloss.core.config import Config
from sphinx_llmgloss.core.lint import Linter
from sphinx_llmgloss.core.sources import load_glossary
from sphinx_llmgloss.sphinxext import autolink, prose, scan
from sphinx_llmgloss.sphinxext.autolink import AutoLink
from sphinx_llmgloss.sphinxext.state import Runtime

from .conftest import (
    GLOSSARY_RST,
    Build,
    built,
    llmgloss_warnings,
    page,
    warnings_of,
    write_project,
)
from .test_build_modes import _touch_later, html_pages
from .test_rst import auto_links

TEXT = """\
Serving
=======

The KV cache grows with each request. See the cache too.

A second paragraph about speculative decoding and QZXW.
"""


@pytest.fixture
def kept_results(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each page written used the scan kept from reading."""
    results: list[bool] = []
    real = AutoLink._kept_scan

    def spy(self: AutoLink, state: Runtime) -> scan.Scan | None:
        found = real(self, state)
        results.append(found is not None)
        return found

    monkeypatch.setattr(AutoLink, "_kept_scan", spy)
    return results


def test_the_kept_scan_writes_what_a_fresh_scan_writes(
    build: Build, kept_results: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = build("llmgloss-mixed", copy_to="kept", confoverrides={"llmgloss_allow": []})
    assert kept_results and all(kept_results)  # no project glossary terms: always kept
    monkeypatch.setattr(scan, "kept", lambda document, key: None)
    fresh = build("llmgloss-mixed", copy_to="fresh", confoverrides={"llmgloss_allow": []})
    assert html_pages(kept.outdir) == html_pages(fresh.outdir)
    assert "index.rst:4: WARNING: 'QZXW' is not defined" in warnings_of(kept)
    assert llmgloss_warnings(kept) == llmgloss_warnings(fresh)


def test_project_glossary_terms_make_pages_scan_again(
    build: Build, kept_results: list[bool]
) -> None:
    build("llmgloss-rst")  # its index.rst defines terms with Sphinx's glossary directive
    assert kept_results and not any(kept_results)


def test_an_option_changed_in_pyproject_rewrites_pages_with_a_fresh_scan(
    build: Build, kept_results: list[bool]
) -> None:
    first = build("llmgloss-mixed")
    assert "QZXW" not in warnings_of(first)  # allowed in the root's pyproject.toml
    pyproject = Path(first.srcdir) / "pyproject.toml"
    _touch_later(pyproject, pyproject.read_text().replace('allow = ["QZXW"]', "allow = []"))
    kept_results.clear()
    again = build("llmgloss-mixed", fresh=False)
    assert "0 added, 0 changed, 0 removed" in again.status.getvalue()  # nothing re-read
    assert kept_results and not any(kept_results)  # ...but written with a fresh scan
    assert "index.rst:4: WARNING: 'QZXW' is not defined" in warnings_of(again)


def test_a_matching_option_changed_in_pyproject_reads_pages_again(build: Build) -> None:
    first = build("llmgloss-mixed")
    assert auto_links(page(first, "page.html"))
    pyproject = Path(first.srcdir) / "pyproject.toml"
    _touch_later(pyproject, pyproject.read_text() + 'exclude_pages = ["page"]\n')
    again = build("llmgloss-mixed", fresh=False)
    assert "0 added, 3 changed, 0 removed" in again.status.getvalue()
    assert not auto_links(page(again, "page.html"))
    assert auto_links(page(again, "index.html"))


Change = Callable[[nodes.document], None]


def _replace_text_with_mention(document: nodes.document) -> None:
    paragraph = next(iter(document.findall(nodes.paragraph)))
    paragraph.replace(paragraph[0], nodes.Text(str(paragraph[0])))


def _inline_the_toctree(document: nodes.document) -> None:
    toctree = next(iter(document.findall(addnodes.toctree)))
    toctree.parent.replace(toctree, nodes.paragraph("", "An inlined page on MoE."))


def _drop_the_term_reference(document: nodes.document) -> None:
    ref = next(iter(document.findall(addnodes.pending_xref)))
    ref.parent.remove(ref)


def _doctree() -> nodes.document:
    document = publish_doctree(
        TEXT,
        settings_overrides={"report_level": 5, "output_encoding": "unicode"},
        source_path=str(Path("serving.rst")),
    )
    # What Sphinx's :term: role and toctree directive leave in a doctree.
    paragraph = next(iter(document.findall(nodes.paragraph)))
    ref = addnodes.pending_xref("", nodes.inline("KV cache", "KV cache"), reftype="term")
    ref.update_all_atts({"refdomain": "std", "reftarget": "KV cache"})
    paragraph += ref
    document += addnodes.toctree(entries=[])
    return document


def _scanned(document: nodes.document) -> scan.Scan:
    config = Config()
    linter = Linter(load_glossary(config), config)
    text = prose.collect(document)
    found = scan.make(text, linter, linter.mentions(text.text, text.regions), "key")
    scan.keep(document, found)
    return found


def test_a_scan_holds_for_the_unchanged_doctree() -> None:
    document = _doctree()
    found = _scanned(document)
    texts = ["KV cache", "speculative decoding"]
    assert [hit.text for hit in found.hits()] == texts
    assert [hit.node[hit.start : hit.end] for hit in found.hits()] == texts
    assert [line for _, _, line in found.findings] == [6]  # QZXW, on the source line
    assert scan.kept(document, "key") == found
    assert scan.kept(document, "other key") is None
    assert scan.kept(document, "") is None


@pytest.mark.parametrize("change", [_inline_the_toctree, _drop_the_term_reference])
def test_a_scan_of_a_changed_doctree_is_not_used(change: Change) -> None:
    document = _doctree()
    _scanned(document)
    change(document)
    assert scan.kept(document, "key") is None


def test_a_replaced_text_node_is_no_longer_attached() -> None:
    document = _doctree()
    found = _scanned(document)
    linked = [hit.node for hit in found.hits()]
    assert scan.attached(document, linked)
    _replace_text_with_mention(document)  # an equal text, in a new node
    assert scan.kept(document, "key") == found  # kept: which nodes get links decides
    assert not scan.attached(document, linked)
    assert scan.attached(document, linked[1:])  # the other paragraph's text is in place


def test_a_page_whose_linked_text_was_replaced_is_scanned_again(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, kept_results: list[bool]
) -> None:
    """Another extension replaces text nodes after this one's scan: the links still land."""
    index = "Home\n====\n\nThe KV cache grows. The KV cache again.\n\n.. toctree::\n\n   glossary\n"
    pages: dict[str, str | bytes] = {"index.rst": index, "glossary.rst": GLOSSARY_RST}
    plain = built(make_app, write_project(tmp_path / "plain", pages))
    replaced = built(make_app, write_project(tmp_path / "replaced", pages, _REPLACING))
    assert kept_results == [True, True, True, True]  # the scan was there to check
    html = page(replaced, "index.html")
    assert auto_links(html) == auto_links(page(plain, "index.html"))
    assert [text for _, text in auto_links(html)] == ["KV cache"]
    assert "The KV cache again. Indeed." in html


# A conf.py setup() that gives each paragraph's text a new node, after the scan.
_REPLACING = """
def setup(app):
    from docutils import nodes

    def replace(app, doctree):
        for paragraph in doctree.findall(nodes.paragraph):
            paragraph.replace(paragraph[0], nodes.Text(str(paragraph[0]) + " Indeed."))

    app.connect("doctree-read", replace, priority=950)
"""


def test_a_scan_survives_pickling_with_its_doctree() -> None:
    document = _doctree()
    found = _scanned(document)
    document.settings = None  # type: ignore[assignment]  # Sphinx drops its streams too
    loaded = pickle.loads(pickle.dumps(document, pickle.HIGHEST_PROTOCOL))
    again = scan.kept(loaded, "key")
    assert again is not None and again.spans == found.spans
    assert all(any(node is text for node in loaded.findall(nodes.Text)) for text in again.texts)


def test_a_scan_stored_in_another_format_is_not_used() -> None:
    document = _doctree()
    _scanned(document)
    stored = getattr(document, scan.ATTRIBUTE)
    setattr(document, scan.ATTRIBUTE, (0, *stored[1:]))  # an older release's doctree
    assert scan.kept(document, "key") is None
    setattr(document, scan.ATTRIBUTE, object())
    assert scan.kept(document, "key") is None


def _repeating() -> tuple[nodes.document, scan.Scan]:
    document = publish_doctree(
        "A\n=\n\nThe KV cache and the KV cache.\n\nB\n=\n\nMore KV cache, speculative decoding.\n",
        settings_overrides={"report_level": 5, "output_encoding": "unicode"},
    )
    config = Config()
    linter = Linter(load_glossary(config), config)
    text = prose.collect(document)
    return document, scan.make(text, linter, linter.mentions(text.text, text.regions), "key")


@pytest.mark.parametrize(
    ("mode", "made"),
    [
        ("first", [True, False, False, True]),
        ("section", [True, False, True, True]),
        ("every", [True, True, True, True]),
        ("none", []),
    ],
)
def test_references_are_made_while_reading_for_the_mentions_likely_linked(
    mode: str, made: list[bool]
) -> None:
    _, found = _repeating()
    assert [hit.text for hit in found.hits()] == ["KV cache"] * 3 + ["speculative decoding"]
    references = autolink.prepare(found, mode)
    assert [ref is not None for ref in references] == made
    first = references[0] if references else None
    if first is not None:
        assert first.astext() == "KV cache" and first["refwarn"] is False
        assert "llmgloss-auto" in first["classes"]


def test_linking_inserts_the_references_made_while_reading() -> None:
    document, found = _repeating()
    found.references = autolink.prepare(found, "every")
    hits = found.hits()
    # The first mention links as prepared; the third to another entry than prepared for.
    chosen = [(hits[0], "kv-cache", "KV cache"), (hits[2], "speculative-decoding", "x")]
    autolink._insert(chosen, "index", found)
    refs = list(document.findall(addnodes.pending_xref))
    assert refs[0] is found.references[0]
    assert refs[0]["reftarget"] == "KV cache" and refs[0]["refdoc"] == "index"
    assert refs[1] is not found.references[2]  # made for kv-cache: a new one instead
    assert "llmgloss-id-speculative-decoding" in refs[1].children[0]["classes"]
    assert [ref.astext() for ref in refs] == ["KV cache", "KV cache"]
