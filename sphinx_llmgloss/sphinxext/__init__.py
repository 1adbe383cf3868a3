"""The Sphinx extension: wiring only. ``extensions = ["sphinx_llmgloss"]`` calls :func:`setup`."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from sphinx.application import Sphinx

from .. import __version__
from ..core.sources import load_glossary
from . import reading, references, settings, tooltips
from .autolink import AutoLink
from .directives import GlossaryDirective, SkipDirective, skip_role
from .state import Runtime, set_runtime
from .warnings import report_problems, silenced

ENV_VERSION = 2  # 2: doctrees carry a prose scan (see .scan)


def builder_inited(app: Sphinx) -> None:
    """Resolve the configuration and load the glossary once per build."""
    config, problems = settings.resolve(Path(app.confdir), app.config)
    report_problems(problems, "config")
    off = silenced(app.config.suppress_warnings)
    if off:
        config = replace(config, severity=MappingProxyType({**config.severity, **off}))
    if not config.project:
        config = replace(config, project=str(app.config.project or ""))
    glossary = load_glossary(config)
    report_problems(list(glossary.problems), "glossary")
    set_runtime(app.env, Runtime(config, glossary, app.builder))


def setup(app: Sphinx) -> dict[str, Any]:
    settings.add_config_values(app)
    app.add_directive("llmgloss-glossary", GlossaryDirective)
    app.add_directive("llmgloss-skip", SkipDirective)
    app.add_role("llmgloss-skip", skip_role)
    app.add_post_transform(AutoLink)
    app.add_post_transform(tooltips.TooltipData)
    tooltips.add_static_dir(app)
    app.add_css_file("llmgloss.css")
    app.add_js_file("llmgloss.js", loading_method="defer")
    app.connect("builder-inited", builder_inited)
    app.connect("env-get-outdated", reading.outdated)
    app.connect("env-get-updated", reading.rewritten)
    app.connect("env-before-read-docs", reading.before_read)
    app.connect("env-purge-doc", reading.purge_doc)
    app.connect("env-merge-info", reading.merge_info)
    # Late, so that the prose scan kept for writing sees other extensions' changes.
    app.connect("doctree-read", reading.doctree_read, priority=900)
    app.connect("env-updated", reading.read_deferred, priority=100)
    app.connect("env-check-consistency", reading.check_consistency)
    app.connect("missing-reference", references.resolve_term)
    app.connect("warn-missing-reference", references.warn_unknown_term)
    app.connect("write-started", tooltips.copy_static_files)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
