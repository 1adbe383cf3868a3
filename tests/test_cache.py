"""The per-user cache of glossaries and matchers: reused, invalidated, never trusted blindly."""

from __future__ import annotations

import io
import os
import pickle
from pathlib import Path

import pytest

from sphinx_llmgloss.core.config import Config
from sphinx_llmgloss.core.sources import load_glossary

TEXT = "The KV cache and TTFT of our Widget."


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("LLMGLOSS_CACHE_DIR", str(folder))
    return folder


def project(tmp_path: Path, definition: str = "A gadget.") -> Config:
    (tmp_path / "g.yaml").write_text(f"terms:\n  - name: Widget\n    definition: {definition}\n")
    return Config(glossaries=("g.yaml",), root=str(tmp_path))


def test_second_load_comes_with_its_matcher(tmp_path: Path, cache: Path) -> None:
    config = project(tmp_path)
    first = load_glossary(config)
    names = sorted(p.name for p in cache.glob("*.pickle"))
    assert len(names) == 2 and names[0].endswith("-matcher.pickle")
    second = load_glossary(config)
    assert "matcher" in second.__dict__  # loaded, not rebuilt
    assert second.entries == first.entries
    assert second.matcher.find(TEXT) == first.matcher.find(TEXT)
    assert [m.text for m in second.matcher.find(TEXT)] == ["KV cache", "TTFT", "Widget"]


def test_lookup_does_not_build_a_matcher(tmp_path: Path, cache: Path) -> None:
    glossary = load_glossary(project(tmp_path), for_matching=False)
    assert "matcher" not in glossary.__dict__
    assert not list(cache.glob("*-matcher.pickle"))


def test_an_edited_glossary_is_read_again(tmp_path: Path, cache: Path) -> None:
    load_glossary(project(tmp_path))
    config = project(tmp_path, "A bigger gadget.")
    os.utime(tmp_path / "g.yaml", ns=(1, 1))  # a different modification time, whatever the clock
    assert load_glossary(config).lookup("Widget")[0].definition == "A bigger gadget."


def test_a_corrupt_cache_falls_back_to_the_source(tmp_path: Path, cache: Path) -> None:
    config = project(tmp_path)
    load_glossary(config)
    for path in cache.glob("*.pickle"):
        path.write_bytes(b"not a pickle")
    glossary = load_glossary(config)
    assert [m.text for m in glossary.matcher.find(TEXT)] == ["KV cache", "TTFT", "Widget"]


class Refused:
    """Unpickles with an error no pickle module raises itself, as an extension's type
    from another build may."""

    def __init__(self) -> None:
        self.state = "from another build"

    def __setstate__(self, state: object) -> None:
        raise ValueError("not this build's automaton")


def test_an_entry_that_fails_to_unpickle_in_any_way_falls_back(tmp_path: Path, cache: Path) -> None:
    config = project(tmp_path)
    load_glossary(config)
    for path in cache.glob("*.pickle"):
        path.write_bytes(pickle.dumps(Refused()))
    glossary = load_glossary(config)
    assert [m.text for m in glossary.matcher.find(TEXT)] == ["KV cache", "TTFT", "Widget"]


def test_no_cache_writes_nothing(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LLMGLOSS_NO_CACHE", "1")
    load_glossary(project(tmp_path))
    assert not cache.exists()


def test_each_interpreter_has_its_own_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sphinx_llmgloss.core import cache

    (tmp_path / "g.yaml").write_text("terms: []\n")
    key = cache.cache_key([tmp_path / "g.yaml"])
    monkeypatch.setattr("sys.version", "3.99.0 (another build)")
    assert cache.cache_key([tmp_path / "g.yaml"]) != key


class _Classes(pickle.Unpickler):
    """Notes the module of every class a pickle names."""

    def __init__(self, data: bytes) -> None:
        super().__init__(io.BytesIO(data))
        self.modules: set[str] = set()

    def find_class(self, module: str, name: str) -> object:
        self.modules.add(module)
        return super().find_class(module, name)


def test_key_covers_every_module_whose_classes_are_cached(tmp_path: Path, cache: Path) -> None:
    from sphinx_llmgloss.core import cache as cache_module

    # A duplicate id: the glossary keeps a Problem with its Location.
    (tmp_path / "g.yaml").write_text(
        "terms:\n  - name: Widget\n    definition: A.\n  - name: Widget\n    definition: B.\n"
    )
    glossary = load_glossary(Config(glossaries=("g.yaml",), root=str(tmp_path)))
    assert glossary.problems
    for value in (glossary, glossary.matcher):
        reader = _Classes(pickle.dumps(value))
        reader.load()
        ours = {
            m.rsplit(".", 1)[-1] for m in reader.modules if m.startswith("sphinx_llmgloss.core")
        }
        covered = {path.stem for path in cache_module._CODE}
        assert ours <= covered, f"cached classes from modules the key ignores: {ours - covered}"
