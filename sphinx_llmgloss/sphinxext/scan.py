"""A page's prose, scanned once when the page is read and reused when it is written.

Matching and linting prose is most of this extension's own work in a build. Reading
has to match every page anyway (to learn which terms each page mentions), so it keeps
what it found on the doctree, which Sphinx pickles and hands to the write phase: each
mention with its text node, the ``:term:`` references, and the warnings with their
lines. Writing uses that unless it may be stale:

- the project defines its own ``glossary`` terms, which reading one page cannot know
  (they change what matches and what counts as undefined);
- the configuration, the glossary's spellings or this package's version changed;
- the doctree changed: a text node that would get a link was moved or replaced, or a
  builder inlined other pages at the toctrees (``singlehtml``, LaTeX), adding prose it
  never saw. Checking only the text nodes to link, not every one with a mention, is a
  quarter of the work and decides the same links.

Then the page is scanned again, exactly as if nothing had been kept. What cannot be
noticed cheaply is prose that another extension adds after the scan (a ``doctree-read``
handler later than this one's, priority 900, or a post-transform before priority 5),
or replaces where no link goes: its warnings are those of the prose as it was read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from docutils import nodes
from sphinx import addnodes

from ..core.lint import Linter
from ..core.match import Mention
from .prose import Prose
from .warnings import shown

ATTRIBUTE = "llmgloss_scan"  # a Python attribute of the document node, pickled with it
# The doctree stores a plain tuple, so loading an older doctree never depends on this
# module's classes; bump when the tuple changes and older scans are simply not used.
_FORMAT = 2


class Hit(NamedTuple):
    """A mention within one text node; ``start`` and ``end`` are offsets in that node."""

    node: nodes.Text
    start: int
    end: int
    text: str
    entry_ids: tuple[str, ...]


# A Hit with the index of its node in Scan.texts: strings and numbers only, so the
# garbage collector stops tracking it (see Scan).
Span = tuple[int, int, int, str, tuple[str, ...]]


@dataclass(slots=True)
class Scan:
    """What writing a page needs from its prose.

    Every doctree keeps one until its page is written, and each object the garbage
    collector tracks makes the host's full collections longer: the mentions and
    warnings are plain tuples of strings and numbers, which it stops tracking. The
    references are the nodes that links will need anyway.
    """

    key: str  # what the scan depends on; empty for a scan made while writing
    texts: tuple[nodes.Text, ...]  # the text nodes that hold mentions
    spans: tuple[Span, ...]
    term_refs: tuple[addnodes.pending_xref, ...]  # explicit :term: references
    findings: tuple[tuple[str, str, int], ...]  # warning message, subtype, source line
    toctrees: tuple[addnodes.toctree, ...]
    # By span: the reference a link there would insert, made while reading (see .autolink).
    references: tuple[addnodes.pending_xref | None, ...] = ()

    def hits(self) -> list[Hit]:
        texts = self.texts
        return [Hit(texts[i], start, end, text, ids) for i, start, end, text, ids in self.spans]


def make(text: Prose, linter: Linter, mentions: list[Mention], key: str = "") -> Scan:
    """The scan of ``text``, whose ``mentions`` ``linter`` found."""
    starts, node_at = text.starts, text.node_at
    places: dict[int, int] = {}  # index in text.texts -> index in Scan.texts
    spans = []
    for mention in mentions:
        index = node_at(mention.start)
        place = places.setdefault(index, len(places))
        base = starts[index]
        start, end = mention.start - base, mention.end - base
        spans.append((place, start, end, mention.text, mention.entry_ids))
    findings = []
    for diagnostic in linter.diagnose(text.text, text.regions, mentions):
        found = shown(diagnostic)
        if found is not None:
            findings.append((*found, _line(text, diagnostic.start)))
    texts = tuple(text.texts[index] for index in places)
    refs, toctrees = tuple(text.term_refs), tuple(text.toctrees)
    return Scan(key, texts, tuple(spans), refs, tuple(findings), toctrees)


def keep(document: nodes.document, found: Scan) -> None:
    """Store ``found`` on ``document``, for :func:`kept` when the page is written."""
    stored = (_FORMAT, found.key, found.texts, found.spans, found.term_refs, found.findings)
    setattr(document, ATTRIBUTE, (*stored, found.toctrees, found.references))


def kept(document: nodes.document, key: str) -> Scan | None:
    """The scan made when ``document`` was read, if it may still describe the document:
    made under ``key``, and with its toctrees and ``:term:`` references in place. The
    text nodes it would link in are checked by :func:`attached`: only those matter."""
    stored = getattr(document, ATTRIBUTE, None)
    if not isinstance(stored, tuple) or len(stored) != 8 or stored[0] != _FORMAT:
        return None
    found = Scan(*stored[1:])
    if not key or found.key != key:
        return None
    return found if _all_attached((*found.toctrees, *found.term_refs), document) else None


def attached(document: nodes.document, held: list[nodes.Text]) -> bool:
    """Whether each of these nodes is still in ``document`` where it was."""
    return _all_attached(tuple(held), document)


def _all_attached(held: tuple[nodes.Node, ...], root: nodes.Node) -> bool:
    """True if each node is still a child of its parent, up to ``root``."""
    known = {id(root)}  # the nodes are alive (held), so their ids are stable here
    for node in held:
        path = []
        child = node
        while id(child) not in known:
            parent = child.parent
            if parent is None or not _has_child(parent, child):
                return False
            path.append(id(child))
            child = parent
        known.update(path)
    return True


def _has_child(parent: nodes.Node, child: nodes.Node) -> bool:
    children: list[nodes.Node] = getattr(parent, "children", [])
    try:
        index = children.index(child)  # tests equality: an equal Text may come first
    except ValueError:
        return False
    return children[index] is child or any(c is child for c in children)


def _line(text: Prose, offset: int) -> int:
    """Source line of an offset: its element's line plus the line breaks of the text before it."""
    index = text.node_at(offset)
    node = text.texts[index]
    parent = node.parent
    # Not above an inlined page's start: the lines there are another file's.
    while parent is not None and parent.line is None:
        if isinstance(parent, addnodes.start_of_file):
            return 1
        parent = parent.parent
    if parent is None:
        return 1
    breaks = str(node).count("\n", 0, offset - text.starts[index])
    for before in parent.findall(nodes.Text):
        if before is node:
            break
        breaks += str(before).count("\n")
    return (parent.line or 1) + breaks  # never None here; typed as Optional
