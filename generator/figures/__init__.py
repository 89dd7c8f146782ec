"""Key figures: quantities an article states, with unit, qualifier, metric, kind, year and the sentence."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..clean.dates import article_year
from .english import scan_english
from .english_metric import english_metrics
from .glossary import MetricGlossary, glossary_of
from .lexicon import Lexicon, load_lexicon
from .measure import figure_indicator, figure_measure, settle_sentence
from .mentions import Mention, scan_chinese
from .metric import chinese_metric
from .phrase import clean_metric
from .sentences import Sentence, split_sentences
from .timeframe import When, chinese_kind, chinese_when, english_kind, english_when

__all__ = ["FigureContext", "MetricGlossary", "article_figures", "extract_figures", "glossary_of", "home_currency"]


@dataclass
class FigureContext:
    """What the extractor knows about the article a text comes from."""

    published: date | None = None
    year: int | None = None     # without a publication date: the year the article's text names (dates.article_year)
    script: str = "zh-Hans"
    glossary: MetricGlossary | None = None
    currency: str | None = None  # the currency a bare 元 is in when not renminbi (see home_currency)


def home_currency(text: str, script: str) -> str | None:
    """The currency a bare 元 means in an article written in Traditional characters that keeps naming one
    local currency (港元, HK$, 新臺幣, 澳門元) and no other as often; None (renminbi) otherwise."""
    if script != "zh-Hant":
        return None
    lex = load_lexicon()
    counts: dict[str, int] = {}
    for m in lex.patterns["home_currency"].finditer(text):
        code = lex.get("home_currencies", m.group())
        counts[code] = counts.get(code, 0) + 1
    counts["CNY"] = len(lex.patterns["renminbi"].findall(text))
    best = max(sorted(counts), key=lambda c: counts[c])
    rivals = [c for c in counts if c != best and counts[c] >= counts[best]]
    if best == "CNY" or rivals or counts[best] < lex.raw["home_currency_min_mentions"]:
        return None
    return best


def extract_figures(text: str, context: FigureContext) -> list[dict]:
    """Every key figure in `text` (a title or a clean Markdown body), in order of appearance.

    `zone` and `industry` are left None: the entities module fills them from each figure's quote.
    """
    lex = load_lexicon()
    year = context.published.year if context.published else context.year or article_year(text)
    out, previous, past, period = [], None, (None, None), (None, None)
    for sentence in split_sentences(text):
        carried = past[1] if past[0] == sentence.paragraph else None
        figures = _sentence_figures(sentence, (year, carried), context, lex, previous)
        if period[1] and (period[0] == sentence.paragraph or _same_period_opening(sentence.text, lex)):
            _carry_period(figures, period[1])
        previous = figures[-1]["kind"] if figures else previous
        past = (sentence.paragraph, _past_year(figures, year)) if figures else past
        if figures and (source := _part_year(figures)):
            period = (sentence.paragraph, source)
        out += figures
    if context.currency:
        _to_home_currency(out, context.currency, lex)
    return out


def article_figures(title: str, body: str, context: FigureContext) -> list[dict]:
    """The figures of an article's headline, then of its body; a headline figure that the body states
    again takes the body's kind when the headline says no target or result cue (撥款逾百億元 in the headline,
    將預留100億元 below), and its year and period when the headline names no year (突破3000亿美元; 2018年…)."""
    heads, rest = extract_figures(title, context), extract_figures(body, context)
    lex = load_lexicon()
    cued = any(lex.patterns[name].search(title) for name in ("target", "actual", "en_target", "en_actual"))
    dated = lex.patterns["year"].search(title) or lex.patterns["en_year"].search(title)
    for fig in heads:
        same = next((f for f in rest if _same_figure(f, fig)), None)
        if same and not cued:
            fig["kind"] = same["kind"]
        if same and not dated:
            fig["year"], fig["period"] = same["year"], same["period"]
    _restated_periods(rest)
    return heads + rest


def _restated_periods(figures: list[dict]) -> None:
    """A figure that restates an earlier one of the article (same quantity, indicator and year) with no
    period of its own is for that figure's period (一季度…46个项目开工; later: 等46个重大项目集中开工)."""
    for k, fig in enumerate(figures):
        if fig["period"] is None and fig["indicator"]:
            key = (fig["indicator"], fig["year"], fig["kind"])
            same = next((f for f in figures[:k] if f["period"] and _same_figure(f, fig)
                         and (f["indicator"], f["year"], f["kind"]) == key), None)
            if same:
                fig["period"] = same["period"]


def _same_figure(a: dict, b: dict) -> bool:
    """True when two figures state the same quantity (unit, value or range)."""
    return (a["unit"], a["value"], a["low"], a["high"]) == (b["unit"], b["value"], b["low"], b["high"])


def _to_home_currency(figures: list[dict], currency: str, lex: Lexicon) -> None:
    """Give amounts written with a bare 元 (no currency named) the article's home currency."""
    for fig in figures:
        if fig["unit"] == "CNY" and not lex.patterns["renminbi"].search(fig["text"]):
            fig["unit"] = currency


def _part_year(figures: list[dict]) -> dict | None:
    """The last actual figure of a sentence reporting on a part of a year (1-10月, 上半年, 一季度), if any."""
    last = figures[-1]
    return last if last["kind"] == "actual" and last["year"] and _PART_OF_YEAR.match(last["period"] or "") else None


_PART_OF_YEAR = re.compile(r"(?:Jan–[A-Z][a-z]{2}|H1|H2|Q[1-4](?:–Q[1-4])?) [0-9]{4}$")


