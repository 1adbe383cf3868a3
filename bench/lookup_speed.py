"""Wall time of ``llmgloss lookup "KV cache"`` as a ratio to ``python -c "import yaml"``.

The commands run alternately in one process tree, so machine noise hits them
alike; the ratio of medians is the figure to report (issue 2 asks for < 2x).
It is shown with llmgloss's per-user cache (the normal case after the first
call) and without it (``LLMGLOSS_NO_CACHE=1``: YAML parsed and validated).

    python bench/lookup_speed.py [--runs 30]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

BASELINE = [sys.executable, "-c", "import yaml"]


def lookup_command() -> list[str]:
    script = shutil.which("llmgloss")
    if script:
        return [script, "lookup", "KV cache"]
    return [sys.executable, "-m", "sphinx_llmgloss.cli", "lookup", "KV cache"]


def timed(command: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    lookup = lookup_command()
    cold_env = {**os.environ, "LLMGLOSS_NO_CACHE": "1"}
    timed(lookup), timed(BASELINE)  # warm the OS page cache and llmgloss's own cache
    base, warm, cold = [], [], []
    for _ in range(runs):
        base.append(timed(BASELINE))
        warm.append(timed(lookup))
        cold.append(timed(lookup, cold_env))
    b = statistics.median(base)
    print(f"python -c 'import yaml'                    median {b * 1000:7.1f} ms")
    for label, times in (("cached", warm), ("no cache, YAML parsed", cold)):
        t = statistics.median(times)
        name = f"llmgloss lookup 'KV cache' ({label:>21})"
        print(f"{name} median {t * 1000:7.1f} ms  ratio {t / b:.2f}x")
    print(f"runs={runs}")


if __name__ == "__main__":
    main()
