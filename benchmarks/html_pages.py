"""HTML throughput of newslint on real saved pages, beside trafilatura's extraction on the same pages.

Page sets (gzipped pages in ../shared, relative to the repository root):

  web-boilerplate  ../shared/devset/web-boilerplate/pages   500 real pages, many languages
  aeb              ../shared/corpus/aeb/html                181 news pages

Every page is first gunzipped into a temporary folder as `NAME.html`, so no figure below includes
gunzip. Then, for each set, times:

  newslint reader   in one Python process, `newslint.readers.read_path` over every page, all items
                    consumed (file read, UTF-8 decoding, the HTML reader and its body extraction)
  newslint CLI      the real command line, `newslint --format json DIR`, every default rule on,
                    output discarded (process start-up is measured apart and printed below)
  trafilatura       `trafilatura.extract(text, ...)` alone, on the pages already read and decoded as
                    ../shared/devset/web-boilerplate/score.py's page_text does (reading and decoding
                    are not timed); with include_comments=False, include_tables=True, fast=True,
                    then the same with fast=False (trafilatura's default); skipped if not installed

and prints seconds, pages per second and MB per second (MB of decompressed HTML) for each.
The reader figure runs in a subprocess with PYTHONPATH at the code under test, so that
`--compare REV` times another git revision the same way: a temporary `git worktree` of REV
(removed afterwards, on error too) is put on PYTHONPATH for the reader and the CLI. Run:

    python benchmarks/html_pages.py                          # both sets, best of 3
    python benchmarks/html_pages.py --set aeb --limit 50 --repeat 1
    python benchmarks/html_pages.py --compare main           # before (main) and after, side by side
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from throughput import RUN_ENV, timed  # this folder's shared timing helpers (scripts run from here)

ROOT = Path(__file__).resolve().parent.parent
SETS = {
    "web-boilerplate": "../shared/devset/web-boilerplate/pages",
    "aeb": "../shared/corpus/aeb/html",
}
TRAFILATURA_OPTIONS = {"include_comments": False, "include_tables": True}

# As a user's install runs: with bytecode cached (see throughput.py).


def page_text(raw: bytes) -> str:
    """The page as a browser decodes it (a copy of score.py's page_text): a BOM, else valid UTF-8,
    else the charset the page declares in its first 20,000 bytes, else windows-1252."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    m = re.search(rb"""charset\s*=\s*["']?([-\w]+)""", raw[:20000], re.I)
    for enc in ([m.group(1).decode()] if m else []) + ["cp1252"]:
        try:
            return raw.decode(enc, errors="replace")
        except LookupError:
            continue
    return raw.decode("utf-8", errors="replace")


def unpack(source: Path, folder: Path, limit: int | None) -> tuple[int, int]:
    """Gunzip the first `limit` pages (by name) of `source` into `folder`; their total bytes and
    how many of them are not UTF-8."""
    pages = sorted(p for p in source.iterdir() if p.name.endswith(".gz"))[:limit]
    if not pages:
        raise SystemExit(f"no .gz pages in {source}")
    total = not_utf8 = 0
    for page in pages:
        data = gzip.decompress(page.read_bytes())
        (folder / page.name.removesuffix(".gz")).write_bytes(data)
        total += len(data)
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            not_utf8 += 1
    return total, not_utf8




# --- figure 1: the reader, in a worker process importing newslint from PYTHONPATH ---------------

def reader_worker(folder: Path, repeat: int, expect_root: Path) -> None:
    """Run in the subprocess: time read_path over every page, print the result as JSON."""
    import newslint
    from newslint.readers import read_path

    where = Path(newslint.__file__).resolve()
    if expect_root.resolve() not in where.parents:
        raise SystemExit(f"newslint imported from {where}, not from {expect_root}")
    files = sorted(folder.iterdir())
    counts: dict[str, int] = {}

    def read_all() -> None:
        counts.clear()
        for path in files:
            for item in read_path(path, path.name, {}):
                kind = type(item).__name__
                counts[kind] = counts.get(kind, 0) + 1

    for _ in read_path(files[0], files[0].name, {}):  # warm-up: first-use costs outside the timing
        pass
    print(json.dumps({"seconds": timed(read_all, repeat), "items": counts}))


def run_reader(code_root: Path, folder: Path, repeat: int) -> tuple[float, dict[str, int]]:
    env = dict(RUN_ENV, PYTHONPATH=str(code_root))
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--worker-reader", str(folder),
         "--repeat", str(repeat), "--worker-root", str(code_root)],
        capture_output=True, text=True, env=env, cwd=folder.parent,
    )
    if proc.returncode != 0:
        raise SystemExit(f"reader worker for {code_root} failed ({proc.returncode}): {proc.stderr[-800:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    return result["seconds"], result["items"]


# --- figure 2: the command line --------------------------------------------------------------------

def run_cli(code_root: Path, folder: Path) -> None:
    # cwd outside any repository, so neither `python -m` (which puts cwd first on sys.path) nor a
    # project config found from cwd decides what runs.
    env = dict(RUN_ENV, PYTHONPATH=str(code_root))
    # One process and no result cache, where the revision has them (older ones had neither).
    cli = (code_root / "newslint" / "cli.py").read_text(encoding="utf-8")
    serial = ["--jobs", "1", "--no-cache"] if "--no-cache" in cli else []
    proc = subprocess.run([sys.executable, "-m", "newslint", "--format", "json", *serial, str(folder)],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, cwd=folder.parent)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"newslint ({code_root}) failed ({proc.returncode}): {proc.stderr[-800:]}")


