"""The ``llmgloss`` command end to end, in a subprocess as users run it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sphinx_llmgloss import __version__
from sphinx_llmgloss.core import Entry, load_builtin, load_text

from .conftest import SEED, run_cli

FIELDS = {"id", "name", "aliases", "definition", "references", "see_also", "source"}


def test_version_and_help() -> None:
    assert run_cli("--version").stdout.strip() == f"llmgloss {__version__}"
    help_text = run_cli("--help").stdout
    assert "examples:" in help_text and "exit codes:" in help_text


def test_lookup_text_shows_definition_references_and_source() -> None:
    result = run_cli("lookup", "KV caches")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("KV cache\n")
    assert "single most important optimization" in result.stdout
    assert "book: Chapter 22" in result.stdout and "built-in, seed" in result.stdout


def test_lookup_homonyms_show_every_sense() -> None:
    result = run_cli("lookup", "Sampling", "--format", "json")
    assert [e["headword"] for e in json.loads(result.stdout)] == [
        "Sampling (decoding)",
        "Sampling (observability)",
    ]


def test_lookup_markdown() -> None:
    out = run_cli("lookup", "tok/s", "--format", "markdown").stdout
    assert out.startswith("**Tokens-per-second**") and "*also:* tok/s" in out


def test_lookup_miss_exits_1_with_did_you_mean() -> None:
    result = run_cli("lookup", "PagedAtention")
    assert result.returncode == 1
    assert "did you mean 'PagedAttention'" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_builtin_is_clean() -> None:
    result = run_cli("check")
    assert result.returncode == 0, result.stderr
    assert "0 error(s), 0 warning(s)" in result.stderr


def test_check_reports_located_errors_and_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("terms:\n  - name: X\n    definition: D\n    see_also: [nope]\n")
    result = run_cli("check", str(bad))
    assert result.returncode == 1
    assert f"{bad}:4:16: error: see_also refers to unknown id 'nope'" in result.stderr


def test_config_error_exits_2(tmp_path: Path) -> None:
    (tmp_path / "llmgloss.toml").write_text("builtin = 3\n")
    result = run_cli("lookup", "TTFT", cwd=tmp_path)
    assert result.returncode == 2
    assert "llmgloss.toml:1:1: error: 'builtin' must be true or false" in result.stderr
    # The problem says what the editor and Sphinx do (use the default); the command stops.
    assert result.stderr.endswith("llmgloss: lookup: not run; fix the configuration\n")
    assert "Traceback" not in result.stderr


def test_usage_error_exits_2() -> None:
    assert run_cli("export", "--format", "docx").returncode == 2


def test_flags_override_the_config_file(tmp_path: Path) -> None:
    (tmp_path / "llmgloss.toml").write_text("builtin = false\n")
    terms = tmp_path / "terms.yaml"
    terms.write_text(
        "terms:\n  - name: Ascend NPU\n    aliases: [NPU]\n    definition: Huawei's chip.\n"
    )
    assert run_cli("lookup", "TTFT", cwd=tmp_path).returncode == 1
    assert run_cli("lookup", "TTFT", "--builtin", cwd=tmp_path).returncode == 0
    result = run_cli("lookup", "NPU", "--glossaries", str(terms), cwd=tmp_path)
    assert "Huawei's chip." in result.stdout


def test_export_json_has_the_documented_fields() -> None:
    data = json.loads(run_cli("export", "--format", "json").stdout)
    assert len(data) == 292
    assert all(set(item) >= FIELDS for item in data)
    assert all("seed" in item for item in data if item["source"]["origin"] == "seed")
    ttft = next(item for item in data if item["id"] == "ttft")
    assert ttft["aliases"] == ["time to first token"]
    assert ttft["references"] == [{"kind": "chapter", "label": "31", "text": "Chapter 31"}]


def test_export_yaml_round_trips() -> None:
    text = run_cli("export", "--format", "yaml").stdout
    exported = load_text(text, "export.yaml")
    assert exported.problems == []
    builtin = load_builtin()

    def shape(entries: list[Entry]) -> dict[str, tuple[object, ...]]:
        return {
            e.id: (
                e.name,
                e.sense,
                e.definitions,
                e.aliases,
                e.added_aliases,
                e.references,
                e.see_also,
                e.homonyms,
                e.seed,
                e.match,
                e.source.origin,
            )
            for e in entries
        }

    assert shape(exported.entries) == shape(builtin.entries)
    assert yaml.safe_load(text)["version"] == 1


def test_export_only_selected_terms() -> None:
    out = run_cli("export", "--format", "markdown", "--only", "TTFT", "KV caches").stdout
    assert out.startswith("KV cache\n: ") and "\nTTFT\n: *Also:* time to first token" in out


def test_export_only_unknown_term_is_a_usage_error() -> None:
    result = run_cli("export", "--format", "rst", "--only", "KV cachee")
    assert result.returncode == 2 and "did you mean 'KV cache'" in result.stderr


def test_import_converts_the_seed(seed_text: str, tmp_path: Path) -> None:
    result = run_cli("import", str(SEED))
    assert result.returncode == 0
    assert result.stderr.count("warning: cross-reference target") == 2
    assert len(load_text(result.stdout, "seed.yaml").entries) == 290


def test_import_of_a_missing_file_is_a_clean_error(tmp_path: Path) -> None:
    result = run_cli("import", str(tmp_path / "none.txt"))
    assert (
        result.returncode == 2
        and "cannot read" in result.stderr
        and "Traceback" not in result.stderr
    )


SPHINX_CONF = "extensions = {extensions}\nsuppress_warnings = []\n"


@pytest.mark.parametrize(
    ("fmt", "suffix", "extensions"),
    [
        ("rst", ".rst", []),
        ("myst", ".md", ["myst_parser"]),
    ],
)
def test_exported_glossary_builds_in_sphinx_without_warnings(
    tmp_path: Path, fmt: str, suffix: str, extensions: list[str]
) -> None:
    """The rst and myst exports are real Sphinx glossaries: every term, no duplicate warnings."""
    if extensions:
        pytest.importorskip("myst_parser")
    glossary = run_cli("export", "--format", fmt).stdout
    heading = "Glossary\n========\n\n" if fmt == "rst" else "# Glossary\n\n"
    (tmp_path / f"index{suffix}").write_text(heading + glossary, encoding="utf-8")
    (tmp_path / "conf.py").write_text(SPHINX_CONF.format(extensions=extensions))
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            "-W",
            "-q",
            str(tmp_path),
            str(tmp_path / "_build"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    html = (tmp_path / "_build" / "index.html").read_text(encoding="utf-8")
    assert html.count('<dt id="term-') >= 291
    assert "NVIDIA\u2019s programming model for GPUs" in html and "swish(xW) ⊙ xV" in html


def test_missing_glossary_file_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "llmgloss.toml").write_text('builtin = true\nglossaries = ["gone.yaml"]\n')
    result = run_cli("lookup", "TTFT", cwd=tmp_path)
    assert result.returncode == 2
    assert f"llmgloss.toml:2:1: error: glossary file not found: {tmp_path / 'gone.yaml'}" in (
        result.stderr
    )


def test_lookup_still_works_when_a_project_glossary_has_errors(tmp_path: Path) -> None:
    (tmp_path / "llmgloss.toml").write_text('glossaries = ["terms.yaml"]\n')
    (tmp_path / "terms.yaml").write_text(
        "terms:\n  - name: NPU\n    definition: A chip.\n    see_also: [nope]\n"
    )
    result = run_cli("lookup", "NPU", cwd=tmp_path)
    assert result.returncode == 0 and "A chip." in result.stdout
    assert "terms.yaml:4:16: error: see_also refers to unknown id 'nope'" in result.stderr
