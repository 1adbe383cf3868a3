"""Per-document data kept on the Sphinx env, and the per-build runtime built from it.

:class:`EnvData` is pickled with the environment and has purge and merge steps, so
``-j`` reads keep it complete. :class:`Runtime` (glossary, matcher, link targets) is
rebuilt from the config and :class:`EnvData` in the main process and never pickled.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from fnmatch import fnmatchcase
from weakref import WeakKeyDictionary

from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment

from .. import __version__
from ..core.config import Config, options
from ..core.glossary import Glossary
from ..core.keys import normalize_key, slugify
from ..core.lint import Linter
from ..core.model import Entry, Source

ATTRIBUTE = "llmgloss_data"


@dataclass(frozen=True)
class UserTerm:
    """A term the project defines with Sphinx's own ``glossary`` (reST or MyST)."""

    name: str
    anchor: str
    text: str  # the definition as plain text, for tooltips


@dataclass(frozen=True)
class GlossaryPage:
    """What an ``llmgloss-glossary`` page rendered, and from what, as of its last read."""

    show_all: bool
    own_ids: frozenset[str]  # entries its own source mentions
    shown: tuple[str, ...]  # the entries it rendered, in order
    linkable: frozenset[str]  # the entries its see-also lines could link to
    names: tuple[str, ...]  # the term names it registered in the std domain


@dataclass
class EnvData:
    """What reading found, per document; merged from parallel readers."""

    mentions: dict[str, set[str]] = field(default_factory=dict)  # entry ids per doc
    user_terms: dict[str, list[UserTerm]] = field(default_factory=dict)
    glossary_docs: set[str] = field(default_factory=set)  # docs with llmgloss-glossary
    # One per llmgloss-glossary directive of a page. Read in the main process after
    # the other pages (see .reading), so never merged.
    glossary_pages: dict[str, tuple[GlossaryPage, ...]] = field(default_factory=dict)
    skipped_docs: set[str] = field(default_factory=set)  # docs that opt out entirely
    # entry id -> (hash of everything shown, hash of the spellings that match)
    fingerprints: dict[str, tuple[str, str]] = field(default_factory=dict)
    settings: tuple[str, str] = ("", "")  # see settings_hashes

    def purge(self, docname: str) -> None:
        self.mentions.pop(docname, None)
        self.user_terms.pop(docname, None)
        self.glossary_docs.discard(docname)
        self.glossary_pages.pop(docname, None)
        self.skipped_docs.discard(docname)

    def merge(self, docnames: Iterable[str], other: EnvData) -> None:
        for docname in docnames:
            if docname in other.mentions:
                self.mentions[docname] = other.mentions[docname]
            if docname in other.user_terms:
                self.user_terms[docname] = other.user_terms[docname]
            if docname in other.glossary_docs:
                self.glossary_docs.add(docname)
            if docname in other.skipped_docs:
                self.skipped_docs.add(docname)

    def used_ids(self, besides: str = "") -> set[str]:
        """The entries the documents mention, leaving out the document ``besides``."""
        return set().union(*(ids for doc, ids in self.mentions.items() if doc != besides))


_FIELDS = tuple(f.name for f in fields(EnvData))


def env_data(env: BuildEnvironment) -> EnvData:
    """This build's data; started afresh if the saved one is missing or from a release
    whose data had other fields (then every page is read again: see ``outdated``)."""
    data = getattr(env, ATTRIBUTE, None)
    if not isinstance(data, EnvData) or not all(hasattr(data, name) for name in _FIELDS):
        data = EnvData()
        setattr(env, ATTRIBUTE, data)
    return data


