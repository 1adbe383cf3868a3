"""The ``llmgloss-glossary`` directive (the rendered glossary) and ``llmgloss-skip``.

The glossary is built with Sphinx's own :func:`make_glossary_term`, so terms get
permalinks, index entries, ``:term:`` targets and LaTeX output like any ``glossary``.
Terms the project already defines with ``glossary`` are left out: the project's
definition wins and Sphinx's (unsuppressible) duplicate-term warning never fires.
Pages with this directive are read after every other page (see :mod:`.reading`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.domains.std import make_glossary_term
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from ..core.keys import normalize_key
from ..core.model import Entry
from ..core.sources import builtin_path
from .prose import SKIP_CLASS
from .state import GlossaryPage, env_data, runtime

GLOSSARY_CLASS = "llmgloss-glossary"


class GlossaryDirective(SphinxDirective):
    """Render the built-in and project glossary files as a Sphinx glossary: the terms the
    project's pages mention, or every term with ``:all:``."""

    has_content = False
    # The terms the project uses, by default: 292 unrelated definitions are noise on a
    # project's page, and rendering and indexing them cost 8% of a corpus build.
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        "all": directives.flag,
        "used-only": directives.flag,  # the default; accepted for pages that name it
    }

    def run(self) -> list[nodes.Node]:
        state = runtime(self.env)
        data = env_data(self.env)
        docname = self.env.docname
        data.glossary_docs.add(docname)
        if state.config.builtin:
            self.env.note_dependency(builtin_path())
        for path in state.config.glossary_paths():
            self.env.note_dependency(path.resolve())
        show_all = "all" in self.options
        own_ids = frozenset() if show_all else self._own_ids()
        registered = registered_terms(self.env)
        shown, linkable = select_entries(self.env, docname, show_all, own_ids, registered)
        ids, names = tuple(e.id for e in shown), tuple(e.headword for e in shown)
        page = GlossaryPage(show_all, own_ids, ids, frozenset(linkable), names)
        data.glossary_pages[docname] = (*data.glossary_pages.get(docname, ()), page)
        items = [self._item(entry, linkable) for entry in shown]
        glossary = addnodes.glossary(classes=[GLOSSARY_CLASS])
        glossary["sorted"] = True
        glossary += nodes.definition_list("", *items, classes=["glossary"])
        return [glossary]

    def _own_ids(self) -> frozenset[str]:
        """Entries this page's own source mentions (its text around the directive)."""
        source = self.env.doc2path(self.env.docname)
        try:
            text = source.read_bytes().decode(self.config.source_encoding, errors="replace")
        except (OSError, LookupError):
            return frozenset()
        matcher = runtime(self.env).read_linter().matcher
        return frozenset(m.entry_ids[0] for m in matcher.find(text))

    def _item(self, entry: Entry, by_id: Mapping[str, Entry]) -> nodes.definition_list_item:
        source, line = self.get_source_info()
        node_id: str | None = f"term-{entry.id}"
        if node_id in self.state.document.ids:
            node_id = None  # taken: Sphinx makes one up
        term = make_glossary_term(
            self.env,
            [nodes.Text(entry.headword)],
            None,
            source or self.env.doc2path(self.env.docname).as_posix(),
            line or self.lineno,
            node_id,
            self.state.document,
        )
        definition = nodes.definition()
        for text in entry.definitions:
            definition += nodes.paragraph(text, text)
        extra = _details(entry, by_id)
        if extra:
            definition += extra
        return nodes.definition_list_item("", term, definition)


def select_entries(
    env: BuildEnvironment,
    docname: str,
    show_all: bool,
    own_ids: frozenset[str],
    registered: set[str],
) -> tuple[list[Entry], dict[str, Entry]]:
    """The entries glossary page ``docname`` renders, sorted, and those its see-also
    lines may link to: every entry, or those the other pages and this one mention plus
    what they point to; an entry the project registers itself (``registered``) is left out."""
    state = runtime(env)
    used = None
    if not show_all:
        mentioned = env_data(env).used_ids(docname) | own_ids
        by_id = state.glossary.by_id
        see_also = {target for i in mentioned if i in by_id for target in by_id[i].see_also}
        used = mentioned | see_also
    shown, linkable = [], {}
    for entry in sorted(state.glossary.entries, key=lambda e: e.headword.casefold()):
        if any(normalize_key(n) in registered for n in (entry.headword, *entry.names())):
            linkable[entry.id] = entry  # the project defines it: see-also links go there
        elif used is None or entry.id in used:
            shown.append(entry)
            linkable[entry.id] = entry
    return shown, linkable


def registered_terms(env: BuildEnvironment, besides: str = "") -> set[str]:
    """The keys of the ``term`` objects of the std domain, leaving out page ``besides``."""
    objects = env.domains.standard_domain.objects
    return {
        normalize_key(name)
        for (objtype, name), (docname, _) in objects.items()
        if objtype == "term" and docname != besides
    }


def still_current(env: BuildEnvironment, docname: str) -> bool:
    """Whether a glossary page whose source is unchanged would render what it did: the
    pages it was read with may since mention other terms or define their own."""
    data = env_data(env)
    pages = data.glossary_pages.get(docname, ())
    registered = registered_terms(env, besides=docname)
    registered.update(normalize_key(t.name) for t in data.user_terms.get(docname, ()))
    for page in pages:
        shown, linkable = select_entries(env, docname, page.show_all, page.own_ids, registered)
        if page.shown != tuple(e.id for e in shown) or page.linkable != frozenset(linkable):
            return False
    return bool(pages)


def _details(entry: Entry, by_id: Mapping[str, Entry]) -> list[nodes.paragraph]:
    """Aliases, see-also links and book references, one short line each."""
    lines = []
    aliases = entry.aliases + entry.added_aliases
    if aliases:
        lines.append(_labelled("Also: ", [nodes.Text(", ".join(aliases))]))
    links: list[nodes.Node] = []
    for target_id in entry.see_also:
        target = by_id.get(target_id)
        if target is None:
            continue
        if links:
            links.append(nodes.Text(", "))
        links.append(term_xref(target.headword, target.headword))
    if links:
        lines.append(_labelled("See also: ", links))
    if entry.references:
        lines.append(_labelled("Reference: ", [nodes.Text(", ".join(map(str, entry.references)))]))
    return lines


def _labelled(label: str, children: list[nodes.Node]) -> nodes.paragraph:
    para = nodes.paragraph(classes=["llmgloss-detail"])
    para += nodes.emphasis(label, label)
    para.extend(children)
    return para


def term_xref(title: str, target: str, *classes: str) -> addnodes.pending_xref:
    """The node ``:term:`title <target>``` produces, resolved by Sphinx for every builder."""
    inline = nodes.inline(title, title, classes=["xref", "std", "std-term", *classes])
    return addnodes.pending_xref(
        "",
        inline,
        refdomain="std",
        reftype="term",
        reftarget=target,
        refexplicit=True,
        refwarn=True,
    )


class SkipDirective(SphinxDirective):
    """``llmgloss-skip``: nothing in the directive's content is linked or reported."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        container = nodes.container(classes=[SKIP_CLASS])
        self.set_source_info(container)
        container += self.parse_content_to_nodes(allow_section_headings=True)
        return [container]


def skip_role(
    name: str,
    rawtext: str,
    text: str,
    lineno: int,
    inliner: object,
    options: dict[str, object] | None = None,
    content: list[str] | None = None,
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """``:llmgloss-skip:`text```: inline text that is never linked."""
    return [nodes.inline(rawtext, text, classes=[SKIP_CLASS])], []
