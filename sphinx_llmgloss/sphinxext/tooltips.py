"""Tooltip content for HTML pages, written into each page's own doctree.

The definitions of the terms a page links to go into a hidden container at the end
of that page (class ``llmgloss-tips``, left out of the search index). Because the
data travels with the doctree it survives ``-j`` writes, and see-also links are
ordinary term references that Sphinx resolves relative to the page (``dirhtml``
too). Text nodes are escaped by the HTML writer like any other text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.fileutil import copy_asset_file

from ..core.model import Entry
from .autolink import LINKED_IDS
from .directives import term_xref
from .gcpause import collector_paused
from .state import Runtime, runtime

STATIC = Path(__file__).parent / "static"
TIPS_CLASS = "llmgloss-tips"


class TooltipData(SphinxPostTransform):
    """Append the definitions of every term the page links to (HTML builders only)."""

    default_priority = 6
    formats = ("html",)

    @collector_paused
    def run(self, **kwargs: Any) -> None:
        ids: list[str] = getattr(self.document, LINKED_IDS, [])
        if not ids:
            return
        state = runtime(self.env)
        targets = state.targets(self.env)
        store = nodes.container(classes=[TIPS_CLASS, "no-search"])
        for entry_id in ids:
            entry = state.glossary_entry(entry_id)
            if entry is not None:
                store += _tip(entry, state.definition(self.env, entry), targets, state)
        self.document += store


def _tip(
    entry: Entry, definitions: tuple[str, ...], targets: dict[str, str], state: Runtime
) -> nodes.container:
    tip = nodes.container(ids=[f"llmgloss-tip-{entry.id}"], classes=["llmgloss-tip"])
    tip += nodes.paragraph("", "", nodes.strong(entry.headword, entry.headword))
    for text in definitions:
        tip += nodes.paragraph(text, text)
    links: list[nodes.Node] = []
    for see_id in entry.see_also:
        see = state.glossary_entry(see_id)
        if see is None or see_id not in targets:
            continue
        if links:
            links.append(nodes.Text(", "))
        ref = term_xref(see.headword, targets[see_id])
        ref["refwarn"] = False
        links.append(ref)
    if links:
        para = nodes.paragraph(classes=["llmgloss-see-also"])
        para += nodes.emphasis("See also: ", "See also: ")
        para.extend(links)
        tip += para
    return tip


def add_static_dir(app: Sphinx) -> None:
    """Sphinx 9.1+ copies the bundled CSS and JavaScript itself (no CDN, no network)."""
    if hasattr(app, "add_static_dir"):
        app.add_static_dir(STATIC)


def copy_static_files(app: Sphinx, exception: Exception | None) -> None:
    """Older Sphinx: copy the assets into ``_static`` (changing ``html_static_path``
    would make Sphinx see a changed configuration on every incremental build)."""
    if exception is not None or app.builder.format != "html" or hasattr(app, "add_static_dir"):
        return
    target = Path(app.outdir) / "_static"
    target.mkdir(parents=True, exist_ok=True)
    for asset in STATIC.iterdir():
        copy_asset_file(asset, target)