def startup(code_root: Path, scratch: Path) -> float:
    """What one `newslint` process costs before it reads anything (also warms the bytecode cache)."""
    empty = Path(tempfile.mkdtemp(dir=scratch))
    try:
        return timed(lambda: run_cli(code_root, empty), 3)
    finally:
        shutil.rmtree(empty, ignore_errors=True)


# --- figure 3: trafilatura -------------------------------------------------------------------------

def trafilatura_rows(folder: Path, repeat: int) -> tuple[list[tuple[str, float]], list[str]]:
    try:
        import trafilatura
    except ImportError as exc:  # not installed, or installed without what it imports (lxml_html_clean)
        return [], [f"trafilatura cannot be imported ({exc}): its lines are skipped (pip install trafilatura)"]
    import logging

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    texts = [page_text(p.read_bytes()) for p in sorted(folder.iterdir())]
    rows, notes = [], []
    for fast in (True, False):
        options = dict(TRAFILATURA_OPTIONS, fast=fast)
        trafilatura.extract(texts[0], **options)  # warm-up
        out: list[str | None] = []

        def extract_all(options=options, out=out) -> None:
            out[:] = [trafilatura.extract(t, **options) for t in texts]

        secs = timed(extract_all, repeat)
        label = f"trafilatura.extract, fast={fast}" + (" (default)" if not fast else "")
        rows.append((label, secs))
        empty = sum(1 for o in out if not o)
        notes.append(f"trafilatura {trafilatura.__version__} fast={fast}: no text from {empty} of {len(texts)} pages, "
                     f"{sum(len(o) for o in out if o) / 1e6:.2f} M characters extracted")
    return rows, notes


# --- a temporary worktree for --compare ------------------------------------------------------------

class Worktree:
    """`git worktree add --detach` of a revision in a temporary folder; removed on exit, error or not."""

    def __init__(self, rev: str) -> None:
        self.rev = rev
        found = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"],
                               capture_output=True, text=True)
        if found.returncode != 0:
            raise SystemExit(f"--compare {rev}: no such git revision")
        self.sha = found.stdout.strip()
        self.scratch = Path(tempfile.mkdtemp(prefix="newslint-compare-"))
        self.path = self.scratch / "tree"

    def __enter__(self) -> Worktree:
        try:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(self.path), self.sha],
                           capture_output=True, text=True, check=True)
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc) -> None:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(self.path)],
                       capture_output=True, text=True)
        shutil.rmtree(self.scratch, ignore_errors=True)
        subprocess.run(["git", "-C", str(ROOT), "worktree", "prune"], capture_output=True, text=True)


