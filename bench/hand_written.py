"""A copy of a docs tree with the extension's links and glossary page written by hand.

What plain Sphinx costs for the same output, no extension loaded: the first mention of
each glossary term on every page becomes a ``{term}`` role (MyST) or ``:term:`` role
(reST), and one page holds Sphinx's own ``glossary`` directive with the entries those
roles point to. ``sphinx_overhead.py --hand-written`` builds it beside the baseline
and the extension, so the three costs come from one run.

The mentions come from the core matcher, as the extension's do. A role is written only
where one can stand: in a paragraph, list item or table cell, not in a heading, a
link's text, emphasis or inline HTML, so a few mentions the extension links are left
out (the bench prints how many links each build has).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from sphinx_llmgloss.core import Config, load_glossary
from sphinx_llmgloss.core.lint import Linter, _in_heading, _in_link
from sphinx_llmgloss.core.match import Mention
from sphinx_llmgloss.core.model import Entry
from sphinx_llmgloss.core.regions import Regions

PAGE = "glossary-by-hand.md"
_ROLES = {".md": "{{term}}`{text} <{target}>`", ".rst": ":term:`{text} <{target}>`"}


def project_name(docs: Path) -> str:
    """The ``project`` that ``conf.py`` sets, read without running it (the extension's
    default ``project`` option in a build)."""
    found = re.search(r"^project\s*=\s*(['\"])(.+?)\1", (docs / "conf.py").read_text("utf-8"), re.M)
    return found[2] if found else ""


def hand_written(docs: Path, out: Path, project: str) -> int:
    """Copy ``docs`` to ``out`` with roles and a glossary page; the number of roles."""
    shutil.copytree(docs, out)
    config = Config(project=project)
    glossary = load_glossary(config)
    linter = Linter(glossary, config)
    used: set[str] = set()
    written = 0
    for path in sorted(p for p in out.rglob("*") if p.suffix in _ROLES):
        text = path.read_text(encoding="utf-8")
        filetype = "markdown" if path.suffix == ".md" else "rst"
        analysis = linter.analyze(text, filetype)
        chosen = _first_mentions(text, analysis.regions, analysis.mentions)
        for mention in reversed(chosen):
            entry = glossary.by_id[mention.entry_ids[0]]
            role = _ROLES[path.suffix].format(text=mention.text, target=entry.headword)
            text = text[: mention.start] + role + text[mention.end :]
            used.add(entry.id)
        path.write_text(text, encoding="utf-8")
        written += len(chosen)
    entries = sorted((glossary.by_id[i] for i in used), key=lambda e: e.headword.casefold())
    (out / PAGE).write_text(_glossary_page(entries), encoding="utf-8")
    return written


def _first_mentions(text: str, regions: Regions, mentions: list[Mention]) -> list[Mention]:
    """The first mention of each entry where a role can stand, in text order: not in a
    heading or a link's text (as the linter tells them), nor across lines, nor after an
    open emphasis or inline HTML on its line."""
    starts = [region.start for region in regions.prose]
    seen: set[str] = set()
    chosen = []
    for mention in mentions:
        entry_id = mention.entry_ids[0]
        if entry_id in seen or "\n" in mention.text:
            continue
        if _in_heading(regions, starts, mention.start) or _in_link(regions.links, mention.start):
            continue
        if _plain_line(text[text.rfind("\n", 0, mention.start) + 1 : mention.start]):
            seen.add(entry_id)
            chosen.append(mention)
    return chosen


def _plain_line(before: str) -> bool:
    """Whether a role can follow this start of a line: no open emphasis, no HTML, not a
    directive option or a quote."""
    if before.lstrip().startswith(("<", ":", ">")) or "<" in before:
        return False
    return before.count("*") % 2 == 0 and before.count("_") % 2 == 0


def _glossary_page(entries: list[Entry]) -> str:
    lines = ["---", "orphan: true", "---", "", "# Glossary", "", "```{glossary}"]
    for entry in entries:
        lines.append(entry.headword)
        lines.extend("   " + " ".join(text.split()) for text in entry.definitions)
        lines.append("")
    return "\n".join([*lines, "```", ""])
