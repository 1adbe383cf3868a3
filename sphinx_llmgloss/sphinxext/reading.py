"""Read-phase events: what each document mentions and defines, and in which order pages are read.

Pages with an ``llmgloss-glossary`` directive are taken out of the normal (possibly
parallel) read and read last, in the main process, once every project ``glossary``
term is known. That makes the rendered glossary the same in serial and ``-j`` builds.
An incremental build reads such a page again only when its source changed or when it
would render other entries than it did, as when an edited page mentions a new term.
"""

from __future__ import annotations

from collections.abc import Iterable

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from . import autolink, prose, scan
from .directives import GLOSSARY_CLASS, still_current
from .gcpause import collector_paused
from .state import (
    EnvData,
    UserTerm,
    env_data,
    fingerprint,
    link_targets,
    runtime,
    settings_hashes,
)
from .warnings import warn

DIRECTIVE_NAME = "llmgloss-glossary"
_DEFERRED = "llmgloss_deferred"
_UNCHANGED = "llmgloss_glossary_unchanged"
_ASIDE = "llmgloss_terms_aside"
_SNAPSHOT = "llmgloss_user_terms_before"
_PLACES = "llmgloss_link_targets_before"
_TIP_CHARS = 600


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    env_data(env).purge(docname)


def merge_info(
    app: Sphinx, env: BuildEnvironment, docnames: Iterable[str], other: BuildEnvironment
) -> None:
    env_data(env).merge(docnames, env_data(other))


@collector_paused
def doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """Record the terms a document mentions and the ``glossary`` terms it defines, and
    keep the prose scan on the doctree for writing."""
    env = app.env
    data = env_data(env)
    docname = env.docname
    state = runtime(env)
    text = prose.collect(doctree)
    data.user_terms[docname] = list(_user_terms(text.terms))
    if text.skip_page:
        data.skipped_docs.add(docname)
    linter = state.read_linter()
    mentions = linter.mentions(text.text, text.regions)
    ids = {m.entry_ids[0] for m in mentions}
    for ref in text.term_refs:
        if ref.get("refdomain") == "std":
            ids.update(e.id for e in state.glossary.lookup(ref["reftarget"])[:1])
    data.mentions[docname] = ids
    if not text.skip_page and not state.excludes(docname):
        found = scan.make(text, linter, mentions, state.scan_key())
        found.references = autolink.prepare(found, state.config.link)
        scan.keep(doctree, found)


def _user_terms(terms: list[nodes.term]) -> Iterable[UserTerm]:
    for term in terms:
        item = term.parent
        dlist = item.parent if item is not None else None
        if dlist is None or "glossary" not in dlist.get("classes", ()):
            continue
        if isinstance(dlist.parent, addnodes.glossary) and GLOSSARY_CLASS in dlist.parent.get(
            "classes", ()
        ):
            continue
        if not term["ids"]:
            continue
        definition = next(iter(item.findall(nodes.definition)), None)
        text = " ".join(definition.astext().split()) if definition is not None else ""
        if len(text) > _TIP_CHARS:
            text = text[:_TIP_CHARS].rsplit(" ", 1)[0] + " …"
        yield UserTerm(term.astext(), term["ids"][0], text)


def before_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Move glossary pages to a final serial read. One whose source did not change is
    read again only if what it renders changed (see :func:`read_deferred`)."""
    data = env_data(env)
    deferred = {d for d in docnames if d in data.glossary_docs or _has_directive(env, d)}
    present = data.glossary_docs & env.found_docs if docnames else set()
    docnames[:] = [d for d in docnames if d not in deferred]
    setattr(env, _DEFERRED, sorted(deferred))
    setattr(env, _UNCHANGED, sorted(present - deferred))
    _set_aside(env, present)
    for docname in deferred:
        # Sphinx checks that the root document was read before 'env-updated'; the entry
        # is replaced when the page is read there.
        env.all_docs.setdefault(docname, 0)


def _set_aside(env: BuildEnvironment, glossary_docs: set[str]) -> None:
    """Take the terms the glossary pages rendered out of the std domain while pages are
    read: a page that now defines one of them with ``glossary`` would otherwise meet it
    there and get Sphinx's duplicate-term warning, which cannot be suppressed. Reading a
    glossary page again leaves out the terms the project defines (see ``read_deferred``)."""
    objects = env.domains.standard_domain.objects
    aside = {}
    for docname in glossary_docs:
        for page in env_data(env).glossary_pages.get(docname, ()):
            for name in page.names:
                key = ("term", name)
                if objects.get(key, ("",))[0] == docname:
                    aside[key] = objects.pop(key)
    setattr(env, _ASIDE, aside)


def _put_back(env: BuildEnvironment, reread: list[str]) -> None:
    """Return the set-aside terms of the glossary pages that are not read again."""
    aside: dict[tuple[str, str], tuple[str, str]] = getattr(env, _ASIDE, {})
    setattr(env, _ASIDE, {})
    objects = env.domains.standard_domain.objects
    for key, place in aside.items():
        if place[0] not in reread:
            objects.setdefault(key, place)


def _has_directive(env: BuildEnvironment, docname: str) -> bool:
    """Whether the page's source names the directive, read as Sphinx reads it."""
    try:
        source = env.doc2path(docname).read_bytes()
        return DIRECTIVE_NAME in source.decode(env.config.source_encoding, errors="replace")
    except (OSError, LookupError):
        return False


