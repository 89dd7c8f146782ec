"""Benchmark: key-figure extraction speed, in articles per second on one core.

Reading and cleaning happen once, before the clock starts (process start-up and the first
load of the word lists are excluded too); the timed loop finds each article's home currency and
runs `article_figures` on its title and body, as `build_record` does.

    .venv/bin/python bench/bench_extract.py                      # the seed article and tests/gold/articles
    .venv/bin/python bench/bench_extract.py --corpus /tmp/corpus # any folder of raw articles
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.clean.meta import clean_articles  # noqa: E402 - after sys.path names the project above
from generator.figures import FigureContext, article_figures, glossary_of, home_currency  # noqa: E402 - after sys.path names the project above
from generator.read import read_file  # noqa: E402 - after sys.path names the project above
from generator.scripts import detect_script  # noqa: E402 - after sys.path names the project above
from generator.taxonomy import load_taxonomy  # noqa: E402 - after sys.path names the project above

SEED = ROOT / "content" / "inbox" / "cri-2025-02-08-huangpu.txt"
START, END = "<!-- bench-extract:start -->", "<!-- bench-extract:end -->"


def one_core() -> str:
    """Pin the process to one CPU where the OS allows it; say which."""
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity)"


def prepared(paths: list[Path]) -> list[tuple[str, str, FigureContext]]:
    """(title, body, context) of every article in `paths`, read and cleaned once."""
    glossary = glossary_of(load_taxonomy(ROOT / "content" / "taxonomy").metrics)
    out = []
    for path in paths:
        for one in clean_articles(read_file(path)):
            if one.problem is not None:          # a bad entry of a feed or JSON Lines file: no article to time
                continue
            art, meta = one.checked()
            published = date.fromisoformat(meta["published"][:10]) if meta.get("published") else None
            script = detect_script(f"{meta['title']}\n{art.body}")
            out.append((meta["title"] or "", art.body, FigureContext(published, script, glossary)))
    return out


def rate(articles: list[tuple[str, str, FigureContext]], seconds: float) -> tuple[float, int]:
    """Articles per second over repeated passes for about `seconds` (median of passes), and figures per pass."""
    for title, body, ctx in articles:  # warm-up: word lists, caches
        article_figures(title, body, ctx)
    rates, figures, deadline = [], 0, time.perf_counter() + seconds
    while time.perf_counter() < deadline or len(rates) < 5:
        start, figures = time.perf_counter(), 0
        for title, body, ctx in articles:
            ctx = replace(ctx, currency=home_currency(f"{title}\n{body}", ctx.script))
            figures += len(article_figures(title, body, ctx))
        rates.append(len(articles) / (time.perf_counter() - start))
    return statistics.median(rates), figures


def main(argv: list[str] | None = None) -> None:
    """Print the extraction rate for the seed article and for the chosen set of articles."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, help="a folder of raw articles (default: tests/gold/articles/)")
    ap.add_argument("--seconds", type=float, default=3.0, help="time per measurement (default 3)")
    ap.add_argument("--update", type=Path, help=f"write the result between {START} and {END} in this page")
    args = ap.parse_args(argv)
    lines = [f"figure extraction benchmark, {one_core()}, Python {sys.version.split()[0]}, "
             f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC"]
    seed = prepared([SEED])
    chars = len(seed[0][1])
    per_s, figs = rate(seed, args.seconds)
    lines.append(f"seed article ({chars} body characters, {figs} figures): {per_s:,.0f} articles/s")
    folder = args.corpus or ROOT / "tests" / "gold" / "articles"
    paths = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    mixed = prepared(paths)
    size = statistics.mean(len(b) for _, b, _ in mixed)
    per_s, figs = rate(mixed, args.seconds)
    name = folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder
    lines.append(f"{len(mixed)} articles of {name} (mean {size:,.0f} body characters, {figs} figures): "
                 f"{per_s:,.0f} articles/s, {per_s * figs / len(mixed):,.0f} figures/s")
    print("\n".join(lines))
    if args.update:
        page = args.update.read_text(encoding="utf-8")
        before, rest = page.split(START, 1)
        block = "\n".join(f"    {line}" for line in lines)
        args.update.write_text(f"{before}{START}\n{block}\n{END}{rest.split(END, 1)[1]}", encoding="utf-8")


if __name__ == "__main__":
    main()
