"""Rules added for text the extractor had not seen: home currencies, currency names before the number,
兆, small Chinese-numeral counts, bounds over a phrase, a paragraph's past year, English clauses."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.figures import FigureContext, extract_figures, glossary_of, home_currency
from generator.taxonomy import load_taxonomy

TAXONOMY = load_taxonomy(Path(__file__).resolve().parents[1] / "content" / "taxonomy")
# The extractor always runs with the project's metric glossary, as extract.build_record gives it.
PUBLISHED = FigureContext(published=date(2025, 2, 26), glossary=glossary_of(TAXONOMY.metrics, TAXONOMY.indicators))


def found(text: str, context: FigureContext = PUBLISHED) -> list[tuple]:
    """(text, value, unit) of every figure of `text`."""
    return [(f["text"], f["value"], f["unit"]) for f in extract_figures(text, context)]


def one(text: str, context: FigureContext = PUBLISHED) -> dict:
    """The single figure of `text`."""
    figs = extract_figures(text, context)
    assert len(figs) == 1, [f["text"] for f in figs]
    return figs[0]


@pytest.mark.parametrize("text, script, currency", [
    ("預計赤字為872億港元。政府亦會發放HK$2,000醫療券。", "zh-Hant", "HKD"),
    ("金額合計新臺幣528億元，總額新臺幣2.5兆元。", "zh-Hant", "TWD"),
    ("公司在港上市，集資20億港元。項目總投資50億元。", "zh-Hant", None),      # named once: no home currency
    ("赤字872亿港元，另有HK$2,000医疗券。", "zh-Hans", None),                  # Simplified: renminbi
    ("集資20億港元，另募資人民幣30億元及港幣10億元，人民幣5億元。", "zh-Hant", None),  # renminbi as often
])
def test_home_currency_needs_a_traditional_article_that_keeps_naming_it(text, script, currency):
    assert home_currency(text, script) == currency


def test_bare_yuan_takes_the_home_currency_but_renminbi_stays():
    context = FigureContext(published=date(2025, 2, 26), script="zh-Hant", currency="HKD")
    assert found("政府將預留100億元成立基金，另撥人民幣3億元。", context) == [
        ("100億元", 10_000_000_000, "HKD"), ("人民幣3億元", 300_000_000, "CNY")]


@pytest.mark.parametrize("text, value, unit, qualifier", [
    ("新增投資逾新臺幣500億元", 50_000_000_000, "TWD", "over"),
    ("投资人民币100亿元", 10_000_000_000, "CNY", None),
    ("募資港幣20億元", 2_000_000_000, "HKD", None),
    ("總金額突破2.5兆元", 2_500_000_000_000, "CNY", "over"),
])
def test_a_currency_named_before_the_number_and_trillions_in_zhao(text, value, unit, qualifier):
    fig = one(text)
    assert (fig["value"], fig["unit"], fig["qualifier"]) == (value, unit, qualifier)


@pytest.mark.parametrize("text, figures", [
    ("装机容量5兆瓦时的储能站", [("5兆瓦时", 5, "MWh")]),
    ("频率为5兆赫", []),
    ("總金額2.5兆元，另有5兆瓦時儲能。", [("2.5兆元", 2_500_000_000_000, "CNY"), ("5兆瓦時", 5, "MWh")]),
])
def test_zhao_is_no_trillion_before_a_unit(text, figures):
    assert found(text) == figures


@pytest.mark.parametrize("text, value, counter", [
    ("首批三座大樓預計明年落成", 3, "座"),
    ("洽谈会期间举办配套活动五场。", 5, "场"),
    ("世界500强企业投资项目五个。", 5, "个"),
    ("浙江已设立省级产业基金五支，", 5, "支"),
    ("由省产业基金联合两家国有企业出资", 2, "家"),
])
def test_small_chinese_numeral_counts_of_real_things_are_kept(text, value, counter):
    fig = one(text)
    assert (fig["value"], fig["unit"], fig["counter"]) == (value, "count", counter)


@pytest.mark.parametrize("text", ["做到两个维护", "中美两个大国", "分两期建设", "抓好三项制度改革", "一批项目"])
def test_small_counts_that_are_ways_of_speaking_are_dropped(text):
    assert found(text) == []


def test_a_bound_over_a_phrase_ending_in_de_is_the_qualifier():
    fig = one("单个项目投资额原则上不超过基金规模的20%。")
    assert (fig["value"], fig["qualifier"], fig["text"]) == (20, "up_to", "20%")


def test_results_after_a_past_year_keep_it_within_the_paragraph_only():
    text = ("2024年全市地区生产总值达到13507.7亿元。全市进出口总额3785.4亿元。\n"
            "全市进出口总额将达到4000亿元。")
    years = [f["year"] for f in extract_figures(text, PUBLISHED)]
    assert years == [2024, 2024, 2025]


def test_an_english_target_cue_in_a_joined_clause_does_not_make_the_other_a_target():
    figs = extract_figures("More than 300 companies joined the fair, and 19 projects are on tap for old-town "
                           "renovation.", PUBLISHED)
    assert [(f["value"], f["kind"]) for f in figs] == [(300, "actual"), (19, "target")]


def test_english_growth_takes_the_subject_not_the_amount_after_it():
    figs = extract_figures("Exports grew 6.2 percent to 18.62 trillion yuan, while imports were up 4.1 percent "
                           "year-on-year.", PUBLISHED)
    assert [f["metric"] for f in figs] == ["Exports", "Exports", "imports"]


def test_pct_is_percent():
    assert one("China's foreign trade up 5.3 pct in first three quarters")["unit"] == "percent"


@pytest.mark.parametrize("text, metric", [
    ("全社会用电量同比增长6.3%，增速较上年同期提高1.2个百分点。", "增速"),
    ("每年安排不少于5000万元用于企业技改奖补。", "企业技改奖补"),
])
def test_comparisons_are_no_metric_and_a_purpose_names_it(text, metric):
    assert extract_figures(text, PUBLISHED)[-1]["metric"] == metric


def test_a_growth_rate_measured_by_year_takes_the_amount_before_it():
    figs = extract_figures("今年第一季本地生產總值為1,050.2億澳門元，按年實質上升3.4%。", PUBLISHED)
    assert [f["metric"] for f in figs] == ["本地生產總值", "本地生產總值"]


def test_what_was_added_to_a_standing_size_is_a_result():
    added, total = extract_figures("全市新增光伏装机容量86万千瓦，光伏装机容量1150万千瓦。", PUBLISHED)
    assert (added["kind"], added["year"], total["kind"]) == ("actual", 2025, "fact")


@pytest.mark.parametrize("text, kind", [
    ("会议要求，设立2亿元产业引导资金。", "target"),
    ("去年代表们提出了建议300条。", "actual"),
])
def test_requirements_are_targets_but_proposals_made_are_not(text, kind):
    assert one(text)["kind"] == kind


def test_a_hyphenated_area_before_its_noun():
    fig = one("A new 120,000-square-meter innovation center will open in June.")
    assert (fig["value"], fig["unit"], fig["kind"]) == (120000, "m2", "target")


@pytest.mark.parametrize("text, metric", [
    ("以全省不到千分之二的面积贡献了全省12%的外贸进出口。", "外贸进出口"),
    ("剩余约四分之一设备将于年底前到位。", "设备"),
    ("公司计划新增产能10万吨。", "产能"),
    ("晶圆月产能将由2万片提升至4万片/月。", "晶圆月产能"),
])
def test_a_share_takes_what_it_is_of_and_metrics_keep_words_ending_in_trimmed_characters(text, metric):
    assert extract_figures(text, PUBLISHED)[-1]["metric"] == metric


@pytest.mark.parametrize("text, kind", [
    ("项目已累计投入资金的百分之八十五，剩余约四分之一设备将于年底前到位。", "target"),
    ("180个项目将于年内开工。", "target"),
    ("去年新开工项目180个，已全部投产。", "actual"),
])
def test_a_plan_stated_after_the_figure_in_its_clause_makes_a_target(text, kind):
    assert extract_figures(text, PUBLISHED)[-1]["kind"] == kind


def test_a_hyphenated_english_amount():
    fig = one("Hefei launched a 10-billion-yuan fund on Thursday.")
    assert (fig["value"], fig["unit"], fig["metric"]) == (10_000_000_000, "CNY", "fund")


def test_the_word_lists_hold_no_yaml_booleans():
    """An unquoted on/yes/no in a YAML list is read as a boolean, and the word silently goes missing."""
    import yaml

    from generator.figures.lexicon import DATA
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    lists = {k: v for k, v in raw.items() if isinstance(v, list)}
    assert not [k for k, v in lists.items() if any(isinstance(x, bool) for x in v)]


def test_a_headline_without_cue_words_takes_the_kind_of_the_same_figure_in_the_body():
    from generator.figures import article_figures
    context = FigureContext(published=date(2025, 2, 26), script="zh-Hant", currency="HKD")
    figs = article_figures("港府撥款逾百億元推動創科", "政府將預留100億元成立基金。", context)
    assert [(f["unit"], f["kind"]) for f in figs] == [("HKD", "target"), ("HKD", "target")]
    cued = article_figures("去年撥款逾百億元", "政府將預留100億元成立基金。", context)
    assert cued[0]["kind"] == "actual"


@pytest.mark.parametrize("text, value, metric", [
    ("Qianhai registered 1,873 new Hong Kong-funded enterprises this year.", 1873, "new Hong Kong-funded enterprises"),
    ("Some 2,100 Hong Kong residents now work in Qianhai.", 2100, "Hong Kong residents"),
])
def test_an_english_count_before_a_name_that_modifies_its_noun(text, value, metric):
    fig = one(text)
    assert (fig["value"], fig["unit"], fig["metric"]) == (value, "count", metric)


@pytest.mark.parametrize("text, counted", [
    ("Metro Line 3 opens today.", False), ("He drove 3 Mercedes.", False), ("He drove 3 trucks.", True),
])
def test_a_capitalised_word_is_no_counted_noun(text, counted):
    assert found(text) == ([("3", 3, "count")] if counted else [])


def test_exceed_is_over_and_no_metric():
    fig = one("The zone's GDP is expected to exceed 200 billion yuan this year.")
    assert (fig["qualifier"], fig["kind"], fig["metric"]) == ("over", "target", "zone's GDP")


def test_a_word_of_increase_before_another_noun_leaves_a_standing_award_a_fact():
    assert one("对新落户的总部企业给予最高1000万元奖励。")["kind"] == "fact"


def test_a_headline_without_a_year_takes_the_year_of_the_same_figure_in_the_body():
    from generator.figures import article_figures
    figs = article_figures("全省汽车出口突破800亿元", "2023年出口继续增长，突破800亿元，同比增长12%。", PUBLISHED)
    assert [f["year"] for f in figs[:2]] == [2023, 2023]
    dated = article_figures("2025年汽车出口力争突破800亿元", "2023年出口继续增长，突破800亿元。", PUBLISHED)
    assert dated[0]["year"] == 2025


def test_a_figure_whose_clause_names_only_a_verb_measures_what_the_clause_before_names():
    fig, rate = extract_figures("2023年出口继续扩大，突破800亿元，同比增长12%。", PUBLISHED)
    assert (fig["metric"], fig["indicator"]) == ("出口", "exports")
    assert (rate["metric"], rate["indicator"], rate["measure"]) == ("出口", "exports", "growth")


def test_a_figure_that_names_its_own_noun_keeps_it_after_a_clause_naming_another():
    figs = extract_figures("项目已投入资金的百分之八十五，剩余约四分之一设备将于年底前到位。", PUBLISHED)
    assert [f["metric"] for f in figs][-1] == "设备"
    assert figs[-1]["indicator"] is None


def test_the_value_of_what_the_clause_before_counted_measures_the_same():
    figs = extract_figures("去年全省出口汽车52万辆，货值980亿元；进口零部件3.1亿件，价值410亿元。", PUBLISHED)
    assert [(f["text"], f["indicator"]) for f in figs if f["unit"] == "CNY"] == [
        ("980亿元", "exports"), ("410亿元", "imports")]


def test_a_sum_after_another_takes_its_indicator_only_when_it_names_a_part_of_it():
    fund, first = extract_figures("设立规模50亿元的产业基金，首期15亿元。", PUBLISHED)
    assert (fund["indicator"], first["indicator"]) == ("fund_size", "fund_size")
    exports, deficit = extract_figures("出口机电产品640亿元，贸易顺差扩大到210亿元。", PUBLISHED)
    assert exports["indicator"] == "exports" and deficit["indicator"] is None


def test_the_base_a_growth_is_compared_with_is_of_its_own_year():
    now, base, rate = extract_figures("2024年全市软件业收入为980亿元，比2023年的850亿元增长15.3%。", PUBLISHED)
    assert (now["year"], base["year"], rate["year"]) == (2024, 2023, 2024)


def test_a_figure_restated_later_in_the_article_keeps_the_period_it_was_first_given():
    from generator.figures import article_figures
    body = "2024年一季度，全区46个项目集中开工。\n\n本次活动包括新材料产业园等46个项目。"
    spring = FigureContext(published=date(2024, 4, 2), glossary=PUBLISHED.glossary)
    first, again = article_figures("全区项目集中开工", body, spring)
    assert first["period"] == again["period"] == "Q1 2024"
    other = article_figures("全区项目集中开工", body.replace("等46个", "等47个"), spring)[1]
    assert other["period"] is None


@pytest.mark.parametrize("text", ["对新落户的重点企业，最高给予5000万元奖励。", "每家企业最多可补助5000万元。"])
def test_a_bound_before_the_verb_of_support_is_the_qualifier_of_the_sum(text):
    fig = one(text)
    assert (fig["text"], fig["qualifier"], fig["indicator"]) == ("5000万元", "up_to", "policy_support")


def test_first_n_months_is_a_period_and_a_count_of_months_no_figure():
    assert [(f["text"], f["period"]) for f in extract_figures("前10个月，全区工业产值增长18%。", PUBLISHED)] == [
        ("增长18%", "Jan–Oct 2025")]
    assert extract_figures("项目建设周期为6个月。", PUBLISHED) == []


def test_a_part_of_the_year_carries_through_its_paragraph_and_to_a_sentence_opening_with_tongqi():
    body = ("1-9月，全区完成工业总产值900亿元。其中，电子信息产业产值310亿元。\n\n"
            "同期，全区完成固定资产投资260亿元。\n\n到2026年，工业总产值力争突破1500亿元。")
    periods = [(f["text"], f["period"]) for f in extract_figures(body, PUBLISHED)]
    assert periods == [("900亿元", "Jan–Sep 2025"), ("310亿元", "Jan–Sep 2025"), ("260亿元", "Jan–Sep 2025"),
                       ("突破1500亿元", None)]


def test_a_cap_on_support_is_a_standing_rule_not_a_result():
    fig = one("对新落户的重点企业，最高给予5000万元的落户奖励。")
    assert (fig["kind"], fig["qualifier"], fig["metric"]) == ("fact", "up_to", "")


def test_english_first_half_a_metric_after_its_verb_and_an_increase_of_the_amount_before():
    text = ("In the first half of 2024, the Hillside Park recorded a gross industrial output of 52.1 billion yuan. "
            "Fixed-asset investment reached 12.4 billion yuan, an increase of 6.3 percent.")
    output, fai, rate = extract_figures(text, PUBLISHED)
    assert (output["metric"], output["period"]) == ("gross industrial output", "H1 2024")
    assert (fai["indicator"], fai["period"]) == ("fixed_asset_investment", "H1 2024")
    assert (rate["indicator"], rate["measure"]) == ("fixed_asset_investment", "growth")


def test_a_count_added_since_the_same_period_last_year_is_growth():
    level, change = extract_figures("園區從業員工人數約5.2萬人，較去年同期增加1,100人。", PUBLISHED)
    assert (level["measure"], change["measure"]) == ("level", "growth")


@pytest.mark.parametrize("text", ["实现量产之后，预计年产值达30亿元，带动上下游形成500亿元产值。",
                                  "项目建成之后，年产值将达80亿元。"])
def test_what_a_project_makes_once_running_is_for_on_completion_not_the_articles_year(text):
    assert {(f["period"], f["year"]) for f in extract_figures(text, PUBLISHED)} == {("on completion", None)}
