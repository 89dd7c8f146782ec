"""Datelines and credits of other sites: English datelines and bylines, credits run into the lead."""
from __future__ import annotations

import pytest

from generator.clean import clean_page_text

ENGLISH_HEADLINE = "Guangdong-Hong Kong-Macao Greater Bay Area unveils new plan to boost advanced manufacturing"
ENGLISH_LEAD = "The Greater Bay Area will build 10 advanced manufacturing clusters by 2027, officials said on Monday."


@pytest.mark.parametrize("dateline, published, source, authors", [
    ("2024-05-20 14:30 Source: China Daily", "2024-05-20 14:30", "China Daily", []),
    ("Updated: May 20, 2024", "2024-05-20", None, []),
    ("Updated: May 20, 2024 16:45", "2024-05-20 16:45", None, []),
    ("Published: 2024-05-20", "2024-05-20", None, []),
    ("20 May 2024 09:30", "2024-05-20 09:30", None, []),
    ("By Zhang San | China Daily | Updated: 2024-05-20 09:12", "2024-05-20 09:12", "China Daily", ["Zhang San"]),
    ("By Zhang San and Li Si in Shenzhen | chinadaily.com.cn | Updated: 2024-05-20 09:12", "2024-05-20 09:12",
     "chinadaily.com.cn", ["Zhang San", "Li Si"]),
    ("2024-05-20 | Xinhua", "2024-05-20", "Xinhua", []),
])
def test_english_datelines(dateline, published, source, authors):
    art = clean_page_text(f"Home | China | Business\n{ENGLISH_HEADLINE}\n{dateline}\n{ENGLISH_LEAD}\n"
                          "The plan covers chips, new energy vehicles and robots.\n")
    assert art.title == ENGLISH_HEADLINE and not art.title_derived
    assert (art.published, art.source, art.authors) == (published, source, authors)
    assert art.blocks[0] == ENGLISH_LEAD


def test_english_byline_and_editor_lines_are_credits():
    art = clean_page_text(f"{ENGLISH_HEADLINE}\nSource: Xinhua\n2024-05-20 14:30\nBy Zhang San\n{ENGLISH_LEAD}\n"
                          "Editor: Liu Wei\nRelated News\nAnother story about chips\n")
    assert art.source == "Xinhua" and art.authors == ["Zhang San"] and art.editors == ["Liu Wei"]
    assert art.blocks == [ENGLISH_LEAD]


@pytest.mark.parametrize("lead, body, authors", [
    ("本报记者 张三 近日，园区新签约项目12个，总投资80亿元。", "近日，园区新签约项目12个，总投资80亿元。", ["张三"]),
    ("本报记者 张三 李四 通讯员 王五 5月19日，园区新签约项目12个。", "5月19日，园区新签约项目12个。",
     ["张三", "李四", "王五"]),
    ("本报讯 记者 张三 北京报道 园区新签约项目12个，总投资80亿元。", "本报讯园区新签约项目12个，总投资80亿元。",
     ["张三"]),
    ("【香港商報訊】記者 陳嘉欣報道：園區新簽約項目12個，總投資80億元。",
     "【香港商報訊】園區新簽約項目12個，總投資80億元。",
     ["陳嘉欣"]),
    ("新华社北京5月20日电（记者 李四、王五）园区新签约项目12个。", "新华社北京5月20日电园区新签约项目12个。",
     ["李四", "王五"]),
    ("人民网北京5月20日电 （记者张三）园区新签约项目12个。", "人民网北京5月20日电园区新签约项目12个。", ["张三"]),
    ("本报讯（通讯员 赵敏）园区新签约项目12个，总投资80亿元。", "本报讯园区新签约项目12个，总投资80亿元。", ["赵敏"]),
    ("（中央社記者吳佳穎台北20日電）園區新簽約項目12個。", "園區新簽約項目12個。", ["吳佳穎"]),
])
def test_credit_run_into_the_lead_goes_to_authors(lead, body, authors):
    art = clean_page_text(f"园区新签约项目12个\n2024-05-20 10:00\n{lead}\n项目涵盖集成电路和生物医药。\n")
    assert art.blocks[0] == body
    assert art.authors == authors


@pytest.mark.parametrize("lead", [
    "记者近日从园区获悉，园区新签约项目12个，总投资80亿元。",        # no name: nothing to take
    "记者 张三表示，园区新签约项目12个，总投资80亿元。",              # a name run into the sentence is left alone
])
def test_leads_without_a_separate_credit_are_kept(lead):
    art = clean_page_text(f"园区新签约项目12个\n2024-05-20 10:00\n{lead}\n项目涵盖集成电路和生物医药。\n")
    assert art.blocks[0] == lead


def test_a_credit_in_the_middle_of_the_article_is_not_a_lead_credit():
    art = clean_page_text("园区新签约项目12个\n2024-05-20 10:00\n园区新签约项目12个，总投资80亿元。\n"
                          "记者 张三 了解到，项目涵盖集成电路和生物医药等产业。\n")
    assert art.blocks[1] == "记者 张三 了解到，项目涵盖集成电路和生物医药等产业。" and art.authors == []


