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

    # Where each example was written ("examples.flagged[0]": 12), for `newslint rules --check`.
    _example_lines: dict[str, int] = PrivateAttr(default_factory=dict)

    def message_for(self, args: dict[str, Any]) -> str:
        return self.message.format_map(args)

    def example_line(self, key: str) -> int | None:
        return self._example_lines.get(key)


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


def _problem(exc: ValidationError, err: dict[str, Any], known_keys: list[str], data: Any = None) -> str:
    """What is wrong, in words a rule author understands, with the value given where it helps.
    With the data the user wrote, a key of theirs (`Pusan` under `swap`) is told apart from a
    shape pydantic tried (`str`)."""
    kind, given = err["type"], err.get("input")
    if kind == "extra_forbidden":
        key = str(err["loc"][-1])
        near = difflib.get_close_matches(key, known_keys, n=1, cutoff=0.7)
        return "unknown key" + (f" (did you mean '{near[0]}'?)" if near else "")
    if kind == "missing":
        return "required key is missing"
    loc = tuple(err["loc"])
    tag = loc[-1] if loc else None
    if isinstance(tag, str) and is_type_tag(tag) and (data is None or _union_tag_at(loc, data) == len(loc) - 1):
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


def _validation_errors(exc: ValidationError, data: Any, path: str, known_keys: list[str] = (),
                       skip: frozenset[str] | dict = frozenset()) -> list[ConfigError]:
    """Every mistake pydantic found, each at its line and key (one per key: the members of a
    union it tried in turn are one mistake, named together by _problem). Mistakes under a
    top-level key in `skip` are reported elsewhere."""
    out: dict[tuple[int | None, str | None], ConfigError] = {}
    for err in _first_union_member(exc.errors(), data):
        if err["loc"] and err["loc"][0] in skip:
            continue
        line, key = line_of(data, tuple(err["loc"]))
        if (line, key) not in out:
            out[line, key] = ConfigError(path, line, key, _problem(exc, err, list(known_keys), data))
    return list(out.values())


def _first_union_member(errors: list[Any], data: Any) -> list[Any]:
    """A value that may take several shapes (`Example | str`) fails once for each: keep the
    errors of the first shape tried, the one _problem names first."""
    chosen: dict[tuple[Any, ...], Any] = {}
    out = []
    for err in errors:
        loc = tuple(err["loc"])
        tag_at = _union_tag_at(loc, data)
        if tag_at is not None and chosen.setdefault(loc[:tag_at], loc[tag_at]) != loc[tag_at]:
            continue
        out.append(err)
    return out


def _union_tag_at(loc: tuple[Any, ...], data: Any) -> int | None:
    """Where in an error's location pydantic names the shape it tried (`str`, `Example`), as
    opposed to a key the user wrote (`Pusan` under `swap`)."""
    node = data
    for i, part in enumerate(loc):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            return i if isinstance(part, str) and is_type_tag(part) else None
    return None


def _in_line_order(errors: list[ConfigError]) -> list[ConfigError]:
    return sorted(errors, key=lambda e: e.line or 0)


