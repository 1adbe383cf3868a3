"""The glossary file format, declared once.

The loader validates against these tables and ``glossary_schema()`` turns them
into the JSON Schema shipped in ``glossary_data/`` for yaml-language-server.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .model import Case, Origin, RefKind


@dataclass(frozen=True)
class FieldSpec:
    """One key of a mapping in a glossary file."""

    kind: str  # "str", "str-list", "str-or-str-list", "bool", "int", "refs", "match", "terms"
    help: str
    required: bool = False
    choices: tuple[str, ...] = ()


FILE_FIELDS: dict[str, FieldSpec] = {
    "glossary": FieldSpec("str", "A short name for this glossary, shown in hovers."),
    "version": FieldSpec("int", "Format version; only 1 exists."),
    "disable": FieldSpec("str-list", "Ids of built-in terms this project does not want."),
    "terms": FieldSpec("terms", "The entries.", required=True),
}

TERM_FIELDS: dict[str, FieldSpec] = {
    "id": FieldSpec("str", "Stable slug; defaults to the slug of name (and sense)."),
    "name": FieldSpec("str", "Display headword.", required=True),
    "sense": FieldSpec("str", "Qualifier telling homonyms apart, e.g. 'decoding'."),
    "aliases": FieldSpec("str-list", "Abbreviations, expansions, synonyms, other spellings."),
    "added_aliases": FieldSpec("str-list", "Aliases added beyond the source glossary."),
    "definition": FieldSpec(
        "str-or-str-list", "Definition text; a list when the source defines it twice.", True
    ),
    "references": FieldSpec("refs", "Book pointers: {chapter: 12} or {appendix: D}."),
    "discouraged": FieldSpec(
        "str-list", "Spellings still recognised but to be replaced by the name (rule LG003)."
    ),
    "see_also": FieldSpec("str-list", "Ids of related entries."),
    "homonyms": FieldSpec("str-list", "Ids of other senses that share a surface form."),
    "source": FieldSpec(
        "str",
        "seed: converted verbatim; added: written here.",
        choices=tuple(o.value for o in Origin),
    ),
    "seed": FieldSpec("str-list", "Exact headwords of the source glossary lines."),
    "override": FieldSpec("bool", "Replace a built-in entry that has the same id."),
    "match": FieldSpec("match", "How the term is found in prose."),
}

MATCH_FIELDS: dict[str, FieldSpec] = {
    "case": FieldSpec("str", "Letter-case policy.", choices=tuple(c.value for c in Case)),
    "forms": FieldSpec("str-list", "Extra surface forms that are matched but not shown."),
    "detect": FieldSpec("bool", "False: never auto-detected in prose, only referenced."),
    "ambiguous": FieldSpec("str-list", "Forms too ordinary to auto-detect (e.g. 'judge')."),
    "context": FieldSpec("str-list", "Words nearby that signal this sense of a homonym."),
    "examples": FieldSpec("str-list", "Sentences in which the term must be found."),
    "counterexamples": FieldSpec("str-list", "Sentences in which it must not be found."),
}

REF_KINDS = tuple(k.value for k in RefKind)


def _schema_of(spec: FieldSpec) -> dict[str, Any]:
    string_list = {"type": "array", "items": {"type": "string"}}
    shapes: dict[str, dict[str, Any]] = {
        "str": {"type": "string"},
        "str-list": string_list,
        "str-or-str-list": {"oneOf": [{"type": "string"}, string_list]},
        "bool": {"type": "boolean"},
        "int": {"type": "integer"},
        "refs": {"type": "array", "items": {"$ref": "#/$defs/reference"}},
        "match": {"$ref": "#/$defs/match"},
        "terms": {"type": "array", "items": {"$ref": "#/$defs/term"}},
    }
    result = {"description": spec.help, **shapes[spec.kind]}
    if spec.choices:
        result["enum"] = list(spec.choices)
    return result


def _object(fields: dict[str, FieldSpec]) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [name for name, spec in fields.items() if spec.required],
        "properties": {name: _schema_of(spec) for name, spec in fields.items()},
    }


def glossary_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a glossary YAML file."""
    reference = {
        "type": "object",
        "minProperties": 1,
        "maxProperties": 1,
        "additionalProperties": False,
        "properties": {kind: {"type": ["string", "integer"]} for kind in REF_KINDS},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "llmgloss glossary",
        **_object(FILE_FIELDS),
        "$defs": {
            "term": _object(TERM_FIELDS),
            "match": _object(MATCH_FIELDS),
            "reference": reference,
        },
    }