# --- one page set ----------------------------------------------------------------------------------

def bench_set(name: str, args: argparse.Namespace, trees: list[tuple[str, Path]]) -> None:
    source = (ROOT / SETS[name]).resolve()
    if not source.is_dir():
        print(f"{name}: no pages at {source}; skipped\n")
        return
    with tempfile.TemporaryDirectory(prefix="newslint-html-") as tmp:
        scratch = Path(tmp)
        folder = scratch / "pages"
        folder.mkdir()
        size, not_utf8 = unpack(source, folder, args.limit)
        n = len(list(folder.iterdir()))
        mb = size / 1e6
        print(f"{name}: {n} pages, {mb:.2f} MB of HTML (gunzipped beforehand, in no figure), best of "
              f"{args.repeat} runs ({os.cpu_count()} cores; python {sys.version.split()[0]})")
        rows: list[tuple[str, float]] = []
        notes: list[str] = []
        starts: dict[str, float] = {}
        for label, code in trees:
            secs, items = run_reader(code, folder, args.repeat)
            rows.append((f"newslint reader, in-process{label}", secs))
            notes.append(f"reader{label or ' (this tree)'} yielded: "
                         + ", ".join(f"{k} {v}" for k, v in sorted(items.items())))
        for label, code in trees:
            starts[label] = startup(code, scratch)
            rows.append((f"newslint CLI, all default rules{label}", timed(lambda c=code: run_cli(c, folder), args.repeat)))
        extra, extra_notes = trafilatura_rows(folder, args.repeat)
        rows += extra
        print(f"{'run':56} {'seconds':>8} {'pages/s':>8} {'MB/s':>7}")
        for label, secs in rows:
            print(f"{label:56} {secs:8.3f} {n / secs:8.1f} {mb / secs:7.2f}")
        for label, _ in trees:
            cli = dict(rows)[f"newslint CLI, all default rules{label}"]
            print(f"(newslint{label or ''} process start-up with no input: {starts[label]:.3f} s, included in the CLI "
                  f"figure; CLI without start-up: {n / (cli - starts[label]):.1f} pages/s, "
                  f"{mb / (cli - starts[label]):.2f} MB/s)")
        if not_utf8:
            notes.append(f"{not_utf8} pages are not UTF-8: newslint reads them as UTF-8, bad bytes replaced and "
                         f"reported (the Violations above); trafilatura gets them decoded by their declared charset")
        for note in notes + extra_notes:
            print(f"({note})")
        print()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=sorted(SETS), default=None, help="one page set (default: every set)")
    ap.add_argument("--limit", type=int, default=None, metavar="N", help="only the first N pages of each set")
    ap.add_argument("--repeat", type=int, default=3, metavar="K", help="best of K runs (default: 3)")
    ap.add_argument("--compare", default=None, metavar="REV",
                    help="also time the reader and CLI of this git revision (a temporary worktree)")
    ap.add_argument("--worker-reader", type=Path, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--worker-root", type=Path, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker_reader:
        reader_worker(args.worker_reader, args.repeat, args.worker_root)
        return
    # SIGTERM ends the run through the `finally`s, so a temporary worktree is still removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    names = [args.set] if args.set else list(SETS)
    if not args.compare:
        for name in names:
            bench_set(name, args, [("", ROOT)])
        return
    with Worktree(args.compare) as tree:
        here = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True).stdout.strip()
        trees = [(f" [{args.compare} {tree.sha[:7]}]", tree.path), (f" [this tree {here}{'+' if dirty else ''}]", ROOT)]
        for name in names:
            bench_set(name, args, trees)


if __name__ == "__main__":
    main()
