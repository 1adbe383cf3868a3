"""Bare URLs in prose: ``github.com/LMCache/LMCache`` is a path, not two mentions of LMCache.

The Markdown and reST extractors know their own link syntax. This is for the prose that
arrives without it: plain text, comments and docstrings in code, and the text nodes of a
Sphinx doctree, where MyST leaves a URL as text unless its ``linkify`` extension is on.
"""

from __future__ import annotations

import re

from . import Region

# A scheme (https://, ftp://, git+ssh://) or www., then everything up to white space or a
# quote; punctuation that ends a sentence or closes a bracket is not part of the URL.
_URL = re.compile(r"(?<![\w.+-])(?:[A-Za-z][\w+.-]*://|www\.)[^\s<>\"'`]*[^\s<>\"'`.,;:!?)\]]")


def without_urls(text: str, prose: list[Region]) -> list[Region]:
    """``prose`` (sorted regions of ``text``) with the bare URLs in it cut out; the same
    list when there are none."""
    if "://" not in text and "www." not in text:
        return prose  # nearly every page: two substring scans decide
    urls = [hit.span() for hit in _URL.finditer(text)]
    if not urls:
        return prose
    kept: list[Region] = []
    first = 0
    for region in prose:
        while first < len(urls) and urls[first][1] <= region.start:
            first += 1
        start, at = region.start, first
        while at < len(urls) and urls[at][0] < region.end:
            if urls[at][0] > start:
                kept.append(Region(start, urls[at][0], region.kind))
            start = max(start, urls[at][1])
            at += 1
        if start < region.end:
            kept.append(Region(start, region.end, region.kind))
    return kept