@dataclass
class Runtime:
    """The glossary for this build and, once reading is done, the full matcher."""

    config: Config
    glossary: Glossary
    builder: Builder  # for page-relative URIs in tooltips
    _read_linter: Linter | None = None
    _linter: Linter | None = None
    _targets: dict[str, str] | None = None
    _user_texts: dict[str, str] | None = None  # project term name -> its definition
    _scan_key: str = ""
    rewrite_all: bool = False  # options changed that need every page written again

    def excludes(self, docname: str) -> bool:
        """True for pages the configuration keeps free of links and warnings."""
        return any(fnmatchcase(docname, pattern) for pattern in self.config.exclude_pages)

    def scan_key(self) -> str:
        """What a page's prose scan depends on besides the page: see :mod:`.scan`."""
        if not self._scan_key:
            spellings = [fingerprint(entry)[1] for entry in self.glossary.entries]
            self._scan_key = _hash(repr((__version__, self.config, spellings)))
        return self._scan_key

    def read_linter(self) -> Linter:
        """Linter over the glossary files only: what reading a document can know."""
        if self._read_linter is None:
            self._read_linter = Linter(self.glossary, self.config)
        return self._read_linter

    def reset(self) -> None:
        """Forget what depends on the documents (called after each read phase)."""
        self._linter = None
        self._targets = None
        self._user_texts = None

    def linter(self, env: BuildEnvironment) -> Linter:
        """Linter over the glossary files plus the project's own ``glossary`` terms."""
        if self._linter is None:
            extra = user_entries(env_data(env), self.glossary)
            if extra:
                merged = Glossary((*self.glossary.entries, *extra))
                self._linter = Linter(merged, self.config)
            else:
                self._linter = self.read_linter()
        return self._linter

    def glossary_entry(self, entry_id: str) -> Entry | None:
        """An entry of the full glossary (files and project terms) once reading is done."""
        linter = self._linter or self.read_linter()
        return linter.glossary.by_id.get(entry_id)

    def definition(self, env: BuildEnvironment, entry: Entry) -> tuple[str, ...]:
        """What a tooltip shows: the project's own definition when the project's term wins."""
        if self._user_texts is None:
            self._user_texts = {}
            for terms in env_data(env).user_terms.values():
                for term in terms:
                    if term.text:
                        self._user_texts.setdefault(term.name, term.text)
        target = self.targets(env).get(entry.id)
        text = self._user_texts.get(target) if target is not None else None
        return (text,) if text else entry.definitions

    def targets(self, env: BuildEnvironment) -> dict[str, str]:
        """Entry id -> the registered term name a link should point to."""
        if self._targets is None:
            self._targets = link_targets(env, self.linter(env).glossary)
        return self._targets


_RUNTIMES: WeakKeyDictionary[BuildEnvironment, Runtime] = WeakKeyDictionary()


def set_runtime(env: BuildEnvironment, runtime: Runtime) -> None:
    _RUNTIMES[env] = runtime


def runtime(env: BuildEnvironment) -> Runtime:
    return _RUNTIMES[env]


def user_entries(data: EnvData, glossary: Glossary) -> list[Entry]:
    """Entries for project ``glossary`` terms that the glossary files do not know."""
    entries: dict[str, Entry] = {}
    for docname in sorted(data.user_terms):
        for term in data.user_terms[docname]:
            if glossary.lookup(term.name):
                continue
            entry_id = "user-" + slugify(term.name)
            definition = term.text or term.name
            source = Source(docname)
            entries.setdefault(entry_id, Entry(entry_id, term.name, (definition,), source=source))
    return list(entries.values())


def link_targets(env: BuildEnvironment, glossary: Glossary) -> dict[str, str]:
    """For each entry, the term name registered in the std domain that links should use.

    A project's own ``glossary`` term wins over the rendered built-in one because the
    glossary page skips names that are already registered.
    """
    registered: dict[str, str] = {}
    for objtype, name in env.domains.standard_domain.objects:
        if objtype == "term":
            registered.setdefault(normalize_key(name), name)
    targets = {}
    for entry in glossary.entries:
        for form in (entry.headword, *entry.names()):
            found = registered.get(normalize_key(form))
            if found is not None:
                targets[entry.id] = found
                break
    return targets


def settings_hashes(config: Config) -> tuple[str, str]:
    """Hashes of the options whose change means reading every page again, and of those
    whose change means writing every page again. ``[tool.llmgloss]`` in pyproject.toml
    is not part of Sphinx's config, so Sphinx cannot notice when it changes."""
    specs = options()
    reread = [getattr(config, spec.name) for spec in specs if spec.rebuild]
    rewrite = [getattr(config, spec.name) for spec in specs if not spec.rebuild]
    return _hash(repr(reread)), _hash(repr(rewrite))


def fingerprint(entry: Entry) -> tuple[str, str]:
    """Hashes of what an entry shows, and of how it is found in prose."""
    shown = repr((entry.headword, entry.names(), entry.definitions, entry.see_also))
    found = repr((entry.surface_forms(), entry.match, entry.homonyms))
    return _hash(shown + repr(entry.references) + found), _hash(found)


def _hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]
