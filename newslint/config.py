"""Rule files and the project config: pydantic models, YAML loading, discovery, clear errors.

Everything here is read once per run and frozen. A mistake in any file stops the run with
exit status 2 and a message naming the file, the line and the key (ConfigError).
"""

from __future__ import annotations

import string
import sys
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .checks import KINDS
from .checks.base import CheckOptions, kebab
from .yamlload import ConfigError, LineDict, line_of, load_yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

Severity = Literal["error", "warning", "info"]
RULE_NAME = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
COMMON_RULE_KEYS = ("name", "check", "severity", "message", "description", "examples", "enabled")
CONFIG_NAMES = ("newslint.yaml", ".newslint.yaml")


def default_rules_dir() -> Path:
    """The shipped rule set: inside the installed package, or the repository's rules/ when run
    from a source checkout (an editable install leaves the package data in the repository)."""
    here = Path(__file__).resolve().parent
    packaged = here / "rules"
    return packaged if packaged.is_dir() else here.parent / "rules"


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", alias_generator=kebab, populate_by_name=True)


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
    examples: Examples = Examples()
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

    @field_validator("fields")
    @classmethod
    def _known_roles(cls, value: dict[str, str | list[str]]) -> dict[str, str | list[str]]:
        from .readers.fields import ROLES

        for role in value:
            if role not in ROLES:
                raise ValueError(f"unknown field role {role!r}; roles: {', '.join(ROLES)}")
        return value

    def field_aliases(self) -> dict[str, list[str]]:
        return {role: [keys] if isinstance(keys, str) else list(keys) for role, keys in self.fields.items()}


def _raise_validation(exc: ValidationError, data: Any, path: str, prefix: tuple[Any, ...] = ()) -> None:
    err = exc.errors()[0]
    loc = prefix + tuple(p for p in err["loc"] if not (isinstance(p, str) and p in ("function-after",)))
    line, key = line_of(data, loc)
    msg = err["msg"].removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        msg = "unknown key"
    elif err["type"] == "missing":
        msg = "required key is missing"
    raise ConfigError(path, line, key, msg) from None


def _template_names(template: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


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
        raise ConfigError(path, line, "check", f"{problem}; known kinds: {known}")
    own = {k: v for k, v in data.items() if k not in COMMON_RULE_KEYS}
    own.update(overrides or {})
    try:
        options = kind.Options.model_validate(own)
    except ValidationError as exc:
        _raise_validation(exc, data, path)
    common = {k: v for k, v in data.items() if k in COMMON_RULE_KEYS}
    try:
        rule = Rule.model_validate({**common, "options": options, "path": path})
    except ValidationError as exc:
        _raise_validation(exc, data, path)
    try:
        unknown = _template_names(rule.message) - set(kind.MESSAGE_ARGS)
    except ValueError as exc:
        line = data.key_lines.get("message") if isinstance(data, LineDict) else None
        raise ConfigError(path, line, "message", f"bad message template: {exc}") from None
    if unknown:
        line = data.key_lines.get("message") if isinstance(data, LineDict) else None
        known = ", ".join(sorted(kind.MESSAGE_ARGS)) or "none"
        raise ConfigError(path, line, "message", f"unknown placeholder {{{sorted(unknown)[0]}}}; this kind offers: {known}")
    return rule


def read_rule_file(path: Path, overrides: dict[str, dict[str, Any]] | None = None) -> Rule:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), None, None, f"cannot read rule file: {exc}") from None
    data = load_yaml(text, str(path))
    name = data.get("name") if isinstance(data, dict) else None
    return rule_from_data(data, str(path), (overrides or {}).get(name) if isinstance(name, str) else None)


def rule_files(location: Path) -> list[Path]:
    if location.is_dir():
        return sorted(p for p in location.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    return [location]


def is_rule_file(path: Path) -> bool:
    """Data files beside rules (the romanisation dictionary) carry no `check:` key."""
    try:
        head = path.read_text(encoding="utf-8", errors="replace")[:4096]
    except OSError:
        return True
    return any(line.startswith("check:") for line in head.splitlines())


def load_rules(config: ProjectConfig, extra: list[Path] = ()) -> list[Rule]:
    """The default rules, then the config's `rules` entries, then `extra` (command line).

    A later rule of the same name replaces an earlier one, so a project can redefine a
    shipped rule by writing its own file with that name.
    """
    base = Path(config.path).parent if config.path else Path.cwd()
    locations = [default_rules_dir()] + [base / p for p in config.rules] + list(extra)
    by_name: dict[str, Rule] = {}
    for location in locations:
        if not location.exists():
            raise ConfigError(config.path or "<command line>", None, "rules", f"no such rule file or folder: {location}")
        for path in rule_files(location):
            if not is_rule_file(path):
                continue
            rule = read_rule_file(path, config.options)
            by_name[rule.name] = rule
    for name in config.options:
        if name not in by_name:
            raise ConfigError(config.path or "<config>", None, f"options.{name}", "no rule of that name")
    if config.severity:
        by_name = {
            name: rule.model_copy(update={"severity": config.severity.get(name, rule.severity)})
            for name, rule in by_name.items()
        }
    return list(by_name.values())


def select_rules(rules: list[Rule], select: list[str], ignore: list[str]) -> list[Rule]:
    names = {r.name for r in rules}
    for name in [*select, *ignore]:
        if name not in names and name != "input-error":
            raise ConfigError("<selection>", None, name, f"no rule named {name!r}; see `newslint rules`")
    chosen = [r for r in rules if (r.name in select if select else r.enabled) and r.name not in ignore]
    return chosen


def config_from_data(data: Any, path: str) -> ProjectConfig:
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(path, getattr(data, "line", None), None, "the config must be a mapping")
    try:
        return ProjectConfig.model_validate({**data, "path": path})
    except ValidationError as exc:
        _raise_validation(exc, data, path)
        raise  # unreachable


def _toml_key_line(text: str, key: str | None) -> int | None:
    if not key:
        return None
    head = key.split(".")[0]
    in_table = False
    for n, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            in_table = stripped.startswith("[tool.newslint")
            continue
        if in_table and stripped.split("=")[0].strip().strip('"') == head:
            return n
    return None


def read_config(path: Path) -> ProjectConfig:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), None, None, f"cannot read config: {exc}") from None
    if path.name == "pyproject.toml":
        try:
            table = tomllib.loads(text).get("tool", {}).get("newslint", {})
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(str(path), None, None, f"invalid TOML: {exc}") from None
        try:
            return ProjectConfig.model_validate({**table, "path": str(path)})
        except ValidationError as exc:
            err = exc.errors()[0]
            key = ".".join(str(p) for p in err["loc"])
            msg = "unknown key" if err["type"] == "extra_forbidden" else err["msg"].removeprefix("Value error, ")
            raise ConfigError(str(path), _toml_key_line(text, key), f"tool.newslint.{key}", msg) from None
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
                if "newslint" in tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}):
                    return pyproject
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue
    return None


def load_config(explicit: Path | None, cwd: Path) -> ProjectConfig:
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(str(explicit), None, None, "config file not found")
        return read_config(explicit)
    found = find_config(cwd.resolve())
    return read_config(found) if found else ProjectConfig()
