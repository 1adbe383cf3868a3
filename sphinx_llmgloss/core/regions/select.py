"""Pick the region extractor for a file: by LSP language id, else by file name."""

from __future__ import annotations

from pathlib import PurePath

from . import Region, Regions

MARKDOWN, RST, TEXT = "markdown", "rst", "text"

_MARKUP_IDS = {
    "markdown": MARKDOWN,
    "myst": MARKDOWN,
    "mdx": MARKDOWN,
    "restructuredtext": RST,
    "rst": RST,
    "plaintext": TEXT,
    "text": TEXT,
}
_MARKUP_SUFFIXES = {
    ".md": MARKDOWN,
    ".markdown": MARKDOWN,
    ".mdx": MARKDOWN,
    ".myst": MARKDOWN,
    ".rst": RST,
    ".rest": RST,
    ".txt": TEXT,
    ".text": TEXT,
}


def filetype_for(path: str | None = None, language_id: str | None = None) -> str | None:
    """``markdown``, ``rst``, ``text`` or a code language name; None when unsupported."""
    from .code import language_for

    if language_id and language_id.lower() in _MARKUP_IDS:
        return _MARKUP_IDS[language_id.lower()]
    code = language_for(None, language_id) if language_id else None
    if code:
        return code
    if path:
        suffix = PurePath(path).suffix.lower()
        if suffix in _MARKUP_SUFFIXES:
            return _MARKUP_SUFFIXES[suffix]
        return language_for(path, None)
    return None


def extract(text: str, filetype: str) -> Regions:
    """The prose regions and markup facts of ``text`` read as ``filetype``."""
    if filetype == MARKDOWN:
        from .markdown import extract_markdown

        return extract_markdown(text)
    if filetype == RST:
        from .rst import extract_rst

        return extract_rst(text)
    from .urls import without_urls

    if filetype == TEXT:
        return Regions(prose=without_urls(text, [Region(0, len(text))] if text else []))
    from .code import extract_code

    regions = extract_code(text, filetype)
    regions.prose = without_urls(text, regions.prose)
    return regions
