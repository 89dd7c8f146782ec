"""The page building blocks: escaping, number display, figure marks, key-figure rows, conflicts,
per-script views, search sub-words and pagination."""
from __future__ import annotations

from types import SimpleNamespace

import markdown

from generator.gather import gather
from generator.pages.escape import markdown_cell, markdown_text, plain_title, safe_url
from generator.pages.formats import as_written_and_normalised, window
from generator.pages.highlight import body_html
from generator.pages.localise import Converter
from generator.pages.pager import stable_pages
from generator.record import Record
from generator.store import StoredRecord


def _html(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "attr_list"])


def test_markdown_text_renders_article_data_literally():
    hostile = "<script>x</script> **b** _i_ [l](javascript:x) `c` {: #id } | &amp;"
    html = _html(markdown_text(hostile))
    assert "<script>" not in html and "<strong>" not in html and "<em>" not in html and "<a " not in html
    assert "&lt;script&gt;" in html and "**b**" in html and "&amp;amp;" in html
    for block in ("# h", "- item", "1. one", "+ x", "> q", "==="):
        assert not _html(markdown_text(block)).startswith(("<h", "<ul", "<ol", "<blockquote")), block


def test_table_cells_stay_in_one_cell():
    row = "| " + markdown_cell("a | b\nc") + " | x |"
    html = _html("| h | k |\n| --- | --- |\n" + row)
    assert html.count("<td>") == 2 and "a | b c" in html


def test_titles_and_links_cannot_carry_markup():
    assert "<" not in plain_title("</title><script>") and ">" not in plain_title("a>b")
    assert safe_url("javascript:alert(1)") is None and safe_url("https://x.org/a") == "https://x.org/a"


def test_numbers_as_written_and_normalised():
    assert as_written_and_normalised({"text": "2,500億元", "value": 2.5e11, "unit": "CNY"}) == "2,500億元 (¥250.0 bn)"
    assert as_written_and_normalised({"text": "超2000億元", "value": 2e11, "unit": "CNY", "qualifier": "over"}) \
        == "超2000億元 (over ¥200.0 bn)"
    assert as_written_and_normalised({"text": "400個", "value": 400, "unit": "count"}) == "400個"
    assert as_written_and_normalised({"text": "3至5億元", "low": 3e8, "high": 5e8, "unit": "CNY"}) \
        == "3至5億元 (¥300.0 m–¥500.0 m)"


def test_long_quotes_are_cut_around_the_figure():
    quote = "甲" * 400 + "超2000億元" + "乙" * 400
    cut = window(quote, "超2000億元", 100)
    assert "超2000億元" in cut and cut.startswith("…") and cut.endswith("…") and len(cut) <= 102


def test_figures_are_marked_in_the_text():
    body = "第一段。\n\n投資超2000億元,目標2500億元。<b>"
    figures = [SimpleNamespace(n=1, text="超2000億元"), SimpleNamespace(n=2, text="2500億元"),
               SimpleNamespace(n=3, text="無")]   # body_html reads a figure's number and text
    html, marked = body_html(body, figures)
    assert marked == {1, 2}
    assert '<mark id="mark-1"><a href="#fig-1"' in html and "&lt;b&gt;" in html


def _fig(**kw):
    base = {"text": "1", "quote": "q", "value": 1, "unit": "CNY", "metric": "固定资产投资",
            "metric_en": "Fixed-asset investment",
            "kind": "actual", "year": 2024, "zone_id": "z", "article": "a", "published": "2025-01-01", "n": 1}
    return base | kw


def test_each_script_keeps_its_own_articles_verbatim():
    hant = Converter("zh-Hant")
    trad = {"script": "zh-Hant", "title": "臺灣平台", "id": "x", "companies": [{"name": "亿航智能"}]}
    assert hant.record(trad)["companies"] == [{"name": "億航智能"}]
    assert hant.record({**trad, "title": "台灣平台"})["title"] == "台灣平台"
    simp = {"script": "zh-Hans", "title": "集成电路产业", "id": "a-b", "figures": [{"text": "2亿元", "unit": "CNY"}]}
    out = hant.record(simp)
    assert out["title"] == "集成電路產業" and out["id"] == "a-b" and out["figures"][0]["unit"] == "CNY"
    assert Converter("zh-Hans")("積體電路") in ("集成电路", "积体电路")


