"""Prose regions of source code: goldens per language, the Pygments fallback, robustness.

Goldens live in ``tests/golden/code/<dir>/<input>`` with ``<input>.expected.json`` beside
each input: the list of ``[kind, text]`` pairs the extractor must produce. After a
deliberate change, regenerate them with ``UPDATE_GOLDEN=1 pytest tests/test_regions_code.py``
and review the diff by eye before committing.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# The grammar wheels are test dependencies: a missing one must fail here, not skip.
import tree_sitter_bash  # noqa: F401
import tree_sitter_c  # noqa: F401
import tree_sitter_cpp  # noqa: F401
import tree_sitter_cuda  # noqa: F401
import tree_sitter_go  # noqa: F401
import tree_sitter_java  # noqa: F401
import tree_sitter_javascript  # noqa: F401
import tree_sitter_python  # noqa: F401
import tree_sitter_rust  # noqa: F401
import tree_sitter_toml  # noqa: F401
import tree_sitter_typescript  # noqa: F401
import tree_sitter_yaml  # noqa: F401

from sphinx_llmgloss.core.regions import Kind, Regions, fallback
from sphinx_llmgloss.core.regions import code as code_module
from sphinx_llmgloss.core.regions.code import extract_code, language_for
from sphinx_llmgloss.core.regions.languages import GRAMMARS

GOLDEN = Path(__file__).parent / "golden" / "code"
EXPECTED_SUFFIX = ".expected.json"
DELIMITERS = ("#", "//", "/*", "*/", '"""', "'''", "--")


def golden_inputs() -> list[Path]:
    return sorted(
        path
        for path in GOLDEN.rglob("*")
        if path.is_file() and not path.name.endswith(EXPECTED_SUFFIX)
    )


def pairs(text: str, regions: Regions) -> list[list[str]]:
    return [[region.kind.value, text[region.start : region.end]] for region in regions.prose]


def dump(found: list[list[str]]) -> str:
    lines = ",\n".join("  " + json.dumps(pair, ensure_ascii=False) for pair in found)
    return f"[\n{lines}\n]\n" if found else "[]\n"


def check_invariants(text: str, regions: Regions) -> None:
    """Sorted, disjoint, non-empty, in bounds, trimmed, and no delimiter left at the start."""
    previous_end = 0
    for region in regions.prose:
        assert previous_end <= region.start < region.end <= len(text), region
        piece = text[region.start : region.end]
        assert piece == piece.strip(), piece
        assert not piece.startswith(DELIMITERS), piece
        assert not piece.endswith("*/"), piece
        previous_end = region.end
    previous_end = 0
    for span in regions.comments:
        assert previous_end <= span.start < span.end <= len(text), span
        previous_end = span.end
        inside = [r for r in regions.prose if span.start <= r.start and r.end <= span.end]
        assert inside, f"comment span {span} holds no prose region"
    for region in regions.prose:
        if region.kind is Kind.COMMENT:
            assert any(s.start <= region.start and region.end <= s.end for s in regions.comments)


@pytest.mark.parametrize("path", golden_inputs(), ids=lambda path: str(path.relative_to(GOLDEN)))
def test_golden(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    language = language_for(str(path))
    assert language is not None, path
    if path.parent.name != "fallback":
        assert language == path.parent.name  # golden folders are named after the language
    regions = extract_code(text, language)
    check_invariants(text, regions)
    found = pairs(text, regions)
    expected_path = path.with_name(path.name + EXPECTED_SUFFIX)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        expected_path.write_text(dump(found), encoding="utf-8")
    assert found == json.loads(expected_path.read_text(encoding="utf-8"))


def test_every_golden_folder_is_tested() -> None:
    folders = {path.parent.name for path in golden_inputs()}
    assert folders == {*GRAMMARS, "fallback"}


@pytest.mark.parametrize("language", sorted(GRAMMARS))
def test_grammar_wheel_loads(language: str) -> None:
    """Every grammar this module names loads with the installed tree-sitter (ABI)."""
    assert code_module._compiled(language) is not None


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("pkg/mod.py", "python"),
        ("stubs/mod.pyi", "python"),
        ("a.js", "javascript"),
        ("a.mjs", "javascript"),
        ("a.cjs", "javascript"),
        ("a.jsx", "javascript"),
        ("a.ts", "typescript"),
        ("a.tsx", "tsx"),
        ("a.c", "c"),
        ("a.h", "cpp"),
        ("a.cc", "cpp"),
        ("a.cpp", "cpp"),
        ("a.cxx", "cpp"),
        ("a.hpp", "cpp"),
        ("a.hh", "cpp"),
        ("kernels/a.cu", "cuda"),
        ("a.cuh", "cuda"),
        ("src/lib.rs", "rust"),
        ("main.go", "go"),
        ("A.java", "java"),
        ("run.sh", "bash"),
        ("run.bash", "bash"),
        ("run.zsh", "bash"),
        ("home/.bashrc", "bash"),
        ("conf.yaml", "yaml"),
        ("conf.yml", "yaml"),
        ("pyproject.toml", "toml"),
        ("MOD.PY", "python"),
        ("C:\\src\\mod.py", "python"),
        ("Dockerfile", "docker"),
        ("Makefile", "make"),
        ("CMakeLists.txt", "cmake"),
        ("init.lua", "lua"),
        ("README.md", None),
        ("index.rst", None),
        ("notes.txt", None),
        ("data.json", None),
        ("logo.png", None),
        ("LICENSE", None),
        ("", None),
    ],
)
def test_language_for_path(path: str, expected: str | None) -> None:
    assert language_for(path) == expected


