"""Series, not phrases: one point per figure however many articles state it, conflicts only within a series
and between articles, periods a year alone does not say; the briefing built from them; off-topic articles
out of the briefing pages; the downloads."""
from __future__ import annotations

import csv
import gzip
import io
import json
import zlib
from types import SimpleNamespace

import pytest

from generator.gather import ABOUT, PageFigure, gather
from generator.pages import datafiles
from generator.pages.briefing import Labels, briefing
from generator.pages.formats import period_words
from generator.pages.keyfigures import headline_figures
from generator.record import Figure, Record
from generator.series import period_of, series_of
from generator.store import StoredRecord
from generator.taxonomy import load_taxonomy

INDICATORS = {"fixed_asset_investment": {"id": "fixed_asset_investment", "name": "固定资产投资",
                                         "name_en": "fixed-asset investment", "scorecard": 2},
              "projects": {"id": "projects", "name": "项目", "name_en": "number of projects", "scorecard": 14},
              "project_investment": {"id": "project_investment", "name": "项目投资", "scope": "project",
                                     "name_en": "investment in projects"}}


def fig(**kw) -> PageFigure:
    """A gathered figure: an annual fixed-asset investment actual of zone z, unless told otherwise."""
    base = {"text": "2000亿元", "quote": "q", "value": 2e11, "low": None, "high": None, "unit": "CNY",
            "indicator": "fixed_asset_investment", "metric": "固定资产投资", "metric_en": "fixed-asset investment",
            "measure": "level", "kind": "actual", "year": 2024, "period": None, "qualifier": None,
            "zone_id": "z", "article": "a", "published": "2025-01-01", "date": "2025-01-01", "n": 1} | kw
    fields = Figure.model_construct(**{k: v for k, v in base.items() if k in Figure.model_fields}).model_dump()
    return PageFigure(fields, **{name: base.get(name) for name in ABOUT})


def zone_series(figures):
    """The series of figures about zone z."""
    return series_of(figures, lambda f: ("zone", "z"), INDICATORS)


def test_one_figure_in_two_articles_is_one_point_with_two_sources():
    [s] = zone_series([fig(), fig(article="b", published="2025-02-01", text="2,000億元")])
    assert len(s.points) == 1 and s.points[0].articles == ["b", "a"] and not s.points[0].conflict


def test_different_values_for_one_period_conflict_only_between_articles_of_one_series():
    [s] = zone_series([fig(), fig(article="b", value=2.1e11)])
    assert [p.conflict for p in s.points] == [True, True] and len(s.conflicts) == 1
    other_kind = zone_series([fig(), fig(article="b", value=2.5e11, kind="target")])[0]
    assert not any(p.conflict for p in other_kind.points) and other_kind.charted
    two_series = zone_series([fig(), fig(article="b", value=300, unit="count", indicator="projects",
                                         metric="项目", metric_en="projects")])
    assert len(two_series) == 2 and not any(p.conflict for s in two_series for p in s.points)


def test_an_article_breaking_a_total_down_is_no_conflict():
    [s] = zone_series([fig(indicator="projects", unit="count", value=160, metric_en="key projects", kind="target"),
                       fig(indicator="projects", unit="count", value=90, metric_en="key projects", kind="target", n=2)])
    assert [p.value for p in s.points] == [160] and not s.conflicts


def test_what_joins_no_series():
    assert zone_series([fig(indicator=None), fig(kind="fact"), fig(qualifier="tier"), fig(metric_en=None),
                        fig(indicator="project_investment"), fig(year=None)]) == []


@pytest.mark.parametrize("year, period, kind, label", [
    (2025, None, "annual", "2025"),
    (None, "annual, 2023–2024", "annual", "2023–2024"),
    (None, "2015–2017", "span", "2015–2017"),
    (2021, "H1 2021", "H1", "2021 H1"),
    (2016, "Jan–Oct 2016", "Jan–Oct", "2016 Jan–Oct"),
    (None, "cumulative, since 2018", "cumulative", "2025"),
    (2024, "Q1 2024, per month", "Q1", "2024 Q1"),
])
def test_periods_that_a_year_alone_does_not_say(year, period, kind, label):
    p = period_of(fig(year=year, period=period))
    assert (p.kind, p.label) == (kind, label)


def test_figures_for_no_period_a_series_can_compare():
    assert period_of(fig(year=None, period="on completion")) is None
    assert period_of(fig(year=None, period=None)) is None


