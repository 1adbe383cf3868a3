"""Issue 6 §2 through the CLI and the language server: every malformed glossary or config
gets a located message and the right exit code or diagnostic, and nothing else is lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import run_cli
from .malformed_cases import CASES, Case

pytest.importorskip("lsprotocol")

from lsp_server.features.diagnostics import problem_diagnostics, problems_by_file
from lsp_server.state import is_broken, load_project


def project(tmp_path: Path, case: Case) -> Path:
    path = case.write(tmp_path)
    (tmp_path / "llmgloss.toml").write_text(f'glossaries = ["{path.name}"]\n')
    (tmp_path / "doc.md").write_text("The KV cache holds keys.\n")
    return path


def located(path: Path, case: Case) -> str:
    return f"{path}:{case.line}:" if case.line else f"{path}: "


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_cli_check_locates_the_problem(tmp_path: Path, case: Case) -> None:
    path = project(tmp_path, case)
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == (1 if case.error else 0)
    assert located(path, case) in result.stderr and case.message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_cli_lint_still_uses_what_loaded(tmp_path: Path, case: Case) -> None:
    project(tmp_path, case)
    result = run_cli("scan", "--format", "json", "doc.md", cwd=tmp_path)
    assert result.returncode == 0 and '"KV cache"' in result.stdout
    assert case.message in result.stderr and "Traceback" not in result.stderr
    result = run_cli("lint", "doc.md", cwd=tmp_path)  # the document itself is clean
    assert result.returncode == (1 if case.error else 0)
    assert case.message in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_language_server_puts_a_diagnostic_on_the_file(tmp_path: Path, case: Case) -> None:
    path = project(tmp_path, case)
    loaded = load_project(tmp_path, {}, {})
    assert is_broken(loaded) is case.error  # errors: the server keeps its last good state
    (problems,) = problems_by_file(loaded.problems).values()
    text = path.read_bytes().decode("utf-8", errors="replace")
    (diagnostic,) = [
        d for d in problem_diagnostics(problems, text, "utf-16") if case.message in d.message
    ]
    assert diagnostic.range.start.line == max(case.line - 1, 0)


def test_config_errors_exit_2_with_the_config_file_located(tmp_path: Path) -> None:
    (tmp_path / "llmgloss.toml").write_text('builtin = "yes"\nglossaries = ["nope.yaml"]\n')
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    config = tmp_path / "llmgloss.toml"
    assert f"{config}:1:1: error: 'builtin' must be true or false, not 'yes'" in result.stderr
    assert f"glossary file not found: {tmp_path / 'nope.yaml'}" in result.stderr
    loaded = load_project(tmp_path, {}, {})
    messages = [p.message for p in problems_by_file(loaded.problems)[config.resolve()]]
    assert any("must be true or false" in m for m in messages)
    assert any("glossary file not found" in m for m in messages)


def test_a_two_term_see_also_loop_is_fine(tmp_path: Path) -> None:
    (tmp_path / "g.yaml").write_text(
        "terms:\n  - {id: a, name: Aaa, definition: D, see_also: [b]}\n"
        "  - {id: b, name: Bbb, definition: E, see_also: [a]}\n"
    )
    (tmp_path / "llmgloss.toml").write_text('glossaries = ["g.yaml"]\n')
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
