"""Prose regions of source code: comments, doc comments and docstrings.

The one rule: regions are what people wrote, not code. Comments lose their delimiters
(``#``, ``//``, ``/* */``, the `` * `` margin), docstrings their prefix and quotes; string
literals, preprocessor lines and shebangs are never prose. Languages with a tree-sitter
grammar wheel are parsed (error-tolerant, linear time); any other language, or one whose
wheel is missing, goes to the bounded Pygments fallback. Nothing here raises on bad input.
"""

from __future__ import annotations

import functools
import importlib
import logging
import re
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import Kind, Region, Regions, Span
from .delimiters import DocStyle, comment_body, comment_kind, prose_lines, trim
from .fallback import extract_fallback
from .languages import GRAMMARS, Grammar, language_for

if TYPE_CHECKING:
    import tree_sitter

__all__ = ["extract_code", "language_for"]

PARSE_BUDGET = 1.0  # seconds; past it the Pygments fallback (itself bounded) takes over
_CHUNK = 1 << 16  # bytes handed to tree-sitter per read

_log = logging.getLogger(__name__)
_DOCSTRING_BODIES = frozenset({"module", "function_definition", "class_definition"})
# Strings, character literals and comments in the raw text of a preprocessor line; only the
# comments matter, the literals are matched so that a ``//`` inside one is skipped.
_PREPROC_TOKENS = re.compile(
    r'"(?:\\.|[^"\\\n])*"'  # string literal
    r"|'(?:\\.|[^'\\\n])*'"  # character literal
    r"|//[^\n]*"  # line comment
    r"|/\*.*?(?:\*/|\Z)",  # block comment, perhaps unterminated
    re.DOTALL,
)
# UTF-8 continuation bytes: a code point starts at every other byte.
_CONTINUATION = bytes(range(0x80, 0xC0))


@dataclass(frozen=True, slots=True)
class _Compiled:
    """A loaded grammar and its comment query; both are immutable and thread-safe."""

    language: tree_sitter.Language
    query: tree_sitter.Query
    grammar: Grammar


def extract_code(text: str, language: str) -> Regions:
    """Comments and docstrings of ``text`` written in ``language`` (see :func:`language_for`).

    Every comment is both a prose region and a comment span (the span holds inline
    controls such as ``llmgloss: ignore TTFT``); docstrings are prose only.
    """
    compiled = _compiled(language) if language in GRAMMARS else None
    if compiled is None:
        return extract_fallback(text, language)
    # surrogatepass: a str may hold lone surrogates (from surrogateescape); never raise.
    data = text.encode("utf-8", "surrogatepass")
    tree = _parse(data, compiled.language)
    if tree is None:
        return extract_fallback(text, language)
    return _extract_parsed(text, data, tree, compiled)


@functools.cache
def _compiled(language: str) -> _Compiled | None:
    """Load a grammar on first use, so importing this module stays cheap."""
    grammar = GRAMMARS[language]
    try:
        import tree_sitter

        version = getattr(tree_sitter, "__version__", "0")  # absent before 0.26
        if not _can_cancel(version):
            _log.warning("tree-sitter %s is older than 0.26.1; using Pygments", version)
            return None
        module = importlib.import_module(grammar.module)
        loaded = tree_sitter.Language(getattr(module, grammar.function)())
        patterns = " ".join(f"({node}) @comment" for node in grammar.comment_nodes)
        if grammar.docstrings:
            patterns += " (expression_statement (string) @string)"
        if grammar.preprocessor:
            patterns += " (preproc_arg) @preproc"
        return _Compiled(loaded, tree_sitter.Query(loaded, patterns), grammar)
    except ImportError:
        _log.debug("no tree-sitter grammar for %s; using Pygments", language)
    except Exception:  # an incompatible wheel (ABI, renamed nodes) must not break callers
        _log.warning("tree-sitter grammar for %s unusable; using Pygments", language, exc_info=True)
    return None


def _parse(data: bytes, language: tree_sitter.Language) -> tree_sitter.Tree | None:
    """Parse within :data:`PARSE_BUDGET` seconds, or give up and return None.

    Tree-sitter is linear on real code (about 10 MB/s), but its error recovery can crawl on
    junk: unbounded, one 200,000-character line that is not valid C kept it busy for a minute.
    """
    import tree_sitter

    deadline = time.monotonic() + PARSE_BUDGET

    def read(offset: int, _point: tree_sitter.Point) -> bytes:
        return data[offset : offset + _CHUNK]

    def over_budget(_offset: int, _has_error: bool) -> bool:
        return time.monotonic() > deadline

    parser = tree_sitter.Parser(language)  # parsers are not thread-safe; they are cheap
    try:
        return parser.parse(read, progress_callback=over_budget)
    except ValueError:  # the binding's way to say the parse was cancelled
        _log.debug("tree-sitter parse cancelled after %s s", PARSE_BUDGET)
        return None


