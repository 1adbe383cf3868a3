"""Format-preserving edits of config TOML and glossary YAML, and project reload semantics."""

from __future__ import annotations

from pathlib import Path

from lsp_server.project_files import add_to_list, append_term, inside
from lsp_server.state import is_broken, load_project
from sphinx_llmgloss.core.load import load_text

from .conftest import GLOSSARY, write_project


def test_allow_keeps_comments_and_layout() -> None:
    text = '# my settings\nglossaries = ["g.yaml"]  # ours\n'
    new = add_to_list(text, "allow", "XQZ", pyproject=False)
    assert new.startswith(text.rstrip("\n"))
    assert 'allow = ["XQZ"]' in new
    assert add_to_list(new, "allow", "XQZ", pyproject=False) == new


def test_allow_in_pyproject_goes_to_tool_llmgloss() -> None:
    text = '[project]\nname = "x"\n\n[tool.llmgloss]\nallow = ["A"]\n'
    new = add_to_list(text, "allow", "B", pyproject=True)
    assert 'allow = ["A", "B"]' in new
    assert new.startswith('[project]\nname = "x"\n')


def test_append_term_keeps_the_file_and_loads() -> None:
    new = append_term(GLOSSARY, "XQZ")
    assert new.startswith(GLOSSARY)
    loaded = load_text(new, "g.yaml")
    assert loaded.problems == []
    assert [e.name for e in loaded.entries][-1] == "XQZ"


def test_append_term_matches_unindented_lists_and_creates_files() -> None:
    text = "glossary: x\nversion: 1\nterms:\n- name: A\n  definition: a.\n"
    loaded = load_text(append_term(text, "B"), "g.yaml")
    assert [e.name for e in loaded.entries] == ["A", "B"] and loaded.problems == []
    created = load_text(append_term("", "NPU"), "g.yaml")
    assert [e.name for e in created.entries] == ["NPU"]


def test_inside(tmp_path: Path) -> None:
    assert inside(tmp_path / "a" / "b.toml", tmp_path)
    assert not inside(tmp_path.parent / "x.toml", tmp_path)
    assert not inside(tmp_path / ".." / "x.toml", tmp_path)


def test_a_broken_glossary_is_detected(tmp_path: Path) -> None:
    root = write_project(tmp_path)
    assert not is_broken(load_project(root, {}, {}))
    (root / "docs" / "terms.yaml").write_text("terms: [\n", encoding="utf-8")
    broken = load_project(root, {}, {})
    assert is_broken(broken)
    assert any(str(p.location.path).endswith("terms.yaml") for p in broken.problems)
