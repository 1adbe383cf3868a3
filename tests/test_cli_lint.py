"""``llmgloss scan`` and ``llmgloss lint`` end to end: formats, exit codes, bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import run_cli

DOC = "# Serving\n\nThe KV cache grows. HCCL moves it.\n\n```\nQQRS in code\n```\n"


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text(DOC, encoding="utf-8")
    (tmp_path / "docs" / "b.rst").write_text("Title\n=====\n\nUse :term:`TTFT`.\n")
    (tmp_path / "docs" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    return tmp_path


def test_scan_json_fields(docs: Path) -> None:
    result = run_cli("scan", "--format", "json", "docs", cwd=docs)
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert records[0] == {
        "path": "docs/a.md",
        "line": 3,
        "column": 5,
        "end_line": 3,
        "end_column": 13,
        "text": "KV cache",
        "term": "kv-cache",
        "name": "KV cache",
        "senses": ["kv-cache"],
    }
    assert {r["term"] for r in records} == {"kv-cache"}  # :term: targets are references


def test_lint_text_and_exit_codes(docs: Path) -> None:
    result = run_cli("lint", "docs", cwd=docs)
    assert result.returncode == 1
    assert result.stdout == (
        "docs/a.md:3:21: warning: 'HCCL' is not defined: define it at first use, "
        "add it to a glossary, or allow it [LG001]\n"
    )
    assert run_cli("lint", "--fail-on", "error", "docs", cwd=docs).returncode == 0
    assert run_cli("lint", "--allow", "HCCL", "docs", cwd=docs).returncode == 0


def test_lint_knows_the_project_name_from_pyproject_or_the_option(docs: Path) -> None:
    """Also a check that the cached results of a run are not reused for another name."""
    (docs / "pyproject.toml").write_text('[project]\nname = "hccl-tools"\n', encoding="utf-8")
    assert run_cli("lint", "docs", cwd=docs).returncode == 0
    assert run_cli("lint", "--project", "other", "docs", cwd=docs).returncode == 1


def test_lint_json_github_and_sarif(docs: Path) -> None:
    (record,) = json.loads(run_cli("lint", "--format", "json", "docs", cwd=docs).stdout)
    assert record == {
        "path": "docs/a.md",
        "line": 3,
        "column": 21,
        "end_line": 3,
        "end_column": 25,
        "code": "LG001",
        "rule": "undefined-jargon",
        "severity": "warning",
        "message": record["message"],
        "suggestions": [],
    }
    github = run_cli("lint", "--format", "github", "docs", cwd=docs).stdout
    assert github.startswith("::warning file=docs/a.md,line=3,col=21,endLine=3,endColumn=25,")
    sarif = json.loads(run_cli("lint", "--format", "sarif", "docs", cwd=docs).stdout)
    (run,) = sarif["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["LG001", "LG002", "LG003"]
    region = run["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 3, "startColumn": 21, "endLine": 3, "endColumn": 25}


def test_notes_for_skipped_files_and_quiet(tmp_path: Path) -> None:
    (tmp_path / "bin.md").write_bytes(b"\x00\x01binary")
    (tmp_path / "big.md").write_text("x" * 50)
    (tmp_path / "latin.md").write_bytes(b"caf\xe9 HCCL\n")
    result = run_cli("lint", "--max-file-size", "20", ".", cwd=tmp_path)
    assert "bin.md: note: skipped: binary file" in result.stderr
    assert "big.md: note: skipped: 50 bytes is over max_file_size (20)" in result.stderr
    assert "latin.md: note: line 1: bytes that are not UTF-8 were replaced" in result.stderr
    assert "latin.md:1:6: warning: 'HCCL'" in result.stdout
    quiet = run_cli("lint", "-q", "--max-file-size", "20", ".", cwd=tmp_path)
    assert quiet.stderr == "" and quiet.stdout == result.stdout


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("lint", "nope", cwd=tmp_path)
    assert result.returncode == 2 and "nope: no such file or folder" in result.stderr


def test_parallel_and_serial_runs_agree(tmp_path: Path) -> None:
    for index in range(40):
        (tmp_path / f"f{index:02}.md").write_text(f"Doc {index}: HCCL{index % 3}X and KV cache.\n")
    serial = run_cli("lint", "--format", "json", "-j", "1", ".", cwd=tmp_path)
    parallel = run_cli("lint", "--format", "json", "-j", "2", ".", cwd=tmp_path)
    assert serial.stdout == parallel.stdout
    assert len(json.loads(serial.stdout)) == 40


PATHOLOGICAL = {
    "long-line": "word " * 40_000,
    "unclosed-fence": "```\n" + "KV cache\n" * 20_000,
    "deep-nesting": "> " * 5_000 + "KV cache\n",
    "backticks": "`" * 50_000,
    "jargon-line": "HCCL " * 40_000,
}


@pytest.mark.parametrize("text", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_markdown_finishes(tmp_path: Path, text: str) -> None:
    (tmp_path / "p.md").write_text(text)
    result = run_cli("lint", "-q", "--format", "json", "p.md", cwd=tmp_path)
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr
    json.loads(result.stdout)
