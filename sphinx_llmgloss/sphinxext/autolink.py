"""The post-transform that links glossary terms in prose and reports undefined jargon.

It runs before Sphinx resolves references (priority 5 < 10) and inserts the same
``pending_xref`` node that ``:term:`` produces, so every builder resolves the links.
Mentions come from the core matcher only; this module just decides which to link.
"""

from __future__ import annotations

from fnmatch import fnmatchcase
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..core.glossary import Glossary
from ..core.keys import normalize_key
from ..core.match import Mention
from . import prose
from .directives import term_xref
from .gcpause import collector_paused
from .state import Runtime, env_data, runtime
from .warnings import report_diagnostic

TERM_CLASS = "llmgloss-term"
LINKED_IDS = "llmgloss_linked"  # Python attribute of the document: entry ids it links to
ID_CLASS_PREFIX = "llmgloss-id-"


class AutoLink(SphinxPostTransform):
    """Link mentions of glossary terms; mark explicit term references for tooltips."""

    default_priority = 5

    @collector_paused
    def run(self, **kwargs: Any) -> None:
        docname = self.env.docname
        state = runtime(self.env)
        if _page_excluded(docname, state) or docname in env_data(self.env).skipped_docs:
            return
        linter = state.linter(self.env)
        text = prose.collect(self.document)
        linked = _mark_explicit(text.term_refs, linter.glossary)
        mentions = linter.mentions(text.text, text.regions)
        for diagnostic in linter.diagnose(text.text, text.regions, mentions):
            report_diagnostic(diagnostic, (docname, _line(text, diagnostic.start)))
        chosen = _choose(text, mentions, state, self.env)
        _insert(text, chosen, docname)
        linked.extend(entry_id for _, entry_id, _ in chosen)
        # Read by the tooltip post-transform, which runs next on this same doctree.
        setattr(self.document, LINKED_IDS, list(dict.fromkeys(linked)))


def _page_excluded(docname: str, state: Runtime) -> bool:
    return any(fnmatchcase(docname, pattern) for pattern in state.config.exclude_pages)


def _mark_explicit(refs: list[addnodes.pending_xref], glossary: Glossary) -> list[str]:
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


def _choose(
    text: prose.Prose, mentions: list[Mention], state: Runtime, env: Any
) -> list[tuple[Mention, str, str]]:
    """(mention, entry id, link target) for the mentions the link mode keeps."""
    mode = state.config.link
    if mode == "none":
        return []
    targets = state.targets(env)
    excluded = {normalize_key(t) for t in state.config.exclude_terms}
    seen: set[tuple[int, str]] = set()
    chosen = []
    for mention in mentions:
        entry_id = next((i for i in mention.entry_ids if i in targets), None)
        if entry_id is None or _is_excluded(entry_id, mention, state, excluded):
            continue
        node = text.texts[text.node_at(mention.start)]
        if _defines(node, targets[entry_id]):
            continue
        scope = 0 if mode != "section" else _section_key(node)
        if mode != "every" and (scope, entry_id) in seen:
            continue
        seen.add((scope, entry_id))
        chosen.append((mention, entry_id, targets[entry_id]))
    return chosen


def _is_excluded(entry_id: str, mention: Mention, state: Runtime, excluded: set[str]) -> bool:
    if not excluded:
        return False
    if normalize_key(mention.text) in excluded or entry_id in excluded:
        return True
    entry = state.glossary_entry(entry_id)
    return entry is not None and any(normalize_key(n) in excluded for n in entry.names())


def _defines(node: nodes.Node, target: str) -> bool:
    """True inside the definition of ``target`` itself (no self-links)."""
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.definition_list_item):
        parent = parent.parent
    if parent is None:
        return False
    return any(term.astext() == target for term in parent.findall(nodes.term))


def _section_key(node: nodes.Node) -> int:
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.section):
        parent = parent.parent
    return id(parent)


def _insert(text: prose.Prose, chosen: list[tuple[Mention, str, str]], docname: str) -> None:
    """Split text nodes around the chosen mentions and insert term references."""
    by_node: dict[int, list[tuple[Mention, str, str]]] = {}
    for item in chosen:
        by_node.setdefault(text.node_at(item[0].start), []).append(item)
    for index, items in by_node.items():
        node = text.texts[index]
        base = text.starts[index]
        value = str(node)
        parts: list[nodes.Node] = []
        at = 0
        for mention, entry_id, target in items:
            start, end = mention.start - base, mention.end - base
            if start > at:
                parts.append(nodes.Text(value[at:start]))
            ref = term_xref(value[start:end], target, TERM_CLASS, ID_CLASS_PREFIX + entry_id)
            ref["refdoc"] = docname
            ref["refwarn"] = False
            ref["classes"].append("llmgloss-auto")
            parts.append(ref)
            at = end
        if at < len(value):
            parts.append(nodes.Text(value[at:]))
        node.parent.replace(node, parts)


def _line(text: prose.Prose, offset: int) -> int:
    """Source line of an offset: its element's line plus the line breaks of the text before it."""
    index = text.node_at(offset)
    node = text.texts[index]
    parent = node.parent
    while parent is not None and parent.line is None:
        parent = parent.parent
    if parent is None:
        return 1
    breaks = str(node).count("\n", 0, offset - text.starts[index])
    for before in parent.findall(nodes.Text):
        if before is node:
            break
        breaks += str(before).count("\n")
    return (parent.line or 1) + breaks
