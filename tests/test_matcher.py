"""The core matcher as the glossary loader uses it (issue 3 adds prose regions and rules)."""

from __future__ import annotations

import random
import re

import pytest

from sphinx_llmgloss.core import Config, Matcher, load_glossary, load_text
from sphinx_llmgloss.core.keys import unspaced
from sphinx_llmgloss.core.textmap import fold_around, fold_text


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_glossary(Config(), use_cache=False).entries)


def found(matcher: Matcher, text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(m.text, m.entry_ids) for m in matcher.find(text)]


def test_longest_match_wins_and_offsets_point_into_the_original(matcher: Matcher) -> None:
    text = "Größe: the KV\n   cache and CUDA graphs."
    mentions = matcher.find(text)
    assert [(m.text, m.entry_ids) for m in mentions] == [
        ("KV\n   cache", ("kv-cache",)),
        ("CUDA graphs", ("cuda-graph",)),
    ]
    assert all(text[m.start : m.end] == m.text for m in mentions)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vLLM's scheduler", [("vLLM", ("vllm",))]),
        ("LoRAs and QLoRA", [("LoRAs", ("lora",)), ("QLoRA", ("qlora",))]),
        (
            "Little\u2019s Law and Little's law",
            [("Little\u2019s Law", ("littles-law",)), ("Little's law", ("littles-law",))],
        ),
        (
            "an all reduce, an All-Reduce",
            [("all reduce", ("all-reduce",)), ("All-Reduce", ("all-reduce",))],
        ),
        ("ttft and Ttft", []),
        ("SMS messages", []),
        ("two SMs", [("SMs", ("sm",))]),
        ("kv_cache_dtype", []),
        ("Triton", [("Triton", ("triton-kernel-dsl", "triton-inference-server"))]),
    ],
)
def test_surface_forms_and_case_policy(matcher: Matcher, text: str, expected: list[object]) -> None:
    assert found(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Stage 1 shards the optimizer states.", [("optimizer states", ("optimizer-state",))]),
        ("Recognize and decode the JSON payload.", []),
        ("We shard the weights, then prefill the cache.", []),
        ("During decode, the model reads the cache.", [("decode", ("decode",))]),
        (
            "FSDP saves memory by sharding the weights.",
            [("FSDP", ("fsdp",)), ("sharding", ("sharding",))],
        ),
    ],
)
def test_plain_words_used_as_verbs_are_not_terms(
    matcher: Matcher, text: str, expected: list[object]
) -> None:
    assert found(matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Deploy Qwen3-VL-Embedding-8B with gemma-7b-it-medusa.", []),
        ("The bert-token-class-m1 service.", []),
        ("A 128-token prompt, non-attention layers.", ["token", "attention"]),
        ("ZeRO-3 and Qwen2-MoE.", ["ZeRO", "MoE"]),
    ],
)
def test_plain_words_inside_numbered_names_are_not_terms(
    matcher: Matcher, text: str, expected: list[str]
) -> None:
    assert [m.text for m in matcher.find(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Activation quantization needs calibration.", ["quantization", "calibration"]),
        ("Adjust the model's confidence calibration.", []),
        ("Set the block size of the KV cache.", ["block size", "KV cache"]),
        ("The MXFP8 block size is 32.", []),
    ],
)
def test_ambiguous_forms_are_found_near_their_context_words(
    matcher: Matcher, text: str, expected: list[str]
) -> None:
    assert [m.text for m in matcher.find(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mix tensor, pipeline and expert parallelism.",
            ["tensor-parallelism", "expert-parallelism"],
        ),
        ("Split with tensor/data parallelism.", ["tensor-parallelism", "data-parallelism"]),
        ("Use tensor and CUDA cores.", ["tensor-core", "cuda"]),
        ("A tensor and a list.", ["tensor"]),
    ],
)
def test_a_word_sharing_the_last_word_of_a_list_is_the_longer_term(
    matcher: Matcher, text: str, expected: list[str]
) -> None:
    assert [m.entry_ids[0] for m in matcher.find(text)] == expected


