"""Bad input: each gets a ReadError with a clear reason and a hint; the raw file is never changed."""
from __future__ import annotations

import os
import random

import pytest
from click.testing import CliRunner

from generator.clean import clean_articles
from generator.read import MAX_BYTES, ReadError, read_file


def read_article(path) -> dict:
    """The metadata of the first article of a file (raises ReadError like the pipeline does)."""
    return clean_articles(read_file(path))[0].checked()[1]


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
    "chrome only": ("chrome.txt",
                    "首页 | 新闻 | 产业\n园区新闻\n2025-01-02 10:00\n分享到\n版权所有 未经授权不得转载\n".encode(),
                    "no article text"),
    "invalid json": ("bad.json", b'{"title": "x", ', "invalid JSON"),
    "json scalar": ("n.json", b"42", "neither an object"),
    "json entry": ("e.jsonl", b'["a list"]\n', "line 1: not a JSON object"),
    "broken json line": ("b.jsonl", b'{"title": "x", \n', "line 1: invalid JSON"),
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
    lead = "5月9日,临港新区2023年第二季度重点项目集中签约仪式举行,当日共有32个项目集中签约,总投资超520亿元。\n"
    meta = read_article(write(tmp_path, "lead.txt", lead.encode()))
    assert meta["title"] == "临港新区2023年第二季度重点项目集中签约仪式举行"
    assert meta["title_derived"] is True
    assert meta["published"] is None and meta["event_date"] == "2023-05-09"


def test_cli_reports_one_line_with_file_and_reason(tmp_path):
    from generator.cli import cli
    path = write(tmp_path, "empty.txt", b"")
    result = CliRunner().invoke(cli, ["extract", "--json", str(path)])
    assert result.exit_code != 0
    assert "empty.txt: empty file" in result.output and "hint:" in result.output


def test_a_bad_line_among_good_ones_fails_alone_naming_its_line(tmp_path):
    lines = ['{"title": "园区签约项目12个", "date": "2025-03-01", "text": "3月1日,园区签约项目12个。"}',
             '{"title": "断掉的一行", "text": "园区项目',
             '',
             '{"title": "园区新增企业30家", "date": "2025-03-02", "text": "3月2日,园区新增高新技术企业30家。"}']
    path = write(tmp_path, "mixed.jsonl", "\n".join(lines).encode())
    first, broken, last = clean_articles(read_file(path))
    assert first.checked()[1]["title"] == "园区签约项目12个"
    assert last.checked()[1]["title"] == "园区新增企业30家"
    assert (first.line, broken.line, last.line) == (1, 2, 4)
    assert broken.raw is None, "the read stage made no article of the broken line"
    with pytest.raises(ReadError) as caught:
        broken.checked()
    assert caught.value.reason.startswith("line 2: invalid JSON")


UNDATED = {
    "headline, no date": ("园区发展情况\n\n园区今年引进项目30个,总投资超过100亿元。\n", "园区发展情况", False),
    "no headline, no date": ("园区今年引进项目30个,总投资超过100亿元,比去年同期增长两成以上,园区将继续优化营商环境。\n",
                             "园区今年引进项目30个", True),
    "english, no year": ("Park signs 12 projects\n\nThe park signed 12 projects worth 3 billion yuan on Sept 12.\n",
                         "Park signs 12 projects", False),
}


@pytest.mark.parametrize("case", list(UNDATED), ids=list(UNDATED))
def test_a_text_without_a_date_is_read_with_published_null(tmp_path, case):
    text, title, derived = UNDATED[case]
    meta = read_article(write(tmp_path, "undated.txt", text.encode()))
    assert meta["title"] == title and bool(meta.get("title_derived")) is derived
    assert meta["published"] is None and meta["event_date"] is None
