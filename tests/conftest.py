"""Shared fixtures: an isolated cache folder, the book's seed glossary, CLI runner."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_e2a3d5c96bb3678a.txt"


@pytest.fixture(autouse=True)
def _isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never read or write the user's real cache from tests."""
    monkeypatch.setenv("LLMGLOSS_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.is_file():
        pytest.skip("the book's seed glossary (../shared/seed) is not present")
    return SEED.read_text(encoding="utf-8")


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``llmgloss`` in a fresh interpreter, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "sphinx_llmgloss.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        encoding="utf-8",
        check=False,
    )
