"""Entities: zones, industries, companies, people and policies in Simplified, Traditional and English."""
from __future__ import annotations

import pytest

from generator.entities import find_entities
from generator.scripts import to_traditional
from generator.taxonomy import load_taxonomy


@pytest.fixture(scope="module")
def taxonomy(root):
    return load_taxonomy(root / "content" / "taxonomy")


def ids(entities: dict, kind: str) -> list[str]:
    return [e["id"] for e in entities[kind]]


def names(entities: dict, kind: str) -> list[str]:
    return [e["name"] for e in entities[kind]]


HANS = ("2月7日，广州开发区、黄埔区召开高质量发展大会，揭牌设立生物医药、低空经济与航空航天、半导体和集成电路、"
        "人工智能、新能源与新型储能、具身智能机器人六大重点产业发展办公室。知识城重点发展智能网联汽车，"
        "该区将围绕量子科技、脑机接口等新赛道，服务好亿航智能、星河动力等细分龙头。")
# The same text after a Taiwan-style conversion: regional wording as well as characters.
HANT = ("2月7日，廣州開發區、黃埔區召開高品質發展大會，揭牌設立生物醫藥、低空經濟與航空航天、半導體和積體電路、"
        "人工智能、新能源與新型儲能、具身智慧機器人六大重點産業發展辦公室。知識城重點發展智慧網聯汽車，"
        "該區將圍繞量子科技、腦機介面等新賽道，服務好億航智慧、星河動力等細分龍頭。")


def test_simplified_and_taiwan_wording_give_the_same_entities(taxonomy):
    hans, hant = find_entities("", HANS, taxonomy), find_entities("", HANT, taxonomy)
    for kind in ("zones", "industries"):
        assert ids(hans, kind) == ids(hant, kind)
    assert names(hans, "companies") == names(hant, "companies") == ["亿航智能", "星河动力"]
    assert ids(hans, "zones") == ["guangzhou-development-district", "huangpu", "knowledge-city"]
    assert set(ids(hans, "industries")) == {
        "biomedicine", "low-altitude-economy", "aerospace", "semiconductors", "integrated-circuits",
        "artificial-intelligence", "new-energy", "new-energy-storage", "embodied-ai-robots",
        "intelligent-connected-vehicles", "quantum-technology", "brain-computer-interface"}


def test_term_names_are_canonical_simplified_with_english(taxonomy):
    zone = find_entities("", HANT, taxonomy)["zones"][0]
    assert zone == {"id": "guangzhou-development-district", "name": "广州开发区",
                    "name_en": "Guangzhou Development District"}


def test_longest_name_wins(taxonomy):
    found = find_entities("", "中新广州知识城和新能源汽车", taxonomy)
    assert ids(found, "zones") == ["knowledge-city"]
    assert ids(found, "industries") == ["new-energy-vehicles"]


@pytest.mark.parametrize("text", [
    "广州市与广西区域合作不断深化。",      # 西区 inside 广西区域
    "广州企业赴山西区县考察。",            # 西区 inside 山西区县
])
def test_no_match_inside_another_word(taxonomy, text):
    assert find_entities("", text, taxonomy)["zones"] == []


def test_short_name_matches_as_a_word(taxonomy):
    found = find_entities("", "广州开发区的海丝城以西区振兴为动力。", taxonomy)
    assert "gdd-west-area" in ids(found, "zones")


def test_south_china_sea_islands_are_not_nansha(taxonomy):
    assert find_entities("", "南沙群岛自古以来是中国领土。", taxonomy)["zones"] == []


def test_short_forms_need_context(taxonomy):
    assert find_entities("", "北京怀柔的科学城加快建设。", taxonomy)["zones"] == []
    assert ids(find_entities("", "广州的科学城加快建设。", taxonomy), "zones") == ["science-city"]


def test_traditional_names_match(taxonomy):
    found = find_entities("", to_traditional("苏州工业园区和上海临港新片区、北京亦庄"), taxonomy)
    assert ids(found, "zones") == ["suzhou-industrial-park", "lingang", "beijing-etdz"]


def test_zone_missing_from_the_taxonomy_is_provisional(taxonomy):
    found = find_entities("", "湛江经济技术开发区今年引进项目30个。", taxonomy)
    assert found["zones"] == [{"id": "zhan-jiang-jing-ji-ji-shu-kai-fa-qu", "name": "湛江经济技术开发区",
                               "name_en": None, "provisional": True}]


def test_provisional_zone_keeps_its_name_in_simplified(taxonomy):
    found = find_entities("", "此外，贛州經開區提升12位。", taxonomy)
    assert names(found, "zones") == ["赣州经开区"]


@pytest.mark.parametrize("text", [
    "对全国186家国家级经济技术开发区开展年度考核。",
    "作为首批国家级经开区，该区扛起重任。",
    "力争引进中国华录集团智慧物流产业园项目。",
])
def test_generic_zone_words_are_not_zones(taxonomy, text):
    assert [z for z in find_entities("", text, taxonomy)["zones"] if z.get("provisional")] == []


ENGLISH = ("Guangzhou's Huangpu district wants new-generation information technology firms, artificial "
           "intelligence labs and biomedicine plants in the China-Singapore Guangzhou Knowledge City. "
           "Xpeng's smart manufacturing base and Guangdong Daily's media hub are among them. "
           "AIDS research is not AI.")


