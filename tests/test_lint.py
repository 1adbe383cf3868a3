"""Lint rules and inline controls through real Markdown, reST and code documents."""

from __future__ import annotations

import pytest

from sphinx_llmgloss.core import Config, load_glossary, load_text, merge
from sphinx_llmgloss.core.lint import Linter
from sphinx_llmgloss.core.sources import load_builtin

PROJECT = """\
terms:
  - name: Ascend NPU
    aliases: [NPU]
    discouraged: [Ascend chip]
    definition: Huawei's accelerator.
"""


@pytest.fixture(scope="module")
def linter() -> Linter:
    glossary = merge([load_builtin(), load_text(PROJECT, "project.yaml")])
    return Linter(glossary, Config())


def configured(config: Config) -> Linter:
    """A linter of the built-in glossary with these options."""
    return Linter(merge([load_builtin()]), config)


def found(linter: Linter, text: str, filetype: str) -> list[tuple[str, str]]:
    diagnostics = linter.analyze(text, filetype).diagnostics
    assert linter.lint(text, filetype) == diagnostics  # the CLI's shorter path agrees
    return [(d.rule.code, text[d.start : d.end]) for d in diagnostics]


def test_markdown_code_is_not_prose(linter: Linter) -> None:
    text = "# Setup\n\nUse HCCL, `ACL_X` and\n\n```bash\nexport QQRS=1 XYZW=2\n```\n\nThen QQRS.\n"
    assert found(linter, text, "markdown") == [("LG001", "HCCL"), ("LG001", "QQRS")]


@pytest.mark.parametrize(
    ("text", "filetype"),
    [
        ("# QQRS and QZXW\n\nThe QQRS runs.\n", "markdown"),
        ("QQRS and QZXW\n=============\n\nThe QQRS runs.\n", "rst"),
    ],
)
def test_jargon_in_headings_is_reported_where_the_body_uses_it(
    linter: Linter, text: str, filetype: str
) -> None:
    # As in Sphinx, where titles are not prose: QZXW, only in the heading, is not reported.
    diagnostics = linter.analyze(text, filetype).diagnostics
    assert linter.lint(text, filetype) == diagnostics
    assert [(text[d.start : d.end], d.start) for d in diagnostics] == [
        ("QQRS", text.index("QQRS runs"))
    ]


def test_long_capital_names_from_the_code_are_identifiers(linter: Linter) -> None:
    text = "Set QZXWVU and QQRSTU first.\n\n```bash\nexport QZXWVU=x\n```\n"
    assert found(linter, text, "markdown") == [("LG001", "QQRSTU")]


def test_numbered_forms_of_known_abbreviations_are_known(linter: Linter) -> None:
    text = "Pin NPU0 and NPU3, use FSDP2 and GPT4; CP16 and QZX2 are new.\n"
    assert found(linter, text, "markdown") == [("LG001", "CP16"), ("LG001", "QZX2")]


@pytest.mark.parametrize(
    ("text", "filetype"),
    [
        (
            "See https://github.com/LMCache/QZXW/KV-cache or www.x.io/QZXW on the KV cache.\n",
            "text",
        ),
        ("# See https://github.com/LMCache/QZXW/KV-cache on the KV cache.\nx = 1\n", "python"),
    ],
)
def test_bare_urls_in_plain_text_and_comments_name_nothing(
    linter: Linter, text: str, filetype: str
) -> None:
    analysis = linter.analyze(text, filetype)
    assert [m.text for m in analysis.mentions] == ["KV cache"]
    assert analysis.diagnostics == []


def test_numbered_forms_of_abbreviations_the_page_defines_are_defined(linter: Linter) -> None:
    text = "Quux-zeta parallel (QZP) splits work: QZP8 uses eight ranks; QZQ8 is new.\n"
    assert found(linter, text, "markdown") == [("LG001", "QZQ8")]


def test_words_in_capitals_that_the_prose_also_writes_small_are_not_jargon(
    linter: Linter,
) -> None:
    text = (
        "## ENABLE SHARDED CHECKPOINTS\n\n"
        "You can enable sharded checkpoints, the ONLY way that works; only then use `hccn.conf`.\n"
    )
    assert found(linter, text, "markdown") == []


