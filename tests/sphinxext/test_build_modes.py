"""Parallel builds equal serial ones; incremental builds refresh pages; a missing glossary page."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

from sphinx.testing.util import SphinxTestApp

from .conftest import (
    GLOSSARY_RST,
    ROOTS,
    Build,
    built,
    llmgloss_warnings,
    page,
    undefined_words,
    warnings_of,
    write_project,
)
from .test_rst import auto_links


def html_pages(outdir: Path) -> dict[str, str]:
    return {
        str(p.relative_to(outdir)): p.read_text(encoding="utf-8")
        for p in sorted(outdir.rglob("*.html"))
    }


def test_parallel_build_gives_the_same_html_as_a_serial_build(build: Build) -> None:
    serial = build("llmgloss-rst", copy_to="serial")
    parallel = build("llmgloss-rst", copy_to="parallel", parallel=2)
    assert parallel.parallel == 2
    serial_pages, parallel_pages = html_pages(serial.outdir), html_pages(parallel.outdir)
    assert serial_pages.keys() == parallel_pages.keys()
    for name, html in serial_pages.items():
        assert parallel_pages[name] == html, name
    assert "llmgloss-tip-kv-cache" in serial_pages["index.html"]


def _undefined_in(
    make_app: Callable[..., SphinxTestApp], folder: Path, index: str, conf: str = ""
) -> list[str]:
    """The undefined-jargon words of a one-page reST project, in the order reported."""
    return undefined_words(built(make_app, write_project(folder, {"index.rst": index}, conf)))


def _touch_later(path: Path, text: str) -> None:
    """Rewrite ``path`` with a modification time that is surely newer."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    while path.stat().st_mtime_ns <= before:  # coarse file-system clocks
        time.sleep(0.01)
        path.write_text(text, encoding="utf-8")


def test_editing_a_glossary_file_rewrites_pages_that_link_to_it(build: Build) -> None:
    app = build("llmgloss-mixed")
    assert "neural processing unit" in page(app, "page.html")
    yaml = Path(app.srcdir) / "terms.yaml"
    _touch_later(yaml, yaml.read_text().replace("neural processing unit", "accelerator chip"))
    again = build("llmgloss-mixed", fresh=False)
    assert "0 added, 3 changed, 0 removed" in again.status.getvalue()  # glossary, index, page
    assert "accelerator chip" in page(again, "page.html")
    assert "accelerator chip" in page(again, "glossary.html")


def test_editing_a_project_glossary_term_rewrites_pages_that_link_to_it(
    build: Build, tmp_path: Path
) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-llmgloss-rst", src)
    (src / "other.rst").write_text("Other\n=====\n\nMore widgets here.\n", encoding="utf-8")
    app = build("llmgloss-rst")
    assert 'href="index.html#term-Widget"' in page(app, "other.html")
    index = src / "index.rst"
    _touch_later(index, index.read_text().replace("   Widget\n", "   Gadget\n"))
    again = build("llmgloss-rst", fresh=False)
    assert "0 added, 1 changed, 0 removed" in again.status.getvalue()
    assert "index.html#term-Widget" not in page(again, "other.html")


def test_an_edit_that_mentions_no_other_terms_leaves_the_glossary_page_alone(
    build: Build,
) -> None:
    """The glossary page is read and written again only when it would change."""
    app = build("llmgloss-mixed")
    glossary = Path(app.outdir) / "glossary.html"
    written = glossary.stat().st_mtime_ns
    source = Path(app.srcdir) / "page.md"
    _touch_later(source, source.read_text() + "\nOne more NPU sentence.\n")
    again = build("llmgloss-mixed", fresh=False)
    assert "0 added, 1 changed, 0 removed" in again.status.getvalue()
    assert glossary.stat().st_mtime_ns == written
    assert "One more" in page(again, "page.html")


def test_an_edit_that_mentions_a_new_term_adds_it_to_the_glossary_page(build: Build) -> None:
    app = build("llmgloss-mixed")
    assert 'id="term-ttft"' not in page(app, "glossary.html")
    source = Path(app.srcdir) / "page.md"
    original = source.read_text()
    _touch_later(source, original + "\nTTFT matters.\n")
    again = build("llmgloss-mixed", fresh=False)
    assert 'id="term-ttft"' in page(again, "glossary.html")
    assert ("glossary.html#term-ttft", "TTFT") in auto_links(page(again, "page.html"))
    _touch_later(source, original)
    after = build("llmgloss-mixed", fresh=False)
    assert 'id="term-ttft"' not in page(after, "glossary.html")


