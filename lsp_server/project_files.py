"""Text edits of a project's config and glossary files that keep their formatting.

Both functions take the file's current text and return the new text: TOML through
tomlkit (comments and layout survive), YAML by appending an entry as text (the
file is never re-dumped).
"""

from __future__ import annotations

import re
from pathlib import Path

CONFIG_NAME = "llmgloss.toml"
GLOSSARY_NAME = "glossary.yaml"


def add_to_list(toml_text: str, key: str, value: str, pyproject: bool) -> str:
    """Add ``value`` to the list option ``key`` ([tool.llmgloss] in a pyproject.toml)."""
    import tomlkit

    document = tomlkit.parse(toml_text)
    table = document
    if pyproject:
        tool = document.setdefault("tool", tomlkit.table(is_super_table=True))
        table = tool.setdefault("llmgloss", tomlkit.table())
    current = table.get(key)
    if current is None:
        array = tomlkit.array()
        array.append(value)
        table[key] = array
    elif value not in current:
        current.append(value)
    return tomlkit.dumps(document)


def new_entry(name: str, indent: str = "  ") -> str:
    """A glossary entry for ``name`` with a definition for the user to write."""
    quoted = name if re.fullmatch(r"[A-Za-z][\w .+/-]*", name) else f'"{name}"'
    return f"{indent}- name: {quoted}\n{indent}  definition: >-\n{indent}    TODO: define {name}.\n"


def append_term(yaml_text: str, name: str) -> str:
    """``yaml_text`` with an entry for ``name`` appended under ``terms:`` (a new file if empty)."""
    if not yaml_text.strip():
        return f"glossary: project\nversion: 1\nterms:\n{new_entry(name)}"
    if not re.search(r"(?m)^terms:", yaml_text):
        yaml_text = yaml_text.rstrip("\n") + "\nterms:\n"
    elif re.search(r"(?m)^terms:\s*\[\s*\]\s*$", yaml_text):
        yaml_text = re.sub(r"(?m)^terms:\s*\[\s*\]\s*$", "terms:", yaml_text)
    if not yaml_text.endswith("\n"):
        yaml_text += "\n"
    found = re.search(r"(?m)^terms:[ \t]*\n(?:[ \t]*(?:#.*)?\n)*([ \t]*)- ", yaml_text)
    return yaml_text + new_entry(name, found.group(1) if found else "  ")


def glossary_target(config_root: Path, glossaries: tuple[str, ...]) -> tuple[Path, bool]:
    """The glossary file to add terms to, and whether the config must list it first."""
    if glossaries:
        return Path(config_root, glossaries[0]), False
    return config_root / GLOSSARY_NAME, True


def inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` lies inside ``folder`` (symlinks resolved): we never write elsewhere."""
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True
