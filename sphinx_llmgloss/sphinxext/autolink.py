"""The post-transform that links glossary terms in prose and reports undefined jargon.

It runs before Sphinx resolves references (priority 5 < 10) and inserts the same
``pending_xref`` node that ``:term:`` produces, so every builder resolves the links.
Mentions come from the core matcher only (through :mod:`.scan`, usually made when the
page was read); this module just decides which to link. The nodes for the likely links
are made while the page is read, as ``:term:`` makes its own (see :func:`prepare`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.tags import Tags

from ..core.glossary import Glossary
from ..core.keys import normalize_key
from . import prose, scan
from .directives import term_xref
from .gcpause import collector_paused
from .scan import Hit, Scan
from .state import Runtime, env_data, runtime
from .warnings import warn

TERM_CLASS = "llmgloss-term"
LINKED_IDS = "llmgloss_linked"  # Python attribute of the document: entry ids it links to
ID_CLASS_PREFIX = "llmgloss-id-"

Choice = tuple[Hit, str, str]  # a mention to link, its entry id and its link target


class AutoLink(SphinxPostTransform):
    """Link mentions of glossary terms; mark explicit term references for tooltips."""

    default_priority = 5

    @collector_paused
    def run(self, **kwargs: Any) -> None:
        state = runtime(self.env)
        glossary = state.linter(self.env).glossary
        linked: list[str] = []
        for docname, found, chosen in self._pages(state):
            for message, subtype, line in found.findings:
                warn(message, subtype, (docname, line))
            linked.extend(_mark_explicit(found.term_refs, glossary))
            _insert(chosen, docname, found)
            linked.extend(entry_id for _, entry_id, _ in chosen)
        # Read by the tooltip post-transform, which runs next on this same doctree.
        setattr(self.document, LINKED_IDS, list(dict.fromkeys(linked)))

    def _pages(self, state: Runtime) -> Iterator[tuple[str, Scan, list[Choice]]]:
        """Each source page in this doctree, its scan and the mentions to link, unless
        the page opts out.

        Usually that is the one page, with the scan kept from reading, used if the text
        nodes to link are still in the doctree. A builder that inlines pages
        (``singlehtml``, LaTeX) gets each inlined page on its own, so links, warnings
        and opt-outs are the same as in a build of separate pages.
        """
        docname = self.env.docname
        kept = self._kept_scan(state)
        if kept is not None:
            if self._opted_out(state, docname):
                return
            chosen = _choose(kept, state, self.env)
            if scan.attached(self.document, [hit.node for hit, _, _ in chosen]):
                yield docname, kept, chosen
                return
        linter = state.linter(self.env)
        pending: list[tuple[str, nodes.Node]] = [(docname, self.document)]
        while pending:  # depth first, in document order
            name, root = pending.pop()
            text = prose.collect(root)
            pending.extend((str(page["docname"]), page) for page in reversed(text.files))
            if not self._opted_out(state, name):
                found = scan.make(text, linter, linter.mentions(text.text, text.regions))
                yield name, found, _choose(found, state, self.env)

    def _opted_out(self, state: Runtime, docname: str) -> bool:
        return state.excludes(docname) or docname in env_data(self.env).skipped_docs

    def _kept_scan(self, state: Runtime) -> Scan | None:
        if state.linter(self.env) is not state.read_linter():
            return None  # project glossary terms: reading did not know them
        return scan.kept(self.document, state.scan_key())


def _mark_explicit(refs: Sequence[addnodes.pending_xref], glossary: Glossary) -> list[str]:
    """Give ``:term:`` references to known entries the classes tooltips look for."""
    ids = []
    for ref in refs:
        if ref.get("refdomain") != "std" or not ref.children:
            continue
        found = glossary.lookup(ref["reftarget"])
        inner = ref.children[0]
        if found and isinstance(inner, nodes.Element):
            inner["classes"] += [TERM_CLASS, ID_CLASS_PREFIX + found[0].id]
            ids.append(found[0].id)
    return ids


def _choose(found: Scan, state: Runtime, env: Any) -> list[Choice]:
    """(mention, entry id, link target) for the mentions the link mode keeps."""
    mode = state.config.link
    if mode == "none":
        return []
    targets = state.targets(env)
    tags = state.builder.tags
    excluded = {normalize_key(t) for t in state.config.exclude_terms}
    seen: set[tuple[int, str]] = set()
    chosen = []
    for hit in found.hits():
        entry_id = next((i for i in hit.entry_ids if i in targets), None)
        if entry_id is None or _is_excluded(entry_id, hit.text, state, excluded):
            continue
        node = hit.node
        scope = 0 if mode != "section" else _section_key(node)
        # Cheap test first: most mentions repeat a term already linked in their scope.
        if mode != "every" and (scope, entry_id) in seen:
            continue
        if _unlinkable(node, targets[entry_id], tags):
            continue
        seen.add((scope, entry_id))
        chosen.append((hit, entry_id, targets[entry_id]))
    return chosen


def _is_excluded(entry_id: str, text: str, state: Runtime, excluded: set[str]) -> bool:
    if not excluded:
        return False
    if normalize_key(text) in excluded or entry_id in excluded:
        return True
    entry = state.glossary_entry(entry_id)
    return entry is not None and any(normalize_key(n) in excluded for n in entry.names())


def _unlinkable(node: nodes.Node, target: str, tags: Tags) -> bool:
    """True inside the definition of ``target`` itself (no self-links), and inside an
    ``only`` block that this builder leaves out (Sphinx drops it after this transform,
    and the page's first mention must be one that stays)."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.definition_list_item):
            if any(term.astext() == target for term in parent.findall(nodes.term)):
                return True
        elif isinstance(parent, addnodes.only) and not _kept(parent, tags):
            return True
        parent = parent.parent
    return False


def _kept(block: addnodes.only, tags: Tags) -> bool:
    """Whether Sphinx keeps an ``only`` block for this builder (it keeps it when the
    expression cannot be evaluated, and warns)."""
    try:
        return bool(tags.eval_condition(block["expr"]))
    except Exception:
        return True


def _section_key(node: nodes.Node) -> int:
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.section):
        parent = parent.parent
    return id(parent)


