"""Key figures: quantities an article states, with unit, qualifier, metric, kind and year (first cut)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MAGNITUDE = {"萬": 10_000, "万": 10_000, "億": 100_000_000, "亿": 100_000_000}
FIGURE = re.compile(r"(?P<q>超|逾|近|約|约)?(?P<n>\d+(?:\.\d+)?)(?P<m>萬億|万亿|億|亿|萬|万)?(?P<u>元|個|个|家|人|%)")


@dataclass
class FigureContext:
    """What the extractor knows about the article a text comes from."""

    published: date | None = None
    script: str = "zh-Hans"


def extract_figures(text: str, context: FigureContext) -> list[dict]:
    """Every key figure in `text`, in order of appearance."""
    out = []
    for m in FIGURE.finditer(text):
        value = float(m.group("n"))
        for ch in m.group("m") or "":
            value *= MAGNITUDE[ch]
        unit = {"元": "CNY", "%": "percent"}.get(m.group("u"), "count")
        out.append({"text": m.group(0), "quote": text, "value": value, "low": None, "high": None,
                    "unit": unit, "counter": m.group("u") if unit == "count" else None,
                    "qualifier": "over" if m.group("q") in ("超", "逾") else None,
                    "metric": "", "metric_en": None, "kind": "fact", "year": None, "period": None,
                    "zone": None, "industry": None, "confidence": 0.5})
    return out
