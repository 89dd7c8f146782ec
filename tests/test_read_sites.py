"""Pages of other sites than the gold samples: each fixture is written for these tests in the style of
one site (新华网, 人民网, 央视网, gov.cn, 澎湃, 36氪, 南方+, 广州日报, 大公報, 中央社, WeChat, China Daily,
Xinhua English, english.gov.cn); the record's metadata and a body without the site's chrome are checked."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.clean.meta import article_metadata, clean_article
from generator.read import read_file

SITES = Path(__file__).parent / "fixtures" / "read" / "sites"

# file: (title, published, source, authors, editors, event_date, first words of the body, chrome never kept)
EXPECTED = {
    "xinhuanet_wire.txt": ("西部陆海新通道班列今年开行突破5000列", "2024-05-20T14:30:15+08:00", "新华网",
                           ["李思远", "王晓燕"], ["赵六"], "2024-05-19", "新华社重庆5月20日电记者从中国铁路",
                           ["当前位置", "纠错", "字体", "相关新闻", "陆海新通道：一季度", "Copyright", "（记者"]),
    "xinhuanet.html": ("成渝地区双城经济圈重大项目今年完成投资过半", "2024-07-02T10:25:36+08:00", "新华网",
                       ["周自强", "谢佼"], ["王芳"], "2024-06-28", "新华社成都7月1日电记者从四川省",
                       ["分享到", "相关新闻", "一季度完成投资千亿元", "ICP", "责任编辑"]),
    "people_wire.txt": ("苏州工业园区上半年新增外资项目82个", "2024-07-15T08:16:00+08:00", "人民网－经济频道",
                        ["张文博", "顾晓晨"], ["孙七", "周八"], "2024-07-13", "人民网南京7月14日电7月13日，",
                        ["人民网 >>", "小字号", "通讯员", "分享让更多人看到", "责编", "推荐阅读", "长三角"]),
    "cctv.txt": ("合肥新能源汽车产业集群产值突破千亿元", "2024-05-21T19:32:00+08:00", "央视网",
                 [], ["刘佳", "韩雪"], "2024-05-19", "央视网消息（新闻联播）：记者今天",
                 ["首页", "编辑", "分享到", "热点推荐"]),
    "gov_cn.txt": ("湖南省发展和改革委员会关于公布2024年省重点建设项目名单的通知", "2024-03-08T10:00:00+08:00",
                   "湖南省发展和改革委员会", [], [], None, "各市州发展改革委，省直有关单位：",
                   ["发布时间", "字号", "打印本页", "关闭窗口", "主办单位", "ICP", "政务公开"]),
    "gov_cn.html": ("浙江省经济和信息化厅关于公布2024年度省级产业园区名单的通知", "2024-08-16T15:30:00+08:00",
                    "浙江省经济和信息化厅", [], [], None, "各设区市经信局：",
                    ["信息来源", "浏览次数", "字号", "打印本页", "关闭窗口", "网站标识码", "ICP", "当前位置"]),
    "thepaper.txt": ("宁德时代四川基地二期投产，年产能将达30GWh", "2024-06-03T07:12:00+08:00", "澎湃新闻",
                     ["陈思远"], ["李晓", "王敏"], "2024-06-02", "6月2日，宁德时代四川宜宾基地",
                     ["澎湃新闻记者", "图片来源", "责任编辑", "校对", "报料", "未经授权"]),
    "kr36.txt": ("36氪首发 | 深圳储能企业完成5亿元B轮融资", "2024-06-05T09:00:00+08:00", "36氪",
                 ["林一帆"], [], None, "36氪获悉，深圳储能系统企业",
                 ["作者", "题图来源", "原创出品", "转载", "收藏", "点赞"]),
    "nanfang_plus.txt": ("广州南沙新区今年将开工重大项目76个", "2024-02-26T20:16:00+08:00", "南方+",
                         ["刘洋", "陈晨"], ["黄蕾"], "2024-02-26", "2月26日，广州南沙新区召开",
                         ["下载APP", "阅读量", "记者 刘洋", "编辑", "点赞", "打开南方+APP"]),
    "gzdaily_app.txt": ("黄埔区生物医药产业园一期竣工", "2024-09-12T08:05:00+08:00", "广州日报",
                        ["吴珊", "黄宣"], [], None, "近日，黄埔区生物医药产业园一期项目竣工验收。",
                        ["新花城", "本报记者", "通讯员", "阅读", "点赞", "分享", "版权所有"]),
    "takungpao_hant.txt": ("前海現代服務業合作區新增港資企業逾千家", "2024-05-26T04:00:23+08:00", "大公報",
                           ["何嘉駿"], ["梁凱"], "2024-05-25", "【大公報訊】前海管理局25日公布",
                           ["發佈時間", "記者", "報道：", "責任編輯", "相關新聞", "港深創科園", "版權所有"]),
    "cna_hant.txt": ("台中精密機械園區擴建 年產值拚千億", "2024-05-27T14:35:00+08:00", "中央社",
                     ["趙麗妍"], ["張均懋"], "2024-05-27", "台中市政府今天宣布",
                     ["中央社記者", "更新", "編輯", "1130527", "相關新聞", "物流園區"]),
    "wechat.txt": ("东莞松山湖新增5家上市后备企业", "2024-04-18T18:30:00+08:00", "松湖产业观察",
                   ["李松"], ["小松"], "2024-04-17", "4月17日，东莞松山湖高新区",
                   ["原创", "阅读原文", "在看", "分享", "点赞", "扫一扫", "编辑"]),
    "chinadaily_en.txt": ("Yangtze River Delta high-tech zones attract record foreign investment"
                          " in first quarter of 2024",
                          "2024-05-20T09:12:00+08:00", "China Daily", ["Zhang San"], [], "2024-05-17",
                          "High-tech zones in the Yangtze River Delta attracted",
                          ["Home |", "By Zhang San", "Updated", "Photo: Wang Lei", "Copyright", "All rights"]),
    "chinadaily.html": ("Hefei's new energy vehicle cluster output tops 100 billion yuan in first four months",
                        "2024-05-21T16:08:00+08:00", "chinadaily.com.cn", ["Zhou Huiying"], [], "2024-05-21",
                        "The new energy vehicle industry cluster in Hefei",
                        ["By Zhou", "Updated", "Share", "Related Stories", "Anhui auto exports", "Copyright"]),
    "xinhua_en.txt": ("China's western land-sea corridor sees freight trains surge"
                      " as new logistics hubs open in Chongqing",
                      "2024-05-20T14:30:00+08:00", "Xinhua", [], ["Liu Wei"], "2024-05-19",
                      "CHONGQING, May 20 (Xinhua) -- Freight trains",
                      ["English.news.cn", "Source:", "Editor", "Related News"]),
    "govcn_en.txt": ("Hainan Free Trade Port unveils measures to attract international talent",
                     "2024-05-22T16:45:00+08:00", "Xinhua", [], [], None,   # "last week" is too vague to date
                     "Hainan province released 20 measures", ["STATE COUNCIL", "Updated", "\n\nXinhua"]),
}


def test_every_site_fixture_has_expectations():
    assert sorted(p.name for p in SITES.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_site_page_reads_metadata_and_a_clean_body(name):
    title, published, source, authors, editors, event_date, lead, chrome = EXPECTED[name]
    raw = read_file(SITES / name)[0]
    art = clean_article(raw)
    meta = article_metadata(raw, art)
    assert (meta["title"], meta["published"], meta["source"]) == (title, published, source)
    assert (meta["authors"], meta["editors"], meta["event_date"]) == (authors, editors, event_date)
    assert not meta.get("title_derived")
    assert art.body.startswith(lead), art.body[:80]
    assert len(art.paragraphs) >= 2                     # the article's text is kept …
    for words in chrome:                                 # … and the site's chrome is not
        assert words not in art.body, words


def test_english_photo_credit_and_bracketed_caption():
    art = clean_article(read_file(SITES / "chinadaily_en.txt")[0])
    assert art.photographers == ["Wang Lei"]            # "Photo: Wang Lei/Xinhua": the agency is no name
    assert art.blocks[-1] == "*Workers assemble equipment at a plant in Suzhou, Jiangsu province. [Photo/Xinhua]*"


def test_meta_author_is_used_only_when_it_names_people():
    from generator.clean.htmlpage import meta_authors
    assert meta_authors("Zhou Huiying") == ["Zhou Huiying"] and meta_authors("张三 李四") == ["张三", "李四"]
    assert meta_authors("name, email@gmail.com") == [] and meta_authors("新华网") == [] and meta_authors(None) == []


def test_meta_author_naming_the_editor_is_no_author(tmp_path):
    page = SITES / "chinadaily.html"
    html = page.read_text(encoding="utf-8").replace("</div>\n<div class=\"share\">",
                                                    "<p>Editor: Zhou Huiying</p></div>\n<div class=\"share\">")
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    raw = read_file(tmp_path / "page.html")[0]
    meta = article_metadata(raw, clean_article(raw))
    assert meta["editors"] == ["Zhou Huiying"] and meta["authors"] == []
