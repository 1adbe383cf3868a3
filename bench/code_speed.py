"""Region extraction plus matching for a large Python file (issue 3: under 50 ms for 5,000 lines).

Uses a real 5,000-line-ish module from the standard library (or the file given),
runs ``Linter.analyze`` (comments and docstrings, term matching, rules) several
times and prints the median and the best time.

    python bench/code_speed.py [FILE] [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import sysconfig
import time
from pathlib import Path

from sphinx_llmgloss.core import Config, load_glossary
from sphinx_llmgloss.core.lint import Linter

CANDIDATES = ("tkinter/__init__.py", "_pydecimal.py", "typing.py", "argparse.py")


def default_file() -> Path:
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    for name in CANDIDATES:
        path = stdlib / name
        if path.is_file() and len(path.read_text(encoding="utf-8").splitlines()) >= 2500:
            return path
    raise SystemExit("no large standard-library module found; pass a file")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    path = args.file or default_file()
    text = path.read_text(encoding="utf-8")
    linter = Linter(load_glossary(Config()), Config())
    linter.analyze(text, "python")  # load the grammar once, as an editor would
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        analysis = linter.analyze(text, "python")
        times.append(time.perf_counter() - start)
    lines = len(text.splitlines())
    print(
        f"{path} ({lines:,} lines): median {statistics.median(times) * 1000:.1f} ms, "
        f"best {min(times) * 1000:.1f} ms; {len(analysis.regions.prose)} prose regions, "
        f"{len(analysis.mentions)} mentions, {len(analysis.diagnostics)} diagnostics"
    )


if __name__ == "__main__":
    main()