def test_capitals_stay_jargon_unless_written_small_as_an_english_word(linter: Linter) -> None:
    text = (
        "HCCN needs the hccn.conf file and hccn_tool. MMLU scores differ: | mmlu |.\n\n"
        "We MAP queries and map them. The STOP flag:\n\n```bash\nstop\n```\n"
    )
    reported = [word for _, word in found(linter, text, "markdown")]
    assert reported == ["HCCN", "MMLU", "MAP", "STOP"]


def test_markdown_abbreviations_and_inline_definitions(linter: Linter) -> None:
    text = "HCCL moves data. ACL (Ascend Computing Language) too.\n\n*[HCCL]: Huawei library\n"
    assert found(linter, text, "markdown") == []


def test_html_abbr_and_linked_abbreviations_in_parentheses_define_them(linter: Linter) -> None:
    md = (
        '| QZP | QQRS |\n| --- | --- |\n\n<abbr title="Quux Zeta Parallel">QZP</abbr> and\n'
        "Low-Rank Hadamard Product ([LoHa](https://x.org/a)), then LoHa and QQRS.\n"
    )
    assert found(linter, md, "markdown") == [("LG001", "QQRS")]
    shown = 'Use QZP.\n\n```html\n<abbr title="Quux Zeta Parallel">QZP</abbr>\n```\n'
    assert found(linter, shown, "markdown") == [("LG001", "QZP")]
    rst = "Low-Rank Hadamard Product (`LoHa <https://x.org/a>`_) and LoHa, QQRS.\n"
    assert found(linter, rst, "rst") == [("LG001", "QQRS")]


def test_a_label_explained_by_a_description_or_its_expansion_is_defined(
    linter: Linter,
) -> None:
    md = (
        "- **QQBL**: A single byte with value 1 for true.\n"
        "* [DARE](https://x.org/p) - Drop And REscale prunes deltas.\n"
        "- **TTFQ**: time to first query, measured per request.\n"
        "- **QQRS**: Upgraded to 8.5.1 in this release.\n"
        "- QQTP: 4\n\nLater QQBL, DARE, TTFQ, QQRS and QQTP.\n"
    )
    assert found(linter, md, "markdown") == [("LG001", "QQRS"), ("LG001", "QQTP")]


def test_capitals_in_quotes_are_literal_values_not_jargon(linter: Linter) -> None:
    text = 'Ingestion type ("QALL", "QHOT", or \'QRAW\'), and \u201cQQUO\u201d; then QQRS.\n'
    assert found(linter, text, "markdown") == [("LG001", "QQRS")]


def test_capitals_in_square_brackets_are_tags(linter: Linter) -> None:
    text = "Wrap prompts in [QINST] tags; the report says [QOKY]. Then QQRS.\n"
    assert found(linter, text, "markdown") == [("LG001", "QQRS")]


@pytest.mark.parametrize(
    ("text", "filetype"),
    [
        ("See [QQRS](https://x.org) and [QQTP docs][1].\n\n[1]: https://y.org\n", "markdown"),
        ("See `QQRS <https://x.org>`_ and `QQTP docs`_.\n\n.. _QQTP docs: https://y.org\n", "rst"),
    ],
)
def test_words_in_link_text_are_explained_by_the_link(
    linter: Linter, text: str, filetype: str
) -> None:
    assert found(linter, text, filetype) == []
    later = text.replace("See", "QQTP and QQRS, see", 1)
    assert found(linter, later, filetype) == [("LG001", "QQTP"), ("LG001", "QQRS")]


def test_image_text_is_not_link_text(linter: Linter) -> None:
    assert found(linter, "![QQRS diagram](a.png)\n", "markdown") == [("LG001", "QQRS")]


def test_words_just_before_an_abbreviation_may_spell_it_out(linter: Linter) -> None:
    text = (
        "Learn it (quick-zeal mode, QZM) or Quiet Zone LoRA (QZ-LoRA) instead.\n\n"
        "Large quiet zones, or LQZs in short, are fine.\n\n"
        "Fixed QQRS-1, QQRS-2 and Q4A8, Q4A4 in the zeal mode, QZX.\n"
    )
    assert found(linter, text, "markdown") == [
        ("LG001", "QQRS"),
        ("LG001", "Q4A8"),
        ("LG001", "Q4A4"),
        ("LG001", "QZX"),
    ]


