"""Load and match with a very large project glossary (issue 6: 50,000 entries).

Generates a synthetic glossary of N entries (names, aliases, definitions), then
times: loading and validating it merged over the built-in one, building the
matcher, and matching 1 MB of text. Prints the figures.

    python bench/big_glossary.py [--entries 50000]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from sphinx_llmgloss.core import Config, Matcher, load_glossary

WORDS = [
    "cache",
    "kernel",
    "batch",
    "shard",
    "token",
    "tensor",
    "queue",
    "router",
    "pool",
    "stream",
    "graph",
    "layer",
]


def synthetic(count: int) -> str:
    lines = ["terms:"]
    for index in range(count):
        name = f"Term{index} {WORDS[index % len(WORDS)]}"
        lines += [
            f"  - name: {name}",
            f"    aliases: [T{index}X]",
            f"    definition: Synthetic entry number {index} for the load test.",
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=50_000)
    count = parser.parse_args().entries
    rng = random.Random(2026)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "big.yaml")
        path.write_text(synthetic(count), encoding="utf-8")
        config = Config(glossaries=(str(path),), root=tmp)
        start = time.perf_counter()
        glossary = load_glossary(config, use_cache=False)
        loaded = time.perf_counter()
        matcher = Matcher(glossary.entries)
        built = time.perf_counter()
        words = [f"Term{rng.randrange(count)} {rng.choice(WORDS)}" for _ in range(20_000)]
        text = " and the ".join(words)[:1_000_000]
        mentions = matcher.find(text)
        matched = time.perf_counter()
    print(
        f"{len(glossary.entries):,} entries ({count:,} synthetic + built-in), "
        f"{len(glossary.errors)} errors"
    )
    print(
        f"load + validate: {loaded - start:.2f} s; build matcher: {built - loaded:.2f} s; "
        f"match {len(text) / 1e6:.1f} MB: {matched - built:.2f} s ({len(mentions):,} mentions)"
    )


if __name__ == "__main__":
    main()
