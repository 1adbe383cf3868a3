"""Prose regions of reStructuredText: what is prose, what is skipped, what is recorded."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from sphinx_llmgloss.core.regions import (
    Abbreviation,
    Kind,
)
from sphinx_llmgloss.core.regions.rst import extract_rst

from .regions_checks import assert_well_formed

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def prose(text: str) -> list[str]:
    return [text[region.start : region.end] for region in extract_rst(text).prose]


def headings(text: str) -> list[str]:
    regions = extract_rst(text).prose
    return [text[region.start : region.end] for region in regions if region.kind is Kind.HEADING]


def comments(text: str) -> list[str]:
    return [text[span.start : span.end] for span in extract_rst(text).comments]


# Paragraphs, titles, lists ------------------------------------------------------------


def test_a_paragraph_wrapping_across_lines_is_one_region() -> None:
    assert prose("The KV\ncache grows.\n\n   Indented block quote.\n") == [
        "The KV\ncache grows.",
        "Indented block quote.",
    ]


def test_section_titles_are_headings_without_adornment() -> None:
    text = (
        "==========\nKV cache\n==========\n\nPaged attention\n---------------\n\n"
        "Short\n^^^^^^^^^^^^^^\n\nBody.\n\nAB\n--\n"
    )
    assert headings(text) == ["KV cache", "Paged attention", "Short", "AB"]
    assert prose(text) == ["KV cache", "Paged attention", "Short", "Body.", "AB"]


def test_a_too_short_underline_is_not_a_title() -> None:
    assert headings("A long title line\n--\n") == []


def test_transitions_are_not_prose() -> None:
    assert prose("One.\n\n----------\n\nTwo.\n") == ["One.", "Two."]


def test_list_markers_are_excluded_and_items_continue() -> None:
    text = (
        "- first item\n  wraps here\n* second\n\n1. one\n2. two\n#. auto\n(a) paren\n"
        "\u2022 bullet\n"
    )
    assert prose(text) == [
        "first item\n  wraps here",
        "second",
        "one",
        "two",
        "auto",
        "paren",
        "bullet",
    ]


def test_nested_list_table_markers_are_all_excluded() -> None:
    text = (
        ".. list-table:: KV cache sizes\n   :header-rows: 1\n\n"
        "   * - Model\n     - Size\n   * - Llama\n     - 8 GB\n"
    )
    assert prose(text) == ["KV cache sizes", "Model", "Size", "Llama", "8 GB"]


def test_definition_lists_terms_and_definitions_are_prose() -> None:
    text = (
        "KV cache\n    Keys and values kept\n    between steps.\n\n"
        "TTFT : metric\n    Time to first token.\n"
    )
    assert prose(text) == [
        "KV cache",
        "Keys and values kept\n    between steps.",
        "TTFT : metric",
        "Time to first token.",
    ]


def test_field_list_bodies_are_prose_and_names_are_not() -> None:
    text = ":param cache: The KV\n    cache to use.\n:returns: Nothing.\n:Author: Me\n"
    assert prose(text) == ["The KV\n    cache to use.", "Nothing.", "Me"]


def test_option_lists_keep_descriptions() -> None:
    assert prose("--max-model-len N  Maximum context length.\n-q  Quiet.\n") == [
        "Maximum context length.",
        "Quiet.",
    ]


def test_line_blocks_are_prose() -> None:
    assert prose("| First line of verse\n| Second line\n") == ["First line of verse", "Second line"]


# Literal blocks, code and directives ---------------------------------------------------


def test_literal_blocks_after_double_colon_are_skipped() -> None:
    text = (
        "Paragraph::\n\n    KV cache code\n\n    more code\n\n"
        "Expanded ::\n\n    code\n\n::\n\n    code\n\nAfter.\n"
    )
    assert prose(text) == ["Paragraph:", "Expanded", "After."]


def test_quoted_literal_blocks_are_skipped() -> None:
    assert prose("Run this::\n\n$ vllm serve\n$ curl x\n\nAfter.\n") == ["Run this:", "After."]


def test_a_literal_block_in_a_list_item() -> None:
    assert prose("- Example::\n\n      code here\n\n- Next item.\n") == ["Example:", "Next item."]


@pytest.mark.parametrize(
    "block",
    [
        ".. code-block:: python\n   :linenos:\n\n   KV cache\n",
        ".. code:: bash\n\n   KV cache\n",
        ".. sourcecode:: c\n\n   KV cache\n",
        ".. literalinclude:: ../x.py\n   :lines: 1-3\n",
        ".. math::\n\n   KV = cache\n",
        ".. raw:: html\n\n   <b>KV cache</b>\n",
        ".. include:: ../README.rst\n",
        ".. toctree::\n   :maxdepth: 2\n\n   kv_cache\n",
        ".. highlight:: python\n",
        ".. doctest::\n\n   >>> KV cache\n",
        ".. testcode::\n\n   KV cache\n",
        ".. autoclass:: vllm.KVCache\n   :members:\n",
        ".. automodule:: vllm\n",
        ".. image:: kv.png\n   :alt: KV cache diagram\n",
        ".. _kv-cache-target:\n",
        ".. _vllm: https://vllm.ai\n",
        "__ https://vllm.ai\n",
        ".. |kv| replace:: KV cache\n",
        ".. |logo| image:: logo.png\n   :width: 10\n",
        ">>> print('KV cache')\nKV cache\n",
    ],
)
def test_non_prose_blocks_are_skipped(block: str) -> None:
    assert prose(f"Before.\n\n{block}\nAfter.\n") == ["Before.", "After."]


def test_directive_options_are_skipped_and_bodies_are_prose() -> None:
    text = (
        ".. note::\n   :class: tip\n\n   The KV cache note.\n\n"
        ".. warning:: Inline warning text\n   continues here.\n\n"
        ".. admonition:: Paged attention\n   :class: x\n\n   Admonition body.\n\n"
        ".. container:: css-class\n\n   Container body.\n"
    )
    assert prose(text) == [
        "The KV cache note.",
        "Inline warning text\n   continues here.",
        "Paged attention",
        "Admonition body.",
        "Container body.",
    ]


def test_figure_caption_is_prose_but_path_and_options_are_not() -> None:
    text = (
        ".. figure:: img/kv.png\n   :width: 80%\n   :alt: alt text\n\n"
        "   The KV cache layout.\n\n   Legend text.\n"
    )
    assert prose(text) == ["The KV cache layout.", "Legend text."]


def test_versionadded_keeps_the_text_after_the_version() -> None:
    assert prose(".. versionadded:: 0.4\n   Supports prefix caching.\n") == [
        "Supports prefix caching."
    ]
    assert prose(".. versionchanged:: 0.5 Now faster.\n") == ["Now faster."]


def test_csv_table_options_are_skipped() -> None:
    text = '.. csv-table:: Latency\n   :header: "A", "B"\n   :widths: 10, 10\n\n   "TTFT", 12\n'
    assert prose(text) == ["Latency", '"TTFT", 12']


def test_comments_are_recorded_not_prose() -> None:
    text = (
        ".. llmgloss: ignore KV cache\n\nText.\n\n"
        "..\n   Multi-line comment\n   body here.\n\n"
        ".. a comment\n   continued\n\nAfter.\n"
    )
    assert prose(text) == ["Text.", "After."]
    assert comments(text) == [
        "llmgloss: ignore KV cache",
        "Multi-line comment\n   body here.",
        "a comment\n   continued",
    ]


def test_an_empty_comment_does_not_swallow_the_next_block() -> None:
    assert prose("..\n\n   Block quote after an empty comment.\n") == [
        "Block quote after an empty comment."
    ]


def test_footnotes_and_citations_keep_their_bodies() -> None:
    text = ".. [#] A footnote about the KV\n   cache.\n.. [CIT2024] A citation.\n"
    assert prose(text) == ["A footnote about the KV\n   cache.", "A citation."]


# Inline markup ---------------------------------------------------------------------------


def test_inline_literals_and_interpreted_text_are_excluded() -> None:
    text = "Use ``kv_cache`` or `default role` or ``a `b` c`` now.\n"
    assert prose(text) == ["Use", "or", "or", "now."]


def test_roles_are_excluded_and_term_roles_recorded() -> None:
    text = "The :term:`KV cache` and :term:`caches <KV cache>` and :ref:`x` and :py:class:`A`.\n"
    found = extract_rst(text)
    assert prose(text) == ["The", "and", "and", "and"]
    assert [(ref.target, ref.start) for ref in found.term_refs] == [
        ("KV cache", text.index("KV cache`")),
        ("KV cache", text.index("KV cache>")),
    ]


def test_role_suffix_form_is_excluded() -> None:
    text = "See `KV cache`:term: here.\n"
    found = extract_rst(text)
    assert prose(text) == ["See", "here."]
    assert [ref.target for ref in found.term_refs] == ["KV cache"]


def test_abbr_roles_are_recorded_not_prose() -> None:
    text = "Measure :abbr:`TTFT (time to first token)` and :abbr:`LLM`.\n"
    found = extract_rst(text)
    assert prose(text) == ["Measure", "and"]
    assert found.abbreviations == [
        Abbreviation("TTFT", "time to first token", text.index(":abbr:")),
        Abbreviation("LLM", "", text.rindex(":abbr:")),
    ]


def test_hyperlink_references_keep_text_but_not_urls() -> None:
    text = (
        "See `the vLLM docs <https://docs.vllm.ai>`_ and `anon <https://x>`__ and "
        "`Named`_ and vllm_ and `<https://y>`_.\n"
    )
    assert prose(text) == ["See", "the vLLM docs", "and", "anon", "and", "Named", "and vllm_ and"]
    links = [text[s.start : s.end] for s in extract_rst(text).links]
    assert links == ["the vLLM docs", "anon", "Named"]


def test_inline_targets_keep_their_text() -> None:
    assert prose("A _`KV cache` target.\n") == ["A", "KV cache", "target."]


def test_standalone_urls_substitutions_and_footnote_references_are_excluded() -> None:
    text = (
        "Visit https://vllm.ai/docs. Use |version| and |logo|_ here [#]_ and [1]_ and [CIT2024]_.\n"
    )
    assert prose(text) == ["Visit", ". Use", "and", "here", "and", "and"]


def test_colons_in_prose_are_not_roles() -> None:
    assert prose("Note: ratio 1:2 and a::b and time 10:30:00.\n") == [
        "Note: ratio 1:2 and a::b and time 10:30:00."
    ]


def test_backticks_inside_words_are_not_markup() -> None:
    assert prose("Don`t split this word.\n") == ["Don`t split this word."]


# Tables ------------------------------------------------------------------------------------


def test_grid_table_cells_are_prose_and_borders_are_not() -> None:
    text = (
        "+----------+----------------+\n"
        "| Term     | Meaning        |\n"
        "+==========+================+\n"
        "| KV cache | keys and       |\n"
        "|          | values         |\n"
        "+----------+----------------+\n"
        "| spans both columns        |\n"
        "+---------------------------+\n\nAfter.\n"
    )
    assert prose(text) == [
        "Term",
        "Meaning",
        "KV cache",
        "keys and",
        "values",
        "spans both columns",
        "After.",
    ]


def test_simple_table_cells_are_prose_and_borders_are_not() -> None:
    text = (
        "=====  ==========\nTerm   Meaning\n=====  ==========\nTTFT   time to first\n"
        "\nTPOT   per token\n-----  ----------\nKV     cache\n=====  ==========\n\nAfter.\n"
    )
    assert prose(text) == [
        "Term",
        "Meaning",
        "TTFT",
        "time to first",
        "TPOT",
        "per token",
        "KV",
        "cache",
        "After.",
    ]


# Glossaries ------------------------------------------------------------------------------


def test_glossary_terms_are_defined_and_definitions_are_prose() -> None:
    text = (
        ".. glossary::\n   :sorted:\n\n   KV cache\n   Key-value cache : memory\n"
        "      The cache of attention keys\n      and values.\n\n"
        "   TTFT\n      Time to first token.\n\n"
        "After the glossary.\n"
    )
    found = extract_rst(text)
    assert [term.term for term in found.defined_terms] == ["KV cache", "Key-value cache", "TTFT"]
    assert found.defined_terms[0].start == text.index("KV cache")
    assert prose(text) == [
        "The cache of attention keys\n      and values.",
        "Time to first token.",
        "After the glossary.",
    ]


def test_a_glossary_nested_in_a_note() -> None:
    text = (
        ".. note::\n\n   .. glossary::\n\n      LoRA\n         Low-rank adaptation.\n\n"
        "   Note body.\n"
    )
    found = extract_rst(text)
    assert [term.term for term in found.defined_terms] == ["LoRA"]
    assert prose(text) == ["Low-rank adaptation.", "Note body."]


# Offsets -----------------------------------------------------------------------------------


def test_crlf_offsets_are_into_the_original_text() -> None:
    text = (
        "Title\r\n=====\r\n\r\nThe KV\r\ncache ``x``.\r\n\r\n"
        ".. code-block::\r\n\r\n   code\r\n\r\n- item\r\n"
    )
    assert prose(text) == ["Title", "The KV\r\ncache", "item"]
    assert_well_formed(text, extract_rst(text))


def test_non_ascii_and_astral_characters_keep_code_point_offsets() -> None:
    kv_cache = "KV\u2011cache \U0001d538\U0001d539"  # a non-breaking hyphen, astral letters
    text = f"Ünïcode 🚀\n==========\n\n{kv_cache} ``código`` ещё 🙂 :term:`текст`.\n"
    found = extract_rst(text)
    assert prose(text) == ["Ünïcode 🚀", kv_cache, "ещё 🙂"]
    assert found.term_refs[0].start == text.index("текст")


def test_tabs_count_to_eight_columns() -> None:
    assert prose("Paragraph::\n\n\tliteral with a tab\n\nAfter.\n") == ["Paragraph:", "After."]


def test_a_byte_order_mark_does_not_hide_the_first_title() -> None:
    assert headings("\ufeffKV cache\n========\n") == ["KV cache"]


def test_directive_content_may_follow_without_a_blank_line() -> None:
    text = (
        ".. tab-set::\n   .. tab-item:: GPU\n\n      Uses the KV cache.\n\n"
        ".. only:: html\n\n   Shown.\n"
    )
    assert prose(text) == ["GPU", "Uses the KV cache.", "Shown."]


@pytest.mark.parametrize(
    "text", ["", " ", "\n\n\n", "\t \r\n", "\x00\x01\x02", "..", "::", "=", "|", "`"]
)
def test_degenerate_inputs_do_not_raise(text: str) -> None:
    assert_well_formed(text, extract_rst(text))


# Pathological inputs: each would take seconds or minutes if something went quadratic ---


@pytest.mark.parametrize(
    "text",
    [
        "word " * 40_000,
        "`" * 200_000,
        "` " * 100_000,
        "``a " * 50_000,
        "`a " * 60_000,
        ":a" * 100_000,
        ":" * 200_000,
        ":term:`" * 30_000,
        "|a " * 60_000,
        "_`" * 100_000,
        "[#" * 100_000,
        "http://" + "a" * 200_000,
        ".. note::\n" * 20_000,
        "..\n" * 60_000,
        ".. x\n" + "   y\n" * 50_000,
        "- " * 10_000 + "text",
        "* - " * 10_000 + "text",
        "".join(" " * (depth % 200) + "- item\n" for depth in range(10_000)),
        "a::\n\n" + "    b\n" * 50_000,
        "+--+\n" + "| a |\n" * 50_000,
        "===  ===\n" + "a    b\n" * 50_000,
        "Title\n=====\n" * 20_000,
        "a\n" * 100_000,
        ".. glossary::\n\n" + "   term\n      def\n" * 10_000,
    ],
    ids=lambda text: repr(text[:12]),
)
def test_pathological_inputs_finish(text: str) -> None:
    assert_well_formed(text, extract_rst(text))


def test_random_markup_soup_never_breaks_the_invariants() -> None:
    pieces = [
        "`",
        "``",
        "_",
        "__",
        ":",
        "::",
        ":term:",
        "|",
        "[#]",
        "]_",
        "<",
        ">",
        ".. ",
        "..",
        "\n",
        "\n\n",
        "   ",
        "\t",
        "- ",
        "* ",
        "1. ",
        "====",
        "----",
        "+--+",
        "| ",
        ">>> ",
        "note::",
        "glossary::",
        "code-block::",
        ":sorted:",
        "http://x",
        "KV cache",
        "é",
        "🚀",
        "\r\n",
        "\\",
        "(",
        ")",
    ]
    rng = random.Random(4321)
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 80)))
        assert_well_formed(text, extract_rst(text))


def test_real_world_like_documents_are_well_formed() -> None:
    documents = [
        ".. _install:\n\nInstallation\n============\n\n.. note::\n   Requires CUDA 12.\n\n"
        "Install with ``pip``::\n\n    pip install vllm\n\nSee :doc:`quickstart` and `vLLM <https://vllm.ai>`_.\n",
        "API\n---\n\n.. autoclass:: vllm.LLM\n   :members:\n\n"
        ".. list-table::\n   :header-rows: 1\n\n"
        "   * - Metric\n     - Meaning\n   * - TTFT\n     - :abbr:`TTFT (time to first token)`\n",
    ]
    for text in documents:
        assert_well_formed(text, extract_rst(text))


def test_every_corpus_rst_file_is_well_formed() -> None:
    if not CORPUS.is_dir():
        pytest.skip("the documentation corpus (../shared/corpus) is not present")
    files = sorted(CORPUS.rglob("*.rst"))
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert_well_formed(text, extract_rst(text))
    assert files
