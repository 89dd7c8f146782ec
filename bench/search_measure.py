"""The search in a real browser: bytes fetched and time of a first and a second query, on the
project's search (generator/search/, behind Material's search box) and, for comparison, on Pagefind's
extended build over the same pages. Run by bench/steps.py (`search` and `pagefind` steps).

The site is served by an HTTP server on 127.0.0.1 inside this process; Chromium (Debian's, driven by
Playwright) records every response it receives, workers' included. A query's bytes are the bodies of
the responses between typing it and its results being shown; the start-up is what the page fetched
for search before the first query (the search configuration, the folding table, the worker)."""
from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import threading
import time
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
QUERIES = ("集成电路", "固定資產投資")   # a Simplified word on either site, then a Traditional compound
RESULTS_SHOWN = 20                      # Pagefind: the results whose excerpt is loaded, as the project's search shows


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging each request."""

    def log_message(self, *args) -> None:
        """Say nothing."""


@contextmanager
def served(folder: Path):
    """`folder` served on 127.0.0.1; yields its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


class Traffic:
    """The responses a browser page received, with their body sizes."""

    def __init__(self, page, base: str):
        self.base, self.seen = base, []
        page.on("requestfinished", self._finished)

    def _finished(self, request) -> None:
        """Record one response: its path under the site and its body's size."""
        if request.url.startswith(self.base):
            path = request.url[len(self.base):].split("?")[0]
            self.seen.append((path, request.sizes()["responseBodySize"]))

    def since(self, mark: int, part: str = "") -> dict:
        """Bytes and files received since `mark` (an index into what was seen) whose path holds `part`."""
        items = [(p, n) for p, n in self.seen[mark:] if part in p]
        return {"bytes": sum(n for _, n in items), "files": len(items)}


def browser_available() -> bool:
    """True when Debian's Chromium and Playwright are installed."""
    try:
        import playwright  # noqa: F401 - only whether it imports
    except ImportError:
        return False
    return CHROMIUM.exists()


def measure_site_search(site: Path) -> dict:
    """Start-up, first and second query of the project's search on each script's site."""
    from playwright.sync_api import sync_playwright
    out = {}
    with served(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        for root in ("", "zh-Hans/"):
            context = browser.new_context()
            page = context.new_page()
            traffic = Traffic(page, base)
            page.goto(base + root + "index.html")
            page.wait_for_load_state("load")
            page.wait_for_function("() => window.component$ !== undefined")
            # Material sets the search worker up on load (http): fold.js and the index's configuration
            page.wait_for_timeout(1500)
            script = {"startup": traffic.since(0, "search")}   # search_index.json, fold.js, briefing-search.js
            for n, query in enumerate(QUERIES, start=1):
                mark = len(traffic.seen)
                seconds, line = _type_query(page, query)
                page.wait_for_timeout(300)    # let late responses land in the log
                script[f"query{n}"] = {"query": query, "seconds": seconds, "line": line,
                                       **traffic.since(mark, "search/")}
                page.keyboard.press("Escape")
            out[root.strip("/") or "default"] = script
            context.close()
        browser.close()
    return out


def _type_query(page, query: str) -> tuple[float, str]:
    """Type `query` into Material's search box; seconds until its results line is shown, and the line."""
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.evaluate("() => { document.querySelector('.md-search-result__meta').textContent = ''; }")
    box = page.locator("input.md-search__input")
    began = time.perf_counter()
    box.fill(query)
    box.press("End")
    page.wait_for_function("() => /[0-9]|沒有|没有/"
                           ".test(document.querySelector('.md-search-result__meta').textContent)",
                           timeout=120000)
    return time.perf_counter() - began, page.locator(".md-search-result__meta").inner_text()


def pagefind_binary() -> Path | None:
    """The extended Pagefind binary of the `pagefind-bin-extended` wheel, when installed."""
    try:
        import pagefind_bin_extended
    except ImportError:
        return None
    found = sorted(Path(pagefind_bin_extended.__file__).parent.glob("pagefind_extended*"))
    return found[0] if found else None


def measure_pagefind(site: Path, scratch: Path) -> dict:
    """Pagefind over each script's article, zone and industry pages (their <article> only): time, size, queries."""
    binary = pagefind_binary()
    if binary is None:
        return {"skipped": "pagefind-bin-extended is not installed"}
    out = {}
    if scratch.exists():
        shutil.rmtree(scratch)
    for root in ("", "zh-Hans"):
        target = scratch / (root or "default")
        began = time.perf_counter()
        subprocess.run([str(binary), "--site", str(site / root), "--glob", "{articles,zones,industries}/*.html",
                        "--root-selector", "article", "--output-path", str(target / "pagefind"), "--quiet"],
                       check=True, capture_output=True)
        files = [p for p in (target / "pagefind").rglob("*") if p.is_file()]
        out[root or "default"] = {"index_seconds": time.perf_counter() - began,
                                  "bytes": sum(p.stat().st_size for p in files),
                                  "files": len(files)}
    from playwright.sync_api import sync_playwright
    with served(scratch) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        for root, script in out.items():
            context = browser.new_context()
            page = context.new_page()
            traffic = Traffic(page, base)
            page.goto(base + f"{root}/pagefind/pagefind-entry.json")
            for n, query in enumerate(QUERIES, start=1):
                mark = len(traffic.seen)
                script[f"query{n}"] = {"query": query, **_pagefind_query(page, base + f"{root}/pagefind/", query),
                                       **traffic.since(mark)}
            context.close()
        browser.close()
    return out


def _pagefind_query(page, bundle: str, query: str) -> dict:
    """One Pagefind query with the excerpts of the first results loaded: seconds and results."""
    return page.evaluate("""async ([bundle, query, shown]) => {
        const began = performance.now();
        const pagefind = window.__pf || (window.__pf = await import(bundle + "pagefind.js"));
        const found = await pagefind.search(query);
        await Promise.all(found.results.slice(0, shown).map(r => r.data()));
        return {seconds: (performance.now() - began) / 1000, results: found.results.length};
    }""", [bundle, query, RESULTS_SHOWN])