@pytest.mark.parametrize("year, period, traditional, simplified", [
    (2025, None, "2025", "2025"),
    (2025, "annual", "2025", "2025"),
    (None, "annual, 2023–2024", "2023–2024", "2023–2024"),
    (2021, "H1 2021", "2021 上半年 H1", "2021 上半年 H1"),
    (2016, "Jan–Oct 2016", "2016 1–10月 Jan–Oct", "2016 1–10月 Jan–Oct"),
    (2024, "Q1 2024, per month", "2024 一季度 Q1, 每月 per month", "2024 一季度 Q1, 每月 per month"),
    (2004, "cumulative", "2004 累計 cumulative", "2004 累计 cumulative"),
    (None, "cumulative, since 2018", "累計 cumulative, since 2018", "累计 cumulative, since 2018"),
    (None, "on completion", "建成後 on completion", "建成后 on completion"),
    (None, "a period nobody listed", "a period nobody listed", "a period nobody listed"),
    (None, None, "", ""),
])
def test_a_figures_period_cell_says_what_its_year_alone_does_not(year, period, traditional, simplified):
    """A first-half or January–October figure is never shown as the whole year's, in tables and the explorer."""
    assert fig(year=year, period=period).when == traditional   # no script asked: as pages.yml writes it
    assert period_words("zh-Hant").when({"year": year, "period": period}) == traditional
    assert period_words("zh-Hans").when({"year": year, "period": period}) == simplified


def test_annual_actual_and_a_multi_year_span_are_two_series():
    series = zone_series([fig(), fig(year=None, period="2023–2025", kind="target", value=7e11)])
    assert sorted(s.period_kind for s in series) == ["annual", "span"]


class _Page:
    """The parts of a gathered term page a briefing reads."""

    def __init__(self, figures):
        self.figures, self.articles, self.kind = figures, [], "zone"
        self.series = zone_series(figures)


def test_the_scorecard_puts_growth_beside_its_level_and_the_target_beside_the_actual():
    figures = [fig(), fig(kind="target", year=2025, value=2.5e11, n=2),
               fig(measure="growth", unit="percent", value=8, text="增长8%", n=3),
               fig(measure="growth", unit="pp", value=1.5, text="回落1.5个百分点", n=4)]
    out = briefing(_Page(figures), Labels(INDICATORS, lambda t: t))
    [row] = out.scorecard
    assert (row.actual.value, row.actual_growth.value, row.target.value) == (2e11, 8, 2.5e11)
    assert [title for title, _ in out.charts] == ["固定资产投资 · fixed-asset investment"]


def test_project_figures_are_listed_with_the_projects_not_charted():
    figures = [fig(indicator="project_investment", kind="fact", year=None, text="100亿元",
                   metric_en="project investment")]
    out = briefing(_Page(figures), Labels(INDICATORS, lambda t: t))
    assert [f.text for f in out.projects] == ["100亿元"] and not out.scorecard and not out.charts


@pytest.mark.parametrize("quote, text, stage", [
    ("28个储能项目集中动工签约，总投资355亿元。", "28个", ("開工 · 簽約", "started · signed")),
    ("一期投资100亿元，建成后月产4万片。", "100亿元", None),
    ("一期投资100亿元，已于去年竣工投產。", "100亿元", ("竣工 · 投產", "completed · in production")),
    ("全年推动180个项目开工、120个项目竣工。", "120个", ("竣工", "completed")),
    ("举行集中开工活动，40个项目集中开工，总投资300亿元。", "300亿元", ("開工", "started")),
    ("20个项目开工，10个项目竣工，总投资300亿元。", "300亿元", None),
    ("40个项目集中开工，总投资300亿元，达产产值500亿元。", "300亿元", ("開工", "started")),
])
def test_a_project_figure_has_the_stage_its_clause_or_its_sentence_names(quote, text, stage):
    from generator.pages.briefing import project_stage
    assert project_stage(SimpleNamespace(quote=quote, text=text)) == stage


@pytest.fixture(scope="module")
def taxonomy(root):
    return load_taxonomy(root / "content" / "taxonomy")


def record(rid: str, **fields) -> StoredRecord:
    """A stored record of the demo taxonomy's zones (its figures quoting nothing unless they say)."""
    if "figures" in fields:
        fields["figures"] = [{"quote": "", **fig} for fig in fields["figures"]]
    record = Record.model_validate({"id": rid, "title": rid, "published": "2025-01-02T00:00:00+08:00",
                                    "script": "zh-Hans", "content_hash": rid, **fields})
    return StoredRecord(path=None, record=record, body="正文")


