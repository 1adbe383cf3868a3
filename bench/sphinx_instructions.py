"""Count the instructions of a Sphinx build with and without the llmgloss extension.

Wall-clock time on a shared machine varies by 10-20% between builds; instruction
counts do not. This runs the same two builds as ``sphinx_overhead.py`` (the tree's
conf.py through ``-c``, plus the extension and one glossary page) under valgrind's
cachegrind, with ``PYTHONHASHSEED=0``, and prints both counts and their ratio.
``--no-gc`` runs both builds with Python's garbage collector off, which leaves out
when its full collections happen to fall. The glossary cache is filled first, as after
any first build (a cold cache costs the extension's build about 0.7% more);
``--no-cache`` turns it off. ``--cache-sim`` simulates the caches as well and adds
KCachegrind's rough cycle estimate (instructions, plus 10 per first-level and 100 per
last-level miss). Valgrind simulates the host's whole L3 as the last level, which a
build on a shared machine does not get; ``--last-level MB`` simulates a smaller one.
``--set LINE`` adds a line to the extension's conf.py, as in ``sphinx_overhead.py``.
``--hand-written`` also counts the baseline with the same links and glossary page
written by hand, no extension (``sphinx_overhead.py --hand-written``).
Each build takes a few minutes; the two run side by side.

    python bench/sphinx_instructions.py [--no-gc] [--no-cache] [--cache-sim] [--last-level MB]
        [--set LINE ...] [--hand-written]
        [--docs ../shared/corpus/vllm-project__vllm-ascend]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from hand_written import hand_written, project_name
from sphinx_overhead import (
    DEFAULT_DOCS,
    DRIVER,
    GLOSSARY_PAGE,
    NO_GC_DRIVER,
    WITH_EXTENSION,
    WITHOUT_EXTENSION,
    set_cache,
    settings,
)
from sphinx_overhead import command as sphinx_command


def command(
    src: Path, out: Path, confdir: Path, driver: str, cache_sim: bool, last_level: int = 0
) -> list[str]:
    """``sphinx_overhead.py``'s build command, run under cachegrind."""
    valgrind = ["valgrind", "--tool=cachegrind", f"--cache-sim={'yes' if cache_sim else 'no'}"]
    valgrind.append("--cachegrind-out-file=/dev/null")
    if last_level:
        valgrind.append(f"--LL={last_level * 2**20},16,64")
    return [*valgrind, *sphinx_command(src, out, confdir, driver)]


# valgrind's summary lines, as "==PID== I   refs:  70,841,865,644"
_COUNTS = {
    "I": r"== I\s+refs",
    "I1": r"== I1\s+misses",
    "D1": r"== D1\s+misses",
    "LL": r"== LL misses",
}


def counts(stderr: str) -> dict[str, int]:
    """Instructions, and with the cache simulation its first-level and last-level misses."""
    found = {}
    for name, label in _COUNTS.items():
        hit = re.search(label + r":\s+([\d,]+)", stderr)
        if hit is not None:
            found[name] = int(hit.group(1).replace(",", ""))
    if "I" not in found:
        sys.exit("valgrind printed no instruction count:\n" + stderr[-2000:])
    return found


def cycle_estimate(found: dict[str, int]) -> int:
    """KCachegrind's rough cycle estimate: 10 cycles per first-level miss, 100 per
    last-level miss. The simulated caches are not the machine's shared ones, so memory
    stalls that other processes cause are not in it."""
    return found["I"] + 10 * (found["I1"] + found["D1"]) + 100 * found["LL"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=DEFAULT_DOCS)
    parser.add_argument("--no-gc", action="store_true", help="garbage collector off in both")
    parser.add_argument("--no-cache", action="store_true", help="no glossary cache, as at first")
    parser.add_argument("--cache-sim", action="store_true", help="simulate the caches too (slower)")
    parser.add_argument(
        "--last-level",
        type=int,
        default=0,
        metavar="MB",
        help="simulate the caches with a last-level cache of this size (default: the host's L3)",
    )
    parser.add_argument(
        "--set", action="append", default=[], metavar="LINE", help="a line for its conf.py"
    )
    parser.add_argument(
        "--hand-written",
        action="store_true",
        help="also count the baseline with the same links and glossary page written by hand",
    )
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (apt-get install -y valgrind)")
    if not (args.docs / "conf.py").is_file():
        sys.exit(f"no conf.py in {args.docs}")
    gc = "off" if args.no_gc else "on"
    driver = NO_GC_DRIVER if args.no_gc else DRIVER
    args.cache_sim = args.cache_sim or args.last_level > 0
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONHASHSEED"] = "0"
    set_cache(env, use=not args.no_cache)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        running = {}
        for name, template in (("baseline", WITHOUT_EXTENSION), ("llmgloss", WITH_EXTENSION)):
            src, confdir = work / f"src-{name}", work / f"conf-{name}"
            shutil.copytree(args.docs, src)
            if name == "llmgloss":
                page = GLOSSARY_PAGE.format(options="")
                (src / "llmgloss-glossary.md").write_text(page, encoding="utf-8")
            confdir.mkdir()
            conf = template.format(conf=(src / "conf.py").as_posix())
            if name == "llmgloss":
                conf += settings(args.set)
            (confdir / "conf.py").write_text(conf, encoding="utf-8")
            out = work / f"out-{name}"
            running[name] = subprocess.Popen(
                command(src, out, confdir, driver, args.cache_sim, args.last_level),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
            )
        if args.hand_written:
            src, confdir = work / "src-hand-written", work / "conf-hand-written"
            hand_written(args.docs, src, project_name(args.docs))
            confdir.mkdir()
            conf = WITHOUT_EXTENSION.format(conf=(src / "conf.py").as_posix())
            (confdir / "conf.py").write_text(conf, encoding="utf-8")
            running["hand-written"] = subprocess.Popen(
                command(
                    src, work / "out-hand-written", confdir, driver, args.cache_sim, args.last_level
                ),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
            )
        found = {name: counts(process.communicate()[1]) for name, process in running.items()}
    base, ext = found["baseline"], found["llmgloss"]
    print(
        f"garbage collector {gc}: baseline {base['I'] / 1e9:.2f} G instructions, "
        f"llmgloss and a glossary page {ext['I'] / 1e9:.2f} G, ratio {ext['I'] / base['I']:.4f}x"
    )
    if args.hand_written:
        by_hand = found["hand-written"]["I"]
        print(
            f"hand-written links and glossary page, no extension: {by_hand / 1e9:.2f} G, "
            f"ratio {by_hand / base['I']:.4f}x to the baseline; "
            f"llmgloss to it {ext['I'] / by_hand:.4f}x"
        )
    if args.cache_sim:
        for kind in ("I1", "D1", "LL"):
            ratio = ext[kind] / base[kind]
            print(f"{kind} misses: {base[kind]:,} -> {ext[kind]:,}, ratio {ratio:.3f}x")
        before, after = cycle_estimate(base), cycle_estimate(ext)
        estimate = f"{before / 1e9:.2f} G -> {after / 1e9:.2f} G, ratio {after / before:.4f}x"
        print(f"estimated cycles: {estimate}")


if __name__ == "__main__":
    main()
