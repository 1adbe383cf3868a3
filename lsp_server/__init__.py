"""The llmgloss language server (pygls 2, lsprotocol), built on :mod:`sphinx_llmgloss.core`.

It must never import Sphinx or docutils; a test checks ``sys.modules``.
"""
