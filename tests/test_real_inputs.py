"""Every readable article becomes a record, as analysts collect them: WeChat pastes broken line by line,
bodies pasted without a headline, e-paper pages, English government pages, statistics bulletins and
spam-laden reposts. The passages are written for these tests, one per kind."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.clean import clean_articles
from generator.clean.rejoin import rejoin_lines
from generator.extract import build_record
from generator.read import read_file
from generator.taxonomy import load_taxonomy

ROOT = Path(__file__).resolve().parent.parent

WECHAT = """原创 周小舟 光谷产业观察

点击蓝字 关注我们

1月28日，东湖高新区召开
全区高质量发展大会。
区委书记王晓东，区委副
书记、管委会主任李明出
席会议并讲话。
会议提出，今年全区地区生
产总值增长8%以上，力争
新签约亿元以上项目200个，
实现2023年目标。2021年
第一季度，全区规上工业增
加值同比增长25.3%。
以华为、小米为代表的一批
龙头企业加快布局光谷。

阅读原文
在看
"""

NO_HEADLINE = """日前，南沙区召开2024年招商引资工作会议，南沙区委副书记、区长陈晓明出席会议并讲话。会议透露，去年南沙新签约项目180个，计划总投资超过1500亿元。
今年，南沙将围绕人工智能、生物医药等产业，引进宁德时代储能电池项目、国轩高科动力电池项目等一批重点项目。
"""  # noqa: E501 - a page's text: each line is one paragraph, as a browser copies it

EPAPER = """通版阅读请点击：
展开通版
收缩通版
当前版:A02版
发布日期:
上一版  下一版
广州开发区一季度实际利用外资增长三成
本报讯 （记者 林晓 通讯员 黄埔宣）《经济日报》2月5日9版以《广州开发区外资持续加码》为题，报道了广州开发区吸引外资的做法。今年一季度，广州开发区实际利用外资12.5亿美元，同比增长30.2%。
据介绍，京东方、LG显示、宝洁等外资企业纷纷增资扩产。据南方日报报道，区内外资研发中心已达60家。
责任编辑：张华
"""  # noqa: E501 - a page's text: each line is one paragraph, as a browser copies it

GOV_PAGE = """Home > News > Latest News
Nansha signs 30 projects worth 62.8 billion yuan
Updated: Sept 12
Nansha district in Guangzhou signed 30 projects with a total investment of 62.8 billion yuan on Sept 12, according to the district government. The district aims to attract 50 billion yuan of fixed-asset investment for the year 2024.
Feng Xiao, Party secretary of Nansha district, said the projects cover artificial intelligence and biomedicine, Guangdong Daily reported.
"""  # noqa: E501 - a page's text: each line is one paragraph, as a browser copies it

GOV_PAGE_NO_YEAR = """Home > Investment > Policies
Huangpu unveils 10 measures for biomedicine
On Feb 19, Huangpu district unveiled 10 measures to support biomedicine, offering up to 50 million yuan to each new drug project.
"""  # noqa: E501 - a page's text: each line is one paragraph, as a browser copies it

BULLETIN = """2023年1-10月黄埔区经济运行情况
1-10月，全区规模以上工业总产值完成5200亿元，同比增长3.5%。上半年，全区固定资产投资增长12.1%。前三季度，全区实现地区生产总值3100亿元，同比增长4.2%。
"""

SPAM = """黄埔区出台新政支持集成电路产业发展
2024-03-05 10:20 来源：黄埔发布
开云体育
3月4日，黄埔区发布支持集成电路产业发展的若干措施。开云体育(中国)官方网站根据措施，对新落户的重点企业最高奖励5000万元。
华体会体育
措施提出，到2025年，全区集成电路产业规模突破1000亿元。乐鱼体育app下载
"""


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy(ROOT / "content" / "taxonomy")


def record_of(tmp_path: Path, text: str, taxonomy, name: str = "article.txt") -> dict:
    """The record of one raw text file, as `briefing extract --json` prints it."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    record, body = build_record(clean_articles(read_file(path))[0], taxonomy)
    return dict(record.model_dump(exclude_unset=True), body=body)


def figures(record: dict) -> list[tuple]:
    """(value, unit, year) of each figure."""
    return [(f["value"], f["unit"], f["year"]) for f in record["figures"]]


