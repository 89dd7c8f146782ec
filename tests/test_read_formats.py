"""Every input format reads into the same article: HTML, text dumps, Markdown, JSON, JSON Lines, RSS, Atom."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.clean.meta import article_metadata, clean_article
from generator.read import READERS, read_file

FIXTURES = Path(__file__).parent / "fixtures" / "read"


def article(name: str, entry: int = 0) -> tuple[dict, str]:
    """(metadata, body) of one fixture article."""
    raw = read_file(FIXTURES / name)[entry]
    art = clean_article(raw)
    return article_metadata(raw, art), art.body


def test_every_format_has_a_registered_reader():
    for suffix in (".txt", ".html", ".htm", ".md", ".json", ".jsonl", ".xml", ".rss", ".atom"):
        assert suffix in READERS, suffix


def test_html_page_reads_headline_dateline_credits_and_clean_body():
    meta, body = article("article.html")
    assert meta["title"] == "临港片区集成电路项目签约 总投资260亿元"
    assert meta["published"] == "2025-03-01T10:20:00+08:00"
    assert meta["source"] == "滨海日报"
    assert meta["authors"] == ["孙磊"] and meta["editors"] == ["周敏"]
    assert meta["url"] == "https://news.example.org/2025/0301/ic.html"
    assert meta["event_date"] == "2025-02-28"
    assert body.startswith("2月28日下午，临港片区举行集成电路产业项目集中签约仪式")
    assert "## 打造产业集群" in body
    for chrome in ("首页", "分享到", "责任编辑", "相关新闻", "GDP增长6.1%", "版权所有", "ICP", "当前位置"):
        assert chrome not in body, chrome


def test_html_two_line_headline_is_joined_and_not_repeated():
    meta, body = article("two_line.html")
    assert meta["title"] == "灣區新能源車廠擴產 年產能倍增 投資逾百億 今年動工"
    assert meta["published"] == "2024-09-02T07:30:00+08:00"
    assert meta["event_date"] == "2024-09-01"  # 昨日 in an article of 2024-09-02
    assert "年產能倍增" not in body.split("\n\n")[0][:20]
    assert "Facebook" not in body and "港股半日升" not in body and "版權所有" not in body


def test_text_dump_reads_dateline_credits_captions_and_drops_chrome():
    meta, body = article("dump_hans.txt")
    assert meta["title"] == "示范区新材料产业园开工 首期投资120亿元"
    assert meta["published"] == "2024-12-31T09:15:02+08:00"
    assert meta["source"] == "江南日报"
    assert meta["editors"] == ["李明", "赵小川"]
    assert meta["authors"] == ["王芳", "陈静"]          # "王 芳" written with a space
    assert meta["photographers"] == ["刘洋"]
    assert meta["event_date"] == "2024-12-30"
    blocks = body.split("\n\n")
    assert blocks[0].startswith("12月30日上午") and body.count("12月30日上午") == 1  # duplicated lead dropped
    assert "*开工现场 摄影 刘洋*" in blocks                  # captions are italic paragraphs
    assert "## 园区规划" in blocks                          # short heading lines become headings
    assert "发布的规划" in body and "(fā)" not in body        # pinyin gloss removed
    assert blocks[-1] == "根据规划,到2027年,园区将建成三个功能片区。"  # trailing (江南日报) credit dropped
    for chrome in ("电脑版", "分享到", "资料图", ".jpg", "相关新闻", "900亿元", "版权所有", "ICP", "首页 |"):
        assert chrome not in body, chrome
    assert body.count("示范区新材料产业园开工") == 0         # repeated headline (alt text) dropped


def test_english_page_dump():
    meta, body = article("dump_en.txt")
    assert meta["title"] == "Riverside district lists 120 key projects for 2024"
    assert meta["published"].startswith("2024-03-05")
    assert "Home >" not in body and "Copyright" not in body and "All rights reserved" not in body
    assert body.startswith("Riverside district has listed 120 key projects")


def test_markdown_front_matter():
    meta, body = article("article.md")
    assert meta["title"] == "新区发布产业扶持政策 设立50亿元基金"
    assert meta["published"] == "2025-02-08T10:30:00+08:00"
    assert meta["source"] == "新区发布" and meta["authors"] == ["张伟", "李娜"]
    assert meta["url"] == "https://example.org/news/2025/0208/fund.html"
    assert "## 重点方向" in body and meta["event_date"] == "2025-02-07"


def test_markdown_title_from_top_heading(tmp_path):
    path = tmp_path / "note.md"
    path.write_text("---\ndate: 2025-01-03\n---\n# 园区新增企业30家\n\n1月2日,园区新增企业30家。\n", encoding="utf-8")
    raw = read_file(path)[0]
    assert raw.fields["title"] == "园区新增企业30家"
    assert raw.text.strip() == "1月2日,园区新增企业30家。"


def test_json_list_with_text_and_html_entries():
    raws = read_file(FIXTURES / "articles.json")
    assert [r.entry for r in raws] == [0, 1]
    meta, body = article("articles.json", 1)
    assert meta["title"] == "港口新建泊位投用" and meta["source"] == "港口报"
    assert body == "4月2日,港口新建的两个泊位正式投入使用。\n\n新泊位年吞吐能力达到200万标箱。"
    meta, _ = article("articles.json", 0)
    assert meta["published"] == "2024-04-02T09:00:00+08:00" and meta["url"] == "https://example.org/a/1"


def test_json_lines_one_article_per_line():
    raws = read_file(FIXTURES / "articles.jsonl")
    assert [r.fields["title"] for r in raws] == ["高新区发布人才新政", "高新区新增独角兽企业2家"]
    assert raws[1].fields["authors"] == ["周洁", "吴磊"]
    meta, _ = article("articles.jsonl", 1)
    assert meta["event_date"] is None          # 日前 names no day: no event date is made up
    assert meta["published"] == "2024-05-07T00:00:00+08:00"


def test_rss_feed_one_article_per_item():
    raws = read_file(FIXTURES / "feed.rss")
    assert len(raws) == 2
    meta, body = article("feed.rss", 0)
    assert meta["title"] == "湾区储能项目集中开工"
    assert meta["published"] == "2025-02-08T16:38:47+08:00"
    assert meta["source"] == "湾区产业观察" and meta["authors"] == ["陈晨"]
    assert meta["url"] == "https://example.org/news/1"
    assert body == "2月7日,湾区12个储能项目集中开工,总投资85亿元。\n\n项目预计年底前全部投产。"
    meta, _ = article("feed.rss", 1)
    assert meta["event_date"] == "2025-02-09"  # 昨日 in an article of 2025-02-10


def test_atom_feed_entry():
    meta, body = article("feed.atom")
    assert meta["title"] == "Riverside opens a biomedicine park"
    assert meta["published"] == "2024-06-01T08:00:00+00:00"
    assert meta["authors"] == ["Jane Lee"] and meta["url"] == "https://example.org/en/park"
    assert body.startswith("Riverside opened a biomedicine park")


@pytest.mark.parametrize("name", ["article.html", "dump_hans.txt", "articles.json", "feed.rss"])
def test_reading_never_modifies_the_raw_file(name):
    path = FIXTURES / name
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    for raw in read_file(path):
        article_metadata(raw, clean_article(raw))
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_government_page_laid_out_in_tables():
    meta, body = article("gov_table.html")
    assert meta["title"] == "江北县前三季度工业投资增长12.4%"
    assert meta["published"].startswith("2016-10-25") and meta["source"] == "县发改局"
    assert body.startswith("1-9月，全县工业投资完成86.5亿元") and body.endswith("确保全年工业投资增长10%以上。")
    for chrome in ("网站首页", "浏览次数", "打印本页", "关闭窗口", "主办单位", "ICP"):
        assert chrome not in body, chrome
