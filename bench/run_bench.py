"""The scale benchmark: corpora of 100, 1,000 and 10,000 articles through ingest, render and the site build.

For each size it makes a scratch project (the taxonomy, templates and MkDocs configuration of
this one), writes a synthetic corpus into its inbox and runs, each in a child process: ingest
from cold, ingest again, ingest after adding one article, the site build, and render alone.
It writes bench/results.json and docs/benchmarks.md.

    .venv/bin/python -m bench.run_bench                      # 100, 1,000 and 10,000 (long)
    .venv/bin/python -m bench.run_bench --sizes 100,1000 --workdir /tmp/bench
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

if __package__ in (None, ""):                      # run as `python bench/run_bench.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.criteria import evaluate
from bench.make_corpus import DEFAULT_SEED
from bench.measure import run_step
from bench.report import markdown

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("content/taxonomy", "templates", "docs")   # copied into each scratch project
# a hook file named by its path (mkdocs.yml of trees before the briefing plugin, measured with --source)
HOOK_LINE = re.compile(r"^(\s*-\s+)(generator/\S+\.py)\s*$", re.M)
VERSIONED = ("mkdocs", "mkdocs-material", "jieba", "opencc", "pyyaml", "jinja2")


def make_project(dest: Path, source: Path = ROOT) -> Path:
    """A scratch copy of the taxonomy, templates and MkDocs configuration of `source`, any hook path made absolute."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for part in PROJECT_PARTS:
        if (source / part).is_dir():
            shutil.copytree(source / part, dest / part)
    for config in source.glob("mkdocs*.yml"):
        text = HOOK_LINE.sub(lambda m: f"{m.group(1)}{source / m.group(2)}", config.read_text(encoding="utf-8"))
        (dest / config.name).write_text(text, encoding="utf-8")
    for folder in ("content/inbox", "content/articles", "build/docs"):
        (dest / folder).mkdir(parents=True, exist_ok=True)
    return dest


class Stopped(Exception):
    """A step ran out of the benchmark's time budget and was stopped."""


class Bench:
    """One benchmark session: where it works, the code it measures, its time budget and its results."""

    def __init__(self, workdir: Path, source: Path, seed: int, deadline: float | None, save,
                 render_step_max: int | None = None, pagefind: bool = False):
        """A session; `save(runs)` is called after every step, `deadline` is a perf_counter time or None."""
        self.workdir, self.source, self.seed, self.deadline, self.save = workdir, source, seed, deadline, save
        self.render_step_max, self.pagefind = render_step_max, pagefind
        self.runs: dict[int, dict] = {}

    def step(self, size: int, name: str, *args: str) -> dict:
        """Run one bench/steps.py step on the project of `size`, record and save its result."""
        project = self.workdir / str(size)
        argv = [sys.executable, "-m", "bench.steps", args[0], str(project), *args[1:]]
        path = os.pathsep.join(dict.fromkeys([str(self.source), str(ROOT), os.environ.get("PYTHONPATH", "")]))
        timeout = max(1.0, self.deadline - time.perf_counter()) if self.deadline else None
        run = run_step(argv, self.workdir, self.workdir / f"logs-{size}" / f"{name}.log",
                       {**os.environ, "PYTHONPATH": path.rstrip(os.pathsep)}, timeout)
        result = {"wall_s": run.wall_s, "tree_peak_mb": run.tree_peak_mb, "maxrss_mb": run.maxrss_mb, **run.output}
        if run.timed_out:
            result["timed_out"] = True
        self.runs.setdefault(size, {})[name] = result
        self.save(self.runs)
        if run.timed_out:
            print(f"  {name:13s} stopped after {run.wall_s:.0f} s (time budget spent)", flush=True)
            raise Stopped(name)
        if run.returncode != 0:
            tail = Path(run.log).read_text(encoding="utf-8", errors="replace")[-3000:]
            raise RuntimeError(f"step {name} failed (exit {run.returncode}); log {run.log}:\n{tail}")
        print(f"  {name:13s} {run.wall_s:8.1f} s  {max(run.tree_peak_mb, run.maxrss_mb):7.0f} MB  "
              + json.dumps({k: v for k, v in run.output.items() if not isinstance(v, (dict, list))},
                           ensure_ascii=False),
              flush=True)
        return result

    def size(self, size: int) -> None:
        """Every measurement for a corpus of `size` articles."""
        project = make_project(self.workdir / str(size), self.source)
        print(f"{size:,} articles in {project}", flush=True)
        self.runs[size] = {"about": about(self.source)}
        seed = str(self.seed)
        self.step(size, "corpus", "corpus", "--size", str(size), "--seed", seed)
        self.step(size, "ingest_cold", "ingest")
        self.step(size, "ingest_again", "ingest")
        self.step(size, "corpus_added", "corpus", "--size", "1", "--seed", seed, "--start", str(size))
        self.step(size, "ingest_added", "ingest")
        # The build runs first, on a build/docs/ and site/ that were never written, as after a fresh
        # clone: deleting the 22,000 pages of a render just before made ext4 slower to create the
        # next ones (about 3 s more per render process at 10,000 articles, measured).
        self.step(size, "build", "build")
        self.step(size, "search", "search")
        if self.pagefind:
            self.step(size, "pagefind", "pagefind")
        # One more article (news: dated after the corpus, as articles arrive), built incrementally, then the
        # same content built cold to compare; then serve.
        self.step(size, "corpus_added2", "corpus", "--size", "1", "--seed", seed, "--start", str(size + 1), "--news")
        self.step(size, "build_added", "build_added")
        self.step(size, "build_cold", "build_cold")
        self.step(size, "serve", "serve", "--seed", seed, "--start", str(size + 2))
        if self.render_step_max is None or size <= self.render_step_max:
            _clear(project / "build" / "docs")
            self.step(size, "render", "render")


