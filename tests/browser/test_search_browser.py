"""The reader's search in a real Chromium on the sample site (the 13 articles of ../shared/samples/
copied into a scratch project's inbox): the query table on both sites, a phrase from the middle of a
body, what a result shows, the results line's script, a sub-path and file://, loopback only."""
from __future__ import annotations

import re

import pytest

from browsing import Reader, screenshot
from generator.paths import ProjectPaths
from generator.scripts import normalise, project_wording
from generator.search import settings
from generator.store import iter_records

pytestmark = [pytest.mark.browser, pytest.mark.shared]

QUERIES = ("積體電路", "集成电路", "集成電路", "积体电路", "广州开发区", "廣州開發區", "黄埔", "粤芯", "粵芯", "电路",
           "投资")


PASSAGE_FROM = settings()["passage_chars"]   # search.yml: an article's passages come from its first characters


def search(page, query: str) -> dict:
    """Type a query into Material's search box; the results line and each result's link and parts."""
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.evaluate("() => { document.querySelector('.md-search-result__meta').textContent = '';"
                  " document.querySelector('.md-search-result__list').innerHTML = ''; }")
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")          # CJK text arrives without a key-up: this triggers the search
    page.wait_for_function("() => /[0-9]|沒有|没有/"
                           ".test(document.querySelector('.md-search-result__meta').textContent)",
                           timeout=15000)
    items = page.locator(".md-search-result__item").evaluate_all("""els => els.map(e => ({
        href: e.querySelector('a').href.split('?')[0].split('#')[0],
        title: e.querySelector('h1').textContent,
        where: (e.querySelector('.bf-search-where') || {}).textContent || '',
        marks: [...e.querySelectorAll('mark')].map(m => m.textContent)}))""")
    return {"line": page.locator(".md-search-result__meta").inner_text(), "items": items}


def _containing(paths: ProjectPaths, query: str) -> set[str]:
    """The article pages whose record (title, body, names) holds the query's word in either script."""
    wording = project_wording(paths.root)
    word = normalise(query, wording)
    out = set()
    for record in iter_records(paths.articles):
        meta = record.meta
        names = [z.get("name", "") for z in (meta.get("zones") or []) + (meta.get("industries") or [])]
        names += [c.get("name", "") if isinstance(c, dict) else str(c) for c in meta.get("companies") or []]
        text = "\n".join([str(meta.get("title") or ""), record.body, *names])
        if word in normalise(text, wording):
            out.add(f"articles/{meta['id']}.html")
    return out


@pytest.mark.parametrize("root", ["", "zh-Hans/"])
def test_query_table_finds_the_articles_in_either_script_with_an_article_first(root, sample_site, sample_served,
                                                                               browser_context):
    tab = Reader(browser_context.new_page(), sample_served)
    tab.page.goto(sample_served + root + "index.html")
    base = sample_served + root
    found = {}
    for query in QUERIES:
        result = search(tab.page, query)
        links = [i["href"][len(base):] for i in result["items"] if i["href"].startswith(base)]
        assert len(links) == len(result["items"]), f"{query}: a result outside this script's site"
        expected = _containing(sample_site, query)
        assert expected, f"{query}: no sample article holds it (the table needs rethinking)"
        assert expected <= set(links), f"{query}: missed {expected - set(links)}"
        assert links[0].startswith("articles/"), f"{query}: first result {links[0]}"
        assert not any(link.startswith(("documentation/", "archive", "review")) for link in links)
        found[query] = links
        tab.page.keyboard.press("Escape")
    for group in (QUERIES[0:4], QUERIES[4:6], QUERIES[7:9]):
        assert len({tuple(found[q]) for q in group}) == 1, {q: found[q] for q in group}
    assert tab.foreign == [] and tab.errors == []