def test_wechat_paste_is_rejoined_and_dated_from_the_years_it_names(tmp_path, taxonomy):
    rec = record_of(tmp_path, WECHAT, taxonomy)
    assert rec["title"] == "东湖高新区召开全区高质量发展大会" and rec["title_derived"] is True
    assert rec["published"] is None and rec["event_date"] == "2023-01-28"   # 今年 … 2023年目标
    assert rec["source"] == "光谷产业观察" and rec["authors"] == ["周小舟"]
    assert "区委书记王晓东，区委副书记、管委会主任李明出席会议并讲话。" in rec["body"]
    assert "点击蓝字" not in rec["body"] and "阅读原文" not in rec["body"]
    assert figures(rec) == [(8, "percent", 2023), (200, "count", 2023), (25.3, "percent", 2021)]
    assert [(p["name"], p["role"]) for p in rec["people"]] == [("王晓东", "区委书记"),
                                                               ("李明", "区委副书记、管委会主任")]
    assert {"华为", "小米"} <= {c["name"] for c in rec["companies"]}


def test_body_without_headline_gets_a_title_from_its_first_sentence(tmp_path, taxonomy):
    rec = record_of(tmp_path, NO_HEADLINE, taxonomy)
    assert rec["title"] == "南沙区召开2024年招商引资工作会议" and rec["title_derived"] is True
    assert rec["published"] is None and rec["event_date"] is None      # 日前 gives no date
    assert rec["id"].startswith("undated-nan-sha-qu")
    assert figures(rec) == [(180, "count", 2023), (150000000000, "CNY", 2023)]   # 去年 in an article of 2024
    assert rec["people"] == [{"name": "陈晓明", "role": "南沙区委副书记、区长"}]
    assert {"宁德时代", "国轩高科"} <= {c["name"] for c in rec["companies"]}


def test_epaper_page_chrome_is_dropped_and_the_cited_paper_is_no_date(tmp_path, taxonomy):
    rec = record_of(tmp_path, EPAPER, taxonomy)
    assert rec["title"] == "广州开发区一季度实际利用外资增长三成" and not rec.get("title_derived")
    assert rec["published"] is None and rec["event_date"] is None
    for chrome in ("通版", "当前版", "发布日期", "上一版"):
        assert chrome not in rec["body"]
    assert rec["authors"] == ["林晓", "黄埔宣"] and rec["editors"] == ["张华"]
    assert (1250000000, "USD", None) in figures(rec) and (30.2, "percent", None) in figures(rec)
    names = {c["name"] for c in rec["companies"]}
    assert {"京东方", "乐金显示", "宝洁"} <= names and not names & {"经济日报", "南方日报"}


def test_english_page_without_a_year_takes_the_year_the_text_names(tmp_path, taxonomy):
    rec = record_of(tmp_path, GOV_PAGE, taxonomy)
    assert rec["title"] == "Nansha signs 30 projects worth 62.8 billion yuan"
    assert rec["published"].startswith("2024-09-12") and rec["event_date"] == "2024-09-12"
    assert "Home >" not in rec["body"] and "Updated" not in rec["body"]
    assert (50000000000, "CNY", 2024) in figures(rec)
    assert rec["people"][0]["name"] == "Feng Xiao"
    assert "Guangdong Daily" not in {c["name"] for c in rec["companies"]}


def test_english_page_with_no_year_anywhere_stays_undated(tmp_path, taxonomy):
    rec = record_of(tmp_path, GOV_PAGE_NO_YEAR, taxonomy)
    assert rec["title"] == "Huangpu unveils 10 measures for biomedicine"
    assert rec["published"] is None and rec["event_date"] is None
    assert all(f["year"] is None for f in rec["figures"]) and (50000000, "CNY", None) in figures(rec)


def test_statistics_bulletin_periods_are_no_dates_and_give_the_year(tmp_path, taxonomy):
    rec = record_of(tmp_path, BULLETIN, taxonomy)
    assert rec["title"] == "2023年1-10月黄埔区经济运行情况" and rec["published"] is None
    assert figures(rec) == [(520000000000, "CNY", 2023), (3.5, "percent", 2023), (12.1, "percent", 2023),
                            (310000000000, "CNY", 2023), (4.2, "percent", 2023)]


def test_spam_lines_and_phrases_leave_the_body(tmp_path, taxonomy):
    rec = record_of(tmp_path, SPAM, taxonomy)
    for spam in ("开云", "华体会", "乐鱼", "官方网站", "app下载"):
        assert spam not in rec["body"]
    assert ("3月4日，黄埔区发布支持集成电路产业发展的若干措施。"
            "根据措施，对新落户的重点企业最高奖励5000万元。") in rec["body"]
    assert rec["body"].endswith("全区集成电路产业规模突破1000亿元。")
    assert [f["value"] for f in rec["figures"]] == [50000000, 100000000000]


