"""YAML loading that remembers where each key was written, so a bad value can be named by line."""

from __future__ import annotations

import re
from typing import Any

import yaml


class ConfigError(Exception):
    """A rule file or project config that cannot be used. Exit status 2."""

    def __init__(self, path: str, line: int | None, key: str | None, problem: str) -> None:
        self.path, self.line, self.key, self.problem = path, line, key, problem
        where = f"{path}:{line}" if line else path
        what = f" key '{key}':" if key else ""
        super().__init__(f"{where}:{what} {problem}")


class LineDict(dict):
    """A mapping that knows the line of each of its keys (1-based) and its own line."""

    __slots__ = ("key_lines", "line")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.key_lines: dict[Any, int] = {}
        self.line = 1


class LineList(list):
    __slots__ = ("item_lines", "line")

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.item_lines: list[int] = []
        self.line = 1


class _Loader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


# The same loader over libyaml's parser when PyYAML has it: every run reads every rule file, and
# the pure-Python scanner costs more than the rest of the rule loading. Its nodes carry the same
# marks. A file it refuses is parsed again by the pure-Python loader, whose error messages (and
# lines) are the ones newslint has always shown; so is a file with a tab, which libyaml takes in
# places where PyYAML refuses it (see _fast_parse_agrees).
_FastLoader: type | None = None
if hasattr(yaml, "CSafeLoader"):
    _FastLoader = type("_FastLoader", (yaml.CSafeLoader,), {})

for _loader in (_Loader, _FastLoader):
    if _loader is not None:
        _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
        _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


_GLUED_COMMENT = re.compile(r"[|>][-+0-9]*#")


def _fast_parse_agrees(text: str) -> bool:
    """False for the YAML libyaml takes and PyYAML refuses: a tab where a token may start, an
    explicit key (`? `) inside a flow collection, a byte-order mark past the start, a comment
    glued to a block scalar's indicator (`|#`)."""
    return (
        "\t" not in text and "? " not in text and "?\n" not in text and "\ufeff" not in text
        and _GLUED_COMMENT.search(text) is None
    )


def load_yaml(text: str, path: str) -> Any:
    """Parse YAML text; a syntax error becomes a ConfigError naming the line."""
    if _FastLoader is not None and _fast_parse_agrees(text):
        try:
            return yaml.load(text, Loader=_FastLoader)
        except yaml.YAMLError:
            pass  # parsed again below, for the message
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise ConfigError(path, line, None, f"invalid YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(path, None, None, f"invalid YAML: {exc}") from None


def is_type_tag(part: str) -> bool:
    """pydantic names the member of a union it tried (`str`, `list[str]`, `Example`) in an
    error's location; those are not keys a user wrote."""
    return part in ("str", "int", "float", "bool", "dict", "list") or "[" in part or part[:1].isupper()


def line_of(data: Any, loc: tuple[Any, ...]) -> tuple[int | None, str | None]:
    """The line and dotted key for a pydantic error location inside loaded YAML."""
    line = getattr(data, "line", None)
    node = data
    keys: list[str] = []
    for part in loc:
        if isinstance(part, str) and is_type_tag(part) and not (isinstance(node, dict) and part in node):
            continue
        if isinstance(node, LineDict) and part in node:
            line = node.key_lines.get(part, line)
            keys.append(str(part))
            node = node[part]
        elif isinstance(node, LineList) and isinstance(part, int) and 0 <= part < len(node):
            line = node.item_lines[part]
            keys.append(f"[{part}]")
            node = node[part]
        else:
            if isinstance(part, str):
                keys.append(part)
            break
    key = ".".join(keys).replace(".[", "[") or None
    return line, key
