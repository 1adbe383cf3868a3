"""Turn parsed seed lines into glossary entries and YAML (``llmgloss import``)."""

from __future__ import annotations

from .errors import Location, Problem, Severity
from .export import export
from .keys import normalize_key, singular_keys, slugify
from .model import Entry, Origin, Source
from .seedfmt import (
    ABBREVIATION,
    ALSO_CALLED,
    CROSSREF,
    MAIN_ENTRY,
    SAME_AS,
    SeedEntry,
    SeedLine,
    parse_lines,
    split_pointer,
)


def _crossref_target(body: str) -> str | None:
    match = CROSSREF.match(body)
    if not match or match["target"].startswith(("Chapter", "Appendix")):
        return None
    return match["target"]


class _Book:
    """Entries being assembled from one text glossary."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.entries: list[SeedEntry] = []
        self.by_key: dict[tuple[str, str], SeedEntry] = {}
        self.problems: list[Problem] = []
        self.pending_see: list[tuple[SeedEntry, str, int]] = []

    def key(self, name: str, sense: str | None) -> tuple[str, str]:
        return normalize_key(name), normalize_key(sense or "")

    def entry_for(self, line: SeedLine) -> SeedEntry:
        key = self.key(line.headword.name, line.headword.sense)
        if key not in self.by_key:
            self.by_key[key] = SeedEntry(line.headword, line.line)
            self.entries.append(self.by_key[key])
        return self.by_key[key]

    def add_definition(self, line: SeedLine) -> None:
        entry = self.entry_for(line)
        text, references = split_pointer(line.body)
        if text not in entry.definitions:
            entry.definitions.append(text)
        entry.references.extend(r for r in references if r not in entry.references)
        entry.aliases.extend(line.headword.aliases)
        for pattern in (ALSO_CALLED, ABBREVIATION):
            entry.aliases.extend(m["target"] for m in pattern.finditer(text))
        for match in SAME_AS.finditer(text):
            self.pending_see.append((entry, match["target"], line.line))
        _add_unique(entry.seed, line.headword.text)

    def add_crossref(self, line: SeedLine, target_text: str) -> None:
        hw = line.headword
        own = self.by_key.get(self.key(hw.name, hw.sense))
        target = self.resolve(target_text, line)
        if target is None:
            self.warn(line.line, f"cross-reference target '{target_text}' is not in this glossary")
            if own is None:
                self.add_definition(line)
            else:
                _add_unique(own.seed, hw.text)
        elif own is not None and own is not target:
            self.pending_see.append((own, target_text, line.line))
            _add_unique(own.seed, hw.text)
        else:
            _add_unique(target.seed, hw.text)
            target.aliases.extend([hw.name, *hw.aliases])
            same_name = normalize_key(hw.name) == normalize_key(target.headword.name)
            if target_text == MAIN_ENTRY and hw.sense and same_name and not target.headword.sense:
                target.headword.sense = hw.sense

    def resolve(self, target: str, line: SeedLine | None = None) -> SeedEntry | None:
        if target == MAIN_ENTRY and line is not None:
            hw = line.headword
            for entry_key in (
                self.key(hw.name, hw.sense),
                self.key(f"{hw.name} {hw.sense or ''}", None),
                self.key(hw.name, None),
            ):
                if entry_key in self.by_key:
                    return self.by_key[entry_key]
            return None
        names = self.name_index()
        key = normalize_key(target.split(" (")[0])
        for candidate in (key, *singular_keys(key)):
            if candidate in names:
                return names[candidate]
        prefixed = {id(e): e for k, e in names.items() if k.startswith(key + " ")}
        return next(iter(prefixed.values())) if len(prefixed) == 1 else None

    def name_index(self) -> dict[str, SeedEntry]:
        index: dict[str, SeedEntry] = {}
        for entry in self.entries:
            for form in (entry.headword.name, *entry.aliases):
                index.setdefault(normalize_key(form), entry)
        return index

    def warn(self, line: int, message: str) -> None:
        self.problems.append(Problem(Location(self.path, line, 1), message, None, Severity.WARNING))

    def finish(self) -> None:
        for entry in self.entries:
            entry.id = slugify(f"{entry.headword.name} {entry.headword.sense or ''}")
            name_key = normalize_key(entry.headword.name)
            unique: dict[str, str] = {}
            for alias in entry.aliases:
                if normalize_key(alias) != name_key:
                    unique.setdefault(normalize_key(alias), alias)
            entry.aliases = list(unique.values())
        for entry, target_text, line in self.pending_see:
            target = self.resolve(target_text)
            if target is None:
                self.warn(line, f"see-also target '{target_text}' is not in this glossary")
            elif target is not entry:
                _add_unique(entry.see_also, target.id)
        self.declare_homonyms()

    def declare_homonyms(self) -> None:
        owners: dict[str, list[SeedEntry]] = {}
        for entry in self.entries:
            for form in (entry.headword.name, *entry.aliases):
                owners.setdefault(normalize_key(form), []).append(entry)
        for form, entries in owners.items():
            for a in entries:
                for b in entries:
                    if a is b:
                        continue
                    if a.headword.sense or b.headword.sense:
                        _add_unique(a.homonyms, b.id)
                    elif a.id < b.id:
                        self.warn(b.line, f"'{form}' names both '{a.id}' and '{b.id}'")


def _add_unique(items: list[str], item: str) -> None:
    if item not in items:
        items.append(item)


def convert(text: str, path: str) -> tuple[list[Entry], list[Problem]]:
    """Entries of a text glossary, plus warnings about what needs a human."""
    book = _Book(path)
    crossrefs: list[tuple[SeedLine, str]] = []
    for line in parse_lines(text):
        target = _crossref_target(line.body)
        if target is None:
            book.add_definition(line)
        else:
            crossrefs.append((line, target))
    for line, target in crossrefs:
        book.add_crossref(line, target)
    book.finish()
    return [to_entry(draft, path) for draft in book.entries], book.problems


def to_entry(draft: SeedEntry, path: str) -> Entry:
    """The finished, immutable entry of a draft."""
    return Entry(
        id=draft.id,
        name=draft.headword.name,
        sense=draft.headword.sense,
        definitions=tuple(draft.definitions),
        aliases=tuple(draft.aliases),
        references=tuple(draft.references),
        see_also=tuple(draft.see_also),
        homonyms=tuple(draft.homonyms),
        seed=tuple(draft.seed),
        source=Source(path, Origin.SEED, draft.line),
    )


def to_yaml(entries: list[Entry], name: str) -> str:
    """A glossary YAML document for ``entries``."""
    header = "# yaml-language-server: $schema=glossary.schema.json\n"
    return header + export(entries, "yaml", {e.id: e for e in entries}, name)


__all__ = ["convert", "to_yaml"]
