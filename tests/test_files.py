"""Walking folders and reading files: ignores, includes, bad bytes, size limits."""

from __future__ import annotations

from pathlib import Path

from sphinx_llmgloss.core.config import Config
from sphinx_llmgloss.core.files import Skipped, read_source, walk


def make(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def walked(root: Path, config: Config) -> list[str]:
    return [
        str(p.relative_to(root)) if isinstance(p, Path) else f"skipped {p.path}"
        for p in walk([root], config)
    ]


def test_gitignore_hidden_and_include_patterns(tmp_path: Path) -> None:
    make(
        tmp_path,
        {
            ".gitignore": "build/\n*.tmp.md\n",
            "a.md": "",
            "b.rst": "",
            "c.py": "",
            "notes.tmp.md": "",
            "build/out.md": "",
            ".hidden/x.md": "",
            ".github/y.md": "",
            "docs/.gitignore": "private.md\n",
            "docs/private.md": "",
            "docs/public.md": "",
            "other/private.md": "",
        },
    )
    assert walked(tmp_path, Config()) == ["a.md", "b.rst", "docs/public.md", "other/private.md"]
    with_code = Config(include=("*.md", "*.py"), exclude=("other/",))
    assert walked(tmp_path, with_code) == ["a.md", "c.py", "docs/public.md"]


def test_named_files_are_always_read_and_missing_ones_reported(tmp_path: Path) -> None:
    make(tmp_path, {"build/out.md": "", ".gitignore": "build/\n"})
    found = list(walk([tmp_path / "build" / "out.md", tmp_path / "nope.md"], Config()))
    assert found[0] == tmp_path / "build" / "out.md"
    assert found[1] == Skipped(str(tmp_path / "nope.md"), "no such file or folder")


def test_binary_oversized_and_undecodable_files(tmp_path: Path) -> None:
    make(
        tmp_path,
        {
            "bin.md": b"PK\x03\x04\x00\x00",
            "big.md": "x" * 100,
            "latin.md": b"line one\ncaf\xe9\n",
            "ok.md": "fine\n",
        },
    )
    assert read_source(tmp_path / "bin.md", 1000) == (None, "skipped: binary file")
    assert read_source(tmp_path / "big.md", 10) == (
        None,
        "skipped: 100 bytes is over max_file_size (10)",
    )
    text, note = read_source(tmp_path / "latin.md", 1000)
    assert text == "line one\ncaf\ufffd\n"
    assert note == "line 2: bytes that are not UTF-8 were replaced with U+FFFD"
    assert read_source(tmp_path / "ok.md", 1000) == ("fine\n", None)