def test_a_yearless_article_of_several_years_names_none_of_its_past_years(tmp_path, taxonomy):
    text = "园区2019年以来引进项目120个。\n\n到2025年，园区将建成产业园5座，较2022年翻一番。\n"
    rec = record_of(tmp_path, text, taxonomy)
    assert rec["published"] is None and {f["year"] for f in rec["figures"] if f["kind"] == "actual"} <= {None}


def test_rejoin_keeps_ordinary_paragraphs_and_headlines_apart():
    text = "园区召开大会\n2024-01-02 10:00 来源：园区发布\n园区今年引进项目30个。\n园区将继续优化营商环境。\n"
    assert rejoin_lines(text) == text
    assert rejoin_lines("会议提出，\n今年引进项目30个。") == "会议提出，今年引进项目30个。"
    assert rejoin_lines("The park signed 12 projects\nworth 3 billion yuan.") == \
        "The park signed 12 projects worth 3 billion yuan."
    assert rejoin_lines("（一）加快项目建设；\n（二）优化营商环境。") == "（一）加快项目建设；\n（二）优化营商环境。"


def test_titles_spanning_lines_and_titles_after_names(tmp_path, taxonomy):
    text = ("园区举行签约仪式\n2024-05-06 09:00 来源：园区发布\n出席活动的领导有：\n广州市委常委、黄埔区委书记，\n"
            "广州开发区党工委书记\n陈杰出席活动并致辞。会上，李明主任介绍了园区情况，市委书记张三和市长李四出席。\n"
            "记者 林晓\n")
    people = {p["name"]: p["role"] for p in record_of(tmp_path, text, taxonomy)["people"]}
    assert people == {"陈杰": "广州市委常委、黄埔区委书记，广州开发区党工委书记", "李明": "主任",
                      "张三": "市委书记", "李四": "市长"}


def test_companies_file_names_count_in_either_script(tmp_path, taxonomy):
    text = ("園區引進項目\n2024-05-06 09:00 來源：園區發布\n"
            "寧德時代、小鵬汽車等企業紛紛落戶園區，新華社記者走訪了多家企業。\n")
    names = {c["name"] for c in record_of(tmp_path, text, taxonomy)["companies"]}
    assert names == {"宁德时代", "小鹏汽车"}


HTML_WITHOUT_MARKUP = """<html><head><meta charset="utf-8"><title>园区动态</title></head><body>
<div class="nav"><a href="/">首页</a> &gt; <a href="/news">园区动态</a></div>
<div class="tit">黄埔区新增高新技术企业超500家</div>
<div class="info">发布时间：2024-05-06 09:12　来源：黄埔区科技局　作者：李文</div>
<div class="content"><p>记者从黄埔区科技局获悉，2023年黄埔区新增高新技术企业超500家，总数达到3200家，居全市前列。</p>
<p>据介绍，黄埔区将继续实施高新技术企业培育计划，力争2024年高新技术企业总数突破3500家。</p>
<p>园区还将加大研发投入补贴力度，对首次认定的高新技术企业给予最高50万元奖励。</p></div>
<div class="editor">责任编辑：王芳</div></body></html>"""


def test_html_page_source_and_credits_from_its_text_when_markup_lacks_them(tmp_path, taxonomy):
    rec = record_of(tmp_path, HTML_WITHOUT_MARKUP, taxonomy, "page.html")
    assert rec["title"] == "黄埔区新增高新技术企业超500家"
    assert rec["published"] == "2024-05-06T09:12:00+08:00" and rec["source"] == "黄埔区科技局"
    assert rec["authors"] == ["李文"] and rec["editors"] == ["王芳"]


def test_html_page_with_only_a_channel_title_gets_a_title_from_its_lead(tmp_path, taxonomy):
    page = HTML_WITHOUT_MARKUP.replace('<div class="tit">黄埔区新增高新技术企业超500家</div>', "") \
        .replace('<div class="info">发布时间：2024-05-06 09:12　来源：黄埔区科技局　作者：李文</div>', "")
    rec = record_of(tmp_path, page, taxonomy, "page.html")
    assert rec["title"] == "2023年黄埔区新增高新技术企业超500家" and rec["title_derived"] is True


WECHAT_SPACED = """重磅！黄埔区
一季度经济
实现开门红

原创 黄埔发布 黄埔发布

4月18日，记者从广州开发区

统计局获悉，今年一季度，

全区实现地区生产总值

1020亿元，同比增长

5.2%。其中，规上工业

增加值增长6.1%。

往期推荐
"""


