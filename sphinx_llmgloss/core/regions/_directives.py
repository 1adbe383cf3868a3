"""Which directives hold prose: shared by the reST and the MyST extractors.

The one rule: a directive not named here is assumed to hold prose, because a missed
code block costs a few false matches while a missed prose body hides real terms.
"""

from __future__ import annotations

from typing import Literal

# Directives whose body is code, data or paths rather than prose for people.
_CODE_DIRECTIVES = frozenset(
    {
        "code-block",
        "code",
        "sourcecode",
        "code-cell",
        "literalinclude",
        "math",
        "raw",
        "include",
        "toctree",
        "mermaid",
        "graphviz",
        "graph",
        "digraph",
        "plantuml",
        "eval-rst",
        "highlight",
        "doctest",
        "testcode",
        "testoutput",
        "testsetup",
        "testcleanup",
        "ipython",
        "jupyter-execute",
        "parsed-literal",
        "bibliography",
        "index",
        "meta",
        "role",
        "default-role",
        "default-domain",
        "tabularcolumns",
        "currentmodule",
        "module",
        "sectionauthor",
        "moduleauthor",
        "codeauthor",
        "program-output",
        "command-output",
        "exec",
        "runblock",
        "prompt",
        "code-tab",
        "jinja",
        "plot",
        "mdinclude",
    }
)
_CODE_PREFIXES = ("auto", "doxygen", "py:currentmodule")
# Directives whose arguments on the first line are prose: a title, or the body itself.
_PROSE_ARGUMENTS = frozenset(
    {
        "admonition",
        "attention",
        "caution",
        "danger",
        "error",
        "hint",
        "important",
        "note",
        "seealso",
        "tip",
        "todo",
        "warning",
        "topic",
        "sidebar",
        "rubric",
        "dropdown",
        "card",
        "tab",
        "tab-item",
        "group-tab",
        "grid-item-card",
        "list-table",
        "table",
        "csv-table",
        "centered",
        "margin",
        "epigraph",
        "pull-quote",
        "highlights",
    }
)
_VERSIONED = frozenset({"versionadded", "versionchanged", "deprecated", "versionremoved"})


def directive_body(name: str) -> Literal["prose", "code", "glossary"]:
    """Classify a directive by what its body holds."""
    name = name.lower()
    if name == "glossary":
        return "glossary"
    if name in _CODE_DIRECTIVES or name.startswith(_CODE_PREFIXES):
        return "code"
    return "prose"


def directive_arguments(name: str) -> Literal["prose", "version", "none"]:
    """Classify the text after ``::`` (reST) or ``{name}`` (MyST) on a directive's line."""
    name = name.lower()
    if name in _PROSE_ARGUMENTS:
        return "prose"
    return "version" if name in _VERSIONED else "none"