def test_off_topic_articles_stay_out_of_the_briefing_pages_companies_and_policies(taxonomy):
    essay = record("essay", on_topic=False, zones=[{"id": "huangpu", "name": "黄埔区"}],
                   companies=[{"name": "甲公司"}], policies=[{"title": "某办法"}],
                   figures=[{"text": "5亿元", "unit": "CNY", "value": 5e8, "zone": "huangpu"}])
    briefing_record = record("news", zones=[{"id": "huangpu", "name": "黄埔区"}], companies=[{"name": "乙公司"}])
    corpus = gather([essay, briefing_record], taxonomy)
    page = corpus.zones["huangpu"]
    assert [a.id for a in page.articles] == ["news"] and page.figures == []
    assert [c.name for c in corpus.companies] == ["乙公司"] and corpus.policies == []
    assert [a.id for a in corpus.review.off_topic] == ["essay"]
    assert {a.id for a in corpus.articles} == {"essay", "news"}   # its article page is still built


def test_a_project_in_a_child_zone_is_on_the_childs_page_not_the_parents(taxonomy):
    rec = record("news", zones=[{"id": "guangzhou-development-district", "name": "广州开发区"},
                                {"id": "knowledge-city", "name": "中新广州知识城"}],
                 figures=[{"text": "30亿元", "unit": "CNY", "value": 3e9, "zone": "knowledge-city",
                           "indicator": "project_investment", "kind": "fact"}])
    corpus = gather([rec], taxonomy)
    assert [f.text for f in corpus.zones["knowledge-city"].figures] == ["30亿元"]
    assert corpus.zones["guangzhou-development-district"].figures == []


def test_zones_of_one_administration_share_their_series_and_link_each_other(taxonomy):
    rec = record("news",
                 zones=[{"id": "guangzhou-development-district", "name": "广州开发区"},
                        {"id": "huangpu", "name": "黄埔区"}],
                 figures=[{"text": "2500亿元", "unit": "CNY", "value": 2.5e11, "zone": "huangpu", "kind": "target",
                           "year": 2025, "indicator": "fixed_asset_investment", "metric_en": "fixed-asset investment"}])
    corpus = gather([rec], taxonomy)
    gdd, huangpu = corpus.zones["guangzhou-development-district"], corpus.zones["huangpu"]
    assert gdd.twins == ["huangpu"] and huangpu.twins == ["guangzhou-development-district"]
    assert gdd.series and gdd.series is huangpu.series


def test_a_zone_counts_an_industrys_projects_apart_from_its_own(taxonomy):
    count = {"unit": "count", "indicator": "projects", "kind": "actual", "year": 2023, "zone": "huangpu"}
    rec = record("news", zones=[{"id": "huangpu", "name": "黄埔区"}],
                 industries=[{"id": "new-energy-storage", "name": "新型储能"}],
                 figures=[{"text": "160个", "value": 160, "metric": "项目", "metric_en": "projects", **count},
                          {"text": "28个", "value": 28, "metric": "储能项目", "metric_en": "projects",
                           "industry": "new-energy-storage", **count}])
    page = gather([rec], taxonomy).zones["huangpu"]
    assert sorted((s.subject[2], [p.value for p in s.points]) for s in page.series) == [
        ("", [160]), ("new-energy-storage", [28])]          # 28 storage projects are no count of the zone's
    labels = Labels(corpus_indicators(taxonomy), lambda t: t)
    info = briefing(page, labels, {"new-energy-storage": "新型储能"}.get)
    assert [row.label for row in info.scorecard] == ["项目 · number of projects",
                                                     "新型储能 · 项目 · number of projects"]
    assert sorted(f.text for f in headline_figures([page], labels)) == ["160个", "28个"]


def corpus_indicators(taxonomy) -> dict:
    """indicators.yml entries by id."""
    return {i["id"]: i for i in taxonomy.indicators}


