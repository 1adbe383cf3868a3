"""Check the hand-labelled gold sample ``mentions.jsonl`` against the corpus and the glossary.

    python bench/gold/verify.py            # exit 0 when every check passes

Checks, per passage: the path exists in the corpus, the line range is valid, the passage
is exactly one that ``sample.py`` draws (same set of passages, same order), and only the
expected keys are present (no passage text). Per mention: its line lies in the passage,
``text`` occurs at (line, column) -- column is the 1-based code-point column of the first
character, and a text that wraps holds the newline and the next line's indentation --,
``term`` is an id of the current glossary (read by running ``llmgloss export --format json``),
mentions are ordered by position and do not overlap, the mention is not glued to a
neighbouring letter/digit/underscore, and it is not inside inline code or a link target
(a cheap guard against labelling code or URLs). Stdlib only.
"""

from __future__ import annotations

import collections
import json
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))
import sample  # noqa: E402  (the passage sampler next to this file)

CORPUS = sample.CORPUS
PASSAGE_KEYS = {"path", "start_line", "end_line", "mentions"}
MENTION_KEYS = {"line", "column", "text", "term"}


def glossary_ids() -> set[str]:
    exe = shutil.which("llmgloss")
    cmd = [exe] if exe else [sys.executable, "-m", "sphinx_llmgloss.cli"]
    out = subprocess.run(
        [*cmd, "export", "--format", "json"], cwd=REPO, check=True, capture_output=True, text=True
    ).stdout
    return {entry["id"] for entry in json.loads(out)}


def in_inline_code(line: str, col0: int) -> bool:
    """True when position col0 of line is inside a `...` or ``...`` span."""
    i, inside, ticks = 0, False, 0
    while i < col0:
        if line[i] == "`":
            j = i
            while j < len(line) and line[j] == "`":
                j += 1
            run = j - i
            if not inside:
                inside, ticks = True, run
            elif run == ticks:
                inside = False
            i = j
            continue
        i += 1
    if inside:  # an unclosed run before us only counts if it closes after us
        return "`" * ticks in line[col0:]
    return False


def in_link_target(line: str, col0: int) -> bool:
    """True inside the (target) of [text](target), inside <http...> or inside a bare URL."""
    start = line.rfind("](", 0, col0)
    if start != -1 and line.find(")", start) >= col0:
        return True
    lt = line.rfind("<", 0, col0)
    if lt != -1 and line.find(">", lt) >= col0 and line[lt + 1 : lt + 5] in ("http", "HTTP"):
        return True
    word_start = max(line.rfind(" ", 0, col0), line.rfind("(", 0, col0)) + 1
    return line[word_start:col0].startswith(("http://", "https://"))


def main() -> int:
    ids = glossary_ids()
    errors: list[str] = []
    expected = [(p["path"], p["start_line"], p["end_line"]) for p in sample.sample()]
    raw = (HERE / "mentions.jsonl").read_text(encoding="utf-8")
    records = [json.loads(line) for line in raw.splitlines() if line.strip()]
    got = [(r.get("path"), r.get("start_line"), r.get("end_line")) for r in records]
    if got != expected:
        missing, extra = set(expected) - set(got), set(got) - set(expected)
        errors.append(
            f"passages differ from sample.py: {len(missing)} missing, {len(extra)} extra"
            + ("" if missing or extra else " (order differs)")
        )
    per_project = collections.Counter()
    passages = collections.Counter()
    terms = collections.Counter()
    cache: dict[str, list[str]] = {}
    for n, rec in enumerate(records, 1):
        where = f"record {n} ({rec.get('path')}:{rec.get('start_line')}-{rec.get('end_line')})"
        if set(rec) != PASSAGE_KEYS:
            errors.append(f"{where}: keys {sorted(rec)}")
            continue
        path = CORPUS / rec["path"]
        if not path.is_file():
            errors.append(f"{where}: no such file in corpus")
            continue
        if rec["path"] not in cache:
            cache[rec["path"]] = path.read_text(encoding="utf-8").splitlines()
        lines = cache[rec["path"]]
        a, b = rec["start_line"], rec["end_line"]
        if not (isinstance(a, int) and isinstance(b, int) and 1 <= a <= b <= len(lines)):
            errors.append(f"{where}: bad line range")
            continue
        project = rec["path"].split("/", 1)[0]
        passages[project] += 1
        text = "\n".join(lines)
        offsets = [0]
        for line in lines:
            offsets.append(offsets[-1] + len(line) + 1)
        prev_end = -1
        for m in rec["mentions"]:
            mw = f"{where} mention {m}"
            extra = set(m) - MENTION_KEYS - {"ambiguous"}
            if not set(m) >= MENTION_KEYS or extra:
                errors.append(f"{mw}: keys")
                continue
            if "ambiguous" in m and m["ambiguous"] is not True:
                errors.append(f"{mw}: 'ambiguous' must be true when present")
            line_no, col, mtext, term = m["line"], m["column"], m["text"], m["term"]
            if not (a <= line_no <= b):
                errors.append(f"{mw}: line outside the passage")
                continue
            if not (isinstance(col, int) and 1 <= col <= len(lines[line_no - 1])):
                errors.append(f"{mw}: column out of range")
                continue
            start = offsets[line_no - 1] + col - 1
            end = start + len(mtext)
            if not mtext or text[start:end] != mtext:
                found = text[start:end]
                errors.append(f"{mw}: text not found at {line_no}:{col} (file has {found!r})")
                continue
            if end > offsets[b]:
                errors.append(f"{mw}: runs past the end of the passage")
            if term not in ids:
                errors.append(f"{mw}: unknown term id {term!r}")
            if start < prev_end:
                errors.append(f"{mw}: overlaps or precedes the previous mention")
            prev_end = end
            before = text[start - 1] if start > 0 else " "
            after = text[end] if end < len(text) else " "
            if before.isalnum() or before == "_" or after.isalnum() or after == "_":
                errors.append(f"{mw}: glued to a neighbouring word character")
            line = lines[line_no - 1]
            if in_inline_code(line, col - 1):
                errors.append(f"{mw}: inside inline code")
            if in_link_target(line, col - 1):
                errors.append(f"{mw}: inside a link target or URL")
            per_project[project] += 1
            terms[term] += 1
    for e in errors:
        print("ERROR", e)
    total = sum(per_project.values())
    print(f"{len(records)} passages, {total} mentions, {len(terms)} distinct terms")
    for project in sorted(passages):
        print(
            f"  {project:42s} passages {passages[project]:3d}  mentions {per_project[project]:3d}"
        )
    top = ", ".join(f"{t} {c}" for t, c in terms.most_common(20))
    print(f"most frequent terms: {top}")
    if total < 400:
        errors.append("fewer than 400 mentions")
        print("ERROR fewer than 400 mentions")
    print("OK" if not errors else f"FAILED: {len(errors)} problem(s)")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
