"""What each ``llmgloss`` subcommand does, given parsed arguments and the config."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from .cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, report
from .core.config import Config
from .core.errors import Severity
from .core.sources import load_glossary

if TYPE_CHECKING:
    from .core.glossary import Glossary
    from .core.model import Entry
    from .runner import FileResult, Progress


def _load(config: Config, for_matching: bool = False) -> Glossary:
    """The configured glossary; its problems are reported, but what loaded is still used."""
    glossary = load_glossary(config, for_matching=for_matching)
    report(glossary.problems)
    return glossary


def describe(entry: Entry, glossary: Glossary, width: int) -> str:
    """Plain-text rendering of one entry for a terminal."""
    wrap = textwrap.TextWrapper(width=width, initial_indent="  ", subsequent_indent="  ")
    lines = [entry.headword]
    aliases = [*entry.aliases, *entry.added_aliases]
    if aliases:
        lines.extend(wrap.wrap("also: " + ", ".join(aliases)))
    for definition in entry.definitions:
        lines.extend(["", *wrap.wrap(definition)])
    related = [glossary.by_id[i].headword for i in entry.see_also if i in glossary.by_id]
    if related or entry.references:
        lines.append("")
    if related:
        lines.extend(wrap.wrap("see also: " + ", ".join(related)))
    if entry.references:
        lines.extend(wrap.wrap("book: " + ", ".join(str(r) for r in entry.references)))
    lines.append(f"  source: {_source(entry)}")
    return "\n".join(lines)


def _source(entry: Entry) -> str:
    kind = "built-in" if entry.source.builtin else "project"
    return f"{kind}, {entry.source.origin.value} ({entry.source.path}:{entry.source.line})"


def describe_markdown(entry: Entry, glossary: Glossary) -> str:
    """Markdown rendering of one entry (the same shape hovers use)."""
    from .core.export import escape_markdown as esc

    parts = [f"**{esc(entry.headword)}**"]
    aliases = [*entry.aliases, *entry.added_aliases]
    if aliases:
        parts.append("*also:* " + ", ".join(esc(a) for a in aliases))
    parts.extend(esc(d) for d in entry.definitions)
    related = [glossary.by_id[i].headword for i in entry.see_also if i in glossary.by_id]
    if related:
        parts.append("*see also:* " + ", ".join(esc(r) for r in related))
    if entry.references:
        parts.append("*book:* " + ", ".join(str(r) for r in entry.references))
    return "\n\n".join(parts)


def run_lookup(args: argparse.Namespace, config: Config) -> int:
    glossary = _load(config)
    entries = glossary.lookup(args.term)
    if not entries:
        hints = ", ".join(f"'{e.headword}'" for e in glossary.suggest(args.term))
        extra = f"; did you mean {hints}?" if hints else ""
        print(f"llmgloss: no term '{args.term}' in the glossary{extra}", file=sys.stderr)
        return EXIT_PROBLEMS
    if args.format == "json":
        from .core.export import entry_to_json

        print(json.dumps([entry_to_json(e) for e in entries], ensure_ascii=False, indent=2))
    elif args.format == "markdown":
        print("\n\n---\n\n".join(describe_markdown(e, glossary) for e in entries))
    else:
        width = min(shutil.get_terminal_size().columns, 100)
        print("\n\n".join(describe(e, glossary, width) for e in entries))
    return EXIT_OK


def run_check(args: argparse.Namespace, config: Config) -> int:
    from .core.glossary import merge
    from .core.load import load_file
    from .core.sources import load_builtin

    if args.files:
        files = [load_builtin()] if config.builtin else []
        files.extend(load_file(path) for path in args.files)
        glossary = merge(files)
        checked = len(args.files)
    else:
        glossary = load_glossary(config)
        checked = len(config.glossaries) + int(config.builtin)
    report(glossary.problems)
    errors = len(glossary.errors)
    warnings = sum(p.severity is Severity.WARNING for p in glossary.problems)
    print(
        f"{checked} glossary file(s), {len(glossary.entries)} terms: "
        f"{errors} error(s), {warnings} warning(s)",
        file=sys.stderr,
    )
    return EXIT_PROBLEMS if errors else EXIT_OK


def run_export(args: argparse.Namespace, config: Config) -> int:
    from .core.export import export

    glossary = _load(config)
    entries = list(glossary.entries)
    if args.only:
        entries = []
        for term in args.only:
            found = glossary.lookup(term)
            if not found:
                hints = ", ".join(f"'{e.headword}'" for e in glossary.suggest(term))
                print(
                    f"llmgloss: no term '{term}'" + (f"; did you mean {hints}?" if hints else ""),
                    file=sys.stderr,
                )
                return EXIT_USAGE
            entries.extend(e for e in found if e not in entries)
    text = export(entries, args.format, dict(glossary.by_id))
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    from .core.seedconvert import convert, to_yaml

    path: Path = args.file
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        print(f"{path}: error: cannot read: {exc.strerror}", file=sys.stderr)
        return EXIT_USAGE
    except UnicodeDecodeError as exc:
        print(f"{path}: error: not UTF-8 (byte offset {exc.start})", file=sys.stderr)
        return EXIT_USAGE
    entries, problems = convert(text, str(path))
    report(problems)
    if not entries:
        print(f"{path}: error: no 'Headword — definition' lines found", file=sys.stderr)
        return EXIT_PROBLEMS
    sys.stdout.write(to_yaml(entries, args.name or path.stem))
    return EXIT_OK


def _analyse(
    args: argparse.Namespace, config: Config, want: str, glossary: Glossary
) -> list[FileResult] | None:
    """Check every file; None (after a message) when a named path does not exist."""
    from .runner import Progress, plan

    todo, skipped = plan(args.paths, config)
    missing = [s for s in skipped if s.reason == "no such file or folder"]
    for item in missing:
        print(f"llmgloss: {item.path}: no such file or folder", file=sys.stderr)
    if missing:
        return None
    progress = Progress(len(todo), enabled=not args.quiet)
    results = _check(todo, args, config, want, glossary, progress)
    progress.close()
    if not args.quiet:
        for note in [f"{s.path}: note: {s.reason}" for s in skipped] + [
            f"{r.path}: note: {r.note}" for r in results if r.note
        ]:
            print(note, file=sys.stderr)
    return results


def _check(
    todo: list[tuple[str, str]],
    args: argparse.Namespace,
    config: Config,
    want: str,
    glossary: Glossary,
    progress: Progress,
) -> list[FileResult]:
    """Results in the order of ``todo``: stored ones for unchanged files, new ones else."""
    from .core.lint import Linter
    from .resultcache import ResultCache, Stamp, stamp
    from .runner import run

    stored = ResultCache.open(config, want, args.paths) if args.cache else ResultCache(None)
    done: list[FileResult | None] = [stored.get(path) for path, _ in todo]
    pending = [index for index, result in enumerate(done) if result is None]
    stamps: list[Stamp | None] = [stamp(todo[index][0]) for index in pending]
    for _ in range(len(todo) - len(pending)):
        progress.step()
    linter = Linter(glossary, config)
    for at, result in run([todo[i] for i in pending], config, args.jobs, want, linter):
        progress.step()
        done[pending[at]] = result
        stored.put(result.path, stamps[at], result)
    stored.save()
    return [result for result in done if result is not None]


def run_scan(args: argparse.Namespace, config: Config) -> int:
    from .output import scan_records, write_scan

    glossary = _load(config, for_matching=True)
    results = _analyse(args, config, "mentions", glossary)
    if results is None:
        return EXIT_USAGE
    write_scan(scan_records(results, glossary), args.format, sys.stdout)
    return EXIT_OK


def run_lint(args: argparse.Namespace, config: Config) -> int:
    from .core.rules import Level
    from .output import lint_records, write_lint

    glossary = _load(config, for_matching=True)
    results = _analyse(args, config, "diagnostics", glossary)
    if results is None:
        return EXIT_USAGE
    records = lint_records(results)
    write_lint(records, args.format, sys.stdout)
    if config.fail_on == "never":
        return EXIT_OK
    threshold = Level[config.fail_on.upper()]
    failing = any(Level[r["severity"].upper()] >= threshold for r in records)
    return EXIT_PROBLEMS if failing or glossary.errors else EXIT_OK
