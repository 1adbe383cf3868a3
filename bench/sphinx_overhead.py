"""Time a Sphinx build of a real docs tree with and without the llmgloss extension.

The baseline is the tree's own conf.py; the other build adds ``sphinx_llmgloss`` and
one glossary page. Builds alternate (baseline, extension, baseline, ...) so drifts in
machine load hit both; the medians, their ratio and the number of links inserted are
printed. Each build is a fresh full build in a new output folder.

    python bench/sphinx_overhead.py [--runs 5] [--docs ../shared/corpus/vllm-project__vllm-ascend]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DOCS = ROOT.parent / "shared" / "corpus" / "vllm-project__vllm-ascend"
GLOSSARY_PAGE = "---\norphan: true\n---\n\n# Glossary\n\n```{{llmgloss-glossary}}\n{options}```\n"
WITH_EXTENSION = (
    "exec(open({conf!r}, encoding='utf-8').read())\nextensions = [*extensions, 'sphinx_llmgloss']\n"
)


# As on a user's machine: modules load from their bytecode caches. With the variable
# set (as in some sandboxes), every build recompiles the extension's modules.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def build(src: Path, out: Path, confdir: Path | None) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of one full build."""
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-j", "1", "-q", "-E"]
    if confdir is not None:
        command += ["-c", str(confdir)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([*command, str(src), str(out)], check=True, stderr=subprocess.DEVNULL, env=ENV)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def count_links(out: Path) -> int:
    pattern = re.compile(r'class="llmgloss-auto ')
    return sum(len(pattern.findall(p.read_text(encoding="utf-8"))) for p in out.rglob("*.html"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--docs", type=Path, default=DEFAULT_DOCS)
    parser.add_argument(
        "--all", action="store_true", help="render every term (default: the terms the docs use)"
    )
    args = parser.parse_args()
    if not (args.docs / "conf.py").is_file():
        sys.exit(f"no conf.py in {args.docs}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        base_src, ext_src = work / "base", work / "ext"
        shutil.copytree(args.docs, base_src)
        shutil.copytree(args.docs, ext_src)
        options = ":all:\n" if args.all else ""
        page = GLOSSARY_PAGE.format(options=options)
        (ext_src / "llmgloss-glossary.md").write_text(page, encoding="utf-8")
        confdir = work / "conf"
        confdir.mkdir()
        conf = (ext_src / "conf.py").as_posix()
        (confdir / "conf.py").write_text(WITH_EXTENSION.format(conf=conf), encoding="utf-8")
        base_runs, ext_runs = [], []
        for run in range(args.runs):
            base_runs.append(build(base_src, work / f"out-base-{run}", None))
            ext_runs.append(build(ext_src, work / f"out-ext-{run}", confdir))
            (bw, bc), (ew, ec) = base_runs[-1], ext_runs[-1]
            print(f"run {run + 1}: baseline {bw:.2f}s ({bc:.2f}s CPU), ", end="")
            print(f"llmgloss {ew:.2f}s ({ec:.2f}s CPU)")
        links = count_links(work / f"out-ext-{args.runs - 1}")
    for label, index in (("wall-clock", 0), ("CPU", 1)):
        base = statistics.median(r[index] for r in base_runs)
        ext = statistics.median(r[index] for r in ext_runs)
        print(
            f"{label}: baseline (own conf.py) median {base:.2f}s, with sphinx_llmgloss and a "
            f"glossary page {ext:.2f}s over {args.runs} runs: ratio {ext / base:.3f}x "
            "(target <= 1.05x)"
        )
    paired = statistics.median(e[1] / b[1] for b, e in zip(base_runs, ext_runs, strict=True))
    print(f"median of the per-run CPU ratios: {paired:.3f}x")
    print(f"links inserted: {links}")


if __name__ == "__main__":
    main()
