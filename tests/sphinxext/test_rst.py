"""A reST-only project: links, skipped regions, the glossary page, references, warnings."""

from __future__ import annotations

import re
import shutil
import zlib
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinx_llmgloss.sphinxext.tooltips import STATIC

from .conftest import GLOSSARY_RST, ROOTS, Build, page, warnings_of, write_project


def auto_links(html: str) -> list[tuple[str, str]]:
    """(href, text) of every automatic term link."""
    return re.findall(
        r'<a class="llmgloss-auto reference internal" href="([^"]*)"><span [^>]*>([^<]*)</span>',
        html,
    )


def test_first_mention_per_page_is_linked_to_the_rendered_glossary(build: Build) -> None:
    app = build("llmgloss-rst")
    links = auto_links(page(app, "index.html"))
    assert ("glossary.html#term-kv-cache", "KV cache") in links
    assert [text for _, text in links].count("KV cache") == 1
    assert ("glossary.html#term-vllm", "vLLM") in links


def test_nothing_is_linked_in_titles_code_abbreviations_or_opt_outs(build: Build) -> None:
    html = page(build("llmgloss-rst"), "index.html")
    texts = [text for _, text in auto_links(html)]
    assert "PagedAttention" not in texts  # :llmgloss-skip: role
    assert "FlashAttention" not in texts  # llmgloss-skip directive
    assert "Serving" not in texts
    assert "KV cache in a code block" in html and html.count("llmgloss-id-kv-cache") == 2
    assert '<abbr title="time to first token">TTFT</abbr>' in html


def test_project_glossary_terms_win_without_duplicate_warnings(build: Build) -> None:
    app = build("llmgloss-rst")
    index, glossary = page(app, "index.html"), page(app, "glossary.html")
    assert ("#term-TTFT", "TTFT") in auto_links(index)
    assert ("#term-Widget", "Widgets") in auto_links(index)
    assert 'id="term-ttft"' not in glossary and 'id="term-kv-cache"' in glossary
    assert "duplicate" not in warnings_of(app)
    tip = index[index.index('id="llmgloss-tip-ttft"') :]
    assert "Our project\u2019s own TTFT definition." in tip[: tip.index("</div>")]


def test_glossary_page_has_permalinks_see_also_references_and_index(
    build: Build, tmp_path: Path
) -> None:
    shutil.copytree(ROOTS / "test-llmgloss-rst", tmp_path / "src")
    with (tmp_path / "src" / "index.rst").open("a") as index:
        index.write("\nRequests arrive at a steady QPS.\n")  # QPS: "See also: RPS"
    app = build("llmgloss-rst")
    glossary = page(app, "glossary.html")
    assert 'href="#term-kv-cache" title="Link to this term"' in glossary
    assert "<em>Reference: </em>Chapter 22" in glossary
    see_also = '<em>See also: </em><a class="reference internal" href="#term-rps"'
    assert see_also in glossary and 'id="term-rps"' in glossary  # listed, though unused
    terms = re.findall(r'<dt id="term-[^"]*">([^<]*)<', glossary)
    assert terms == sorted(terms, key=str.casefold)
    assert "KV cache" in page(app, "genindex.html")
    assert "Kubernetes" not in terms  # only the terms the project uses, by default


def test_all_option_lists_every_term(build: Build, tmp_path: Path) -> None:
    shutil.copytree(ROOTS / "test-llmgloss-rst", tmp_path / "src")
    path = tmp_path / "src" / "glossary.rst"
    path.write_text(
        path.read_text().replace("llmgloss-glossary::", "llmgloss-glossary::\n   :all:")
    )
    glossary = page(build("llmgloss-rst"), "glossary.html")
    assert len(re.findall(r'<dt id="term-', glossary)) > 280


def test_term_role_resolves_plurals_and_suggests_for_unknown_terms(build: Build) -> None:
    app = build("llmgloss-rst")
    index = page(app, "index.html")
    assert re.search(r'href="glossary.html#term-kv-cache"><span [^>]*>KV caches</span>', index)
    warnings = warnings_of(app)
    assert "term not in glossary: 'TFTT'; did you mean 'TTFT'? [ref.term]" in warnings