@pytest.mark.parametrize(
    ("language_id", "expected"),
    [
        ("python", "python"),
        ("javascript", "javascript"),
        ("javascriptreact", "javascript"),
        ("typescript", "typescript"),
        ("typescriptreact", "tsx"),
        ("c", "c"),
        ("cpp", "cpp"),
        ("cuda-cpp", "cuda"),
        ("rust", "rust"),
        ("go", "go"),
        ("java", "java"),
        ("shellscript", "bash"),
        ("yaml", "yaml"),
        ("toml", "toml"),
        ("lua", "lua"),
        ("dockerfile", "docker"),
        ("markdown", None),
        ("restructuredtext", None),
        ("plaintext", None),
        ("no-such-language", None),
    ],
)
def test_language_for_language_id(language_id: str, expected: str | None) -> None:
    assert language_for(language_id=language_id) == expected


def test_language_id_wins_and_path_is_the_fallback() -> None:
    assert language_for("script.txt", "python") == "python"
    assert language_for("mod.py", "plaintext") == "python"
    assert language_for() is None


HOSTILE = {
    "empty": "",
    "only newline": "\n",
    "binary junk": bytes(range(256)).decode("latin-1") * 4,
    "NUL bytes": "x = 1\x00\x00 # comment\x00\n",
    "lone surrogate": "# \udcff comment\n",
    "unterminated block comment": "/* never closed\n * still open",
    "unterminated string": 'x = "never closed\n# comment?\n',
    "unterminated docstring": 'def f():\n    """never closed\n',
    "CRLF": "# first\r\n// second\r\n/* third\r\n * fourth */\r\n",
}
LONG_LINES = {
    "long comment line": "# " + "KV cache " * 22_222 + "\n",
    "long code line": "x = [" + "1, " * 66_667 + "]  // end\n",
}


def never_raises(language: str, cases: dict[str, str]) -> None:
    for name, text in cases.items():
        regions = extract_code(text, language)
        try:
            check_invariants(text, regions)
        except AssertionError as error:
            raise AssertionError(f"{language}: {name}") from error


@pytest.mark.parametrize("language", [*sorted(GRAMMARS), "lua", "haskell", "no-such-language"])
def test_hostile_input_never_raises(language: str) -> None:
    never_raises(language, HOSTILE)


@pytest.mark.parametrize("language", ["python", "c", "go", "lua"])
def test_200_000_character_lines(language: str) -> None:
    """Slow-ish (tree-sitter's error recovery, Pygments): a few languages stand for all."""
    never_raises(language, LONG_LINES)


def test_parse_budget_spent_falls_back_to_pygments(monkeypatch: pytest.MonkeyPatch) -> None:
    used: list[str] = []

    def recording_fallback(text: str, language: str) -> Regions:
        used.append(language)
        return fallback.extract_fallback(text, language)

    monkeypatch.setattr(code_module, "PARSE_BUDGET", -1.0)
    monkeypatch.setattr(code_module, "extract_fallback", recording_fallback)
    # Tree-sitter reports progress every few hundred bytes; a tiny text would finish first.
    text = (
        "package main\n" + '// Line comment: TTFT.\nvar s = "// not a comment" /* block */\n' * 20
    )
    assert (
        pairs(text, extract_code(text, "go"))
        == [
            ["comment", "Line comment: TTFT."],
            ["comment", "block"],
        ]
        * 20
    )
    assert used == ["go"]


def test_astral_characters_before_comments() -> None:
    """Offsets count code points: an emoji is one, however many UTF-8 bytes or UTF-16 units."""
    cases = {
        "python": ('x = "😀😀"  # KV cache after 😀\n"""not a docstring"""\n', "KV cache after 😀"),
        "javascript": ('let x = "😀"; // KV cache 🚀 here\n/** JSDoc 😀 */\n', "KV cache 🚀 here"),
        "rust": ('let x = "😀"; /* KV cache */ /// doc 😀\n', "KV cache"),
        "yaml": ("key: 😀 # KV cache\n", "KV cache"),
    }
    for language, (text, expected) in cases.items():
        regions = extract_code(text, language)
        first = regions.prose[0]
        assert first.start == text.index("KV cache"), language
        assert text[first.start : first.end] == expected, language
        check_invariants(text, regions)


