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


def metric_rows(figures: list[dict], label, by_zone: bool = False) -> tuple[list[MetricRow], list[dict]]:
    """Rows for figures that name a metric (newest first; one per zone too when `by_zone`), and the others."""
    groups: dict[str, list[dict]] = defaultdict(list)
    loose = []
    for fig in figures:
        key = metric_key(fig)
        if key and by_zone:
            key = f"{key}|{fig.get('zone_id') or ''}"
        (groups[key] if key else loose).append(fig)
    rows = [_row(key, figs, label) for key, figs in groups.items()]
    rows.sort(key=lambda r: (figure_order(r.latest), r.key), reverse=True)
    for i, row in enumerate(rows, start=1):
        row.anchor = f"metric-{i}"
    return rows, sorted(loose, key=figure_order, reverse=True)


def _row(key: str, figures: list[dict], label) -> MetricRow:
    """One metric's row: its label, latest figure and year-by-year cells."""
    figures = sorted(figures, key=figure_order, reverse=True)
    by_when: dict[str, YearRow] = {}
    for fig in sorted(figures, key=figure_order):
        when = str(fig["year"]) if fig.get("year") else str(fig.get("period") or "")
        row = by_when.setdefault(when, YearRow(when))
        row.by_kind.setdefault(fig.get("kind") if fig.get("kind") in KINDS else "fact", []).append(fig)
    years = sorted(by_when.values(), key=lambda r: (r.when == "", r.when))
    return MetricRow(key, label(figures[0]), figures[0].get("unit") or "", figures, figures[0], years)


def headline_figures(figures: list[dict], limit: int = 10) -> list[dict]:
    """The figures a home page leads with: named metrics, most confident and most recent, one per zone and metric."""
    seen, out = set(), []
    ranked = sorted((f for f in figures if metric_key(f)),
                    key=lambda f: (float(f.get("confidence") or 0) >= 0.6, figure_order(f)), reverse=True)
    for fig in ranked:
        key = (fig.get("zone_id"), metric_key(fig))
        if key not in seen:
            seen.add(key)
            out.append(fig)
        if len(out) == limit:
            break
    return out
