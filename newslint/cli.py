"""Command line: parse arguments, load config and rules, run, print, choose the exit status.

Exit status: 0 no violation at or above the fail level, 1 some, 2 a usage or configuration error,
or a run that could not finish: standard output could not be written, or an internal error (a
bug in newslint: one `newslint: internal error: ...` line, then the traceback; see guard.py).
`newslint show`: 0, or 1 when an input could not be read (an input-error was printed), 2 likewise.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__, ray_command, runner
from .article import Violation
from .article_log import ArticleLog
from .builtin_rules import BUILTIN_RULES
from .cache import ResultCache
from .config import ConfigError, ProjectConfig, Rule, load_config, load_rules, select_rules
from .engine import NOTHING_TO_CHECK, Engine, fails
from .file_kinds import special_file
from .formatters import FORMATTERS, statistics
from .formatters.report import Report
from .guard import guarded
from .progress import for_run as progress_for_run
from .readers import format_of, read_bytes
from .readers.stdin import read_stdin, stdin_name
from .rule_cache import load_rules_cached
from .workflow.baseline import Baseline, write_baseline
from .workflow.suppression import UNUSED, Suppressions

EXIT_OK, EXIT_VIOLATIONS, EXIT_USAGE = 0, 1, 2


def _names(value: str) -> list[str]:
    return [n.strip() for n in value.split(",") if n.strip()]


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="newslint",
        description="A data-quality linter for scraped news. "
        "`newslint PATH...` checks articles; `newslint rules` lists the active rules; "
        "`newslint rule NAME` explains one; `newslint show PATH...` prints each article as the rules see it; "
        "`newslint clean` deletes the cache folder.",
        epilog="To check a folder called rules, show or clean, write ./rules, ./show or ./clean.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to check; '-' reads standard input")
    p.add_argument("--format", choices=sorted(FORMATTERS), default=None,
                   help="output format (default: text; github when GITHUB_ACTIONS=true)")
    p.add_argument("--select", type=_names, default=None, metavar="RULES", help="check only these rules (comma-separated)")
    p.add_argument("--ignore", type=_names, default=None, metavar="RULES", help="skip these rules (comma-separated)")
    p.add_argument("--fail-on", choices=("error", "warning", "info"), default=None,
                   help="lowest severity that makes the exit status 1 (default: warning)")
    p.add_argument("--config", type=Path, default=None, metavar="FILE",
                   help="project config (default: nearest newslint.yaml, .newslint.yaml or pyproject.toml [tool.newslint])")
    p.add_argument("--rules", type=Path, action="append", default=[], metavar="PATH",
                   help="extra rule file or folder (repeatable)")
    p.add_argument("--stdin-filename", default=None, metavar="NAME",
                   help="name (and so format) of what '-' reads, e.g. batch.jsonl (default: stdin.json, "
                   "stdin.jsonl, stdin.html or stdin.txt, by how the data begins)")
    p.add_argument("--output", "-o", type=Path, default=None, metavar="FILE",
                   help="write the findings (or --statistics) to FILE instead of standard output")
    p.add_argument("--quiet", "-q", action="store_true", help="print findings only, no summary and no progress")
    p.add_argument("--no-progress", action="store_true",
                   help="never show progress on standard error (shown on a terminal for runs over a few hundred articles)")
    p.add_argument("--statistics", action="store_true",
                   help="print a count per rule (most frequent first) instead of the findings")
    p.add_argument("--fail-on-empty", action="store_true",
                   help="exit 2 when the paths hold no file to check (default: a warning on standard error, exit 0)")
    fixing = p.add_argument_group("fixing and accepting findings")
    fixing.add_argument("--fix", action="store_true", help="apply the safe fixes in place, then report what is left")
    fixing.add_argument("--unsafe-fixes", action="store_true",
                        help="with --fix or --diff, also apply fixes that may remove real content (promo blocks)")
    fixing.add_argument("--diff", action="store_true",
                        help="print a unified diff of what --fix would change and write nothing (exit 1 if there is any)")
    fixing.add_argument("--baseline", type=Path, default=None, metavar="FILE",
                        help="hide the findings recorded in this baseline file")
    fixing.add_argument("--write-baseline", type=Path, default=None, metavar="FILE",
                        help="record the current findings in this baseline file and exit 0")
    fixing.add_argument("--report-unused", action="store_true",
                        help="report suppression comments, newslint_ignore entries and baseline entries that hid nothing")
    p.add_argument("--check", action="store_true",
                   help="with `newslint rules`: run every rule's examples and name each wrong one (exit 1 if any)")
    scale = p.add_argument_group("speed")
    scale.add_argument("--jobs", "-j", type=_jobs, default=None, metavar="N",
                       help="check files in N processes (default: the number of cores; 1: in this process); "
                       "the output is the same whatever N")
    scale.add_argument("--no-cache", action="store_true", help="neither read nor write the caches (results, loaded rules)")
    scale.add_argument("--cache-dir", type=Path, default=None, metavar="DIR",
                       help="where the caches live (default: .newslint_cache beside the project config, "
                       "else in the current folder; or NEWSLINT_CACHE_DIR)")
    p.add_argument("--version", action="version", version=f"newslint {__version__}")
    ray_command.add_arguments(p)
    return p


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of processes, got {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more processes, got {n}")
    return n


def _load(args: argparse.Namespace) -> tuple[ProjectConfig, list[Rule]]:
    config = load_config(args.config, Path.cwd())
    rules = load_rules_cached(config, args.rules, use_cache=not getattr(args, "no_cache", False),
                              root=getattr(args, "cache_dir", None))
    args.known_rules = [r.name for r in rules]  # suppressions naming no rule at all are reported
    select = args.select if args.select is not None else config.select
    ignore = (args.ignore or []) + config.ignore
    args.ignored = frozenset(ignore)  # also hides the readers' input-error when named
    return config, select_rules(rules, select, ignore)


def first_sentence(text: str, limit: int = 100) -> str:
    """The description's first sentence on one line, for a one-line-a-rule listing."""
    paragraph = " ".join(text.strip().split("\n\n")[0].split())
    end = paragraph.find(". ")
    sentence = paragraph if end == -1 else paragraph[: end + 1]
    return sentence if len(sentence) <= limit else sentence[: limit - 3].rstrip() + "..."


