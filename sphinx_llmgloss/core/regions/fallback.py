"""The long tail: comments of languages without a tree-sitter grammar, found with Pygments.

The one rule: bounded work. Pygments lexes in pure Python (about 1 MB/s), so only the first
:data:`MAX_CHARS` characters are lexed and lexing stops after :data:`TIME_BUDGET` seconds,
keeping what was found so far: an editor gets the comments near the top of a huge file
rather than a stall. Pygments is imported lazily and its absence means "no regions".
"""

from __future__ import annotations

import functools
import logging
import time
from typing import Any

from . import Kind, Region, Regions, Span
from .delimiters import generic_lines, string_body

MAX_CHARS = 1_000_000
TIME_BUDGET = 0.5  # seconds
_CHECK_EVERY = 256  # tokens between two looks at the clock

# Lexers for prose, markup or data without comments: other extractors (or none) handle them.
_NOT_CODE = frozenset(
    {"text", "markdown", "restructuredtext", "tex", "html", "json", "diff", "output"}
)

_log = logging.getLogger(__name__)


@functools.lru_cache(maxsize=256)
def alias_for_name(name: str) -> str | None:
    """The canonical Pygments alias for a language name or LSP languageId, if it is code."""
    try:
        from pygments.lexers import find_lexer_class_by_name
        from pygments.util import ClassNotFound
    except ImportError:
        return None
    try:
        lexer_class = find_lexer_class_by_name(name)
    except ClassNotFound:
        return None
    return _code_alias(lexer_class)


@functools.lru_cache(maxsize=256)
def alias_for_filename(filename: str) -> str | None:
    """The canonical Pygments alias for a file name (``Dockerfile``, ``x.lua``), if it is code.

    The first call scans installed packages for Pygments plugins (a few hundred ms in a
    large environment); later calls take well under a millisecond.
    """
    try:
        from pygments.lexers import find_lexer_class_for_filename
    except ImportError:
        return None
    try:
        lexer_class = find_lexer_class_for_filename(filename)
    except Exception:  # lexer plugins are third-party code; a broken one must not break us
        _log.debug("Pygments failed to look up %r", filename, exc_info=True)
        return None
    return _code_alias(lexer_class)


def _code_alias(lexer_class: Any) -> str | None:
    aliases: list[str] = list(getattr(lexer_class, "aliases", None) or ())
    if not aliases or aliases[0] in _NOT_CODE:
        return None
    return aliases[0]


@functools.lru_cache(maxsize=64)
def _lexer(alias: str) -> Any:
    """A Pygments lexer instance, or None; lexers keep no state between calls."""
    try:
        from pygments.lexers import get_lexer_by_name
    except ImportError:
        return None
    try:
        return get_lexer_by_name(alias)
    except Exception:  # unknown alias or a broken plugin: no regions, not an error
        return None


def extract_fallback(text: str, alias: str) -> Regions:
    """Comments and doc strings of ``text`` in the language Pygments knows as ``alias``."""
    lexer = _lexer(alias)
    regions = Regions()
    if lexer is None or not text:
        return regions
    for start, end, kind in _runs(lexer, text[:MAX_CHARS]):
        if start == 0 and text.startswith("#!"):
            continue  # a shebang names the interpreter; it is not prose
        if kind is Kind.DOCSTRING:
            begin, stop = string_body(text, start, end)
            if begin < stop:
                regions.prose.append(Region(begin, stop, kind))
            continue
        found = [Region(begin, stop, kind) for begin, stop in generic_lines(text, start, end)]
        if found:
            regions.prose.extend(found)
            regions.comments.append(Span(found[0].start, found[-1].end))
    return regions


def _runs(lexer: Any, source: str) -> list[tuple[int, int, Kind]]:
    """Adjacent comment (or doc string) tokens merged into runs, within the time budget."""
    from pygments.token import Comment, String

    skipped = (Comment.Preproc, Comment.PreprocFile, Comment.Hashbang)
    deadline = time.monotonic() + TIME_BUDGET
    runs: list[tuple[int, int, Kind]] = []
    # Lexers may rely on a final newline; it adds no offsets before the end of ``source``.
    padded = source if source.endswith("\n") else source + "\n"
    try:
        tokens = lexer.get_tokens_unprocessed(padded)
        for count, (index, token, value) in enumerate(tokens):
            if count % _CHECK_EVERY == 0 and time.monotonic() > deadline:
                _log.debug("Pygments time budget spent at offset %d", index)
                break
            if token in String.Doc:
                kind = Kind.DOCSTRING
            elif token in Comment and not any(token in skip for skip in skipped):
                kind = Kind.COMMENT
            else:
                continue
            end = min(index + len(value), len(source))
            if not value or not padded.startswith(value, index):
                continue  # a lexer whose offsets do not match the text: trust none of it
            if runs and runs[-1][1] == index and runs[-1][2] is kind:
                runs[-1] = (runs[-1][0], end, kind)
            else:
                runs.append((index, end, kind))
    except Exception:  # a lexer bug on odd input: keep what was found so far
        _log.debug("Pygments lexer %r failed", lexer, exc_info=True)
    return runs
