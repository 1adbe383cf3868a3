"""``scan``/``lint`` reuse the results of unchanged files, and only of unchanged files."""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

from .conftest import run_cli

DOC = "The KV cache grows. HCCL moves it.\n"


def cache_file() -> Path:
    (found,) = Path(os.environ["LLMGLOSS_CACHE_DIR"]).glob("results-*.pickle")
    return found


def tamper(marker: str) -> None:
    """Change the stored message of every result, to see whether the store is read."""
    path = cache_file()
    stored = pickle.loads(path.read_bytes())
    for _, result in stored.values():
        result.diagnostics = [
            (d.__class__(**{**vars(d), "message": marker}), start, end)
            for d, start, end in result.diagnostics
        ]
    path.write_bytes(pickle.dumps(stored))


def messages(folder: Path, *flags: str) -> list[str]:
    result = run_cli("lint", "--format", "json", *flags, ".", cwd=folder)
    assert "Traceback" not in result.stderr
    return [record["message"] for record in json.loads(result.stdout)]


def test_unchanged_files_are_not_analysed_again(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(DOC)
    (tmp_path / "b.md").write_text("Only NCCLX here.\n")
    first = messages(tmp_path)
    assert any("'HCCL' is not defined" in m for m in first)
    tamper("from the cache")
    assert messages(tmp_path) == ["from the cache", "from the cache"]
    assert messages(tmp_path, "--no-cache") == first
    (tmp_path / "a.md").write_text(DOC + "More.\n")  # changed: analysed again
    assert messages(tmp_path) == [first[0], "from the cache"]


def test_other_settings_or_glossaries_do_not_reuse_results(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(DOC)
    messages(tmp_path)
    tamper("stale")
    assert messages(tmp_path, "--allow", "NCCL") != ["stale"]  # other settings
    (tmp_path / "g.yaml").write_text("terms:\n  - name: HCCL\n    definition: A library.\n")
    (tmp_path / "llmgloss.toml").write_text('glossaries = ["g.yaml"]\n')
    assert messages(tmp_path) == []  # a new glossary: HCCL is defined now


def test_a_corrupt_cache_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(DOC)
    first = messages(tmp_path)
    cache_file().write_bytes(b"not a pickle")
    assert messages(tmp_path) == first
    messages(tmp_path)  # stored again
    stored = pickle.loads(cache_file().read_bytes())
    # A dictionary, but not of results: a right stamp with no result, and no entry at all.
    damaged: dict[str, object] = {path: (entry[0], "no result") for path, entry in stored.items()}
    damaged["other"] = 42
    cache_file().write_bytes(pickle.dumps(damaged))
    assert messages(tmp_path) == first