def _keys_of(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def _template_names(template: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


class OverrideError(ConfigError):
    """A project's option override for a rule is wrong; load_rules names the config's line."""

    def __init__(self, key: str, problem: str) -> None:
        super().__init__("<options>", None, key, problem)
        self.rule = ""


def _kind_error(data: dict, path: str, kind_name: Any) -> ConfigError:
    line = data.key_lines.get("check") if isinstance(data, LineDict) else None
    known = ", ".join(sorted(KINDS))
    problem = "required key is missing" if kind_name is None else f"unknown check kind {kind_name!r}"
    return ConfigError(path, line or getattr(data, "line", None), "check", f"{problem}; known kinds: {known}")


def rule_from_data(data: Any, path: str, overrides: dict[str, Any] | None = None) -> Rule:
    """Validate one rule's YAML data (with a project's option overrides laid over it).

    Every mistake is collected before one ConfigError (ConfigError.all_of) is raised; a
    mistake in an override is an OverrideError, which load_rules places in the config."""
    if not isinstance(data, dict):
        raise ConfigError(path, getattr(data, "line", None), None, "a rule file must be a YAML mapping")
    errors: list[ConfigError] = []
    kind_name = data.get("check")
    kind = KINDS.get(kind_name) if isinstance(kind_name, str) else None
    common = {k: v for k, v in data.items() if k in COMMON_RULE_KEYS}
    options: CheckOptions = CheckOptions()
    if kind is None:
        errors.append(_kind_error(data, path, kind_name))
        known = [*COMMON_RULE_KEYS, *_keys_of(Example), "flagged", "clean"]
    else:
        known = [*COMMON_RULE_KEYS, *_keys_of(kind.Options), *_keys_of(Example), "flagged", "clean"]
        own = {k: v for k, v in data.items() if k not in COMMON_RULE_KEYS}
        if overrides:
            # A project's override is checked on its own first, so a mistake in it is reported
            # at the project config, not at the rule file it would have changed.
            own.update(overrides)
        try:
            options = kind.Options.model_validate(own, context={"rule_path": path, "overridden": frozenset(overrides or ())})
        except ValidationError as exc:
            overridden = {}
            for err in exc.errors():
                if overrides and err["loc"] and err["loc"][0] in overrides:
                    overridden.setdefault(err["loc"][0], OverrideError(str(err["loc"][0]), _problem(exc, err, known)))
            errors += [*overridden.values(), *_validation_errors(exc, data, path, known, skip=overrides or {})]
    rule = None
    try:
        rule = Rule.model_validate({**common, "options": options, "path": path})
    except ValidationError as exc:
        # Without a known kind, `check` was reported above, with the kinds there are.
        errors += _validation_errors(exc, data, path, known, skip=frozenset({"check"}) if kind is None else frozenset())
    message = data.get("message")
    if isinstance(message, str) and kind is not None:
        line = data.key_lines.get("message") if isinstance(data, LineDict) else None
        try:
            unknown = _template_names(message) - set(kind.MESSAGE_ARGS)
        except ValueError as exc:
            errors.append(ConfigError(path, line, "message", f"bad message template: {exc}"))
        else:
            if unknown:
                offered = ", ".join(sorted(kind.MESSAGE_ARGS)) or "none"
                errors.append(ConfigError(path, line, "message", f"unknown placeholder {{{min(unknown)}}}; this kind offers: {offered}"))
    if errors:
        raise ConfigError.all_of(_in_line_order(errors))
    assert rule is not None
    rule._example_lines.update(_flat_lines(data.get("examples"), "examples"))
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


_NO_RULE = "defines no rule: a rule file is a YAML mapping with name, check, severity, message and description"


def read_rule_file(path: Path, overrides: dict[str, dict[str, Any]] | None = None) -> Rule:
    """One rule from its file. A file that holds no rule (empty, a list, stray text) is a
    mistake, named as such; on any mistake the ConfigError carries `rule_name` (the rule's
    name when the file gives one) so load_rules knows the name exists."""
    try:
        text = read_rule_text(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), None, None, f"cannot read rule file: {exc}") from None
    data = load_yaml(text, str(path))
    if data is None:
        raise ConfigError(str(path), None, None, f"{_NO_RULE}; this file is empty")
    if not isinstance(data, dict):
        what = "a list" if isinstance(data, list) else "a single value, not keys"
        raise ConfigError(str(path), getattr(data, "line", 1), None, f"{_NO_RULE}; this file holds {what}")
    name = data.get("name")
    name = name if isinstance(name, str) else None
    try:
        return rule_from_data(data, str(path), (overrides or {}).get(name) if name else None)
    except ConfigError as exc:
        for e in exc.errors:
            if isinstance(e, OverrideError):
                e.rule = str(name)
        exc.rule_name = name  # type: ignore[attr-defined]
        raise


def rule_files(location: Path) -> list[Path]:
    if location.is_dir():
        return sorted(p for p in location.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    return [location]


# A rule's own keys: a file in a rules folder with none of them at its top level is data.
_RULE_KEYS = frozenset({"name", "check", "severity", "message", "description"})
_TOP_LEVEL_KEY = regex.compile(r"^([A-Za-z_][\w-]*)[ \t]*:", regex.M)


def is_rule_file(path: Path) -> bool:
    """Whether a YAML file found in a rules folder is read as a rule.

    Data files beside rules (phrase lists, romanisation dictionaries) are mappings none of
    whose top-level keys is a rule's own (name, check, severity, message, description). Every
    other file is a rule, so that a mistake in it is reported rather than passed over: a rule
    that lacks `check:`, an empty file, a list, stray text. A file named on the command line or
    in the config's `rules` is always read as a rule.
    """
    try:
        text = read_rule_text(path)  # noted for the rule cache: a skipped file may become a rule
    except (OSError, UnicodeDecodeError):
        return True  # read as a rule, so the problem is reported
    keys = set(_TOP_LEVEL_KEY.findall(text))
    if not keys:
        # Flow style ({"name": ...}, JSON-like) or no mapping at all: look at what it holds.
        import yaml

        from .yaml_bounds import BoundedCSafeLoader, BoundedSafeLoader

        try:
            data = yaml.load(text, Loader=BoundedCSafeLoader or BoundedSafeLoader)
        except yaml.YAMLError:
            return True
        keys = {k for k in data if isinstance(k, str)} if isinstance(data, dict) and data else set()
        if not keys:
            return True
    return bool(keys & _RULE_KEYS)


def rule_locations(config: ProjectConfig, extra: list[Path] = ()) -> list[Path]:
    """Where rules are read from, in order: the shipped rules, the config's `rules`, `extra`."""
    base = Path(config.path).parent if config.path else Path.cwd()
    return [default_rules_dir()] + [base / p for p in config.rules] + list(extra)


def load_rules(config: ProjectConfig, extra: list[Path] = ()) -> list[Rule]:
    """The default rules, then the config's `rules` entries, then `extra` (command line).

    A later rule of the same name replaces an earlier one, so a project can redefine a
    shipped rule by writing its own file with that name. Every mistake in every rule file (and
    every name the config gives that no rule has) is collected, then raised as one ConfigError.
    """
    by_name: dict[str, Rule] = {}
    broken: set[str] = set()  # names of rules whose files have mistakes: not "no rule named"
    errors: list[ConfigError] = []
    for location in rule_locations(config, extra):
        if not location.exists():
            errors.append(ConfigError(config.path or "<command line>", None, "rules", f"no such rule file or folder: {location}"))
            continue
        named = not location.is_dir()
        for path in rule_files(location):
            if not named and not is_rule_file(path):
                continue
            try:
                rule = read_rule_file(path, config.options)
            except ConfigError as exc:
                errors += [_placed_in_config(e, config) for e in exc.errors]
                broken.add(getattr(exc, "rule_name", None) or "")
                continue
            by_name[rule.name] = rule
    names = sorted(set(by_name) | broken - {""})
    for name in config.options:
        if name not in by_name and name not in broken:
            key = f"options.{name}"
            errors.append(ConfigError(config.path or "<config>", config.line(key), key, _no_rule_named(name, names)))
    for list_name in ("select", "ignore"):
        for i, name in enumerate(getattr(config, list_name)):
            if name not in by_name and name not in PSEUDO_RULES and name not in broken:
                key = f"{list_name}[{i}]"
                errors.append(ConfigError(config.path or "<config>", config.line(key), list_name, _no_rule_named(name, names)))
    if errors:
        raise ConfigError.all_of(errors)
    if config.severity:
        by_name = {
            name: rule.model_copy(update={"severity": config.severity.get(name, rule.severity)})
            for name, rule in by_name.items()
        }
    return list(by_name.values())


def _placed_in_config(error: ConfigError, config: ProjectConfig) -> ConfigError:
    """A mistake in a project's option override is named at the config's line."""
    if not isinstance(error, OverrideError):
        return error
    key = f"options.{error.rule}.{error.key}"
    return ConfigError(config.path or "<config>", config.line(key), key, error.problem)


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


def _role_errors(fields: Any, path: str, line_for: Any) -> list[ConfigError]:
    """An unknown role in `fields` is named at its own line, with the roles there are."""
    from .readers.fields import ROLES

    if not isinstance(fields, dict):
        return []
    return [
        ConfigError(path, line_for(f"fields.{role}"), f"fields.{role}", f"unknown field role {role!r}; roles: {', '.join(ROLES)}")
        for role in fields if role not in ROLES
    ]


def _config_validation_errors(exc: ValidationError, data: Any, role_errors: list[ConfigError]) -> list[dict[str, Any]]:
    """pydantic's errors, less the unknown roles already named one by one."""
    return [e for e in _first_union_member(exc.errors(), data) if not (role_errors and tuple(e["loc"]) == ("fields",) and e["type"] == "value_error")]


def config_from_data(data: Any, path: str) -> ProjectConfig:
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(path, getattr(data, "line", None), None, "the config must be a mapping of keys (rules, select, ...)")
    lines = _flat_lines(data)
    errors = _role_errors(data.get("fields"), path, lines.get)
    try:
        config = ProjectConfig.model_validate({**data, "path": path})
    except ValidationError as exc:
        known = _keys_of(ProjectConfig)
        seen = {(e.line, e.key) for e in errors}
        for err in _config_validation_errors(exc, data, errors):
            line, key = line_of(data, tuple(err["loc"]))
            if (line, key) not in seen:
                seen.add((line, key))
                errors.append(ConfigError(path, line, key, _problem(exc, err, known, data)))
        raise ConfigError.all_of(_in_line_order(errors)) from None
    if errors:
        raise ConfigError.all_of(_in_line_order(errors))
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
        errors = _role_errors(table.get("fields"), str(path), lambda key: lines.get(key) or lines.get("fields"))
        try:
            config = ProjectConfig.model_validate({**table, "path": str(path)})
        except ValidationError as exc:
            seen: set[str] = set()
            for err in _config_validation_errors(exc, table, errors):
                key = ".".join(str(p) for p in err["loc"] if not (isinstance(p, str) and is_type_tag(p)))
                if key not in seen:
                    seen.add(key)
                    line = lines.get(key) or lines.get(key.split(".")[0])
                    errors.append(ConfigError(str(path), line, f"tool.newslint.{key}", _problem(exc, err, _keys_of(ProjectConfig), table)))
            raise ConfigError.all_of(_in_line_order(errors)) from None
        if errors:
            raise ConfigError.all_of(_in_line_order(errors))
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
