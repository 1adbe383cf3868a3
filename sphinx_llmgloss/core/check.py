"""Consistency checks on a merged glossary: references, shared forms, match examples."""

from __future__ import annotations

from itertools import combinations
from typing import TYPE_CHECKING

from .errors import Location, Problem, Severity
from .match import Matcher

if TYPE_CHECKING:
    from .glossary import Glossary
    from .model import Entry


def check_glossary(glossary: Glossary) -> list[Problem]:
    """Every problem that only shows once all files are merged."""
    return [*_dangling(glossary), *_shared_forms(glossary), *_examples(glossary)]


def _where(glossary: Glossary, entry: Entry, key: str = "", index: int = 0) -> Location:
    place = glossary.places.get((entry.id, key, index))
    return place or Location(entry.source.path, entry.source.line, 1)


def _dangling(glossary: Glossary) -> list[Problem]:
    problems: list[Problem] = []
    for entry in glossary.entries:
        for key in ("see_also", "homonyms"):
            for index, target in enumerate(getattr(entry, key)):
                where = _where(glossary, entry, key, index)
                if target == entry.id:
                    problems.append(
                        Problem(where, f"{key} refers to the entry itself", entry.headword)
                    )
                elif target not in glossary.by_id:
                    hint = glossary.suggest(target, 1)
                    extra = f"; did you mean '{hint[0].id}'?" if hint else ""
                    problems.append(
                        Problem(
                            where, f"{key} refers to unknown id '{target}'{extra}", entry.headword
                        )
                    )
    return problems


def _declared(a: Entry, b: Entry) -> bool:
    return b.id in a.homonyms or a.id in b.homonyms


def _shared_forms(glossary: Glossary) -> list[Problem]:
    problems: list[Problem] = []
    for key, ids in glossary.index.items():
        for a, b in combinations((glossary.by_id[i] for i in ids), 2):
            if _declared(a, b):
                continue
            same_file = a.source.path == b.source.path
            message = (
                f"surface form '{key}' is shared with '{a.id}' "
                f"({Location(a.source.path, a.source.line)}); declare them homonyms or "
                "remove the form from one"
            )
            severity = Severity.ERROR if same_file else Severity.WARNING
            problems.append(
                Problem(_form_location(glossary, b, key), message, b.headword, severity)
            )
    return problems


def _form_location(glossary: Glossary, entry: Entry, key: str) -> Location:
    """Where ``entry`` spells the surface form ``key``: the alias line when it is one."""
    from .keys import normalize_key

    for field_name, forms in (
        ("aliases", entry.aliases),
        ("added_aliases", entry.added_aliases),
        ("discouraged", entry.discouraged),
        ("forms", entry.match.forms),
    ):
        for index, form in enumerate(forms):
            if normalize_key(form) == key:
                return _where(glossary, entry, field_name, index)
    return _where(glossary, entry)


def _examples(glossary: Glossary) -> list[Problem]:
    with_examples = [e for e in glossary.entries if e.match.examples or e.match.counterexamples]
    if not with_examples:
        return []
    detecting = Matcher(_competing(glossary, with_examples))
    problems: list[Problem] = []
    for entry in with_examples:
        for index, sentence in enumerate(entry.match.examples):
            if not _found(detecting, entry, sentence):
                where = _where(glossary, entry, "examples", index)
                problems.append(
                    Problem(where, f"example does not match: {sentence!r}", entry.headword)
                )
        for index, sentence in enumerate(entry.match.counterexamples):
            if _found(detecting, entry, sentence):
                where = _where(glossary, entry, "counterexamples", index)
                problems.append(
                    Problem(where, f"counterexample matches: {sentence!r}", entry.headword)
                )
    return problems


def _competing(glossary: Glossary, with_examples: list[Entry]) -> list[Entry]:
    """The entries that could match anywhere in the example sentences.

    Only they can take part in leftmost-longest matching there, and building the matcher
    for them alone keeps loading fast (a full matcher holds every spelling variant).
    """
    from .keys import normalize_key

    sentences = " | ".join(
        normalize_key(s)
        for e in with_examples
        for s in (*e.match.examples, *e.match.counterexamples)
    )
    return [
        e for e in glossary.entries if any(normalize_key(f) in sentences for f in e.surface_forms())
    ]


def _found(matcher: Matcher, entry: Entry, sentence: str) -> bool:
    return any(entry.id in m.entry_ids for m in matcher.find(sentence))
