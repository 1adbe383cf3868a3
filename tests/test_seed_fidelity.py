"""Every line of the book's glossary is represented faithfully in glossary_data/.

The seed is parsed here with deliberately simple code, independent of the
converter, so that a converter bug cannot hide itself.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from sphinx_llmgloss.core import Config, Entry, Glossary, Origin, load_glossary
from sphinx_llmgloss.core.keys import normalize_key

POINTER = re.compile(r"\s*(?:See )?(Chapters?|Appendix) ([0-9A-Z, ]+)\.$")
CROSSREF = re.compile(r"^See (?!Chapter|Appendix)(.+)\.$")

# Cross-reference lines: the headword, the entry it must land in, and how.
CROSSREFS = {
    "Gradient checkpointing": ("activation-checkpointing", "alias"),
    "Nucleus sampling": ("top-p-sampling", "alias"),
    "CoT (chain of thought)": ("chain-of-thought", "alias"),
    "Data parallelism": ("data-parallelism", "see_also:ddp"),
    "Distillation": ("distillation", "same"),
    "Embedding model": ("embedding", "alias"),
    "Gradient accumulation": ("gradient-accumulation", "same"),
    "GuardRails (pattern)": ("guardrails", "same"),
    "Knowledge distillation": ("distillation", "alias"),
    "LLM-as-judge": ("judge", "alias"),
    "NCCL": ("nccl", "same"),
    "OCI": ("oci", "same"),
    "Pre-norm": ("post-norm-vs-pre-norm", "alias"),
    "Prompt caching": ("prompt-caching", "same"),
    "Reranker": ("reranker", "same"),
    "Runtime (serving)": ("runtime-serving", "same"),
    "SSE": ("sse", "same"),
    "SSM (state-space model)": ("state-space-model", "alias"),
    "SwiGLU": ("swiglu", "same"),
    "Tracing": ("tracing", "see_also:distributed-tracing"),
    "Triton (inference server)": ("triton-inference-server", "alias"),
    "Triton (kernel DSL)": ("triton-kernel-dsl", "same"),
    "USE method": ("use-method", "same"),
    "VLM": ("vlm", "same"),
}


def seed_lines(text: str) -> list[tuple[int, str, str]]:
    lines = []
    for number, line in enumerate(text.splitlines(), 1):
        if " \u2014 " in line:
            headword, body = line.split(" \u2014 ", 1)
            lines.append((number, headword, body))
    return lines


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(Config(), use_cache=False)


def entries_for(glossary: Glossary, headword: str) -> list[Entry]:
    return [e for e in glossary.entries if headword in e.seed]


def test_the_seed_has_315_entry_lines(seed_text: str) -> None:
    assert len(seed_lines(seed_text)) == 315


def test_every_seed_headword_belongs_to_exactly_one_entry(
    seed_text: str, glossary: Glossary
) -> None:
    for number, headword, _ in seed_lines(seed_text):
        owners = entries_for(glossary, headword)
        assert len(owners) == 1, f"seed line {number} '{headword}' is in {[e.id for e in owners]}"


def test_definition_lines_are_verbatim_with_structured_references(
    seed_text: str, glossary: Glossary
) -> None:
    for number, headword, body in seed_lines(seed_text):
        if CROSSREF.match(body):
            continue
        (entry,) = entries_for(glossary, headword)
        pointer = POINTER.search(body)
        text = body[: pointer.start()] if pointer else body
        assert text.strip() in entry.definitions, f"line {number}: text of '{headword}' changed"
        if pointer:
            kind = "Appendix" if pointer[1] == "Appendix" else "Chapter"
            wanted = {f"{kind} {label.strip()}" for label in pointer[2].split(",")}
            assert wanted <= {str(r) for r in entry.references}, f"line {number}: {wanted}"


def test_typographic_characters_survive(seed_text: str, glossary: Glossary) -> None:
    seed_chars = Counter(c for _, _, body in seed_lines(seed_text) for c in body if ord(c) > 127)
    data_chars = Counter(
        c
        for e in glossary.entries
        if e.source.origin is Origin.SEED
        for d in e.definitions
        for c in d
        if ord(c) > 127
    )
    for char in "\u2019\u00d7\u03a3\u2299\u00b2\u201c\u201d":
        assert char in seed_chars
        assert data_chars[char] >= 1, char
    # Every non-ASCII character of the book is still there (duplicated lines may hold it once).
    assert set(seed_chars) <= set(data_chars)


@pytest.mark.parametrize(
    ("headword", "entry_id", "relation"), [(h, i, r) for h, (i, r) in CROSSREFS.items()]
)
def test_cross_reference_lines_fold_into_their_target(
    seed_text: str, glossary: Glossary, headword: str, entry_id: str, relation: str
) -> None:
    assert any(h == headword and CROSSREF.match(b) for _, h, b in seed_lines(seed_text))
    entry = glossary.by_id[entry_id]
    assert headword in entry.seed
    names = {normalize_key(n) for n in entry.names()}
    if relation == "alias":
        name = headword.split(" (")[0]
        assert normalize_key(name) in names
    elif relation.startswith("see_also:"):
        assert relation.split(":")[1] in entry.see_also
    assert not any(e.id != entry_id and headword in e.seed for e in glossary.entries)


def test_all_cross_reference_lines_are_listed(seed_text: str) -> None:
    crossrefs = {h for _, h, b in seed_lines(seed_text) if CROSSREF.match(b)}
    assert crossrefs == set(CROSSREFS)


@pytest.mark.parametrize(
    ("query", "entry_id"),
    [
        ("ANN search", "ann-search"),
        ("approximate nearest neighbor search", "ann-search"),
        ("TTFT", "ttft"),
        ("time to first token", "ttft"),
        ("Top-p sampling", "top-p-sampling"),
        ("nucleus sampling", "top-p-sampling"),
        ("Shared memory", "shared-memory"),
        ("SRAM", "shared-memory"),
        ("tok/s", "tokens-per-second"),
        ("tokens per second", "tokens-per-second"),
        ("Q, K, V", "q-k-v"),
        ("QKV", "q-k-v"),
        ("pre-norm", "post-norm-vs-pre-norm"),
        ("post-norm", "post-norm-vs-pre-norm"),
        ("Disaggregated prefill/decode", "disaggregated-prefill-decode"),
        ("PD disaggregation", "disaggregated-prefill-decode"),
        ("FlashAttention-2", "flashattention-2-3"),
        ("FlashAttention-3", "flashattention-2-3"),
        ("FA3", "flashattention-2-3"),
        ("Outlines", "outlines-xgrammar"),
        ("XGrammar", "outlines-xgrammar"),
        ("LLM-as-judge", "judge"),
        ("Kubernetes", "k8s"),
        ("gradient checkpointing", "activation-checkpointing"),
        ("mixture of experts", "moe"),
    ],
)
def test_headword_forms_become_names_and_aliases(
    glossary: Glossary, query: str, entry_id: str
) -> None:
    assert [e.id for e in glossary.lookup(query)] == [entry_id]


@pytest.mark.parametrize(
    ("entry_id", "name", "sense"),
    [
        ("manifest-kubernetes", "Manifest", "Kubernetes"),
        ("operator-kubernetes", "Operator", "Kubernetes"),
        ("sampling-decoding", "Sampling", "decoding"),
        ("sampling-observability", "Sampling", "observability"),
        ("runtime-serving", "Runtime", "serving"),
        ("federation-prometheus", "Federation", "Prometheus"),
        ("triton-kernel-dsl", "Triton", "kernel DSL"),
        ("topology-cluster", "Topology", "cluster"),
    ],
)
def test_qualifiers_are_senses_not_aliases(
    glossary: Glossary, entry_id: str, name: str, sense: str
) -> None:
    entry = glossary.by_id[entry_id]
    assert (entry.name, entry.sense) == (name, sense)
    assert normalize_key(sense) not in {normalize_key(n) for n in entry.names()}


def test_homonyms_are_separate_declared_entries(glossary: Glossary) -> None:
    for query, ids in (
        ("Sampling", {"sampling-decoding", "sampling-observability"}),
        ("Triton", {"triton-kernel-dsl", "triton-inference-server"}),
    ):
        found = glossary.lookup(query)
        assert {e.id for e in found} == ids
        a, b = found
        assert b.id in a.homonyms or a.id in b.homonyms


def test_entries_defined_twice_keep_both_texts(glossary: Glossary) -> None:
    assert len(glossary.by_id["cuda"].definitions) == 2
    assert len(glossary.by_id["cutlass"].definitions) == 2
    assert {str(r) for r in glossary.by_id["cutlass"].references} == {"Chapter 38", "Chapter 129"}


def test_missing_targets_are_added_entries(glossary: Glossary) -> None:
    for entry_id in ("distributed-tracing", "state-space-model"):
        entry = glossary.by_id[entry_id]
        assert entry.source.origin is Origin.ADDED
        assert len(entry.definition) > 80
    assert "distributed-tracing" in glossary.by_id["tracing"].see_also


def test_added_material_is_marked(seed_text: str, glossary: Glossary) -> None:
    seed_bodies = " ".join(body for _, _, body in seed_lines(seed_text))
    for entry in glossary.entries:
        if entry.source.origin is Origin.SEED:
            assert entry.seed, entry.id
            assert all(d in seed_bodies for d in entry.definitions), entry.id
        for alias in entry.added_aliases:
            assert normalize_key(alias) not in {normalize_key(a) for a in entry.aliases}


def test_builtin_glossary_is_self_consistent(glossary: Glossary) -> None:
    assert [str(p) for p in glossary.problems] == []
