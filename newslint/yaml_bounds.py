"""Bounded YAML: every YAML newslint reads (project config, rule files, phrase lists,
dictionaries, an article's front matter) is parsed within these bounds. A few aliases can stand
for billions of nodes ("billion laughs"), and deep nesting overflows the parser's recursion;
files a person writes need neither, so both are refused with the line where the limit was passed.

A module of its own so that PyYAML is imported only when YAML is parsed (a run the rule cache
answers parses none).
"""

from __future__ import annotations

from typing import Any

import yaml

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