@pytest.mark.parametrize(
    ("text", "sense"),
    [
        ("Add the Triton predictor to the InferenceService.", "triton-inference-server"),
        ("We wrote fused Triton kernels for the model server.", "triton-kernel-dsl"),
        ("Set the sampling rate of traces in the collector.", "sampling-observability"),
        ("Sampling picks the next token from the logits.", "sampling-decoding"),
        ("Store the token in a Kubernetes secret.", "access-token"),
        ("Copy the token and paste it at the login prompt.", "access-token"),
        ("Each token attends to the previous ones.", "token"),
    ],
)
def test_homonyms_are_told_apart_by_their_declared_context(
    matcher: Matcher, text: str, sense: str
) -> None:
    assert matcher.find(text)[0].entry_ids[0] == sense


def test_a_context_word_counts_only_within_its_window(matcher: Matcher) -> None:
    far = "Keep the key in a secret. " + "Nothing here. " * 20 + "Each token is read once."
    near = "Nothing here. " * 20 + "Keep the key in a secret. Each token is read once."
    assert [m.entry_ids[0] for m in matcher.find(far)] == ["token"]
    assert [m.entry_ids[0] for m in matcher.find(near)] == ["access-token"]
    spans = [(0, len(far))]
    assert [m.entry_ids[0] for m in matcher.find_in(far, spans)] == ["token"]


def test_word_boundaries() -> None:
    matcher = Matcher(load_text("terms:\n  - name: crate\n    definition: D.\n", "g.yaml").entries)
    assert found(matcher, "a crater, crates, a crate.") == [
        ("crates", ("crate",)),
        ("crate", ("crate",)),
    ]


def test_undetectable_entries_are_only_found_on_request() -> None:
    text = "terms:\n  - name: Cell\n    definition: D.\n    match: {detect: false}\n"
    entries = load_text(text, "g.yaml").entries
    assert Matcher(entries).find("a cell") == []
    assert [m.text for m in Matcher(entries, detect_only=False).find("a cell")] == ["cell"]


def test_empty_matcher_and_text() -> None:
    assert Matcher([]).find("anything") == []


def test_folding_around_spans_agrees_with_folding_everything_near_them() -> None:
    # The matcher folds only windows around the spans it scans when they are few.
    rng = random.Random(5)
    alphabet = ["a", "B", " ", "\r\n", "\r", "\n", "\t", "\xa0", "\u0130", "ΑΣ ", "é", "😀"]
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 400)))
        starts = sorted(rng.sample(range(len(text)), min(len(text), rng.randrange(1, 4))))
        spans = [(start, min(start + rng.randrange(8), len(text))) for start in starts]
        spans = [span for i, span in enumerate(spans) if i == 0 or span[0] >= spans[i - 1][1]]
        margin = rng.randrange(3, 12)
        folded, whole = fold_around(text, spans, margin), fold_text(text)
        assert len(folded) == len(text)
        for start, end in spans:
            first, last = max(0, start - margin), min(len(text), end + margin)
            assert folded[first:last] == whole[first:last], (text, spans, margin)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("使用KV cache进行推理", ["KV cache"]),  # Chinese sets no spaces around Latin words
        ("KV cacheを使う", ["KV cache"]),
        ("KV cache를 줄인다", ["KV cache"]),  # a Korean particle attached to the term
        ("xKV cache and KV cachex", []),  # Latin letters still continue a word
        ("数据KV_cache", []),
    ],
)
def test_letters_of_unspaced_scripts_end_a_word(
    matcher: Matcher, text: str, expected: list[str]
) -> None:
    assert [m.text for m in matcher.find(text)] == expected


def test_scripts_without_spaces_are_told_by_their_blocks() -> None:
    blocks = (
        "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff"
        "\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]"
    )
    pattern = re.compile(blocks)
    for code in range(0x10000):
        char = chr(code)
        assert unspaced(char) == bool(pattern.match(char)), hex(code)
