"""A reader in a real Chromium: home → zone → the other script, search in both scripts, sort the
figures table, download the CSV, and read the site from disk (file://), all without leaving loopback."""
from __future__ import annotations

import csv
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
    total = len(json.loads((built_site / "data/figures.json").read_text(encoding="utf-8")))
    page = reader.page
    page.goto(served + "figures.html")
    rows = page.locator("#bf-explorer tbody tr")
    assert rows.count() == total
    header = page.locator('#bf-explorer th[data-key="figure"] button')
    header.click()
    assert page.locator('#bf-explorer th[data-key="figure"]').get_attribute("aria-sort") == "ascending"
    first = rows.nth(0).locator("td").nth(2).inner_text()
    header.click()
    assert rows.nth(0).locator("td").nth(2).inner_text().startswith("2600億元")
    assert first.startswith("3-5個")
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
