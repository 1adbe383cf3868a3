"""Issue 6 §2: malformed glossaries and configs, shared by the CLI, Sphinx and LSP tests.

Each case is one project glossary file (ids and names unique per case, so that several
can be loaded together) with the line and message every front end must report.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Case:
    name: str
    content: bytes
    line: int  # 0: the message is about the whole file
    message: str  # a fragment of the located message
    error: bool = True

    def write(self, folder: Path) -> Path:
        path = folder / f"{self.name}.yaml"
        path.write_bytes(self.content)
        return path


def _terms(*lines: str) -> bytes:
    return ("terms:\n" + "".join(f"{line}\n" for line in lines)).encode()


CASES = [
    Case("syntax", _terms("  - name: Syn", "    definition: ["), 4, "YAML syntax error"),
    Case("types", _terms("  - name: Typ", "    definition: 42"), 3, "must be text, not a number"),
    Case(
        "unknown-key",
        _terms("  - name: Unk", "    definition: D", "    definiton: D"),
        4,
        "unknown key 'definiton' in term; did you mean 'definition'?",
    ),
    Case(
        "duplicate-id",
        _terms(
            "  - id: dup",
            "    name: Dup",
            "    definition: D",
            "  - id: dup",
            "    name: Dup two",
            "    definition: E",
        ),
        5,
        "duplicate id 'dup' (first defined at line 2)",
    ),
    Case(
        "see-also-cycle",
        _terms("  - id: cyc", "    name: Cyc", "    definition: D", "    see_also: [cyc]"),
        5,
        "see_also refers to the entry itself",
    ),
    Case(
        "bad-example",
        _terms("  - name: Widget", "    definition: D", "    match:", "      examples: [a gadget]"),
        5,
        "example does not match: 'a gadget'",
    ),
    Case("not-utf8", b"terms:\n  - name: Caf\xe9\n    definition: D\n", 2, "not UTF-8"),
    Case("empty", b"", 0, "glossary is empty", error=False),
    Case(
        "python-tag",
        b"terms: !!python/object:os.system\n  - x\n",
        1,
        "unsupported YAML tag !!python/object:os.system",
    ),
]
