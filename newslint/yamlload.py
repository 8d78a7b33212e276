"""YAML loading that remembers where each key was written, so a bad value can be named by line.

Every YAML newslint reads (project config, rule files, phrase lists, dictionaries, an article's
front matter) goes through a bounded loader: a few aliases can stand for billions of nodes
("billion laughs"), and deep nesting overflows the parser's recursion. Files a person writes
need neither, so both are refused with the line where the limit was passed (yaml_bounds.py).
PyYAML is imported when the first YAML text is parsed: a run the rule cache answers parses none.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

# The files read while rules load, as (path, bytes), and the files looked for and not found, as
# (path, None): the rule cache (rule_cache.py) keeps them to tell whether what it saved is still
# what the files say. None when nobody records.
_recording: list[tuple[str, bytes | None]] | None = None


def read_rule_text(path: Path) -> str:
    """A rule file, phrase list or dictionary as text (UTF-8), noted for the rule cache.
    Raises OSError or UnicodeDecodeError as Path.read_text does."""
    data = path.read_bytes()
    if _recording is not None:
        _recording.append((str(path.absolute()), data))
    return data.decode("utf-8")


def first_file(tries: list[Path]) -> Path | None:
    """The first of these paths that is a file. The ones before it are noted for the rule cache
    as absent (bytes None): a file appearing there later would be read instead."""
    for t in tries:
        if t.is_file():
            return t
        if _recording is not None:
            _recording.append((str(t.absolute()), None))
    return None


def record_reads(into: list[tuple[str, bytes | None]] | None) -> None:
    """Start noting every read_rule_text into `into` (None: stop)."""
    global _recording
    _recording = into


class ConfigError(Exception):
    """A rule file or project config that cannot be used. Exit status 2.

    One error may stand for several (`errors`, see `all_of`): every mistake in the config and
    the rule files is reported in one run, as pydantic reports every field, not the first only.
    Its path, line, key and problem are then the first mistake's.
    """

    def __init__(self, path: str, line: int | None, key: str | None, problem: str) -> None:
        self.path, self.line, self.key, self.problem = path, line, key, problem
        self.errors: list[ConfigError] = [self]
        where = f"{path}:{line}" if line else path
        what = f" key '{key}':" if key else ""
        super().__init__(f"{where}:{what} {problem}")

    @staticmethod
    def all_of(errors: list[ConfigError]) -> ConfigError:
        """One error for all of these (the error itself when there is one)."""
        flat = [e for err in errors for e in err.errors]
        if len(flat) == 1:
            return flat[0]
        combined = ConfigError(flat[0].path, flat[0].line, flat[0].key, flat[0].problem)
        combined.errors = flat
        combined.args = ("\n".join(str(e) for e in flat),)
        return combined

    def report(self) -> str:
        """What the command line prints: one `newslint: path:line: key 'k': problem` a mistake."""
        return "".join(f"newslint: {e}\n" for e in self.errors)


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


def _construct_mapping(loader: Any, node: Any) -> LineDict:
    import yaml

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


def _construct_sequence(loader: Any, node: Any) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


@lru_cache(maxsize=1)
def _loader() -> type:
    """A SafeLoader that keeps lines, made when the first YAML file is parsed (PyYAML is
    imported then: a run the rule cache answers parses none)."""
    import yaml

    from .yaml_bounds import BoundedSafeLoader

    class _Loader(BoundedSafeLoader):
        pass

    _Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    _Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
    return _Loader


def load_yaml(text: str, path: str) -> Any:
    """Parse YAML text; a syntax error becomes a ConfigError naming the line."""
    import yaml

    try:
        return yaml.load(text, Loader=_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise ConfigError(path, line, None, f"invalid YAML: {exc.problem or exc}") from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (a NUL, a control code)
        line = text.count("\n", 0, exc.position) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise ConfigError(path, line, None, f"invalid YAML: character U+{code:04X} is not allowed in YAML") from None
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
