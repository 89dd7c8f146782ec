"""The cleaner: headlines, datelines, credits, captions, headings, chrome, duplicates and repost hashes."""
from __future__ import annotations

import re
from pathlib import Path

from generator.clean import clean_page_text, derive_title
from generator.clean.credits import find_credits, find_source, is_credit_line, split_names
from generator.clean.meta import clean_article
from generator.read import read_file
from generator.scripts import project_wording

FIXTURES = Path(__file__).parent / "fixtures" / "read"
ROOT = Path(__file__).resolve().parent.parent


def test_names_written_with_spaces_are_joined():
    assert split_names("林 冬 陈晓雯 郑立群") == ["林冬", "陈晓雯", "郑立群"]
    assert split_names("蘇樺 鄧妮 范文靜 邵曉彤") == ["蘇樺", "鄧妮", "范文靜", "邵曉彤"]
    assert split_names("周洁、吴磊") == ["周洁", "吴磊"]


def test_credits_by_role_and_single_character_roles_only_as_words():
    assert find_credits("江南日报记者 林 冬 通讯员 陈晓雯 郑立群") == {"authors": ["林冬", "陈晓雯", "郑立群"]}
    assert find_credits("文 蘇樺 鄧妮 范文靜 邵曉彤") == {"authors": ["蘇樺", "鄧妮", "范文靜", "邵曉彤"]}
    assert find_credits("編輯:馮嘉遠 責編:陸悅晴") == {"editors": ["馮嘉遠", "陸悅晴"]}
    assert find_credits("2023-06-14 11:20:05 來源:濱海在線編輯:馮嘉遠") == {"editors": ["馮嘉遠"]}


def test_source_label_stops_at_role_words_and_stamps():
    assert find_source("2023-06-14 11:20:05 來源:濱海廣電集團濱海在線編輯:馮嘉遠 責編:陸悅晴") == "濱海廣電集團濱海在線"
    assert find_source("来源:江南都市报  2017-04-21 08:15:33") == "江南都市报"
    assert find_source("发布日期：2023-05-17 浏览次数： 信息来源：市发改委") == "市发改委"


def test_credit_lines_and_captions_are_told_apart():
    assert is_credit_line("江南日报记者 林 冬 通讯员 陈晓雯")
    assert is_credit_line("作者:邹美岚") and is_credit_line("（编辑：闵雅洁 施晖）")
    assert not is_credit_line("开工现场 摄影 刘洋")
    assert not is_credit_line("记者从市发改委获悉,项目将于年内开工。")


def test_headline_sharing_a_line_with_chrome_and_the_body():
    art = clean_page_text("江州上半年新材料產業增長9% ©原創 2022-08-16 09:20 0 近日,江州市工信局介紹,"
                          "上半年新材料產業產值312.45億元,同比增長9.3%。(江州日報)\n請輸入驗證碼\n")
    assert art.title == "江州上半年新材料產業增長9%"
    assert art.published == "2022-08-16 09:20"
    assert art.source == "江州日報"
    assert art.body == "近日,江州市工信局介紹,上半年新材料產業產值312.45億元,同比增長9.3%。"


def test_source_priority_label_over_unit_over_trailing_over_dateline():
    text = ("园区新闻标题示例\n某某资讯网 2019-06-12 10:21:05\n"
            "近日,园区公布考核结果,园区位居全国第三,比去年提升两位。(江南日报)\n来源:滨江日报\n")
    assert clean_page_text(text).source == "滨江日报"
    no_label = text.replace("来源:滨江日报\n", "")
    assert clean_page_text(no_label).source == "江南日报"
    unit = ("园区新闻标题示例\n2022-03-30 10:00\n"
            "活动中,园区负责人介绍了今年的招商计划和项目进度安排。 作者单位:江南都市报\n"
            "作者:邹美岚\n")
    art = clean_page_text(unit)
    assert art.source == "江南都市报" and art.authors == ["邹美岚"]
    assert "作者" not in art.body
    text = "标题示例文字\n新華網  2020-04-09 11:05:12\n据介绍,该基地首期投资60億元。\n"
    assert clean_page_text(text).source == "新華網"


def test_editor_line_ends_the_article():
    art = clean_page_text("标题示例文字\n2020-04-09 11:05\n据介绍,该基地首期投资60亿元。\n編輯:馮嘉遠\n"
                          "在新聞的天地裡為您指路陪您看遍山河\n")
    assert art.editors == ["馮嘉遠"]
    assert art.body == "据介绍,该基地首期投资60亿元。"


