"""Reproducible sampler of prose passages for the hand-labelled gold sample.

Reads the documentation corpus at ``<repo>/../shared/corpus`` (that is,
``Path(__file__).resolve().parents[3] / "shared" / "corpus"``), lists the prose
files of every project (``.md``, ``.mdx``, ``.rst``), cuts each file into
passages and draws a fixed number of passages per project with a seeded RNG.

A *passage* is a maximal run of consecutive non-blank **prose** lines. A line
is not prose when it is inside a code fence, an reST literal block or the body
of a non-prose directive (code-block, literalinclude, toctree, list-table,
autoclass, ...), or when it is markup: front matter, HTML comments, tag-only
HTML/JSX lines (and tags continued over several lines), HF doc-builder
``[[autodoc]]`` lines, MDX ``import``/``export`` lines, fence and directive lines,
directive options / field lists, reST section adornments, horizontal rules,
table rows (Markdown pipes, reST grid tables) and link-reference definitions.
Prose inside admonitions (``:::tip``, ``{note}``, ``.. note::`` ...) and tab
items is kept. Passages that are mostly not text (letters < 50% of the
non-space characters) or longer than ``MAX_LINES`` lines are not candidates.

Per project the candidates are shuffled with ``random.Random("2026/<project>")``
and the first ``--per-project`` are taken, so raising the count for one
project only appends passages for that project. Stdlib only.

    python bench/gold/sample.py                 # the sample used for the gold set
    python bench/gold/sample.py --text          # also print the passage text
    python bench/gold/sample.py --json          # machine-readable list
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
SEED = 2026
PER_PROJECT = 60  # passages drawn per project for the gold set (see README.md)
MAX_LINES = 25  # longer runs (big lists, changelogs) are not candidates
EXTENSIONS = (".md", ".mdx", ".rst")

# Directives whose body is prose (admonitions, tabs, dropdowns); any other
# directive's body (code-block, toctree, list-table, figure, autoclass, ...) is skipped.
PROSE_DIRECTIVES = {
    "note",
    "tip",
    "warning",
    "important",
    "attention",
    "caution",
    "danger",
    "hint",
    "seealso",
    "admonition",
    "info",
    "dropdown",
    "tab",
    "tab-set",
    "tab-item",
    "tabs",
    "versionadded",
    "versionchanged",
    "deprecated",
    "card",
    "grid",
    "grid-item",
    "grid-item-card",
    "topic",
    "sidebar",
    "error",
    "success",
    "experimental",
}

FENCE = re.compile(r"^\s*(`{3,}|~{3,})\s*(.*?)\s*$")
COLON_FENCE = re.compile(r"^\s*(:{3,})\s*(.*?)\s*$")
DIRECTIVE_NAME = re.compile(r"^\{?([A-Za-z][\w:-]*)\}?")
TAG_ONLY = re.compile(r"^\s*(<[^<>]*>\s*)+$")
HRULE = re.compile(r"^\s*([-*_=])(\s*\1){2,}\s*$")
FIELD = re.compile(r"^\s*:[\w .()-]+:(\s|$)")
LINK_DEF = re.compile(r"^\s*\[[^\]]+\]:\s")
MDX_IMPORT = re.compile(r"^\s*(import|export)\s")
DOC_BUILDER = re.compile(r"^\s*\[\[[^\]]*\]\]")  # HF doc-builder [[autodoc]], [[open-in-colab]]
OPEN_TAG = re.compile(r"^\s*</?[A-Za-z!][^>]*$")  # a tag continued on the next lines
RST_ADORNMENT = re.compile(r"^\s*([=\-~^\"'`#*+_.:<>!$%&,;?@\\/|])\1{2,}\s*$")
RST_DIRECTIVE = re.compile(r"^(\s*)\.\.\s+([\w:-]+)::(.*)$")
RST_EXPLICIT = re.compile(r"^(\s*)\.\.(\s|$)")
RST_TABLE = re.compile(r"^\s*[+|]")


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def directive_name(info: str) -> str | None:
    m = DIRECTIVE_NAME.match(info)
    return m.group(1).lower() if m else None


def classify_markdown(lines: list[str]) -> list[bool]:
    """True for prose lines of a Markdown / MyST / MDX file."""
    prose = [False] * len(lines)
    i = 0
    if lines and lines[0].strip() == "---":  # YAML front matter
        i = 1
        while i < len(lines) and lines[i].strip() not in ("---", "..."):
            i += 1
        i += 1
    stack: list[tuple[str, int, bool]] = []  # (fence char, length, body is prose)
    in_comment = False
    in_tag = False
    while i < len(lines):
        line = lines[i]
        s = line.strip()
        i += 1
        if in_comment:
            in_comment = "-->" not in s
            continue
        if in_tag:
            in_tag = ">" not in s
            continue
        in_code = bool(stack) and not stack[-1][2]
        m = FENCE.match(line)
        if m:
            char, length, info = m.group(1)[0], len(m.group(1)), m.group(2)
            if in_code:
                top = stack[-1]
                if char == top[0] and length >= top[1] and not info:
                    stack.pop()
                continue
            if not info and stack and stack[-1][0] == char and length >= stack[-1][1]:
                stack.pop()
                continue
            name = directive_name(info) if info.startswith("{") else None
            stack.append((char, length, name in PROSE_DIRECTIVES))
            continue
        if in_code:
            continue
        m = COLON_FENCE.match(line)
        if m:
            info = m.group(2)
            if not info:
                if stack and stack[-1][0] == ":":
                    stack.pop()
            else:
                stack.append((":", len(m.group(1)), directive_name(info) in PROSE_DIRECTIVES))
            continue
        if not s:
            continue
        if s.startswith("<!--"):
            in_comment = "-->" not in s
            continue
        if OPEN_TAG.match(line):
            in_tag = True
            continue
        if (
            TAG_ONLY.match(line)
            or s.startswith("|")
            or HRULE.match(line)
            or FIELD.match(line)
            or LINK_DEF.match(line)
            or MDX_IMPORT.match(line)
            or DOC_BUILDER.match(line)
        ):
            continue
        prose[i - 1] = True
    return prose


def classify_rst(lines: list[str]) -> list[bool]:
    """True for prose lines of a reStructuredText file."""
    prose = [False] * len(lines)
    skip_base: int | None = None  # skipping an indented body deeper than this indent
    literal_from: int | None = None  # a paragraph ended with '::' at this indent
    options = False  # right after a prose directive: option lines
    for i, line in enumerate(lines):
        s = line.strip()
        if not s:
            options = False
            continue
        ind = indent_of(line)
        if skip_base is not None:
            if ind > skip_base:
                continue
            skip_base = None
        if literal_from is not None:
            if ind > literal_from:
                skip_base = literal_from
                literal_from = None
                continue
            literal_from = None
        m = RST_DIRECTIVE.match(line)
        if m:
            options = False
            if m.group(2).lower() in PROSE_DIRECTIVES:
                options = True
            else:
                skip_base = ind
            continue
        if RST_EXPLICIT.match(line):  # comment, target, substitution definition
            skip_base = ind
            continue
        if options and FIELD.match(line):
            continue
        options = False
        if RST_ADORNMENT.match(line) or RST_TABLE.match(line) or FIELD.match(line):
            continue
        if s.endswith("::"):
            literal_from = ind
        prose[i] = True
    return prose


def passages_of(path: Path) -> list[tuple[int, int]]:
    """(start_line, end_line), 1-based inclusive, of the candidate passages of a file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    prose = classify_rst(lines) if path.suffix == ".rst" else classify_markdown(lines)
    runs, start = [], None
    for i, p in enumerate([*prose, False]):
        if p and start is None:
            start = i
        elif not p and start is not None:
            runs.append((start, i - 1))
            start = None
    out = []
    for a, b in runs:
        if b - a + 1 > MAX_LINES:
            continue
        text = "".join(lines[a : b + 1])
        chars = [c for c in text if not c.isspace()]
        letters = sum(c.isalpha() for c in chars)
        if not re.search(r"[A-Za-z]{2}", text) or letters < 0.5 * len(chars):
            continue
        out.append((a + 1, b + 1))
    return out


