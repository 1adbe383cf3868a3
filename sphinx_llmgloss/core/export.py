"""Write a glossary out as JSON, YAML, a reST ``glossary``, a MyST glossary or Markdown."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from .keys import normalize_key
from .model import Entry

FORMATS = ("json", "yaml", "rst", "myst", "markdown")
_RST_SPECIAL = re.compile(r"([\\*`|_])")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def _rst_escape(text: str) -> str:
    return _RST_SPECIAL.sub(r"\\\1", text)


def escape_markdown(text: str) -> str:
    """Backslash-escape Markdown syntax so glossary text renders as the text it is."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def entry_to_json(entry: Entry) -> dict[str, Any]:
    """The JSON object of one entry (the documented ``export --format json`` shape)."""
    data: dict[str, Any] = {
        "id": entry.id,
        "name": entry.name,
        "sense": entry.sense,
        "headword": entry.headword,
        "aliases": list(entry.aliases + entry.added_aliases),
        "added_aliases": list(entry.added_aliases),
        "discouraged": list(entry.discouraged),
        "definition": entry.definition,
        "definitions": list(entry.definitions),
        "references": [
            {"kind": r.kind.value, "label": r.label, "text": str(r)} for r in entry.references
        ],
        "see_also": list(entry.see_also),
        "homonyms": list(entry.homonyms),
        "source": {
            "file": entry.source.path,
            "line": entry.source.line,
            "origin": entry.source.origin.value,
            "builtin": entry.source.builtin,
        },
    }
    if entry.seed:
        data["seed"] = list(entry.seed)
    return data


def entry_to_yaml_data(entry: Entry) -> dict[str, Any]:
    """The glossary-file mapping of one entry, so an export loads back unchanged."""
    data: dict[str, Any] = {"id": entry.id, "name": entry.name}
    if entry.sense:
        data["sense"] = entry.sense
    for key in ("aliases", "added_aliases", "discouraged"):
        if getattr(entry, key):
            data[key] = list(getattr(entry, key))
    data["definition"] = (
        entry.definitions[0] if len(entry.definitions) == 1 else list(entry.definitions)
    )
    if entry.references:
        data["references"] = [
            {r.kind.value: int(r.label) if r.label.isdigit() else r.label} for r in entry.references
        ]
    for key in ("see_also", "homonyms"):
        if getattr(entry, key):
            data[key] = list(getattr(entry, key))
    data["source"] = entry.source.origin.value
    if entry.seed:
        data["seed"] = list(entry.seed)
    match = _match_data(entry)
    if match:
        data["match"] = match
    return data


def _match_data(entry: Entry) -> dict[str, Any]:
    policy = entry.match
    data: dict[str, Any] = {}
    if policy.case.value != "auto":
        data["case"] = policy.case.value
    if not policy.detect:
        data["detect"] = False
    for key in ("forms", "ambiguous", "context", "examples", "counterexamples"):
        if getattr(policy, key):
            data[key] = list(getattr(policy, key))
    return data


def _sorted(entries: Sequence[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: normalize_key(e.headword))


def _term_lines(entries: Sequence[Entry]) -> Callable[[Entry], list[str]]:
    """Headword plus aliases, leaving out any alias two exported entries share (homonyms)."""
    counts = Counter(
        normalize_key(f) for e in entries for f in {normalize_key(n) for n in e.names()}
    )

    def lines(entry: Entry) -> list[str]:
        found = {normalize_key(entry.headword): entry.headword}
        for alias in (*entry.aliases, *entry.added_aliases):
            if counts[normalize_key(alias)] == 1:
                found.setdefault(normalize_key(alias), alias)
        return list(found.values())

    return lines


def _details(entry: Entry, link: Callable[[Entry], str], by_id: dict[str, Entry]) -> list[str]:
    extra = []
    related = [link(by_id[i]) for i in entry.see_also if i in by_id]
    if related:
        extra.append("See also: " + ", ".join(related) + ".")
    if entry.references:
        extra.append("Book: " + ", ".join(str(r) for r in entry.references) + ".")
    return extra


def to_rst(entries: Sequence[Entry], by_id: dict[str, Entry]) -> str:
    """A Sphinx ``.. glossary::`` block."""
    terms = _term_lines(entries)
    out = [".. glossary::", "   :sorted:", ""]
    for entry in _sorted(entries):
        out.extend("   " + _rst_escape(line) for line in terms(entry))
        paragraphs = [_rst_escape(d) for d in entry.definitions]
        paragraphs += _details(entry, lambda e: f":term:`{e.headword}`", by_id)
        for index, paragraph in enumerate(paragraphs):
            out.extend([""] * (index > 0))
            out.append(f"      {paragraph}")
        out.append("")
    return "\n".join(out)


def to_myst(entries: Sequence[Entry], by_id: dict[str, Entry]) -> str:
    """A MyST ```` ```{glossary} ```` block."""
    terms = _term_lines(entries)
    out = ["```{glossary}"]
    for entry in _sorted(entries):
        out.extend(escape_markdown(line) for line in terms(entry))
        paragraphs = [escape_markdown(d) for d in entry.definitions]
        paragraphs += _details(entry, lambda e: f"{{term}}`{e.headword}`", by_id)
        out.append("  " + "\n\n  ".join(paragraphs))
        out.append("")
    out.append("```")
    return "\n".join(out) + "\n"


def to_markdown(entries: Sequence[Entry], by_id: dict[str, Entry]) -> str:
    """A Markdown definition list (PHP Markdown Extra / MyST ``deflist``)."""
    out = []
    for entry in _sorted(entries):
        out.append(escape_markdown(entry.headword))
        aliases = [*entry.aliases, *entry.added_aliases]
        paragraphs = [escape_markdown(d) for d in entry.definitions]
        if aliases:
            paragraphs.insert(0, "*Also:* " + ", ".join(escape_markdown(a) for a in aliases))
        paragraphs += _details(entry, lambda e: escape_markdown(e.headword), by_id)
        out.append(": " + "\n\n  ".join(paragraphs))
        out.append("")
    return "\n".join(out)


def export(
    entries: Sequence[Entry], fmt: str, by_id: dict[str, Entry], name: str = "export"
) -> str:
    """``entries`` in one of :data:`FORMATS`; see-also links only to entries in ``by_id``."""
    if fmt == "json":
        return json.dumps([entry_to_json(e) for e in entries], ensure_ascii=False, indent=2) + "\n"
    if fmt == "yaml":
        import yaml  # only here: hovers use this module and must start fast

        document = {
            "glossary": name,
            "version": 1,
            "terms": [entry_to_yaml_data(e) for e in entries],
        }
        return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)
    writers = {"rst": to_rst, "myst": to_myst, "markdown": to_markdown}
    return writers[fmt](entries, by_id)