def test_wire_credit_is_taken_out_of_the_lead():
    art = clean_page_text("标题示例文字\n2020-05-13 09:09\n新華網江州5月12日電(記者邵明川)項目首批設備近日運抵現場。\n")
    assert art.authors == ["邵明川"]
    assert art.body == "新華網江州5月12日電項目首批設備近日運抵現場。"


def test_related_news_block_and_listing_lines_are_dropped():
    art = clean_page_text("标题示例文字\n2023-05-09 10:00\n园区38个项目集中开工,总投资超520亿元。\n"
                          "热门推荐\n从35亿元到8.6万亿元\n全省外贸总额从1978年的35亿元增加到2023年的8.6万亿元。\n")
    assert art.body == "园区38个项目集中开工,总投资超520亿元。"
    listing = clean_page_text("标题示例文字\n2021-04-11 15:10\n园区项目签约,总投资100亿元。\n"
                              "新款平板为何要分大小两种尺寸 2021-04-11 15:05 数码\n")
    assert listing.body == "园区项目签约,总投资100亿元。"


def test_markdown_subheadings_from_html_become_headings():
    art = clean_page_text("第一段正文,介绍项目总投资100亿元。 **研发投入不足 没有把人才放在首位**\n第二段正文。",
                          title="标题", header=[])
    assert art.blocks == ["第一段正文,介绍项目总投资100亿元。", "## 研发投入不足 没有把人才放在首位", "第二段正文。"]


def test_headline_repeated_at_the_start_of_a_paragraph_is_removed():
    art = clean_page_text("全省光伏组件出口突破500亿元 最后更新: 2021-04-11 16:02:45 4月8日,钱立言在论坛上发言。",
                          title="全省光伏组件出口突破500亿元", header=[])
    assert art.body == "4月8日,钱立言在论坛上发言。"


def test_derived_title_is_the_leads_first_clause():
    assert derive_title("5月9日,江州临港新区2023年第二季度重点项目集中签约仪式举行,当日共有32个项目。") == \
        "江州临港新区2023年第二季度重点项目集中签约仪式举行"


def test_simplified_and_traditional_reposts_hash_the_same():
    from generator.extract import content_hash
    wording = project_wording(ROOT)
    bodies = []
    for name in ("dump_hans.txt", "repost_hant.txt"):
        raw = read_file(FIXTURES / name)[0]
        bodies.append(clean_article(raw).body)
    assert bodies[0] != bodies[1]
    assert content_hash(bodies[0], wording) == content_hash(bodies[1], wording)
    assert content_hash(bodies[0], wording) != content_hash(bodies[0].replace("120亿元", "130亿元"), wording)


def test_punctuation_style_does_not_change_the_hash():
    from generator.extract import content_hash
    wording = project_wording(ROOT)
    assert content_hash("他說「戰綫拉得愈長,風險愈大。」", wording) == content_hash("他说“战线拉得愈长，风险愈大。”",
                                                                     wording)


def test_the_hash_does_not_depend_on_the_working_folder(tmp_path, monkeypatch):
    from generator.extract import comparable_words
    from generator.paths import ProjectPaths
    from generator.pipeline import extract_file
    here, body = extract_file(ProjectPaths(ROOT), FIXTURES / "dump_hans.txt")[0]
    other = tmp_path / "other"   # another project, whose wording table would change the body's words
    (other / "content" / "taxonomy").mkdir(parents=True)
    (other / "mkdocs.yml").write_text("site_name: other\n", encoding="utf-8")
    word = next(w for w in re.findall(r"[\u4e00-\u9fff]{2}", body))
    (other / "content" / "taxonomy" / "wording.yml").write_text(f"{word}: 替换\n", encoding="utf-8")
    monkeypatch.chdir(other)
    monkeypatch.setenv("BRIEFING_ROOT", str(other))
    comparable_words.cache_clear()   # computed afresh, not remembered from the first extraction
    there, _ = extract_file(ProjectPaths(ROOT), FIXTURES / "dump_hans.txt")[0]
    assert (there.content_hash, there.id) == (here.content_hash, here.id)


