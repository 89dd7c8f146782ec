"""Encodings: UTF-8 with and without BOM, UTF-16, GB18030/GBK and Big5, declared or detected."""
from __future__ import annotations

import pytest

from generator.read import ReadError, read_file
from generator.read.meta import article_metadata, clean_article

HANS = "园区集成电路项目签约\n2025-03-01 10:20 来源:滨海日报\n3月1日上午,园区举行集成电路项目签约仪式,共签约项目12个,总投资260亿元,预计达产后年产值超过500亿元。\n"
HANT = "園區積體電路項目簽約\n2025-03-01 10:20 來源:濱海日報\n3月1日上午,園區舉行積體電路項目簽約儀式,共簽約項目12個,總投資260億元,預計達產後年產值超過500億元。\n"


def read_text(tmp_path, name: str, data: bytes) -> tuple[dict, str]:
    """(metadata, body) of a file written with the given bytes."""
    path = tmp_path / name
    path.write_bytes(data)
    raw = read_file(path)[0]
    art = clean_article(raw)
    return article_metadata(raw, art), art.body


@pytest.mark.parametrize("data", [HANS.encode("utf-8"), b"\xef\xbb\xbf" + HANS.encode("utf-8"),
                                  HANS.encode("utf-16"), HANS.encode("gbk"), HANS.encode("gb18030")],
                         ids=["utf8", "utf8-bom", "utf16", "gbk", "gb18030"])
def test_simplified_text_in_every_encoding(tmp_path, data):
    meta, body = read_text(tmp_path, "a.txt", data)
    assert meta["title"] == "园区集成电路项目签约"
    assert meta["source"] == "滨海日报"
    assert "总投资260亿元" in body


@pytest.mark.parametrize("encoding", ["big5", "utf-8"])
def test_traditional_text_in_big5(tmp_path, encoding):
    meta, body = read_text(tmp_path, "b.txt", HANT.encode(encoding))
    assert meta["title"] == "園區積體電路項目簽約"
    assert meta["source"] == "濱海日報"
    assert "總投資260億元" in body


def page(charset_meta: str, text: str) -> str:
    """A small news page, its charset declared by `charset_meta` (may be empty)."""
    return (f"<html><head>{charset_meta}<title>{text.splitlines()[0]}</title></head><body>"
            f"<h1>{text.splitlines()[0]}</h1><div>{text.splitlines()[1]}</div>"
            f"<div class='content'><p>{text.splitlines()[2]}</p></div></body></html>")


@pytest.mark.parametrize("declared", ['<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
                                      '<meta charset="gbk">', ""], ids=["gb2312-meta", "gbk-meta", "undeclared"])
def test_gbk_html_page(tmp_path, declared):
    meta, body = read_text(tmp_path, "p.html", page(declared, HANS).encode("gb18030"))
    assert meta["title"] == "园区集成电路项目签约"
    assert meta["published"] == "2025-03-01T10:20:00+08:00"
    assert "总投资260亿元" in body


def test_big5_html_page(tmp_path):
    meta, body = read_text(tmp_path, "p.htm", page('<meta charset="big5">', HANT).encode("big5"))
    assert meta["title"] == "園區積體電路項目簽約" and "總投資260億元" in body


def test_utf8_cut_inside_its_last_character_is_read_without_it(tmp_path):
    data = HANS.encode("utf-8")
    assert data.endswith("。\n".encode("utf-8"))
    meta, body = read_text(tmp_path, "cut.txt", data[:-3])   # 。 is three bytes: one is left
    assert meta["title"] == "园区集成电路项目签约" and body.endswith("预计达产后年产值超过500亿元")
    broken = HANS.encode("utf-8")
    broken = broken[:60] + broken[61:]   # a byte missing inside the text: no encoding fits, as before
    with pytest.raises(ReadError, match="no known encoding"):
        read_text(tmp_path, "broken.txt", broken)