def test_undefined_jargon_is_located_and_skip_page_is_honoured(build: Build) -> None:
    app = build("llmgloss-rst")
    warnings = warnings_of(app)
    assert re.search(
        r"index\.rst:6: WARNING: 'QZXW' is not defined.*\[llmgloss\.undefined\]", warnings
    )
    assert "other.rst" not in warnings
    assert "llmgloss-auto" not in page(app, "other.html")


def test_undefined_jargon_can_be_suppressed(build: Build) -> None:
    app = build("llmgloss-rst", confoverrides={"suppress_warnings": ["llmgloss.undefined"]})
    assert "QZXW" not in warnings_of(app)
    assert "TFTT" in warnings_of(app)


def test_tooltip_data_is_in_the_page_and_out_of_the_search_index(build: Build) -> None:
    html = page(build("llmgloss-rst"), "index.html")
    store = html[html.index('<div class="llmgloss-tips no-search') :]
    assert 'id="llmgloss-tip-kv-cache"' in store
    assert "<strong>KV cache</strong>" in store
    assert "_static/llmgloss.js" in html and "_static/llmgloss.css" in html


@pytest.mark.parametrize("asset", ["llmgloss.js", "llmgloss.css"])
def test_asset_links_carry_a_checksum_from_the_first_build(build: Build, asset: str) -> None:
    """Browsers must fetch a new version after an upgrade: Sphinx adds ``?v=`` only for
    files already in ``_static`` when it writes the pages."""
    html = page(build("llmgloss-rst"), "index.html")
    found = re.search(rf"_static/{re.escape(asset)}\?v=([0-9a-f]{{8}})", html)
    content = (STATIC / asset).read_bytes().translate(None, b"\r")
    assert found is not None and found.group(1) == f"{zlib.crc32(content):08x}"


def test_latex_output_uses_sphinx_term_references(build: Build) -> None:
    app = build("llmgloss-rst", builder="latex")
    tex = next(p for p in app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "\\hyperref[\\detokenize{glossary:term-kv-cache}]{\\sphinxtermref{" in tex
    assert "llmgloss-tip" not in tex


def test_inline_controls_in_comments_apply(build: Build, tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["sphinx_llmgloss"]\n')
    (src / "index.rst").write_text(
        "T\n=\n\n.. llmgloss: ignore QZXW\n\nThe QZXW and WXYQ things.\n"
    )
    warnings = warnings_of(build("unused"))
    assert "'WXYQ' is not defined" in warnings
    assert "QZXW" not in warnings


def _every_mention_linked(build: Build, tmp_path: Path, body: str) -> SphinxTestApp:
    """Build one reST page (and the glossary page) with every mention linked."""
    index = f"T\n=\n\n{body}\n.. toctree::\n\n   glossary\n"
    pages: dict[str, str | bytes] = {"index.rst": index, "glossary.rst": GLOSSARY_RST}
    write_project(tmp_path / "src", pages, 'llmgloss_link = "every"\n')
    return build("unused")


def test_labels_classifiers_and_option_arguments_are_not_prose(
    build: Build, tmp_path: Path
) -> None:
    """A citation label is a backlink in HTML: a term link inside it would nest anchors."""
    app = _every_mention_linked(
        build,
        tmp_path,
        "See [TTFT]_.\n\n--model QZXW  Serve it.\n\nlatency : TTFT\n   Measured here.\n\n"
        ".. [TTFT] A citation labelled like a term; the TTFT itself.\n",
    )
    html = page(app, "index.html")
    assert [text for _, text in auto_links(html)] == ["TTFT"]  # the citation's text only
    assert 'the <a class="llmgloss-auto' in html
    assert "QZXW" not in warnings_of(app)


def test_parameter_names_and_interface_labels_are_not_linked(build: Build, tmp_path: Path) -> None:
    app = _every_mention_linked(
        build,
        tmp_path,
        ".. py:function:: generate(tokens, batch)\n\n   Generate with the KV cache.\n\n"
        "   :param tokens: The prompt tokens.\n   :param batch: A batch.\n\n"
        "Click :guilabel:`KV cache` and :menuselection:`Batch --> Token`.\n",
    )
    html = page(app, "index.html")
    assert [text for _, text in auto_links(html)] == ["KV cache", "tokens", "batch"]
    assert "<strong>tokens</strong>" in html and "<strong>batch</strong>" in html
