"""Key figures of a zone or industry: one row per metric, target next to actual year by year."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .review import metric_key

KINDS = ("actual", "target", "fact")


@dataclass
class YearRow:
    """The figures for one year (or period) of a metric, by kind."""

    when: str
    by_kind: dict[str, list[dict]] = field(default_factory=dict)


@dataclass
class MetricRow:
    """Everything said about one metric: the latest value and the years."""

    key: str
    label: str
    unit: str
    figures: list[dict]
    latest: dict
    years: list[YearRow]
    anchor: str = ""


def figure_order(fig: dict) -> tuple:
    """Later year first, then later article, then position in the article."""
    year = fig.get("year") if isinstance(fig.get("year"), int) else int(str(fig.get("published") or "0")[:4] or 0)
    return (year, str(fig.get("published") or ""), fig.get("n") or 0)


def metric_rows(figures: list[dict], label, by_zone: bool = False,
                key=metric_key, order=None) -> tuple[list[MetricRow], list[dict]]:
    """Rows for figures that name a metric (newest first; one per zone too when `by_zone`), and the others.
    `key(figure)` and `order(figure)` give its metric key and sort order (gather.FIGURE_KEY and FIGURE_ORDER
    read those a Figure has already; by default they are computed here)."""
    groups: dict[str, list[dict]] = defaultdict(list)
    loose = []
    for fig in figures:
        metric = key(fig)
        if metric and by_zone:
            metric = f"{metric}|{fig.get('zone_id') or ''}"
        (groups[metric] if metric else loose).append(fig)
    order = order or _order_once(figures)
    rows = [_row(metric, figs, label, order) for metric, figs in groups.items()]
    rows.sort(key=lambda r: (order(r.latest), r.key), reverse=True)
    for i, row in enumerate(rows, start=1):
        row.anchor = f"metric-{i}"
    return rows, sorted(loose, key=order, reverse=True)


def _order_once(figures: list[dict]):
    """`figure_order` as a sort key computed once per figure (the rows sort the same figures several times)."""
    orders = {id(fig): figure_order(fig) for fig in figures}
    return lambda fig: orders[id(fig)]


def _row(key: str, figures: list[dict], label, order) -> MetricRow:
    """One metric's row: its label, latest figure and year-by-year cells."""
    figures = sorted(figures, key=order, reverse=True)
    by_when: dict[str, YearRow] = {}
    for fig in sorted(figures, key=order):
        when = str(fig["year"]) if fig.get("year") else str(fig.get("period") or "")
        row = by_when.get(when)
        if row is None:
            row = by_when[when] = YearRow(when)
        kind = fig.get("kind")
        row.by_kind.setdefault(kind if kind in KINDS else "fact", []).append(fig)
    years = sorted(by_when.values(), key=lambda r: (r.when == "", r.when))
    return MetricRow(key, label(figures[0]), figures[0].get("unit") or "", figures, figures[0], years)


def headline_figures(figures: list[dict], limit: int = 10, key=metric_key, order=figure_order) -> list[dict]:
    """The figures a home page leads with: named metrics, most confident and most recent, one per zone and metric
    (`key` and `order` as for metric_rows)."""
    seen, out = set(), []
    ranked = sorted((f for f in figures if key(f)),
                    key=lambda f: (float(f.get("confidence") or 0) >= 0.6, order(f)), reverse=True)
    for fig in ranked:
        zone_metric = (fig.get("zone_id"), key(fig))
        if zone_metric not in seen:
            seen.add(zone_metric)
            out.append(fig)
        if len(out) == limit:
            break
    return out
