"""Whole-site builds (Pelican/Hugo-style functional tests): the golden corpus, the project's own
content, and small inline sites for edge cases, each built with MkDocs --strict in both scripts."""
from __future__ import annotations

import hashlib
import html
import re
import shutil
from pathlib import Path

import pytest

from generator.paths import ProjectPaths
from generator.pipeline import run_build
from generator.site import build_site
from generator.store import dump_record
from golden.sample_project import make_project
from search_reader import SiteSearch

# A reference that makes a browser fetch something: script/img/iframe/source src, stylesheet/icon/preload href,
# CSS url()/@import.
EXTERNAL = re.compile(r"""<(?:script|img|iframe|source|audio|video|embed)\b[^>]*\bsrc=["']?(?:https?:)?//"""
                      r"""|<link\b[^>]*\bhref=["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//|@import\s+["']?(?:https?:)?//""",
                      re.IGNORECASE)


@pytest.fixture(scope="module")
def golden_site(tmp_path_factory) -> Path:
    """The golden corpus built once into a site."""
    paths = ProjectPaths(make_project(tmp_path_factory.mktemp("golden") / "project"))
    build_site(paths)
    return paths.site


def _files(site: Path) -> dict[str, str]:
    """Every file of a site with its SHA-256."""
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_both_scripts_have_every_page(golden_site):
    for root in (golden_site, golden_site / "zh-Hans"):
        for page in ("index.html", "zones.html", "industries.html", "archive.html", "figures.html", "policies.html",
                     "companies.html", "review.html", "zones/huangpu.html", "industries/integrated-circuits.html",
                     "articles/2025-02-08-huangpu-targets.html", "feed.xml", "sitemap.xml",
                     "data/explorer.js", "search/search_index.js"):
            assert (root / page).is_file(), root / page
    for name in ("figures.csv", "figures.json.gz", "articles.json.gz"):   # one copy, linked from both scripts
        assert (golden_site / "data" / name).is_file() and not (golden_site / "zh-Hans/data" / name).exists()
        assert f'href="../data/{name}"' in (golden_site / "zh-Hans/figures.html").read_text(encoding="utf-8")
    assert "黃埔區" in (golden_site / "zones/huangpu.html").read_text(encoding="utf-8")
    assert "黄埔区" in (golden_site / "zh-Hans/zones/huangpu.html").read_text(encoding="utf-8")


def test_each_script_names_the_site_and_its_sections_in_its_own_characters_with_english(golden_site):
    """The Simplified site's header, title and navigation are Simplified, never the authored Traditional."""
    hant = (golden_site / "zones/huangpu.html").read_text(encoding="utf-8")
    hans = (golden_site / "zh-Hans/zones/huangpu.html").read_text(encoding="utf-8")
    assert "產業政策簡報" in hant and "产业政策简报" not in hant
    assert "产业政策简报" in hans and "產業政策簡報" not in hans
    assert "區域 Zones" in hant and "区域 Zones" in hans and "区域 Zones" not in hant