def test_words_next_to_each_other_near_an_abbreviation_may_spell_it_out(
    linter: Linter,
) -> None:
    text = (
        "| `--qz-size` | int | Quorum zone size (total number of QZ ranks). |\n\n"
        "Orthogonal Zeal-Tuning methods such as OZT help.\n\n"
        "The node's QY ranks occupy quiet yards.\n\n"
        "Read TQR as that queue rule.\n\n"
        "Set `--quick-wide-rank` for QWR, and QXV, see [it](https://x.org/quiet-xeno-vault).\n"
    )
    assert found(linter, text, "markdown") == [
        ("LG001", "QY"),  # two letters: the first word is a capital, not chance
        ("LG001", "TQR"),  # "that" is an everyday word
        ("LG001", "QWR"),  # code spells nothing
        ("LG001", "QXV"),  # nor does a link's address
    ]


def test_a_word_at_the_edge_of_the_window_is_read_whole(linter: Linter) -> None:
    """Cut at the window's edge, "these" would read as "thes", which is no everyday word."""
    text = f"Use QPT and {'z' * 39} quick path these words.\n"
    end = text.index("QPT") + len("QPT")
    assert text.index("these") - end < 60 < text.index("these") + len("these") - end
    assert found(linter, text, "markdown") == [("LG001", "QPT")]


def test_allowed_names_in_mixed_case_are_known_in_any_case(linter: Linter) -> None:
    text = "Models such as LLaMa, LLAMA3 and OLMOE run; MS and QwQ too.\n"
    assert found(linter, text, "markdown") == [("LG001", "MS")]


def test_an_abbreviation_inside_an_allowed_name_of_several_parts_is_part_of_it(
    linter: Linter,
) -> None:
    # Shipped names: "MS MARCO" (quoted in the allowlist), TREC-COVID and HPC-X.
    text = (
        "We report results on MS MARCO, once more on MS\nMARCO and on TREC-COVID, with the\n"
        "HPC-X libraries. The other runs used MS, the TREC tools and the HPC cluster.\n"
    )
    assert found(linter, text, "markdown") == [("LG001", "MS"), ("LG001", "TREC"), ("LG001", "HPC")]


def test_allowed_names_of_several_parts_come_from_the_allow_option_too() -> None:
    allowing = configured(Config(allow=("QQX Zeta", "QRB-9")))
    text = "The QQX zeta set and QRB-9 boards; QQX and QRB alone.\n"
    reported = [(text[d.start : d.end], d.start) for d in allowing.lint(text, "markdown")]
    assert reported == [("QQX", text.index("QQX and")), ("QRB", text.index("QRB alone"))]


def test_the_projects_name_and_its_initials_are_not_undefined_jargon() -> None:
    text = "TGI and Text-Generation-Inference serve; TGX and QQRS do not.\n"
    config = Config(project="text-generation-inference")
    own = configured(config)
    reported = [text[d.start : d.end] for d in own.lint(text, "markdown")]
    assert reported == ["TGX", "QQRS"]


def test_the_parts_of_a_project_name_in_camel_case_are_its_words() -> None:
    text = "QZ Cache extends QZ; QZC and QSR do not.\n"
    own = configured(Config(project="QZCache"))
    assert [text[d.start : d.end] for d in own.lint(text, "markdown")] == ["QZC", "QSR"]
    text = "DQ-Inference runs DeepQuack; DQX does not.\n"
    own = configured(Config(project="DeepQuack"))
    assert [text[d.start : d.end] for d in own.lint(text, "markdown")] == ["DQX"]


def test_a_term_inside_the_projects_name_is_not_a_mention() -> None:
    text = "vLLM Ascend and vLLM-Ascend run on vLLM, with a KV cache.\n"
    config = Config(project="vLLM Ascend (documentation copy)")
    own = configured(config)
    mentions = [(m.start, m.text) for m in own.analyze(text, "markdown").mentions]
    assert mentions == [(text.index("vLLM,"), "vLLM"), (text.index("KV cache"), "KV cache")]


