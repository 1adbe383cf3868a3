"""Options: generated config values, pyproject.toml under conf.py, located bad values."""

from __future__ import annotations

import json
import re

from sphinx_llmgloss.core.config import options
from sphinx_llmgloss.core.rules import Level
from sphinx_llmgloss.sphinxext.state import runtime

from .conftest import Build, page, warnings_of
from .test_rst import auto_links


def test_every_core_option_is_a_sphinx_config_value(build: Build) -> None:
    app = build("llmgloss-rst")
    for spec in options():
        assert f"llmgloss_{spec.name}" in app.config, spec.name
    assert app.config._options["llmgloss_glossaries"].rebuild == "env"
    assert app.config._options["llmgloss_link"].rebuild == "html"


def test_conf_py_wins_over_pyproject_and_bad_values_warn(build: Build) -> None:
    app = build("llmgloss-mixed")
    warnings = warnings_of(app)
    assert re.search(
        r"conf\.py:4:\d+: WARNING: 'builtin' must be true or false.*using the default "
        r"\[llmgloss\.config\]",
        warnings,
    )
    index = page(app, "index.html")
    texts = [text for _, text in auto_links(index)]
    assert texts.count("NPU") == 2  # link = "every" from conf.py, not "section"
    assert "vLLM" not in texts  # exclude_terms
    assert "QZXW" not in warnings  # allow, from pyproject.toml
    assert "KV cache" in [text for _, text in auto_links(page(app, "page.html"))]


def test_project_definitions_are_escaped_and_tooltip_links_resolve(build: Build) -> None:
    app = build("llmgloss-mixed", builder="dirhtml")
    html = page(app, "page/index.html")
    assert "&lt;b&gt;not bold&lt;/b&gt; &amp; friends" in html
    assert "<b>not bold</b>" not in html
    tip = html[html.index('id="llmgloss-tip-ascend-npu"') :]
    assert 'href="../glossary/#term-kv-cache"' in tip[: tip.index("</div>")]


def test_link_modes_section_and_none(build: Build) -> None:
    app = build("llmgloss-myst", confoverrides={"llmgloss_link": "section"})
    texts = [text for _, text in auto_links(page(app, "index.html"))]
    assert texts.count("KV cache") == 2  # once in each section
    assert texts.count("PagedAttention") == 1  # the heading itself is never linked
    app = build("llmgloss-myst", copy_to="none", confoverrides={"llmgloss_link": "none"})
    html = page(app, "index.html")
    assert auto_links(html) == []
    assert "llmgloss-tip-kv-cache" in html  # the explicit {term} still gets a tooltip


def test_excluded_pages_get_no_links_and_no_jargon_warnings(build: Build) -> None:
    app = build("llmgloss-rst", confoverrides={"llmgloss_exclude_pages": ["ind*"]})
    assert auto_links(page(app, "index.html")) == []
    assert "QZXW" not in warnings_of(app)


def test_missing_and_broken_glossary_files_are_located_warnings(build: Build) -> None:
    app = build("llmgloss-rst", confoverrides={"llmgloss_glossaries": ["missing.yaml"]})
    assert re.search(
        r"glossary file not found: .*missing\.yaml \[llmgloss\.config\]", warnings_of(app)
    )
    app = build("llmgloss-mixed", copy_to="broken")
    (app.srcdir / "terms.yaml").write_text("terms:\n  - name: X\n    definition: [\n")
    app = build("llmgloss-mixed", copy_to="broken")
    assert re.search(r"terms\.yaml:\d+(:\d+)?: WARNING: .*\[llmgloss\.glossary\]", warnings_of(app))


def test_tooltip_text_stays_out_of_the_search_index(build: Build) -> None:
    app = build("llmgloss-mixed")
    assert "friends" in page(app, "page.html")  # in the page's tooltip data
    raw = page(app, "searchindex.js")
    index = json.loads(raw[raw.index("(") + 1 : raw.rindex(")")])
    docs = index["docnames"]
    found = index["terms"]["friend"]
    found = [found] if isinstance(found, int) else found
    assert [docs[i] for i in found] == ["glossary"]  # the rendered glossary only


def test_suppressed_llmgloss_warnings_are_not_looked_for(build: Build) -> None:
    app = build("llmgloss-mixed", confoverrides={"suppress_warnings": ["llmgloss.undefined"]})
    levels = runtime(app.env).read_linter().levels
    assert levels["LG001"] is Level.OFF and levels["LG003"] is not Level.OFF
    assert "LG001" not in warnings_of(app)
    assert auto_links(page(app, "index.html"))  # links are unaffected
    everything = {"suppress_warnings": ["llmgloss"]}
    quiet = build("llmgloss-mixed", copy_to="quiet", confoverrides=everything)
    levels = runtime(quiet.env).read_linter().levels
    assert levels["LG001"] is Level.OFF and levels["LG003"] is Level.OFF
