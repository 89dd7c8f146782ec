"""Key figures: quantities an article states, with unit, qualifier, metric, kind, year and the sentence."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .english import scan_english
from .english_metric import english_metrics
from .glossary import MetricGlossary, glossary_of
from .lexicon import Lexicon, load_lexicon
from .mentions import Mention, scan_chinese
from .metric import chinese_metric
from .sentences import Sentence, split_sentences
from .timeframe import When, chinese_kind, chinese_when, english_kind, english_when

__all__ = ["FigureContext", "MetricGlossary", "extract_figures", "glossary_of"]

_FIRST_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?:年|\b)")


@dataclass
class FigureContext:
    """What the extractor knows about the article a text comes from."""

    published: date | None = None
    script: str = "zh-Hans"
    glossary: MetricGlossary | None = None


def extract_figures(text: str, context: FigureContext) -> list[dict]:
    """Every key figure in `text` (a title or a clean Markdown body), in order of appearance.

    `zone` and `industry` are left None: the entities module fills them from each figure's quote.
    """
    lex = load_lexicon()
    year = context.published.year if context.published else _first_year(text)
    out, previous = [], None
    for sentence in split_sentences(text):
        figures = _sentence_figures(sentence, year, context, lex, previous)
        previous = figures[-1]["kind"] if figures else previous
        out += figures
    return out


def _first_year(text: str) -> int | None:
    """The first year a text names: the article's year when it has no date."""
    m = _FIRST_YEAR.search(text[:400])
    return int(m.group(1)) if m else None


def _sentence_figures(sentence: Sentence, year: int | None, context: FigureContext, lex: Lexicon,
                      previous: str | None) -> list[dict]:
    """The figures of one sentence, with metric, kind, year and period (`previous`: the last kind before)."""
    s = sentence.text
    mentions = scan_english(s, lex) if sentence.english else scan_chinese(s, lex)
    if not mentions:
        return []
    if sentence.english:
        metrics = english_metrics(s, mentions, lex)
    else:
        metrics = []
        for i in range(len(mentions)):
            metrics.append(chinese_metric(s, mentions, i, metrics, lex))
    out: list[dict] = []
    for m, metric in zip(mentions, metrics):
        before = out[-1]["kind"] if out else None
        carried = before if out else (previous if sentence.english else None)
        out.append(_figure(s, m, metric, sentence.english, year, context, lex, carried))
    return out


def _figure(s: str, m: Mention, metric: str, english: bool, year: int | None, context: FigureContext,
            lex: Lexicon, previous: str | None) -> dict:
    """The Figure record (SCHEMA.md) of one mention (`previous`: the kind of the figure before it)."""
    if english:
        when = english_when(s, m, year, lex)
        kind = english_kind(s, m, metric, when, year, lex, previous)
    else:
        when = chinese_when(s, m, year, lex)
        kind = chinese_kind(s, m, metric, when, year, lex, previous)
    if when.year is None and (when.period is None or when.period == m.rate) and kind != "fact":
        when = When(year, when.period)
    glossary = context.glossary
    return {
        "text": s[m.start:m.end], "quote": s,
        "value": _number(m.value), "low": _number(m.low), "high": _number(m.high),
        "unit": m.unit, "counter": m.counter, "qualifier": m.qualifier,
        "metric": metric, "metric_en": glossary.english(metric) if glossary else None,
        "kind": kind, "year": when.year, "period": when.period,
        "zone": None, "industry": None,
        "confidence": _confidence(m, metric),
    }


def _number(x: float | None) -> int | float | None:
    """`x` rounded to what was written: an int when whole."""
    if x is None:
        return None
    x = round(x, 6)
    return int(x) if x == int(x) else x


def _confidence(m: Mention, metric: str) -> float:
    """How sure the extractor is: lower for an inferred unit or a missing metric."""
    score = 0.95
    if m.inferred:
        score -= 0.15
    if not metric:
        score -= 0.2
    return round(score, 2)
