"""The benchmark's steps, each run in its own child process by bench/run_bench.py.

Each step prints one JSON object on its last stdout line: its in-process time
(time.perf_counter around the work, imports excluded) and what it counted.

    .venv/bin/python -m bench.steps ingest /tmp/bench/1000
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import logging
import shutil
import subprocess
import sys
import time
from pathlib import Path

from rich.console import Console

from generator.paths import ProjectPaths


def step_corpus(root: Path, size: int, seed: int, start: int, news: bool = False) -> dict:
    """Write pages start … start+size-1 of the corpus of `seed` into the project's inbox (`news`: new stories
    dated after the others, as articles arrive)."""
    from bench.make_corpus import write_corpus
    began = time.perf_counter()
    manifest = write_corpus(ProjectPaths(root).inbox, size, seed, start, news=news)
    return {"seconds": time.perf_counter() - began, "pages": len(manifest.pages),
            "stories": manifest.stories, "traditional": sum(p.script == "zh-Hant" for p in manifest.pages),
            "bytes": sum(len(p.text.encode("utf-8")) for p in manifest.pages), "shape": manifest.shape()}


def step_ingest(root: Path) -> dict:
    """`briefing ingest`: the inbox into records, as the CLI runs it."""
    from generator.pipeline import run_ingest
    paths = ProjectPaths(root)
    began = time.perf_counter()
    report = run_ingest(paths, [], console=Console(file=sys.stderr, highlight=False))
    seconds = time.perf_counter() - began
    counts = {name: len(getattr(report, name)) for name in
              ("ingested", "updated", "unchanged", "duplicates", "kept", "conflicts", "failed")
              if isinstance(getattr(report, name, None), list)}
    extracted = getattr(report, "extracted", None)
    if not isinstance(extracted, int):   # older reports: every written record or duplicate was extracted
        extracted = counts.get("ingested", 0) + counts.get("updated", 0) + counts.get("duplicates", 0)
    return {"seconds": seconds, "extracted": extracted, **counts, "version": _extraction_version(paths),
            "records": len(list(paths.articles.glob("*.md"))), "failures": report.failed[:5]}


def _extraction_version(paths: ProjectPaths) -> str:
    """The extraction version ingest used (code, data and taxonomy), to tell a code change mid-run."""
    try:
        from generator.ingest import extraction_version
    except ImportError:
        from generator.extract import EXTRACTOR_VERSION
        return str(EXTRACTOR_VERSION)
    return extraction_version(paths.taxonomy)


def step_render(root: Path) -> dict:
    """Gather and render the Markdown pages only (generator.render.render_pages), no MkDocs."""
    from generator import render
    paths = ProjectPaths(root)
    began = time.perf_counter()
    render.render_pages(paths)
    seconds = time.perf_counter() - began
    pages = [p for p in paths.build.rglob("*.md")]
    return {"seconds": seconds, "pages": len(pages), "bytes": sum(p.stat().st_size for p in pages)}


def step_build(root: Path) -> dict:
    """`briefing build --no-ingest`: each script rendered and built by MkDocs in its own process.

    The build writes what each script's process spent rendering (gather included) and in MkDocs
    to build/cache/last-build.json; the step reports their sums (CPU-side work, whether the
    processes ran one after the other or side by side) and the wall time of the whole build.
    """
    from generator.pipeline import run_build
    paths = ProjectPaths(root)
    began = time.perf_counter()
    ok = run_build(paths, ingest_first=False, console=Console(file=io.StringIO()))
    seconds = time.perf_counter() - began
    scripts = _build_times(paths)
    return {"seconds": seconds, "ok": bool(ok), "render_seconds": sum(s["render_seconds"] for s in scripts),
            "render_calls": len(scripts), "mkdocs_seconds": sum(s["mkdocs_seconds"] for s in scripts),
            "scripts": scripts, **site_sizes(paths.site)}


def step_build_added(root: Path) -> dict:
    """`briefing build` after one article was added to the inbox (ingest it, then build incrementally), run as a
    user runs it: its own process, start-up included, whose wall time is `command_wall_s` (the step's own wall
    adds this step's start-up and the site's digest, taken after the command to compare with a cold build)."""
    paths = ProjectPaths(root)
    began = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "generator.cli", "build"], cwd=root, stdin=subprocess.DEVNULL,
                          stdout=sys.stderr, check=False)
    seconds = time.perf_counter() - began
    scripts = _build_times(paths)
    return {"seconds": seconds, "command_wall_s": seconds, "ok": done.returncode == 0,
            "reused": [s.get("reused", -1) for s in scripts],
            "render_seconds": [s["render_seconds"] for s in scripts],
            "mkdocs_seconds": [s["mkdocs_seconds"] for s in scripts],
            "warm_seconds": [[s.get("render_warm_seconds", 0.0), s.get("mkdocs_warm_seconds", 0.0)] for s in scripts],
            "records": len(list(paths.articles.glob("*.md"))), "site_digest": site_digest(paths.site)}


def step_build_cold(root: Path) -> dict:
    """The site build from cold again (no site/, no generated pages, no memos), to compare with the last build."""
    from generator.pipeline import run_build
    paths = ProjectPaths(root)
    before = site_digest(paths.site)
    for leftover in (paths.site, paths.docs, paths.search):
        shutil.rmtree(leftover, ignore_errors=True)
    for memo in [*paths.cache.glob("pages-*.json"), paths.cache / "search-lengths.json",
                 paths.cache / "site-build.json"]:
        memo.unlink(missing_ok=True)
    began = time.perf_counter()
    ok = run_build(paths, ingest_first=False, console=Console(file=io.StringIO()))
    seconds = time.perf_counter() - began
    after = site_digest(paths.site)
    return {"seconds": seconds, "ok": bool(ok), "site_digest": after, "equal_to_previous": after == before}


def site_digest(site: Path) -> str:
    """One SHA-256 over every file of site/: its path and bytes, in name order."""
    digest = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        digest.update(path.relative_to(site).as_posix().encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def step_serve(root: Path, seed: int, start: int) -> dict:
    """`briefing serve`: once it serves, retitle the newest article's record, seconds until its page shows it; then
    page `start` of the corpus of `seed` (news) dropped into the inbox, seconds until its page is served."""
    from bench.make_corpus import write_corpus
    from bench.serve_measure import edit_shown_after
    return edit_shown_after(root, lambda inbox: write_corpus(inbox, 1, seed, start, news=True))


def _build_times(paths: ProjectPaths) -> list[dict]:
    """What each script's build process reported (build/cache/last-build.json)."""
    from generator.site import TIMES_FILE
    data = json.loads((paths.cache / TIMES_FILE).read_text(encoding="utf-8"))
    return data["scripts"]