def list_rules(rules: list[Rule]) -> str:
    width = max((len(r.name) for r in rules), default=4)
    lines = [f"{'rule'.ljust(width)}  severity  description"]
    for r in sorted(rules, key=lambda r: r.name):
        lines.append(f"{r.name.ljust(width)}  {r.severity.ljust(8)}  {first_sentence(r.description)}")
    return "\n".join(lines) + "\n"


def default_format() -> str:
    """GitHub Actions sets GITHUB_ACTIONS=true: annotate the changed files there by default."""
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def use_color() -> bool:
    """Colour on a terminal only; NO_COLOR (https://no-color.org) turns it off, FORCE_COLOR on."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def explain_rule(args: argparse.Namespace) -> int:
    """`newslint rule NAME`: a rule's description, options and examples (any loaded rule,
    also one that select/ignore leaves out, which it says). args.paths is ["rule", NAME]."""
    if len(args.paths) != 2:
        print("newslint: error: usage: newslint rule NAME (see `newslint rules` for the names)", file=sys.stderr)
        return EXIT_USAGE
    name = args.paths[1]
    try:
        config = load_config(args.config, Path.cwd())
        rules = load_rules(config, args.rules)
        select = args.select if args.select is not None else config.select
        active = {r.name for r in select_rules(rules, select, (args.ignore or []) + config.ignore)}
    except ConfigError as exc:
        sys.stderr.write(exc.report())
        return EXIT_USAGE
    from . import explain  # only `newslint rule` explains (imported here: it costs start-up time)

    by_name = {r.name: r for r in rules}
    if name in by_name:
        sys.stdout.write(explain.describe(by_name[name], active=name in active))
        return EXIT_OK
    if name in BUILTIN_RULES:
        sys.stdout.write(explain.describe_builtin(name))
        return EXIT_OK
    near = explain.near_names(name, [*by_name, *BUILTIN_RULES])
    hint = f"; did you mean: {', '.join(near)}?" if near else "; see `newslint rules` for the names"
    print(f"newslint: error: no rule named {name!r}{hint}", file=sys.stderr)
    return EXIT_USAGE


def build_show_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="newslint show",
        description="Print each article as the rules see it: path, record, title, dates, URL, source "
        "and the body text the rules check (with the config's `fields` mapping applied). Nothing is checked.",
        epilog="Exit status: 0; 1 when an input could not be read (its input-error is printed on "
        "standard error and the other articles are still shown); 2 for a usage or configuration error.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to read; '-' reads standard input")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="text (default) for reading; json: an array of objects with path, record, title, "
                   "published, modified, url, source, body")
    p.add_argument("--config", type=Path, default=None, metavar="FILE",
                   help="project config (default: nearest newslint.yaml, .newslint.yaml or pyproject.toml [tool.newslint])")
    p.add_argument("--stdin-filename", default=None, metavar="NAME",
                   help="name (and so format) of what '-' reads, e.g. batch.jsonl (default: stdin.json, "
                   "stdin.jsonl, stdin.html or stdin.txt, by how the data begins)")
    return p


def _paths_given(parser: argparse.ArgumentParser, paths: list[str]) -> bool:
    if not paths:
        parser.print_usage(sys.stderr)
        print("newslint: error: give at least one PATH (a file, a folder, or - for standard input)", file=sys.stderr)
    return bool(paths)


def _paths_exist(paths: list[str]) -> bool:
    missing = [p for p in paths if p != "-" and not Path(p).exists()]
    if missing:
        print(f"newslint: error: no such file or folder: {missing[0]}", file=sys.stderr)
        return False
    for p in paths:
        kind = special_file(p) if p != "-" else None
        if kind:  # reading it could wait forever (a pipe) or never end (a device)
            print(f"newslint: error: {p} is {kind}: newslint reads regular files and folders "
                  "(pipe data in with - and --stdin-filename)", file=sys.stderr)
            return False
    return True


def show_articles(argv: list[str]) -> int:
    """`newslint show PATH...`: the articles the readers make of the inputs (newslint/show.py)."""
    parser = build_show_parser()
    args = parser.parse_args(argv)
    if not _paths_given(parser, args.paths):
        return EXIT_USAGE
    try:
        config = load_config(args.config, Path.cwd())
    except ConfigError as exc:
        sys.stderr.write(exc.report())
        return EXIT_USAGE
    if not _paths_exist(args.paths):
        return EXIT_USAGE
    from . import show

    stdin = read_stdin() if "-" in args.paths else b""
    args.stdin_filename = stdin_name(stdin, args.stdin_filename)
    unreadable = show.show(args.paths, config, args.format, sys.stdout, sys.stderr,
                           stdin, args.stdin_filename or "stdin.txt")
    return EXIT_VIOLATIONS if unreadable else EXIT_OK


def _lint(args: argparse.Namespace, config: ProjectConfig, rules: list[Rule], baseline: Baseline | None,
          stdin: bytes, log: ArticleLog | None = None) -> tuple[runner.RunResult, list[Violation], list[str], dict[str, Path]]:
    """One pass over the inputs (newslint/runner.py): the findings no suppression hides, the
    files checked (as shown) and where each file is. With a `log`, each article's summary is
    kept in it and each finding keeps the text around it (for --format html)."""
    suppressions = Suppressions(baseline, [r.name for r in rules], getattr(args, "known_rules", None),
                                getattr(args, "ignored", ()))
    cache = None if args.no_cache else ResultCache.for_run(args.cache_dir, config, rules)
    progress = progress_for_run(args.paths, config.exclude, args.quiet, args.no_progress)
    try:
        run = runner.lint(args.paths, config, rules, suppressions, stdin=stdin,
                          stdin_name=args.stdin_filename or "stdin.txt",
                          jobs=args.jobs or runner.default_jobs(), cache=cache,
                          ignored=getattr(args, "ignored", frozenset()), report_unused=args.report_unused,
                          progress=progress, article_log=log)
    finally:
        progress.close()
    return run, run.violations, run.checked, run.files


def _relint(args: argparse.Namespace, config: ProjectConfig, rules: list[Rule], baseline: Baseline | None):
    """Checks one file's new text in memory while --fix works on it (no cross-article rules)."""
    engine = Engine(rules, config.field_aliases(), skip_ignored=False, cross_article=False)
    names = [r.name for r in rules]

    def relint(display: str, data: bytes) -> list[Violation]:
        suppressions = Suppressions(baseline, names)
        engine.on_article = suppressions.observe
        found = engine.check_items(read_bytes(display, data, format_of(display) or ".txt", engine.aliases))
        return suppressions.apply(found)

    return relint


