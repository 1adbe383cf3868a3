"""Precision and recall of ``llmgloss scan`` on the hand-labelled gold sample.

The gold (bench/gold/mentions.jsonl, see bench/gold/README.md) lists, for passages
of ../shared/corpus, every mention of a glossary term in the glossary's sense. Each
file is analysed whole, as ``scan`` would, and the mentions inside each passage's
lines are compared with the gold: a hit needs the same span and the same entry
(for homonyms: the first sense offered). Each project is checked with its name as the
``project`` option, as a Sphinx build (``project`` in conf.py) or a checkout with a
pyproject.toml would give it: the repository part of the corpus folder's name.

    python bench/quality.py [--show-errors]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from sphinx_llmgloss.core import Config, load_glossary
from sphinx_llmgloss.core.files import read_source
from sphinx_llmgloss.core.lint import Linter
from sphinx_llmgloss.core.positions import LineIndex
from sphinx_llmgloss.core.regions.select import filetype_for

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parents[1] / "shared" / "corpus"

Span = tuple[int, int, str]


def gold_passages() -> list[dict[str, object]]:
    lines = (HERE / "gold" / "mentions.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def evaluate(linter: Linter, passage: dict[str, object]) -> tuple[set[Span], set[Span]]:
    path = CORPUS / str(passage["path"])
    text, _ = read_source(path, 10**8)
    assert text is not None, path
    index = LineIndex(text)
    first = index.offset(int(passage["start_line"]), 1)  # type: ignore[call-overload]
    last_line = int(passage["end_line"])  # type: ignore[call-overload]
    try:
        last = index.offset(last_line + 1, 1)
    except IndexError:
        last = len(text)
    gold = set()
    for m in passage["mentions"]:  # type: ignore[attr-defined]
        start = index.offset(m["line"], m["column"])
        gold.add((start, start + len(m["text"]), m["term"]))
    filetype = filetype_for(str(path)) or "text"
    found = {
        (m.start, m.end, m.entry_ids[0])
        for m in linter.analyze(text, filetype).mentions
        if first <= m.start < last
    }
    return gold, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    glossary = load_glossary(Config())
    linters: dict[str, Linter] = {}
    totals: Counter[str] = Counter()
    per_project: dict[str, Counter[str]] = {}
    misses: Counter[str] = Counter()
    extras: Counter[str] = Counter()
    for passage in gold_passages():
        project = str(passage["path"]).split("/")[0]
        if project not in linters:
            config = Config(project=project.split("__")[-1])
            linters[project] = Linter(glossary, config)
        gold, found = evaluate(linters[project], passage)
        counts = per_project.setdefault(project, Counter())
        for key, value in (("gold", len(gold)), ("found", len(found)), ("hit", len(gold & found))):
            counts[key] += value
            totals[key] += value
        text = (CORPUS / str(passage["path"])).read_text(encoding="utf-8", errors="replace")
        misses.update(f"{text[s:e]!r} -> {t}" for s, e, t in gold - found)
        extras.update(f"{text[s:e]!r} -> {t}" for s, e, t in found - gold)
    for project, c in sorted(per_project.items()):
        print(f"{project:42} gold {c['gold']:4}  found {c['found']:4}  hit {c['hit']:4}")
    precision = totals["hit"] / max(totals["found"], 1)
    recall = totals["hit"] / max(totals["gold"], 1)
    print(f"TOTAL gold {totals['gold']}  found {totals['found']}  hit {totals['hit']}")
    print(f"precision {precision:.3f}  recall {recall:.3f}")
    if args.show_errors:
        print("\nmissed (in gold, not found):")
        for item, n in misses.most_common():
            print(f"  {n:3} {item}")
        print("\nwrong (found, not in gold):")
        for item, n in extras.most_common():
            print(f"  {n:3} {item}")


if __name__ == "__main__":
    main()
