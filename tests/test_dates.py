"""Publication stamps and event dates resolved against them, year and month boundaries included."""
from __future__ import annotations

from datetime import date

import pytest

from generator.dates import nearest_year, parse_published, resolve_event_date


@pytest.mark.parametrize("stamp, iso", [
    ("2025-02-08 16:38:47", "2025-02-08T16:38:47+08:00"),
    ("2025-02-08 16:38", "2025-02-08T16:38:00+08:00"),
    ("2025/2/8 9:05", "2025-02-08T09:05:00+08:00"),
    ("2004年10月21日14:18", "2004-10-21T14:18:00+08:00"),
    ("2025年2月8日 16:38", "2025-02-08T16:38:00+08:00"),
    ("2017/09/08", "2017-09-08T00:00:00+08:00"),
    ("2024-06-01T08:00:00Z", "2024-06-01T08:00:00+00:00"),
    ("2024-06-01T08:00:00+09:00", "2024-06-01T08:00:00+09:00"),
    ("Sat, 08 Feb 2025 16:38:47 +0800", "2025-02-08T16:38:47+08:00"),
])
def test_published_stamps_get_an_offset(stamp, iso):
    assert parse_published(stamp) == iso


@pytest.mark.parametrize("value", [None, "", "yesterday", "13/45/2025"])
def test_unreadable_stamps_give_none(value):
    assert parse_published(value) is None


@pytest.mark.parametrize("text, published, event", [
    ("2月7日上午,廣州開發區召開高品質發展大會。", date(2025, 2, 8), "2025-02-07"),
    ("12月30日,示范区新材料产业园开工。", date(2025, 1, 2), "2024-12-30"),           # across the year end
    ("1月2日,园区举行签约活动。", date(2024, 12, 28), "2025-01-02"),                   # a few days ahead, next year
    ("2023年12月30日,项目开工。", date(2025, 1, 2), "2023-12-30"),                     # a written year wins
    ("第二届峰会27日在江州开幕。", date(2016, 9, 28), "2016-09-27"),                   # a day alone: this month
    ("论坛28日在广州开幕。", date(2025, 3, 2), "2025-02-28"),                           # … or the month before
    ("记者8月9日获悉,园区7月26日集中签约。", date(2022, 8, 12), "2022-07-26"),          # reporting date skipped
    ("新華網江州5月12日電 項目首批設備日前運抵現場。", date(2020, 5, 13), None),          # filing date, then 日前
    ("昨日,湾区发布行动方案。", date(2025, 2, 10), "2025-02-09"),
    ("今天上午,项目开工。", date(2025, 2, 10), "2025-02-10"),
    ("日前,高新区新增独角兽企业2家。", date(2024, 5, 7), None),                        # 日前 names no day
    ("园区将于3月5日举行招商大会。", date(2025, 2, 8), "2025-03-05"),                  # a future event
    ("项目15日内完成审批。", date(2025, 2, 8), None),                                  # a duration, no date
])
def test_event_date_resolved_against_publication(text, published, event):
    assert resolve_event_date(text, published) == event


def test_event_date_without_publication_takes_the_year_the_lead_names():
    lead = "5月9日,江州临港新区2023年第二季度重点项目集中签约仪式举行。"
    assert resolve_event_date(lead, None) == "2023-05-09"
    assert resolve_event_date("5月9日,项目签约。", None) is None


def test_nearest_year_prefers_the_past():
    assert nearest_year(6, 30, date(2025, 1, 5)) == date(2024, 6, 30)
    assert nearest_year(2, 29, date(2025, 3, 1)) == date(2024, 2, 29)   # only leap years have it
    assert nearest_year(3, 1, date(2025, 2, 20), future=True) == date(2025, 3, 1)


@pytest.mark.parametrize("lead, published, expected", [
    ("Officials said on Friday that the park opened.", date(2024, 5, 20), "2024-05-17"),   # a Monday
    ("The park opened on Monday.", date(2024, 5, 20), "2024-05-20"),                      # the day itself
    ("The park opened last Monday.", date(2024, 5, 20), "2024-05-13"),
    ("The expo will open on Friday.", date(2024, 5, 20), "2024-05-24"),
    ("The park signed 15 projects on March 24, officials said.", date(2024, 5, 20), "2024-03-24"),
    ("The park signed 15 projects on Dec 30.", date(2025, 1, 2), "2024-12-30"),           # year boundary
    ("The park signed 15 projects on Sept. 3, 2023.", date(2024, 5, 20), "2023-09-03"),
    ("The park signed 15 projects on 24 March.", date(2024, 5, 20), "2024-03-24"),
    ("The fair is scheduled to open on June 1.", date(2024, 5, 20), "2024-06-01"),
    ("Yesterday the park opened.", date(2024, 5, 20), "2024-05-19"),
    ("CHONGQING, May 20 (Xinhua) -- Freight trains made 5,012 trips, the operator said on Sunday.",
     date(2024, 5, 20), "2024-05-19"),                                                  # the wire dateline is skipped
    ("The province released 20 measures last week.", date(2024, 5, 20), None),          # too vague to date
    ("Output may rise by 10 percent this year.", date(2024, 5, 20), None),               # "may" is no month
])
def test_english_event_dates(lead, published, expected):
    assert resolve_event_date(lead, published) == expected


@pytest.mark.parametrize("stamp, iso", [
    ("May 22, 2024 16:45", "2024-05-22T16:45:00+08:00"),
    ("22 May 2024", "2024-05-22T00:00:00+08:00"),
])
def test_english_stamps_read_by_the_cleaner(stamp, iso):
    from generator.read.credits import parse_stamp
    assert parse_published(parse_stamp(f"Updated: {stamp}")) == iso
