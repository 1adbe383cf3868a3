"""The core and the CLI must not pull in Sphinx, docutils, pygls or lsprotocol."""

from __future__ import annotations

import subprocess
import sys

FORBIDDEN = ("sphinx", "docutils", "pygls", "lsprotocol")

PROGRAM = """
import pkgutil, sys
import sphinx_llmgloss.core as core
for module in pkgutil.iter_modules(core.__path__):
    __import__(f"sphinx_llmgloss.core.{module.name}")
import sphinx_llmgloss.cli, sphinx_llmgloss.commands
from sphinx_llmgloss.core import Config, Matcher, load_glossary
glossary = load_glossary(Config(), use_cache=False)
Matcher(glossary.entries).find("The KV cache of vLLM")
glossary.lookup("KV caches")
loaded = sorted({name.split(".")[0] for name in sys.modules})
print(" ".join(loaded))
"""


def test_core_and_cli_import_no_front_end_stack() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM], capture_output=True, text=True, check=True
    )
    loaded = set(result.stdout.split())
    assert "sphinx_llmgloss" in loaded  # the program really ran
    assert not loaded.intersection(FORBIDDEN), loaded.intersection(FORBIDDEN)