def test_wechat_paste_with_blank_lines_keeps_its_headline_and_numbers_whole(tmp_path, taxonomy):
    rec = record_of(tmp_path, WECHAT_SPACED, taxonomy)
    assert rec["title"] == "重磅！黄埔区一季度经济实现开门红" and not rec.get("title_derived")
    assert rec["source"] == "黄埔发布" and rec["authors"] == []      # the account is no author
    assert "全区实现地区生产总值1020亿元，同比增长5.2%。其中，规上工业增加值增长6.1%。" in rec["body"]
    assert [f["value"] for f in rec["figures"]] == [102000000000, 5.2, 6.1]


GOV_PAGE_FURNITURE = """Home > Investment > News
Huangpu rolls out measures to boost low-altitude economy
Feb 19
Font: A A A
Print
Share:
Huangpu district in Guangzhou unveiled a package of measures on Feb 19, offering subsidies of up to 20 million yuan.
The industry's output in the district reached 15 billion yuan for the year 2024, up 35 percent year-on-year.
"""


def test_english_page_furniture_never_becomes_the_headline(tmp_path, taxonomy):
    rec = record_of(tmp_path, GOV_PAGE_FURNITURE, taxonomy)
    assert rec["title"] == "Huangpu rolls out measures to boost low-altitude economy"
    assert rec["published"].startswith("2024-02-19") and "Font" not in rec["body"] and "Share" not in rec["body"]


def test_a_short_english_text_keeps_its_one_sentence_as_body(tmp_path, taxonomy):
    rec = record_of(tmp_path, "Park news\n\nThe park added 30 firms.\n", taxonomy)
    assert rec["title"] == "Park news" and rec["body"] == "The park added 30 firms."


BULLETIN_PAGE = """首页 > 数据发布 > 统计分析
2024年前三季度南沙区经济运行简况
发布时间：  来源：南沙区统计局
浏览次数：
前三季度，全区实现地区生产总值1688.12亿元，按不变价格计算，同比增长4.1%。
一、工业生产稳步回升
1-9月，全区规模以上工业增加值同比增长5.3%。
二、固定资产投资
上半年，全区固定资产投资同比增长3.2%。
"""


def test_bulletin_page_with_an_empty_date_field_keeps_its_headline_and_source(tmp_path, taxonomy):
    rec = record_of(tmp_path, BULLETIN_PAGE, taxonomy)
    assert rec["title"] == "2024年前三季度南沙区经济运行简况" and rec["source"] == "南沙区统计局"
    assert rec["published"] is None and "浏览次数" not in rec["body"] and "发布时间" not in rec["body"]
    assert "## 一、工业生产稳步回升" in rec["body"]
    assert [(f["value"], f["year"]) for f in rec["figures"]] == [(168812000000, 2024), (4.1, 2024), (5.3, 2024),
                                                               (3.2, 2024)]


EPAPER_DATED = """南方日报数字报
2024年02月06日 星期二
第A02版：要闻
上一版  下一版
广州开发区外资企业增资扩产
南方日报记者 林晓 通讯员 黄埔宣
近日，记者从广州开发区获悉，今年1月，区内外资企业新增投资超过20亿元，京东方、宝洁等外资企业纷纷增资扩产。
"""


def test_epaper_page_with_the_paper_over_its_date_takes_the_headline_under_it(tmp_path, taxonomy):
    rec = record_of(tmp_path, EPAPER_DATED, taxonomy)
    assert rec["title"] == "广州开发区外资企业增资扩产" and rec["source"] == "南方日报"
    assert rec["published"].startswith("2024-02-06") and rec["authors"] == ["林晓", "黄埔宣"]
    assert "数字报" not in rec["body"] and "A02" not in rec["body"]


def test_firms_signing_with_a_zone_and_officials_with_academic_titles(tmp_path, taxonomy):
    text = ("园区签约\n2024-05-06 09:00 来源：园区发布\n"
            "黄埔区政府与欣旺达签署战略合作协议，园区与中山大学、广州市商务局签订协议，"
            "与会嘉宾和代表共同见证签约。中国科学院院士王晓东出席，Huangpu district Party chief Chen Jie attended.\n")
    rec = record_of(tmp_path, text, taxonomy)
    assert {c["name"] for c in rec["companies"]} == {"欣旺达"}
    assert {p["name"]: p["role"] for p in rec["people"]} == {"王晓东": "中国科学院院士", "Chen Jie": "Party chief"}
