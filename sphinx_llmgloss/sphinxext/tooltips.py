"""Tooltip content for HTML pages, written into each page's own doctree.

The definitions of the terms a page links to go into a hidden container at the end
of that page (class ``llmgloss-tips``, left out of the search index). Because the
data travels with the doctree it survives ``-j`` writes. The tips are one raw HTML
node rather than a tree of nodes: a page links dozens of terms, and nodes that Sphinx
must resolve, write and later garbage-collect made tooltips a sizeable share of the
extension's build time. See-also links point to the std domain's term targets,
relative to the page as Sphinx would make them (``dirhtml`` and ``singlehtml`` too).
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.fileutil import copy_asset_file

from ..core.model import Entry
from .autolink import LINKED_IDS
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
        links = _Links(self.env, self.env.docname, state)
        markup = "".join(_tips(ids, state, links))
        if markup:
            # A real element around the raw HTML: Sphinx's search indexer skips
            # 'no-search' elements, but would index the text of bare raw HTML.
            store = nodes.container(classes=[TIPS_CLASS, "no-search"])
            store += nodes.raw("", markup, format="html")
            self.document += store


class _Links:
    """``<a>`` markup for term references from one page, as Sphinx writes resolved ``:term:``."""

    def __init__(self, env: BuildEnvironment, docname: str, state: Runtime) -> None:
        self.env = env
        self.state = state
        self.objects = env.domains.standard_domain.objects
        self.targets = state.targets(env)
        self.builder = state.builder
        self.docname = docname
        self.uris: dict[str, str] = {}

    def term(self, entry_id: str) -> str | None:
        """The link to an entry's registered term, if the entry has one."""
        entry = self.state.glossary_entry(entry_id)
        name = self.targets.get(entry_id)
        found = self.objects.get(("term", name)) if name is not None else None
        if entry is None or found is None:
            return None
        todoc, anchor = found
        href = escape(self._page(todoc) + "#" + anchor)
        text = escape(entry.headword)
        return (
            f'<a class="reference internal" href="{href}">'
            f'<span class="xref std std-term">{text}</span></a>'
        )

    def _page(self, todoc: str) -> str:
        """The page part of the URI; empty for a target on the same output page."""
        if todoc == self.docname:
            return ""
        if todoc not in self.uris:
            # singlehtml answers '#document-<name>': the target is on this same page.
            uri = self.builder.get_relative_uri(self.docname, todoc)
            self.uris[todoc] = uri.split("#", 1)[0]
        return self.uris[todoc]


def _tips(ids: list[str], state: Runtime, links: _Links) -> Iterator[str]:
    for entry_id in ids:
        entry = state.glossary_entry(entry_id)
        if entry is not None:
            yield _tip(entry, state.definition(links.env, entry), links)


def _tip(entry: Entry, definitions: tuple[str, ...], links: _Links) -> str:
    parts = [
        f'<div class="llmgloss-tip docutils container" id="llmgloss-tip-{escape(entry.id)}">\n',
        f"<p><strong>{escape(entry.headword)}</strong></p>\n",
    ]
    parts.extend(f"<p>{escape(text)}</p>\n" for text in definitions)
    anchors = [a for a in map(links.term, entry.see_also) if a is not None]
    if anchors:
        parts.append('<p class="llmgloss-see-also"><em>See also: </em>')
        parts.append(", ".join(anchors) + "</p>\n")
    parts.append("</div>\n")
    return "".join(parts)


def add_static_dir(app: Sphinx) -> None:
    """Sphinx 9.1+ copies the bundled CSS and JavaScript itself (no CDN, no network)."""
    if hasattr(app, "add_static_dir"):
        app.add_static_dir(STATIC)


def copy_static_files(app: Sphinx, builder: Builder) -> None:
    """Older Sphinx: copy the assets into ``_static`` before pages are written, so that
    their links carry Sphinx's checksum (``?v=``) and browsers fetch new versions.
    Changing ``html_static_path`` instead would make Sphinx see a changed configuration
    on every incremental build."""
    if builder.format != "html" or hasattr(app, "add_static_dir"):
        return
    target = Path(app.outdir) / "_static"
    target.mkdir(parents=True, exist_ok=True)
    for asset in STATIC.iterdir():
        copy_asset_file(asset, target)
