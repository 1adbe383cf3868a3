"""Issue 6 §2 and §5 in Sphinx: malformed glossaries warn with their location and the build
goes on; a saved environment from an older version of the extension rebuilds cleanly."""

from __future__ import annotations

import pickle
import re
import shutil
from pathlib import Path

from sphinx_llmgloss.sphinxext.state import env_data

from ..malformed_cases import CASES
from .conftest import ROOTS, Build, page, warnings_of
from .test_rst import auto_links


def test_malformed_glossaries_warn_where_they_are_and_the_build_goes_on(
    build: Build, tmp_path: Path
) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-llmgloss-rst", src)
    names = [case.write(src).name for case in CASES]
    app = build("llmgloss-rst", confoverrides={"llmgloss_glossaries": names})
    warnings = warnings_of(app)
    for case in CASES:
        where = rf"{re.escape(case.name)}\.yaml:{case.line}(:\d+)?: " if case.line else ""
        assert re.search(rf"{where}WARNING: .*{re.escape(case.message)}", warnings), case.name
    assert "Traceback" not in warnings and "Exception" not in warnings
    assert auto_links(page(app, "index.html"))  # built-in terms still link


def _saved_env(app_doctreedir: Path) -> Path:
    return app_doctreedir / "environment.pickle"


def _rewrite_env(path: Path, change: str) -> None:
    with path.open("rb") as handle:
        env = pickle.load(handle)
    if change == "version":
        env.version["sphinx_llmgloss"] = 0  # as saved by an older release
    else:  # an older release whose data lacked a field added since
        del vars(env.llmgloss_data)["fingerprints"]
    with path.open("wb") as handle:
        pickle.dump(env, handle, pickle.HIGHEST_PROTOCOL)


def test_an_environment_from_an_older_release_rebuilds_cleanly(build: Build) -> None:
    for change in ("version", "shape"):
        first = build("llmgloss-mixed", copy_to=change)
        expected, mentions = page(first, "index.html"), dict(env_data(first.env).mentions)
        _rewrite_env(_saved_env(Path(first.doctreedir)), change)
        again = build("llmgloss-mixed", copy_to=change, fresh=False)
        assert "Traceback" not in warnings_of(again)
        assert env_data(again.env).mentions == mentions != {}, change  # every page read again
        assert page(again, "index.html") == expected, change
