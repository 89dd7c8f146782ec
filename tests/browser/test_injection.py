"""In a real browser: articles carrying script, event handlers, javascript: links and template syntax run nothing."""
from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

from generator.paths import ProjectPaths
from generator.pipeline import run_build

CHROMIUM = Path("/usr/bin/chromium")
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "hostile"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (make browser installs it)")]


@pytest.fixture
def hostile_site(scratch_project):
    """A site built from the demo project plus the injection fixtures, served on 127.0.0.1."""
    for name in ("injection.txt", "injection.md", "injection.html"):
        shutil.copy(FIXTURES / name, scratch_project / "content" / "inbox" / name)
    paths = ProjectPaths(scratch_project)
    run_build(paths)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(paths.site))
    handler.log_message = lambda *a, **k: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield paths.site, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_no_dialog_opens_and_injected_text_shows_literally(hostile_site, tmp_path):
    from playwright.sync_api import sync_playwright
    site, base = hostile_site
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                   if "xss-" in p.read_text(encoding="utf-8"))
    assert pages, "no article page carries the injection fixtures"
    dialogs, texts, results = [], [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch_persistent_context(str(tmp_path / "profile"), executable_path=str(CHROMIUM),
                                                        args=ARGS, headless=True)
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for slug in ["", *pages]:
            page.goto(f"{base}/{slug}")
            page.wait_for_load_state("load")
            page.mouse.move(200, 300)
            for link in page.locator("article a").all()[:20]:
                link.hover()
            texts.append(page.locator("body").inner_text())
        page.goto(f"{base}/index.html")
        for query in ("Markdown注入", "xss", "模板測試"):   # the results show titles and passages of these articles
            page.locator("label.md-search__icon, .md-search__input").first.click()
            box = page.locator("input.md-search__input")
            box.fill(query)
            box.press("End")
            page.wait_for_selector(".md-search-result__item", timeout=10000)
            page.mouse.move(600, 200)
            results.append(page.locator(".md-search-result").inner_text())
            inside = ".md-search-result script, .md-search-result iframe, .md-search-result img"
            assert page.locator(inside).count() == 0
            page.keyboard.press("Escape")
        browser.close()
    assert dialogs == [], f"article content ran script: {dialogs}"
    text = "\n".join(texts)
    assert "模板測試{{ 7*7 }}結束" in text and "模板測試49結束" not in text
    assert 'alert("xss-script")' in text, "the article's script shows as text"
    assert '<script>alert("xss-md-title")</script>' in "\n".join(results), "a result's title shows its markup as text"
