"""What a figure measures: its measure (level, growth, share) and its indicator (content/taxonomy/indicators.yml)."""
from __future__ import annotations

import re

from .glossary import MetricGlossary
from .lexicon import Lexicon
from .mentions import Mention
from .sentences import clause_end, clause_start
from .units import RATE, unit_family

LEVEL, GROWTH, SHARE = "level", "growth", "share"


def figure_measure(sentence: str, m: Mention, english: bool, lex: Lexicon) -> str:
    """`growth` for a change against an earlier period, `share` for a part or ratio, else `level`."""
    before = sentence[clause_start(sentence, m.start):m.start]
    if unit_family(m.unit) != RATE:
        return GROWTH if _ends_with(before, lex.lists["level_growth_cues"]) else LEVEL
    if english:
        return _english_rate_measure(sentence, m, lex)
    if m.figure_start is not None:
        return GROWTH
    if any(before.rstrip().endswith(w) for w in lex.lists["growth_exceptions"]):
        return SHARE
    return GROWTH if any(w in before for w in lex.lists["growth_cues"]) else SHARE


def _ends_with(text: str, words) -> bool:
    """True when `text`, less a qualifier's last character or two, ends with one of `words`."""
    text = text.rstrip()
    return any(text.endswith(w) or text[:-1].endswith(w) or text[:-2].endswith(w) for w in words)


def _english_rate_measure(sentence: str, m: Mention, lex: Lexicon) -> str:
    """The measure of an English percentage: the nearer of a word of growth and a word of share decides."""
    before, after = sentence[max(0, m.start - 48):m.start].lower(), sentence[m.end:m.end + 24].lower()
    growth = _nearest_word(before, after, lex.raw["english_growth_cues"])
    share = _nearest_word(before, after, lex.raw["english_share_cues"])
    if growth is None or (share is not None and share < growth):
        return SHARE if share is not None or m.unit == "percent" else GROWTH
    return GROWTH


def _nearest_word(before: str, after: str, words: list[str]) -> int | None:
    """How many characters away from the figure the nearest of `words` is (before or after it), or None."""
    best = None
    for word in words:
        pattern = re.compile(rf"\b{re.escape(word)}\b")
        hits = [len(before) - x.end() for x in pattern.finditer(before)] + [x.start() for x in pattern.finditer(after)]
        if hits and (best is None or min(hits) < best):
            best = min(hits)
    return best


def _metric_entry(metric: str, before: str, unit: str, glossary: MetricGlossary):
    """The glossary entry of a metric, its head word taken as far left as the clause before the figure
    writes a longer glossary word (the metric 投资 of 累计完成投资394亿元 is 累计完成投资)."""
    entry, head = glossary.entry(metric, unit), glossary.suffix(metric, unit)
    at = before.rfind(metric)
    if head is not None and at >= 0:
        longer = glossary.suffix(before[:at + len(metric)], unit)
        if longer and len(longer[0]) > len(head[0]):
            return longer[1]
    return entry


def figure_indicator(metric: str, sentence: str, m: Mention, glossary: MetricGlossary | None, lex: Lexicon) -> str | None:
    """The indicator id a figure measures: its metric's glossary entry, else the nearest one in its clause
    (before it, then after), else its physical unit's; None when nothing names one."""
    if glossary is None:
        return None
    before = sentence[clause_start(sentence, m.start):m.start]
    entry = _metric_entry(metric, before, m.unit, glossary) if metric else None
    if entry is None:
        entry = glossary.nearest(before, m.unit, from_end=True)
    if entry is None:
        entry = glossary.nearest(sentence[m.end:clause_end(sentence, m.end)], m.unit, from_end=False)
    if entry is None:
        return (lex.raw.get("unit_indicators") or {}).get(m.unit)
    if entry.of_industry and metric and any(w in metric.lower() for w in lex.lists["industry_words"]):
        return entry.of_industry
    return entry.indicator
