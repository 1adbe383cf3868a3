"""Re-analysis after an edit must equal a full analysis of the edited text, whatever the
edit: opening a fence that swallows the rest, closing one, starting a list, typing in
front matter, CRLF, astral characters. Seeded, so a failure can be replayed."""

from __future__ import annotations

import random

import pytest

from sphinx_llmgloss.core.config import Config
from sphinx_llmgloss.core.lint import Analysis, Linter
from sphinx_llmgloss.core.reanalyze import Edit, reanalyze
from sphinx_llmgloss.core.sources import load_glossary

BLOCKS = [
    "The KV cache of vLLM grows with every token, so TTFT depends on prefill.\n",
    "Speculative decoding\nwraps across lines; QZXW and NPUs are jargon.\n",
    "# A heading about PagedAttention\n",
    "Setext title\n============\n",
    "- a list item about LoRA\n  continued\n- another with `inline KV cache` code\n",
    "1. ordered NCCL\n2. items\n",
    "> a quote with HBM\n> and more\n",
    "```python\nkv_cache = QZXW()  # not prose\n```\n",
    "~~~\nfenced ~~~ TTFT\n~~~\n",
    "```{note}\nA directive body with RDMA.\n```\n",
    ":::{tip}\nColon fence with MoE.\n:::\n",
    "| A | B |\n|---|---|\n| KV cache | QPS (queries per second) |\n",
    "<!-- llmgloss: ignore ZZTOP -->\nZZTOP stays quiet.\n",
    "<div>\nraw html about SLO\n</div>\n",
    "$$\nx = KV\n$$\n",
    "*[HBMX]: high bandwidth memory x\n",
    "{.glossary}\nFoo term\n: its definition with GEMM\n",
    "```{eval-rst}\n.. note:: reST inside with RoPE\n```\n",
    "See [the docs](https://x.org/KV_cache) and www.example.com about KV cache.\n",
    "Read [QXLB notes](https://x.org/q) and [QXLC][1] first; QXLB later.\n",
    "    indented code QZXW\n",
    "(target-label)=\n",
    "\n",
    "\n\n",
]
SNIPPETS = [
    "x",
    " ",
    "\n",
    "\n\n",
    "```",
    "```\n",
    "~~~\n",
    ":::",
    "- ",
    "> ",
    "1. ",
    "---\n",
    "#",
    "{.glossary}\n",
    ": def\n",
    "QZXV ",
    "KV cache",
    "(label)=\n",
    "<!-- ",
    "-->",
    "|",
    "$$",
    "    ",
    "\t",
    "é",
    "\U0001d518",
    "\r\n",
    "\r",
    "*[AB]: x\n",
    "`",
    "[",
    "](u)",
    "TTFT (time)",
]


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(load_glossary(Config(), use_cache=False))


def document(rng: random.Random) -> str:
    text = "".join(rng.choice(BLOCKS) + rng.choice(["\n", "", "\n\n"]) for _ in range(40))
    if rng.random() < 0.2:
        text = "---\ntitle: front matter KV\n---\n" + text
    return text.replace("\n", "\r\n") if rng.random() < 0.1 else text


def edited(rng: random.Random, text: str) -> str:
    at = rng.randrange(len(text) + 1)
    if rng.random() < 0.3:  # at a line start, where blocks begin
        at = text.rfind("\n", 0, at) + 1
    cut = rng.choice([0, 0, 1, 3, rng.randrange(60)])
    return text[:at] + rng.choice(["", *SNIPPETS]) + text[at + cut :]


def same(a: Analysis, b: Analysis) -> bool:
    return (a.regions, a.mentions, a.words, a.diagnostics) == (
        b.regions,
        b.mentions,
        b.words,
        b.diagnostics,
    )


@pytest.mark.parametrize("seed", range(12))
def test_reanalysis_equals_full_analysis(linter: Linter, seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(25):
        text = document(rng)
        analysis = linter.analyze(text, "markdown")
        for _ in range(6):
            new = edited(rng, text)
            analysis = reanalyze(linter, text, analysis, new, "markdown")
            assert same(analysis, linter.analyze(new, "markdown")), (seed, text, new)
            text = new


def test_the_edit_is_found_from_both_ends() -> None:
    assert Edit.between("abcdef", "abXYef") == Edit(2, 4, 4)
    assert Edit.between("aaaa", "aaaaa") == Edit(4, 4, 5)
    assert Edit.between("", "new") == Edit(0, 0, 3)
    assert Edit.between("same", "same") == Edit(4, 4, 4)


def test_other_file_types_are_analysed_in_full(linter: Linter) -> None:
    old = "Text with QZXW.\n"
    analysis = linter.analyze(old, "rst")
    new = old + "More QPSX.\n"
    assert same(reanalyze(linter, old, analysis, new, "rst"), linter.analyze(new, "rst"))
