"""The command line of `--engine ray`: its options, and a run on Ray Data (newslint/ray.py)
printed as a local run is, with the same exit status. Ray is imported only by such a run."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .config import ProjectConfig, Rule
from .engine import discover, fails
from .formatters import FORMATTERS, statistics
from .formatters.report import Report


def add_arguments(parser: argparse.ArgumentParser) -> None:
    scale = parser.add_argument_group("running on Ray (pip install 'newslint[ray]')")
    scale.add_argument("--engine", choices=("local", "ray"), default="local",
                       help="local (default): this process; ray: Ray Data, on this machine or a cluster")
    scale.add_argument("--ray-address", default=None, metavar="ADDRESS",
                       help="join the Ray cluster at ADDRESS (default: RAY_ADDRESS, else start Ray here)")
    scale.add_argument("--ray-output", type=Path, default=None, metavar="DIR",
                       help="write the violations to DIR as part files and print only the summary")
    scale.add_argument("--ray-output-format", choices=("jsonl", "parquet"), default="jsonl",
                       help="format of the files --ray-output writes (default: jsonl)")


def lint(args: argparse.Namespace, config: ProjectConfig, rules: list[Rule]) -> int:
    """`--engine ray`: the same findings and exit status, computed by Ray Data (newslint/ray.py)."""
    from .cli import EXIT_OK, EXIT_USAGE, EXIT_VIOLATIONS, default_format, use_color
    if args.engine != "ray":
        print("newslint: error: --ray-address and --ray-output need --engine ray", file=sys.stderr)
        return EXIT_USAGE
    given = [name for name, on in (("--fix", args.fix), ("--diff", args.diff), ("--baseline", args.baseline),
                                   ("--write-baseline", args.write_baseline), ("--report-unused", args.report_unused),
                                   ("'-' (standard input)", "-" in args.paths)) if on]
    if given:
        print(f"newslint: error: --engine ray does not support {given[0]}; run without --engine ray", file=sys.stderr)
        return EXIT_USAGE
    try:
        from . import ray as on_ray  # imports Ray itself: only for the runs that ask for it
    except ImportError as exc:
        print(f"newslint: error: --engine ray needs Ray ({exc}): pip install 'newslint[ray]'", file=sys.stderr)
        return EXIT_USAGE
    files = [found for given in args.paths for found in discover([Path(given)], config.exclude)]
    result = on_ray.run_files(files, config, rules, getattr(args, "ignored", frozenset()), args.ray_address,
                              args.ray_output, args.ray_output_format)
    fail_on = args.fail_on or config.fail_on
    if result.violations is None:  # written to --ray-output: only the counts came back
        if not args.quiet:
            sys.stdout.write(result.summary(len(files), args.ray_output, args.ray_output_format) + "\n")
        return EXIT_VIOLATIONS if result.fails(fail_on) else EXIT_OK
    fmt = args.format or default_format()
    report = Report(len(files), result.articles, rules, skipped=result.skipped,
                    color=fmt == "text" and use_color(), quiet=args.quiet, paths=tuple(shown for _, shown in files))
    if args.statistics:
        sys.stdout.write(statistics.render_json(result.violations) if fmt in ("json", "jsonl")
                         else statistics.render_text(result.violations))
    else:
        sys.stdout.write(FORMATTERS[fmt].render(result.violations, report))
    return EXIT_VIOLATIONS if fails(result.violations, fail_on) else EXIT_OK