def test_dateline_above_the_headline_and_page_navigation():
    art = clean_page_text("新闻中心 > 园区动态\n2024-08-15 09:30  来源：园区管委会\n园区召开上半年经济运行分析会\n"
                          "8月14日，园区召开上半年经济运行分析会，上半年规上工业总产值完成1200亿元。\n"
                          "会议指出，下半年要狠抓项目建设。（来源：人民日报）\n【字体：大 中 小】【打印】【关闭】\n"
                          "上一篇：园区举办招聘会\n下一篇：园区开展安全检查\n")
    assert art.title == "园区召开上半年经济运行分析会" and not art.title_derived
    assert art.published == "2024-08-15 09:30" and art.source == "园区管委会"
    assert art.blocks == ["8月14日，园区召开上半年经济运行分析会，上半年规上工业总产值完成1200亿元。",
                          "会议指出，下半年要狠抓项目建设。"]


def test_wire_lead_credit_lines_and_photo_captions():
    art = clean_page_text("园区举行重大项目集中签约仪式\n发布时间：2024年08月15日 09:30 来源：新华网 字号：大 中 小\n"
                          "本报讯（记者 张三 通讯员 李四）8月14日，园区举行重大项目集中签约仪式，共签约项目20个。\n"
                          "文/张三 图/李四\n签约现场。 记者 王五 摄\n资金来源：财政拨款和社会资本。\n"
                          "专家表示，这批项目将带动就业5000人，建成后年产值超过百亿元。\n责任编辑：赵六\n上一篇：园区举办招聘会\n")
    assert art.published == "2024-08-15 09:30" and art.source == "新华网"
    assert art.authors == ["张三", "李四"] and art.editors == ["赵六"] and art.photographers == ["李四", "王五"]
    assert art.blocks == ["本报讯8月14日，园区举行重大项目集中签约仪式，共签约项目20个。",
                          "*签约现场。 记者 王五 摄*", "资金来源：财政拨款和社会资本。",
                          "专家表示，这批项目将带动就业5000人，建成后年产值超过百亿元。"]


def test_words_that_look_like_roles_inside_text_are_left_alone():
    art = clean_page_text("园区新建图书馆开放\n2024-08-15 09:30\n"
                          "园区新建的图书馆今日开放，藏书10万册，面积8000平方米。\n"
                          "新馆设有少儿阅览区和自习区，全年免费开放。\n")
    assert art.photographers == [] and art.authors == []
    assert len(art.paragraphs) == 2


def test_english_credits_and_source():
    art = clean_page_text("Riverside opens a biomedicine park\nUpdated: 2024-06-01 08:00\n"
                          "Source: China Daily\nBy Jane Lee and Tom Smith\n"
                          "Riverside opened a biomedicine park with an investment of 3.5 billion yuan on Friday.\n")
    assert art.source == "China Daily" and art.authors == ["Jane Lee", "Tom Smith"]
    assert art.blocks == ["Riverside opened a biomedicine park with an investment of 3.5 billion yuan on Friday."]


def test_separators_of_social_media_credits_and_captions_opened_by_tu_wei():
    art = clean_page_text("园区举行招商大会\n2025-03-01 10:00\n文丨张三 编辑丨李四\n图为招商大会现场。\n"
                          "3月1日，园区举行招商大会，现场签约项目15个，总投资超过200亿元。\n")
    assert art.authors == ["张三"] and art.editors == ["李四"]
    assert art.blocks[0] == "*图为招商大会现场。*"


def test_publisher_printed_after_the_stamp():
    art = clean_page_text("园区举行招商大会\n2024-08-15 09:30 | 新华网\n"
                          "8月14日，园区举行招商大会，现场签约项目15个。\n")
    assert art.source == "新华网" and art.published == "2024-08-15 09:30"


def test_other_credit_roles_are_dropped_but_not_recorded():
    art = clean_page_text("标题示例文字\n2025-01-02 10:00\n园区项目签约,总投资100亿元,达产后年产值200亿元。\n"
                          "设计年产能 50万吨\n项目分两期建设,一期明年投产。\n编辑：王五 审核：李四\n相关推荐\n")
    assert art.editors == ["王五"] and art.authors == []
    assert art.blocks == ["园区项目签约,总投资100亿元,达产后年产值200亿元。", "## 设计年产能 50万吨",
                          "项目分两期建设,一期明年投产。"]
    assert find_source("资金来源：财政拨款") is None
