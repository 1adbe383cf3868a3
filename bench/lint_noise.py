"""How noisy is ``llmgloss lint`` on real docs: diagnostics per 10,000 words, by rule.

With ``--sample N`` it also prints N diagnostics drawn with a fixed seed, each with
its context, for a person to judge; judged samples live in bench/gold/lint_judged.jsonl
and ``--judged`` reports the share a reader agrees is real undefined jargon. A new batch
is drawn from the undefined-jargon diagnostics not judged before, as batches 4-8 were:
``--sample 150 --unjudged --seed lint-judge-8`` (batch 8; the next takes a new seed).
Each project of the corpus is linted with its name as ``--project``, as its conf.py or
pyproject.toml would give it.

    python bench/lint_noise.py [--sample 60 [--unjudged] [--seed S]] [--judged] [FOLDER]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parents[1] / "shared" / "corpus"
JUDGED = HERE / "gold" / "lint_judged.jsonl"


def lint(folder: Path) -> list[dict[str, object]]:
    """Lint ``folder``; each project folder of the corpus (``owner__name``) on its own, with
    its name as the ``project`` option, as its conf.py or pyproject.toml would give it
    (so its own name and initials are known, as in ``bench/quality.py``)."""
    projects = sorted(p for p in folder.iterdir() if p.is_dir() and "__" in p.name)
    if not projects:
        return _lint([str(folder)])
    records = _lint([str(p) for p in folder.iterdir() if p.is_file()])
    for project in projects:
        records += _lint(["--project", project.name.split("__")[-1], str(project)])
    return records


def _lint(arguments: list[str]) -> list[dict[str, object]]:
    if not arguments:
        return []
    command = [
        sys.executable,
        "-m",
        "sphinx_llmgloss.cli",
        "lint",
        "-q",
        "--format",
        "json",
        "--fail-on",
        "never",
        *arguments,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return list(json.loads(output))


def words(folder: Path) -> int:
    total = 0
    for path in folder.rglob("*"):
        if path.suffix in (".md", ".markdown", ".rst", ".txt") and path.is_file():
            total += len(re.findall(r"\w+", path.read_text(encoding="utf-8", errors="replace")))
    return total


def context(record: dict[str, object]) -> str:
    lines = Path(str(record["path"])).read_text(encoding="utf-8", errors="replace").splitlines()
    line = lines[int(record["line"]) - 1]  # type: ignore[call-overload]
    return line.strip()[:200]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--seed", default="2026", help="the sample's seed (text or number)")
    parser.add_argument(
        "--unjudged", action="store_true", help="sample LG001 lines not judged before"
    )
    parser.add_argument("--judged", action="store_true")
    parser.add_argument("folder", nargs="?", type=Path, default=CORPUS)
    args = parser.parse_args()
    records = lint(args.folder)
    total_words = words(args.folder)
    print(
        f"{len(records)} diagnostics in {total_words:,} words: "
        f"{len(records) * 10_000 / total_words:.1f} per 10,000 words"
    )
    for code, count in Counter(str(r["code"]) for r in records).most_common():
        print(f"  {code}: {count}")
    pool = unjudged(records) if args.unjudged else records
    seed: int | str = int(args.seed) if args.seed.isdigit() else args.seed
    for record in random.Random(seed).sample(pool, min(args.sample, len(pool))):
        word = str(record["message"]).split("'")[1]
        path = str(record["path"]).split("/corpus/")[-1]
        print(
            json.dumps(
                {"path": path, "line": record["line"], "word": word, "context": context(record)},
                ensure_ascii=False,
            )
        )
    if args.judged and JUDGED.exists():
        judged = [json.loads(line) for line in JUDGED.read_text(encoding="utf-8").splitlines()]
        now = {(str(r["path"]).split("/corpus/")[-1], r["line"]) for r in records}
        named = {
            (str(r["path"]).split("/corpus/")[-1], str(r["message"]).split("'")[1]) for r in records
        }
        for batch in sorted({j.get("batch", 1) for j in judged}):
            chosen = [j for j in judged if j.get("batch", 1) == batch]
            report_judged(f"batch {batch}", chosen, now, named)
        report_judged("all batches", judged, now, named)


def unjudged(records: list[dict[str, object]]) -> list[dict[str, object]]:
    """The undefined-jargon diagnostics on lines no judged sample holds, in lint's order."""
    judged = [json.loads(line) for line in JUDGED.read_text(encoding="utf-8").splitlines()]
    seen = {(j["path"], j["line"]) for j in judged}
    return [
        r
        for r in records
        if r["code"] == "LG001" and (str(r["path"]).split("/corpus/")[-1], r["line"]) not in seen
    ]


def report_judged(
    label: str,
    judged: list[dict[str, object]],
    now: set[tuple[str, object]],
    words: set[tuple[str, str]],
) -> None:
    """The share of real jargon among the judged diagnostics when they were drawn, and
    among those the current version still reports; a real one whose line is no longer
    reported may be reported further down its file (the first use in the body rather
    than in a heading)."""
    real = sum(1 for j in judged if j["real"])
    print(f"{label}: judged {real}/{len(judged)} = {real / len(judged):.2f} real jargon")
    kept = [j for j in judged if (j["path"], j["line"]) in now]
    real_kept = sum(1 for j in kept if j["real"])
    dropped = [j for j in judged if j["real"] and (j["path"], j["line"]) not in now]
    moved = sum(1 for j in dropped if (j["path"], j["word"]) in words)
    print(
        f"  still reported: {len(kept)} of them, {real_kept} real "
        f"= {real_kept / max(len(kept), 1):.2f}; real ones dropped: {len(dropped)} "
        f"({moved} of them reported elsewhere in their file)"
    )


if __name__ == "__main__":
    main()