def test_a_phrase_from_the_middle_of_a_body_finds_its_article(sample_site, sample_served, browser_context):
    tab = Reader(browser_context.new_page(), sample_served)
    tab.page.goto(sample_served + "index.html")
    tried = 0
    for record in sorted(iter_records(sample_site.articles), key=lambda r: r.meta["id"]):
        runs = re.findall(r"[\u4e00-\u9fff]{12,}", record.body)
        if len(runs) < 3 or record.meta.get("script") != "zh-Hant":
            continue
        middle = runs[len(runs) // 2]
        phrase = middle[2:12]
        result = search(tab.page, phrase)
        assert result["items"], f"nothing for {phrase!r}"
        assert result["items"][0]["href"].endswith(f"articles/{record.meta['id']}.html"), (phrase, result["items"][:3])
        if record.body.find(middle) + 12 < PASSAGE_FROM * 0.5:   # passages come from a body's first characters
            assert phrase in "".join(result["items"][0]["marks"]), "the phrase is highlighted in the passage"
        tab.page.keyboard.press("Escape")
        early = runs[0]                                            # the lead's first long run
        result = search(tab.page, early[2:12])
        assert early[2:12] in "".join(result["items"][0]["marks"]), "a phrase near the start is highlighted"
        tab.page.keyboard.press("Escape")
        tried += 1
        if tried == 3:
            break
    assert tried == 3
    assert tab.foreign == [] and tab.errors == []


def test_a_result_shows_title_date_zone_and_passage_and_the_line_is_in_the_pages_script(sample_served, browser_context):
    tab = Reader(browser_context.new_page(), sample_served)
    for root, same, other in (("", "個", "个"), ("zh-Hans/", "个", "個")):
        tab.page.goto(sample_served + root + "index.html")
        result = search(tab.page, "黄埔")
        first = result["items"][0]
        assert re.match(r"\d{4}-\d{2}-\d{2} · ", first["where"]), first
        assert first["marks"] and first["title"]
        assert same in result["line"] and other not in result["line"], result["line"]
        screenshot(tab.page, f"search-{root.strip('/') or 'zh-Hant'}.png")
        tab.page.keyboard.press("Escape")
    assert tab.foreign == [] and tab.errors == []


def test_search_works_from_disk_on_both_sites(sample_site, browser_context):
    base = sample_site.site.as_uri() + "/"
    tab = Reader(browser_context.new_page(), base)
    for root in ("", "zh-Hans/"):
        tab.page.goto(base + root + "index.html")
        result = search(tab.page, "積體電路")
        assert any("/articles/" in i["href"] for i in result["items"])
        tab.page.keyboard.press("Escape")
    assert tab.foreign == [] and tab.errors == []


def test_the_browser_folds_text_as_the_index_does(sample_site, sample_served, browser_context):
    from generator.search.fold import Folder, character_table
    fold = Folder.for_wording(project_wording(sample_site.root))
    table = "".join(sorted(character_table()))
    texts = [table[i:i + 400] for i in range(0, len(table), 400)] + [a + "和" + b for a, b in fold.pairs]
    texts += [str(r.meta.get("title") or "") + r.body[:300] for r in iter_records(sample_site.articles)]
    tab = Reader(browser_context.new_page(), sample_served)
    tab.page.goto(sample_served + "index.html")
    folded = tab.page.evaluate("""async (texts) => {
        window.importScripts = (...urls) => urls.reduce((p, u) => p.then(() => new Promise(r => {
            const s = document.createElement("script"); s.src = u; s.onload = r; document.body.appendChild(s); })),
            Promise.resolve());
        const ready = new Promise(r => { window.postMessage = (m) => { if (m.type === 1) r(); }; });
        await importScripts(new URL("assets/javascripts/briefing-search.js", location.href).href);
        const index = await (await fetch("search/search_index.json")).json();
        window.dispatchEvent(new MessageEvent("message", {data: {type: 0, data: index}}));
        await ready;
        return texts.map(t => window.briefingSearch.folded(t).text);
    }""", texts)
    assert folded == [fold(t) for t in texts]
