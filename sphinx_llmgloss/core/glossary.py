"""Merge loaded glossary files into one immutable :class:`Glossary` and look terms up.

Precedence: files later in the list win (project glossaries come after the
built-in one). Every collision is reported as a located problem; none is
resolved silently.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .errors import Location, Problem, Severity
from .keys import normalize_key, singular_keys
from .model import Entry

if TYPE_CHECKING:
    from .load import LoadedFile
    from .match import Matcher


@dataclass(frozen=True)
class Glossary:
    """The merged, validated set of entries every front end works from."""

    entries: tuple[Entry, ...]
    problems: tuple[Problem, ...] = ()
    places: Mapping[tuple[str, str, int], Location] = field(default_factory=dict)
    by_id: Mapping[str, Entry] = field(init=False)
    index: Mapping[str, tuple[str, ...]] = field(init=False)

    def __post_init__(self) -> None:
        by_id = MappingProxyType({e.id: e for e in self.entries})
        index: dict[str, list[str]] = {}
        for entry in self.entries:
            for form in entry.surface_forms():
                ids = index.setdefault(normalize_key(form), [])
                if entry.id not in ids:
                    ids.append(entry.id)
        object.__setattr__(self, "by_id", by_id)
        object.__setattr__(self, "index", MappingProxyType({k: tuple(v) for k, v in index.items()}))

    def __reduce__(self) -> tuple[Any, ...]:
        # The derived maps are rebuilt, not pickled: smaller cache files, and
        # MappingProxyType cannot be pickled anyway. The matcher is cached on its own.
        return (Glossary, (self.entries, self.problems, dict(self.places)))

    @cached_property
    def matcher(self) -> Matcher:
        """The matcher of the entries that are detected in prose, built once."""
        from .match import Matcher

        return Matcher(self.entries)

    def keep_matcher(self, matcher: Matcher) -> None:
        """Use ``matcher``, built earlier for these same entries (the cache keeps one)."""
        self.__dict__["matcher"] = matcher

    def lookup(self, query: str) -> list[Entry]:
        """Entries named by ``query`` (name, alias, id or inflected form); exact case first."""
        key = normalize_key(query)
        ids = self.index.get(key, ())
        if not ids and query in self.by_id:
            ids = (query,)
        for singular in () if ids else singular_keys(key):
            ids = self.index.get(singular, ())
            if ids:
                break
        entries = [self.by_id[i] for i in ids]
        exact = normalize_key(query, fold_case=False)
        entries.sort(
            key=lambda e: (
                not any(normalize_key(f, fold_case=False) == exact for f in e.surface_forms())
            )
        )
        return entries

    def suggest(self, query: str, limit: int = 5) -> list[Entry]:
        """Near misses for a query that found nothing, best first."""
        import difflib

        keys = difflib.get_close_matches(
            normalize_key(query), list(self.index), n=limit, cutoff=0.7
        )
        found: dict[str, Entry] = {}
        for key in keys:
            for entry_id in self.index[key]:
                found.setdefault(entry_id, self.by_id[entry_id])
        return list(found.values())[:limit]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]


def merge(files: Iterable[LoadedFile]) -> Glossary:
    """Merge files in precedence order (lowest first) and check the result."""
    from .check import check_glossary  # check needs the matcher; keep import order simple

    entries: dict[str, Entry] = {}
    problems: list[Problem] = []
    places: dict[tuple[str, str, int], Location] = {}
    for loaded in files:
        problems.extend(loaded.problems)
        places.update(loaded.places)
        _apply_disables(loaded, entries, problems)
        _add_entries(loaded, entries, problems)
    glossary = Glossary(tuple(entries.values()), tuple(problems), places)
    # The checks need the built indexes; add their findings without building them twice.
    object.__setattr__(glossary, "problems", (*problems, *check_glossary(glossary)))
    return glossary


def _apply_disables(loaded: LoadedFile, entries: dict[str, Entry], problems: list[Problem]) -> None:
    dropped = {entry_id for entry_id in loaded.disabled if entries.pop(entry_id, None) is not None}
    if dropped:
        _forget(entries, dropped)
    for entry_id, where in loaded.disabled.items():
        if entry_id not in dropped:
            import difflib

            hint = difflib.get_close_matches(entry_id, list(entries), n=1)
            extra = f"; did you mean '{hint[0]}'?" if hint else ""
            problems.append(
                Problem(
                    where,
                    f"cannot disable unknown term id '{entry_id}'{extra}",
                    entry_id,
                    Severity.WARNING,
                )
            )


def _forget(entries: dict[str, Entry], dropped: set[str]) -> None:
    """Take disabled terms out of the see-also and homonym lists of the entries loaded so
    far: the files that name them are not the user's to fix (the built-in glossary's
    Access token points to Token), and a term that is gone needs no pointer."""
    for entry_id, entry in entries.items():
        if dropped.isdisjoint(entry.see_also) and dropped.isdisjoint(entry.homonyms):
            continue
        entries[entry_id] = replace(
            entry,
            see_also=tuple(i for i in entry.see_also if i not in dropped),
            homonyms=tuple(i for i in entry.homonyms if i not in dropped),
        )


def _add_entries(loaded: LoadedFile, entries: dict[str, Entry], problems: list[Problem]) -> None:
    seen_here: dict[str, Entry] = {}
    for entry in loaded.entries:
        where = Location(loaded.path, entry.source.line, 1)
        if entry.id in seen_here:
            first = seen_here[entry.id].source.line
            problems.append(
                Problem(
                    where,
                    f"duplicate id '{entry.id}' (first defined at line {first})",
                    entry.headword,
                )
            )
            continue
        seen_here[entry.id] = entry
        previous = entries.get(entry.id)
        if previous is not None and entry.id not in loaded.overrides:
            where_before = Location(previous.source.path, previous.source.line)
            message = f"redefines '{entry.id}' from {where_before}; add 'override: true' to confirm"
            problems.append(Problem(where, message, entry.headword, Severity.WARNING))
        entries[entry.id] = entry
