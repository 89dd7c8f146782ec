"""Reading a fetched page: its fetch record gives the URL and the HTTP charset, and is never read as an article."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from fetch_site import article_page
from generator.clean.meta import article_metadata, clean_article
from generator.cli import cli
from generator.read import ReadError, read_file
from generator.read.decode import decode_bytes
from generator.read.fetched import sidecar_of, transport_charset

TITLE = "滨江开发区新增省级专精特新企业12家"
PAGE = (TITLE, "2025-09-03T09:00:00+08:00", ["9月2日,滨江开发区新增省级专精特新企业12家,累计达到86家。",
                                             "开发区对新认定企业给予每家最高50万元奖励。",
                                             "开发区计划到2026年培育专精特新企业100家以上。"])
TEXT = "滨江开发区一季度新签约项目18个,总投资逾300亿元。"
TEXT_HANT = "濱江開發區一季度新簽約項目18個,總投資逾300億元。"


def html(text: str, charset: str, declared: str) -> bytes:
    """A short page of `text` in `charset` that declares `declared` ('' for nothing)."""
    meta = f'<meta charset="{declared}">' if declared else ""
    return f"<html><head>{meta}</head><body><p>{text}</p></body></html>".encode(charset)


@pytest.mark.parametrize("charset, declared, header", [
    ("gbk", "", "gbk"),              # only the header says it
    ("gbk", "big5", "GBK"),          # the header outranks a wrong declaration (Big5 would decode to nonsense)
    ("big5", "gbk", "big5"),
    ("gbk", "gbk", "iso-8859-1"),    # a Western default header gives way to the page's declaration
    ("utf-8", "", "ISO-8859-1"),     # ... and to bytes that are UTF-8 text
    ("utf-8", "utf-8", "gb2312"),    # UTF-8 bytes in a page declaring UTF-8 are UTF-8 whatever the header says
    ("gbk", "gbk", "utf-8"),         # a header the bytes are invalid in is passed over
    ("gbk", "gbk", "x-no-such"),     # an unknown charset is ignored
], ids=["header-only", "header-over-meta", "header-over-meta-big5", "western-header", "western-header-utf8",
        "utf8-bytes", "invalid-header", "unknown-header"])
def test_the_http_charset_and_the_page_decide_the_encoding(tmp_path, charset, declared, header):
    text = TEXT_HANT if charset == "big5" else TEXT
    data = html(text, charset, declared)
    content_type = f"text/html; charset={header}"
    assert text in decode_bytes(data, tmp_path / "p.html", transport_charset({"content_type": content_type}))


def test_transport_charset_reads_the_content_type():
    assert transport_charset({"content_type": 'text/html; charset="GB2312"'}) == "gb2312"
    assert transport_charset({"content_type": "text/html"}) is None
    assert transport_charset(None) is None


def fetched_page(folder: Path, data: bytes, url: str, content_type: str) -> Path:
    """A page and its fetch record as `briefing add` stores them."""
    page = folder / "web" / "example.org" / "a-0123456789.html"
    page.parent.mkdir(parents=True)
    page.write_bytes(data)
    sidecar_of(page).write_text(json.dumps({"url": url, "fetched": "2025-09-03T02:00:00Z", "status": 200,
                                            "content_type": content_type}), encoding="utf-8")
    return page


def test_the_fetch_record_gives_the_url_and_charset(tmp_path):
    data = article_page(*PAGE, charset="gbk", meta_charset="", canonical="https://example.org/other.html")
    page = fetched_page(tmp_path, data, "https://example.org/a.html", "text/html; charset=gbk")
    raw = read_file(page)[0]
    meta = article_metadata(raw, clean_article(raw))
    assert meta["title"] == TITLE
    assert meta["url"] == "https://example.org/a.html"   # where it was fetched, not the canonical link
    assert meta["published"] == "2025-09-03T09:00:00+08:00"


def test_a_page_without_fetch_record_keeps_its_canonical_url(tmp_path):
    page = tmp_path / "saved.html"
    page.write_bytes(article_page(*PAGE, canonical="https://example.org/other.html"))
    raw = read_file(page)[0]
    assert article_metadata(raw, clean_article(raw))["url"] == "https://example.org/other.html"


def test_a_fetch_record_is_never_read_as_an_article(scratch_project):
    inbox = scratch_project / "content" / "inbox"
    page = fetched_page(inbox, article_page(*PAGE), "https://example.org/a.html", "text/html; charset=utf-8")
    with pytest.raises(ReadError, match="a fetch record"):
        read_file(sidecar_of(page))
    runner = CliRunner()
    env = {"BRIEFING_ROOT": str(scratch_project)}
    result = runner.invoke(cli, ["ingest"], env=env)
    assert result.exit_code == 0 and "ingested 1, unchanged 1, failed 0" in result.output, result.output
    result = runner.invoke(cli, ["extract", "--json", str(page)], env=env)
    assert json.loads(result.output)["url"] == "https://example.org/a.html"
