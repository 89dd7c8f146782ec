"""Series: the figures about one subject (a zone, or an industry in a zone) that measure one indicator the
same way, as points over comparable periods — the same figure in several articles is one point with all its
sources, and two values for one period and kind are a conflict.

A series is one subject, one indicator (and the glossary's finer metric, `metric_en`: projects started and
projects completed are two series of `projects`), one measure, one unit and one kind of period (annual,
first half, January–October, cumulative, a span of years). Figures with no indicator, no period (a project's
standing size) or a period of their own (on completion) join no series: the pages list them by article; so do
the parts of a total one article breaks down (of 160 key projects, 90 industrial).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

KINDS_CHARTED = ("actual", "target")
_SPAN = re.compile(r"^((?:19|20)[0-9]{2})–((?:19|20)[0-9]{2})$")
SUB_YEAR_PERIOD = re.compile(r"^(H[12]|Q[1-4](?:–Q[1-4])?|[A-Z][a-z]{2}–[A-Z][a-z]{2})\s+((?:19|20)[0-9]{2})$")
_RATE = re.compile(r",\s*(per \w+)$")


@dataclass(frozen=True)
class Period:
    """When a point is for: its kind of period (annual, H1, Jan–Oct, cumulative, span), its label and sort key."""

    kind: str
    label: str
    order: tuple


@dataclass
class Point:
    """One value of a series for one period and kind, with every figure (and so every article) stating it."""

    period: Period
    kind: str
    value: float | None
    low: float | None
    high: float | None
    figures: list = field(default_factory=list)
    conflict: bool = False

    @property
    def figure(self):
        """The figure the point shows: the one from the newest article."""
        return max(self.figures, key=_newest)

    @property
    def articles(self) -> list[str]:
        """The ids of the articles stating this point, newest first, each once."""
        return list(dict.fromkeys(f.article for f in sorted(self.figures, key=_newest, reverse=True)))

    @property
    def number(self) -> float | None:
        """The number drawn for the point: its value, else the middle of its range."""
        if self.value is not None:
            return float(self.value)
        return (float(self.low) + float(self.high)) / 2 if self.low is not None and self.high is not None else None


@dataclass
class Series:
    """One subject's figures of one indicator, measure, unit and kind of period, as points."""

    subject: tuple
    indicator: str
    metric_en: str | None
    measure: str
    unit: str
    period_kind: str
    rate: str | None
    points: list[Point] = field(default_factory=list)

    @property
    def key(self) -> tuple:
        """What makes the series one: everything but its points."""
        return (self.subject, self.indicator, self.metric_en or "", self.measure, self.unit, self.period_kind,
                self.rate or "")

    @property
    def anchor(self) -> str:
        """A stable HTML id for the series on its page."""
        words = "-".join(filter(None, (self.indicator, self.metric_en, self.measure, self.unit, self.period_kind,
                                       self.rate, *(str(s) for s in self.subject[2:] if s))))
        return "s-" + re.sub(r"[^a-z0-9]+", "-", words.lower()).strip("-")

    def latest(self, kinds: tuple[str, ...]) -> Point | None:
        """The point of the newest period among the points of `kinds` (a conflict: the newest article's)."""
        points = [p for p in self.points if p.kind in kinds and p.number is not None]
        return max(points, key=lambda p: (p.period.order, _newest(p.figure)), default=None)

    def at(self, period: Period, kinds: tuple[str, ...]) -> Point | None:
        """The point for `period` of one of `kinds`, if any (the newest article's on a conflict)."""
        points = [p for p in self.points if p.period == period and p.kind in kinds]
        return max(points, key=lambda p: _newest(p.figure), default=None)

    @property
    def conflicts(self) -> list[list[Point]]:
        """Groups of points with the same period and kind but different values."""
        groups: dict[tuple, list[Point]] = {}
        for p in self.points:
            if p.conflict:
                groups.setdefault((p.period, p.kind), []).append(p)
        return list(groups.values())

    @property
    def charted(self) -> bool:
        """True when the series has points for two or more periods or kinds to draw (target beside actual)."""
        return len({(p.period, p.kind) for p in self.points if p.number is not None}) >= 2


def _newest(fig) -> tuple:
    """The sort key of a figure by its article's date, then place in the article."""
    return (str(fig.published or fig.date or ""), str(fig.article or ""), fig.n or 0)


def period_of(fig) -> Period | None:
    """The period a figure is for, or None when it has none a series can compare (no year, on completion)."""
    period = _RATE.sub("", str(fig.period or "")).strip()
    year = fig.year if isinstance(fig.year, int) and not isinstance(fig.year, bool) else None
    if period.startswith("annual"):
        period = period.removeprefix("annual").lstrip(", ").strip()
    if period.startswith("cumulative"):
        as_of = year or _year_of(fig)
        return Period("cumulative", f"{as_of}", (as_of, 1)) if as_of else None
    if not period:
        return Period("annual", str(year), (year, 0)) if year else None
    if m := _SPAN.match(period):
        first, last = int(m.group(1)), int(m.group(2))
        kind = "annual" if str(fig.period or "").startswith("annual") else "span"
        return Period(kind, f"{first}–{last}", (last, first - last))
    if m := SUB_YEAR_PERIOD.match(period):
        return Period(m.group(1), f"{m.group(2)} {m.group(1)}", (int(m.group(2)), 0))
    return None


