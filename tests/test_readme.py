"""The README is the contract: its quickstart runs, and it documents every option and field."""

from __future__ import annotations

import re
import shlex

import pytest

from sphinx_llmgloss.cli import build_parser
from sphinx_llmgloss.core.config import options
from sphinx_llmgloss.core.schema import MATCH_FIELDS, TERM_FIELDS

from .conftest import ROOT, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def quickstart_commands() -> list[str]:
    block = re.search(r"## Quickstart\s+```sh\n(.*?)```", README, re.S)
    assert block, "README has no Quickstart code block"
    return [line.split("#")[0].strip() for line in block[1].splitlines() if line.strip()]


def test_quickstart_has_install_run_and_test_commands() -> None:
    install, run, test = quickstart_commands()
    assert install == 'python -m pip install -e ".[test]"'
    assert run.startswith("llmgloss ")
    assert test == "python -m pytest"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test in ci and install.replace("python -m pip install", "") in ci


def test_quickstart_main_command_works_on_the_bundled_example() -> None:
    _, run, _ = quickstart_commands()
    result = run_cli(*shlex.split(run)[1:], cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "0 error(s), 0 warning(s)" in result.stderr


@pytest.mark.parametrize("option", [s.name for s in options()])
def test_every_config_option_is_documented(option: str) -> None:
    assert re.search(rf"^\| `{option}` \|", README, re.M), option


@pytest.mark.parametrize(
    "key", [*(k for k in TERM_FIELDS if k != "match"), *(f"match.{k}" for k in MATCH_FIELDS)]
)
def test_every_glossary_field_is_documented(key: str) -> None:
    assert f"`{key}`" in README, key


def test_every_subcommand_is_documented() -> None:
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name in commands:
        assert f"**`{name} " in README, name