def prose_files(project: Path) -> list[Path]:
    return sorted(p for p in project.rglob("*") if p.is_file() and p.suffix in EXTENSIONS)


def sample(per_project: int = PER_PROJECT, only: list[str] | None = None) -> list[dict]:
    chosen = []
    for project in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        if only and project.name not in only:
            continue
        candidates = []
        for f in prose_files(project):
            rel = f.relative_to(CORPUS).as_posix()
            candidates += [(rel, a, b) for a, b in passages_of(f)]
        rng = random.Random(f"{SEED}/{project.name}")
        rng.shuffle(candidates)
        picked = sorted(candidates[:per_project], key=lambda c: (c[0], c[1]))
        chosen += [
            {
                "project": project.name,
                "path": rel,
                "start_line": a,
                "end_line": b,
                "candidates": len(candidates),
            }
            for rel, a, b in picked
        ]
    return chosen


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-project", type=int, default=PER_PROJECT)
    ap.add_argument("--project", action="append", help="restrict to this project folder")
    ap.add_argument("--text", action="store_true", help="print each passage's text too")
    ap.add_argument("--json", action="store_true", help="print a JSON list")
    args = ap.parse_args()
    picked = sample(args.per_project, args.project)
    if args.json:
        json.dump(picked, sys.stdout, indent=1)
        print()
        return
    for p in picked:
        print(f"{p['path']}:{p['start_line']}-{p['end_line']}")
        if args.text:
            lines = (CORPUS / p["path"]).read_text(encoding="utf-8").splitlines()
            for n in range(p["start_line"], p["end_line"] + 1):
                print(f"  {n:5d} | {lines[n - 1]}")
            print()


if __name__ == "__main__":
    main()
