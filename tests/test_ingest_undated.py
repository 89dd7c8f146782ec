"""Undated and untitled texts through ingest and the pages: records made, stable ids, listed for review,
a hand-added date kept; near-duplicate reposts as extra sources; JSON Lines failing line by line."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.ingest import ingest
from generator.store import read_record
from generator.taxonomy import load_taxonomy
from golden.sample_project import rendered_files, write_config

ROOT = Path(__file__).resolve().parent.parent

UNDATED = "日前，南沙区召开招商引资工作会议，会议透露，南沙去年新签约项目180个，计划总投资超过1500亿元。\n"
EVENT_ONLY = ("园区举行项目集中签约活动\n\n2023年3月30日，园区举行项目集中签约活动，共签约项目46个，总投资超750亿元。"
              "园区将继续优化营商环境。\n")
DATED = "园区新增企业30家\n2024-05-06 09:00 来源：园区发布\n5月5日，园区新增高新技术企业30家，总数达到320家。\n"

ARTICLE = ("广州开发区一季度实际利用外资增长三成\n2024-04-10 09:30 来源：广州日报\n"
           "今年一季度，广州开发区实际利用外资12.5亿美元，同比增长30.2%，增速居全市前列。外资企业增资扩产意愿持续增强。\n"
           "据介绍，京东方、LG显示、宝洁等外资企业纷纷增资扩产，一季度新设外资企业86家，合同外资金额达到45亿美元。\n"
           "下一步，广州开发区将继续优化营商环境，举办系列招商推介活动，力争全年实际利用外资增长10%以上。\n")
REPOST = ("首页 > 新闻中心\n"
          "据介绍，京东方、LG显示、宝洁等外资企业纷纷增资扩产，一季度新设外资企业86家，合同外资金额达到45亿美元。\n"
          "下一步，广州开发区将继续优化营商环境，举办系列招商推介活动，力争全年实际利用外资增长10%以上。\n"
          "阅读 3021\n分享到\n")
BULLETIN = ("{m}月黄埔区经济运行情况\n2023-{n:02d}-20 10:00 来源：黄埔区统计局\n"
            "1-{m}月，全区规模以上工业总产值完成{a}亿元，同比增长{b}%，其中汽车制造业产值增长{c}%，电子信息制造业产值增长"
            "{d}%，生物医药产业产值增长{e}%。全区固定资产投资增长{f}%，其中工业投资增长{g}%，基础设施投资增长{h}%。"
            "全区社会消费品零售总额完成{i}亿元，同比增长{j}%。\n")


class Project:
    """A scratch project: the real templates and taxonomy, an inbox, records and a cache."""

    def __init__(self, root: Path):
        self.root = root
        shutil.copytree(ROOT / "templates", root / "templates")
        shutil.copytree(ROOT / "content" / "taxonomy", root / "content" / "taxonomy")
        write_config(root)
        self.inbox, self.articles = root / "content/inbox", root / "content/articles"
        self.inbox.mkdir(parents=True)
        self.taxonomy = load_taxonomy(root / "content" / "taxonomy")

    def add(self, name: str, text: str) -> Path:
        """Put a raw file in the inbox."""
        path = self.inbox / name
        path.write_text(text, encoding="utf-8")
        return path

    def ingest(self, **kwargs):
        """Ingest the inbox."""
        kwargs.setdefault("version", "test:1")
        return ingest([self.inbox], self.articles, self.taxonomy, cache_dir=self.root / "build/cache",
                      base=self.root, **kwargs)

    def records(self) -> dict[str, dict]:
        """The records' fields by id."""
        return {p.stem: read_record(p).meta for p in sorted(self.articles.glob("*.md"))}


@pytest.fixture
def project(tmp_path) -> Project:
    return Project(tmp_path / "project")


def test_undated_texts_become_records_with_stable_distinct_ids(project):
    project.add("a.txt", UNDATED)
    project.add("b.txt",  # same lead words
                "日前，南沙区召开招商引资工作会议，部署今年招商工作，力争引进世界500强企业项目20个。\n")
    report = project.ingest()
    assert report.failed == [] and len(report.ingested) == 2
    records = project.records()
    assert len(records) == 2 and all(i.startswith("undated-nan-sha-qu-zhao-kai") for i in records)
    assert all(r["published"] is None and r["title_derived"] is True for r in records.values())
    shutil.rmtree(project.articles)
    shutil.rmtree(project.root / "build/cache")
    project.ingest()
    assert set(project.records()) == set(records), "the same texts give the same ids, in any order"


