"""Matcher throughput against a raw pyahocorasick ``iter()`` over the same text and forms.

The baseline lowercases the text and runs a bare automaton of the same lowercased
surface forms (no boundaries, no case policy, no offsets mapping); the matcher does
all of that. Both run alternately on the prose files of ../shared/corpus (or on the
files given) and the ratio of medians is reported (issue 3 asks for >= 0.5x).

    python bench/matcher_speed.py [--rounds 7] [FILES...]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import ahocorasick

from sphinx_llmgloss.core import Config, Matcher, load_glossary
from sphinx_llmgloss.core.keys import normalize_key

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def corpus_text(paths: list[Path]) -> str:
    files = paths or sorted(p for ext in ("*.md", "*.rst") for p in CORPUS.rglob(ext))
    return "\n\n".join(p.read_text(encoding="utf-8", errors="replace") for p in files)


def baseline(forms: list[str]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for form in forms:
        automaton.add_word(form, form)
    automaton.make_automaton()
    return automaton


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args()
    text = corpus_text(args.files)
    entries = load_glossary(Config()).entries
    matcher = Matcher(entries)
    raw = baseline(sorted({normalize_key(f) for e in entries for f in e.detectable_forms()}))
    ours, base = [], []
    for _ in range(args.rounds):
        start = time.perf_counter()
        found = sum(1 for _ in raw.iter(text.lower()))
        base.append(time.perf_counter() - start)
        start = time.perf_counter()
        mentions = len(matcher.find(text))
        ours.append(time.perf_counter() - start)
    b, o = statistics.median(base), statistics.median(ours)
    mb = len(text.encode()) / 1e6
    print(f"text: {len(text):,} characters ({mb:.1f} MB)")
    print(f"raw pyahocorasick iter(): {b * 1000:8.1f} ms  {mb / b:6.1f} MB/s  ({found:,} hits)")
    print(f"llmgloss Matcher.find():  {o * 1000:8.1f} ms  {mb / o:6.1f} MB/s  ({mentions:,} found)")
    print(f"throughput ratio (ours / raw): {b / o:.2f}x  (rounds={args.rounds})")


if __name__ == "__main__":
    main()