def test_unknown_term_references_with_did_you_mean(linter: Linter) -> None:
    md = "See {term}`KV caches`, {term}`the cache <prefix cachin>` and {term}`NPUs`.\n"
    (diagnostic,) = linter.analyze(md, "markdown").diagnostics
    assert diagnostic.rule.code == "LG002"
    assert (
        diagnostic.message
        == "term not in any glossary: 'prefix cachin'; did you mean 'Prefix caching'?"
    )
    rst = (
        "See :term:`TTFTs` and :term:`Local term`.\n\n.. glossary::\n\n   Local term\n      Ours.\n"
    )
    assert found(linter, rst, "rst") == []


def test_discouraged_alias_suggests_the_name(linter: Linter) -> None:
    (diagnostic,) = linter.analyze("Buy an Ascend chip.", "text").diagnostics
    assert (diagnostic.rule.code, diagnostic.suggestions) == ("LG003", ("Ascend NPU",))


def test_lint_matches_only_where_rules_need_it_and_finds_the_same(linter: Linter) -> None:
    # Discouraged aliases in paragraphs without jargon, in several spellings the matcher
    # accepts, beside jargon inside and outside mentions.
    text = (
        "# Setup\n\nBuy an ascend-chip.\n\nTwo Ascend\n   chip here.\n\n"
        "The KV cache and QQRS.\n\n- an ASCEND CHIP item\n\nNothing else.\n"
    )
    assert found(linter, text, "markdown") == [
        ("LG003", "ascend-chip"),
        ("LG003", "Ascend\n   chip"),
        ("LG001", "QQRS"),
        ("LG003", "ASCEND CHIP"),
    ]


def test_plural_of_a_discouraged_alias_suggests_the_plural_name(linter: Linter) -> None:
    (diagnostic,) = linter.analyze("Two Ascend chips.", "text").diagnostics
    assert diagnostic.suggestions == ("Ascend NPUs",)
    assert diagnostic.message == "'Ascend chips' is discouraged: write 'Ascend NPUs'"


@pytest.mark.parametrize(
    ("text", "filetype", "expected"),
    [
        ("<!-- llmgloss: ignore HCCL -->\nHCCL and XYZW.\n", "markdown", [("LG001", "XYZW")]),
        (
            "<!-- llmgloss: disable-next-line -->\nHCCL here.\nXYZW there.\n",
            "markdown",
            [("LG001", "XYZW")],
        ),
        (
            "<!-- llmgloss: disable LG001 -->\nHCCL.\n<!-- llmgloss: enable LG001 -->\nXYZW.\n",
            "markdown",
            [("LG001", "XYZW")],
        ),
        ("<!-- llmgloss: disable-file undefined-jargon -->\nHCCL. XYZW.\n", "markdown", []),
        (".. llmgloss: ignore HCCL, XYZW\n\nHCCL and XYZW and QQRS.\n", "rst", [("LG001", "QQRS")]),
        (
            "# llmgloss: disable-next-line\n# HCCL is fast\n# XYZW too\nx = 1\n",
            "python",
            [("LG001", "XYZW")],
        ),
        (
            "HCCL says llmgloss: ignore HCCL in prose, which is no control.\n",
            "markdown",
            [("LG001", "HCCL")],
        ),
    ],
)
def test_inline_controls_only_in_real_comments(
    linter: Linter, text: str, filetype: str, expected: list[tuple[str, str]]
) -> None:
    assert found(linter, text, filetype) == expected


def test_code_comments_and_docstrings_are_checked_not_code(linter: Linter) -> None:
    text = '"""HCCL wrapper."""\nHCCL_URL = "XYZW # not a comment"\n# the QQRS path\n'
    assert found(linter, text, "python") == [("LG001", "HCCL"), ("LG001", "QQRS")]


def test_mentions_are_only_in_prose() -> None:
    linter = Linter(load_glossary(Config(), use_cache=False), Config())
    text = "The KV cache.\n\n```\nKV cache in code\n```\n\n[TTFT](https://x/KV-cache) `TTFT`\n"
    assert [m.text for m in linter.analyze(text, "markdown").mentions] == ["KV cache", "TTFT"]
