"""A reader in a real Chromium: home → zone → the other script, search in both scripts, sort the
figures table, download the CSV, and read the site from disk (file://), all without leaving loopback."""
from __future__ import annotations

import csv
import gzip
import io
import json

import pytest

from browsing import Reader, screenshot

pytestmark = pytest.mark.browser


def search(page, query: str) -> list[str]:
    """Type a query into Material's search box; returns the result links (page paths, no anchors)."""
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")          # CJK text arrives without a key-up: this triggers the search
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    hrefs = page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.href)")
    return sorted({h.split("#")[0].split("?")[0] for h in hrefs})


def test_home_zone_and_script_switch(reader, served):
    page = reader.page
    page.goto(served)
    assert "產業政策簡報" in page.title()
    screenshot(page, "home.png")
    page.locator('article a[href="zones/huangpu.html"]').first.click()
    page.wait_for_url("**/zones/huangpu.html")
    assert "主要指標" in page.locator("article").inner_text()
    assert page.locator("figure.bf-chart .bf-bar").count() >= 2
    screenshot(page, "zone-huangpu.png")
    page.locator(".md-header__option .md-select").hover()
    page.locator('a.md-select__link[hreflang="zh-Hans"]').click()
    page.wait_for_url("**/zh-Hans/zones/huangpu.html")
    assert page.locator("article h1").inner_text().startswith("黄埔区")
    page.locator(".md-header__option .md-select").hover()
    page.locator('a.md-select__link[hreflang="zh-Hant"]').click()
    page.wait_for_url(served + "zones/huangpu.html")


def test_search_finds_the_same_pages_in_both_scripts(reader, served):
    page = reader.page
    page.goto(served)
    hant = search(page, "積體電路")
    page.goto(served + "zh-Hans/index.html")
    hans = search(page, "集成电路")
    assert hant and [h.replace("/zh-Hans/", "/") for h in hans] == hant
    articles = {h.rsplit("/", 1)[-1] for h in hant if "/articles/" in h}
    assert {"2025-02-08-huangpu-targets.html", "2024-01-15-huangpu-investment.html"} <= articles
    page.goto(served + "zh-Hans/index.html")
    assert any("/articles/" in h for h in search(page, "电路")), "a word inside a compound is found"


def test_figures_table_sorts_and_downloads_csv(reader, served, built_site, tmp_path):
    total = len(json.loads(gzip.decompress((built_site / "data/figures.json.gz").read_bytes()))["rows"])
    page = reader.page
    page.goto(served + "figures.html")
    rows = page.locator("#bf-explorer tbody tr")
    assert rows.count() == total
    header = page.locator('#bf-explorer th[data-key="figure"] button')
    header.click()
    assert page.locator('#bf-explorer th[data-key="figure"]').get_attribute("aria-sort") == "ascending"
    first = rows.nth(0).locator("td").nth(0).inner_text()
    header.click()
    assert rows.nth(0).locator("td").nth(0).inner_text().startswith("2600億元")
    assert first.startswith("3-5個")
    page.locator("select.bf-indicator").select_option(label="固定資產投資 · fixed-asset investment")
    shown = [rows.nth(i).locator("td").nth(1).inner_text() for i in range(rows.count())]
    assert 0 < len(shown) < total and set(shown) == {"固定資產投資 · fixed-asset investment"}
    page.locator("select.bf-indicator").select_option(value="")
    page.locator("input.bf-filter").fill("黃埔區")
    assert 0 < rows.count() < total
    with page.expect_download() as info:
        page.locator("article a", has_text="figures.csv").click()
    text = (tmp_path / "figures.csv")
    info.value.save_as(str(text))
    assert text.read_bytes().startswith(b"\xef\xbb\xbf"), "a UTF-8 byte-order mark, for Excel"
    table = list(csv.DictReader(io.StringIO(text.read_text(encoding="utf-8-sig"))))
    assert len(table) == total and table[0]["article"] and "quote" in table[0] and "zone_name_en" in table[0]


