"""What a person should check: articles without a date or headline, low-confidence figures, provisional zones,
conflicting figures."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from ..scripts import to_simplified


@dataclass
class Conflict:
    """Figures about the same zone, metric, year and kind whose values differ across articles."""

    zone: str
    metric: str
    year: int | None
    kind: str
    figures: list[dict] = field(default_factory=list)


@dataclass
class Review:
    """The review page's four lists."""

    low_confidence: list[dict] = field(default_factory=list)
    provisional: list = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    incomplete: list = field(default_factory=list)   # articles with no publication date or a title made from the lead


def find_review(corpus, confidence_below: float, key=None) -> Review:
    """Collect what needs a person's eye from a gathered corpus (`key`: as for find_conflicts)."""
    low = [f for f in corpus.figures if _confidence(f) < confidence_below]
    provisional = sorted((z for z in corpus.zones.values() if z.provisional), key=lambda z: z.id)
    conflicts = find_conflicts(corpus.figures, key or metric_key)
    return Review(low_confidence=low, provisional=provisional, conflicts=conflicts,
                  incomplete=[a for a in corpus.articles if needs_completing(a.meta)])


def needs_completing(meta: dict) -> bool:
    """True for a record not reviewed whose input stated no publication date or no headline."""
    return meta.get("reviewed") is not True and (not meta.get("published") or meta.get("title_derived") is True)


def _confidence(fig: dict) -> float:
    """A figure's confidence as a number (missing or malformed counts as 0)."""
    value = fig.get("confidence")
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


def metric_key(fig: dict) -> str:
    """What a figure measures, folded so the same metric in either script compares equal."""
    metric = (fig.get("metric_en") or "").strip().lower() or _folded(fig.get("metric") or "")
    return f"{metric}|{fig.get('unit') or ''}" if metric else ""


@lru_cache(maxsize=65536)
def _folded(metric: str) -> str:
    """A metric's words in Simplified without spaces (cached: a few thousand metrics are named ~10⁵ times)."""
    return "".join(to_simplified(metric).split())


def _amount(fig: dict) -> tuple:
    """The quantity a figure states, for comparison."""
    return (fig.get("value"), fig.get("low"), fig.get("high"))


def find_conflicts(figures: list[dict], key=metric_key) -> list[Conflict]:
    """Groups of figures with the same zone, metric, year and kind but different values from different articles
    (`key(figure)`: its metric key; gather.FIGURE_KEY reads the one a Figure has already)."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for fig in figures:
        metric = key(fig)
        if metric and fig.get("zone_id") and fig.get("year"):
            groups[(fig["zone_id"], metric, fig["year"], fig.get("kind") or "")].append(fig)
    conflicts = []
    for (zone, _key, year, kind), figs in sorted(groups.items(), key=lambda kv: tuple(map(str, kv[0]))):
        if len({_amount(f) for f in figs}) > 1 and len({f["article"] for f in figs}) > 1:
            conflicts.append(Conflict(zone, figs[0].get("metric") or figs[0].get("metric_en") or "", year, kind, figs))
    return conflicts
