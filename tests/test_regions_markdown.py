"""Prose regions of Markdown and MyST: what is prose, what is skipped, what is recorded."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from sphinx_llmgloss.core.regions import (
    Abbreviation,
    Kind,
    Regions,
)
from sphinx_llmgloss.core.regions._mdinline import MARKUP, _code_spans, _Inline
from sphinx_llmgloss.core.regions._scan import Triggers, UrlIndex
from sphinx_llmgloss.core.regions.markdown import extract_markdown

from .regions_checks import assert_well_formed

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def prose(text: str) -> list[str]:
    return [text[region.start : region.end] for region in extract_markdown(text).prose]


def headings(text: str) -> list[str]:
    regions = extract_markdown(text).prose
    return [text[region.start : region.end] for region in regions if region.kind is Kind.HEADING]


def comments(text: str) -> list[str]:
    return [text[span.start : span.end] for span in extract_markdown(text).comments]


# Paragraphs, headings, lists and quotes ------------------------------------------------


def test_a_paragraph_wrapping_across_lines_is_one_region() -> None:
    assert prose("The KV\ncache grows.\n\nNext paragraph.\n") == [
        "The KV\ncache grows.",
        "Next paragraph.",
    ]


def test_atx_headings_are_headings_without_hashes() -> None:
    text = "# KV cache\n\n## Paged attention ##\n\n### C# is a language\n\n#hashtag\n"
    assert headings(text) == ["KV cache", "Paged attention", "C# is a language"]
    assert prose(text)[-1] == "#hashtag"


def test_setext_headings_exclude_their_underline() -> None:
    text = "Prefix caching\n==============\n\nSpeculative decoding\n---\n\nBody.\n"
    assert headings(text) == ["Prefix caching", "Speculative decoding"]
    assert prose(text) == ["Prefix caching", "Speculative decoding", "Body."]


def test_thematic_breaks_are_not_prose() -> None:
    assert prose("One.\n\n***\n\n- - -\n\nTwo.\n") == ["One.", "Two."]


def test_list_markers_are_excluded_and_items_continue() -> None:
    text = "- first item\n  wraps here\n* second\n+ third\n\n1. one\n2) two\n10. ten\n"
    assert prose(text) == [
        "first item\n  wraps here",
        "second",
        "third",
        "one",
        "two",
        "ten",
    ]


def test_nested_lists_and_fences_inside_items() -> None:
    text = (
        "1. Install:\n\n"
        "   ```bash\n   pip install vllm\n   ```\n\n"
        "   - nested KV\n     cache item\n\n"
        "       indented continuation paragraph\n"
    )
    assert prose(text) == [
        "Install:",
        "nested KV\n     cache item",
        "indented continuation paragraph",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "- first item\n- second item\n  - nested item\n- third item\n",
            ["first item", "second item", "nested item", "third item"],
        ),
        ("- one\n\n- two\n   - three\n", ["one", "two", "three"]),
        ("* star\n+ plus\n-  wide\n-     five spaces\n", ["star", "plus", "wide"]),
        ("- KV cache\ncontinued lazily\n- TTFT\n", ["KV cache\ncontinued lazily", "TTFT"]),
        ("- item\n- ```\n  code\n  ```\n- after\n", ["item", "after"]),
        (
            "- `code` x\n- **bold** t\n- [link](u) x\n- [ref]: http://x\n- [^1]: note\n"
            "- [ ] task\n- ```\n  y\n  ```\n",
            ["x", "**bold** t", "link", "x", "note", "[ ] task"],
        ),
    ],
)
def test_items_of_a_bullet_list_follow_each_other(text: str, expected: list[str]) -> None:
    # Most of these lines take the short path for the next item of a top-level list.
    assert prose(text) == expected


def test_blockquote_markers_are_excluded() -> None:
    text = "> Quoted KV\n> cache text\n>\n> > nested quote\n"
    assert prose(text) == ["Quoted KV", "cache text", "nested quote"]


def test_lazy_continuation_lines_join_the_quoted_paragraph() -> None:
    assert prose("> Quoted line\nlazy line\n\nOutside.\n") == [
        "Quoted line\nlazy line",
        "Outside.",
    ]


# Code and math -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "block",
    [
        "```\nKV cache\n```\n",
        "```python title='x'\nKV cache\n```\n",
        "~~~~\nKV cache\n~~~\n~~~~\n",
        "````md\n```\nKV cache\n```\n````\n",
        "```{code-block} python\n:linenos:\nKV cache\n```\n",
        "```{math}\nKV = cache\n```\n",
        "```{literalinclude} ../x.py\n```\n",
        "```{toctree}\n:maxdepth: 2\nKV cache\n```\n",
        "```{mermaid}\ngraph TD; KV-->cache\n```\n",
        "```{raw} html\n<b>KV cache</b>\n```\n",
        ":::{include} ../README.md\n:::\n",
    ],
)
def test_code_fences_and_code_like_directives_are_skipped(block: str) -> None:
    assert prose(f"Before.\n\n{block}\nAfter.\n") == ["Before.", "After."]


def test_an_unclosed_fence_runs_to_the_end() -> None:
    assert prose("Before.\n\n```\nKV cache\n\nmore code\n") == ["Before."]


def test_a_fence_inside_a_list_ends_with_the_item() -> None:
    assert prose("- item\n  ```\n  code\n\nOutside paragraph.\n") == ["item", "Outside paragraph."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- item\n  ```\n  code KV\n text at one space\n", ["item", "text at one space"]),
        ("- item\n  ```\n  code KV\n    ```\n  after\n", ["item", "after"]),
        (
            "- item\n  ```{note}\n  Body text.\n  ~~~\n  code\n  ```\n  After note.\n",
            ["item", "Body text.", "After note."],
        ),
        ("1. step\n\n   ```bash\n\tpip install\n   \tx\n   ```\n   done\n", ["step", "done"]),
        ("- item\n  ```\n\n  code\n   \n\n  more\n  ```\nOutside.\n", ["item", "Outside."]),
        ("- a\n  - b\n    ```\n    x\n   y\n    ```\n  c\n", ["a", "b", "y"]),
        ("::::{note}\n- item\n  ```\n  x\n::::\nAfter.\n", ["item", "After."]),
        ("> - quoted\n>   ```\n>   code\n>   ```\n> after\n", ["quoted", "after"]),
        ("- item\n  ````\n  ```\n  x\n  ````\n  after\n", ["item", "after"]),
        ("- item\n  ```\n  x\r\n  ```\r\n  after\r\n", ["item", "after"]),
    ],
)
def test_fences_inside_containers_end_where_their_lines_say(text: str, expected: list[str]) -> None:
    # Bodies of fences in list items and directives are jumped over by one search;
    # these are the lines that must stop the jump.
    assert prose(text) == expected


def test_a_fence_in_a_document_with_old_mac_line_ends() -> None:
    assert prose("Para\r\r```\rcode KV\r```\r\rAfter TTFT\r") == ["Para", "After TTFT"]


def test_indented_code_is_skipped_but_not_inside_a_paragraph() -> None:
    text = "Paragraph\n    continues here.\n\n    indented code\n\n\tcode after tab\n\nText.\n"
    assert prose(text) == ["Paragraph\n    continues here.", "Text."]


def test_inline_code_spans_of_any_length_are_excluded() -> None:
    text = "Use `kv_cache` or ``a ` b`` or ```x``` then `unclosed ``` tail.\n"
    assert prose(text) == ["Use", "or", "or", "then `unclosed ``` tail."]


def test_units_with_only_backticks_take_the_short_path_to_the_same_spans() -> None:
    # Units whose only markup is backticks skip the general inline scanner; on random
    # runs of backticks, letters and spaces both must cut out the same code spans.
    rng = random.Random(3)
    for _ in range(2000):
        text = "".join(rng.choice(["`", "``", "```", "a", " ", "KV"]) for _ in range(12))
        first = Triggers.first(text, 0, len(text), MARKUP, UrlIndex(text))
        if first is None:
            continue
        general = _Inline(text, 0, len(text), Regions()).run(*first)
        assert _code_spans(text, 0, len(text)) == general, text


def test_math_is_excluded() -> None:
    text = (
        "Inline $O(n^2)$ and $$a+b$$ and \\(x\\) and \\[y\\] math.\n\n"
        "$$\nKV = cache\n$$\n\n$$ one line $$\n\nIt costs $5 and $10 per hour.\n"
    )
    assert prose(text) == [
        "Inline",
        "and",
        "and",
        "and",
        "math.",
        "It costs $5 and $10 per hour.",
    ]


# Links, URLs and HTML -------------------------------------------------------------------


def test_link_text_is_prose_but_targets_and_titles_are_not() -> None:
    text = (
        'See [the KV cache](https://x.org/a_(b) "A title") and '
        "![paged attention](img/p.png) and [ref text][label] and [collapsed][] here.\n"
    )
    assert prose(text) == [
        "See",
        "the KV cache",
        "and",
        "paged attention",
        "and",
        "ref text",
        "and",
        "collapsed",
        "here.",
    ]
    links = [text[s.start : s.end] for s in extract_markdown(text).links]
    assert links == ["the KV cache", "ref text", "collapsed"]  # not the image's text


def test_link_reference_definitions_are_not_prose() -> None:
    text = 'Text [KV][kv].\n\n[kv]: https://example.org/kv "KV cache"\n[other]: <./x y.md>\n'
    assert prose(text) == ["Text", "KV"]  # "." alone holds no term and is dropped


def test_bare_urls_and_autolinks_are_excluded() -> None:
    text = (
        "Visit https://vllm.ai/docs?a=1, www.example.com/x or ftp://host/f. "
        "Or <https://x.org/y> and <me@example.org>.\n"
    )
    assert prose(text) == ["Visit", "or", ". Or", "and"]


def test_url_trailing_punctuation_is_left_out() -> None:
    text = "(see https://x.org/a_(b)) then."
    found = extract_markdown(text)
    url_end = text.index(")) then")
    assert all(not (region.start < url_end <= region.end) for region in found.prose)
    assert prose(text) == ["(see", ") then."]  # the URL keeps its balanced ")"


def test_html_tags_are_excluded_but_text_between_is_prose() -> None:
    text = (
        'Text with <span class="x">KV cache</span> inline.\n\n'
        '<div align="center">\nPaged attention\n</div>\n'
    )
    assert prose(text) == ["Text with", "KV cache", "inline.", "Paged attention"]


def test_code_like_html_elements_are_excluded_with_their_content() -> None:
    text = (
        "Run <code>kv --cache</code> or <kbd>Ctrl</kbd> now.\n\n<pre>\nKV cache\n</pre>\n\nEnd.\n"
    )
    assert prose(text) == ["Run", "or", "now.", "End."]


def test_html_comments_are_recorded_not_prose() -> None:
    text = (
        "<!-- llmgloss: ignore KV cache -->\n\n"
        "Text <!-- inline note --> more.\n\n"
        "<!--\nmulti\nline\n-->\nAfter.\n"
    )
    assert prose(text) == ["Text", "more.", "After."]
    assert comments(text) == ["llmgloss: ignore KV cache", "inline note", "multi\nline"]


def test_an_unclosed_html_comment_block_runs_to_the_end() -> None:
    text = "Before.\n\n<!-- open\n\nKV cache\n"
    assert prose(text) == ["Before."]
    assert comments(text) == ["open\n\nKV cache"]


def test_an_unclosed_inline_comment_is_text() -> None:
    assert prose("Text <!-- never closed\n") == ["Text <!-- never closed"]
    assert comments("Text <!-- never closed\n") == []


# Front matter and MyST syntax ------------------------------------------------------------


@pytest.mark.parametrize(
    "front",
    [
        "---\ntitle: KV cache\ntags: [a]\n---\n",
        "+++\ntitle = 'KV cache'\n+++\n",
        "---\na: 1\n...\n",
    ],
)
def test_front_matter_is_skipped(front: str) -> None:
    assert prose(f"{front}\nBody text.\n") == ["Body text."]


def test_a_thematic_break_that_never_closes_is_not_front_matter() -> None:
    assert prose("---\nBody text.\n") == ["Body text."]


def test_myst_roles_are_excluded_and_term_roles_recorded() -> None:
    text = "The {term}`KV cache` and {term}`caches <KV cache>` and {ref}`target` and {doc}`x`.\n"
    found = extract_markdown(text)
    assert prose(text) == ["The", "and", "and", "and"]
    assert [(ref.target, text[ref.start : ref.end]) for ref in found.term_refs] == [
        ("KV cache", "KV cache"),
        ("KV cache", "KV cache"),
    ]
    assert found.term_refs[1].start == text.index("KV cache>")


def test_myst_abbr_roles_and_markdown_abbreviations_are_recorded() -> None:
    text = (
        "The {abbr}`TTFT (time to first token)` metric.\n\n"
        "*[TPOT]: time per output token\n\nAfter.\n"
    )
    found = extract_markdown(text)
    assert prose(text) == ["The", "metric.", "After."]
    assert found.abbreviations == [
        Abbreviation("TTFT", "time to first token", text.index("{abbr}")),
        Abbreviation("TPOT", "time per output token", text.index("*[TPOT]")),
    ]


def test_jinja_substitutions_are_excluded() -> None:
    text = "Version {{ vllm_version }} and {% if x %}KV cache{% endif %} here.\n"
    assert prose(text) == ["Version", "and", "KV cache", "here."]


def test_myst_targets_comments_and_block_breaks_are_not_prose() -> None:
    text = (
        '(kv-cache-label)=\n# KV cache\n\n% llmgloss: ignore paged\nText.\n+++ {"meta": 1}\nMore.\n'
    )
    assert prose(text) == ["KV cache", "Text.", "More."]
    assert comments(text) == ["llmgloss: ignore paged"]


def test_prose_directive_bodies_are_prose_and_options_are_not() -> None:
    text = (
        "```{note}\n:class: tip\n:name: kv\nThe KV cache body.\n```\n\n"
        "```{admonition} Paged attention\n---\nclass: warning\n---\nAdmonition body.\n```\n\n"
        ":::{tip}\nColon fence body.\n:::\n"
    )
    assert prose(text) == [
        "The KV cache body.",
        "Paged attention",
        "Admonition body.",
        "Colon fence body.",
    ]


def test_docusaurus_admonitions_are_prose_containers() -> None:
    text = ":::warning Breaking change\nUpgrade the **KV cache** first.\n:::\n\nAfter.\n"
    assert prose(text) == ["Breaking change", "Upgrade the **KV cache** first.", "After."]


def test_nested_directives_with_longer_fences() -> None:
    text = (
        "````{warning}\nOuter body.\n\n```{note}\nInner body.\n```\n\n```python\ncode\n```\n"
        "Outer again.\n````\n\n::::{tab-set}\n:::{tab-item} Tab title\nTab body.\n:::\n::::\n"
    )
    assert prose(text) == ["Outer body.", "Inner body.", "Outer again.", "Tab title", "Tab body."]


def test_versionadded_keeps_the_text_after_the_version() -> None:
    assert prose("```{versionadded} 0.4\nSupports prefix caching.\n```\n") == [
        "Supports prefix caching."
    ]


def test_eval_rst_bodies_are_read_as_rst() -> None:
    text = (
        "```{eval-rst}\n.. note:: The :term:`KV cache`.\n\n.. code-block::\n\n   x\n```\nAfter.\n"
    )
    found = extract_markdown(text)
    assert prose(text) == ["The", "After."]
    assert [ref.target for ref in found.term_refs] == ["KV cache"]
    assert text[found.term_refs[0].start : found.term_refs[0].end] == "KV cache"


def test_glossary_directive_terms_are_defined_and_definitions_are_prose() -> None:
    text = (
        "```{glossary}\n:sorted:\n\nKV cache\nKey-value cache : memory\n"
        "  The cache of attention keys\n  and values.\n\nTTFT\n  Time to first token.\n```\n"
    )
    found = extract_markdown(text)
    assert [term.term for term in found.defined_terms] == ["KV cache", "Key-value cache", "TTFT"]
    assert prose(text) == ["The cache of attention keys\n  and values.", "Time to first token."]


def test_glossary_definition_lists() -> None:
    text = (
        "{.glossary}\nKV cache\n: Cached attention keys.\n\nTTFT\n\n: Time to first token.\n\n"
        "Plain paragraph after.\n\nTerm\n: definition\n"
    )
    found = extract_markdown(text)
    assert [term.term for term in found.defined_terms] == ["KV cache", "TTFT"]
    assert prose(text) == [
        "Cached attention keys.",
        "Time to first token.",
        "Plain paragraph after.",
        "Term",
        "definition",
    ]


def test_footnotes_references_are_excluded_and_definitions_are_prose() -> None:
    text = "Paged attention[^paged] helps.\n\n[^paged]: From the vLLM\n    paper.\n"
    assert prose(text) == ["Paged attention", "helps.", "From the vLLM\n    paper."]


def test_table_cells_are_prose_and_pipes_are_not() -> None:
    text = (
        "| Term | Meaning |\n|:-----|--------:|\n| KV cache | keys `k` and values |\n"
        "| a \\| b | [link](http://x) |\n\nAfter.\n"
    )
    assert prose(text) == [
        "Term",
        "Meaning",
        "KV cache",
        "keys",
        "and values",
        "a \\| b",
        "link",
        "After.",
    ]


def test_a_paragraph_before_a_table_stays_a_paragraph() -> None:
    assert prose("Intro text\nA | B\n--|--\n1 | 2\n") == ["Intro text", "A", "B", "1", "2"]


# Offsets ---------------------------------------------------------------------------------


def test_crlf_offsets_are_into_the_original_text() -> None:
    text = "# Title\r\n\r\nThe KV\r\ncache `x`.\r\n\r\n```\r\ncode\r\n```\r\n\r\n- item\r\n"
    assert prose(text) == ["Title", "The KV\r\ncache", "item"]
    assert_well_formed(text, extract_markdown(text))


def test_non_ascii_and_astral_characters_keep_code_point_offsets() -> None:
    kv_cache = "KV\u2011cache \U0001d538\U0001d539"  # a non-breaking hyphen, astral letters
    text = f"# Ünïcode 🚀 title\n\n{kv_cache} `código` ещё 🙂 текст.\n"
    found = extract_markdown(text)
    assert prose(text) == ["Ünïcode 🚀 title", kv_cache, "ещё 🙂 текст."]
    assert found.prose[2].start == text.index("ещё")


def test_tabs_indent_code_and_list_content() -> None:
    assert prose("Text.\n\n\tcode block\n") == ["Text."]
    # The tab takes the item's content to column 4, so the tabbed line continues the item.
    assert prose("-\titem with tab\n\n\tmore item text\n") == ["item with tab", "more item text"]


def test_a_byte_order_mark_does_not_hide_the_first_heading() -> None:
    assert headings("\ufeff# KV cache\n\nText.\n") == ["KV cache"]
    assert prose("\ufeff---\ntitle: x\n---\nText.\n") == ["Text."]


@pytest.mark.parametrize(
    "text", ["", " ", "\n\n\n", "\t \r\n", "\x00\x01\x02", "\ufeff", "#", ">", "-", "`"]
)
def test_degenerate_inputs_do_not_raise(text: str) -> None:
    assert_well_formed(text, extract_markdown(text))


# Pathological inputs: each would take seconds or minutes if something went quadratic ---


@pytest.mark.parametrize(
    "text",
    [
        "word " * 40_000,
        "`" * 200_000,
        "` " * 100_000,
        "``a " * 50_000,
        "<!--" * 50_000,
        "<!-- x" + " a" * 100_000,
        "<!--\n" + "text\n" * 50_000,
        "<pre>\n" + "text\n" * 50_000,
        "$$\n" + "x\n" * 50_000,
        "<a b='x " * 25_000,
        '<a b="' * 30_000,
        "[x](" * 50_000,
        "](x" * 60_000,
        "[" * 100_000 + "]" * 100_000,
        "[^" * 100_000,
        "$a " * 60_000,
        "{{" * 100_000,
        "{term}" * 30_000,
        "\\(" * 100_000,
        "http://" + "a" * 200_000,
        "<" * 200_000,
        "> " * 10_000 + "text",
        "- " * 10_000 + "text",
        "".join("  " * (depth % 200) + "- item\n" for depth in range(10_000)),
        "".join("> " * (depth % 200) + "text\n" for depth in range(10_000)),
        "> " * 40 + "text\n" + "\n" * 100_000,
        "- " * 40 + "text\n" + "\n" * 100_000,
        "```\n" + "code\n" * 50_000,
        "```{note}\n" * 10_000 + "text\n" * 10_000,
        "::::{note}\n" * 10_000,
        "| a " * 50_000 + "|\n|" + "---|" * 50_000,
        "*" * 200_000,
        "a\n" * 100_000,
    ],
    ids=lambda text: repr(text[:12]),
)
def test_pathological_inputs_finish(text: str) -> None:
    assert_well_formed(text, extract_markdown(text))


def test_random_markup_soup_never_breaks_the_invariants() -> None:
    pieces = [
        "`",
        "``",
        "```",
        "[",
        "](",
        ")",
        "<",
        ">",
        "<!--",
        "-->",
        "$",
        "$$",
        "{term}",
        "{",
        "}",
        "\n",
        "\n\n",
        "  ",
        "\t",
        "- ",
        "> ",
        "# ",
        "|",
        "---",
        ":::",
        "{note}",
        "\\",
        "*[",
        "]:",
        "http://x",
        "KV cache",
        "é",
        "🚀",
        "\r\n",
        "    ",
        "1. ",
        ":",
    ]
    rng = random.Random(1234)
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 80)))
        assert_well_formed(text, extract_markdown(text))


def test_real_world_like_documents_are_well_formed() -> None:
    documents = [
        "# vLLM\n\n[![badge](https://img.shields.io/x.svg)](https://x)\n\n"
        "vLLM uses *PagedAttention* and **continuous batching**.\n\n"
        "| Model | TTFT (ms) |\n|---|---|\n| Llama | 12 |\n",
        "---\ntitle: x\n---\n:::{note}\nRun `vllm serve`.\n:::\n\n"
        "```{code-block} bash\nvllm serve\n```\n",
        '<p align="center">\n<img src="x.png" width="50%">\n</p>\n\n## Quickstart\n\n1. Install\n'
        "   ```bash\n   pip install x\n   ```\n2. Run it <!-- llmgloss: ignore -->\n",
    ]
    for text in documents:
        assert_well_formed(text, extract_markdown(text))


def test_every_corpus_markdown_file_is_well_formed() -> None:
    if not CORPUS.is_dir():
        pytest.skip("the documentation corpus (../shared/corpus) is not present")
    files = sorted(CORPUS.rglob("*.md"))
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert_well_formed(text, extract_markdown(text))
    assert files
