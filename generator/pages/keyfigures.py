"""The headline figures of the home page, and the order figures sort in."""
from __future__ import annotations

KINDS = ("actual", "target", "fact")


def figure_order(fig) -> tuple:
    """Later year first, then later article, then position in the article."""
    year = fig.year if isinstance(fig.year, int) else int(str(fig.published or "0")[:4] or 0)
    return (year, str(fig.published or ""), fig.n or 0)


def headline_figures(zones, labels, limit: int = 10) -> list:
    """The figures a home page leads with: of each zone's headline indicators (a scorecard place in
    indicators.yml), the latest actual or target of its level series, newest first, one per zone and
    indicator and industry counted apart (zones of one administration share their series: one of them is
    shown)."""
    seen, found = set(), []
    for page in zones:
        for s in page.series:
            if s.measure != "level" or s.indicator not in labels.rank or (s.subject, s.indicator) in seen:
                continue
            point = s.latest(("actual", "target"))
            if point is not None:
                seen.add((s.subject, s.indicator))
                found.append((labels.order(s.indicator), point.figure))
    found.sort(key=lambda x: (figure_order(x[1]), -x[0]), reverse=True)
    return [fig for _, fig in found[:limit]]
