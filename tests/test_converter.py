"""The text-glossary converter behind ``llmgloss import``."""

from __future__ import annotations

import pytest
import yaml

from sphinx_llmgloss.core import load_text
from sphinx_llmgloss.core.seedconvert import convert, to_yaml
from sphinx_llmgloss.core.seedfmt import parse_headword, split_pointer


@pytest.mark.parametrize(
    ("headword", "name", "sense", "aliases"),
    [
        (
            "ANN (approximate nearest neighbor) search",
            "ANN search",
            None,
            ["approximate nearest neighbor search"],
        ),
        ("Top-p (nucleus) sampling", "Top-p sampling", None, ["nucleus sampling"]),
        ("TTFT (time to first token)", "TTFT", None, ["time to first token"]),
        ("Chain of thought (CoT)", "Chain of thought", None, ["CoT"]),
        ("Shared memory (SRAM)", "Shared memory", None, ["SRAM"]),
        ("Tokens-per-second (tok/s)", "Tokens-per-second", None, ["tok/s"]),
        ("BF16 (bfloat16)", "BF16", None, ["bfloat16"]),
        ("mTLS (mutual TLS)", "mTLS", None, ["mutual TLS"]),
        ("Judge (LLM-as-judge)", "Judge", None, ["LLM-as-judge"]),
        ("Manifest (Kubernetes)", "Manifest", "Kubernetes", []),
        ("Single-table design (DynamoDB)", "Single-table design", "DynamoDB", []),
        ("Triton (kernel DSL)", "Triton", "kernel DSL", []),
        ("Sampling (observability)", "Sampling", "observability", []),
        (
            "FlashAttention-2 / 3",
            "FlashAttention-2 / 3",
            None,
            ["FlashAttention-2", "FlashAttention-3"],
        ),
        ("Outlines / XGrammar", "Outlines / XGrammar", None, ["Outlines", "XGrammar"]),
        ("Post-norm vs pre-norm", "Post-norm vs pre-norm", None, ["Post-norm", "pre-norm"]),
        ("Q, K, V", "Q, K, V", None, []),
    ],
)
def test_parse_headword(headword: str, name: str, sense: str | None, aliases: list[str]) -> None:
    parsed = parse_headword(headword)
    assert (parsed.name, parsed.sense, parsed.aliases) == (name, sense, aliases)


@pytest.mark.parametrize(
    ("body", "text", "refs"),
    [
        ("A thing. See Chapter 12.", "A thing.", ["Chapter 12"]),
        ("A thing. See Chapters 28, 34.", "A thing.", ["Chapter 28", "Chapter 34"]),
        ("A thing. See Appendix D.", "A thing.", ["Appendix D"]),
        ("Few-shot. Chapter 8.", "Few-shot.", ["Chapter 8"]),
        (
            "In MLA (Chapter 33), K and V are compressed.",
            "In MLA (Chapter 33), K and V are compressed.",
            [],
        ),
        ("Described as in Chapter 5.", "Described as in Chapter 5.", []),
    ],
)
def test_split_pointer(body: str, text: str, refs: list[str]) -> None:
    found_text, references = split_pointer(body)
    assert (found_text, [str(r) for r in references]) == (text, refs)


SAMPLE = """\
Glossary

Alpha (AL) — The first. Also called ay. See Chapter 1.
Beta — The second. See Chapter 2.
Beta — Another text for beta. See Chapter 3.
Gamma — See alpha.
Delta (DL) — Change. Same as beta. See Appendix B.

More terms

Beta — See the main entry.
Epsilon — See zeta.
"""


def test_convert_merges_duplicates_and_folds_cross_references() -> None:
    entries, problems = convert(SAMPLE, "sample.txt")
    by_id = {e.id: e for e in entries}
    assert set(by_id) == {"alpha", "beta", "delta", "epsilon"}
    assert by_id["alpha"].aliases == ("AL", "ay", "Gamma")
    assert by_id["beta"].definitions == ("The second.", "Another text for beta.")
    assert [str(r) for r in by_id["beta"].references] == ["Chapter 2", "Chapter 3"]
    assert by_id["beta"].seed == ("Beta",)
    assert by_id["delta"].see_also == ("beta",)
    assert [str(p) for p in problems] == [
        "sample.txt:12:1: warning: cross-reference target 'zeta' is not in this glossary"
    ]


def test_converted_yaml_loads_cleanly() -> None:
    entries, _ = convert(SAMPLE, "sample.txt")
    loaded = load_text(to_yaml(entries, "sample"), "sample.yaml")
    assert loaded.problems == []
    assert [e.id for e in loaded.entries] == ["alpha", "beta", "delta", "epsilon"]
    assert yaml.safe_load(to_yaml(entries, "sample"))["glossary"] == "sample"


def test_seed_converts_with_only_the_two_known_dangling_references(seed_text: str) -> None:
    entries, problems = convert(seed_text, "seed.txt")
    assert len(entries) == 290
    assert sorted(p.location.line for p in problems) == [604, 618]