def _can_cancel(version: str) -> bool:
    """Whether the binding can cancel a parse; before 0.26.1 asking for that segfaults.

    Without cancelling, junk can keep tree-sitter busy for a minute (a 200,000-character
    line parsed as C), so an older binding is treated like a missing one.
    """
    numbers = tuple(int(number) for number in re.findall(r"\d+", version)[:3])
    return numbers >= (0, 26, 1)


def _extract_parsed(text: str, data: bytes, tree: tree_sitter.Tree, compiled: _Compiled) -> Regions:
    """Regions from a parse tree: comments, comments in ``#define`` bodies, docstrings."""
    import tree_sitter

    captures = tree_sitter.QueryCursor(compiled.query).captures(tree.root_node)
    found = [(node, "comment") for node in captures.get("comment", ())]
    found += [(node, "preproc") for node in captures.get("preproc", ())]
    found += [(node, "string") for node in captures.get("string", ()) if _is_docstring(node)]
    found.sort(key=lambda item: item[0].start_byte)
    to_point = _CodePoints(data, text.isascii())
    grammar = compiled.grammar
    regions = Regions()
    for node, capture in found:
        if capture == "string":
            begin, stop = _docstring_bytes(node)
            begin, stop = trim(text, to_point(begin), to_point(stop))
            if begin < stop:
                regions.prose.append(Region(begin, stop, Kind.DOCSTRING))
            continue
        start, end = to_point(node.start_byte), to_point(node.end_byte)
        if capture == "comment":
            _add_comment(text, start, end, grammar, regions)
            continue
        for token in _PREPROC_TOKENS.finditer(text, start, end):
            if token.group().startswith("/"):
                _add_comment(text, token.start(), token.end(), grammar, regions)
    return regions


def _add_comment(text: str, start: int, end: int, grammar: Grammar, regions: Regions) -> None:
    """Add the prose lines of the comment ``[start, end)`` and its span."""
    if start == 0 and text.startswith("#!"):
        return  # a shebang names the interpreter; it is not prose
    body_start, body_end, block = comment_body(text, start, end)
    triple_slash = grammar.doc_style is DocStyle.JAVADOC and text.startswith("///", start)
    if triple_slash and text[body_start:body_end].lstrip().startswith("<"):
        return  # a TypeScript triple-slash directive: markup, not prose
    kind = comment_kind(text, start, grammar.doc_style)
    lines = list(prose_lines(text, body_start, body_end, decorated=block))
    if lines:
        regions.prose.extend(Region(begin, stop, kind) for begin, stop in lines)
        regions.comments.append(Span(lines[0][0], lines[-1][1]))


def _is_docstring(string: tree_sitter.Node) -> bool:
    """A string statement first in a module, class or function body (comments aside)."""
    statement = string.parent
    if statement is None or statement.named_child_count != 1:
        return False
    body = statement.parent
    if body is None:
        return False
    if body.type == "block":
        body = body.parent
    if body is None or body.type not in _DOCSTRING_BODIES:
        return False
    previous = statement.prev_named_sibling
    while previous is not None and previous.type == "comment":
        previous = previous.prev_named_sibling
    return previous is None


def _docstring_bytes(string: tree_sitter.Node) -> tuple[int, int]:
    """The byte span between a string's opening and closing quotes."""
    start, end = string.start_byte, string.end_byte
    children = string.children
    if children and children[0].type == "string_start":
        start = children[0].end_byte
    if len(children) > 1 and children[-1].type == "string_end":
        end = children[-1].start_byte
    return start, max(start, end)


class _CodePoints:
    """Map UTF-8 byte offsets to code-point offsets; linear overall for rising offsets."""

    __slots__ = ("_ascii", "_byte", "_data", "_point")

    def __init__(self, data: bytes, ascii_only: bool) -> None:
        self._data = data
        self._ascii = ascii_only
        self._byte = 0
        self._point = 0

    def __call__(self, offset: int) -> int:
        if self._ascii:
            return offset
        if offset < self._byte:  # not expected (nodes come sorted), but stay correct
            self._byte = self._point = 0
        chunk = self._data[self._byte : offset]
        self._point += len(chunk.translate(None, _CONTINUATION))
        self._byte = offset
        return self._point
