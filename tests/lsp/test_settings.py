"""Settings: derived from the core options, merged file > workspace/configuration > init options."""

from __future__ import annotations

from pathlib import Path

from lsp_server.settings import all_options, merge, section, snake_case
from sphinx_llmgloss.core.config import Config, options
from sphinx_llmgloss.core.configfile import load_config


def test_every_core_option_is_an_editor_setting() -> None:
    names = {spec.name for spec in all_options()}
    assert {spec.name for spec in options() if not spec.sphinx_only} <= names
    assert "inlay_hints" in names
    assert "link" not in names  # Sphinx-only options are no editor settings


def test_client_payloads_flat_nested_and_camel_case() -> None:
    assert section({"llmgloss": {"maxFileSize": 5}}) == {"max_file_size": 5}
    assert section({"inlayHints": True}) == {"inlay_hints": True}
    assert section(None) == {}
    assert snake_case("fail-on") == "fail_on"


def test_the_config_file_beats_the_client_which_beats_init_options(tmp_path: Path) -> None:
    path = tmp_path / "llmgloss.toml"
    path.write_text('allow = ["ABC"]\n', encoding="utf-8")
    file_config, _ = load_config(path)
    client = {"allow": ["XYZ"], "builtin": False}
    init = {"builtin": True, "max_file_size": 7, "inlay_hints": True}
    config, editor, problems = merge(file_config, client, init)
    assert problems == []
    assert config.allow == ("ABC",)
    assert config.builtin is False
    assert config.max_file_size == 7
    assert editor.inlay_hints is True


def test_bad_editor_values_are_reported_and_defaulted() -> None:
    config, editor, problems = merge(Config(), {"builtin": "yes", "inlay_hints": 3}, {})
    assert config.builtin is True and editor.inlay_hints is False
    assert len(problems) == 2


def test_documents_belong_to_the_innermost_workspace_folder(tmp_path: Path) -> None:
    from lsp_server.state import project_root_for

    outer, inner = tmp_path / "a", tmp_path / "a" / "b"
    inner.mkdir(parents=True)
    assert project_root_for(inner / "x.md", [outer, inner]) == inner
    assert project_root_for(outer / "x.md", [outer, inner]) == outer
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "llmgloss.toml").write_text("", encoding="utf-8")
    assert project_root_for(tmp_path / "c" / "d" / "x.md", [outer]) == tmp_path / "c"
