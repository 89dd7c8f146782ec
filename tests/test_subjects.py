"""What each figure is about: its zone and industry, the article's own zone, and off-topic articles."""
from __future__ import annotations

from datetime import date

import pytest

from generator.entities import find_entities
from generator.entities.subjects import article_zone, assign_subjects, on_topic
from generator.figures import FigureContext, article_figures, glossary_of
from generator.taxonomy import load_taxonomy


@pytest.fixture(scope="module")
def taxonomy(root):
    return load_taxonomy(root / "content" / "taxonomy")


def about(title: str, body: str, taxonomy) -> list[tuple[str, str | None, str | None]]:
    """(figure text, zone, industry) of every figure of a passage, as extract assigns them."""
    context = FigureContext(published=date(2025, 3, 1), script="zh-Hans",
                            glossary=glossary_of(taxonomy.metrics, taxonomy.indicators))
    figures = article_figures(title, body, context)
    assign_subjects(figures, title, body, find_entities(title, body, taxonomy), taxonomy)
    return [(f["text"], f["zone"], f["industry"]) for f in figures]


def test_the_zone_a_sentence_names_else_the_articles_own(taxonomy):
    body = ("黄埔区今年将完成固定资产投资2000亿元。\n\n"
            "该区计划引进项目300个。\n\n"
            "中新广州知识城新签约项目45个，总投资380亿元。")
    assert about("黄埔区发布年度目标", body, taxonomy) == [
        ("2000亿元", "huangpu", None), ("300个", "huangpu", None),
        ("45个", "knowledge-city", None), ("380亿元", "knowledge-city", None)]


def test_a_city_province_or_country_figure_is_about_no_zone(taxonomy):
    body = ("广州开发区上半年实际利用外资12亿美元。全市实际利用外资增长8%。\n\n"
            "到2028年，全省氢能产业营业收入达到3000亿元。我国光伏组件出口额突破1万亿元。")
    assert [zone for _, zone, _ in about("广州开发区利用外资稳步增长", body, taxonomy)] == [
        "guangzhou-development-district", None, None, None]


def test_a_city_named_inside_a_firm_or_a_first_is_no_subject(taxonomy):
    body = "该区引进的广州首个氢能项目开工。该项目总投资60亿元，由广州联华新能源有限公司投资建设。"
    assert about("黄埔区氢能项目开工", body, taxonomy)[0][:2] == ("60亿元", "huangpu")


def test_a_project_in_a_child_zone_belongs_to_the_child(taxonomy):
    body = ("广州开发区今年计划新开工项目200个。\n\n"
            "其中，一家芯片企业的新厂房位于广州科学城内。项目一期投资30亿元，达产后年产值约50亿元。")
    found = about("广州开发区项目建设提速", body, taxonomy)
    assert [zone for _, zone, _ in found] == ["guangzhou-development-district", "science-city", "science-city"]


def test_zones_listed_before_respectively_take_the_figures_in_order(taxonomy):
    body = "南沙区和黄埔区上半年分别新增企业1200家和900家。"
    assert [zone for _, zone, _ in about("两区新增企业", body, taxonomy)] == ["nansha", "huangpu"]


def test_a_comparison_with_the_city_does_not_make_a_figure_the_citys(taxonomy):
    body = "黄埔区规上工业增加值增长9.1%，高于全市平均水平3.2个百分点，位居全市第一。"
    assert [zone for _, zone, _ in about("黄埔区工业增长", body, taxonomy)] == ["huangpu", "huangpu"]


def test_industry_only_where_the_figure_is_about_it(taxonomy):
    body = ("该区重点发展集成电路、新能源、生物医药等产业，力争打造3个千亿级产业集群。"
            "其中，集成电路产业规模达到800亿元，同比增长15%。")
    found = about("黄埔区产业集群", body, taxonomy)
    assert [(text, industry) for text, _, industry in found] == [
        ("3个", None), ("千亿级", None), ("800亿元", "integrated-circuits"), ("同比增长15%", "integrated-circuits")]


def test_the_industry_a_figures_own_words_name_wins_over_one_named_before_it(taxonomy):
    """In 800家医疗器械企业和500家化妆品企业 the words after each number say what it counts."""
    body = "该区现有医疗器械生产企业800家；另有300家医疗器械经营企业和500家化妆品生产企业。"
    found = about("黄埔区企业", body, taxonomy)
    assert [(text, industry) for text, _, industry in found] == [
        ("800家", "medical-devices"), ("300家", "medical-devices"), ("500家", "cosmetics")]


def test_articles_own_zone_is_the_headline_one(taxonomy):
    title, body = "南沙区举行项目签约仪式", "仪式在南沙区举行，黄埔区代表也出席。南沙区签约项目60个。"
    entities = find_entities(title, body, taxonomy)
    assert article_zone(title, body, entities, taxonomy) == "nansha"


def test_articles_naming_no_taxonomy_term_or_one_in_passing_are_off_topic(taxonomy):
    essay = ("民营资本如何进入公用事业，是许多城市面临的问题。\n\n"
             "一些城市尝试特许经营，一些城市尝试股权合作，效果各有不同。\n\n"
             "有学者提到广州开发区的做法，但各地情况差别很大。")
    briefing = "黄埔区集成电路产业发展提速", "该区集成电路企业超过200家。"
    assert not on_topic("民营资本路在何方", essay, find_entities("民营资本路在何方", essay, taxonomy), taxonomy)
    assert not on_topic("一篇散文", "春天来了，花开了。", find_entities("一篇散文", "春天来了，花开了。", taxonomy),
                        taxonomy)
    assert on_topic(*briefing, find_entities(*briefing, taxonomy), taxonomy)


def test_a_company_is_of_the_industry_its_clause_names_not_of_every_industry_its_sentence_lists(taxonomy):
    from generator.entities.subjects import company_subjects
    body = ("该区将聚焦新材料、集成电路、新型显示等领域，同时支持甲乙科技、丙丁医药等重点企业产能爬坡。"
            "生物医药领域，戊己生物加快建设新基地。")
    companies = [{"name": "甲乙科技"}, {"name": "丙丁医药"}, {"name": "戊己生物"}]
    company_subjects(companies, "", body, None, taxonomy, {})
    assert [c["industries"] for c in companies] == [[], [], ["biomedicine"]]
