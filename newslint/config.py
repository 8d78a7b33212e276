"""Rule files and the project config: pydantic models, YAML loading, discovery, clear errors.

Everything here is read once per run and frozen. A mistake in any file stops the run with
exit status 2 and a message naming the file, the line and the key (ConfigError).
"""

from __future__ import annotations

import difflib
import string
import sys
from pathlib import Path
from typing import Any, Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from .checks import KINDS
from .checks.base import CheckOptions, kebab
from .yamlload import ConfigError, LineDict, LineList, is_type_tag, line_of, load_yaml, read_rule_text


def _tomllib():
    """tomllib, imported when a pyproject.toml is read."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    return tomllib

Severity = Literal["error", "warning", "info"]
RULE_NAME = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
COMMON_RULE_KEYS = ("name", "check", "severity", "message", "description", "examples", "enabled")
CONFIG_NAMES = ("newslint.yaml", ".newslint.yaml")
PSEUDO_RULES = ("input-error", "check-error")  # reported by the readers and the engine, not by a rule file


def default_rules_dir() -> Path:
    """The shipped rule set: inside the installed package, or the repository's rules/ when run
    from a source checkout (an editable install leaves the package data in the repository)."""
    here = Path(__file__).resolve().parent
    packaged = here / "rules"
    return packaged if packaged.is_dir() else here.parent / "rules"


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", alias_generator=kebab, populate_by_name=True, defer_build=True)


class Example(Frozen):
    """An article a rule must (flagged) or must not (clean) report, run by the test suite.

    `text` is the body; the other keys are the article's metadata fields."""

    text: str
    title: str = ""
    published: str = ""
    modified: str = ""
    url: str = ""
    source: str = ""
    description: str = ""


class Examples(Frozen):
    flagged: list[Example | str] = []
    clean: list[Example | str] = []


class Rule(Frozen):
    name: str = Field(pattern=RULE_NAME)
    check: str
    severity: Severity
    message: str
    description: str
    enabled: bool = True
    examples: Examples = Field(default_factory=Examples)  # a factory: no validation at import
    options: CheckOptions
    path: str

    @field_validator("check")
    @classmethod
    def _known_kind(cls, value: str) -> str:
        if value not in KINDS:
            raise ValueError(f"unknown check kind {value!r}; known kinds: {', '.join(sorted(KINDS))}")
        return value

    def message_for(self, args: dict[str, Any]) -> str:
        return self.message.format_map(args)


class ProjectConfig(Frozen):
    rules: list[str] = []
    select: list[str] = []
    ignore: list[str] = []
    exclude: list[str] = []
    fail_on: Severity = "warning"
    fields: dict[str, str | list[str]] = {}
    options: dict[str, dict[str, Any]] = {}
    severity: dict[str, Severity] = {}
    path: str | None = None

    # Where each key was written ("select", "select[0]", "options.my-rule.phrases"), for errors
    # found after validation (a selected rule that does not exist).
    _lines: dict[str, int] = PrivateAttr(default_factory=dict)

    def line(self, key: str) -> int | None:
        while key:
            if key in self._lines:
                return self._lines[key]
            cut = max(key.rfind("."), key.rfind("["))
            key = key[:cut] if cut > 0 else ""
        return None

    @field_validator("fields")
    @classmethod
    def _known_roles(cls, value: dict[str, str | list[str]]) -> dict[str, str | list[str]]:
        from .readers.fields import ROLES

        for role in value:
            if role not in ROLES:  # config_from_data says so first, with the line
                raise ValueError(f"unknown field role {role!r}; roles: {', '.join(ROLES)}")
        return value

    def field_aliases(self) -> dict[str, list[str]]:
        return {role: [keys] if isinstance(keys, str) else list(keys) for role, keys in self.fields.items()}


_TYPE_WORDS = {
    "str": "a string", "int": "a whole number", "float": "a number", "bool": "true or false",
    "list[str]": "a list of strings", "Example": "a mapping (text, title, published, ...)",
}


