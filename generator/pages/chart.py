"""Bar charts of one metric over the years, drawn at build time as inline SVG (CJK text, no JavaScript)."""
from __future__ import annotations

from .escape import attribute, html_text
from .formats import quantity, sort_value

WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 560, 220, 64, 36, 28
SERIES = (("actual", "bf-bar-actual"), ("target", "bf-bar-target"), ("fact", "bf-bar-fact"))
SERIES_CSS = dict(SERIES)


def chart_points(figures: list[dict], value_of=sort_value) -> dict[tuple[int, str], float]:
    """The value to draw for each (year, kind): the latest article's figure wins (`value_of`: see bar_chart)."""
    points: dict[tuple[int, str], float] = {}
    for fig in sorted(figures, key=lambda f: (f.get("published") or "", f.get("n") or 0)):
        value, year = value_of(fig), fig.get("year")
        if value is not None and isinstance(year, int):
            points[(year, fig.get("kind") or "fact")] = value
    return points


def bar_chart(title: str, unit: str, figures: list[dict], labels: dict[str, str], value_of=sort_value) -> str:
    """An SVG bar chart (one group of bars per year), or '' when fewer than two years have values.
    `value_of(figure)` is the value drawn (gather.FIGURE_VALUE reads the one a Figure has already)."""
    points = chart_points(figures, value_of)
    years = sorted({year for year, _ in points})
    if len(years) < 2:
        return ""
    kinds = [k for k, _ in SERIES if any(kind == k for _, kind in points)]
    top = max(max(points.values()), 0) or 1.0
    parts = [_frame(title, top, unit)]
    slot = (WIDTH - LEFT - 16) / len(years)
    bar = min(36.0, slot * 0.8 / len(kinds))
    for i, year in enumerate(years):
        x0 = LEFT + i * slot + (slot - bar * len(kinds)) / 2
        for j, kind in enumerate(kinds):
            if (year, kind) in points:
                parts.append(_bar(x0 + j * bar, bar, points[(year, kind)], top, kind, unit, labels))
        parts.append(f'<text x="{LEFT + i * slot + slot / 2:.1f}" y="{HEIGHT - BOTTOM + 16}" '
                     f'text-anchor="middle" class="bf-axis">{year}</text>')
    parts.append(_legend(kinds, labels))
    return (f'<figure class="bf-chart"><svg role="img" '
            f'viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" aria-label="{attribute(title)}">'
            + "".join(parts) + "</svg></figure>")


def _frame(title: str, top: float, unit: str) -> str:
    """Title, axis line and the top value of the scale."""
    base = HEIGHT - BOTTOM
    return (f"<title>{html_text(title)}</title>"
            f'<line x1="{LEFT}" y1="{base}" x2="{WIDTH - 8}" y2="{base}" class="bf-axis-line"/>'
            f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{base}" class="bf-axis-line"/>'
            f'<text x="{LEFT - 6}" y="{TOP + 4}" text-anchor="end" class="bf-axis">{html_text(quantity(top, unit))}</text>'
            f'<text x="{LEFT - 6}" y="{base}" text-anchor="end" class="bf-axis">0</text>')


def _bar(x: float, width: float, value: float, top: float, kind: str, unit: str, labels: dict) -> str:
    """One bar with its value written above it."""
    base = HEIGHT - BOTTOM
    height = max(0.0, value) / top * (base - TOP)
    css = SERIES_CSS[kind]
    label = html_text(quantity(value, unit))
    return (f'<rect x="{x:.1f}" y="{base - height:.1f}" width="{width - 2:.1f}" height="{height:.1f}" class="{css}">'
            f"<title>{html_text(labels.get(kind, kind))} {label}</title></rect>"
            f'<text x="{x + width / 2 - 1:.1f}" y="{base - height - 4:.1f}" text-anchor="middle" class="bf-value">{label}</text>')


def _legend(kinds: list[str], labels: dict[str, str]) -> str:
    """The key of the series drawn, top right."""
    out = []
    for i, kind in enumerate(kinds):
        x = WIDTH - 110 * (len(kinds) - i)
        out.append(f'<rect x="{x}" y="6" width="12" height="12" class="{SERIES_CSS[kind]}"/>'
                   f'<text x="{x + 16}" y="16" class="bf-legend">{html_text(labels.get(kind, kind))}</text>')
    return "".join(out)
