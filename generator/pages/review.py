"""What a person should check: articles without a date or headline, figures of low confidence, conflicts
within a series, articles about no zone or industry of the taxonomy, provisional zones."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache

from ..scripts import to_simplified


@dataclass
class Conflict:
    """Points of one series with the same period and kind but different values."""

    page: object          # the zone or industry page the series is on
    series: object        # series.Series
    points: list = field(default_factory=list)

    @property
    def key(self) -> str:
        """What makes the conflict one from build to build: its page, series, period and kind."""
        point = self.points[0]
        return f"{self.page.kind}:{self.page.id}:{self.series.key}:{point.period}:{point.kind}"

    @property
    def anchor(self) -> str:
        """The conflict's anchor on the review pages (the same wherever the conflict is listed)."""
        return "conflict-" + hashlib.sha1(self.key.encode("utf-8")).hexdigest()[:10]

    @property
    def figures(self) -> list:
        """Every figure stating one of the conflicting values, newest first."""
        return [f for p in self.points for f in p.figures]


@dataclass
class Review:
    """The review page's lists."""

    low_confidence: list = field(default_factory=list)   # gather.PageFigure
    provisional: list = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    off_topic: list = field(default_factory=list)
    incomplete: list = field(default_factory=list)   # articles with no publication date or a title made from the lead


def find_review(corpus, confidence_below: float, key=None) -> Review:
    """Collect what needs a person's eye from a gathered corpus."""
    on_topic = {a.id for a in corpus.articles if a.on_topic}
    low = [f for f in corpus.figures if _confidence(f) < confidence_below and f.article in on_topic]
    provisional = sorted((z for z in corpus.zones.values() if z.provisional), key=lambda z: z.id)
    return Review(low_confidence=low, provisional=provisional, conflicts=find_conflicts(corpus),
                  off_topic=list(corpus.off_topic), incomplete=[a for a in corpus.articles if needs_completing(a.meta)])


def find_conflicts(corpus) -> list[Conflict]:
    """The conflicts of every series on the zone and industry pages (a series zones share listed once)."""
    out, seen = [], set()
    for page in [*sorted(corpus.zones.values(), key=lambda p: p.id),
                 *sorted(corpus.industries.values(), key=lambda p: p.id)]:
        for series in page.series:
            if series.key in seen:
                continue
            seen.add(series.key)
            out += [Conflict(page, series, points) for points in series.conflicts]
    return out


def needs_completing(meta) -> bool:
    """True for a record (gather.PageRecord) not reviewed whose input stated no publication date or no headline."""
    return meta.reviewed is not True and (not meta.published or meta.title_derived is True)


def _confidence(fig) -> float:
    """A figure's confidence as a number (missing or malformed counts as 0)."""
    value = fig.confidence
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


def metric_key(fig: dict) -> str:
    """What a figure measures, folded so the same metric in either script compares equal."""
    metric = (fig.get("metric_en") or "").strip().lower() or _folded(fig.get("metric") or "")
    return f"{metric}|{fig.get('unit') or ''}" if metric else ""


@lru_cache(maxsize=65536)
def _folded(metric: str) -> str:
    """A metric's words in Simplified without spaces (cached: a few thousand metrics are named ~10⁵ times)."""
    return "".join(to_simplified(metric).split())