def rules_command(args: argparse.Namespace) -> int:
    """`newslint rules`: the active rules; with --check, every rule's examples run (the rules
    --select names, else every loaded rule less --ignore, disabled ones included)."""
    try:
        config = load_config(args.config, Path.cwd())
        loaded = load_rules(config, args.rules)
        select = args.select if args.select is not None else config.select
        ignore = (args.ignore or []) + config.ignore
        active = select_rules(loaded, select, ignore)
    except ConfigError as exc:
        sys.stderr.write(exc.report())
        return EXIT_USAGE
    if not args.check:
        sys.stdout.write(list_rules(active))
        return EXIT_OK
    from . import rule_examples

    checked = active if select else [r for r in loaded if r.name not in ignore]
    wrong, total = rule_examples.check_examples(checked)
    sys.stdout.write(rule_examples.report(wrong, total, len(checked)))
    return EXIT_VIOLATIONS if wrong else EXIT_OK


def _subcommand_at(parser: argparse.ArgumentParser, argv: list[str], name: str) -> int | None:
    """Where `name` stands in argv as the first PATH, with only options before it (`newslint
    --config X show PATH`); None when it is an option's value or a PATH comes first."""
    parser.exit_on_error = False
    try:
        for i, arg in enumerate(argv):
            if arg == "--":
                return None
            if arg != name:
                continue
            try:
                before, _ = parser.parse_known_args(argv[:i])
            except argparse.ArgumentError:
                continue  # the option before it takes it as its value (`--select show`)
            return i if not before.paths else None
        return None
    finally:
        parser.exit_on_error = True


