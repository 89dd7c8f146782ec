"""Writes the golden corpus records (tests/golden/corpus/articles) from the definitions below; run from the root."""
from pathlib import Path

from generator.store import dump_record

OUT = Path("tests/golden/corpus/articles")

def fig(text, quote, value, unit, metric="", metric_en=None, kind="fact", year=None, zone=None, industry=None,
        confidence=0.9, qualifier=None, counter=None, low=None, high=None, period=None, indicator=None,
        measure="level"):
    return dict(text=text, quote=quote, value=value, low=low, high=high, unit=unit, counter=counter,
                qualifier=qualifier, metric=metric, metric_en=metric_en, indicator=indicator, measure=measure,
                kind=kind, year=year, period=period, zone=zone, industry=industry, confidence=confidence)

def rec(id, title, published, script, summary, body, zones=(), industries=(), companies=(), people=(), policies=(),
        figures=(), source="示例通訊社", url=None, event_date=None, on_topic=True):
    return dict(id=id, title=title, published=published, event_date=event_date, source=source, url=url,
                editors=[], authors=["記者甲"], photographers=[], script=script, summary=summary,
                zones=list(zones), industries=list(industries), companies=list(companies), people=list(people),
                policies=list(policies), figures=list(figures), on_topic=on_topic, content_hash="sha256:" + id[:16],
                reviewed=False), body

HP = {"id": "huangpu", "name": "黄埔区", "name_en": "Huangpu District"}
GDD = {"id": "guangzhou-development-district", "name": "广州开发区", "name_en": "Guangzhou Development District"}
KC = {"id": "knowledge-city", "name": "中新广州知识城", "name_en": "Sino-Singapore Guangzhou Knowledge City"}
SIP = {"id": "suzhou-industrial-park", "name": "苏州工业园区", "name_en": "Suzhou Industrial Park"}
IC = {"id": "integrated-circuits", "name": "集成电路", "name_en": "Integrated circuits"}
BIO = {"id": "biomedicine", "name": "生物医药", "name_en": "Biomedicine"}
LAE = {"id": "low-altitude-economy", "name": "低空经济", "name_en": "Low-altitude economy"}
POL_T = "關於打造“三城一島”産業增長極的若干措施"
POL_S = "关于打造“三城一岛”产业增长极的若干措施"

