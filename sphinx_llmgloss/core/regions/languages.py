"""Which language a source file is written in, and how its tree-sitter grammar marks comments.

The one rule: every language name handed out here is a Pygments lexer alias. The names in
:data:`GRAMMARS` are parsed with tree-sitter when their grammar wheel is installed; every
name (those included, when a wheel is missing) can be lexed by the Pygments fallback.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import fallback
from .delimiters import DocStyle


@dataclass(frozen=True, slots=True)
class Grammar:
    """Where a tree-sitter grammar lives and which of its nodes are comments."""

    module: str  # import name of the grammar wheel
    function: str  # the module's function returning the language pointer
    comment_nodes: tuple[str, ...]  # node types differ between grammars
    doc_style: DocStyle = DocStyle.NONE
    docstrings: bool = False  # Python: a leading string statement documents its body
    # C family: the grammar keeps a ``#define`` body, trailing comment included, as raw text.
    preprocessor: bool = False


_C_COMMENT = ("comment",)
_SPLIT_COMMENTS = ("line_comment", "block_comment")

GRAMMARS: dict[str, Grammar] = {
    "python": Grammar("tree_sitter_python", "language", _C_COMMENT, docstrings=True),
    "javascript": Grammar("tree_sitter_javascript", "language", _C_COMMENT, DocStyle.JAVADOC),
    "typescript": Grammar(
        "tree_sitter_typescript", "language_typescript", _C_COMMENT, DocStyle.JAVADOC
    ),
    "tsx": Grammar("tree_sitter_typescript", "language_tsx", _C_COMMENT, DocStyle.JAVADOC),
    "c": Grammar("tree_sitter_c", "language", _C_COMMENT, DocStyle.DOXYGEN, preprocessor=True),
    "cpp": Grammar("tree_sitter_cpp", "language", _C_COMMENT, DocStyle.DOXYGEN, preprocessor=True),
    "cuda": Grammar(
        "tree_sitter_cuda", "language", _C_COMMENT, DocStyle.DOXYGEN, preprocessor=True
    ),
    "rust": Grammar("tree_sitter_rust", "language", _SPLIT_COMMENTS, DocStyle.DOXYGEN),
    "go": Grammar("tree_sitter_go", "language", _C_COMMENT),
    "java": Grammar("tree_sitter_java", "language", _SPLIT_COMMENTS, DocStyle.JAVADOC),
    "bash": Grammar("tree_sitter_bash", "language", _C_COMMENT),
    "yaml": Grammar("tree_sitter_yaml", "language", _C_COMMENT),
    "toml": Grammar("tree_sitter_toml", "language", _C_COMMENT),
}

# LSP languageIds (as VS Code sends them) whose name differs from ours or that share a grammar.
_LANGUAGE_IDS = {
    "javascriptreact": "javascript",
    "typescriptreact": "tsx",
    "cuda-cpp": "cuda",
    "shellscript": "bash",
    "sh": "bash",
    "zsh": "bash",
}

_EXTENSIONS = {
    **dict.fromkeys((".py", ".pyi", ".pyw"), "python"),
    **dict.fromkeys((".js", ".mjs", ".cjs", ".jsx"), "javascript"),
    **dict.fromkeys((".ts", ".mts", ".cts"), "typescript"),
    ".tsx": "tsx",
    ".c": "c",
    # VS Code opens ``.h`` as C++; the C++ grammar also reads C headers well.
    **dict.fromkeys((".h", ".cc", ".cpp", ".cxx", ".c++", ".hpp", ".hh", ".hxx", ".inl"), "cpp"),
    **dict.fromkeys((".cu", ".cuh"), "cuda"),
    ".rs": "rust",
    ".go": "go",
    ".java": "java",
    **dict.fromkeys((".sh", ".bash", ".zsh", ".ksh"), "bash"),
    **dict.fromkeys((".yaml", ".yml"), "yaml"),
    ".toml": "toml",
}

_FILENAMES = {
    **dict.fromkeys((".bashrc", ".bash_profile", ".profile", ".zshrc", ".zprofile"), "bash"),
    "Pipfile": "toml",
}


def language_for(path: str | None = None, language_id: str | None = None) -> str | None:
    """The language of a file, from the editor's languageId or else from its file name.

    The languageId wins because the user may have overridden the editor's guess. Names
    that only Pygments knows (Lua, Dockerfile, Makefile, CMakeLists.txt ...) are the long
    tail; markup and plain text are None, since they are not source code.
    """
    if language_id:
        key = language_id.lower()
        name = key if key in GRAMMARS else _LANGUAGE_IDS.get(key)
        if name is None:
            name = fallback.alias_for_name(key)
        if name is not None:
            return name
    if not path:
        return None
    filename = path.replace("\\", "/").rsplit("/", 1)[-1]
    if filename in _FILENAMES:
        return _FILENAMES[filename]
    dot = filename.rfind(".")
    if dot > 0:  # a leading dot starts a hidden file's name, not an extension
        name = _EXTENSIONS.get(filename[dot:].lower())
        if name is not None:
            return name
    return fallback.alias_for_filename(filename)
