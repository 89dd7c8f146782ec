"""A zone's briefing page in a real Chromium on the sample site (the articles of ../shared/samples/): the
scorecard puts fixed-asset investment's target beside its actual, charts span the content at desktop width,
and on a phone no table is wider than the screen; screenshots of both widths are saved in test-output/."""
from __future__ import annotations

import pytest

from browsing import Reader, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.shared]

ZONE = "zones/guangzhou-development-district.html"
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}

SCORECARD_ROWS = """() => [...document.querySelectorAll('.bf-scorecard tbody tr')].map(tr =>
    [...tr.querySelectorAll('td')].map(td => td.innerText.trim()))"""
WIDTHS = """() => ({
  viewport: document.documentElement.clientWidth,
  page: document.documentElement.scrollWidth,
  charts: [...document.querySelectorAll('.bf-chart')].map(c => c.getBoundingClientRect().width),
  labels: [...document.querySelectorAll('.bf-chart .bf-period, .bf-chart .bf-value')].map(
      e => parseFloat(getComputedStyle(e).fontSize)),
  body: parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize),
  tables: [...document.querySelectorAll('.md-content table')].map(t => {
    let box = t; for (let e = t; e; e = e.parentElement) {
      if (['auto', 'scroll'].includes(getComputedStyle(e).overflowX)) { box = e; break; } }
    return {table: t.getBoundingClientRect().width, box: box.getBoundingClientRect().width,
            right: box.getBoundingClientRect().right};
  }),
})"""


def open_zone(browser_context, sample_served, viewport) -> Reader:
    """The 廣州開發區 page in a tab of the given size."""
    page = browser_context.new_page()
    page.set_viewport_size(viewport)
    tab = Reader(page, sample_served)
    page.goto(sample_served + ZONE)
    page.wait_for_load_state("networkidle")
    return tab


def test_the_scorecard_puts_the_fixed_asset_target_beside_its_actual(sample_served, browser_context):
    tab = open_zone(browser_context, sample_served, DESKTOP)
    rows = tab.page.evaluate(SCORECARD_ROWS)
    fai = next(r for r in rows if r[0].startswith("固定資產投資"))
    assert "2000億元" in fai[1] and "2023–2024" in fai[1], fai
    assert "2500億元" in fai[2] and "2025" in fai[2], fai
    assert rows[0] == fai, "fixed-asset investment heads the scorecard"
    link = tab.page.locator(".bf-scorecard tbody tr").first.locator("td").nth(2).locator("a").first
    assert "#fig-" in link.get_attribute("href")
    assert tab.foreign == [] and tab.errors == []


def test_charts_span_the_content_with_labels_at_body_size(sample_served, browser_context):
    tab = open_zone(browser_context, sample_served, DESKTOP)
    widths = tab.page.evaluate(WIDTHS)
    assert widths["charts"] and min(widths["charts"]) >= 600, widths["charts"]
    assert widths["labels"] and min(widths["labels"]) >= 0.8 * widths["body"], (widths["labels"], widths["body"])
    screenshot(tab.page, "zone-briefing-desktop.png")


def test_on_a_phone_no_table_is_wider_than_the_screen(sample_served, browser_context):
    tab = open_zone(browser_context, sample_served, PHONE)
    widths = tab.page.evaluate(WIDTHS)
    assert widths["page"] <= widths["viewport"], widths
    for table in widths["tables"]:
        assert table["table"] <= widths["viewport"] and table["right"] <= widths["viewport"] + 1, table
    assert widths["charts"] and max(widths["charts"]) <= widths["viewport"]
    screenshot(tab.page, "zone-briefing-phone.png")
