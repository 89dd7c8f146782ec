"""Search quality on the sample site: the project's search and Pagefind's extended build, query by query.

Builds the 13 sample articles of ../shared/samples/ (a scratch project's inbox), indexes the same
pages with Pagefind (each script's article, zone and industry pages, their <article> only), and runs
the query table of tests/browser/test_search_browser.py on both engines in Chromium. For each query
and script it prints the articles that hold the word (either script, regional wording folded, as
generator.scripts.normalise compares), how many of them each engine found, and how many pages it
listed that do not hold the word.

    .venv/bin/python -m bench.compare_search            # needs ../shared, Chromium and pagefind-bin-extended
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.search_measure import ARGS, CHROMIUM, pagefind_binary, served

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ("積體電路", "集成电路", "集成電路", "积体电路", "广州开发区", "廣州開發區", "黄埔", "粤芯", "粵芯", "电路",
           "投资")


def sample_project(dest: Path):
    """The sample articles ingested and built in a scratch project; its ProjectPaths."""
    from generator.paths import ProjectPaths
    from generator.pipeline import run_build
    from tests.golden.sample_project import write_config
    shutil.copytree(ROOT.parent / "shared" / "samples" / "articles", dest / "content" / "inbox")
    shutil.copytree(ROOT / "content" / "taxonomy", dest / "content" / "taxonomy")
    shutil.copytree(ROOT / "templates", dest / "templates")
    write_config(dest)
    paths = ProjectPaths(dest)
    run_build(paths)
    return paths


def holding(paths, query: str) -> set[str]:
    """Article pages whose title, body or names hold the query's word in either script."""
    from generator.scripts import normalise, project_wording
    from generator.store import iter_records
    wording, out = project_wording(paths.root), set()
    word = normalise(query, wording)
    for record in iter_records(paths.articles):
        meta = record.meta
        names = [t.get("name", "") for t in (meta.get("zones") or []) + (meta.get("industries") or [])]
        names += [c.get("name", "") if isinstance(c, dict) else str(c) for c in meta.get("companies") or []]
        if word in normalise("\n".join([str(meta.get("title") or ""), record.body, *names]), wording):
            out.add(f"articles/{meta['id']}.html")
    return out


def ours(page, base: str, query: str) -> list[str]:
    """The pages the project's search lists for a query (Material's search box)."""
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.evaluate("() => { document.querySelector('.md-search-result__meta').textContent = ''; }")
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")
    page.wait_for_function("() => /[0-9]|沒有|没有/"
                           ".test(document.querySelector('.md-search-result__meta').textContent)")
    hrefs = page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.href)")
    page.keyboard.press("Escape")
    return [h.split("?")[0][len(base):] for h in hrefs]


def pagefinds(page, bundle: str, query: str) -> list[str]:
    """The pages Pagefind lists for a query."""
    urls = page.evaluate("""async ([bundle, query]) => {
        const pagefind = await import(bundle + "pagefind.js");
        const found = await pagefind.search(query);
        return Promise.all(found.results.map(async r => (await r.data()).url));
    }""", [bundle, query])
    return [re.sub(r"^.*?(?=(?:articles|zones|industries)/)", "", u) for u in urls]


def main() -> int:
    """Build, index, query; print one Markdown table."""
    binary = pagefind_binary()
    if binary is None or not CHROMIUM.exists() or not (ROOT.parent / "shared" / "samples").is_dir():
        print("needs pagefind-bin-extended, /usr/bin/chromium and ../shared/samples", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright
    with tempfile.TemporaryDirectory(prefix="briefing-compare-") as scratch:
        paths = sample_project(Path(scratch) / "project")
        for root in ("", "zh-Hans"):
            subprocess.run([str(binary), "--site", str(paths.site / root), "--glob",
                            "{articles,zones,industries}/*.html",
                            "--root-selector", "article", "--output-path", str(paths.site / root / "pagefind"),
                            "--quiet"],
                           check=True, capture_output=True)
        print("| query | site | articles holding it | ours: found / listed / listed without it | "
              "Pagefind: found / listed / listed without it |")
        print("| --- | --- | ---: | ---: | ---: |")
        with served(paths.site) as base, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
            page = browser.new_page()
            for root, label in (("", "Traditional"), ("zh-Hans/", "Simplified")):
                page.goto(base + root + "index.html")
                for query in QUERIES:
                    expected = holding(paths, query)
                    cells = []
                    for listed in (ours(page, base + root, query), pagefinds(page, base + root + "pagefind/", query)):
                        articles = {p for p in listed if p.startswith("articles/")}
                        cells.append(f"{len(expected & articles)} / {len(listed)} / {len(articles - expected)}")
                    print(f"| {query} | {label} | {len(expected)} | {cells[0]} | {cells[1]} |", flush=True)
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