def _year_of(fig) -> int | None:
    """The year of a figure's article (for a cumulative figure: the date it is cumulated to)."""
    text = str(fig.date or fig.published or "")
    return int(text[:4]) if text[:4].isdigit() else None


def joins_a_series(fig, indicators: dict) -> bool:
    """True for a figure that can be a point of a series: it measures a place's indicator (not a project's:
    indicators.yml `scope`), as a result or a target (a standing size is no point of a series), in words the
    glossary knows (`metric_en`: 34 projects of one kind among 160 are no count of the zone's projects), and
    is no tier (a 千亿级 cluster names a class, not a value)."""
    indicator = fig.indicator
    entry = indicators.get(indicator) if indicator else None
    return (entry is not None and entry.get("scope", "place") == "place" and fig.kind in KINDS_CHARTED
            and bool(fig.metric_en) and fig.qualifier != "tier")


def series_of(figures, subject_of, indicators: dict) -> list[Series]:
    """The series of `figures`; `subject_of(figure)` gives the subject key of a figure (None: no subject);
    `indicators`: indicators.yml entries by id."""
    found: dict[tuple, Series] = {}
    points: dict[tuple, Point] = {}   # by series, period, kind and value: finding a point is no walk over its series
    subjects = [(fig, subject_of(fig)) for fig in figures]
    repeated = _referred_back(subjects)
    for fig, subject in subjects:
        if subject is None or id(fig) in repeated or not joins_a_series(fig, indicators):
            continue
        period = period_of(fig)
        if period is None:
            continue
        rate = m.group(1) if (m := _RATE.search(str(fig.period or ""))) else None
        series = Series(subject, fig.indicator, fig.metric_en, fig.measure or "level",
                        fig.unit or "", period.kind, rate)
        series = found.setdefault(series.key, series)
        _add_point(series, period, fig, points)
    for series in found.values():
        _keep_totals(series)
        series.points.sort(key=lambda p: (p.period.order, p.kind))
        _mark_conflicts(series)
    return sorted((s for s in found.values() if s.points), key=lambda s: s.key)


def _referred_back(subjects: list[tuple]) -> set[int]:
    """Of (figure, subject) pairs, the ids of figures that only restate or break down a figure of their own
    article in fewer words: the same subject, indicator, measure, kind, year, period and unit, their
    `metric_en` words a part of the other's, their value no larger (166 projects started, then 这166个项目中;
    160 key projects, then 90 key industrial projects glossed as projects). One article states the value
    once, and a part is no total."""
    groups: dict[tuple, list] = {}
    for fig, subject in subjects:
        key = (fig.article, subject, fig.indicator, fig.measure, fig.kind,
               fig.year, fig.period, fig.unit)
        groups.setdefault(key, []).append(fig)
    repeated = set()
    for group in (g for g in groups.values() if len(g) > 1):
        told = [(set(str(f.metric_en or "").split()), _amount(f)) for f in group]
        repeated |= {id(f) for f, (words, amount) in zip(group, told)
                     if amount is not None and any(words < other and amount <= most for other, most in told
                                                   if most is not None)}
    return repeated


def _amount(fig) -> float | None:
    """A figure's value, or the top of its range, as a number (None: not a number)."""
    value = next((v for v in (fig.value, fig.high, fig.low) if v is not None), None)
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _keep_totals(series: Series) -> None:
    """Where one article states several values for one period and kind of a series (160 key projects, then
    90 of them industrial, 21 of them urban renewal), keep its largest — the total — and leave the parts out of
    the series: one article does not contradict itself, it breaks a total down."""
    largest: dict[tuple, float] = {}
    for point in series.points:
        for fig in point.figures:
            slot = (point.period, point.kind, fig.article)
            if point.number is not None and point.number > largest.get(slot, float("-inf")):
                largest[slot] = point.number
    for point in series.points:
        point.figures = [f for f in point.figures
                         if point.number is None or point.number >= largest[(point.period, point.kind, f.article)]]
    series.points = [p for p in series.points if p.figures]


def _add_point(series: Series, period: Period, fig, points: dict[tuple, Point]) -> None:
    """Add a figure to the point with its period, kind and value, made when new (`points`: the points made so
    far, by series key, period, kind and value; a figure's value is a number or None, so always a key)."""
    amount = (fig.value, fig.low, fig.high)
    slot = (series.key, period, fig.kind, *amount)
    if slot in points:
        points[slot].figures.append(fig)
        return
    points[slot] = Point(period, fig.kind, *amount, figures=[fig])
    series.points.append(points[slot])


def _mark_conflicts(series: Series) -> None:
    """Mark the points that share a period and kind with a point of another value."""
    by_slot: dict[tuple, list[Point]] = {}
    for point in series.points:
        by_slot.setdefault((point.period, point.kind), []).append(point)
    for points in by_slot.values():
        if len(points) > 1:
            for point in points:
                point.conflict = True
