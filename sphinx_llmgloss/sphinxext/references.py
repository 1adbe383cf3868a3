"""``:term:`` / ``{term}`` resolution for aliases and plurals, and did-you-mean hints.

Sphinx looks a term up by its exact text (then case-insensitively). When that fails,
the glossary's own lookup (names, aliases, ids, inflected forms) finds the entry and
the reference is resolved to the term the glossary page or the project registered.
Unknown references keep Sphinx's ``ref.term`` warning, with a suggestion added.
"""

from __future__ import annotations

import difflib

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ..core.keys import normalize_key, singular_keys
from .state import runtime

logger = logging.getLogger("sphinx_llmgloss")


def _is_term_ref(node: addnodes.pending_xref) -> bool:
    return bool(node.get("refdomain") == "std" and node.get("reftype") == "term")


def resolve_term(
    app: Sphinx, env: BuildEnvironment, node: addnodes.pending_xref, contnode: nodes.TextElement
) -> nodes.reference | None:
    """Resolve ``:term:`KV caches``` to the registered term of its entry."""
    if not _is_term_ref(node):
        return None
    target = _registered_name(env, node["reftarget"])
    if target is None:
        return None
    std = env.domains.standard_domain
    docname = node.get("refdoc", env.docname)
    return std.resolve_xref(env, docname, app.builder, "term", target, node, contnode)


def _registered_name(env: BuildEnvironment, query: str) -> str | None:
    state = runtime(env)
    targets = state.targets(env)
    for entry in state.linter(env).glossary.lookup(query):
        if entry.id in targets:
            return targets[entry.id]
    registered = _registered(env)
    key = normalize_key(query)
    for candidate in (key, *singular_keys(key)):
        if candidate in registered:
            return registered[candidate]
    return None


def _registered(env: BuildEnvironment) -> dict[str, str]:
    names: dict[str, str] = {}
    for objtype, name in env.domains.standard_domain.objects:
        if objtype == "term":
            names.setdefault(normalize_key(name), name)
    return names


def warn_unknown_term(app: Sphinx, domain: Domain, node: addnodes.pending_xref) -> bool | None:
    """Sphinx's ``term not in glossary`` warning, plus the closest known terms."""
    if not _is_term_ref(node):
        return None
    target = node["reftarget"]
    hints = _suggestions(app.env, target)
    extra = f"; did you mean {' or '.join(repr(h) for h in hints)}?" if hints else ""
    logger.warning(
        "term not in glossary: %r%s", target, extra, location=node, type="ref", subtype="term"
    )
    return True


def _suggestions(env: BuildEnvironment, target: str) -> list[str]:
    state = runtime(env)
    targets = state.targets(env)
    hints = [targets.get(e.id, e.headword) for e in state.linter(env).glossary.suggest(target, 3)]
    if not hints:
        registered = _registered(env)
        close = difflib.get_close_matches(normalize_key(target), list(registered), n=2, cutoff=0.7)
        hints = [registered[k] for k in close]
    return hints[:2]
