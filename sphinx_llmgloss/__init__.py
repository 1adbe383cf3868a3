"""llmgloss: a glossary of LLM and ML-systems jargon for Sphinx, editors and CI.

The package root stays import-light: the core lives in :mod:`sphinx_llmgloss.core`
and nothing here imports Sphinx, so the language server and the CLI can use it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, Any]:
    """Sphinx entry point (``extensions = ["sphinx_llmgloss"]``); imports Sphinx only now."""
    from .sphinxext import setup as setup_extension

    return setup_extension(app)
