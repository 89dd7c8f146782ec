"""Dates in Chinese news: publication stamps and event dates resolved against them."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from functools import lru_cache

from ..read.rules import alternation, reading
from .credits import EN_MONTH, ORDINAL, month_number

CHINA = timezone(timedelta(hours=8))
STAMP_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d")
YEAR_MENTION = re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d{2})\s*年(?!代)|(?<![\w.])(?P<ey>(?:19|20)\d{2})(?![\w%]|\.\d)")
YEAR_SPAN = re.compile(r"^\s*(?:年\s*)?[-—–~～至到]\s*(?:19|20)?\d{2}")
FUTURE_WINDOW = 2   # a date up to this many times nearer in the future than in the past wins
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
CLAUSE_START = re.compile(r".*(?:[.;!?]\s|,\s|—|--)", re.S)


def parse_published(value: str | None) -> str | None:
    """An ISO 8601 date-time with offset for a printed stamp; a stamp without a zone is Asia/Shanghai."""
    if not value:
        return None
    stamp = _parse_stamp(str(value).strip())
    if stamp is None:
        return None
    return (stamp if stamp.tzinfo else stamp.replace(tzinfo=CHINA)).isoformat()


def _parse_stamp(text: str) -> datetime | None:
    """A datetime from ISO 8601, 'YYYY-MM-DD HH:MM', 2025年2月8日 16:38 or an RFC 2822 date."""
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    plain = re.sub(r"[年月/.]", "-", text).replace("日", " ").replace("T", " ")
    plain = re.sub(r"\s+", " ", plain).strip()
    plain = re.sub(r"^(\d{4})-(\d{1,2})-(\d{1,2})", lambda m: f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}", plain)
    for fmt in STAMP_FORMATS:
        try:
            return datetime.strptime(plain[: len(datetime(2000, 1, 1, 10, 10, 10).strftime(fmt))], fmt)
        except ValueError:
            continue
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


@lru_cache(maxsize=None)
def _mention() -> re.Pattern:
    """A date mention: 2月7日, 2025年2月7日, 29日 (day alone) or a relative day (昨日)."""
    relative = alternation(reading("relative_days"))
    relative_en = alternation(reading("relative_days_en"))
    weekday = "|".join(w.capitalize() for w in WEEKDAYS)
    return re.compile(
        r"(?:(?P<y>(?:19|20)\d{2})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号號]"
        r"|(?<![\d年第个個\-/.])(?P<day>\d{1,2})[日号號](?![内內以前后後左])"
        rf"|(?P<rel>{relative})"
        rf"|\b(?P<em>{EN_MONTH})\.?\s+(?P<ed>\d{{1,2}}){ORDINAL}?\b(?:,?\s+(?P<ey>(?:19|20)\d{{2}})\b)?"
        rf"|\b(?P<fd>\d{{1,2}}){ORDINAL}?\s+(?P<fm>{EN_MONTH})\b(?:,?\s+(?P<fy>(?:19|20)\d{{2}})\b)?"
        rf"|\b(?P<wd>{weekday})\b|\b(?P<erel>(?i:{relative_en}))\b")


def resolve_event_date(text: str, published: date | None, year_hint: int | None = None) -> str | None:
    """The date of the event a lead reports ("2月7日上午" → the date nearest before publication).

    Dates of reporting ("记者7月5日获悉", "3月17日電") are skipped; a date after a future marker
    ("将于3月5日") may lie after publication. Without a publication date, a year named in the
    text (2022年第一季度) dates a month and day.
    """
    year_hint = year_hint or article_year(text)
    for m in _mention().finditer(text):
        if _is_reporting(text, m):
            continue
        when = _resolve(m, text, published, year_hint)
        if when:
            return when.isoformat()
    return None


def article_year(text: str) -> int | None:
    """The year a text that states no publication date is about, from the years it names (see reading.yml:
    a year tied to a period first, else the first one; deadlines, comparisons and spans skipped), or None."""
    first = None
    for m in YEAR_MENTION.finditer(text):
        if _skipped_year(text, m):
            continue
        if _period_year(text, m):
            return int(m.group("y") or m.group("ey"))
        first = first or int(m.group("y") or m.group("ey"))
    return first


def _skipped_year(text: str, m: re.Match) -> bool:
    """True for a year of a deadline, a comparison, a span or a starting point (到2025年, 较2022年, 2021—2025年)."""
    before, after = text[max(0, m.start() - 16): m.start()], text[m.end(): m.end() + 12]
    if YEAR_SPAN.match(after) or re.search(r"(?:19|20)\d{2}\s*年?\s*[-—–~～至到]\s*$", before):
        return True
    if m.group("y"):
        if re.match(_alternation_of("year_period_after"), after):
            return False
        skip_before, skip_after = tuple(reading("year_skip_before")), tuple(reading("year_skip_after"))
        return before.endswith(skip_before) or after.startswith(skip_after)
    return bool(re.search(rf"\b(?:{alternation(reading('year_skip_before_en'))})\s+(?:the\s+)?(?:end\s+of\s+)?$",
                          before, re.I))


def _period_year(text: str, m: re.Match) -> bool:
    """True for a year the text ties to a period (2021年第一季度, 2023年1-10月, for the year 2024)."""
    if m.group("y"):
        return bool(re.match(_alternation_of("year_period_after"), text[m.end(): m.end() + 12]))
    before = text[max(0, m.start() - 20): m.start()]
    return bool(re.search(rf"\b(?:{alternation(reading('year_period_before_en'))})\s+(?:the\s+)?$", before, re.I))


@lru_cache(maxsize=None)
def _alternation_of(key: str) -> str:
    """The regular expressions listed under `key` in reading.yml, as one alternation."""
    return "|".join(f"(?:{p})" for p in reading(key))


def _is_reporting(text: str, m: re.Match) -> bool:
    """True for a date that marks when the news was learned or filed, not the event."""
    after = text[m.end(): m.end() + 3]
    before = text[max(0, m.start() - 3): m.start()]
    if m.group("em") or m.group("fm"):   # CHONGQING, May 20 (Xinhua) --
        return after.lstrip().startswith(tuple(reading("reporting_marks_en")))
    verbs = tuple(reading("reporting_verbs"))
    return after.startswith(verbs) or before.endswith(tuple(reading("reporter_words")))


def _resolve(m: re.Match, text: str, published: date | None, year_hint: int | None) -> date | None:
    """The calendar date of one mention."""
    if m.group("rel"):
        return published - timedelta(days=reading("relative_days")[m.group("rel")]) if published else None
    if m.group("em") or m.group("fm") or m.group("wd") or m.group("erel"):
        return _resolve_english(m, text, published, year_hint)
    future = text[max(0, m.start() - 4): m.start()].endswith(tuple(reading("future_markers")))
    if m.group("day"):
        return _day_in_month(int(m.group("day")), published, future) if published else None
    month, day = int(m.group("m")), int(m.group("d"))
    if m.group("y"):
        return _date(int(m.group("y")), month, day)
    if published is None:
        return _date(year_hint, month, day) if year_hint else None
    return nearest_year(month, day, published, future)


def _resolve_english(m: re.Match, text: str, published: date | None, year_hint: int | None) -> date | None:
    """The calendar date of an English mention: March 24, 24 March 2024, on Friday, yesterday."""
    future = _future_en(text, m.start())
    if m.group("erel"):
        days = reading("relative_days_en")[m.group("erel").lower()]
        return published - timedelta(days=days) if published else None
    if m.group("wd"):
        return _weekday(WEEKDAYS.index(m.group("wd").lower()), text[: m.start()], published, future)
    month, day = month_number(m.group("em") or m.group("fm")), int(m.group("ed") or m.group("fd"))
    if year := m.group("ey") or m.group("fy"):
        return _date(int(year), month, day)
    if published is None:
        return _date(year_hint, month, day) if year_hint else None
    return nearest_year(month, day, published, future)


def _future_en(text: str, start: int) -> bool:
    """True when the clause before an English date says the event lies ahead ("will open on …")."""
    clause = CLAUSE_START.sub("", text[max(0, start - 60): start])
    words = alternation(reading("future_markers_en"))
    return bool(re.search(rf"(?:^|\s)(?:{words})(?=\s|$)", clause, re.I))


def _weekday(weekday: int, before: str, published: date | None, future: bool) -> date | None:
    """The day of that weekday nearest publication: in the week before it, or after it for a future event."""
    if published is None:
        return None
    if future:
        return published + timedelta(days=(weekday - published.weekday()) % 7)
    back = (published.weekday() - weekday) % 7
    if back == 0 and re.search(r"\blast\s*$", before, re.I):
        back = 7
    return published - timedelta(days=back)


def nearest_year(month: int, day: int, published: date, future: bool = False) -> date | None:
    """The month and day in the year that puts them nearest publication, the past preferred."""
    options = [d for d in (_date(published.year + k, month, day) for k in (-1, 0, 1)) if d]
    if future:
        ahead = [d for d in options if d >= published]
        return min(ahead, default=None)

    def distance(d: date) -> int:
        """Days from publication, a future day counting FUTURE_WINDOW times."""
        gap = (d - published).days
        return gap * FUTURE_WINDOW if gap > 1 else -gap if gap < 0 else 0
    return min(options, key=distance, default=None)


def _day_in_month(day: int, published: date, future: bool) -> date | None:
    """A day of the month alone ("29日"): this month, or the month before when it would be later."""
    this = _date(published.year, published.month, day)
    if this and (this <= published + timedelta(days=1) or future):
        return this
    prev = published.replace(day=1) - timedelta(days=1)
    return _date(prev.year, prev.month, day)


def _date(year: int, month: int, day: int) -> date | None:
    """date(year, month, day), or None when there is no such day."""
    try:
        return date(year, month, day)
    except ValueError:
        return None