_PLAIN_WORDS = {
    "bool_parsing": "expected true or false", "bool_type": "expected true or false",
    "list_type": "expected a list", "string_type": "expected a string", "dict_type": "expected a mapping",
    "int_parsing": "expected a whole number", "int_type": "expected a whole number",
}


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _problem(exc: ValidationError, err: dict[str, Any], known_keys: list[str]) -> str:
    """What is wrong, in words a rule author understands, with the value given where it helps."""
    kind, given = err["type"], err.get("input")
    if kind == "extra_forbidden":
        key = str(err["loc"][-1])
        near = difflib.get_close_matches(key, known_keys, n=1, cutoff=0.7)
        return "unknown key" + (f" (did you mean '{near[0]}'?)" if near else "")
    if kind == "missing":
        return "required key is missing"
    tag = err["loc"][-1] if err["loc"] else None
    if isinstance(tag, str) and is_type_tag(tag):
        # A value that may take several shapes: name them all, not only the first tried.
        siblings = [e["loc"][-1] for e in exc.errors() if e["loc"][:-1] == err["loc"][:-1]]
        shapes = " or ".join(_TYPE_WORDS.get(str(t), str(t)) for t in siblings)
        return f"expected {shapes} (got {_shown(given)})"
    msg = _PLAIN_WORDS.get(kind) or err["msg"].removeprefix("Value error, ")
    if kind == "literal_error":
        msg = f"expected {err['ctx']['expected']}"
    if kind != "value_error" and (given is None or isinstance(given, (str, int, float, bool))):
        msg += f" (got {_shown(given)})"
    return msg


def _raise_validation(exc: ValidationError, data: Any, path: str, known_keys: list[str] = ()) -> None:
    err = exc.errors()[0]
    line, key = line_of(data, tuple(err["loc"]))
    raise ConfigError(path, line, key, _problem(exc, err, list(known_keys))) from None


