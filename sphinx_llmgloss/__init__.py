"""llmgloss: a glossary of LLM and ML-systems jargon for Sphinx, editors and CI.

The package root stays import-light: the core lives in :mod:`sphinx_llmgloss.core`
and nothing here imports Sphinx, so the language server and the CLI can use it.
"""

__version__ = "0.1.0"
