"""Which text of a doctree is prose: the one place that decides where terms may be linked.

Text under titles, captions, code, math, raw markup, references, footnote and
citation labels, option lists' options, glossary terms, toctrees, API signatures and
parameter names, abbreviations, interface labels, sphinx-design card titles and
badges, or any element with the ``llmgloss-skip`` class is never prose. The prose
text nodes of a document are joined into one string so that the core matcher and
linter run once per document.

Builders that write one output from many pages (``singlehtml``, LaTeX) inline each
page's doctree under a ``start_of_file`` node. Collecting stops there and lists those
nodes, so that each inlined page is collected, checked and opted out on its own.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from docutils import nodes
from sphinx import addnodes

from ..core.regions import Kind, Region, Regions, Span
from ..core.regions.urls import without_urls

SKIP_CLASS = "llmgloss-skip"
OWN_CLASSES = frozenset({SKIP_CLASS, "llmgloss-glossary", "llmgloss-tips"})
# Headings and labels that are not title nodes: sphinx-design's card titles and badges,
# Sphinx's :guilabel: and :menuselection: roles.
_LABEL_CLASSES = frozenset({"sd-card-title", "sd-badge", "guilabel", "menuselection"})
_SKIPPED_CLASSES = OWN_CLASSES | _LABEL_CLASSES
SEPARATOR = "\n\n"
SKIP_PAGE = re.compile(r"llmgloss:\s*skip-page\b")
_TEXT, _SKIP, _DESCEND, _FILE = "text", "skip", "descend", "file"
_CATEGORY: dict[type, str] = {}  # by node class: one dict look-up per node

_NOT_PROSE: tuple[type[nodes.Node], ...] = (
    nodes.title,
    nodes.subtitle,
    nodes.rubric,
    nodes.caption,
    nodes.literal,
    nodes.literal_block,
    nodes.doctest_block,
    nodes.raw,
    nodes.math,
    nodes.math_block,
    nodes.reference,
    nodes.target,
    nodes.comment,
    nodes.term,
    nodes.abbreviation,
    nodes.substitution_definition,
    nodes.system_message,
    nodes.problematic,
    nodes.image,
    nodes.field_name,
    nodes.option_group,  # an option list's options and their arguments (--model NAME)
    nodes.classifier,  # the type after a definition-list term (``name : str``)
    nodes.label,  # footnote and citation labels: Sphinx makes them backlinks
    nodes.footnote_reference,
    nodes.citation_reference,
    addnodes.pending_xref,
    addnodes.toctree,
    addnodes.desc_signature,
    addnodes.literal_strong,  # parameter names in typed field lists (:param tokens:)
    addnodes.literal_emphasis,  # and their types
    addnodes.manpage,
    addnodes.index,
)


@dataclass
class Prose:
    """A document's prose text nodes joined into ``text``, with their offsets."""

    text: str
    texts: list[nodes.Text]
    starts: list[int]
    regions: Regions
    skip_page: bool = False  # a comment says ``llmgloss: skip-page``
    term_refs: list[addnodes.pending_xref] = field(default_factory=list)  # :term: references
    terms: list[nodes.term] = field(default_factory=list)  # definition-list terms
    toctrees: list[addnodes.toctree] = field(default_factory=list)  # see .scan
    files: list[addnodes.start_of_file] = field(default_factory=list)  # inlined pages

    def node_at(self, offset: int) -> int:
        """Index of the text node that contains ``offset``."""
        return bisect_right(self.starts, offset) - 1


def _category(kind: type) -> str:
    if issubclass(kind, nodes.Text):
        return _TEXT
    if issubclass(kind, addnodes.start_of_file):
        return _FILE
    return _SKIP if issubclass(kind, _NOT_PROSE) else _DESCEND


def collect(doctree: nodes.Node) -> Prose:
    """The prose of ``doctree``, and its comments (reST ``..`` and raw HTML comments of
    MyST), so that inline controls and ``llmgloss: skip-page`` work; not the pages
    inlined below it, which are listed in ``files``."""
    texts: list[nodes.Text] = []
    starts: list[int] = []
    offset = 0
    gap = len(SEPARATOR)
    comments: list[str] = []
    term_refs: list[addnodes.pending_xref] = []
    terms: list[nodes.term] = []
    toctrees: list[addnodes.toctree] = []
    files: list[addnodes.start_of_file] = []
    stack: list[nodes.Node] = [doctree]
    # Local names: this loop visits every node of every page.
    pop, push, categories = stack.pop, stack.extend, _CATEGORY
    while stack:
        node = pop()
        kind = type(node)
        category = categories.get(kind)
        if category is None:
            category = categories[kind] = _category(kind)
        if category is _TEXT:
            starts.append(offset)
            texts.append(node)  # type: ignore[arg-type]
            offset += len(node) + gap  # type: ignore[arg-type]
            continue
        if category is _SKIP:
            if kind is addnodes.pending_xref and node.get("reftype") == "term":  # type: ignore[attr-defined]
                term_refs.append(node)  # type: ignore[arg-type]
            elif kind is nodes.term:
                terms.append(node)  # type: ignore[arg-type]
            elif kind is addnodes.toctree:
                toctrees.append(node)  # type: ignore[arg-type]
            elif kind is nodes.comment or (
                kind is nodes.raw and node.astext().lstrip().startswith("<!--")
            ):
                comments.append(node.astext())
            continue
        if category is _FILE and node is not doctree:
            files.append(node)  # type: ignore[arg-type]
            continue
        # The attribute dict directly: Element.__getitem__ is a Python call per node.
        classes = node.attributes["classes"]  # type: ignore[attr-defined]
        if classes and not _SKIPPED_CLASSES.isdisjoint(classes):
            continue
        if node.children:
            push(reversed(node.children))
    prose = _joined(texts, starts, offset, comments)
    prose.term_refs, prose.terms, prose.toctrees = term_refs, terms, toctrees
    prose.files = files
    return prose


def _joined(texts: list[nodes.Text], starts: list[int], offset: int, comments: list[str]) -> Prose:
    """Join the prose texts and then the comments; regions are built in one pass."""
    new, text_kind = tuple.__new__, Kind.TEXT
    regions = Regions()
    regions.prose = [
        new(Region, (s, s + len(t), text_kind)) for s, t in zip(starts, texts, strict=True)
    ]
    parts: list[str] = [*texts]
    skip_page = False
    for comment in comments:
        parts.append(comment)
        regions.comments.append(Span(offset, offset + len(comment)))
        offset += len(comment) + len(SEPARATOR)
        skip_page = skip_page or bool(SKIP_PAGE.search(comment))
    joined = SEPARATOR.join(parts)
    # MyST leaves a bare URL as text unless linkify is on; no link goes inside one.
    regions.prose = without_urls(joined, regions.prose)
    return Prose(joined, texts, starts, regions, skip_page)
