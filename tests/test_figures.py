"""Key figures: magnitudes, units, qualifiers, ranges, not-figures, metric, kind, year — on varied phrasing."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.figures import FigureContext, MetricGlossary, extract_figures
from generator.figures.lexicon import DATA, load_lexicon
from generator.figures.mentions import scan_chinese

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED = FigureContext(published=date(2024, 8, 20))
FIELDS = ("text", "quote", "value", "low", "high", "unit", "counter", "qualifier", "metric", "metric_en",
          "indicator", "measure", "kind", "year", "period", "zone", "industry", "confidence")


def figures(text: str, context: FigureContext = PUBLISHED) -> list[dict]:
    """The figures of `text` in an article published on 2024-08-20."""
    return extract_figures(text, context)


def one(text: str, context: FigureContext = PUBLISHED) -> dict:
    """The single figure of `text`."""
    found = figures(text, context)
    assert len(found) == 1, [f["text"] for f in found]
    return found[0]


@pytest.mark.parametrize("text, value, unit", [
    ("全区完成投资2500亿元。", 2.5e11, "CNY"),
    ("全市营收达1.2萬億元。", 1.2e12, "CNY"),
    ("引导社会资本兩千五百億元投向实体经济。", 2.5e11, "CNY"),
    ("带动上下游投资百亿。", 1e10, "CNY"),
    ("产业规模有望突破萬億。", 1e12, "CNY"),
    ("项目投资１２３４万元。", 1.234e7, "CNY"),
    ("外资到位3,456.7万美元。", 3.4567e7, "USD"),
    ("募集资金50亿港元。", 5e9, "HKD"),
    ("出口额达8000万欧元。", 8e7, "EUR"),
    ("新建厂房18萬平方米。", 1.8e5, "m2"),
    ("用地约120亩。", 120, "mu"),
    ("规划面积3.5平方公里。", 3.5, "km2"),
    ("装机容量达25GW。", 25, "GW"),
    ("储能电池年产30GWh。", 30, "GWh"),
    ("年发电量1.2亿千瓦时。", 1.2e8, "kWh"),
    ("年产钢材500万吨。", 5e6, "t"),
    ("出口增长20%。", 20, "percent"),
    ("占比百分之三十。", 30, "percent"),
    ("港资约占四分之三。", 75, "percent"),
    ("制造业占比三成。", 30, "percent"),
    ("增速提高1.5个百分点。", 1.5, "pp"),
    ("营收增长2倍。", 2, "times"),
])
def test_chinese_magnitudes_and_units(text, value, unit):
    f = one(text)
    assert f["unit"] == unit
    assert f["value"] == pytest.approx(value)


@pytest.mark.parametrize("text, value, counter", [
    ("推动180个项目开工。", 180, "个"),
    ("新增上市企業8家。", 8, "家"),
    ("引进人才超100人。", 100, "人"),
    ("落地重大项目12项。", 12, "项"),
    ("投放机器人1万台。", 1e4, "台"),
    ("全区现有企业两万家。", 2e4, "家"),
    ("新建道路4条。", 4, "条"),
    ("接待游客300万人次。", 3e6, "人次"),
])
def test_counts_keep_their_measure_word(text, value, counter):
    f = one(text)
    assert (f["unit"], f["counter"], f["value"]) == ("count", counter, value)


def test_a_rate_per_month_is_a_count_with_a_period():
    f = one("达产后将形成月产3万片8英寸晶圆的生产能力。")
    assert (f["value"], f["counter"], f["kind"]) == (30000, "片", "target")
    assert "per month" in f["period"]
    assert one("产能4万片/月。")["period"] == "per month"


@pytest.mark.parametrize("text, qualifier", [
    ("固定资产投资超2000亿元。", "over"), ("引进项目逾50个。", "over"), ("营收超过3000亿元。", "over"),
    ("增长7%以上。", "over"), ("企业3600多家。", "over"), ("投资100余亿元。", "over"),
    ("营收突破萬億。", "over"), ("产值近900亿元。", "nearly"), ("接近四成。", "nearly"),
    ("投资约265亿元。", "about"), ("就业3000人左右。", "about"), ("增速不到5%。", "under"),
    ("不足100家。", "under"), ("至少50家。", "at_least"), ("不少于1500家。", "at_least"),
    ("给予最高1000万元奖励。", "up_to"), ("占比不超过30%。", "up_to"), ("培育一批100亿级产业。", "tier"),
    ("形成千亿级产业集群。", "tier"), ("提升至50亿元。", None), ("达到39家。", None), ("实现增加值412.36亿元。", None),
])
def test_qualifiers(text, qualifier):
    assert one(text)["qualifier"] == qualifier


@pytest.mark.parametrize("text, low, high, unit", [
    ("打造3-5个产业集群。", 3, 5, "count"), ("新开工项目3至5个。", 3, 5, "count"),
    ("建设三到五个园区。", 3, 5, "count"), ("工艺覆盖65nm至22nm。", 65, 22, "nm"),
    ("投资3亿元至5亿元。", 3e8, 5e8, "CNY"), ("增长10%-15%。", 10, 15, "percent"),
    ("新开工重点项目40个至50个。", 40, 50, "count"),
])
def test_ranges_have_low_and_high(text, low, high, unit):
    f = one(text)
    assert (f["value"], f["low"], f["high"], f["unit"]) == (None, pytest.approx(low), pytest.approx(high), unit)


@pytest.mark.parametrize("text", [
    "2月7日上午，大会在广州召开。", "2025年，该区确立目标。", "发布时间：2025-02-08 16:38:47。",
    "对接“12218”现代化产业体系。", "推进5G建设和工业4.0。", "“十四五”时期，打造“三城一岛”。",
    "培育一批龙头企业，打造一站式平台。", "位居全国第三，首次进入前30强。", "建设8.6代线项目。",
    "地铁18号线已全线动工。", "请在30日内联系，电话020-12345678。", "一、加大研发支持。",
    "连续9年位居全国第一，近两年保持增长。", "第三届论坛开幕。", "中新两国政府合作项目。",
    "粤ICP备2019876543号", "亿航智能等企业参会。", "Tram Lines 2 and 5 opened at 10:30 on March 8, 2024.",
])
def test_not_figures(text):
    assert figures(text) == []


def test_every_schema_field_and_the_verbatim_sentence():
    text = "近两年，每年引进项目超400个。2025年，该区确立目标：完成固定资産投资2500億元，推动180个项目开工。"
    found = figures(text)
    for f in found:
        assert tuple(f) == FIELDS
        assert f["quote"] in text and f["text"] in f["quote"]
    assert [f["text"] for f in found] == ["超400个", "2500億元", "180个"]
    assert found[1]["quote"].startswith("2025年")


@pytest.mark.parametrize("text, metric", [
    ("固定资产投资超2000亿元。", "固定资产投资"), ("完成600亿元工业投资。", "工业投资"),
    ("推动180个项目开工。", "项目开工"), ("科创母基金规模提升至50亿元。", "母基金规模"),
    ("目标全年实际利用外资增长20%。", "实际利用外资"), ("新增境外投资项目50个。", "境外投资项目"),
    ("培育一批100亿级、500亿级未来产业后备军。", "未来产业后备军"),
    ("并将其中30%的资金用于直接股权投资。", "资金"),
    ("2023年全市GDP为30355.73亿元，比上年增长4.6%。", "GDP"),
])
def test_metric_in_the_articles_words(text, metric):
    found = figures(text)
    assert found and all(metric in f["metric"] for f in found), [f["metric"] for f in found]


def test_growth_takes_the_metric_of_the_figure_it_qualifies():
    found = figures("2022年上半年，新材料产业实现增加值412.36亿元，同比增长8.5%，化工新材料产值156.80亿元，增长14.2%。")
    assert [f["metric"] for f in found] == ["增加值", "增加值", "化工新材料产值", "化工新材料产值"]
    assert [f["unit"] for f in found] == ["CNY", "percent", "CNY", "percent"]
    assert {f["year"] for f in found} == {2022}


@pytest.mark.parametrize("text, kind", [
    ("2025年计划引进人才超100人。", "target"), ("力争年内打造3-5个产业集群。", "target"),
    ("预计年产值达45亿元。", "target"), ("今年将新建道路4条。", "target"), ("3年内投175亿元。", "target"),
    ("已累计完成投资216亿元。", "actual"), ("上半年实现增加值412亿元。", "actual"),
    ("2019年以来新增6家上市公司。", "actual"), ("项目总投资65亿元。", "fact"), ("注册资本86.25亿元。", "fact"),
    ("该项目占地200亩。", "fact"), ("另一个百亿级项目落户。", "fact"), ("给予最高5000万元奖励。", "fact"),
    ("完成全年目标的82%。", "actual"),
])
def test_kind(text, kind):
    assert one(text)["kind"] == kind


def test_cues_apply_forward_within_the_sentence():
    found = figures("120个项目中，有19个是氢能项目，计划总投资约265亿元，预计达产产值约630亿元。")
    assert [f["kind"] for f in found] == ["actual", "actual", "target", "target"]


@pytest.mark.parametrize("text, year, period", [
    ("2025年，该区计划完成投资2500亿元。", 2025, None), ("今年新增企业100家。", 2024, None),
    ("全年引进项目400个。", 2024, None), ("力争年内打造3个集群。", 2024, None),
    ("去年实现产值500亿元。", 2023, None), ("到2027年营收达到1万亿元。", 2027, None),
    ("上半年实现增加值412亿元。", 2024, "H1 2024"), ("1-9月完成投资183.42亿元。", 2024, "Jan–Sep 2024"),
    ("近两年，每年引进项目超400个。", None, "annual, 2022–2023"),
                                                ("自2019年以来累计投入超120亿元。", None, "cumulative, since 2019"),
])
def test_year_and_period(text, year, period):
    f = one(text)
    assert (f["year"], f["period"]) == (year, period)


def test_an_article_without_a_date_takes_the_year_its_lead_names():
    found = figures("5月9日，临港2023年第二季度重点项目集中签约。\n\n当日共有32个项目集中签约。", FigureContext())
    assert found and found[0]["year"] == 2023


@pytest.mark.parametrize("text, value, unit, qualifier", [
    ("The district has an annual investment of 48.35 billion yuan.", 48.35e9, "CNY", None),
    ("Revenue reached 134bn yuan.", 134e9, "CNY", None),
    ("The fund is worth $7.48 billion.", 7.48e9, "USD", None),
    ("Exports rose 17.4 percent.", 17.4, "percent", None),
    ("It will invest 640 million yuan in six projects.", 640e6, "CNY", None),
    ("The output could reach 1.2 trillion yuan.", 1.2e12, "CNY", None),
    ("It raised HK$3 billion.", 3e9, "HKD", None),
    ("The park covers about 1.4 million square meters.", 1.4e6, "m2", "about"),
    ("Sales grew by more than 20%.", 20, "percent", "over"),
])
def test_english_amounts(text, value, unit, qualifier):
    f = figures(text, FigureContext(published=date(2021, 3, 25), script="en"))[0]
    assert (f["value"], f["unit"], f["qualifier"]) == (pytest.approx(value), unit, qualifier)


def test_english_counts_lists_and_respectively():
    ctx = FigureContext(published=date(2021, 3, 25), script="en")
    found = figures("Work on 27, 64 and 18 new plants will be started, sped up and finished this year respectively.",
                    ctx)
    assert [(f["value"], f["unit"], f["metric"]) for f in found] == [
        (27, "count", "started"), (64, "count", "sped up"), (18, "count", "finished")]
    assert {(f["kind"], f["year"]) for f in found} == {("target", 2021)}
    f = figures("The city will attract at least 20 key parts makers by 2025.", ctx)[0]
    assert (f["value"], f["qualifier"], f["metric"], f["year"]) == (20, "at_least", "key parts makers", 2025)
    assert figures("It opened 5 years ago with 3 Lines and a 5G network.", ctx) == []


def test_english_metric_from_an_of_phrase_a_preposition_or_a_topic():
    ctx = FigureContext(published=date(2021, 3, 25), script="en")
    text = ("Riverside's Donghu district has named 140 major projects for 2022 with an annual investment of "
            "51.4 billion yuan. Donghu will put 7.2 billion yuan into transport projects. "
            "In terms of ecological protection, Donghu will spend 830 million yuan on four major projects.")
    metrics = [f["metric"] for f in figures(text, ctx)]
    assert metrics == ["major projects", "annual investment", "transport projects",
                       "ecological protection", "ecological protection"]
    assert {f["kind"] for f in figures(text, ctx)} == {"target"}


def test_metric_en_comes_from_the_glossary():
    glossary = MetricGlossary.from_entries([{"name_en": "fixed-asset investment", "words": ["固定资产投资"]},
                                            {"name_en": "investment", "words": ["投资"]}])
    ctx = FigureContext(published=date(2025, 2, 8), glossary=glossary)
    assert one("固定資産投資超2000億元。", ctx)["metric_en"] == "fixed-asset investment"
    assert one("完成投资100亿元。", ctx)["metric_en"] == "investment"
    assert one("新增企业100家。", ctx)["metric_en"] is None


def test_the_projects_glossary_loads(root):
    glossary = MetricGlossary.load(root / "content" / "taxonomy" / "metrics.yml")
    assert glossary.english("实际利用外资") == "actually utilised foreign investment"
    assert glossary.english("地區生產總值") == "GDP"


def test_word_lists_are_read_from_the_yaml_file(tmp_path):
    lex = load_lexicon(DATA)
    for word in ("萬億", "億", "元", "個", "超過", "以上", "左右", "級", "目標"):
        assert any(word in table for table in lex.table.values()) or any(word in ws for ws in lex.lists.values())
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    assert raw["qualifiers_after"].pop("左右") == "about"
    raw["qualifiers_after"]["上下浮动"] = "about"
    edited = tmp_path / "figures.yml"
    edited.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    changed = load_lexicon(edited)
    assert lex.get("qualifiers_after", "左右") == "about" and changed.get("qualifiers_after", "左右") is None
    assert changed.get("qualifiers_after", "上下浮動") == "about", "a word added to the file, in both scripts"
    assert lex.patterns["after"].match("左右") and not changed.patterns["after"].match("左右")



def test_grammar_words_are_read_from_the_yaml_file(tmp_path):
    lex = load_lexicon(DATA)
    assert lex.particles["possessive"] == "的" and lex.particles["top"] == "前" and lex.particles["range_from"] == "从"
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    raw["particles"]["top"] = "后"
    edited = tmp_path / "figures.yml"
    edited.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    changed = load_lexicon(edited)
    for lexicon, rank, count in ((lex, "进入全国前10名", "全省后10名"), (changed, "全省后10名", "进入全国前10名")):
        assert not scan_chinese(rank, lexicon), f"{rank}: a rank, by the file's word for top"
        assert [(m.value, m.counter) for m in scan_chinese(count, lexicon)] == [(10.0, "名")]

DETERMINISM = ("import json, sys; from datetime import date; "
               "from generator.figures import FigureContext, extract_figures; "
               "print(json.dumps(extract_figures(sys.argv[1], FigureContext(published=date(2024, 8, 20))), "
               "ensure_ascii=False, sort_keys=True))")


def test_output_does_not_depend_on_the_hash_seed_or_on_what_ran_before():
    text = ("近两年，每年引进项目超400个，固定资产投资超2000亿元。2025年力争新增企业100家、培育3-5个千亿级产业集群，"
            "实际利用外资增长20%左右，按阶段分别给予最高1000万元、2000万元资助。")
    runs = {seed: subprocess.run([sys.executable, "-c", DETERMINISM, text], cwd=ROOT, capture_output=True, text=True,
                                 env=dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(ROOT)), check=True).stdout
            for seed in ("1", "2", "3")}
    assert len(set(runs.values())) == 1, "the figures differ between interpreters with other hash seeds"
    figures("全市营收达1.2萬億元，增长7%以上。The fund is worth $9.62 billion.")   # warm the caches with other text
    assert json.loads(runs["1"]) == json.loads(json.dumps(figures(text), ensure_ascii=False))
    assert len(json.loads(runs["1"])) == 8


def test_a_qualifier_before_a_list_covers_the_list():
    found = figures("按阶段分别给予最高1000万元、2000万元、3000万元资助。")
    assert [(f["value"], f["qualifier"], f["metric"], f["kind"]) for f in found] == [
        (1e7, "up_to", "资助", "fact"), (2e7, "up_to", "资助", "fact"), (3e7, "up_to", "资助", "fact")]
    assert [f["qualifier"] for f in figures("分别给予200万元、500万元奖励。")] == [None, None]


def test_a_year_of_comparison_is_not_the_figures_year():
    found = figures("该园区2023年营收突破500亿元，较2022年增长15.6%，税收贡献达32亿元。")
    assert [f["year"] for f in found] == [2023, 2023, 2023]
    assert found[1]["metric"] == found[0]["metric"] == "园区营收"


def test_the_whole_year_is_the_year_the_sentence_named():
    found = figures("去年本港GDP实质增长3.2%，全年访港旅客约3400万人次。")
    assert [f["year"] for f in found] == [2023, 2023]
    assert one("全年引进优质项目400个。")["year"] == 2024


def test_up_to_a_date_is_no_target():
    found = figures("截至2024年底，全市共有“小巨人”企业103家、专精特新中小企业1200余家。")
    assert [(f["kind"], f["year"]) for f in found] == [("actual", 2024), ("actual", 2024)]


def test_a_bare_hundred_million_of_people_is_a_count():
    assert [(f["unit"], f["value"]) for f in figures("全国人口14亿，固定资产投资3.5亿。")] == [
        ("count", 1.4e9), ("CNY", 3.5e8)]


def test_a_price_per_area_keeps_its_denominator():
    f = one("新建住宅均价1.2万元/平方米。")
    assert (f["value"], f["unit"], f["period"]) == (12000, "CNY", "per m2")


def test_english_year_comes_from_the_figures_clause_not_a_relative_clause():
    ctx = FigureContext(published=date(2024, 5, 20), script="en")
    found = figures("The park, which opened in 2019, now hosts over 1,000 companies, and its output topped "
                    "100 billion yuan for the first time last year.", ctx)
    assert [(f["value"], f["year"], f["metric"]) for f in found] == [
        (1000, 2024, "companies"), (1e11, 2023, "output")]
    found = figures("By 2025, the province aims to cultivate 10 industrial clusters.", ctx)
    assert [(f["year"], f["kind"]) for f in found] == [(2025, "target")]


def test_english_number_words_after_the_are_no_figures():
    ctx = FigureContext(published=date(2024, 5, 20), script="en")
    found = figures("The two sides signed 15 agreements worth $3.5 billion on March 3.", ctx)
    assert [(f["value"], f["unit"]) for f in found] == [(15, "count"), (3.5e9, "USD")]
    assert "March" not in found[1]["metric"]


def test_a_headline_space_ends_a_metric():
    found = figures("南沙新区举行大会 共有逾289个项目集中竣工 总投资约79亿元")
    assert [(f["metric"], f["kind"]) for f in found] == [("项目集中竣工", "actual"), ("总投资", "fact")]


def test_change_words_stay_in_the_text_and_a_minus_sign_in_the_value():
    found = figures("营业收入同比增长1.2倍，出口下降2.3%，进口增长-1.5%。")
    assert [(f["text"], f["value"], f["metric"]) for f in found] == [
        ("同比增长1.2倍", 1.2, "营业收入"), ("下降2.3%", 2.3, "出口"), ("增长-1.5%", -1.5, "进口")]


def test_markdown_headings_and_captions_are_read_without_their_marks():
    found = figures("## 三、主要指标\n\n*图为园区一期厂房，占地约5万平方米*")
    assert [(f["quote"], f["value"], f["unit"]) for f in found] == [("图为园区一期厂房，占地约5万平方米", 50000, "m2")]


@pytest.mark.parametrize("text", ["从三个方面提出要求。", "主要有两个原因。", "保持两位数增长。", "按三次产业划分。"])
def test_counts_of_ways_of_speaking_are_no_figures(text):
    assert figures(text) == []


def test_a_cue_inside_another_word_is_no_cue():
    assert one("产品分布在通信、模拟等所有8个领域。")["kind"] == "actual"


def test_a_range_of_past_years_makes_no_target():
    ctx = FigureContext(published=date(2004, 6, 1))
    found = figures("从1985年到2003年，财政投资从512.6亿元增至14230.8亿元。", ctx)
    assert [(f["kind"], f["metric"]) for f in found] == [("actual", "财政投资"), ("actual", "财政投资")]
    assert one("到2020年农村劳动力将达到4.8亿人。", ctx)["kind"] == "target"


def test_progress_against_a_plan_is_actual_and_growth_keeps_the_amounts_metric():
    found = figures("1-9月，全县固定资产投资完成183.42亿元，完成年度计划76.5%，同比增长11.8%。")
    assert [(f["metric"], f["kind"]) for f in found] == [
        ("全县固定资产投资", "actual"), ("年度计划", "actual"), ("全县固定资产投资", "actual")]


def test_a_year_named_for_comparison_is_not_the_figures_year():
    found = figures("二产占比与去年持平；高技术制造业完成投资27.15亿元，占比由去年同期的24%调整为26.8%。")
    assert found and {f["year"] for f in found} == {2024}
    assert found[0]["metric"] == "高技术制造业完成投资"


def test_small_chinese_numeral_counts_need_something_countable():
    assert figures("作为亚洲最大的两个经济体，中日两个大国应当加强往来。") == []
    found = figures("新建五个重点项目，引进两家企业，三名专家，建设三座5G基站。")
    assert [(f["value"], f["counter"]) for f in found] == [(5, "个"), (2, "家"), (3, "名"), (3, "座")]


def test_figures_after_a_standing_size_describe_the_same_thing():
    found = figures("四期工程总投资约69.7亿元，建设4个10万吨级集装箱泊位，设计年通过能力490万标箱。")
    assert [(f["value"], f["unit"], f["kind"]) for f in found] == [
        (6.97e9, "CNY", "fact"), (4, "count", "fact"), (1e5, "t", "fact"), (4.9e6, "TEU", "fact")]
    assert [f["kind"] for f in figures("总投资65亿元。120个项目动工。")] == ["fact", "actual"]


PIECES = ["2500", "1.2", "3-5", "１２", "兩千五百", "百", "萬", "億", "亿元", "元", "个", "家", "%", "成", "超", "近",
          "约",
          "以上", "左右", "级", "年", "月", "日", "第", "前", "强", "，", "。", "、", "：", "“", "”", "(", ")", " ",
          "\n",
          "增长", "将", "已", "目标", "billion", "yuan", "percent", "more than", "$", "5G", "the", "projects", "-",
          "至"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_any_text_gives_well_formed_figures(pieces):
    text = "".join(pieces)
    for f in extract_figures(text, PUBLISHED):
        assert tuple(f) == FIELDS
        assert f["text"] and f["text"] in f["quote"] and f["quote"] in text.replace("#", "")
        assert (f["value"] is None) == (f["low"] is not None and f["high"] is not None)
        assert f["kind"] in ("target", "actual", "fact") and 0 <= f["confidence"] <= 1


def test_a_count_after_its_noun_keeps_that_noun_and_a_tier_takes_the_next():
    found = figures("力争到2025年培育千亿元级产业集群2个、百亿级企业10—15家。")
    assert [(f["text"], f["metric"]) for f in found] == [
        ("千亿元级", "产业集群"), ("2个", "产业集群"), ("百亿级", "企业"), ("10—15家", "企业")]
    assert found[3]["low"] == 10 and found[3]["high"] == 15


def test_english_count_through_a_spec_and_a_share_of_a_total():
    ctx = FigureContext(published=date(2024, 5, 20), script="en")
    assert one("The plant will make 40,000 12-inch wafers a month.", ctx)["metric"] == "wafers"
    found = figures("Sales revenue of the industry reached 150 billion yuan in 2023, accounting for 7.5 percent "
                    "of the national total.", ctx)
    assert [f["metric"] for f in found] == ["Sales revenue of the industry"] * 2


def test_table_rows_and_enumerations():
    found = figures("| 地区生产总值 | 3.2万亿元 | 增长5% |")
    assert [(f["value"], f["metric"]) for f in found] == [(3.2e12, "地区生产总值"), (5, "地区生产总值")]
    found = figures("（一）一是新增就业5000人，二是培训2万人次。1. 新增企业100家；2. 引进项目30个。")
    assert [(f["value"], f["metric"], f["kind"]) for f in found] == [
        (5000, "就业", "actual"), (20000, "培训", "actual"), (100, "企业", "actual"), (30, "项目", "actual")]