def read_deferred(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Read the glossary pages now that every other page is in the environment: those
    whose source changed, and those that would now render other entries."""
    deferred: list[str] = getattr(env, _DEFERRED, [])
    unchanged: list[str] = getattr(env, _UNCHANGED, [])
    setattr(env, _DEFERRED, [])
    setattr(env, _UNCHANGED, [])
    # Several glossary pages leave each other's terms out: reading one again may change
    # what another renders, so then all of them are read again.
    if deferred or not all(still_current(env, d) for d in unchanged):
        deferred = sorted({*deferred, *unchanged})
    _put_back(env, deferred)
    for docname in deferred:
        app.events.emit("env-purge-doc", env, docname)
        env.clear_doc(docname)
        app.builder.read_doc(docname)
    runtime(env).reset()
    data = env_data(env)
    if getattr(env, _SNAPSHOT, None) != _user_snapshot(data):
        # A project glossary term changed: pages that link to it must be written again.
        return sorted(env.found_docs)
    # A glossary page added, removed or moved: pages that mention its terms gain,
    # lose or change links although their sources did not change.
    before, after = getattr(env, _PLACES, {}), _target_places(env)
    moved = {i for i in before.keys() | after.keys() if before.get(i) != after.get(i)}
    stale = {d for d, ids in data.mentions.items() if ids & moved} & env.found_docs
    return sorted(stale.union(deferred))


def outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Documents to re-read because options or glossary entries they mention changed."""
    data = env_data(env)
    state = runtime(env)
    setattr(env, _SNAPSHOT, _user_snapshot(data))
    setattr(env, _PLACES, _target_places(env))
    new = {entry.id: fingerprint(entry) for entry in state.glossary.entries}
    old, data.fingerprints = data.fingerprints, new
    settings, data.settings = data.settings, settings_hashes(state.config)
    state.rewrite_all = settings[1] != data.settings[1]
    if not old:  # a first build, or pages read without this extension's data: read them all
        return sorted(set(env.all_docs) & env.found_docs)
    if settings[0] != data.settings[0]:
        return sorted(env.found_docs)  # a matching option changed
    if {i: f[1] for i, f in old.items()} != {i: f[1] for i, f in new.items()}:
        return sorted(env.found_docs)  # spellings changed: any page may mention other terms
    changed_ids = {i for i in new if old.get(i) != new[i]}
    return sorted(d for d, ids in data.mentions.items() if ids & changed_ids)


def rewritten(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Every page, when options that change written pages but not doctrees changed."""
    return sorted(env.found_docs) if runtime(env).rewrite_all else []


def _target_places(env: BuildEnvironment) -> dict[str, tuple[str, str]]:
    """Entry id -> the page and anchor its links point to, as registered now."""
    objects = env.domains.standard_domain.objects
    targets = link_targets(env, runtime(env).glossary)
    return {i: objects[("term", name)] for i, name in targets.items() if ("term", name) in objects}


def _user_snapshot(data: EnvData) -> set[tuple[str, UserTerm]]:
    return {(docname, term) for docname, terms in data.user_terms.items() for term in terms}


def check_consistency(app: Sphinx, env: BuildEnvironment) -> None:
    """One warning when terms are mentioned but no page renders the glossary."""
    data: EnvData = env_data(env)
    if data.glossary_docs or not data.used_ids():
        return
    targets = runtime(env).targets(env)
    unlinked = sorted(i for i in data.used_ids() if i not in targets)
    if unlinked:
        warn(
            f"{len(unlinked)} glossary terms are mentioned but no page renders the glossary, "
            "so they are not linked; add a page with '.. llmgloss-glossary::' (reST) or "
            "'```{llmgloss-glossary}```' (MyST) to a toctree",
            "no-glossary-page",
        )
