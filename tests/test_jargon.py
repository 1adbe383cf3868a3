"""Undefined-jargon detection on plain text (markup-specific cases live with each format)."""

from __future__ import annotations

import pytest

from sphinx_llmgloss.core import Config, load_glossary
from sphinx_llmgloss.core.jargon import candidates, is_jargon_shape, singular
from sphinx_llmgloss.core.lint import Linter


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(load_glossary(Config(), use_cache=False), Config(allow=("HCCL",)))


def flagged(linter: Linter, text: str) -> list[str]:
    return [text[d.start : d.end] for d in linter.analyze(text, "text").diagnostics]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("KV", True),
        ("NPU", True),
        ("FP8", True),
        ("MoE", True),
        ("vLLM", True),
        ("mTLS", True),
        ("PyTorch", False),
        ("DeepSpeed", False),
        ("GitHub", False),
        ("A100", False),
        ("MI300X", False),
        ("Ok", False),
        ("NVSHMEM", True),  # seven capitals: still an abbreviation
        ("PYTHONPATH", False),  # eight or more: a word or a name in capitals
        ("PIECEWISE", False),
        ("AISBench", False),  # a name built on an abbreviation, like PyTorch
        ("TCPStore", False),
        ("BOFTConfig", False),
        ("LoRA", True),
        ("ReRoPE", True),
        ("SGLang", False),
    ],
)
def test_jargon_shape(word: str, expected: bool) -> None:
    assert is_jargon_shape(word) is expected


def test_plural_acronyms_are_singular_keys() -> None:
    assert (singular("NPUs"), singular("MoEs"), singular("OS"), singular("GPUs")) == (
        "NPU",
        "MoE",
        "OS",
        "GPU",
    )


def test_code_like_tokens_are_not_candidates() -> None:
    text = "call FOO() or torch.cuda.NPU_X, HCCL_BUFFSIZE, path/NPU and $NPU"
    assert [text[t.start : t.end] for t in candidates(text, 0, len(text))] == []


def test_first_use_only_and_glossary_terms_are_known(linter: Linter) -> None:
    text = "The NPU runs vLLM with a KV cache. Another NPU, then KV alone, TTFT, MoE."
    assert flagged(linter, text) == ["NPU", "KV"]


def test_definitions_in_either_order_count(linter: Linter) -> None:
    text = (
        "Ascend neural processing units (NPUs) are fast. Each NPU has cores. "
        "PD (prefill-decode) split. CANN (Compute Architecture for Neural Networks) helps."
    )
    assert flagged(linter, text) == []


def test_allowlists_shipped_and_configured(linter: Linter) -> None:
    assert flagged(linter, "GPU, CPU, API, HTTP, JSON, URL and LLMs, plus HCCL.") == []


def test_a_term_inside_a_longer_mention_is_not_jargon(linter: Linter) -> None:
    assert flagged(linter, "Use the KV cache and the KV-cache.") == []


def test_shouting_text_is_not_checked(linter: Linter) -> None:
    text = "THE SOFTWARE IS PROVIDED AS IS WITHOUT WARRANTY OF ANY KIND, XYZ ABC"
    assert flagged(linter, text) == []


def test_undefined_jargon_can_be_switched_off() -> None:
    glossary = load_glossary(Config(), use_cache=False)
    quiet = Linter(glossary, Config(severity={"undefined-jargon": "off"}))
    assert quiet.analyze("The NPU.", "text").diagnostics == []
    louder = Linter(glossary, Config(severity={"LG001": "error"}))
    (diagnostic,) = louder.analyze("The NPU.", "text").diagnostics
    assert diagnostic.level.label == "error" and diagnostic.rule.code == "LG001"


def test_abbreviations_next_to_chinese_text_are_checked(linter: Linter) -> None:
    assert flagged(linter, "我们用QZXW加速\uff0c并测量TTFT。") == ["QZXW"]  # full-width comma