def test_python_docstring_offsets_after_non_ascii() -> None:
    text = '# ünïcödé 推理\ndef f():\n    """Docstring — TTFT."""\n'
    regions = extract_code(text, "python")
    assert pairs(text, regions) == [
        ["comment", "ünïcödé 推理"],
        ["docstring", "Docstring — TTFT."],
    ]
    assert [(s.start, s.end) for s in regions.comments] == [(2, 2 + len("ünïcödé 推理"))]


def test_python_docstring_prefixes_and_quotes_are_dropped() -> None:
    """Prefixes and quote styles that the formatter-clean golden file cannot show."""
    cases = {
        "def f(): b'''Bytes.'''\n": "Bytes.",
        "def f():\n    f'F-string {x}.'\n": "F-string {x}.",
        "def f():\n    u'Unicode.'\n": "Unicode.",
        'class C: Rb"Raw bytes."\n': "Raw bytes.",
        "'''Module, single quotes.'''\n": "Module, single quotes.",
    }
    for text, expected in cases.items():
        assert pairs(text, extract_code(text, "python")) == [["docstring", expected]], text


def test_comment_spans_hold_inline_controls() -> None:
    text = "x = 1  # llmgloss: ignore TTFT\n/* not python */\n"
    regions = extract_code(text, "python")
    spans = [text[span.start : span.end] for span in regions.comments]
    assert spans == ["llmgloss: ignore TTFT"]


def test_block_comment_span_covers_all_lines() -> None:
    text = "/**\n * First line.\n * llmgloss: ignore KV\n */\nint x;\n"
    regions = extract_code(text, "c")
    assert pairs(text, regions) == [
        ["docstring", "First line."],
        ["docstring", "llmgloss: ignore KV"],
    ]
    (span,) = regions.comments
    assert text[span.start : span.end] == "First line.\n * llmgloss: ignore KV"


@pytest.fixture
def fresh_caches() -> Iterator[None]:
    """Forget loaded grammars and lexers before and after a test that hides a package."""

    def clear() -> None:
        code_module._compiled.cache_clear()
        fallback.alias_for_name.cache_clear()
        fallback.alias_for_filename.cache_clear()
        fallback._lexer.cache_clear()

    clear()
    yield
    clear()


@pytest.mark.usefixtures("fresh_caches")
def test_missing_grammar_wheel_falls_back_to_pygments(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "tree_sitter_go", None)  # import now raises ImportError
    text = 'package main\n// Line comment: TTFT.\nvar s = "// not a comment" /* block */\n'
    assert code_module._compiled("go") is None
    assert pairs(text, extract_code(text, "go")) == [
        ["comment", "Line comment: TTFT."],
        ["comment", "block"],
    ]


@pytest.mark.usefixtures("fresh_caches")
def test_missing_pygments_means_no_long_tail(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pygments.lexers", None)
    assert language_for("init.lua") is None
    assert language_for(language_id="lua") is None
    assert extract_code("-- a comment\n", "lua") == Regions()
    assert language_for("mod.py") == "python"  # tree-sitter languages need no Pygments


@pytest.mark.parametrize(
    ("version", "expected"),
    [("0", False), ("0.25.2", False), ("0.26.0", False), ("0.26.1", True), ("0.27.0rc1", True)],
)
def test_only_bindings_that_cancel_safely_are_used(version: str, expected: bool) -> None:
    assert code_module._can_cancel(version) is expected


@pytest.mark.usefixtures("fresh_caches")
def test_old_binding_falls_back_to_pygments(monkeypatch: pytest.MonkeyPatch) -> None:
    import tree_sitter

    monkeypatch.setattr(tree_sitter, "__version__", "0.25.2")
    text = "// Line comment: TTFT.\nint x; /* block */\n"
    assert code_module._compiled("c") is None
    assert pairs(text, extract_code(text, "c")) == [
        ["comment", "Line comment: TTFT."],
        ["comment", "block"],
    ]


def test_fallback_stops_at_the_size_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "-- first comment\nlocal x = 1\n-- second comment\n"
    monkeypatch.setattr(fallback, "MAX_CHARS", text.index("local"))
    assert pairs(text, extract_code(text, "lua")) == [["comment", "first comment"]]


def test_fallback_stops_when_the_time_budget_is_spent(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "-- a comment\nlocal x = 1\n" * 2_000
    monkeypatch.setattr(fallback, "TIME_BUDGET", 0.0)
    regions = extract_code(text, "lua")  # partial or empty, but no error
    check_invariants(text, regions)
    assert len(regions.prose) < 2_000


def test_fallback_doc_strings_are_docstrings() -> None:
    """Pygments marks Python docstrings as String.Doc; used when the wheel is missing."""
    text = 'def f():\n    r"""Doc — TTFT."""\n    return 1  # trailing\n'
    assert pairs(text, fallback.extract_fallback(text, "python")) == [
        ["docstring", "Doc — TTFT."],
        ["comment", "trailing"],
    ]
