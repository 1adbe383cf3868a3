"""Merging project glossaries over the built-in one, and looking terms up."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_llmgloss.core import Config, Glossary, load_glossary, load_text, merge
from sphinx_llmgloss.core.errors import Severity


@pytest.fixture(scope="module")
def builtin() -> Glossary:
    return load_glossary(Config(), use_cache=False)


@pytest.mark.parametrize(
    ("query", "entry_id"),
    [
        ("KV cache", "kv-cache"),
        ("kv cache", "kv-cache"),
        ("KV caches", "kv-cache"),
        ("KV-cache", "kv-cache"),
        ("vLLM's", "vllm"),
        ("tok/s", "tokens-per-second"),
        ("Little's Law", "littles-law"),
        ("Little\u2019s Law", "littles-law"),
        ("littles-law", "littles-law"),
        ("all reduce", "all-reduce"),
        ("TPUs", "tpu"),
        ("GEMMs", "gemm"),
    ],
)
def test_lookup_by_name_alias_id_or_inflection(
    builtin: Glossary, query: str, entry_id: str
) -> None:
    assert [e.id for e in builtin.lookup(query)] == [entry_id]


def test_lookup_miss_suggests_near_terms(builtin: Glossary) -> None:
    assert builtin.lookup("kv cachee") == []
    assert builtin.suggest("kv cachee")[0].id == "kv-cache"
    assert builtin.suggest("PagedAtention")[0].id == "pagedattention"


def write(tmp_path: Path, name: str, text: str) -> str:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return name


def test_disabling_a_term_others_point_to_is_not_an_error(tmp_path: Path) -> None:
    write(tmp_path, "g.yaml", "disable: [attention, triton-kernel-dsl]\nterms: []\n")
    glossary = load_glossary(Config(glossaries=("g.yaml",), root=str(tmp_path)), use_cache=False)
    assert glossary.problems == ()
    assert "attention" not in glossary.by_id["state-space-model"].see_also
    assert glossary.by_id["triton-inference-server"].homonyms == ()


def test_project_terms_add_override_and_disable(tmp_path: Path) -> None:
    write(
        tmp_path,
        "g.yaml",
        """\
disable: [cell, token]
terms:
  - name: Ascend NPU
    aliases: [NPU]
    definition: Huawei's neural processing unit.
    see_also: [tpu]
  - id: kv-cache
    name: KV cache
    override: true
    definition: Our own words.
""",
    )
    glossary = load_glossary(Config(glossaries=("g.yaml",), root=str(tmp_path)), use_cache=False)
    assert glossary.problems == ()
    assert glossary.lookup("NPU")[0].source.builtin is False
    assert glossary.by_id["kv-cache"].definition == "Our own words."
    assert "cell" not in glossary.by_id and "token" not in glossary.by_id
    assert glossary.lookup("KV caches")[0].definition == "Our own words."


def test_redefinition_without_override_is_reported_not_silent(tmp_path: Path) -> None:
    write(tmp_path, "g.yaml", "terms:\n  - name: KV cache\n    definition: Ours.\n")
    glossary = load_glossary(Config(glossaries=("g.yaml",), root=str(tmp_path)), use_cache=False)
    (problem,) = glossary.problems
    assert problem.severity is Severity.WARNING
    assert "redefines 'kv-cache'" in problem.message and "override: true" in problem.message
    assert str(problem.location) == f"{tmp_path / 'g.yaml'}:2:1"
    assert glossary.by_id["kv-cache"].definition == "Ours."  # project wins, as documented


def test_project_form_clashing_with_builtin_is_a_warning(tmp_path: Path) -> None:
    write(
        tmp_path,
        "g.yaml",
        "terms:\n  - name: Key-value cache\n    aliases: [KV cache]\n    definition: D.\n",
    )
    glossary = load_glossary(Config(glossaries=("g.yaml",), root=str(tmp_path)), use_cache=False)
    (problem,) = glossary.problems
    assert problem.severity is Severity.WARNING and "shared with 'kv-cache'" in problem.message
    assert problem.location.line == 3


def test_disabling_an_unknown_id_suggests(tmp_path: Path) -> None:
    write(tmp_path, "g.yaml", "disable: [kv-cach]\nterms: []\n")
    glossary = load_glossary(Config(glossaries=("g.yaml",), root=str(tmp_path)), use_cache=False)
    assert [p.message for p in glossary.problems] == [
        "cannot disable unknown term id 'kv-cach'; did you mean 'kv-cache'?"
    ]


def test_without_builtin_only_project_terms(tmp_path: Path) -> None:
    write(tmp_path, "g.yaml", "terms:\n  - name: Foo\n    definition: Bar.\n")
    glossary = load_glossary(Config(builtin=False, glossaries=("g.yaml",), root=str(tmp_path)))
    assert [e.id for e in glossary.entries] == ["foo"]


def test_cache_returns_the_same_glossary_and_notices_edits(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text("terms:\n  - name: Foo\n    definition: One.\n", encoding="utf-8")
    config = Config(glossaries=("g.yaml",), root=str(tmp_path))
    first = load_glossary(config)
    again = load_glossary(config)
    assert again.entries == first.entries and again is not first  # second came from the cache
    assert again.lookup("foo")[0].definition == "One."
    path.write_text("terms:\n  - name: Foo\n    definition: Two, longer.\n", encoding="utf-8")
    assert load_glossary(config).lookup("foo")[0].definition == "Two, longer."


def test_merge_precedence_is_last_file_wins() -> None:
    a = load_text("terms:\n  - name: X\n    definition: A.\n", "a.yaml")
    b = load_text("terms:\n  - name: X\n    override: true\n    definition: B.\n", "b.yaml")
    assert merge([a, b]).by_id["x"].definition == "B."
    assert merge([b, a]).by_id["x"].definition == "A."
