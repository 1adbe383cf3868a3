"""Safe YAML reading that remembers where every value came from.

PyYAML's composer gives nodes with positions; we turn them into :class:`YNode`
values ourselves, accepting only the plain YAML types, so that a
``!!python/object`` tag is refused with a located message instead of run.
"""

from __future__ import annotations

from typing import Any

import yaml

from .errors import Location, Problem

try:  # libyaml is ~10x faster; the pure-Python loader behaves the same.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_STR_TAG = "tag:yaml.org,2002:str"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_SCALARS = {
    "tag:yaml.org,2002:int": _CONSTRUCTOR.construct_yaml_int,
    "tag:yaml.org,2002:float": _CONSTRUCTOR.construct_yaml_float,
    "tag:yaml.org,2002:bool": _CONSTRUCTOR.construct_yaml_bool,
    "tag:yaml.org,2002:null": _CONSTRUCTOR.construct_yaml_null,
}


class YNode:
    """A YAML value with its 1-based position; mappings keep their keys' positions."""

    __slots__ = ("column", "key_lines", "line", "value")

    def __init__(self, value: Any, line: int, column: int) -> None:
        self.value = value  # dict[str, YNode] | list[YNode] | str | int | float | bool | None
        self.line = line
        self.column = column
        self.key_lines: dict[str, tuple[int, int]] = {}

    def plain(self) -> Any:
        """The value with positions stripped, for error-free subtrees."""
        if isinstance(self.value, dict):
            return {k: v.plain() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain() for v in self.value]
        return self.value


class YamlReadError(Exception):
    """The text is not YAML we accept; carries one located problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def read_yaml(text: str, path: str) -> YNode | None:
    """Parse ``text``; ``None`` for an empty document. Raises :class:`YamlReadError`."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        message = f"YAML syntax error: {exc.problem or exc.context}"
        raise YamlReadError(Problem(Location(path, line, col), message)) from None
    except yaml.YAMLError as exc:
        raise YamlReadError(Problem(Location(path), f"YAML error: {exc}")) from None
    return None if root is None else _convert(root, path)


def _convert(node: yaml.Node, path: str) -> YNode:
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    if isinstance(node, yaml.MappingNode) and node.tag == _MAP_TAG:
        return _convert_mapping(node, path, line, col)
    if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ_TAG:
        return YNode([_convert(item, path) for item in node.value], line, col)
    if node.tag == _STR_TAG:
        return YNode(node.value, line, col)
    construct = _SCALARS.get(node.tag)
    if construct is None or not isinstance(node, yaml.ScalarNode):
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        problem = Problem(Location(path, line, col), f"unsupported YAML tag {tag}")
        raise YamlReadError(problem)
    return YNode(construct(node), line, col)


def _convert_mapping(node: yaml.MappingNode, path: str, line: int, col: int) -> YNode:
    result = YNode({}, line, col)
    for key_node, value_node in node.value:
        key = _convert(key_node, path)
        where = Location(path, key.line, key.column)
        if not isinstance(key.value, str):
            raise YamlReadError(Problem(where, f"mapping key must be text, not {key.value!r}"))
        if key.value in result.value:
            raise YamlReadError(Problem(where, f"duplicate key '{key.value}'"))
        result.value[key.value] = _convert(value_node, path)
        result.key_lines[key.value] = (key.line, key.column)
    return result