def _clear(folder: Path) -> None:
    """Empty `folder` (the generated pages), so the next step starts cold."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)


def about(source: Path) -> dict:
    """When, on which code and at which load one size was measured (sizes kept by --merge keep their own)."""
    return {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M"), "git": git_state(source),
            "load": " ".join(f"{x:.2f}" for x in os.getloadavg())}


def kept_runs(results: Path, measured: list[int]) -> dict[int, dict]:
    """The runs of `results` at sizes not measured now (what --merge keeps); {} when it cannot be read."""
    try:
        runs = json.loads(results.read_text(encoding="utf-8"))["runs"]
    except (OSError, ValueError, KeyError):
        return {}
    return {int(size): run for size, run in runs.items() if int(size) not in measured}


def machine() -> dict:
    """CPU model, cores, memory and load of this machine."""
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").is_file() else ""
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.M)
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").is_file() else ""
    total = re.search(r"^MemTotal:\s*(\d+) kB", meminfo, re.M)
    return {"cpu": model.group(1).strip() if model else platform.processor() or "unknown",
            "nproc": len(os.sched_getaffinity(0)), "memory_gb": int(total.group(1)) / 2**20 if total else 0.0,
            "load": " ".join(f"{x:.2f}" for x in os.getloadavg()), "platform": platform.platform()}


def versions() -> dict:
    """Python's version and the versions of the libraries that decide the build's cost."""
    out = {"Python": platform.python_version()}
    for name in VERSIONED:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


OUTPUTS = ("bench/results.json", "docs/benchmarks.md")   # what a run writes, relative to the project


def git_state(source: Path) -> str:
    """`abc1234` or `abc1234 + uncommitted changes`: the code measured (its folder when not a checkout); the
    benchmark's own outputs, written as it runs, are not changes to the code."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=source, capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", ".", *(f":!{out}" for out in OUTPUTS)],
                               cwd=source, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return f"files in {source} (not a git checkout)"
    return head + (" + uncommitted changes" if dirty else "")


def main(argv: list[str] | None = None) -> int:
    """Command line: run the sizes, write the JSON results and the Markdown page; 0 when all ran."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="comma-separated corpus sizes")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/briefing-bench"),
                        help="where the scratch projects go (default /tmp/briefing-bench)")
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "results.json")
    parser.add_argument("--doc", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--keep", action="store_true", help="keep the scratch projects")
    parser.add_argument("--source", type=Path, default=ROOT,
                        help="the project whose code, taxonomy, templates and mkdocs.yml are measured "
                             "(default: this one)")
    parser.add_argument("--code-label", default=None,
                        help="how to name the code measured in the report (default: its git state)")
    parser.add_argument("--budget", type=float, default=None,
                        help="seconds for the whole run: the step running when they are spent is stopped, "
                             "the results so far are written, and the exit status is 2")
    parser.add_argument("--render-step-max", type=int, default=None,
                        help="run the standalone render step only up to this size (the build renders anyway)")
    parser.add_argument("--compare-pagefind", action="store_true",
                        help="also index the built pages with Pagefind (pagefind-bin-extended) and measure its queries")
    parser.add_argument("--merge", action="store_true",
                        help="keep the runs of --results at the sizes not measured now (e.g. `--sizes 30000 "
                             "--merge` adds the 30,000 run, on demand, to the table of the others)")
    parser.add_argument("--doc-only", action="store_true",
                        help="measure nothing: rewrite --doc from the results already in --results")
    args = parser.parse_args(argv)
    if args.doc_only:
        data = json.loads(args.results.read_text(encoding="utf-8"))
        write_results(args.results, args.doc, {k: v for k, v in data.items() if k not in ("runs", "criteria")},
                      {int(k): v for k, v in data["runs"].items()})
        print(f"wrote {args.results} and {args.doc}")
        return 0
    sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    source = args.source.resolve()
    info = {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M"), "git": args.code_label or git_state(source),
            "machine": machine(), "versions": versions(), "seed": args.seed}
    started = time.perf_counter()
    deadline = started + args.budget if args.budget else None

    def save(runs: dict[int, dict]) -> None:
        """Write the results so far (a stopped or failed run still leaves its numbers)."""
        info["total_s"] = round(time.perf_counter() - started, 1)
        write_results(args.results, args.doc, info, runs)

    bench = Bench(args.workdir.resolve(), source, args.seed, deadline, save, args.render_step_max,
                  args.compare_pagefind)
    bench.workdir.mkdir(parents=True, exist_ok=True)
    if args.merge:
        bench.runs.update(kept_runs(args.results, sizes))
    status = 0
    for size in sizes:
        try:
            bench.size(size)
        except Stopped:
            status = 2
            break
        finally:
            if not args.keep:
                shutil.rmtree(bench.workdir / str(size), ignore_errors=True)
    save(bench.runs)
    for c in evaluate(bench.runs):
        print(f"{c.verdict:>28s}  {c.name}: {c.measured} ({c.target})")
    print(f"wrote {args.results} and {args.doc} in {info['total_s']:.0f} s")
    return status


def write_results(results: Path, doc: Path, info: dict, runs: dict[int, dict]) -> None:
    """bench/results.json (machine-readable, criteria included) and docs/benchmarks.md."""
    criteria = [c.as_dict() for c in evaluate(runs)]
    results.parent.mkdir(parents=True, exist_ok=True)
    results.write_text(json.dumps({**info, "runs": {str(k): v for k, v in sorted(runs.items())},
                                   "criteria": criteria}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(markdown(info, runs), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