def test_figures_csv_opens_in_excel_with_the_articles_and_names(taxonomy):
    rec = record("news", url="https://example.org/a", source="某报", zones=[{"id": "huangpu", "name": "黄埔区"}],
                 figures=[{"text": "2500亿元", "quote": "q", "unit": "CNY", "value": 2.5e11, "zone": "huangpu",
                           "industry": "integrated-circuits", "indicator": "fixed_asset_investment",
                           "measure": "level", "period": "annual", "kind": "target", "year": 2025}])
    files = download_files([datafiles.download_run([datafiles.record_lines(rec, datafiles.Names(taxonomy))])])
    text = files["data/figures.csv"].decode("utf-8")
    assert text.startswith("\ufeff")
    [row] = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert (row["article_title"], row["source"], row["url"], row["published"]) == (
        "news", "某报", "https://example.org/a", "2025-01-02T00:00:00+08:00")
    assert (row["zone_name"], row["zone_name_en"], row["industry_name"], row["industry_name_en"]) == (
        "黄埔区", "Huangpu District", "集成电路", "Integrated Circuits")
    assert (row["indicator"], row["indicator_en"], row["measure"], row["period"]) == (
        "fixed_asset_investment", "fixed-asset investment", "level", "annual")
    [item] = [datafiles.figure_rows([rec], datafiles.Names(taxonomy))][0]
    assert item["zone_name_en"] == "Huangpu District" and set(item) == set(datafiles.FIGURE_COLUMNS)
    data = json.loads(gzip.decompress(files["data/figures.json.gz"]))
    assert [dict(zip(data["columns"], values)) for values in data["rows"]] == [
        {**item, "value": 2.5e11, "on_topic": True}]     # figures.json: the same row, its column names once


def test_an_article_referring_back_to_its_figure_in_fewer_words_adds_no_series():
    started = dict(indicator="projects", unit="count", value=166, metric="项目动工", metric_en="projects started")
    back = dict(started, metric="项目", metric_en="projects", n=3)       # 这166个项目中，有28个…
    [s] = zone_series([fig(**started), fig(**back)])
    assert s.metric_en == "projects started" and [p.value for p in s.points] == [166]
    [alone] = zone_series([fig(**back)])                                 # stated once: its own series
    assert alone.metric_en == "projects"
    other_article = zone_series([fig(**started), fig(**back, article="b")])
    assert sorted(s.metric_en for s in other_article) == ["projects", "projects started"]


def test_a_part_glossed_in_fewer_words_is_no_point_but_a_total_in_fewer_words_is():
    key = dict(indicator="projects", unit="count", kind="target", metric_en="key projects", value=160)
    part = dict(key, metric_en="projects", value=90, n=2)                # 90 key industrial projects
    assert [s.metric_en for s in zone_series([fig(**key), fig(**part)])] == ["key projects"]
    total = dict(part, value=500)                                       # 500 projects in all, 160 of them key
    assert sorted(s.metric_en for s in zone_series([fig(**key), fig(**total)])) == ["key projects", "projects"]


def test_two_counts_of_one_value_in_other_words_are_both_kept():
    signed = dict(indicator="projects", unit="count", value=50, metric="签约项目", metric_en="projects signed")
    completed = dict(signed, metric="竣工项目", metric_en="projects completed", n=2)
    assert len(zone_series([fig(**signed), fig(**completed)])) == 2


def download_files(runs) -> dict[str, bytes]:
    """The downloads of the runs given, each file's bytes whole."""
    return {name: b"".join(chunks) for name, chunks in datafiles.download_files(iter(runs)).items()}


def test_the_downloads_are_joined_from_runs_compressed_apart():
    """A run's parts are the same bytes wherever it stands, and the files joined from them are what one pass
    over every record writes: a CSV, and JSON that gzip and zlib read as one stream."""
    lines = [(f"row {n}\n" * 3, (f"[{n},1]", f"[{n},2]", f"[{n},3]"), f'{{"id":{n}}}') for n in range(7)]
    runs = [datafiles.download_run(lines[:2]), datafiles.download_run([]), datafiles.download_run(lines[2:])]
    files = download_files(runs)
    figures = json.loads(gzip.decompress(files["data/figures.json.gz"]))
    assert figures["rows"] == [[n, k] for n in range(7) for k in (1, 2, 3)]
    assert figures["columns"] == list(datafiles.FIGURE_COLUMNS)
    text = gzip.decompress(files["data/articles.json.gz"]).decode("utf-8")
    assert text == "[\n" + ",\n".join(f'{{"id":{n}}}' for n in range(7)) + "\n]\n"     # one item a line
    assert zlib.decompress(files["data/articles.json.gz"], 16 + zlib.MAX_WBITS) == text.encode("utf-8")
    assert files["data/figures.csv"].decode("utf-8").count("row") == 21
    alone = datafiles.download_run(lines[2:])
    assert alone == runs[2] and alone.figures.data in files["data/figures.json.gz"]   # the same bytes anywhere
    empty = download_files([datafiles.download_run([])])
    assert gzip.decompress(empty["data/articles.json.gz"]) == b"[]\n"
    assert json.loads(gzip.decompress(empty["data/figures.json.gz"]))["rows"] == []
    assert files["data/figures.json.gz"][:10] == b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"   # no name, no time
