"""The declarative config model, its discovery and its located errors."""

from __future__ import annotations

from pathlib import Path

from sphinx_llmgloss.core.config import Config, options
from sphinx_llmgloss.core.configfile import discover, load_config, with_project_name


def test_options_are_declared_once_with_types_defaults_and_help() -> None:
    specs = {s.name: s for s in options()}
    assert set(specs) == {
        "glossaries",
        "builtin",
        "allow",
        "severity",
        "project",
        "include",
        "exclude",
        "max_file_size",
        "fail_on",
        "link",
        "exclude_terms",
        "exclude_pages",
    }
    assert specs["builtin"].kind is bool and specs["builtin"].default is True
    assert specs["glossaries"].kind is tuple and specs["glossaries"].default == ()
    assert all(s.help for s in specs.values())
    assert specs["glossaries"].rebuild


def test_tables_and_choices_are_validated(tmp_path: Path) -> None:
    path = tmp_path / "llmgloss.toml"
    path.write_text('fail_on = "loud"\n[severity]\nLG001 = "error"\nLG002 = "fatal"\n')
    config, problems = load_config(path)
    assert config.fail_on == "warning" and dict(config.severity) == {}
    assert [p.location.line for p in problems] == [1, 2]
    path.write_text('[severity]\nundefined-jargn = "off"\n')
    _, (problem,) = load_config(path)
    assert (
        problem.message
        == "unknown rule 'undefined-jargn' in 'severity'; did you mean 'undefined-jargon'?"
    )
    assert "must be one of error, warning, info, hint, never" in problems[0].message
    assert "values must be one of error, warning, info, hint, off, not 'fatal'" in (
        problems[1].message
    )


def test_discovered_upward_from_a_nested_folder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.llmgloss]\nglossaries = ["docs/terms.yaml"]\n')
    nested = tmp_path / "docs" / "guide"
    nested.mkdir(parents=True)
    config, problems = discover(nested)
    assert problems == []
    assert config.glossary_paths() == [tmp_path / "docs" / "terms.yaml"]
    assert config.path == str(tmp_path / "pyproject.toml")


def test_pyproject_without_our_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    config, problems = discover(tmp_path)
    assert (config.path, problems) == (None, [])


def test_dedicated_file_wins_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.llmgloss]\nbuiltin = true\n")
    (tmp_path / "llmgloss.toml").write_text("builtin = false\n")
    config, _ = discover(tmp_path)
    assert config.builtin is False


def test_wrong_types_are_located_and_keep_the_default(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "x"\n\n[tool.llmgloss]\nbuiltin = "no"\nglossarys = []\n')
    config, problems = load_config(path)
    assert config.builtin is True
    assert [str(p) for p in problems] == [
        f"{path}:5:1: error: 'builtin' must be true or false, not 'no'; using the default",
        f"{path}:6:1: error: unknown option 'glossarys'; did you mean 'glossaries'?",
    ]


def test_toml_syntax_error_is_located(tmp_path: Path) -> None:
    path = tmp_path / "llmgloss.toml"
    path.write_text("builtin = true\nglossaries = [\n")
    config, (problem,) = load_config(path)
    assert str(problem).startswith(f"{path}:3:1: error: TOML error")
    assert config == Config(root=str(tmp_path))


def test_the_project_name_comes_from_the_option_or_the_nearest_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "text-generation-inference"\n')
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "pyproject.toml").write_text("[tool.other]\nx = 1\n")  # no name: look further up
    assert with_project_name(Config(), docs).project == "text-generation-inference"
    assert with_project_name(Config(project="TGI"), docs).project == "TGI"
    (tmp_path / "pyproject.toml").write_text("[project\nname = ")  # broken: quietly no name
    assert with_project_name(Config(), docs).project == ""
