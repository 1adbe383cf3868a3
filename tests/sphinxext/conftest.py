"""Sphinx test fixtures: ``sphinx.testing`` apps built from copies of ``tests/roots``."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("sphinx")

from sphinx.testing.fixtures import *  # noqa: F403  (app, make_app, rootdir, ...)
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

ROOTS = Path(__file__).resolve().parent.parent / "roots"

Build = Callable[..., SphinxTestApp]


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture
def build(make_app: Callable[..., SphinxTestApp], tmp_path: Path) -> Build:
    """Copy a test root to a fresh folder, build it, and return the app."""

    def run(
        root: str, builder: str = "html", copy_to: str = "src", fresh: bool = True, **kwargs: Any
    ) -> SphinxTestApp:
        src = tmp_path / copy_to
        if not src.exists():
            shutil.copytree(ROOTS / f"test-{root}", src)
        app = make_app(builder, srcdir=src, freshenv=fresh, **kwargs)
        app.build()
        return app

    return run


GLOSSARY_RST = "Glossary\n========\n\n.. llmgloss-glossary::\n"


def write_project(src: Path, pages: dict[str, str | bytes], conf: str = "") -> Path:
    """A source folder with the extension on, ``conf`` appended to its conf.py, and
    ``pages`` by file name (bytes are written as they are)."""
    src.mkdir()
    (src / "conf.py").write_text(f'extensions = ["sphinx_llmgloss"]\n{conf}', encoding="utf-8")
    for name, text in pages.items():
        if isinstance(text, bytes):
            (src / name).write_bytes(text)
        else:
            (src / name).write_text(text, encoding="utf-8")
    return src


def page(app: SphinxTestApp, name: str) -> str:
    return (Path(app.outdir) / name).read_text(encoding="utf-8")


def warnings_of(app: SphinxTestApp) -> str:
    return app.warning.getvalue()  # type: ignore[no-any-return]


def llmgloss_warnings(app: SphinxTestApp) -> list[str]:
    """This extension's warning lines, with the source folder written as SRC and no
    terminal colours."""
    lines = strip_colors(warnings_of(app)).replace(str(app.srcdir), "SRC").splitlines()
    return [line for line in lines if "[llmgloss." in line]


def built(make_app: Callable[..., SphinxTestApp], src: Path) -> SphinxTestApp:
    """A fresh HTML build of ``src``."""
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    return app


def undefined_words(app: SphinxTestApp) -> list[str]:
    """The words of the undefined-jargon warnings, in the order they were given."""
    return [w.split("'")[1] for w in llmgloss_warnings(app) if "[llmgloss.undefined]" in w]
