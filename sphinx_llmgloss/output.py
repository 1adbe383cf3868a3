"""Write ``scan`` and ``lint`` results as text, JSON, GitHub annotations or SARIF.

Lines and columns are 1-based; columns count code points; ends are exclusive.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from . import __version__
from .core.glossary import Glossary
from .core.rules import RULES, Level
from .runner import FileResult

FORMATS = ("text", "json", "github", "sarif")
_GITHUB_LEVEL = {Level.ERROR: "error", Level.WARNING: "warning"}
_SARIF_LEVEL = {Level.ERROR: "error", Level.WARNING: "warning"}


def _where(path: str, start: tuple[int, int], end: tuple[int, int]) -> dict[str, Any]:
    return {
        "path": path,
        "line": start[0],
        "column": start[1],
        "end_line": end[0],
        "end_column": end[1],
    }


def lint_records(results: Iterable[FileResult]) -> list[dict[str, Any]]:
    return [
        {
            **_where(r.path, start, end),
            "code": d.rule.code,
            "rule": d.rule.name,
            "severity": d.level.label,
            "message": d.message,
            "suggestions": list(d.suggestions),
        }
        for r in results
        for d, start, end in r.diagnostics
    ]


def scan_records(results: Iterable[FileResult], glossary: Glossary) -> list[dict[str, Any]]:
    return [
        {
            **_where(r.path, start, end),
            "text": m.text,
            "term": m.entry_ids[0],
            "name": glossary.by_id[m.entry_ids[0]].headword,
            "senses": list(m.entry_ids),
        }
        for r in results
        for m, start, end in r.mentions
    ]


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github(level: str, record: dict[str, Any], title: str, message: str) -> str:
    props = (
        f"file={_escape_property(record['path'])},line={record['line']},"
        f"col={record['column']},endLine={record['end_line']},"
        f"endColumn={record['end_column']},title={_escape_property(title)}"
    )
    return f"::{level} {props}::{_escape_data(message)}"


def _sarif(results: list[dict[str, Any]], rules: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "llmgloss", "version": __version__, "rules": rules}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def _sarif_result(record: dict[str, Any], rule_id: str, level: str, text: str) -> dict[str, Any]:
    region = {
        "startLine": record["line"],
        "startColumn": record["column"],
        "endLine": record["end_line"],
        "endColumn": record["end_column"],
    }
    location = {"physicalLocation": {"artifactLocation": {"uri": record["path"]}, "region": region}}
    return {"ruleId": rule_id, "level": level, "message": {"text": text}, "locations": [location]}


_ENCODER = json.JSONEncoder(ensure_ascii=False)  # one for all records: dumps() makes one each


def _write_json(data: object, out: TextIO) -> None:
    """A list as one record per line, anything else on one line. ``indent`` would be
    prettier but makes ``json`` use its pure-Python encoder: a quarter of a corpus lint."""
    if isinstance(data, list):
        items = ",\n".join(map(_ENCODER.encode, data))
        out.write(f"[\n{items}\n]\n" if items else "[]\n")
    else:
        out.write(json.dumps(data, ensure_ascii=False) + "\n")


def write_lint(records: list[dict[str, Any]], fmt: str, out: TextIO) -> None:
    if fmt == "json":
        _write_json(records, out)
    elif fmt == "sarif":
        rules = [
            {
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.summary},
                "defaultConfiguration": {"level": _SARIF_LEVEL.get(r.default, "note")},
            }
            for r in RULES
        ]
        results = [
            _sarif_result(
                r, r["code"], _SARIF_LEVEL.get(Level[r["severity"].upper()], "note"), r["message"]
            )
            for r in records
        ]
        _write_json(_sarif(results, rules), out)
    else:
        for r in records:
            if fmt == "github":
                level = _GITHUB_LEVEL.get(Level[r["severity"].upper()], "notice")
                out.write(_github(level, r, f"{r['code']} {r['rule']}", r["message"]) + "\n")
            else:
                out.write(
                    f"{r['path']}:{r['line']}:{r['column']}: {r['severity']}: "
                    f"{r['message']} [{r['code']}]\n"
                )


def write_scan(records: list[dict[str, Any]], fmt: str, out: TextIO) -> None:
    if fmt == "json":
        _write_json(records, out)
    elif fmt == "sarif":
        rules = [
            {
                "id": "mention",
                "name": "glossary-mention",
                "shortDescription": {"text": "A mention of a glossary term."},
            }
        ]
        results = [
            _sarif_result(r, "mention", "note", f"{r['text']}: {r['name']}") for r in records
        ]
        _write_json(_sarif(results, rules), out)
    else:
        for r in records:
            text = " ".join(r["text"].split())
            if fmt == "github":
                out.write(_github("notice", r, "llmgloss term", f"{text}: {r['name']}") + "\n")
            else:
                out.write(f"{r['path']}:{r['line']}:{r['column']}: {text} -> {r['term']}\n")
