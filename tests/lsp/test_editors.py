"""The editor examples stay in step with the server: settings, commands, file types."""

from __future__ import annotations

import json
from pathlib import Path

from lsp_server.settings import vscode_properties

EDITORS = Path(__file__).resolve().parents[2] / "examples" / "editors"
REGENERATE = (
    'regenerate with: python -c "import json; from lsp_server.settings import vscode_properties;'
    ' print(json.dumps(vscode_properties(), indent=2))" and paste into package.json'
)


def test_vscode_settings_are_the_derived_options() -> None:
    package = json.loads((EDITORS / "vscode" / "package.json").read_text(encoding="utf-8"))
    declared = dict(package["contributes"]["configuration"]["properties"])
    declared.pop("llmgloss.server.command")
    assert declared == vscode_properties(), REGENERATE


def test_vscode_client_launches_the_console_script() -> None:
    package = json.loads((EDITORS / "vscode" / "package.json").read_text(encoding="utf-8"))
    assert package["main"] == "./extension.js"
    assert "vscode-languageclient" in package["dependencies"]
    assert '"llmgloss-lsp"' in (EDITORS / "vscode" / "extension.js").read_text(encoding="utf-8")


def test_every_editor_has_a_config_that_runs_llmgloss_lsp() -> None:
    for path in (
        "neovim/llmgloss-0.7.lua",
        "neovim/llmgloss-0.11.lua",
        "helix/languages.toml",
        "emacs/llmgloss-eglot.el",
    ):
        assert "llmgloss-lsp" in (EDITORS / path).read_text(encoding="utf-8"), path