def prepare(found: Scan, mode: str) -> tuple[addnodes.pending_xref | None, ...]:
    """The references that linking will most likely insert, made while the page is read:
    for the first mention of each term (per section, or every mention, as ``mode`` says).

    Sphinx keeps each doctree from reading until its page is written, and Python's
    garbage collector counts nodes made with it as part of that long-lived heap. The
    same nodes made while writing count as new long-lived objects: on a 131-page
    project, its 863 links made so brought one more full collection of the whole heap
    (Python 3.13). Which mentions get links is still decided when the page is written;
    a link elsewhere gets a new reference.
    """
    if mode == "none":
        return ()
    seen: set[tuple[int, str]] = set()
    made: list[addnodes.pending_xref | None] = []
    for index, _, _, text, entry_ids in found.spans:  # no Hit per mention: most repeat
        scope = 0 if mode != "section" else _section_key(found.texts[index])
        first = (scope, entry_ids[0])
        made.append(None if mode != "every" and first in seen else _reference(text, first[1]))
        seen.add(first)
    return tuple(made)


def _reference(title: str, entry_id: str) -> addnodes.pending_xref:
    """An automatic link's reference, without its target and page (set when inserted)."""
    ref = term_xref(title, "", TERM_CLASS, ID_CLASS_PREFIX + entry_id)
    ref["refwarn"] = False
    ref["classes"].append("llmgloss-auto")
    return ref


def _unused(ref: addnodes.pending_xref | None, entry_id: str) -> addnodes.pending_xref | None:
    """``ref`` if it was made for a link to this entry and is in no doctree yet."""
    if ref is None or ref.parent is not None or not ref.children:
        return None
    inline = ref.children[0]
    made_for = isinstance(inline, nodes.Element) and ID_CLASS_PREFIX + entry_id in inline["classes"]
    return ref if made_for else None


def _insert(chosen: list[Choice], docname: str, found: Scan) -> None:
    """Split text nodes around the chosen mentions and insert term references."""
    made = {
        (id(found.texts[span[0]]), span[1]): ref
        for span, ref in zip(found.spans, found.references, strict=False)
        if ref is not None
    }
    by_node: dict[int, list[Choice]] = {}
    for item in chosen:
        by_node.setdefault(id(item[0].node), []).append(item)
    for items in by_node.values():
        node = items[0][0].node
        value = str(node)
        parts: list[nodes.Node] = []
        at = 0
        for hit, entry_id, target in items:
            if hit.start > at:
                parts.append(nodes.Text(value[at : hit.start]))
            ref = _unused(made.get((id(node), hit.start)), entry_id)
            if ref is None:
                ref = _reference(value[hit.start : hit.end], entry_id)
            ref["reftarget"] = target
            ref["refdoc"] = docname
            parts.append(ref)
            at = hit.end
        if at < len(value):
            parts.append(nodes.Text(value[at:]))
        node.parent.replace(node, parts)
