"""Every way a glossary file can be wrong gives a located message and loses nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_llmgloss.core import load_file, load_text, merge
from sphinx_llmgloss.core.errors import Severity

GOOD = """\
terms:
  - name: Good term
    definition: Still loaded.
"""


def messages(text: str) -> list[str]:
    return [str(p) for p in load_text(text, "g.yaml").problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("terms:\n  - name: [unclosed\n", "g.yaml:3:1: error: YAML syntax error"),
        (
            "terms:\n  - name: X\n    definition: D\n    aliasses: [Y]\n",
            "g.yaml:4:5: error: unknown key 'aliasses' in term; did you mean 'aliases'? (term 'X')",
        ),
        (
            "terms:\n  - name: X\n    definition: D\n    aliases: Y\n",
            "g.yaml:4:14: error: 'aliases' must be a list of text, not text (term 'X')",
        ),
        (
            "terms:\n  - name: 12\n    definition: D\n",
            "g.yaml:2:11: error: 'name' must be text, not a number",
        ),
        (
            "terms:\n  - name: X\n    definition: D\n    match: {context: [gpu, 7]}\n",
            "g.yaml:4:28: error: 'context' items must be text, not a number (term 'X')",
        ),
        (
            "terms:\n  - name: X\n",
            "g.yaml:2:5: error: term is missing required key 'definition' (term 'X')",
        ),
        (
            "terms:\n  - name: X\n    definition: D\n    references: [{chapter: 1, appendix: C}]\n",
            "g.yaml:4:18: error: a reference must be {chapter: N} or {appendix: X} (term 'X')",
        ),
        (
            "terms:\n  - name: X\n    definition: D\n    match: {case: loud}\n",
            "g.yaml:4:19: error: 'case' must be one of auto, sensitive, insensitive, not 'loud'",
        ),
        ("terms: {}\n", "g.yaml:1:8: error: 'terms' must be a list, not a mapping"),
        (
            "version: 2\nterms: []\n",
            "g.yaml:1:10: error: unsupported format version 2 (expected 1)",
        ),
        (
            "terms:\n  - name: X\n    name: Y\n    definition: D\n",
            "g.yaml:3:5: error: duplicate key 'name'",
        ),
        (
            "terms:\n  - !!python/object:os.system\n    name: X\n",
            "g.yaml:2:5: error: unsupported YAML tag !!python/object:os.system",
        ),
    ],
)
def test_located_messages(text: str, expected: str) -> None:
    assert any(m.startswith(expected) for m in messages(text)), messages(text)


def test_a_bad_entry_does_not_hide_the_others() -> None:
    loaded = load_text("terms:\n  - name: Broken\n    definition: 3\n" + GOOD[7:], "g.yaml")
    assert [e.name for e in loaded.entries] == ["Good term"]
    assert len(loaded.problems) == 1


def test_a_bad_field_is_defaulted_and_the_entry_kept() -> None:
    loaded = load_text("terms:\n  - name: X\n    definition: D\n    see_also: 5\n", "g.yaml")
    assert [e.see_also for e in loaded.entries] == [()]
    assert len(loaded.problems) == 1


def test_empty_file_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("# nothing yet\n")
    (problem,) = load_file(path).problems
    assert problem.severity is Severity.WARNING and "empty" in problem.message


def test_non_utf8_file_is_located(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"terms:\n  - name: Caf\xe9\n")
    (problem,) = load_file(path).problems
    assert str(problem).startswith(f"{path}:2:14: error: not UTF-8")


def test_missing_file(tmp_path: Path) -> None:
    (problem,) = load_file(tmp_path / "nope.yaml").problems
    assert "cannot read" in str(problem) and "nope.yaml" in str(problem)


def glossary_problems(*texts: str) -> list[str]:
    return [
        str(p) for p in merge([load_text(t, f"f{i}.yaml") for i, t in enumerate(texts)]).problems
    ]


def test_duplicate_ids_in_one_file() -> None:
    text = "terms:\n  - name: X\n    definition: D\n  - name: X\n    definition: E\n"
    assert glossary_problems(text) == [
        "f0.yaml:4:1: error: duplicate id 'x' (first defined at line 2) (term 'X')"
    ]


def test_dangling_see_also_with_suggestion() -> None:
    text = "terms:\n  - name: Alpha\n    definition: D\n    see_also: [alpah, beta]\n"
    assert glossary_problems(text) == [
        "f0.yaml:4:16: error: see_also refers to unknown id 'alpah'; did you mean 'alpha'? "
        "(term 'Alpha')",
        "f0.yaml:4:23: error: see_also refers to unknown id 'beta' (term 'Alpha')",
    ]


def test_failing_match_examples_are_located() -> None:
    text = (
        "terms:\n  - name: KV cache\n    definition: D\n    match:\n"
        "      examples: [the kv cache]\n      counterexamples: [A KV cache]\n"
    )
    assert glossary_problems(text) == [
        "f0.yaml:5:18: error: example does not match: 'the kv cache' (term 'KV cache')",
        "f0.yaml:6:25: error: counterexample matches: 'A KV cache' (term 'KV cache')",
    ]


def test_shared_surface_form_needs_a_homonym_declaration() -> None:
    text = (
        "terms:\n  - name: A\n    definition: D\n  - name: B\n    aliases: [a]\n    definition: E\n"
    )
    (problem,) = glossary_problems(text)
    assert problem.startswith("f0.yaml:5:15: error: surface form 'a' is shared with 'a'")
    declared = text.replace("definition: E", "definition: E\n    homonyms: [a]")
    assert glossary_problems(declared) == []