def test_english_article(taxonomy):
    found = find_entities("Huangpu lines up 140 major projects", ENGLISH, taxonomy)
    assert ids(found, "zones") == ["huangpu", "knowledge-city"]
    assert ids(found, "industries") == ["new-generation-it", "artificial-intelligence", "biomedicine",
                                        "smart-manufacturing"]
    assert names(found, "companies") == ["小鹏汽车", "Guangdong Daily"]


def test_english_acronyms_match_only_as_words(taxonomy):
    assert find_entities("", "AIDS research and MAIN street in Guangzhou.", taxonomy)["industries"] == []
    assert ids(find_entities("", "The AI industry in Guangzhou.", taxonomy), "industries") == [
        "artificial-intelligence"]


def test_english_short_form_needs_context(taxonomy):
    assert find_entities("", "The Knowledge City in Tianjin opened.", taxonomy)["zones"] == []


def test_companies_from_lists_endings_and_curated_names(taxonomy):
    text = ("该区将支持小鹏、百济神州、如祺出行等重点企业，推动江州蓝晶新材料有限公司、创维集团和孚能科技发展，"
            "新增8家上市公司，围绕量子科技布局。")
    assert names(find_entities("", text, taxonomy), "companies") == [
        "小鹏汽车", "百济神州", "如祺出行", "江州蓝晶新材料有限公司", "创维集团", "孚能科技"]


def test_curated_company_across_scripts_and_english(taxonomy):
    for text in ("服务好億航智慧等企业", "服务好亿航智能等企业", "EHang opened a plant in Guangzhou."):
        assert find_entities("", text, taxonomy)["companies"][0]["name"] == "亿航智能", text


def test_brand_followed_by_a_business_word_is_a_sister_firm(taxonomy):
    assert names(find_entities("", "力争引进中兴能源华东数据中心。", taxonomy), "companies") == ["中兴能源"]


def test_industries_in_a_list_are_not_companies(taxonomy):
    found = find_entities("", "支持生物医药、新能源、新材料等企业发展。", taxonomy)
    assert found["companies"] == []


def test_people_with_titles_not_reporters(taxonomy):
    text = ("新华网广州5月12日电（记者邵明川）广州市委常委、副市长，黄埔区委书记韩立新强调，要把招商放在首位。"
            "随后，广州开发区管委会副主任罗建彬介绍了新政策。发展及规划局局长黎志恒亦表示欢迎。")
    people = find_entities("", text, taxonomy)["people"]
    assert people == [
        {"name": "韩立新", "role": "广州市委常委、副市长，黄埔区委书记"},
        {"name": "罗建彬", "role": "广州开发区管委会副主任"},
        {"name": "黎志恒", "role": "发展及规划局局长"}]


def test_a_speaker_after_a_quotation_has_no_quote_mark_in_the_title(taxonomy):
    text = "“储能是本区重点布局的方向。”某市高新区管委会主任王立新说。"
    assert find_entities("", text, taxonomy)["people"] == [{"name": "王立新", "role": "某市高新区管委会主任"}]


def test_people_keep_the_script_as_written(taxonomy):
    people = find_entities("", "黃埔區委書記韓立新強調，要把招商放在首位。", taxonomy)["people"]
    assert people == [{"name": "韓立新", "role": "黃埔區委書記"}]


def test_policies_with_issuer_and_date_but_no_newspapers(taxonomy):
    text = ("2024年3月1日，广东省人民政府办公厅印发《广东省加快氢能产业集聚发展的实施方案》。"
            "据《人民日报》报道，该区制定了《临港新区三年行动计划(2016-2018年)》，打造《一站式》服务。")
    assert find_entities("", text, taxonomy)["policies"] == [
        {"title": "广东省加快氢能产业集聚发展的实施方案", "issuer": "广东省人民政府办公厅", "date": "2024-03-01"},
        {"title": "临港新区三年行动计划(2016-2018年)"}]


def test_empty_text(taxonomy):
    assert find_entities("", "", taxonomy) == {"zones": [], "industries": [], "companies": [], "people": [],
                                               "policies": []}


def test_english_people_with_titles(taxonomy):
    text = ("Huangpu will build a hub in Guangzhou, said Li Ming, deputy director of the district development "
            "bureau. Vice Mayor Han Lixin attended. Tram Lines 3 and 7 as well as Dongjiang, said the report.")
    assert find_entities("", text, taxonomy)["people"] == [
        {"name": "Li Ming", "role": "deputy director of the district development bureau"},
        {"name": "Han Lixin", "role": "Vice Mayor"}]


def test_english_zone_missing_from_the_taxonomy_is_provisional(taxonomy):
    found = find_entities("", "The Zhanjiang Economic and Technological Development Zone and the Hefei "
                              "High-tech Zone grew.", taxonomy)
    assert found["zones"] == [
        {"id": "zhanjiang-economic-and-technological-development-zone",
         "name": "Zhanjiang Economic and Technological Development Zone",
         "name_en": "Zhanjiang Economic and Technological Development Zone", "provisional": True},
        {"id": "hefei-high-tech-zone", "name": "合肥高新技术产业开发区",
         "name_en": "Hefei National High-tech Industry Development Zone"}]