def test_a_term_the_project_starts_to_define_leaves_the_glossary_page(build: Build) -> None:
    app = build("llmgloss-mixed")
    assert 'id="term-kv-cache"' in page(app, "glossary.html")
    source = Path(app.srcdir) / "page.md"
    own = "\n```{glossary}\nKV cache\n   Our own cache of keys and values.\n```\n"
    _touch_later(source, source.read_text() + own)
    again = build("llmgloss-mixed", fresh=False)
    assert 'id="term-kv-cache"' not in page(again, "glossary.html")
    assert "duplicate" not in warnings_of(again)


def test_one_warning_when_terms_are_mentioned_but_no_glossary_page_exists(
    build: Build, tmp_path: Path
) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["sphinx_llmgloss"]\n', encoding="utf-8")
    (src / "index.rst").write_text("Home\n====\n\nThe KV cache and TTFT.\n", encoding="utf-8")
    app = build("unused")
    warnings = warnings_of(app)
    assert warnings.count("[llmgloss.no-glossary-page]") == 1
    assert "llmgloss-glossary" in warnings
    assert "llmgloss-auto" not in page(app, "index.html")


def test_singlehtml_links_and_tooltip_links_point_into_the_one_page(build: Build) -> None:
    app = build("llmgloss-mixed", builder="singlehtml")
    html = page(app, "index.html")
    # Auto-links are Sphinx's own term references; Sphinx 9 writes those in singlehtml
    # as '#document-glossary#term-...' (its fix_refuris is deprecated), so only the
    # target is checked here. Tooltip links are written by llmgloss: one fragment.
    hrefs = {href.rsplit("#", 1)[-1] for href, _ in auto_links(html)}
    assert hrefs == {"term-ascend-npu", "term-kv-cache"}
    tip = html[html.index('id="llmgloss-tip-ascend-npu"') :]
    assert 'href="#term-kv-cache"' in tip[: tip.index("</div>")]
    assert 'id="term-kv-cache"' in html  # the target is in the same page


def test_epub_pages_get_links_and_tooltip_data(build: Build) -> None:
    app = build("llmgloss-mixed", builder="epub")
    xhtml = page(app, "page.xhtml")
    assert auto_links(xhtml)
    tip = xhtml[xhtml.index('id="llmgloss-tip-ascend-npu"') :]
    assert 'href="glossary.xhtml#term-kv-cache"' in tip[: tip.index("</div>")]


def test_text_output_has_term_text_and_no_tooltip_data(build: Build) -> None:
    app = build("llmgloss-mixed", builder="text")
    text = page(app, "page.txt")
    assert "NPU" in text and "KV cache" in text
    assert "llmgloss" not in text and "not bold" not in text
    assert "term not in glossary" not in warnings_of(app)


