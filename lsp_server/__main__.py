"""``llmgloss-lsp``: parse arguments, log to stderr (never stdout: it is the protocol), start."""

from __future__ import annotations

import argparse
import gc
import logging
import sys

from sphinx_llmgloss import __version__


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="llmgloss-lsp",
        description="The llmgloss language server: glossary hovers and jargon checks in editors.",
    )
    parser.add_argument("--stdio", action="store_true", help="talk over stdin/stdout (default)")
    parser.add_argument("--tcp", metavar="HOST:PORT", help="listen on a TCP socket instead")
    parser.add_argument("--log-file", metavar="FILE", help="log to FILE instead of stderr")
    parser.add_argument(
        "-v", "--verbose", action="count", default=0, help="more logging (-vv for debug)"
    )
    parser.add_argument("--version", action="version", version=f"llmgloss-lsp {__version__}")
    return parser.parse_args(argv)


def _address(value: str) -> tuple[str, int]:
    host, _, port = value.rpartition(":")
    if not host or not port.isdigit():
        raise SystemExit(f"llmgloss-lsp: --tcp wants HOST:PORT, not {value!r}")
    return host, int(port)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    level = [logging.WARNING, logging.INFO, logging.DEBUG][min(args.verbose, 2)]
    handler: logging.Handler = (
        logging.FileHandler(args.log_file, encoding="utf-8")
        if args.log_file
        else logging.StreamHandler(sys.stderr)
    )
    logging.basicConfig(
        level=level, handlers=[handler], format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if args.verbose < 2:
        logging.getLogger("pygls").setLevel(max(level, logging.WARNING))
    # Start-up builds hundreds of thousands of long-lived objects (lsprotocol's types,
    # cattrs' converters). Collecting among them delays the first answer, and without
    # freezing them every later full collection walks them again, which doubled the time
    # of a diagnostics run (bench/lsp_speed.py). Frozen, they cost about 8 MB of RSS.
    gc.disable()
    from .server import create_server

    server = create_server()
    gc.freeze()
    gc.enable()
    if args.tcp:
        host, port = _address(args.tcp)
        server.start_tcp(host, port)
    else:
        server.start_io()
    return 0


if __name__ == "__main__":
    sys.exit(main())