def test_gather_files_a_figure_under_the_zone_it_is_about_only():
    meta = Record.model_validate({
        "id": "a", "title": "t", "published": "2025-01-01T00:00:00+08:00", "script": "zh-Hans", "content_hash": "h",
        "zones": [{"id": "z", "name": "区"}],
        "figures": [{"text": "1个", "quote": "1个", "unit": "count", "value": 1, "zone": "z"},
                    {"text": "2个", "quote": "2个", "unit": "count", "value": 2, "zone": None}],
        "companies": ["甲公司", {"name": "乙公司"}], "people": [{"name": "张三"}]})
    corpus = gather([StoredRecord(path=None, record=meta, body="正文")])
    assert [f.text for f in corpus.zones["z"].figures] == ["1个"]
    assert [f.zone_id for f in corpus.figures] == ["z", None]
    assert sorted(c.name for c in corpus.companies) == ["乙公司", "甲公司"]
    assert corpus.zones["z"].provisional  # not in a taxonomy


def _pages_of(items: list, per_page: int = 10) -> dict[str, list]:
    """The stable pages of `items` (keys are the items), by file."""
    return {p.file: p.items for p in stable_pages(items, per_page, "archive.md", str)}


def test_pages_link_to_their_neighbours_and_hold_every_item_once():
    items = [f"a-{n:04d}" for n in range(400, 0, -1)]          # newest first
    pagers = stable_pages(items, 10, "archive.md", str)
    assert pagers[0].file == "archive.md" and pagers[0].first_page and len(pagers[0].items) >= 10
    assert [i for p in pagers for i in p.items] == items
    assert pagers[0].newer is None and pagers[-1].older is None and pagers[-1].file == "archive/1.md"
    for newer, older in zip(pagers, pagers[1:]):
        assert newer.older == older.file and older.newer == newer.file
    assert pagers[1].link(pagers[0].file) == "../archive.md" and pagers[1].link(pagers[2].file) == pagers[2].file[8:]
    assert all(2 <= len(p.items) <= 30 for p in pagers[1:])   # a quarter of the page size to three times it
    assert 20 <= len(pagers) <= 60
    assert len(stable_pages([], 10, "x.md", str)) == 1


def test_an_added_or_removed_item_changes_one_page_besides_the_first():
    items = [f"a-{n:04d}" for n in range(400, 0, -1)]
    before = _pages_of(items)
    changed_counts = []
    for change in (["a-9999", *items], [*items[:200], "a-0200x", *items[200:]], items[:150] + items[151:]):
        after = _pages_of(change)
        changed = {f for f in before.keys() | after.keys() if before.get(f) != after.get(f)} - {"archive.md"}
        changed_counts.append(len(changed))
    assert changed_counts[0] == 0            # a newest item: the first page only
    assert changed_counts[1] <= 2 and changed_counts[2] <= 2   # in the middle: its page (and at most one more)


def test_subheadings_and_captions_keep_their_emphasis_only_when_whole():
    html, _ = body_html("**小標題**\n\n*圖 攝影 甲*\n\n正文*不*變 <i>", [])
    assert "<p><strong>小標題</strong></p>" in html and '<p class="bf-caption"><em>圖 攝影 甲</em></p>' in html
    assert "<p>正文*不*變 &lt;i&gt;</p>" in html


def test_a_figure_about_a_zone_the_article_does_not_list_reaches_that_zone():
    class Taxonomy:
        zones = [type("T", (), {"id": "other", "name": "他区", "name_hant": "", "name_en": "Other", "parent": None})()]
        industries = []
    meta = Record.model_validate({
        "id": "a", "title": "t", "published": "2025-01-01", "script": "zh-Hans", "content_hash": "h",
        "zones": [{"id": "z", "name": "区"}],
        "figures": [{"text": "1个", "quote": "1个", "unit": "count", "value": 1, "zone": "other"}]})
    corpus = gather([StoredRecord(path=None, record=meta, body="正文")], Taxonomy())
    assert corpus.zones["other"].figures and not corpus.zones["z"].figures
