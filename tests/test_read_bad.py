"""Bad input: each gets a ReadError with a clear reason and a hint; the raw file is never changed."""
from __future__ import annotations

import os
import random

import pytest
from click.testing import CliRunner

from generator.read import MAX_BYTES, ReadError, read_file
from generator.read.meta import article_metadata, clean_article


def read_article(path) -> dict:
    """The metadata of the first article of a file (raises ReadError like the pipeline does)."""
    raw = read_file(path)[0]
    return article_metadata(raw, clean_article(raw))


def write(tmp_path, name: str, data: bytes):
    """A file with the given bytes."""
    path = tmp_path / name
    path.write_bytes(data)
    return path


NOISE = bytes(random.Random(7).randrange(0x80, 0x100) for _ in range(4000))
CASES = {
    "empty": ("empty.txt", b"", "empty file"),
    "blank": ("blank.txt", b" \n\n \t\n", "empty file"),
    "binary": ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
    "controls": ("ctrl.txt", bytes(random.Random(3).randrange(1, 0x20) for _ in range(2000)), "binary file"),
    "undecodable": ("noise.txt", NOISE, "decode in no known encoding"),
    "no date": ("nodate.txt", "园区发展情况\n\n园区今年引进项目30个,总投资超过100亿元。\n".encode(), "no date"),
    "no title, no date": ("notitle.txt", "园区今年引进项目30个,总投资超过100亿元,比去年同期增长两成以上,园区将继续优化营商环境。\n".encode(),
                          "no title and no date"),
    "chrome only": ("chrome.txt", "首页 | 新闻 | 产业\n园区新闻\n2025-01-02 10:00\n分享到\n版权所有 未经授权不得转载\n".encode(),
                    "no article text"),
    "invalid json": ("bad.json", b'{"title": "x", ', "invalid JSON"),
    "json scalar": ("n.json", b"42", "neither an object"),
    "json entry": ("e.jsonl", b'["a list"]\n', "not a JSON object"),
    "bad front-matter": ("bad.md", b"---\ntitle: [unclosed\n---\nbody\n", "front-matter is not valid YAML"),
    "feed without entries": ("empty.rss", b"<rss><channel><title>t</title></channel></rss>", "no feed entries"),
    "unknown type": ("a.pdf", b"%PDF-1.4", "unknown file type"),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_bad_input_is_refused_with_reason_and_hint(tmp_path, case):
    name, data, reason = CASES[case]
    path = write(tmp_path, name, data)
    with pytest.raises(ReadError) as caught:
        read_article(path)
    assert reason in caught.value.reason
    assert caught.value.path == path and caught.value.hint
    assert path.read_bytes() == data  # never modified


def test_huge_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as out:
        out.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing written
    assert os.path.getsize(path) > MAX_BYTES
    with pytest.raises(ReadError) as caught:
        read_file(path)
    assert "too large" in caught.value.reason and "50.0 MB" in caught.value.reason
    assert f"{MAX_BYTES // 2**20} MB limit" in caught.value.reason


def test_missing_headline_with_a_dated_lead_is_read_with_a_derived_title(tmp_path):
    lead = "3月30日,南沙新区2022年第一季度重大项目集中开工活动举行,当日共有46个项目集中开工,总投资超750亿元。\n"
    meta = read_article(write(tmp_path, "lead.txt", lead.encode()))
    assert meta["title"] == "南沙新区2022年第一季度重大项目集中开工活动举行"
    assert meta["title_derived"] is True
    assert meta["published"] is None and meta["event_date"] == "2022-03-30"


def test_cli_reports_one_line_with_file_and_reason(tmp_path):
    from generator.cli import cli
    path = write(tmp_path, "empty.txt", b"")
    result = CliRunner().invoke(cli, ["extract", "--json", str(path)])
    assert result.exit_code != 0
    assert "empty.txt: empty file" in result.output and "hint:" in result.output


def test_a_bad_entry_among_good_ones_fails_alone(tmp_path):
    lines = ['{"title": "园区签约项目12个", "date": "2025-03-01", "text": "3月1日,园区签约项目12个。"}',
             '{"title": "没有日期的条目", "text": "园区项目进展顺利。"}']
    path = write(tmp_path, "mixed.jsonl", "\n".join(lines).encode())
    good, bad = read_file(path)
    assert article_metadata(good, clean_article(good))["title"] == "园区签约项目12个"
    with pytest.raises(ReadError) as caught:
        article_metadata(bad, clean_article(bad))
    assert caught.value.reason.startswith("entry 1: no date")
