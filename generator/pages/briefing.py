"""What a zone's or industry's briefing page shows, from its series and figures: the scorecard of headline
indicators (latest actual with its growth beside the latest target), the charts, what was announced when,
the projects, and the other figures by article."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..read.rules import month_abbreviations
from ..scripts import to_simplified
from ..series import Point, Series
from ..yamlsafe import load_data

DATA = Path(__file__).resolve().parent.parent / "data" / "pages.yml"
HEADLINE_PER_ARTICLE = 3
CHART_POINTS = 12


@lru_cache(maxsize=1)
def page_words() -> dict:
    """generator/data/pages.yml: zone kinds, measure and period labels, project indicators."""
    return load_data(DATA.read_text(encoding="utf-8"))


def period_name(kind: str, periods: dict[str, tuple[str, str]]) -> str:
    """A kind of period in the page script: 上半年 for H1 (`periods`: pages.yml's, converted), 1–10月 for
    Jan–Oct, '' for one without a name."""
    if kind in periods:
        return periods[kind][0]
    first, _, last = kind.partition("–")
    months = month_abbreviations()
    if first in months and last in months:
        return f"{months.index(first) + 1}–{months.index(last) + 1}月"
    return ""


@dataclass
class ScoreRow:
    """One row of a scorecard: an indicator's latest actual (with its growth) and latest target."""

    label: str
    anchor: str
    actual: Point | None = None
    actual_growth: Point | None = None
    target: Point | None = None
    target_growth: Point | None = None
    part: str | None = None   # the zone (on an industry page) or industry (on a zone page) of the row, or None


@dataclass
class Briefing:
    """Everything a term page shows below its profile."""

    scorecard: list[ScoreRow] = field(default_factory=list)
    charts: list[tuple[str, Series]] = field(default_factory=list)
    timeline: list[tuple] = field(default_factory=list)   # (article, its headline figures about the term)
    projects: list = field(default_factory=list)
    others: list[tuple] = field(default_factory=list)     # (article, its other figures about the term)


class Labels:
    """Series and period labels in one script (`convert`), from indicators.yml and pages.yml."""

    def __init__(self, indicators: dict, convert):
        self.indicators, self.convert = indicators, convert
        words = page_words()
        self.measures = {k: (convert(v[0]), v[1]) for k, v in words["measures"].items()}
        self.periods = {k: (convert(v[0]), v[1]) for k, v in words["periods"].items()}
        self.rank = {i: int(e["scorecard"]) for i, e in indicators.items() if isinstance(e.get("scorecard"), int)}

    def indicator(self, indicator: str) -> str:
        """`固定資產投資 · fixed-asset investment`: an indicator's name in the page script and in English."""
        entry = self.indicators.get(indicator) or {}
        name, english = self.convert(str(entry.get("name") or "")), str(entry.get("name_en") or "")
        return " · ".join(filter(None, (name, english))) or indicator

    def series(self, s: Series, finer: bool = True) -> str:
        """A series' label: the indicator, its finer metric (when `finer`: the page has several series of the
        indicator), its measure and period kind."""
        english = str((self.indicators.get(s.indicator) or {}).get("name_en") or "")
        parts = [self.indicator(s.indicator)]
        if finer and s.metric_en and s.metric_en.lower() not in english.lower():
            parts[0] += f" ({s.metric_en})"
        for label in (self.measures.get(s.measure), self.periods.get(s.period_kind), None):
            if label and label[0]:
                parts.append(f"{label[0]} {label[1]}")
        if s.rate:
            parts.append(s.rate)
        return " · ".join(parts)

    def period(self, point: Point) -> str:
        """A point's period as a reader reads it: 2025, 2023–2024, 2021 上半年, 2016 1–10月."""
        kind, label = point.period.kind, point.period.label
        name = period_name(kind, self.periods)
        if kind in ("annual", "span") or not name:
            return label
        return f"{label.split()[0]} {name}"

    def order(self, indicator: str) -> int:
        """Where an indicator stands on a scorecard (those without a place last)."""
        return self.rank.get(indicator, 1000)


def briefing(page, labels: Labels, part_name=None) -> Briefing:
    """The briefing of one zone or industry page (`part_name(id)`: the name of the zone of an industry page's
    series, or of the industry of a zone page's series)."""
    out = Briefing()
    series = sorted(page.series, key=lambda s: (labels.order(s.indicator), _part_key(s), s.key))
    finer = _several_metrics(series)
    out.scorecard = scorecard(series, labels, part_name, finer)
    charted = [s for s in series if s.charted]
    out.charts = [(_with_part(labels.series(s, s.indicator in finer), s, part_name), s) for s in charted]
    in_series = {id(f) for s in page.series for p in s.points for f in p.figures}
    rest = [f for f in page.figures if id(f) not in in_series]
    projects = set(page_words()["project_indicators"])
    out.projects = sorted((f for f in rest if f.indicator in projects and f.qualifier != "tier"),
                          key=_newest_first)
    taken = {id(f) for f in out.projects}
    out.others = _by_article([f for f in rest if id(f) not in taken])
    out.timeline = _timeline(page, labels)
    return out


def project_stage(fig) -> tuple[str, str] | None:
    """(label, English) of the stages of a project its clause names (動工簽約 → 開工 · 簽約), else the stages
    the clauses of its sentence name, when they all name the same; None when none does, or they differ."""
    quote = to_simplified(fig.quote or "")
    at = max(quote.find(to_simplified(fig.text or "")), 0)
    clauses = re.split(f"[{_CLAUSE_MARKS}]", quote)
    own = len(re.split(f"[{_CLAUSE_MARKS}]", quote[:at])) - 1
    named = {tuple(found) for found in map(_stages_in, clauses) if found}
    found = _stages_in(clauses[own]) or (list(next(iter(named))) if len(named) == 1 else None)
    return (" · ".join(zh for zh, _ in found), " · ".join(en for _, en in found)) if found else None


_CLAUSE_MARKS = "，,、；;。！？"


def _stages_in(text: str) -> list[tuple[str, str]]:
    """The distinct stages `text` names, in the order it names them (建成后 is a condition, not a stage)."""
    words = page_words()["project_stages"]
    out = []
    for _, word in sorted(m for w in words for m in _stage_at(text, w)):
        if tuple(words[word]) not in out:
            out.append(tuple(words[word]))
    return out


def _stage_at(text: str, word: str) -> list[tuple[int, str]]:
    """(position, word) of the first place `text` names the stage `word`, not as a condition (建成后, 达产产值:
    pages.yml `stage_conditions`)."""
    conditions = tuple(page_words()["stage_conditions"])
    at = text.find(word)
    while at >= 0 and text.startswith(conditions, at + len(word)):
        at = text.find(word, at + 1)
    return [(at, word)] if at >= 0 else []


def _several_metrics(series: list[Series]) -> set[str]:
    """The indicators a page has series of more than one finer metric of (their labels name the metric)."""
    seen: dict[str, set] = {}
    for s in series:
        seen.setdefault(s.indicator, set()).add(s.metric_en)
    return {i for i, metrics in seen.items() if len(metrics) > 1}


def _part_key(s: Series) -> str:
    """A series' zone (industry page) or industry (zone page) as a sort key (the series of the whole first)."""
    return str(s.subject[2] or "") if len(s.subject) > 2 else ""


def _with_part(label: str, s: Series, part_name) -> str:
    """A label with the zone of an industry page's series, or the industry of a zone page's series, in front."""
    part = s.subject[2] if len(s.subject) > 2 else None
    return f"{part_name(part)} · {label}" if part and part_name else label


def scorecard(series: list[Series], labels: Labels, part_name=None, finer: set = frozenset()) -> list[ScoreRow]:
    """Rows for the headline indicators (those with a scorecard place): a level series with the growth of its
    periods beside it, or a growth series alone (利用外资增长20%) where no level is stated."""
    rows: dict[tuple, ScoreRow] = {}
    headline = [s for s in series if s.indicator in labels.rank and (s.measure == "level" or (
        s.measure == "growth" and s.unit != "pp"))]   # 回落4.6个百分点 is a change of the growth, not a growth
    for s in sorted(headline, key=lambda s: s.measure != "level"):   # levels first: growth joins their rows
        base = (s.subject, s.indicator, s.metric_en or "", s.period_kind)
        key = base + (s.unit if s.measure == "level" else "growth",)
        row = rows.get(key) or next((r for k, r in rows.items() if k[:4] == base), None)
        if row is None or (s.measure == "level" and key not in rows):
            label = _with_part(labels.series(_as_level(s), s.indicator in finer), s, part_name)
            row = rows[key] = ScoreRow(label, s.anchor, part=s.subject[2] if len(s.subject) > 2 else None)
        _fill(row, s)
    ordered = sorted(rows.items(), key=lambda kv: (labels.order(kv[0][1]), str(kv[0][0]), kv[0][2:]))
    return [r for _, r in ordered if r.actual or r.target or r.actual_growth or r.target_growth]


def _as_level(s: Series) -> Series:
    """The series as its level would be labelled (a scorecard row is named for the indicator, not its growth)."""
    return Series(s.subject, s.indicator, s.metric_en, "level", s.unit, s.period_kind, s.rate)


def _fill(row: ScoreRow, s: Series) -> None:
    """Put a series' latest actual and target into its row (a growth series: beside the level of its period)."""
    actual, target = s.latest(("actual",)), s.latest(("target",))
    if s.measure == "level":
        row.anchor = s.anchor
        row.actual, row.target = actual, target
        return
    row.actual_growth = (s.at(row.actual.period, ("actual",)) if row.actual else actual) or row.actual_growth
    row.target_growth = (s.at(row.target.period, ("target",)) if row.target else target) or row.target_growth


def _timeline(page, labels: Labels) -> list[tuple]:
    """The page's articles, newest first, each with its headline figures about the page's term."""
    by_article: dict[str, list] = {}
    for fig in page.figures:
        by_article.setdefault(fig.article, []).append(fig)
    out = []
    for art in page.articles:
        figs = list({(f.text, f.indicator): f for f in reversed(by_article.get(art.id, []))
                     if f.indicator}.values())   # a figure the headline repeats is one
        figs.sort(key=lambda f: (labels.order(f.indicator), f.n))
        out.append((art, sorted(figs[:HEADLINE_PER_ARTICLE], key=lambda f: f.n)))
    return out


def _newest_first(fig) -> tuple:
    """Newest article first, then the order in the article."""
    return (_inverted(str(fig.date or "")), str(fig.article), fig.n or 0)


def _inverted(text: str) -> tuple:
    """A sort key that orders texts descending."""
    return tuple(-ord(c) for c in text)


def _by_article(figures: list) -> list[tuple]:
    """Figures grouped by article, newest article first, in the order each article states them."""
    groups: dict[str, list] = {}
    for fig in sorted(figures, key=_newest_first):
        groups.setdefault(fig.article, []).append(fig)
    return [(figs[0], figs) for figs in groups.values()]


def chart_points(s: Series) -> list[Point]:
    """The points a chart draws: actual and target points of the latest CHART_POINTS periods."""
    points = [p for p in s.points if p.kind in ("actual", "target") and p.number is not None]
    periods = sorted({p.period for p in points}, key=lambda p: p.order)[-CHART_POINTS:]
    return [p for p in points if p.period in periods]
