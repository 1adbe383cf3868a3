"""Property-based tests: the matcher and the region extractors never fail and keep their
invariants on arbitrary text and on random mixes of real markup and code."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_llmgloss.core import Config, Matcher, load_glossary
from sphinx_llmgloss.core.lint import Linter
from sphinx_llmgloss.core.regions.select import extract

GLOSSARY = load_glossary(Config(), use_cache=False)
MATCHER = Matcher(GLOSSARY.entries)
LINTER = Linter(GLOSSARY, Config())

FRAGMENTS = [
    "The KV cache",
    "KV-\ncache",
    "TTFT (time to first token)",
    "vLLM's",
    "NPUs",
    "HCCL",
    "`inline code`",
    "```python\nx = 1  # KV cache\n```\n",
    "    indented code\n",
    "[link text](https://example.com/KV-cache)",
    "<!-- llmgloss: ignore HCCL -->",
    "{term}`KV caches`",
    ":term:`TTFT`",
    ".. code-block:: python\n\n   y = 2\n",
    ".. note::\n\n   The PagedAttention paper.\n",
    "# Heading\n",
    "Title\n=====\n",
    "> quoted FSDP\n",
    "- item with MoE\n",
    "| a | b |\n|---|---|\n| TTFT | x |\n",
    '"""Docstring with LoRA."""\n',
    "// C comment with SM\n",
    "/* block\n * comment */\n",
    "$$x^2$$",
    "\\(a\\)",
    "---\ntitle: x\n---\n",
    "*[TTFT]: time",
    "é",
    "😀",
    "\u0130",
    "\r\n",
    "\t",
    "\x00",
    "::",
    "``",
    "`",
    "*",
    "_",
    "[",
    "]",
    "(",
    ")",
    "<",
    ">",
    "|",
    "\n\n",
    " ",
]
FILETYPES = ["markdown", "rst", "text", "python", "c", "javascript", "yaml", "bash"]


def check_spans(spans: list[tuple[int, int]], size: int) -> None:
    previous = 0
    for start, end in spans:
        assert 0 <= start <= end <= size
        assert start >= previous
        previous = end


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_matcher_on_arbitrary_text(text: str) -> None:
    mentions = MATCHER.find(text)
    check_spans([(m.start, m.end) for m in mentions], len(text))
    assert all(text[m.start : m.end] == m.text and m.entry_ids for m in mentions)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30), st.sampled_from(FILETYPES))
def test_extractors_and_linter_on_mixed_markup(pieces: list[str], filetype: str) -> None:
    text = "".join(pieces)
    regions = extract(text, filetype)
    check_spans([(r.start, r.end) for r in regions.prose], len(text))
    analysis = LINTER.analyze(text, filetype)
    for item in (*analysis.mentions, *analysis.diagnostics):
        assert 0 <= item.start <= item.end <= len(text)
    assert LINTER.lint(text, filetype) == analysis.diagnostics


def lf_offset(crlf_text: str, offset: int) -> int:
    return offset - crlf_text.count("\r", 0, offset)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "KV",
                "cache",
                "TTFT",
                "the",
                "vLLM's",
                "\n",
                " ",
                "\n  ",
                "prefix caching",
                "LoRA",
                "-",
                ".",
            ]
        ),
        max_size=40,
    )
)
def test_crlf_and_lf_give_the_same_mentions(words: list[str]) -> None:
    lf = " ".join(words)
    crlf = lf.replace("\n", "\r\n")
    for filetype in ("text", "markdown"):
        expected = [(m.start, m.end, m.entry_ids) for m in LINTER.analyze(lf, filetype).mentions]
        got = [
            (lf_offset(crlf, m.start), lf_offset(crlf, m.end), m.entry_ids)
            for m in LINTER.analyze(crlf, filetype).mentions
        ]
        assert got == expected, filetype


@pytest.mark.parametrize("filetype", FILETYPES)
def test_empty_and_whitespace_documents(filetype: str) -> None:
    for text in ("", " ", "\n", "\r\n", "\x00"):
        assert LINTER.analyze(text, filetype).diagnostics == []