def test_site_works_from_disk_with_search(browser_context, built_site):
    base = built_site.as_uri() + "/"
    tab = Reader(browser_context.new_page(), base)
    tab.page.goto(base + "index.html")
    found = search(tab.page, "積體電路")
    assert any("/articles/" in h for h in found)
    tab.page.goto(base + "index.html")
    tab.page.locator('article a[href="zones/huangpu.html"]').first.click()
    tab.page.wait_for_url("**/zones/huangpu.html")
    assert tab.foreign == [] and tab.errors == []


class SubPathSite:
    """The built site served under /briefing/ as a static host serves a project site: a missing address
    gets the site's 404.html with status 404 (GitHub Pages does the same)."""

    prefix = "/briefing"

    def __init__(self, site):
        import functools
        import http.server
        import threading
        site_404 = (site / "404.html").read_bytes()
        prefix = self.prefix

        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                """Say nothing."""

            def translate_path(self, path):
                """Files under the prefix only."""
                inside = path.startswith(prefix + "/")
                return super().translate_path(path[len(prefix):] if inside else "/\0missing")

            def send_error(self, code, message=None, explain=None):
                """The site's 404 page for a missing file."""
                if code != 404:
                    return super().send_error(code, message, explain)
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(site_404)))
                self.end_headers()
                self.wfile.write(site_404)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}{prefix}/"


SHEETS = "[...document.styleSheets].map(s => s.href).filter(Boolean)"
STYLED = "getComputedStyle(document.querySelector('.md-header')).position"   # Material's stylesheet makes it sticky


NOT_FOUND = "Failed to load resource: the server responded with a status of 404 (Not Found)"


# The missing address, and how many requests answer 404: the page itself, and where no part of the address
# names something of the site, the folders its script asks for a 404.html that are not the site's root.
@pytest.mark.parametrize("missing, not_found", [("zh-Hans/zones/gone.html", 1), ("typo.html", 1),
                                                ("old/site/page.html", 3)])
def test_404_page_under_a_sub_path_is_styled_and_its_links_lead_into_the_site(browser_context, built_site, missing,
                                                                              not_found):
    host = SubPathSite(built_site)
    try:
        tab = Reader(browser_context.new_page(), host.base)
        response = tab.page.goto(host.base + missing)
        assert response.status == 404
        assert any(href.startswith(host.base + "assets/stylesheets/main.") for href in tab.page.evaluate(SHEETS))
        assert tab.page.evaluate(STYLED) == "sticky"
        languages = tab.page.locator("a.md-select__link").evaluate_all("els => els.map(e => e.href)")
        assert languages == [host.base + "index.html", host.base + "zh-Hans/index.html"]
        links = [h for h in tab.page.locator("a[href]").evaluate_all("els => els.map(e => e.href)") if "#" not in h]
        assert host.base + "zones.html" in links and all(h.startswith(host.base) for h in links), links
        tab.page.locator(".md-header__option .md-select").hover()
        tab.page.locator('a.md-select__link[hreflang="zh-Hans"]').click()
        tab.page.wait_for_url(host.base + "zh-Hans/index.html")
        assert tab.page.evaluate("document.documentElement.lang") == "zh"
        assert tab.foreign == [] and tab.errors == [NOT_FOUND] * not_found, (tab.foreign, tab.errors)
    finally:
        host.server.shutdown()


def test_404_page_read_from_disk_is_styled_and_links_into_the_site(browser_context, built_site):
    base = built_site.as_uri() + "/"
    tab = Reader(browser_context.new_page(), base)
    tab.page.goto(base + "404.html")
    assert any(href.startswith(base + "assets/stylesheets/main.") for href in tab.page.evaluate(SHEETS))
    assert tab.page.evaluate(STYLED) == "sticky"
    languages = tab.page.locator("a.md-select__link").evaluate_all("els => els.map(e => e.href)")
    assert languages == [base + "index.html", base + "zh-Hans/index.html"]
    assert tab.foreign == [] and tab.errors == []
