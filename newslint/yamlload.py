"""YAML loading that remembers where each key was written, so a bad value can be named by line.

Every YAML newslint reads (project config, rule files, phrase lists, dictionaries, an article's
front matter) goes through a bounded loader: a few aliases can stand for billions of nodes
("billion laughs"), and deep nesting overflows the parser's recursion. Files a person writes
need neither, so both are refused with the line where the limit was passed.
"""

from __future__ import annotations

from typing import Any

import yaml


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


# The bounds. A hand-written config or rule file has no need to come near them.
MAX_ALIASES = 100  # `*name` references in one document
MAX_ALIAS_NODES = 100_000  # nodes the aliases add to the document once expanded
MAX_DEPTH = 100  # nesting of mappings and sequences


class YAMLTooBig(yaml.MarkedYAMLError):
    """A document past one of the bounds; a YAMLError, so every caller already reports it."""


def _too_big(problem: str, mark: Any) -> YAMLTooBig:
    return YAMLTooBig(None, None, problem, mark)


def expanded_extra_nodes(root: yaml.Node) -> tuple[int, Any]:
    """How many nodes aliases add when the document is expanded (0 without aliases), and the
    mark of the first node whose expansion alone passes MAX_ALIAS_NODES (to name its line).

    Each node's expanded size is worked out once (memoised), so the walk is linear in what was
    written, never in the expansion. An alias inside its own anchor is refused.
    """
    first_too_big = None
    sizes: dict[int, int] = {}
    open_: set[int] = set()  # nodes whose children are still being sized: the current path
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_sized = stack.pop()
        key = id(node)
        if children_sized:
            open_.discard(key)
            sizes[key] = 1 + sum(sizes[id(c)] for c in _children(node))
            if first_too_big is None and sizes[key] - len(sizes) > MAX_ALIAS_NODES:
                first_too_big = node.start_mark
            continue
        if key in sizes:
            continue
        if key in open_:
            raise _too_big("an alias refers to the node that holds it (a recursive alias)", node.start_mark)
        open_.add(key)
        stack.append((node, True))
        stack.extend((c, False) for c in _children(node))
    return sizes[id(root)] - len(sizes), first_too_big or root.start_mark


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


class _Bounds:
    """Counts aliases and depth while composing, and checks the expansion once composed."""

    _aliases = 0
    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):  # type: ignore[attr-defined]
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                mark = self.peek_event().start_mark  # type: ignore[attr-defined]
                raise _too_big(f"more than {MAX_ALIASES} aliases (*name); newslint reads at most that many", mark)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark  # type: ignore[attr-defined]
                raise _too_big(f"nested more than {MAX_DEPTH} levels deep", mark)
            return super().compose_node(parent, index)  # type: ignore[misc]
        finally:
            self._depth -= 1

    def get_single_node(self) -> Any:
        node = super().get_single_node()  # type: ignore[misc]
        if node is not None:
            _check_expansion(node)
        return node


def _check_expansion(node: yaml.Node) -> None:
    extra, mark = expanded_extra_nodes(node)
    if extra > MAX_ALIAS_NODES:
        raise _too_big(
            f"aliases expand to more than {MAX_ALIAS_NODES:,} further nodes (an alias bomb?); "
            "newslint reads at most that many", mark,
        )


class BoundedSafeLoader(_Bounds, yaml.SafeLoader):
    """yaml.SafeLoader within the bounds above (for yaml.compose and yaml.load)."""


class _CBounds:
    """The libyaml loader composes in C (it has its own depth limit); the expansion is checked
    on the composed nodes. Aliases are counted there as nodes reached a second time."""

    def get_single_node(self) -> Any:
        node = super().get_single_node()  # type: ignore[misc]
        if node is not None:
            _check_aliases(node)
            _check_expansion(node)
        return node


def _check_aliases(root: yaml.Node) -> None:
    seen: set[int] = set()
    stack, aliases = [root], 0
    while stack:
        node = stack.pop()
        if id(node) in seen:
            aliases += 1
            if aliases > MAX_ALIASES:
                raise _too_big(f"more than {MAX_ALIASES} aliases (*name); newslint reads at most that many", node.start_mark)
            continue
        seen.add(id(node))
        stack.extend(_children(node))


BoundedCSafeLoader: type | None = None  # None where PyYAML was built without libyaml
if hasattr(yaml, "CSafeLoader"):

    class BoundedCSafeLoader(_CBounds, yaml.CSafeLoader):  # type: ignore[no-redef]
        """yaml.CSafeLoader within the bounds above (phrase lists and dictionaries, read fast)."""


class _Loader(BoundedSafeLoader):
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


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_yaml(text: str, path: str) -> Any:
    """Parse YAML text; a syntax error becomes a ConfigError naming the line."""
    try:
        return yaml.load(text, Loader=_Loader)
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
