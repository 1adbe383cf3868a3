"""Count the instructions of a Sphinx build with and without the llmgloss extension.

Wall-clock time on a shared machine varies by 10-20% between builds; instruction
counts do not. This runs the same two builds as ``sphinx_overhead.py`` (the tree's
conf.py through ``-c``, plus the extension and one glossary page) under valgrind's
cachegrind, with ``PYTHONHASHSEED=0``, and prints both counts and their ratio.
``--no-gc`` runs both builds with Python's garbage collector off, which leaves out
when its full collections happen to fall. The glossary cache is filled first, as after
any first build (a cold cache costs the extension's build about 0.7% more);
``--no-cache`` turns it off. ``--set LINE`` adds a line to the extension's conf.py, as in
``sphinx_overhead.py``. Each build takes a few minutes; the two
run side by side.

    python bench/sphinx_instructions.py [--no-gc] [--no-cache] [--set LINE ...]
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

from sphinx_overhead import (
    DEFAULT_DOCS,
    GLOSSARY_PAGE,
    WITH_EXTENSION,
    WITHOUT_EXTENSION,
    set_cache,
    settings,
)

DRIVER = (
    "import gc, sys\n"
    "if sys.argv.pop(1) == 'off':\n"
    "    gc.disable()\n"
    "from sphinx.cmd.build import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def command(src: Path, out: Path, confdir: Path, gc: str) -> list[str]:
    valgrind = ["valgrind", "--tool=cachegrind", "--cache-sim=no"]
    valgrind.append("--cachegrind-out-file=/dev/null")
    sphinx = ["-b", "html", "-j", "1", "-q", "-E", "-c", str(confdir), str(src), str(out)]
    return [*valgrind, sys.executable, "-c", DRIVER, gc, *sphinx]


def instructions(stderr: str) -> int:
    found = re.search(r"I\s+refs:\s+([\d,]+)", stderr)
    if found is None:
        sys.exit("valgrind printed no instruction count:\n" + stderr[-2000:])
    return int(found.group(1).replace(",", ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=DEFAULT_DOCS)
    parser.add_argument("--no-gc", action="store_true", help="garbage collector off in both")
    parser.add_argument("--no-cache", action="store_true", help="no glossary cache, as at first")
    parser.add_argument(
        "--set", action="append", default=[], metavar="LINE", help="a line for its conf.py"
    )
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (apt-get install -y valgrind)")
    if not (args.docs / "conf.py").is_file():
        sys.exit(f"no conf.py in {args.docs}")
    gc = "off" if args.no_gc else "on"
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
            running[name] = subprocess.Popen(
                command(src, work / f"out-{name}", confdir, gc),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
            )
        counts = {name: instructions(process.communicate()[1]) for name, process in running.items()}
    base, ext = counts["baseline"], counts["llmgloss"]
    print(
        f"garbage collector {gc}: baseline {base / 1e9:.2f} G instructions, "
        f"llmgloss and a glossary page {ext / 1e9:.2f} G, ratio {ext / base:.4f}x"
    )


if __name__ == "__main__":
    main()
