"""Dates in Chinese news: publication stamps and event dates resolved against them."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

CHINA = timezone(timedelta(hours=8))
MONTH_DAY = re.compile(r"(?:(?P<y>(?:19|20)\d{2})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号號]")
DAY_ONLY = re.compile(r"(?<![\d月])(?P<d>\d{1,2})[日号號](?:上午|下午|晚|電|电|讯|訊|開幕|开幕|举行|舉行|召开|召開)")


def parse_published(value: str | None) -> str | None:
    """An ISO 8601 date-time with offset for a printed stamp; a stamp without a zone is Asia/Shanghai."""
    if not value:
        return None
    text = value.strip().replace("/", "-").replace("T", " ")
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            stamp = datetime.strptime(text[: len(datetime(2000, 1, 1).strftime(fmt))], fmt)
            return stamp.replace(tzinfo=CHINA).isoformat()
        except ValueError:
            continue
    try:
        stamp = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return (stamp if stamp.tzinfo else stamp.replace(tzinfo=CHINA)).isoformat()


def resolve_event_date(text: str, published: date | None) -> str | None:
    """The date of the event a text reports ("2月7日上午" → the past date nearest publication)."""
    if m := MONTH_DAY.search(text):
        year = int(m.group("y")) if m.group("y") else None
        return _past_date(year, int(m.group("m")), int(m.group("d")), published)
    if published and (m := DAY_ONLY.search(text)):
        return _past_date(None, published.month, int(m.group("d")), published, roll_month=True)
    return None


def _past_date(year, month, day, published, roll_month=False) -> str | None:
    """The date with the year (or month) chosen so it falls on or before publication."""
    if published is None and year is None:
        return None
    year = year or published.year
    try:
        when = date(year, month, day)
    except ValueError:
        return None
    if published and not roll_month and when > published + timedelta(days=1):
        when = when.replace(year=year - 1)
    if published and roll_month and when > published:
        prev = (published.replace(day=1) - timedelta(days=1))
        try:
            when = date(prev.year, prev.month, day)
        except ValueError:
            return None
    return when.isoformat()
