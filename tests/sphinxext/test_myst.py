"""A MyST project: {term} with plurals, {.glossary} definition lists, used-only glossary."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sphinx.testing.util import SphinxTestApp

from .conftest import Build, built, page, warnings_of, write_project
from .test_rst import auto_links


def test_myst_prose_is_linked_but_headings_code_and_spans_are_not(build: Build) -> None:
    app = build("llmgloss-myst")
    html = page(app, "index.html")
    links = auto_links(html)
    assert [text for _, text in links].count("KV cache") == 1  # first mention per page
    assert ("glossary.html#term-continuous-batching", "Continuous batching") in links
    paged = [href for href, text in links if text == "PagedAttention"]
    assert paged == ["glossary.html#term-pagedattention"]  # the prose one only
    assert "A PagedAttention heading<a" in html
    assert '<span class="llmgloss-skip">PagedAttention</span>' in html


def test_term_role_reaches_definition_list_terms_through_plurals(build: Build) -> None:
    app = build("llmgloss-myst")
    html = page(app, "index.html")
    assert 'href="#term-Gizmo"><span class="xref std std-term' in html
    assert "ref.term" not in warnings_of(app)


def test_used_only_glossary_lists_the_terms_the_project_uses(build: Build) -> None:
    glossary = page(build("llmgloss-myst"), "glossary.html")
    assert 'id="term-kv-cache"' in glossary and 'id="term-pagedattention"' in glossary
    assert 'id="term-fsdp"' not in glossary


def test_the_root_page_can_be_the_glossary_page_and_myst_skip_markup_works(
    build: Build, tmp_path: Path
) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["myst_parser", "sphinx_llmgloss"]\n')
    (src / "index.md").write_text(
        "# Home\n\nThe {llmgloss-skip}`KV cache` is skipped; the KV cache later is linked.\n\n"
        "```{llmgloss-skip}\nPagedAttention here is skipped.\n```\n\n"
        "PagedAttention here is linked.\n\n```{llmgloss-glossary}\n:used-only:\n```\n"
    )
    app = build("unused")
    html = page(app, "index.html")
    assert auto_links(html) == [
        ("#term-kv-cache", "KV cache"),
        ("#term-pagedattention", "PagedAttention"),
    ]
    assert "PagedAttention here is skipped." in html
    assert warnings_of(app) == ""


def test_no_link_goes_inside_a_bare_url(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    """Without MyST's linkify a bare URL stays text; its path names no term."""
    index = (
        "# Home\n\nSee https://github.com/LMCache/LMCache/tree/main/KV-cache (or\n"
        "www.example.com/LMCache) on the KV cache.\n\n```{llmgloss-glossary}\n```\n"
    )
    conf = 'extensions.append("myst_parser")\n'
    app = built(make_app, write_project(tmp_path / "urls", {"index.md": index}, conf))
    html = page(app, "index.html")
    assert "https://github.com/LMCache/LMCache/tree/main/KV-cache (or" in html
    assert "www.example.com/LMCache) on the" in html
    assert [text for _, text in auto_links(html)] == ["KV cache"]