def site_sizes(site: Path) -> dict:
    """Bytes, files and HTML pages of site/, and the search files of each script by kind."""
    files = [p for p in site.rglob("*") if p.is_file()]
    search = {}
    for config in sorted(site.rglob("search/search_index.json")):
        folder = config.parent
        parts = {}
        for path in folder.rglob("*"):
            if path.is_file():
                kind = path.relative_to(folder).parts[0] if len(path.relative_to(folder).parts) > 1 else "other"
                parts[kind] = parts.get(kind, 0) + path.stat().st_size
        entries = json.loads(config.read_text(encoding="utf-8"))["config"].get("briefing", {}).get("entries", 0)
        search[folder.relative_to(site).as_posix()] = {"bytes": sum(parts.values()), "parts": parts, "entries": entries}
    return {"site_bytes": sum(p.stat().st_size for p in files), "site_files": len(files),
            "html_pages": sum(p.suffix == ".html" for p in files), "search": search}


def step_search(root: Path) -> dict:
    """The project's search in Chromium: start-up, first and second query on each script's site."""
    from bench.search_measure import browser_available, measure_site_search
    if not browser_available():
        return {"seconds": 0.0, "skipped": "no /usr/bin/chromium or Playwright"}
    began = time.perf_counter()
    scripts = measure_site_search(ProjectPaths(root).site)
    return {"seconds": time.perf_counter() - began, "scripts": scripts}


def step_pagefind(root: Path) -> dict:
    """Pagefind (extended) over the same pages, for comparison: indexing time, size, first and second query."""
    from bench.search_measure import browser_available, measure_pagefind
    if not browser_available():
        return {"seconds": 0.0, "skipped": "no /usr/bin/chromium or Playwright"}
    began = time.perf_counter()
    scripts = measure_pagefind(ProjectPaths(root).site, ProjectPaths(root).build / "pagefind")
    return {"seconds": time.perf_counter() - began, "scripts": scripts}


def main(argv: list[str] | None = None) -> None:
    """Command line: run one step on a project folder and print its JSON line."""
    parser = argparse.ArgumentParser(description="Run one benchmark step.")
    parser.add_argument("step", choices=["corpus", "ingest", "render", "build", "build_added", "build_cold", "serve",
                                         "search", "pagefind"])
    parser.add_argument("root", type=Path)
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--news", action="store_true", help="corpus: new stories dated after the others")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    if args.step == "corpus":
        out = step_corpus(args.root, args.size, args.seed, args.start, args.news)
    elif args.step == "serve":
        out = step_serve(args.root, args.seed, args.start)
    else:
        out = {"ingest": step_ingest, "render": step_render, "build": step_build, "build_added": step_build_added,
               "build_cold": step_build_cold, "search": step_search,
               "pagefind": step_pagefind}[args.step](args.root)
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