def _carry_period(figures: list[dict], source: dict) -> None:
    """Give the results of a sentence that names no period of their own the part of the year the paragraph
    reports on (1-10月，产值3521亿元。其中，新能源汽车产值1680亿元)."""
    for fig in figures:
        if fig["period"] is None and fig["kind"] == "actual" and fig["year"] == source["year"]:
            fig["period"] = source["period"]


def _same_period_opening(text: str, lex: Lexicon) -> bool:
    """True when a sentence opens by saying it reports on the same period as the one before (同期，…)."""
    return text.lstrip().startswith(tuple(lex.lists["same_period_words"]))


def _past_year(figures: list[dict], year: int | None) -> int | None:
    """The year before the article's that the last figure of a sentence reports on (2024年…实现…), if any:
    results in the next sentences of the paragraph that name no year are for it too."""
    last = figures[-1]
    if year and last["year"] and last["year"] < year and last["kind"] == "actual":
        return last["year"]
    return None


def _sentence_figures(sentence: Sentence, years: tuple, context: FigureContext, lex: Lexicon,
                      previous: str | None) -> list[dict]:
    """The figures of one sentence, with metric, kind, year and period (`years`: the article's year and the
    past year an earlier sentence of the paragraph reported on; `previous`: the last kind before)."""
    s = sentence.text
    mentions = scan_english(s, lex) if sentence.english else scan_chinese(s, lex)
    if not mentions:
        return []
    if sentence.english:
        metrics = english_metrics(s, mentions, lex)
    else:
        metrics = []
        for i, m in enumerate(mentions):
            metric = clean_metric(chinese_metric(s, mentions, i, metrics, lex), context.glossary)
            metrics.append(metric or _glossary_word_after(s, m, context.glossary, lex))
    out: list[dict] = []
    for m, metric in zip(mentions, metrics):
        before = out[-1]["kind"] if out else None
        carried = before if out else (previous if sentence.english else None)
        out.append(_figure(s, m, metric, sentence.english, years, context, lex, carried))
    settle_sentence(s, mentions, out, lex)
    return out


def _glossary_word_after(sentence: str, m: Mention, glossary: MetricGlossary | None, lex: Lexicon) -> str:
    """The glossary word that follows a figure (70个重点建设项目), as written, when its own words gave no metric."""
    if glossary is None:
        return ""
    after = sentence[m.end:]
    return glossary.prefix(after.removeprefix(lex.particles["possessive"]), m.unit, m.counter) or ""


def _figure(s: str, m: Mention, metric: str, english: bool, years: tuple, context: FigureContext,
            lex: Lexicon, previous: str | None) -> dict:
    """The Figure record (SCHEMA.md) of one mention (`years`: the article's and the paragraph's past
    year; `previous`: the kind of the figure before it)."""
    year, past = years
    if english:
        when = english_when(s, m, year, lex)
        kind = english_kind(s, m, metric, when, year, lex, previous)
    else:
        when = chinese_when(s, m, year, lex)
        kind = chinese_kind(s, m, metric, when, year, lex, previous)
    defaulted = when.year is None and (when.period is None or when.period == m.rate) and kind != "fact"
    if defaulted:
        when = When(past if past and kind == "actual" else year, when.period)
    glossary, measure = context.glossary, figure_measure(s, m, english, lex)
    indicator, word = figure_indicator(metric, s, m, glossary, lex, measure)
    if word and glossary and glossary.entry(metric, m.unit, m.counter) is None:
        metric = word   # the clause before names what it measures: 2018年进口继续扩大，突破3000亿美元 (扩大 → 进口)
    if indicator == "policy_support" and m.qualifier == "up_to" and kind == "actual":
        kind = "fact"   # a cap on support is a standing rule (最高给予5000万元), not a result
    guesses = _guesses(s, m, metric, indicator, english, lex) + (("default_year",) if defaulted and when.year else ())
    return {
        "text": s[m.start:m.end], "quote": s,
        "value": _number(m.value), "low": _number(m.low), "high": _number(m.high),
        "unit": m.unit, "counter": m.counter, "qualifier": m.qualifier,
        "metric": metric, "metric_en": glossary.english(metric, m.unit, m.counter) if glossary else None,
        "indicator": indicator,
        "measure": measure,
        "kind": kind, "year": when.year, "period": when.period,
        "zone": None, "industry": None,
        "confidence": confidence(guesses, lex),
    }


def _number(x: float | None) -> int | float | None:
    """`x` rounded to what was written: an int when whole."""
    if x is None:
        return None
    x = round(x, 6)
    return int(x) if x == int(x) else x


def _guesses(s: str, m: Mention, metric: str, indicator: str | None, english: bool, lex: Lexicon) -> tuple[str, ...]:
    """The guesses the extractor made for one figure (the names of figures.yml's confidence table)."""
    p = lex.patterns
    cued = (p["en_target"].search(s) or p["en_actual"].search(s)) if english else any(
        p[name].search(s, 0, m.at) for name in ("target", "actual", "fact"))
    out = ["inferred_unit"] * m.inferred + ["no_metric"] * (not metric) + ["default_kind"] * (not cued)
    out += ["no_indicator"] * (indicator is None)
    return tuple(out)


def confidence(guesses, lex: Lexicon | None = None) -> float:
    """The confidence of a figure: figures.yml's base, less the cost of each guess made."""
    table = (lex or load_lexicon()).raw["confidence"]
    return round(max(0.05, table["base"] - sum(table[g] for g in guesses)), 2)