def run(argv: list[str]) -> int:
    parser = build_parser()
    at = _subcommand_at(parser, argv, "show")
    if at is not None:
        # the options before `show` are show's too (`newslint --config X show PATH`)
        return show_articles(argv[:at] + argv[at + 1 :])

    args = parser.parse_args(argv)
    # `newslint [OPTIONS] rules [OPTIONS]` lists the rules; with further paths, `rules` is a
    # folder to check (write `./rules` to check a folder of that name on its own).
    if args.paths == ["rules"]:
        return rules_command(args)
    if args.paths[:1] == ["rule"]:
        return explain_rule(args)
    if args.paths == ["clean"]:  # (write `./clean` to check a folder of that name)
        from . import clean_command

        return clean_command.run(args)
    if args.check:
        print("newslint: error: --check goes with `newslint rules` (it runs the rules' examples)", file=sys.stderr)
        return EXIT_USAGE
    if not _paths_given(parser, args.paths):
        return EXIT_USAGE
    try:
        config, rules = _load(args)
    except ConfigError as exc:
        sys.stderr.write(exc.report())
        return EXIT_USAGE
    if not _paths_exist(args.paths):
        return EXIT_USAGE

    if args.engine == "ray" or args.ray_output or args.ray_address:
        return ray_command.lint(args, config, rules)

    try:
        baseline = Baseline.load(args.baseline) if args.baseline and not args.write_baseline else None
    except ConfigError as exc:
        sys.stderr.write(exc.report())
        return EXIT_USAGE
    stdin = read_stdin() if "-" in args.paths else b""
    args.stdin_filename = stdin_name(stdin, args.stdin_filename)
    fmt = args.format or default_format()
    log = ArticleLog() if fmt == "html" and not args.statistics else None
    run_result, violations, checked, files = _lint(args, config, rules, baseline, stdin, log)
    if not checked:
        print(f"newslint: {'error' if args.fail_on_empty else 'warning'}: {NOTHING_TO_CHECK}", file=sys.stderr)
        if args.fail_on_empty:
            return EXIT_USAGE
    fixed = 0
    if args.fix or args.diff:
        from .workflow.fix import fix_files  # imported only by the runs that fix (it costs start-up time)

        outcome = fix_files(list(violations), files, _relint(args, config, rules, baseline),
                            args.unsafe_fixes, write=not args.diff,
                            stdin={args.stdin_filename or "stdin.txt": stdin} if "-" in args.paths else None)
        for note in outcome.notes:
            print(f"newslint: {note}", file=sys.stderr)
        if args.diff:
            sys.stdout.write(outcome.diff())
            return EXIT_VIOLATIONS if outcome.changed else EXIT_OK
        fixed = outcome.fixed
        if outcome.changed:  # report what is left, at its new place
            log = ArticleLog() if log is not None else None
            run_result, violations, checked, files = _lint(args, config, rules, baseline, stdin, log)
        violations = sorted([*violations, *outcome.errors], key=Violation.sort_key)  # files not rewritten
    if args.write_baseline:
        kept = [v for v in violations if v.rule != UNUSED]
        try:
            previous = Baseline.load(args.write_baseline) if args.write_baseline.is_file() else None
            n = write_baseline(args.write_baseline, kept, checked, [r.name for r in rules], previous)
        except ConfigError as exc:  # not a baseline, or a place no file can be written
            print(f"newslint: {exc}", file=sys.stderr)
            return EXIT_USAGE
        print(f"newslint: wrote {n} finding{'s' if n != 1 else ''} to {args.write_baseline}", file=sys.stderr)
        return EXIT_OK

    stats = run_result.stats
    report = Report(stats.files, stats.articles, rules, skipped=stats.skipped,
                    color=fmt == "text" and args.output is None and use_color(), quiet=args.quiet,
                    paths=tuple(checked), articles_log=log)
    failed = fails(violations, args.fail_on or config.fail_on)
    if args.statistics:
        found = list(violations)
        out = statistics.render_json(found) if fmt in ("json", "jsonl") else statistics.render_text(found)
        return _write_out(args, out, fixed, fmt, failed)
    formatter = FORMATTERS[fmt]
    if args.output is None and hasattr(formatter, "write"):  # a finding at a time: they may be read back from disk
        formatter.write(violations, report, sys.stdout)
        return _write_out(args, "", fixed, fmt, failed)
    return _write_out(args, formatter.render(list(violations), report), fixed, fmt, failed)


def _write_out(args: argparse.Namespace, out: str, fixed: int, fmt: str, failed: bool) -> int:
    """The report to standard output or --output, the fix count after it; the exit status."""
    if fixed:
        note = f"Fixed {fixed} violation{'s' if fixed != 1 else ''}.\n"
        if fmt == "text" and not args.quiet and args.output is None:
            out += note
        else:
            sys.stderr.write(note)
    if args.output is None:
        sys.stdout.write(out)
    else:
        try:
            args.output.write_text(out, encoding="utf-8")
        except OSError as exc:
            print(f"newslint: error: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_USAGE
    return EXIT_VIOLATIONS if failed else EXIT_OK


def main(argv: list[str] | None = None) -> int:
    return guarded(run, sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
