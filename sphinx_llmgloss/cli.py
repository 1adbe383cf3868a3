"""The ``llmgloss`` command: look up, check, export and import glossaries.

Exit codes: 0 ok, 1 problems found (unknown term, glossary errors), 2 usage or
configuration error. Messages go to stderr as ``path:line:column: message``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, NoReturn

from . import __version__
from .core import config as config_model
from .core import configfile
from .core.errors import Location, Problem, Severity

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

EPILOG = """\
examples:
  llmgloss lookup "KV caches"            definition of a term, any inflection
  llmgloss lookup tok/s --format json    machine-readable entry
  llmgloss check                         validate the configured glossaries
  llmgloss check docs/glossary.yaml      validate a project glossary
  llmgloss export --format rst --only TTFT "KV cache" > glossary.rst
  llmgloss import book-glossary.txt > glossary.yaml

exit codes: 0 ok, 1 problems found, 2 usage or configuration error
"""


def _add_config_flags(parser: argparse.ArgumentParser) -> None:
    """One flag per option of the shared config model; a flag overrides the config file."""
    group = parser.add_argument_group("configuration (overrides the config file)")
    group.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="config file (default: llmgloss.toml, .llmgloss.toml or pyproject.toml "
        "[tool.llmgloss], searched upward from the current directory)",
    )
    for spec in config_model.options():
        if spec.sphinx_only:
            continue
        flag = "--" + spec.name.replace("_", "-")
        if spec.kind is bool:
            group.add_argument(
                flag, action=argparse.BooleanOptionalAction, default=None, help=spec.help
            )
        elif spec.kind in (tuple, Mapping):  # lists and tables: one flag per item
            metavar, items = ("VALUE", "values") if spec.kind is tuple else ("KEY=VALUE", "keys")
            group.add_argument(
                flag,
                action="append",
                metavar=metavar,
                default=None,
                help=f"{spec.help} Repeat the flag for several {items}.",
            )
        else:
            group.add_argument(
                flag, type=spec.kind, default=None, choices=spec.choices or None, help=spec.help
            )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="llmgloss",
        description="A glossary of LLM and ML-systems jargon: look up, check, export, import.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"llmgloss {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    _add_config_flags(common)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    lookup = commands.add_parser("lookup", parents=[common], help="show the entry for a term")
    lookup.add_argument("term", help='a name, alias, id or inflected form ("KV caches", tok/s)')
    lookup.add_argument("--format", choices=("text", "json", "markdown"), default="text")

    check = commands.add_parser("check", parents=[common], help="validate glossary files")
    check.add_argument(
        "files", nargs="*", type=Path, help="glossary YAML files (default: configured)"
    )

    export = commands.add_parser(
        "export", parents=[common], help="write the glossary in another format"
    )
    export.add_argument(
        "--format", choices=("json", "yaml", "rst", "myst", "markdown"), required=True
    )
    export.add_argument("--only", nargs="+", metavar="TERM", help="export only these terms")
    export.add_argument("-o", "--output", type=Path, help="write here instead of stdout")

    for name, summary in (
        ("scan", "list the glossary terms found in files"),
        ("lint", "report undefined jargon and unknown term references"),
    ):
        sub = commands.add_parser(name, parents=[common], help=summary)
        sub.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
        sub.add_argument("--format", choices=("text", "json", "github", "sarif"), default="text")
        sub.add_argument("-j", "--jobs", type=int, help="worker processes (default: all cores)")
        sub.add_argument(
            "-q",
            "--quiet",
            action="store_true",
            help="no progress bar and no notes about skipped files",
        )
        sub.add_argument(
            "--no-cache",
            dest="cache",
            action="store_false",
            help="analyse every file again instead of reusing results of unchanged files",
        )

    convert = commands.add_parser(
        "import", help="convert a text glossary ('Term — definition.') to YAML"
    )
    convert.add_argument("file", type=Path)
    convert.add_argument("--name", help="glossary name (default: the file's stem)")
    return parser


def resolve_config(args: argparse.Namespace) -> tuple[config_model.Config, list[Problem]]:
    """The config file (explicit or discovered), overridden by command-line flags."""
    if args.config is not None:
        config, problems = configfile.load_config(args.config)
    else:
        # scan and lint look for the config beside what they check; other commands in cwd.
        paths = getattr(args, "paths", None)
        config, problems = configfile.discover(paths[0] if paths else Path.cwd())
    overrides: dict[str, Any] = {}
    for spec in config_model.options():
        value = getattr(args, spec.name, None)
        if value is None:
            continue
        if spec.name == "glossaries":  # paths on the command line are relative to cwd
            value = [str(Path(v).resolve()) for v in value]
        try:
            overrides[spec.name] = config_model.coerce(spec, value)
        except ValueError as exc:
            problems.append(Problem(Location("command line"), str(exc)))
    config = replace(config, **overrides)
    config = configfile.with_project_name(config, Path(config.root))
    return config, [*problems, *configfile.missing_glossaries(config)]


def report(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(str(problem), file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from . import commands  # keeps `--help` and `--version` fast

    try:
        if args.command == "import":
            return commands.run_import(args)
        config, problems = resolve_config(args)
        if any(p.severity is Severity.ERROR for p in problems):
            # The editor and Sphinx go on with defaults; a command in CI must not pass
            # on a configuration nobody meant, so it stops and says so.
            report(problems)
            print(f"llmgloss: {args.command}: not run; fix the configuration", file=sys.stderr)
            return EXIT_USAGE
        report(problems)
        handler = {
            "lookup": commands.run_lookup,
            "check": commands.run_check,
            "export": commands.run_export,
            "scan": commands.run_scan,
            "lint": commands.run_lint,
        }
        return handler[args.command](args, config)
    except BrokenPipeError:  # `llmgloss export ... | head`
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


def run() -> NoReturn:
    """The ``llmgloss`` command: :func:`main`, then leave without tearing down the heap.

    Everything is written and flushed by then; freeing the glossary, the matcher and
    every module object one by one only made the user wait (about 3% of a lint).
    """
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # a closed pipe or stream: nothing left to say
        pass
    os._exit(code)


if __name__ == "__main__":
    run()