def test_bylines_under_the_headline_are_not_joined_to_it():
    for byline in ("作者：林一帆", "澎湃新闻记者 陈思远", "南方+ 记者 刘洋 通讯员 陈晨"):
        art = clean_page_text(f"园区新签约项目12个\n{byline}\n2024-05-20 10:00\n园区新签约项目12个，总投资80亿元。\n")
        assert art.title == "园区新签约项目12个", byline
        assert art.authors, byline


def test_closing_credits_after_the_editor_line_are_all_taken():
    art = clean_page_text("园区新签约项目12个\n2024-05-20 10:00\n"
                          "园区新签约项目12个，总投资80亿元，涵盖集成电路和生物医药。\n"
                          "编辑：刘佳\n责任编辑：韩雪\n【纠错】 【责任编辑：赵六】\n热门视频\n")
    assert art.editors == ["刘佳", "韩雪", "赵六"]
    assert len(art.blocks) == 1


def test_a_caption_with_a_reporter_credit_stays_a_caption():
    art = clean_page_text("园区新签约项目12个\n2024-05-20 10:00\n"
                          "园区新签约项目12个，总投资80亿元。\n签约现场 记者 王五 摄\n")
    assert art.blocks[-1] == "*签约现场 记者 王五 摄*" and art.photographers == ["王五"] and art.authors == []


def test_english_captions_and_sentences_opened_by_role_words():
    art = clean_page_text(f"{ENGLISH_HEADLINE}\n2024-05-20 10:00\n{ENGLISH_LEAD}\n"
                          "Photo taken on May 19, 2024 shows workers at a plant in Foshan, Guangdong province.\n"
                          "Photo shows a robot arm at the plant\n"
                          "By then the bay area will host 20 industrial clusters, with output of 5 trillion yuan.\n")
    assert art.blocks[1:3] == ["*Photo taken on May 19, 2024 shows workers at a plant in Foshan, Guangdong province.*",
                               "*Photo shows a robot arm at the plant*"]
    assert art.blocks[3].startswith("By then") and art.authors == [] and art.photographers == []


def test_byline_with_outlet_under_the_dateline():
    art = clean_page_text(f"{ENGLISH_HEADLINE}\nUpdated: 2024-05-20 10:00\nBy Li Hua | China Daily\n{ENGLISH_LEAD}\n")
    assert (art.authors, art.source, art.blocks) == (["Li Hua"], "China Daily", [ENGLISH_LEAD])
    art = clean_page_text("比亚迪匈牙利工厂将于年内投产\n界面新闻记者 | 张三\n界面新闻编辑 | 李四\n2024-05-20 10:00\n"
                          "5月19日，比亚迪宣布匈牙利工厂将于年内投产，年产能20万辆。\n")
    assert (art.authors, art.editors, art.source) == (["张三"], ["李四"], "界面新闻")


def test_capitalised_bylines_staff_codes_and_print_edition_notes():
    art = clean_page_text("China to boost support for private firms in high-tech zones, officials say\n"
                          "By ZHONG NAN and LI JIAYING | China Daily | Updated: 2024-05-20 07:12\n"
                          f"{ENGLISH_LEAD}\n")
    assert art.authors == ["Zhong Nan", "Li Jiaying"] and art.source == "China Daily"
    art = clean_page_text("深圳前海新增企业3000家\n2024-05-20 10:23:45　来源: 证券时报\n"
                          "5月19日，前海管理局发布数据，前4个月新增企业3000家。\n"
                          "《 人民日报 》（ 2024年05月20日 第 02 版）\n"
                          "责任编辑：刘万里 SF014\n（编辑：王晓武_NF5619）\n")
    assert art.editors == ["刘万里", "王晓武"] and art.source == "证券时报"
    assert art.blocks == ["5月19日，前海管理局发布数据，前4个月新增企业3000家。"]


@pytest.mark.parametrize("lead, body, authors", [
    ("〔記者張三／台北報導〕台北市政府今天宣布，南港生技園區擴建。", "台北市政府今天宣布，南港生技園區擴建。",
     ["張三"]),
    ("記者張三／台北即時報導\n台北市政府今天宣布，南港生技園區擴建。", "台北市政府今天宣布，南港生技園區擴建。",
     ["張三"]),
    ("香港文匯報訊（記者 黎忞）港府昨日公布，北部都會區將新增產業用地。",
     "香港文匯報訊港府昨日公布，北部都會區將新增產業用地。",
     ["黎忞"]),
    ("【本報訊】記者張三報道：港府昨日公布，北部都會區將新增產業用地。",
     "【本報訊】港府昨日公布，北部都會區將新增產業用地。",
     ["張三"]),
    ("【明報專訊】港府昨日公布，北部都會區將新增產業用地。", "【明報專訊】港府昨日公布，北部都會區將新增產業用地。",
     []),
])
def test_hong_kong_and_taiwan_credits(lead, body, authors):
    art = clean_page_text(f"北部都會區新增產業用地\n2024-05-20 10:00\n{lead}\n另有更多內容，預計明年落實。\n")
    assert (art.blocks[0], art.authors) == (body, authors)
