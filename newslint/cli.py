"""Command line: parse arguments, load config and rules, run, print, choose the exit status.

Exit status: 0 no violation at or above the fail level, 1 some, 2 a usage or configuration error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .article import Violation
from .config import ConfigError, ProjectConfig, Rule, load_config, load_rules, select_rules
from .engine import Engine, discover, fails
from .formatters import FORMATTERS
from .formatters.report import Report

EXIT_OK, EXIT_VIOLATIONS, EXIT_USAGE = 0, 1, 2


def _names(value: str) -> list[str]:
    return [n.strip() for n in value.split(",") if n.strip()]


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="newslint",
        description="A data-quality linter for scraped news. "
        "`newslint PATH...` checks articles; `newslint rules` lists the active rules.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to check; '-' reads standard input")
    p.add_argument("--format", choices=sorted(FORMATTERS), default=None, help="output format (default: text)")
    p.add_argument("--select", type=_names, default=None, metavar="RULES", help="check only these rules (comma-separated)")
    p.add_argument("--ignore", type=_names, default=None, metavar="RULES", help="skip these rules (comma-separated)")
    p.add_argument("--fail-on", choices=("error", "warning", "info"), default=None,
                   help="lowest severity that makes the exit status 1 (default: warning)")
    p.add_argument("--config", type=Path, default=None, metavar="FILE",
                   help="project config (default: nearest newslint.yaml, .newslint.yaml or pyproject.toml [tool.newslint])")
    p.add_argument("--rules", type=Path, action="append", default=[], metavar="PATH",
                   help="extra rule file or folder (repeatable)")
    p.add_argument("--stdin-filename", default=None, metavar="NAME",
                   help="name (and so format) of what '-' reads, e.g. batch.jsonl (default: stdin.txt)")
    p.add_argument("--quiet", "-q", action="store_true", help="print findings only, no summary")
    p.add_argument("--version", action="version", version=f"newslint {__version__}")
    return p


def _load(args: argparse.Namespace) -> tuple[ProjectConfig, list[Rule]]:
    config = load_config(args.config, Path.cwd())
    rules = load_rules(config, args.rules)
    select = args.select if args.select is not None else config.select
    ignore = (args.ignore or []) + config.ignore
    return config, select_rules(rules, select, ignore)


def list_rules(rules: list[Rule]) -> str:
    width = max((len(r.name) for r in rules), default=4)
    lines = [f"{'rule'.ljust(width)}  severity  description"]
    for r in sorted(rules, key=lambda r: r.name):
        first = r.description.strip().splitlines()[0] if r.description.strip() else ""
        lines.append(f"{r.name.ljust(width)}  {r.severity.ljust(8)}  {first}")
    return "\n".join(lines) + "\n"


def run(argv: list[str]) -> int:
    parser = build_parser()
    if argv[:1] == ["rules"] and len([a for a in argv if not a.startswith("-")]) == 1:
        args = parser.parse_args(argv[1:])
        try:
            _, rules = _load(args)
        except ConfigError as exc:
            print(f"newslint: {exc}", file=sys.stderr)
            return EXIT_USAGE
        sys.stdout.write(list_rules(rules))
        return EXIT_OK

    args = parser.parse_args(argv)
    if not args.paths:
        parser.print_usage(sys.stderr)
        print("newslint: error: give at least one PATH (a file, a folder, or - for standard input)", file=sys.stderr)
        return EXIT_USAGE
    try:
        config, rules = _load(args)
    except ConfigError as exc:
        print(f"newslint: {exc}", file=sys.stderr)
        return EXIT_USAGE

    missing = [p for p in args.paths if p != "-" and not Path(p).exists()]
    if missing:
        print(f"newslint: error: no such file or folder: {missing[0]}", file=sys.stderr)
        return EXIT_USAGE

    engine = Engine(rules, config.field_aliases())
    violations: list[Violation] = []
    for given in args.paths:
        if given == "-":
            name = args.stdin_filename or "stdin.txt"
            violations.extend(engine.check_stdin(sys.stdin.buffer.read(), name))
            continue
        for path, shown in discover([Path(given)], config.exclude):
            violations.extend(engine.check_file(path, shown))
    violations.extend(engine.finish())
    violations.sort(key=Violation.sort_key)

    fmt = args.format or "text"
    report = Report(engine.stats.files, engine.stats.articles, rules,
                    color=False, quiet=args.quiet)
    sys.stdout.write(FORMATTERS[fmt].render(violations, report))
    fail_on = args.fail_on or config.fail_on
    return EXIT_VIOLATIONS if fails(violations, fail_on) else EXIT_OK


def main(argv: list[str] | None = None) -> int:
    try:
        return run(sys.argv[1:] if argv is None else argv)
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
