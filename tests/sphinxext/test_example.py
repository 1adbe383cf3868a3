"""The example site builds without warnings (strict, as CI runs it) and shows the features."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ..conftest import ROOT

EXAMPLE = ROOT / "examples" / "sphinx-site"


def test_example_site_builds_with_warnings_as_errors(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "sphinx", "-W", "-t", "strict", "-q", "-b", "html"]
    result = subprocess.run(
        [*command, str(EXAMPLE), str(tmp_path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    serving = (tmp_path / "serving.html").read_text(encoding="utf-8")
    assert 'href="glossary.html#term-warm-pool"' in serving  # a project YAML term
    assert 'id="llmgloss-tip-kv-cache"' in serving
    assert 'href="#term-Goodput"' in (tmp_path / "scheduling.html").read_text(encoding="utf-8")


def test_the_warnings_demo_warns(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(EXAMPLE), str(tmp_path)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    assert "warnings-demo.rst:8: WARNING: 'XQJB' is not defined" in result.stderr
    assert "did you mean 'TTFT'? [ref.term]" in result.stderr
