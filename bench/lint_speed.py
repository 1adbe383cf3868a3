"""``llmgloss lint`` over a folder against codespell and typos over the same folder.

All run alternately, several rounds, as whole commands (start-up included); medians
and ratios are printed. Issue 3 asks llmgloss to be no slower than codespell (a
pure-Python dictionary scan); typos (Rust) is the native reference. ``llmgloss lint``
is timed with ``--no-cache`` (every file analysed), and again with its result cache,
which the warm-up run fills (what a second run over unchanged files costs).

    python bench/lint_speed.py [--rounds 5] [FOLDER]     (default: ../shared/corpus)
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def commands(folder: Path) -> dict[str, list[str]]:
    ours = [sys.executable, "-m", "sphinx_llmgloss.cli", "lint", "--quiet", "--format", "json"]
    found = {
        "llmgloss lint": [*ours, "--no-cache", str(folder)],  # every file analysed: the target
        "  with cache": [*ours, str(folder)],  # unchanged files reused (after the warm-up run)
    }
    if importlib.util.find_spec("codespell_lib"):
        # The same interpreter, started the same way: no launcher shim (pyenv's costs ~100 ms).
        found["codespell"] = [sys.executable, "-m", "codespell_lib", str(folder)]
    elif shutil.which("codespell"):
        found["codespell"] = ["codespell", str(folder)]
    if shutil.which("typos"):
        found["typos"] = ["typos", str(folder)]
    return found


# As on a user's machine: modules load from their bytecode caches. With the variable
# set (as in some sandboxes), every run recompiles every module it imports.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=ENV
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("folder", nargs="?", type=Path, default=CORPUS)
    args = parser.parse_args()
    runs = commands(args.folder)
    for command in runs.values():
        timed(command)  # warm caches (llmgloss's glossary cache, the OS page cache)
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(args.rounds):
        for name, command in runs.items():
            times[name].append(timed(command))
    medians = {name: statistics.median(t) for name, t in times.items()}
    ours, cached = medians["llmgloss lint"], medians["  with cache"]
    for name, median in medians.items():
        ratio = ""
        if not name.startswith(("llmgloss", " ")):
            ratio = f"  llmgloss/{name} = {ours / median:.2f}x (with cache {cached / median:.2f}x)"
        print(f"{name:14} median {median * 1000:8.0f} ms{ratio}")
    if "codespell" in times:
        # Each round runs the commands back to back: its ratio is the least hit by drifts
        # in machine load, which on a shared 2-core machine move medians by 10-20%.
        rounds = zip(times["llmgloss lint"], times["codespell"], strict=True)
        per_round = sorted(ours_time / theirs for ours_time, theirs in rounds)
        print(
            f"llmgloss/codespell per round: median {statistics.median(per_round):.2f}x, "
            f"range {per_round[0]:.2f}-{per_round[-1]:.2f}x"
        )
    print(f"folder: {args.folder}  rounds: {args.rounds}")


if __name__ == "__main__":
    main()