def _keys_of(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def _template_names(template: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


class OverrideError(Exception):
    """A project's option override for a rule is wrong; load_rules names the config's line."""

    def __init__(self, key: str, problem: str) -> None:
        super().__init__(problem)
        self.key, self.problem, self.rule = key, problem, ""


def rule_from_data(data: Any, path: str, overrides: dict[str, Any] | None = None) -> Rule:
    """Validate one rule's YAML data (with a project's option overrides laid over it)."""
    if not isinstance(data, dict):
        raise ConfigError(path, getattr(data, "line", None), None, "a rule file must be a YAML mapping")
    kind_name = data.get("check")
    kind = KINDS.get(kind_name) if isinstance(kind_name, str) else None
    if kind is None:
        line = data.key_lines.get("check") if isinstance(data, LineDict) else None
        known = ", ".join(sorted(KINDS))
        problem = "required key is missing" if kind_name is None else f"unknown check kind {kind_name!r}"
        line = line or getattr(data, "line", None)
        raise ConfigError(path, line, "check", f"{problem}; known kinds: {known}")
    known = [*COMMON_RULE_KEYS, *_keys_of(kind.Options), *_keys_of(Example), "flagged", "clean"]
    own = {k: v for k, v in data.items() if k not in COMMON_RULE_KEYS}
    if overrides:
        # A project's override is checked on its own first, so a mistake in it is reported
        # at the project config, not at the rule file it would have changed.
        own.update(overrides)
    try:
        options = kind.Options.model_validate(own, context={"rule_path": path, "overridden": frozenset(overrides or ())})
    except ValidationError as exc:
        first = exc.errors()[0]["loc"]
        if overrides and first and first[0] in overrides:
            raise OverrideError(str(first[0]), _problem(exc, exc.errors()[0], known)) from None
        _raise_validation(exc, data, path, known)
    common = {k: v for k, v in data.items() if k in COMMON_RULE_KEYS}
    try:
        rule = Rule.model_validate({**common, "options": options, "path": path})
    except ValidationError as exc:
        _raise_validation(exc, data, path, known)
    try:
        unknown = _template_names(rule.message) - set(kind.MESSAGE_ARGS)
    except ValueError as exc:
        line = data.key_lines.get("message") if isinstance(data, LineDict) else None
        raise ConfigError(path, line, "message", f"bad message template: {exc}") from None
    if unknown:
        line = data.key_lines.get("message") if isinstance(data, LineDict) else None
        known = ", ".join(sorted(kind.MESSAGE_ARGS)) or "none"
        raise ConfigError(path, line, "message", f"unknown placeholder {{{min(unknown)}}}; this kind offers: {known}")
    return rule


def _flat_lines(data: Any, prefix: str = "") -> dict[str, int]:
    out: dict[str, int] = {}
    if isinstance(data, LineDict):
        for key, value in data.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            out[name] = data.key_lines.get(key, data.line)
            out.update(_flat_lines(value, name))
    elif isinstance(data, LineList):
        for i, value in enumerate(data):
            out[f"{prefix}[{i}]"] = data.item_lines[i]
            out.update(_flat_lines(value, f"{prefix}[{i}]"))
    return out


def _no_rule_named(name: str, names: list[str]) -> str:
    near = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    hint = f"did you mean '{near[0]}'?" if near else "see `newslint rules`"
    return f"no rule named {name!r}; {hint}"


def read_rule_file(path: Path, overrides: dict[str, dict[str, Any]] | None = None) -> Rule:
    try:
        text = read_rule_text(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), None, None, f"cannot read rule file: {exc}") from None
    data = load_yaml(text, str(path))
    name = data.get("name") if isinstance(data, dict) else None
    try:
        return rule_from_data(data, str(path), (overrides or {}).get(name) if isinstance(name, str) else None)
    except OverrideError as exc:
        exc.rule = str(name)
        raise


def rule_files(location: Path) -> list[Path]:
    if location.is_dir():
        return sorted(p for p in location.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    return [location]


_RULE_MARKS = ("check:", "severity:", "message:")


def is_rule_file(path: Path) -> bool:
    """Data files beside rules (the romanisation dictionary) carry none of a rule's own keys
    (`check`, `severity`, `message`); a rule file that lacks only `check:` is still a rule, so
    the author hears that the key is missing."""
    try:
        head = path.read_text(encoding="utf-8", errors="replace")[:4096]
    except OSError:
        return True
    return any(line.startswith(_RULE_MARKS) for line in head.splitlines())


def rule_locations(config: ProjectConfig, extra: list[Path] = ()) -> list[Path]:
    """Where rules are read from, in order: the shipped rules, the config's `rules`, `extra`."""
    base = Path(config.path).parent if config.path else Path.cwd()
    return [default_rules_dir()] + [base / p for p in config.rules] + list(extra)


def load_rules(config: ProjectConfig, extra: list[Path] = ()) -> list[Rule]:
    """The default rules, then the config's `rules` entries, then `extra` (command line).

    A later rule of the same name replaces an earlier one, so a project can redefine a
    shipped rule by writing its own file with that name.
    """
    by_name: dict[str, Rule] = {}
    for location in rule_locations(config, extra):
        if not location.exists():
            raise ConfigError(config.path or "<command line>", None, "rules", f"no such rule file or folder: {location}")
        for path in rule_files(location):
            if not is_rule_file(path):
                continue
            try:
                rule = read_rule_file(path, config.options)
            except OverrideError as exc:
                key = f"options.{exc.rule}.{exc.key}"
                raise ConfigError(config.path or "<config>", config.line(key), key, exc.problem) from None
            by_name[rule.name] = rule
    names = sorted(by_name)
    for name in config.options:
        if name not in by_name:
            key = f"options.{name}"
            raise ConfigError(config.path or "<config>", config.line(key), key, _no_rule_named(name, names))
    for list_name in ("select", "ignore"):
        for i, name in enumerate(getattr(config, list_name)):
            if name not in by_name and name not in PSEUDO_RULES:
                key = f"{list_name}[{i}]"
                raise ConfigError(config.path or "<config>", config.line(key), list_name, _no_rule_named(name, names))
    if config.severity:
        by_name = {
            name: rule.model_copy(update={"severity": config.severity.get(name, rule.severity)})
            for name, rule in by_name.items()
        }
    return list(by_name.values())


def select_rules(rules: list[Rule], select: list[str], ignore: list[str]) -> list[Rule]:
    names = {r.name for r in rules}
    # Names from the project config were checked (with their line) by load_rules; what is left
    # came from the command line.
    for flag, given in (("--select", select), ("--ignore", ignore)):
        for name in given:
            if name not in names and name not in PSEUDO_RULES:
                raise ConfigError(flag, None, None, _no_rule_named(name, sorted(names)))
    chosen = [r for r in rules if (r.name in select if select else r.enabled) and r.name not in ignore]
    return chosen


def _check_roles(fields: Any, path: str, line_for: Any) -> None:
    """An unknown role in `fields` is named at its own line, with the roles there are."""
    from .readers.fields import ROLES

    if isinstance(fields, dict):
        for role in fields:
            if role not in ROLES:
                raise ConfigError(path, line_for(f"fields.{role}"), f"fields.{role}",
                                  f"unknown field role {role!r}; roles: {', '.join(ROLES)}")


def config_from_data(data: Any, path: str) -> ProjectConfig:
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(path, getattr(data, "line", None), None, "the config must be a mapping of keys (rules, select, ...)")
    lines = _flat_lines(data)
    _check_roles(data.get("fields"), path, lines.get)
    try:
        config = ProjectConfig.model_validate({**data, "path": path})
    except ValidationError as exc:
        _raise_validation(exc, data, path, _keys_of(ProjectConfig))
        raise  # unreachable
    config._lines.update(lines)
    return config


def _toml_lines(text: str) -> dict[str, int]:
    """Where keys of [tool.newslint] (and its sub-tables) are written: {"select": 3, ...}."""
    lines: dict[str, int] = {}
    table: str | None = None
    for n, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if stripped.startswith("["):
            name = stripped.strip("[] ").replace('"', "")
            if name == "tool.newslint" or name.startswith("tool.newslint."):
                table = name[len("tool.newslint.") :] if name != "tool.newslint" else ""
                if table:
                    lines.setdefault(table, n)
            else:
                table = None
            continue
        if table is not None and "=" in stripped and not stripped.startswith("#"):
            key = stripped.split("=")[0].strip().strip('"')
            lines[f"{table}.{key}" if table else key] = n
    return lines


def read_config(path: Path) -> ProjectConfig:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), None, None, f"cannot read config: {exc}") from None
    if path.name == "pyproject.toml":
        tomllib = _tomllib()
        try:
            table = tomllib.loads(text).get("tool", {}).get("newslint", {})
        except tomllib.TOMLDecodeError as exc:
            where = regex.search(r"\(at line (\d+)", str(exc))
            problem = str(exc).split(" (at line")[0]
            raise ConfigError(str(path), int(where[1]) if where else None, None, f"invalid TOML: {problem}") from None
        lines = _toml_lines(text)
        _check_roles(table.get("fields"), str(path), lambda key: lines.get(key) or lines.get("fields"))
        try:
            config = ProjectConfig.model_validate({**table, "path": str(path)})
        except ValidationError as exc:
            err = exc.errors()[0]
            key = ".".join(str(p) for p in err["loc"] if not (isinstance(p, str) and is_type_tag(p)))
            line = lines.get(key) or lines.get(key.split(".")[0])
            raise ConfigError(str(path), line, f"tool.newslint.{key}", _problem(exc, err, _keys_of(ProjectConfig))) from None
        config._lines.update(lines)
        return config
    return config_from_data(load_yaml(text, str(path)), str(path))


def find_config(start: Path) -> Path | None:
    """The nearest config from `start` upward: newslint.yaml, .newslint.yaml, or a pyproject.toml
    with a [tool.newslint] table (checked in that order in each folder)."""
    for folder in [start, *start.parents]:
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                text = pyproject.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            if "newslint" not in text:  # no table of ours, however the TOML is written
                continue
            tomllib = _tomllib()
            try:
                if "newslint" in tomllib.loads(text).get("tool", {}):
                    return pyproject
            except tomllib.TOMLDecodeError:
                # Broken TOML that means to configure newslint is reported, not passed over.
                if "tool.newslint" in text:
                    return pyproject
    return None


def load_config(explicit: Path | None, cwd: Path) -> ProjectConfig:
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(str(explicit), None, None, "config file not found")
        return read_config(explicit)
    found = find_config(cwd.resolve())
    # The defaults need no validation; skipping it spares a one-file run building the model's
    # validator (pydantic builds it on first use: defer_build).
    return read_config(found) if found else ProjectConfig.model_construct()