def test_undated_articles_are_listed_for_review_labelled_and_sorted_last(project):
    project.add("undated.txt", UNDATED)
    project.add("event.txt", EVENT_ONLY)
    project.add("dated.txt", DATED)
    project.ingest()
    ids = {m["title"]: i for i, m in project.records().items()}
    undated, event, dated = ids["南沙区召开招商引资工作会议"], ids["园区举行项目集中签约活动"], ids["园区新增企业30家"]
    pages = rendered_files(project.root)
    review = pages["zh-Hant/review.md"].decode()
    listed = review.split("{#incomplete}")[1].split("## ")[0]
    assert undated in listed and event in listed and dated not in listed
    assert f"content/articles/{undated}.md" in listed and "reviewed: true" in review
    archive = pages["zh-Hant/archive.md"].decode()
    assert archive.index(dated) < archive.index(event) < archive.index(undated)   # by event date, else last
    row = next(ln for ln in archive.splitlines() if undated in ln)
    assert row.startswith("| 日期不詳 date unknown |")
    assert "日期不详" in pages["zh-Hans/archive.md"].decode()
    assert pages[f"zh-Hant/articles/{undated}.md"].decode().count("日期不詳") == 1


def test_a_date_added_by_hand_is_kept_on_re_ingest(project):
    project.add("undated.txt", "园区发展情况\n\n园区今年引进项目30个，总投资超过100亿元。\n")
    project.ingest()
    (record_id,) = project.records()
    path = project.articles / f"{record_id}.md"
    path.write_text(path.read_text(encoding="utf-8").replace("published: null", "published: '2024-02-20'"),
                    encoding="utf-8")
    for kwargs in ({}, {"refresh": True}, {"version": "test:2"}):
        report = project.ingest(**kwargs)
        assert project.records()[record_id]["published"] == "2024-02-20", kwargs
        assert report.ingested == [] and report.failed == []
    assert record_id not in rendered_files(project.root)["zh-Hant/review.md"].decode().split("{#incomplete}")[1] \
        .split("## ")[0]
    path.write_text(path.read_text(encoding="utf-8").replace("reviewed: false", "reviewed: true"), encoding="utf-8")
    report = project.ingest(version="test:3")
    assert project.records()[record_id]["published"] == "2024-02-20" and report.conflicts == []


def test_a_repost_lacking_headline_and_lead_becomes_an_extra_source(project):
    project.add("a.txt", ARTICLE)
    project.ingest()
    project.add("b.txt", REPOST)
    report = project.ingest()
    (record_id, meta), = project.records().items()
    assert report.ingested == [] and len(report.duplicates) == 1 and "nearly the same article" in report.duplicates[0]
    (also,) = meta["also_sources"]
    assert also["raw_path"] == "content/inbox/b.txt" and 0.5 <= also["similarity"] < 1
    assert project.ingest().duplicates == [] and len(project.records()) == 1, "settled: not reported again"


def test_issues_of_a_bulletin_written_to_one_template_stay_apart(project):
    numbers = dict(a=5200, b=3.5, c=4.1, d=6.2, e=8.8, f=12.1, g=15.3, h=9.9, i=1100, j=5.6)
    project.add("oct.txt", BULLETIN.format(m=10, n=11, **numbers))
    project.add("nov.txt", BULLETIN.format(m=11, n=12, **{k: v + 1 for k, v in numbers.items()}))
    report = project.ingest()
    assert len(report.ingested) == 2 and report.duplicates == []


def test_json_lines_fail_line_by_line_and_messages_name_lines(project):
    good = '{"title": "园区签约项目12个", "date": "2025-03-01", "text": "3月1日,园区签约项目12个,总投资50亿元。"}'
    undated = '{"text": "日前，园区新增高新技术企业30家，总数达到320家。"}'
    project.add("feed.jsonl", "\n".join([good, '{"title": "断掉', "", undated]) + "\n")
    report = project.ingest()
    assert report.failed == ["content/inbox/feed.jsonl#2: line 2: invalid JSON: Unterminated string starting at "
                             "(column 11) (hint: each article is an object with title, date, source, url and text "
                             "(or html))"]
    assert sorted(report.ingested) == ["content/inbox/feed.jsonl#1", "content/inbox/feed.jsonl#4"]
    again = project.ingest()
    assert again.failed == report.failed and sorted(again.unchanged) == sorted(report.ingested)


def test_the_readme_says_what_happens_to_undated_and_untitled_texts():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Bad input")[1].split("\n## ")[0]
    assert "no publication date" in section and "published: null" in section and "title_derived" in section
    assert not re.search(r"neither a\s+title nor a date", section)