def test_a_glossary_page_in_another_encoding_is_still_read_last(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    """Pages are found to hold the glossary directive in the project's source encoding:
    read in name order instead, 'a-glossary' would render before 'b-page' is known."""
    pages: dict[str, str | bytes] = {
        "index.rst": "Home\n====\n\n.. toctree::\n\n   a-glossary\n   b-page\n",
        "a-glossary.rst": "Café\n====\n\n.. llmgloss-glossary::\n".encode("latin-1"),
        "b-page.rst": "Page\n====\n\nThe KV cache grows.\n",
    }
    src = write_project(tmp_path / "latin1", pages, 'source_encoding = "latin-1"\n')
    app = built(make_app, src)
    assert 'id="term-kv-cache"' in page(app, "a-glossary.html")
    assert "a-glossary.html#term-kv-cache" in page(app, "b-page.html")


# Pages that a singlehtml or LaTeX build inlines into one: the same jargon on two
# pages, one page that opts out, one page that the configuration excludes.
BOOK: dict[str, str | bytes] = {
    "index.rst": "Book\n====\n\n.. toctree::\n\n   first\n   second\n   skipped\n"
    "   excluded\n   glossary\n",
    "first.rst": "First\n=====\n\nThe KV cache and QZXW.\n\nQZXW again.\n",
    "second.rst": "Second\n======\n\nMore text.\n\nThen QZXW and the KV cache.\n",
    "skipped.rst": "Skipped\n=======\n\n.. llmgloss: skip-page\n\nQZXW and the KV cache.\n",
    "excluded.rst": "Excluded\n========\n\nQZXW and the KV cache.\n",
    "glossary.rst": GLOSSARY_RST,
}


def test_inlining_builders_warn_and_opt_out_page_by_page(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    """``singlehtml`` and LaTeX report each page's jargon at that page's own lines,
    and leave pages that opt out alone, as a build of separate pages does."""
    conf = 'llmgloss_link = "every"\nllmgloss_exclude_pages = ["excluded"]\n'
    src = write_project(tmp_path / "book", BOOK, conf)
    builds = {}
    for builder in ("html", "singlehtml", "latex"):
        app = make_app(builder, srcdir=src, builddir=tmp_path / builder, freshenv=True)
        app.build()
        builds[builder] = app
    expected = ["SRC/first.rst:4: WARNING: 'QZXW'", "SRC/second.rst:6: WARNING: 'QZXW'"]
    for app in builds.values():
        found = sorted(llmgloss_warnings(app))
        assert len(found) == 2, (app.builder.name, found)
        assert all(f.startswith(e) for f, e in zip(found, expected, strict=True)), found
    one = page(builds["singlehtml"], "index.html")
    linked = [text for _, text in auto_links(one)]
    assert linked == ["KV cache", "KV cache"]  # first and second; not skipped or excluded
    for name in ("skipped", "excluded"):
        start = one.index(f'id="document-{name}"')
        assert "llmgloss-auto" not in one[start : one.index("</section>", start)]


def test_only_blocks_are_checked_and_linked_where_the_builder_keeps_them(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    """The first mention in a block that HTML drops is not the one HTML links."""
    index = (
        "Home\n====\n\n.. only:: latex\n\n   The KV cache in print.\n\n"
        ".. only:: html\n\n   The QZXW and the KV cache on screen.\n\n"
        ".. toctree::\n\n   glossary\n"
    )
    src = write_project(tmp_path / "only", {"index.rst": index, "glossary.rst": GLOSSARY_RST})
    app = built(make_app, src)
    html = page(app, "index.html")
    assert "in print" not in html
    assert [text for _, text in auto_links(html)] == ["KV cache"]
    assert "KV cache</span></a> on screen" in html
    assert any("index.rst:10: WARNING: 'QZXW'" in w for w in llmgloss_warnings(app))


def test_adding_or_removing_the_glossary_page_rewrites_pages_that_mention_terms(
    build: Build,
) -> None:
    """Links come and go with the glossary page, though the other pages' sources stay."""
    app = build("llmgloss-mixed")
    assert auto_links(page(app, "page.html"))
    src = Path(app.srcdir)
    index = (src / "index.rst").read_text(encoding="utf-8")
    (src / "glossary.rst").unlink()
    _touch_later(src / "index.rst", index.replace("   glossary\n", ""))
    without = build("llmgloss-mixed", fresh=False)
    assert "llmgloss.no-glossary-page" in warnings_of(without)
    assert auto_links(page(without, "page.html")) == []
    (src / "glossary.rst").write_text(GLOSSARY_RST, encoding="utf-8")
    _touch_later(src / "index.rst", index)
    again = build("llmgloss-mixed", fresh=False)
    assert auto_links(page(again, "page.html"))


def test_the_projects_own_name_is_not_undefined_jargon(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    """Its words and, for a name of several words, their initials (QGI)."""
    index = "T\n=\n\nQGI and QQX serve models; QZXW does not, and neither does QQRS.\n"
    conf = 'project = "QQX Generation Inference"\n'
    assert _undefined_in(make_app, tmp_path / "own", index, conf) == ["QZXW", "QQRS"]


def test_a_term_inside_the_projects_own_name_is_not_linked(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    """The vLLM of "vLLM Ascend" names the project; "vLLM" alone is the glossary's."""
    index = "T\n=\n\nvLLM Ascend runs models on vLLM.\n\n.. toctree::\n\n   glossary\n"
    conf = 'project = "vLLM Ascend (docs)"\n'
    pages = {"index.rst": index, "glossary.rst": GLOSSARY_RST}
    app = built(make_app, write_project(tmp_path / "own-link", pages, conf))
    html = page(app, "index.html")
    assert [text for _, text in auto_links(html)] == ["vLLM"]
    assert "vLLM Ascend runs" in html


def test_labels_explained_in_lists_and_quoted_values_are_not_undefined_jargon(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    """The label's text and its explanation are separate text nodes in the doctree."""
    index = (
        "T\n=\n\n- **QQBL**: A single byte with value 1.\n"
        '- **QQRS**: Upgraded to 8.5.1 here.\n\nIngestion ("QALL" or "QHOT"), QQBL, QZXW.\n'
    )
    assert _undefined_in(make_app, tmp_path / "labels", index) == ["QQRS", "QZXW"]


def test_words_near_an_abbreviation_that_spell_it_define_it_in_a_table_cell(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    """A table cell is its own text node: the words in it count, a code span does not."""
    index = (
        "T\n=\n\n"
        "============== ===================================================\n"
        "``--qz-size``  Quorum zone size (the number of QZ ranks).\n"
        "``--qw-size``  The ``--quorum-wide-size`` of QWR ranks.\n"
        "============== ===================================================\n"
    )
    assert _undefined_in(make_app, tmp_path / "cells", index) == ["QWR"]
