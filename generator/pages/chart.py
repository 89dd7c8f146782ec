"""Charts of a series over its periods, target bars beside actual ones, drawn at build time as HTML and CSS
(full content width, labels at body size, no JavaScript); each bar links to the sentence it comes from."""
from __future__ import annotations

from ..series import Series
from .briefing import Labels, chart_points
from .escape import attribute, html_text
from .formats import quantity

KINDS = ("actual", "target")
BARS = 3   # bars of one kind in one period at most: conflicting values beyond are counted (the review lists them all)


def series_chart(title: str, s: Series, labels: Labels, kind_labels: dict[str, str], root: str) -> str:
    """The chart of one series (its latest periods), or '' when it has fewer than two points to draw."""
    points = chart_points(s)
    if len(points) < 2:
        return ""
    top = max((p.number for p in points), default=0) or 1.0
    periods = sorted({p.period for p in points}, key=lambda p: p.order)
    columns = "".join(_column(period, [p for p in points if p.period == period], top, s.unit, labels, kind_labels, root)
                      for period in periods)
    drawn = [k for k in KINDS if any(p.kind == k for p in points)]
    legend = "".join(f'<span class="bf-key bf-{k}"></span>{html_text(kind_labels.get(k, k))} {k} ' for k in drawn)
    return (f'<figure class="bf-chart" id="chart-{s.anchor}" aria-label="{attribute(title)}">'
            f"<figcaption>{html_text(title)}</figcaption>"
            f'<div class="bf-bars" style="--bf-columns:{len(periods)}">{columns}</div>'
            f'<div class="bf-legend">{legend.strip()}</div></figure>')


def _column(period, points: list, top: float, unit: str, labels: Labels, kind_labels: dict, root: str) -> str:
    """One period's bars (actual, then target; of conflicting values the BARS told by most articles, the
    others counted under the period) and its label."""
    shown, hidden = [], 0
    for k in KINDS:
        of_kind = sorted((p for p in points if p.kind == k), key=lambda p: -len(p.articles))
        shown += of_kind[:BARS]
        hidden += len(of_kind[BARS:])
    bars = "".join(_bar(p, top, unit, kind_labels, root) for p in shown)
    more = f' <span class="bf-flag">+{hidden}</span>' if hidden else ""
    return (f'<div class="bf-column"><div class="bf-stack">{bars}</div>'
            f'<div class="bf-period">{html_text(labels.period(points[0]))}{more}</div></div>')


def _bar(point, top: float, unit: str, kind_labels: dict, root: str) -> str:
    """One bar: its height in per cent of the tallest, its value above it, a link to its sentence."""
    fig = point.figure
    height = max(0.0, point.number) / top * 100 if top > 0 else 0
    value = html_text(fig.text or quantity(point.number, unit))
    sources = len(point.articles)
    note = f" · {sources} 篇" if sources > 1 else ""
    warn = " bf-conflict" if point.conflict else ""
    tip = f"{kind_labels.get(point.kind, point.kind)} {fig.text or ''}{note}"
    return (f'<a class="bf-bar bf-{point.kind}{warn}" style="height:{height:.1f}%" '
            f'href="{root}articles/{fig.article}.html#fig-{fig.n}" title="{attribute(tip)}">'
            f'<span class="bf-value">{value}</span></a>')
