"""Time a Sphinx build of a real docs tree with and without the llmgloss extension.

The baseline is the tree's own conf.py; the other build adds ``sphinx_llmgloss`` and
one glossary page. Both read the tree's conf.py the same way: a conf.py of their own,
given with ``-c``, runs it (so the only difference is the extension and its page).
Builds alternate, and the build that goes first rotates from run to run, so drifts in
machine load hit all of them; the medians, their ratio and the number of links
inserted are printed. Each build is a fresh full build in a new output folder.

Every build also reports how many full collections Python's garbage collector ran.
A full collection walks Sphinx's whole heap (every doctree of the build), and on
vllm-ascend under Python 3.11 the baseline sits just under the point where one more
happens: almost any extension adds one (measured: one that keeps 2 empty lists per
page does). ``--control`` adds a build of the baseline plus a do-nothing extension
that keeps 25 empty lists per written page, to show what that step alone costs, and
``--empty-setup`` one whose conf.py adds a ``setup()`` that does nothing: on vllm-ascend
under Python 3.11 even that runs 13 full collections against the baseline's 12.
``--imported`` adds a build of the baseline whose conf.py imports this package and
loads the glossary but registers no extension: the cost of having it in memory.
``--no-gc`` runs every build with the collector off, which leaves out when its full
collections happen to fall and measures the work alone. The per-user cache of the parsed
glossary and its matcher is filled before the first build, as it is on any machine after
one build (a code or glossary change makes a new entry); ``--no-cache`` turns it off for
every build, as in a first build on a fresh machine. ``--set LINE`` adds a line to the
extension's conf.py, to measure what a feature costs by turning it off (for example
``llmgloss_link = 'none'``, or ``llmgloss_severity = {'LG001': 'off'}``).
``--together`` starts the builds of each run at the same moment, each on its own
CPU (the CPUs rotate between builds from run to run): on a shared machine whose speed
drifts by 10% or more within minutes, builds that run side by side meet the same
conditions. It does not remove the noise: two builds of identical work, run so, still
differed by up to 8% (one CPU was slower than the other).
``--edit PAGE`` times incremental builds instead, as while writing: each build
first runs once in full, then every run adds a line break to PAGE (for example
``quick_start.md``) in each source tree and builds again into the same folder.
``--hand-written`` adds a build of the baseline, without the extension, whose pages
have the same links written by hand: the first mention of each glossary term on a page
as a ``{term}`` or ``:term:`` role, and a page with Sphinx's ``glossary`` directive of
those entries (see ``hand_written.py``). It shows what Sphinx itself spends on the
output the extension adds, and the extension's ratio to that build.
``--static-glossary`` gives the baseline a glossary page of its own, Sphinx's
``glossary`` directive with every built-in term, and renders every term on the
extension's page too (``--all``): what the extension costs a project that already has
such a page.

    python bench/sphinx_overhead.py [--runs 5] [--control] [--empty-setup] [--imported] [--no-gc]
        [--hand-written] [--together] [--edit PAGE]
        [--static-glossary] [--no-cache] [--set "llmgloss_link = 'none'" ...]
        [--docs ../shared/corpus/vllm-project__vllm-ascend]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
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
from typing import IO

from hand_written import hand_written, project_name

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DOCS = ROOT.parent / "shared" / "corpus" / "vllm-project__vllm-ascend"
GLOSSARY_PAGE = "---\norphan: true\n---\n\n# Glossary\n\n```{{llmgloss-glossary}}\n{options}```\n"
# Every build reads the tree's conf.py the same way, through a conf.py of its own.
WITHOUT_EXTENSION = "exec(open({conf!r}, encoding='utf-8').read())\n"
WITH_EXTENSION = WITHOUT_EXTENSION + "extensions = [*extensions, 'sphinx_llmgloss']\n"
CONTROL = WITHOUT_EXTENSION + (
    "def setup(app):\n"
    "    def keep(app, doctree, docname):\n"
    "        doctree.control = [[] for _ in range(25)]\n"
    "    app.connect('doctree-resolved', keep)\n"
)
EMPTY_SETUP = WITHOUT_EXTENSION + "def setup(app):\n    pass\n"
IMPORTED = WITHOUT_EXTENSION + (
    "from sphinx_llmgloss.core.config import Config\n"
    "from sphinx_llmgloss.core.sources import load_glossary\n"
    "import sphinx_llmgloss.sphinxext\n"
    "_glossary = load_glossary(Config())\n"
)
# Sphinx's own command line, then the number of full (generation 2) collections.
DRIVER = (
    "import gc, sys\n"
    "from sphinx.cmd.build import main\n"
    "status = main(sys.argv[1:])\n"
    "print('full-collections', gc.get_stats()[2]['collections'], file=sys.stderr)\n"
    "sys.exit(status)\n"
)
NO_GC_DRIVER = "import gc\ngc.disable()\n" + DRIVER


# As on a user's machine: modules load from their bytecode caches. With the variable
# set (as in some sandboxes), every build recompiles the extension's modules.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


Run = tuple[float, float, int]  # wall-clock seconds, CPU seconds, full collections

PRIME = "from sphinx_llmgloss.core import Config, load_glossary; load_glossary(Config())"


def set_cache(env: dict[str, str], *, use: bool) -> None:
    """Fill the glossary cache the builds read (the same key as the extension's), or
    turn it off in ``env``."""
    if use:
        subprocess.run([sys.executable, "-c", PRIME], check=True, env=env)
    else:
        env["LLMGLOSS_NO_CACHE"] = "1"


def command(src: Path, out: Path, confdir: Path, driver: str) -> list[str]:
    """Sphinx's command line, run through ``driver``: a fresh full build into a new
    output folder, an incremental one into an existing folder."""
    fresh = [] if out.exists() else ["-E"]
    options = ["-b", "html", "-j", "1", "-q", *fresh, "-c", str(confdir)]
    return [sys.executable, "-c", driver, *options, str(src), str(out)]


def full_collections(stderr: str) -> int:
    found = re.findall(r"^full-collections (\d+)$", stderr, re.MULTILINE)
    return int(found[-1]) if found else -1


def build(src: Path, out: Path, confdir: Path, driver: str) -> Run:
    """Wall-clock and CPU seconds (user + system) of one build, and its full collections."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        command(src, out, confdir, driver), check=True, capture_output=True, text=True, env=ENV
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, full_collections(done.stderr)


def build_together(jobs: list[tuple[Path, Path, Path, int]], driver: str) -> list[Run]:
    """Start every build at once, each pinned to its own CPU, and time each one.

    Builds that run at the same moment meet the same machine: on a shared host, a slow
    spell slows all of them, where one run after another can catch one build in it.
    """
    running: dict[int, tuple[int, float, subprocess.Popen[bytes], IO[bytes]]] = {}
    results: dict[int, Run] = {}
    with contextlib.ExitStack() as files:
        for index, (src, out, confdir, cpu) in enumerate(jobs):
            errors = files.enter_context(tempfile.TemporaryFile())
            process = subprocess.Popen(
                command(src, out, confdir, driver),
                stdout=subprocess.DEVNULL,
                stderr=errors,
                env=ENV,
                preexec_fn=functools.partial(os.sched_setaffinity, 0, {cpu}),
            )
            running[process.pid] = (index, time.perf_counter(), process, errors)
        while running:
            # wait4 gives each child's own CPU time, and the moment it ends.
            pid, status, usage = os.wait4(-1, 0)
            if pid not in running:
                continue
            index, start, process, stream = running.pop(pid)
            wall = time.perf_counter() - start
            process.returncode = os.waitstatus_to_exitcode(status)
            stream.seek(0)
            stderr = stream.read().decode("utf-8", errors="replace")
            if process.returncode:
                sys.exit(f"build {jobs[index][0]} failed:\n{stderr}")
            results[index] = (wall, usage.ru_utime + usage.ru_stime, full_collections(stderr))
    return [results[index] for index in range(len(jobs))]


def static_glossary() -> str:
    """A MyST page with Sphinx's own glossary of every built-in term and its definition."""
    from sphinx_llmgloss.core import Config, load_glossary

    lines = ["---", "orphan: true", "---", "", "# Glossary", "", "```{glossary}"]
    for entry in sorted(load_glossary(Config()).entries, key=lambda e: e.headword.casefold()):
        lines.append(entry.headword)
        lines.extend("   " + " ".join(text.split()) for text in entry.definitions)
        lines.append("")
    return "\n".join([*lines, "```", ""])


def conf_dir(work: Path, name: str, template: str, conf: Path, extra: str = "") -> Path:
    folder = work / f"conf-{name}"
    folder.mkdir()
    text = template.format(conf=conf.as_posix()) + extra
    (folder / "conf.py").write_text(text, encoding="utf-8")
    return folder


def settings(lines: list[str]) -> str:
    """``--set`` lines for the extension's conf.py: what a feature costs, turned off."""
    return "".join(f"{line}\n" for line in lines)


def report(label: str, base_runs: list[Run], other_runs: list[Run]) -> None:
    for kind, index in (("wall-clock", 0), ("CPU", 1)):
        base = statistics.median(r[index] for r in base_runs)
        other = statistics.median(r[index] for r in other_runs)
        print(f"{label}, {kind}: median {base:.2f}s -> {other:.2f}s, ratio {other / base:.3f}x")
    # Within a run the builds met the same machine (the same moment with --together).
    for kind, index in (("wall-clock", 0), ("CPU", 1)):
        ratios = sorted(o[index] / b[index] for b, o in zip(base_runs, other_runs, strict=True))
        print(
            f"{label}: median of the per-run {kind} ratios {statistics.median(ratios):.3f}x"
            f" (runs range {ratios[0]:.3f}-{ratios[-1]:.3f}x)"
        )


def _describe(name: str, result: Run) -> str:
    wall, cpu, full = result
    return f"{name} {wall:.2f}s ({cpu:.2f}s CPU, {full} full collections)"


def count_links(out: Path, pattern: str = r'class="llmgloss-auto ') -> int:
    found = re.compile(pattern)
    return sum(len(found.findall(p.read_text(encoding="utf-8"))) for p in out.rglob("*.html"))


def count_term_links(out: Path) -> int:
    """Links to glossary terms, automatic or written with ``:term:``."""
    return count_links(out, r'<span class="xref std std-term[ "]')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--docs", type=Path, default=DEFAULT_DOCS)
    parser.add_argument(
        "--all", action="store_true", help="render every term (default: the terms the docs use)"
    )
    parser.add_argument(
        "--control", action="store_true", help="also build the baseline plus 25 lists per page"
    )
    parser.add_argument(
        "--empty-setup",
        action="store_true",
        help="also build the baseline plus a conf.py setup() that does nothing",
    )
    parser.add_argument(
        "--imported",
        action="store_true",
        help="also build the baseline with the package imported and the glossary loaded",
    )
    parser.add_argument(
        "--hand-written",
        action="store_true",
        help="also build the baseline with the same links and a glossary page written by hand",
    )
    parser.add_argument("--no-gc", action="store_true", help="build without the collector")
    parser.add_argument(
        "--edit",
        metavar="PAGE",
        help="time incremental builds after a change to PAGE (a source file of the docs)",
    )
    parser.add_argument(
        "--together",
        action="store_true",
        help="run the builds of each run at the same time, one per CPU",
    )
    parser.add_argument("--no-cache", action="store_true", help="no glossary cache, as at first")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="LINE",
        help="a line for the extension's conf.py, e.g. \"llmgloss_link = 'none'\" (repeatable)",
    )
    parser.add_argument(
        "--static-glossary",
        action="store_true",
        help="give the baseline a glossary page of every term (and render every term)",
    )
    args = parser.parse_args()
    driver = NO_GC_DRIVER if args.no_gc else DRIVER
    if not (args.docs / "conf.py").is_file():
        sys.exit(f"no conf.py in {args.docs}")
    set_cache(ENV, use=not args.no_cache)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        base_src, ext_src = work / "base", work / "ext"
        shutil.copytree(args.docs, base_src)
        shutil.copytree(args.docs, ext_src)
        options = ":all:\n" if args.all or args.static_glossary else ""
        if args.static_glossary:
            (base_src / "glossary-static.md").write_text(static_glossary(), encoding="utf-8")
        page = GLOSSARY_PAGE.format(options=options)
        (ext_src / "llmgloss-glossary.md").write_text(page, encoding="utf-8")
        builds = {
            "baseline": (
                base_src,
                conf_dir(work, "baseline", WITHOUT_EXTENSION, base_src / "conf.py"),
            ),
            "llmgloss": (
                ext_src,
                conf_dir(work, "llmgloss", WITH_EXTENSION, ext_src / "conf.py", settings(args.set)),
            ),
        }
        if args.control:
            builds["control"] = (base_src, conf_dir(work, "control", CONTROL, base_src / "conf.py"))
        if args.empty_setup:
            conf = conf_dir(work, "empty-setup", EMPTY_SETUP, base_src / "conf.py")
            builds["empty-setup"] = (base_src, conf)
        if args.imported:
            conf = conf_dir(work, "imported", IMPORTED, base_src / "conf.py")
            builds["imported"] = (base_src, conf)
        if args.hand_written:
            by_hand = work / "by-hand"
            roles = hand_written(args.docs, by_hand, project_name(args.docs))
            print(f"hand-written: {roles} term roles and a glossary page", flush=True)
            conf = conf_dir(work, "hand-written", WITHOUT_EXTENSION, by_hand / "conf.py")
            builds["hand-written"] = (by_hand, conf)
        runs: dict[str, list[Run]] = {name: [] for name in builds}
        names = list(builds)
        cpus = sorted(os.sched_getaffinity(0)) if args.together else []
        if args.together and len(cpus) < len(names):
            sys.exit(f"--together runs {len(names)} builds at once but has {len(cpus)} CPUs")
        if args.edit:  # the full builds that the timed incremental ones start from
            for name, (src, confdir) in builds.items():
                build(src, work / f"out-{name}", confdir, driver)
        for run in range(args.runs):
            # A different build goes first (or gets the first CPU) in each run, so that a
            # slow phase of the machine, or a slower CPU, does not always hit the same build.
            order = names[run % len(names) :] + names[: run % len(names)]
            if args.edit:
                outs = {name: work / f"out-{name}" for name in order}
                for src in {builds[name][0] for name in order}:
                    page = src / args.edit
                    page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")
            else:
                outs = {name: work / f"out-{name}-{run}" for name in order}
            if args.together:
                jobs = [
                    (builds[n][0], outs[n], builds[n][1], c)
                    for n, c in zip(order, cpus, strict=False)
                ]
                for name, result in zip(order, build_together(jobs, driver), strict=True):
                    runs[name].append(result)
            else:
                for name in order:
                    src, confdir = builds[name]
                    runs[name].append(build(src, outs[name], confdir, driver))
            line = [_describe(name, runs[name][-1]) for name in order]
            print(f"run {run + 1}: " + ", ".join(line), flush=True)
        last = "out-llmgloss" if args.edit else f"out-llmgloss-{args.runs - 1}"
        links = count_links(work / last)
        if args.hand_written:
            term_links = {
                name: count_term_links(work / last.replace("llmgloss", name))
                for name in ("llmgloss", "hand-written")
            }
    report(
        "llmgloss and a glossary page vs baseline (target <= 1.05x)",
        runs["baseline"],
        runs["llmgloss"],
    )
    if args.control:
        report("control (25 lists per page) vs baseline", runs["baseline"], runs["control"])
    if args.empty_setup:
        report("empty setup() vs baseline", runs["baseline"], runs["empty-setup"])
    if args.imported:
        report("package imported, no extension, vs baseline", runs["baseline"], runs["imported"])
    if args.hand_written:
        label = "hand-written links and glossary page, no extension, vs baseline"
        report(label, runs["baseline"], runs["hand-written"])
        report("llmgloss vs the hand-written build", runs["hand-written"], runs["llmgloss"])
        print(
            f"term links written: {term_links['llmgloss']} with llmgloss, "
            f"{term_links['hand-written']} by hand"
        )
    print(f"links inserted: {links}")


if __name__ == "__main__":
    main()