def test_json_downloads_are_gzip_with_the_figures_of_the_csv(golden_site):
    import csv
    import gzip
    import json
    data = golden_site / "data"
    figures = json.loads(gzip.decompress((data / "figures.json.gz").read_bytes()).decode("utf-8"))
    rows = list(csv.reader((data / "figures.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert figures["columns"] == rows[0] and len(figures["rows"]) == len(rows) - 1 > 10
    articles = json.loads(gzip.decompress((data / "articles.json.gz").read_bytes()).decode("utf-8"))
    assert {a["id"] for a in articles} == {r[0] for r in rows[1:]} | {a["id"] for a in articles if not a.get("figures")}
    assert (data / "figures.json.gz").read_bytes()[4:8] == b"\0\0\0\0"   # no time in the header: the same bytes


def test_nothing_is_loaded_from_another_host(golden_site):
    files = [p for p in sorted(golden_site.rglob("*")) if p.suffix in (".html", ".css", ".js") and p.is_file()]
    assert {p.suffix for p in files} == {".html", ".css", ".js"}
    for path in files:
        match = EXTERNAL.search(path.read_text(encoding="utf-8", errors="replace"))
        assert match is None, f"{path}: {match and match.group(0)}"
    assert "iframe-worker-shim.js" in (golden_site / "index.html").read_text(encoding="utf-8")


def test_article_markup_stays_text(golden_site):
    pages = sorted(golden_site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        html = path.read_text(encoding="utf-8")
        for bad in ("<script>alert", "<b>政策", "<i>來源", "<img src=x", 'href="javascript:', "\0"):
            assert bad not in html, f"{path}: {bad}"
    page = (golden_site / "articles/2025-02-01-escaping.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "{{ 7*7 }}" in page   # shown as written, not run


def test_script_switch_leads_to_the_same_page(golden_site):
    zone = (golden_site / "zones/huangpu.html").read_text(encoding="utf-8")
    assert 'href="../zh-Hans/zones/huangpu.html" hreflang="zh-Hans"' in zone
    back = (golden_site / "zh-Hans/zones/huangpu.html").read_text(encoding="utf-8")
    assert 'href=".././../zones/huangpu.html" hreflang="zh-Hant"' in back or 'href="../../zones/huangpu.html"' in back


def test_search_finds_either_script_and_words_inside_compounds(golden_site):
    for root in (golden_site, golden_site / "zh-Hans"):
        search = SiteSearch(root)
        found = {query: search.locations(query) for query in ("積體電路", "集成电路", "集成電路", "积体电路", "电路",
                                                              "電路")}
        assert len({tuple(v) for v in found.values()}) == 1, found
        assert "articles/2025-02-08-huangpu-targets.html" in found["电路"]
        assert found["电路"][0].startswith("articles/"), "articles are listed before zone and industry pages"
    assert (golden_site / "search/fold.js").is_file() and not (golden_site / "zh-Hans/search/fold.js").exists()
    assert SiteSearch(golden_site / "zh-Hans").shared == (golden_site / "search").resolve()


def test_two_builds_are_byte_identical(golden_site, tmp_path):
    again = ProjectPaths(make_project(tmp_path / "again"))
    build_site(again)
    assert _files(again.site) == _files(golden_site)


def test_feed_lists_the_newest_articles(golden_site):
    feed = (golden_site / "feed.xml").read_text(encoding="utf-8")
    assert feed.index("2025-03-01-huangpu-update") < feed.index("2024-01-15-huangpu-investment")
    assert "<script>" not in feed


def _record(folder: Path, rid: str, zones=(), industries=(), figures=()) -> None:
    """Write one minimal record into an inline site's content."""
    meta = {"id": rid, "title": f"標題 {rid}", "published": "2025-01-01T00:00:00+08:00", "script": "zh-Hant",
            "summary": "", "zones": list(zones), "industries": list(industries), "figures": list(figures),
            "companies": [], "people": [], "policies": [], "content_hash": "x", "reviewed": False}
    (folder / f"{rid}.md").write_text(dump_record(meta, "正文。"), encoding="utf-8")


def _inline_site(tmp_path: Path, records, **settings) -> ProjectPaths:
    """A project whose corpus is the given records (taxonomy of the golden corpus), plugin options overridden."""
    project = make_project(tmp_path / "inline")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    for key, value in settings.items():
        config = re.sub(rf"(\n\s+{key}:) [^#\n]+", rf"\g<1> {value} ", config)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    for old in (project / "content" / "articles").glob("*.md"):
        old.unlink()
    for args in records:
        _record(project / "content" / "articles", *args)
    paths = ProjectPaths(project)
    build_site(paths)
    return paths


def test_empty_corpus_builds(tmp_path):
    paths = _inline_site(tmp_path, [])
    assert "0 篇文章" in (paths.site / "index.html").read_text(encoding="utf-8")
    assert (paths.site / "zh-Hans" / "figures.html").is_file()


def test_zone_without_figures_and_industry_with_one_article(tmp_path):
    zone = {"id": "suzhou-industrial-park", "name": "苏州工业园区", "name_en": "Suzhou Industrial Park"}
    industry = {"id": "low-altitude-economy", "name": "低空经济", "name_en": "Low-altitude economy"}
    paths = _inline_site(tmp_path, [("a-one", [zone], [industry])])
    page = (paths.site / "zones/suzhou-industrial-park.html").read_text(encoding="utf-8")
    assert "暫無主要指標數據" in page and "標題 a-one" in page
    industry = (paths.site / "industries/low-altitude-economy.html").read_text(encoding="utf-8")
    assert "文章 Articles</strong> 1" in industry
    assert "暂无主要指标数据" in (paths.site / "zh-Hans/zones/suzhou-industrial-park.html").read_text(encoding="utf-8")


def test_large_corpus_is_paginated_and_every_body_is_searchable(tmp_path):
    zone = {"id": "huangpu", "name": "黄埔区", "name_en": "Huangpu District"}
    paths = _inline_site(tmp_path, [(f"a-{i:03d}", [zone]) for i in range(53)], per_page=8)
    found = SiteSearch(paths.site).locations("正文")
    assert len(found) == 53 and found[0] == "articles/a-052.html"
    further = sorted(paths.site.glob("archive/*.html"))
    assert further and [p.name for p in further] == [f"{n}.html" for n in range(1, len(further) + 1)]
    listed = [len(re.findall(r'href="(?:\.\./)?articles/a-\d+\.html"', p.read_text(encoding="utf-8")))
              for p in [paths.site / "archive.html", *further]]
    assert sum(listed) == 53 and listed[0] >= 8
    assert (paths.site / "zones/huangpu/1.html").is_file()
    assert "../archive.html" in (paths.site / f"archive/{len(further)}.html").read_text(encoding="utf-8")


def test_project_content_builds(scratch_project, root):
    """What `make site` does, on a copy: the project's content and its documentation (docs/), --strict."""
    shutil.copytree(root / "docs", scratch_project / "docs")
    paths = ProjectPaths(scratch_project)
    assert run_build(paths)
    assert list((paths.site / "articles").glob("*.html")), "no article page"
    assert (paths.site / "documentation/index.html").is_file(), "the documentation section"
    assert (paths.site / "zh-Hans" / "index.html").is_file()


def test_sitemap_lists_every_page_with_the_contents_date(golden_site):
    sitemap = (golden_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>articles/2025-02-08-huangpu-targets.html</loc>" in sitemap
    assert "<lastmod>2025-03-01</lastmod>" in sitemap   # SOURCE_DATE_EPOCH: the newest article


def test_handwritten_documentation_is_copied_into_a_section(tmp_path):
    project = make_project(tmp_path / "docs-site")
    (project / "docs").mkdir()
    (project / "docs" / "evaluation.md").write_text("# 評測 Evaluation\n\nSee [the guide](guide.md).\n",
                                                    encoding="utf-8")
    (project / "docs" / "guide.md").write_text("# Guide\n\n集成電路 / 積體電路 stay as written.\n", encoding="utf-8")
    paths = ProjectPaths(project)
    build_site(paths)
    for root in (paths.site, paths.site / "zh-Hans"):
        assert "積體電路 stay as written" in (root / "documentation/guide.html").read_text(encoding="utf-8")
        assert 'href="documentation/index.html"' in (root / "index.html").read_text(encoding="utf-8")
        assert 'href="evaluation.html"' in (root / "documentation/index.html").read_text(encoding="utf-8")
        assert "documentation/guide.html" not in (root / "index.html").read_text(encoding="utf-8")


def test_the_default_script_is_set_in_the_configuration(tmp_path):
    zone = {"id": "huangpu", "name": "黄埔区", "name_en": "Huangpu District"}
    paths = _inline_site(tmp_path, [("a-one", [zone])], scripts="[zh-Hans, zh-Hant]")
    assert "黄埔区" in (paths.site / "zones/huangpu.html").read_text(encoding="utf-8")
    hant = (paths.site / "zh-Hant/zones/huangpu.html").read_text(encoding="utf-8")
    assert "黃埔區" in hant and 'href="../../zones/huangpu.html" hreflang="zh-Hans"' in hant.replace(".././", "../")


def test_large_corpus_bounds_review_term_pages_and_index(tmp_path):
    zone = {"id": "huangpu", "name": "黄埔区", "name_en": "Huangpu District"}

    def figures(i):
        """One low-confidence investment figure per article, two years, so values conflict."""
        return [{"text": f"{i + 1}億元", "quote": f"黃埔區投資{i + 1}億元。", "value": (i + 1) * 1e8, "unit": "CNY",
                 "metric": "投資", "metric_en": "investment", "kind": "actual", "year": 2020 + i % 2,
                 "zone": "huangpu", "confidence": 0.3}]
    paths = _inline_site(tmp_path, [(f"a-{i:03d}", [zone], (), figures(i)) for i in range(12)],
                         per_page=5)
    further = sorted((paths.site / "review/low-confidence").glob("*.html"))
    assert further and not (paths.site / "review/3.html").exists()
    review = (paths.site / "review.html").read_text(encoding="utf-8")
    assert f'href="review/low-confidence/{len(further)}.html"' in review and "更多 More" in review
    pages = [paths.site / "review.html", *further]
    low_rows = [page.read_text(encoding="utf-8").count("<td>0.3</td>") for page in pages]
    assert sum(low_rows) == 12 and low_rows[0] >= 5, low_rows
    zone_page = (paths.site / "zones/huangpu.html").read_text(encoding="utf-8")
    # other figures: 2 × quotes_per_metric articles
    assert zone_page.count("黃埔區投資") == 10 and "(2 more articles)" in zone_page
    search = SiteSearch(paths.site)
    assert search.locations("標題 a-000") == ["articles/a-000.html"]
    assert search.locations("黃埔區") == [f"articles/a-{i:03d}.html" for i in range(11, -1,
                                                                                 -1)] + ["zones/huangpu.html"]
    raw = (paths.site / f"search/text/{search.number('articles/a-000.html')}.js").read_text(encoding="utf-8")
    assert not re.search(r"\\u[4-9][0-9a-f]{3}", raw) and "正文" in raw, "Chinese is written as UTF-8, not escaped"


def test_404_page_links_nothing_from_the_host_root(golden_site):
    for page in (golden_site / "404.html", golden_site / "zh-Hans" / "404.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"""(?:href|src)=["']?/""", html), re.search(r"""(?:href|src)=["']?/.{0,40}""", html)
        assert '<link rel="stylesheet"' not in html.split("<script>document.write(")[0], "assets wait for the base"
    assert 'href="./zh-Hans/index.html"' in (golden_site / "404.html").read_text(encoding="utf-8")


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="reads Linux's /proc")
def test_a_build_process_reports_its_own_peak_not_its_parents():
    """A stage process started from a large parent reports its own peak memory (getrusage's survives exec)."""
    import subprocess
    import sys
    ballast = bytearray(400 * 2**20)   # the parent holds 400 MB, touched, when it starts the child
    ballast[::4096] = b"x" * len(ballast[::4096])
    code = "from generator.site import own_peak_mb; print(own_peak_mb())"
    child = float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    assert 5 < child < 200
    del ballast


_HREF = re.compile(r"""<a\s[^>]*?href="([^"]*)\"""")
_IDS = re.compile(r"""\sid="([^"]+)\"""")


def test_every_link_of_every_page_leads_to_a_file_and_anchor_of_the_site(golden_site):
    """Links in raw HTML blocks (tables, charts, lists) are not checked by MkDocs: every relative link of every
    page must name a file of the site and, with a `#fragment`, an id on that page."""
    ids: dict[Path, set[str]] = {}
    broken = []
    for page in sorted(golden_site.rglob("*.html")):
        for href in set(_HREF.findall(page.read_text(encoding="utf-8"))):
            if re.match(r"^[a-z]+:|^//", href) or not href:
                continue
            path, _, fragment = html.unescape(href).partition("#")
            target = (page.parent / path).resolve() if path else page.resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(golden_site)}: {href}")
            elif fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = set(_IDS.findall(target.read_text(encoding="utf-8")))
                if fragment not in ids[target]:
                    broken.append(f"{page.relative_to(golden_site)}: {href} (no such anchor)")
    assert not broken, broken[:20]