q1 = "近兩年,黃埔區每年引進優質産業項目超400個,固定資産投資超2000億元。"
q2 = "2025年,該區確立目標:完成固定資産投資2500億元,推動180個項目開工。"
q3 = "該區將聚焦積體電路等新興領域,力爭年內打造3-5個1000億級新興産業集群。"
records = [
  rec("2025-02-08-huangpu-targets", "黃埔區確立2025年固定資産投資目標 聚焦積體電路", "2025-02-08T16:38:47+08:00",
      "zh-Hant",
      "2月7日上午,黃埔區召開高品質發展大會,確立2025年固定資産投資2500億元的目標。",
      "2月7日上午,黃埔區召開高品質發展大會。\n\n" + q1 + q2 + "\n\n## 積體電路\n\n" + q3 +
      "\n\n會上發佈《" + POL_T + "》,支持粵芯等企業發展。",
      zones=[HP, GDD], industries=[IC], companies=[{"name": "粵芯半導體"}],
      people=[{"name": "陳傑", "role": "黃埔區委書記"}], policies=[{"title": POL_T}], event_date="2025-02-07",
      url="https://example.org/news/2025-02-08",
      figures=[fig("超400個", q1, 400, "count", "引進優質産業項目", "projects attracted", "actual", None, "huangpu",
                   counter="個", qualifier="over", period="annual, 2023–2024", indicator="projects"),
               fig("超2000億元", q1, 200000000000, "CNY", "固定資産投資", "fixed-asset investment", "actual", None,
                   "huangpu", qualifier="over", period="annual, 2023–2024", indicator="fixed_asset_investment"),
               fig("2500億元", q2, 250000000000, "CNY", "固定資産投資", "fixed-asset investment", "target", 2025,
                   "huangpu", indicator="fixed_asset_investment"),
               fig("180個", q2, 180, "count", "項目開工", "projects started", "target", 2025, "huangpu", counter="個",
                   indicator="projects"),
               fig("3-5個", q3, None, "count", "新興産業集群", "Emerging industry clusters", "target", 2025, "huangpu",
                   "integrated-circuits", counter="個", low=3, high=5, confidence=0.8)]),
  rec("2024-01-15-huangpu-investment", "黄埔区去年固定资产投资1800亿元 集成电路产业加速集聚",
      "2024-01-15T09:00:00+08:00", "zh-Hans",
      "黄埔区2023年完成固定资产投资1800亿元,2024年目标2000亿元。",
      "黄埔区2023年完成固定资产投资1800亿元,同比增长12%。\n\n"
      "2024年,该区计划完成固定资产投资2000亿元,重点发展集成电路产业。\n\n会议解读了《" + POL_S + "》。",
      zones=[HP], industries=[IC], companies=[{"name": "粤芯半导体"}, {"name": "百济神州"}],
      policies=[{"title": POL_S}],
      figures=[fig("1800亿元", "黄埔区2023年完成固定资产投资1800亿元,同比增长12%。", 180000000000, "CNY",
                   "固定资产投资", "fixed-asset investment", "actual", 2023, "huangpu",
                   indicator="fixed_asset_investment"),
               fig("增长12%", "黄埔区2023年完成固定资产投资1800亿元,同比增长12%。", 12, "percent", "固定资产投资",
                   "fixed-asset investment", "actual", 2023, "huangpu", indicator="fixed_asset_investment",
                   measure="growth"),
               fig("2000亿元", "2024年,该区计划完成固定资产投资2000亿元,重点发展集成电路产业。", 200000000000, "CNY",
                   "固定资产投资", "fixed-asset investment", "target", 2024, "huangpu",
                   indicator="fixed_asset_investment")]),
  rec("2025-03-01-huangpu-update", "黄埔区上调全年投资目标至2600亿元", "2025-03-01T10:00:00+08:00", "zh-Hans",
      "黄埔区2025年固定资产投资目标调整为2600亿元。",
      "黄埔区2025年固定资产投资目标调整为2600亿元。\n\n新设的某某新区将建设约50个项目。",
      zones=[HP, {"id": "provisional-mou-new-area", "name": "某某新区", "name_en": None, "provisional": True}],
      figures=[fig("2600亿元", "黄埔区2025年固定资产投资目标调整为2600亿元。", 260000000000, "CNY", "固定资产投资",
                   "fixed-asset investment", "target", 2025, "huangpu", indicator="fixed_asset_investment"),
               fig("约50个", "新设的某某新区将建设约50个项目。", 50, "count", "项目", "projects", "target", None,
                   "provisional-mou-new-area", counter="个", qualifier="about", confidence=0.3, indicator="projects")]),
  rec("2025-02-20-knowledge-city-biomedicine", "知識城生物醫藥産業園新增企業30家", "2025-02-20T08:30:00+08:00",
      "zh-Hant",
      "中新廣州知識城生物醫藥産業今年新增企業30家,産值突破500億元。",
      "中新廣州知識城生物醫藥産業今年新增企業30家,産值突破500億元。\n\n百濟神州等龍頭企業持續擴産。",
      zones=[KC], industries=[BIO], companies=[{"name": "百濟神州"}],
      figures=[fig("30家", "中新廣州知識城生物醫藥産業今年新增企業30家,産值突破500億元。", 30, "count", "新增企業",
                   "enterprises", "actual", 2025, "knowledge-city", "biomedicine", counter="家",
                   indicator="enterprises"),
               fig("突破500億元", "中新廣州知識城生物醫藥産業今年新增企業30家,産值突破500億元。", 50000000000, "CNY",
                   "産值", "output value", "actual", 2025, "knowledge-city", "biomedicine", qualifier="over",
                   indicator="industry_output"),
               fig("五成", "龍頭企業産值佔五成。", 50, "percent", "龍頭企業産值", "output value", "fact", 2025,
                   "knowledge-city", "biomedicine", indicator="industry_output", measure="share")]),
  rec("2025-01-10-suzhou-low-altitude", "苏州工业园区布局低空经济", "2025-01-10T15:00:00+08:00", "zh-Hans",
      "苏州工业园区发布低空经济发展计划。", "苏州工业园区发布低空经济发展计划,推动无人机应用场景落地。",
      zones=[SIP], industries=[LAE]),
  rec("2025-02-01-escaping", "<script>alert(1)</script> {{ 7*7 }} **粗體** | 管道 [連結](javascript:alert(1))",
      "2025-02-01T12:00:00+08:00", "zh-Hant",
      "{% raw %}<img src=x onerror=alert(1)>{% endraw %} # 不是標題",
      "# 標題行\n\n- 列表項 <b>粗</b>\n\n1. 編號 {{ config }}\n\n"
      "<script>alert('x')</script> 黃埔區投資 ![圖](https://example.org/x.png) 10億元。",
      zones=[HP], url="javascript:alert(1)", source="<i>來源</i>",
      companies=[{"name": "[公司](javascript:x)"}], policies=[{"title": "<b>政策</b>"}],
      figures=[fig("10億元", "<script>alert('x')</script> 黃埔區投資 10億元。", 1000000000, "CNY", "投資 <b>",
                   "project investment", "fact", None, "huangpu", confidence=0.7, indicator="project_investment")]),
  rec("2025-01-05-essay", "民營資本如何進入公用事業", "2025-01-05T08:00:00+08:00", "zh-Hant",
      "一篇與任何區域或產業無關的評論。", "一篇與任何區域或產業無關的評論,只順帶提到黃埔區一次。投入約3億元。",
      zones=[HP], policies=[{"title": "某某辦法"}], on_topic=False,
      figures=[fig("約3億元", "投入約3億元。", 300000000, "CNY", "投入", None, "actual", 2025, qualifier="about",
                   confidence=0.6)]),
]
OUT.mkdir(parents=True, exist_ok=True)
for meta, body in records:
    (OUT / f"{meta['id']}.md").write_text(dump_record(meta, body), encoding="utf-8")
print(len(records))
