"""Read one glossary file into entries, collecting located problems.

A bad field is reported and defaulted; an entry is dropped only when it has no
usable name or definition, so one typo never hides the rest of a glossary.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import Location, Problem, Severity
from .keys import slugify
from .model import Case, Entry, MatchPolicy, Origin, Reference, RefKind, Source
from .schema import FILE_FIELDS, MATCH_FIELDS, REF_KINDS, TERM_FIELDS, FieldSpec
from .yamlnodes import YamlReadError, YNode, read_yaml


@dataclass
class LoadedFile:
    """What one glossary file contributed."""

    path: str
    entries: list[Entry] = field(default_factory=list)
    disabled: dict[str, Location] = field(default_factory=dict)
    overrides: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)
    # Where individual values stand, for checks that run after merging.
    places: dict[tuple[str, str, int], Location] = field(default_factory=dict)


def load_file(path: str | Path, *, builtin: bool = False) -> LoadedFile:
    """Load a glossary YAML file from disk."""
    shown = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return LoadedFile(
            shown, problems=[Problem(Location(shown), f"cannot read: {exc.strerror}")]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        message = f"not UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded"
        return LoadedFile(shown, problems=[Problem(Location(shown, line, column), message)])
    return load_text(text, shown, builtin=builtin)


def load_text(text: str, path: str, *, builtin: bool = False) -> LoadedFile:
    """Load a glossary from YAML text; ``path`` is only used in messages."""
    result = LoadedFile(path)
    try:
        root = read_yaml(text, path)
    except YamlReadError as exc:
        result.problems.append(exc.problem)
        return result
    if root is None:
        result.problems.append(Problem(Location(path), "glossary is empty", None, Severity.WARNING))
        return result
    _Reader(result, builtin).read_file(root)
    return result


class _Reader:
    """Validates the YNode tree of one file and fills a :class:`LoadedFile`."""

    def __init__(self, result: LoadedFile, builtin: bool) -> None:
        self.result = result
        self.builtin = builtin
        self.term: str | None = None

    def problem(self, node: YNode | tuple[int, int], message: str) -> None:
        line, column = (node.line, node.column) if isinstance(node, YNode) else node
        location = Location(self.result.path, line, column)
        self.result.problems.append(Problem(location, message, self.term))

    def read_file(self, root: YNode) -> None:
        fields = self.mapping(root, FILE_FIELDS, "glossary file")
        if fields is None:
            return
        version = fields.get("version")
        if version is not None and version.value != 1:
            self.problem(version, f"unsupported format version {version.value!r} (expected 1)")
        for item in self.str_list(fields.get("disable"), "disable"):
            self.result.disabled[item.value] = Location(self.result.path, item.line, item.column)
        terms = fields.get("terms")
        if terms is not None and self.check_kind(terms, list, "'terms' must be a list"):
            for node in terms.value:
                self.read_term(node)

    def mapping(
        self, node: YNode, spec: dict[str, FieldSpec], what: str
    ) -> dict[str, YNode] | None:
        if not isinstance(node.value, dict):
            self.problem(node, f"{what} must be a mapping")
            return None
        for key, position in node.key_lines.items():
            if key not in spec:
                self.problem(position, f"unknown key '{key}' in {what}{_did_you_mean(key, spec)}")
        for key, field_spec in spec.items():
            if field_spec.required and key not in node.value:
                self.problem(node, f"{what} is missing required key '{key}'")
        return {k: v for k, v in node.value.items() if k in spec}

    def check_kind(self, node: YNode, kind: type, message: str) -> bool:
        ok = isinstance(node.value, kind) and not (kind is int and isinstance(node.value, bool))
        if not ok:
            self.problem(node, f"{message}, not {_describe(node.value)}")
        return ok

    def text(self, node: YNode | None, key: str, label: str = "") -> str | None:
        label = label or f"'{key}'"
        if node is None or not self.check_kind(node, str, f"{label} must be text"):
            return None
        if not node.value.strip():
            self.problem(node, f"{label} must not be empty")
            return None
        return str(node.value)

    def str_list(self, node: YNode | None, key: str) -> list[YNode]:
        if node is None or not self.check_kind(node, list, f"'{key}' must be a list of text"):
            return []
        return [i for i in node.value if self.text(i, key, f"'{key}' items") is not None]

    def read_term(self, node: YNode) -> None:
        name_node = node.value.get("name") if isinstance(node.value, dict) else None
        self.term = name_node.value if name_node and isinstance(name_node.value, str) else None
        fields = self.mapping(node, TERM_FIELDS, "term")
        if fields is None:
            return
        name = self.text(fields.get("name"), "name")
        self.term = name
        definitions = self.definitions(fields.get("definition"))
        if name is None or not definitions:
            return
        sense = self.text(fields.get("sense"), "sense")
        entry_id = self.text(fields.get("id"), "id") or slugify(f"{name} {sense or ''}")
        entry = Entry(
            id=entry_id,
            name=name,
            sense=sense,
            definitions=tuple(definitions),
            aliases=self.strings(fields, "aliases", entry_id),
            added_aliases=self.strings(fields, "added_aliases", entry_id),
            discouraged=self.strings(fields, "discouraged", entry_id),
            references=self.references(fields.get("references")),
            see_also=self.strings(fields, "see_also", entry_id),
            homonyms=self.strings(fields, "homonyms", entry_id),
            seed=self.strings(fields, "seed", entry_id),
            source=Source(
                self.result.path, self.origin(fields.get("source")), node.line, self.builtin
            ),
            match=self.match_policy(fields.get("match"), entry_id),
        )
        override = fields.get("override")
        is_bool = override is not None and self.check_kind(
            override, bool, "'override' must be true or false"
        )
        if is_bool and override is not None and override.value:
            self.result.overrides.add(entry_id)
        self.result.entries.append(entry)

    def strings(self, fields: dict[str, YNode], key: str, entry_id: str) -> tuple[str, ...]:
        items = self.str_list(fields.get(key), key)
        for index, item in enumerate(items):
            self.result.places[(entry_id, key, index)] = Location(
                self.result.path, item.line, item.column
            )
        return tuple(item.value for item in items)

    def definitions(self, node: YNode | None) -> list[str]:
        if node is None:
            return []
        if isinstance(node.value, list):
            return [str(i.value) for i in node.value if self.text(i, "definition") is not None]
        text = self.text(node, "definition")
        return [text] if text is not None else []

    def references(self, node: YNode | None) -> tuple[Reference, ...]:
        if node is None or not self.check_kind(node, list, "'references' must be a list"):
            return ()
        found: list[Reference] = []
        for item in node.value:
            value = item.value
            if not (isinstance(value, dict) and len(value) == 1 and next(iter(value)) in REF_KINDS):
                self.problem(item, "a reference must be {chapter: N} or {appendix: X}")
                continue
            kind, label = next(iter(value.items()))
            if isinstance(label.value, bool) or not isinstance(label.value, str | int):
                self.problem(
                    label, f"reference label must be a number or text, not {_describe(label.value)}"
                )
                continue
            found.append(Reference(RefKind(kind), str(label.value)))
        return tuple(found)

    def origin(self, node: YNode | None) -> Origin:
        choice = self.choice(node, "source", TERM_FIELDS["source"].choices)
        return Origin(choice) if choice else Origin.ADDED

    def choice(self, node: YNode | None, key: str, choices: tuple[str, ...]) -> str | None:
        value = self.text(node, key)
        if node is None or value is None:
            return None
        if value not in choices:
            self.problem(node, f"'{key}' must be one of {', '.join(choices)}, not '{value}'")
            return None
        return value

    def match_policy(self, node: YNode | None, entry_id: str) -> MatchPolicy:
        if node is None:
            return MatchPolicy()
        fields = self.mapping(node, MATCH_FIELDS, "match")
        if fields is None:
            return MatchPolicy()
        case = self.choice(fields.get("case"), "case", MATCH_FIELDS["case"].choices)
        detect = fields.get("detect")
        detect_ok = detect is not None and self.check_kind(
            detect, bool, "'detect' must be true or false"
        )
        return MatchPolicy(
            case=Case(case) if case else Case.AUTO,
            forms=self.strings(fields, "forms", entry_id),
            detect=bool(detect.value) if detect is not None and detect_ok else True,
            ambiguous=self.strings(fields, "ambiguous", entry_id),
            context=self.strings(fields, "context", entry_id),
            examples=self.strings(fields, "examples", entry_id),
            counterexamples=self.strings(fields, "counterexamples", entry_id),
        )


def _did_you_mean(word: str, choices: Any) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _describe(value: object) -> str:
    names = {dict: "a mapping", list: "a list", str: "text", bool: "a boolean", type(None): "empty"}
    names |= {int: "a number", float: "a number"}
    return names.get(type(value), f"a {type(value).__name__}")
