"""What a figure measures: its measure (level, growth, share) and its indicator (content/taxonomy/indicators.yml)."""
from __future__ import annotations

import re
from functools import lru_cache

from ..scripts import to_simplified
from .glossary import MetricGlossary
from .lexicon import Lexicon
from .mentions import Mention
from .phrase import names_no_noun
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
    if m.unit == "pp":   # percentage points: a change, unless the clause is about a share (占, 比重)
        return SHARE if _share_verb(before, lex) is not None or _names_share(before, lex) else GROWTH
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
    if growth is None or (share is not None and share <= growth):
        return SHARE if share is not None or m.unit == "percent" else GROWTH
    return GROWTH


def _nearest_word(before: str, after: str, words: list[str]) -> int | None:
    """How many characters away from the figure the nearest of `words` is (before or after it), or None."""
    best = None
    for word in words:
        pattern = _word_pattern(word)
        hits = [len(before) - x.end() for x in pattern.finditer(before)] + [x.start() for x in pattern.finditer(after)]
        if hits and (best is None or min(hits) < best):
            best = min(hits)
    return best


def _metric_entry(metric: str, before: str, unit: str, counter: str | None, glossary: MetricGlossary):
    """The glossary entry of a metric, its head word taken as far left as the clause before the figure
    writes a longer glossary word (the metric 投资 of 累计完成投资394亿元 is 累计完成投资)."""
    entry, head = glossary.entry(metric, unit, counter), glossary.suffix(metric, unit, counter)
    at = before.rfind(metric)
    if head is not None and at >= 0:
        longer = glossary.suffix(before[:at + len(metric)], unit, counter)
        if longer and len(longer[0]) > len(head[0]):
            return longer[1]
    return entry


@lru_cache(maxsize=512)
def _word_pattern(word: str) -> re.Pattern:
    """A whole-word pattern for an English cue word."""
    return re.compile(rf"\b{re.escape(word)}\b")


def figure_indicator(metric: str, sentence: str, m: Mention, glossary: MetricGlossary | None, lex: Lexicon,
                     measure: str = LEVEL) -> tuple[str | None, str]:
    """(indicator id, context word): what a figure measures (see _indicator_entry), and the glossary word
    of the clause before it that said it when nothing in its own clause did ('' otherwise); a sum capped by 最高
    where the sentence speaks of support is policy support; None when nothing names one."""
    if glossary is None:
        return None, ""
    if _capped_support(sentence, m, lex):
        return "policy_support", ""
    entry, word = _indicator_entry(metric, sentence, m, glossary, measure, lex)
    if entry is None:
        return _by_unit(m, lex), ""
    if entry.of_industry and metric and any(w in metric.lower() for w in lex.lists["industry_words"]):
        return entry.of_industry, word
    return entry.indicator, word


def _indicator_entry(metric: str, sentence: str, m: Mention, glossary: MetricGlossary, measure: str, lex: Lexicon):
    """(entry, context word) of what a figure measures: for a share of something (占…的比重) what the part is;
    else its metric's, else the noun after it (…亿元的产业基金), else the nearest one before it in its
    clause, else after it, else, when its metric names no noun, in the clause before if that holds no figure
    (2018年进口继续扩大，突破3000亿美元) or if the figure is the value of what it counted
    (进口芯片4176亿块，价值3121亿美元)."""
    before = sentence[clause_start(sentence, m.start):m.start]
    end = clause_end(sentence, m.end)
    after = sentence[m.end:end]
    earlier = sentence[clause_start(sentence, m.start, "；;"):clause_start(sentence, m.start)]
    if measure == SHARE and (at := _share_verb(before, lex)) is not None:
        if not before[:at].strip() and _holds_number(earlier):
            return None, ""   # the part is what an earlier figure of the sentence measures: settle_sentence says so
        part = glossary.nearest(before[:at], m.unit, True, m.counter)
        return (part if part is not None else glossary.nearest(before[at:], m.unit, True, m.counter)), ""
    entry = _metric_entry(metric, before, m.unit, m.counter, glossary) if metric else None
    if entry is None and after.startswith(lex.particles["possessive"]):
        entry = glossary.entry(after, m.unit, m.counter)
    if entry is not None:
        return entry, ""
    for text, from_end in ((before, True), (after, False)):
        if found := glossary.nearest(text, m.unit, from_end, m.counter):
            return found, ""
    value_of_count = before.strip() in lex.lists["value_of_count_words"]
    if ((value_of_count or (not _holds_number(earlier) and names_no_noun(metric))) and not earlier.isascii()
            and (found := glossary.nearest_word(earlier, m.unit, True, m.counter))):
        return found[1], found[0]
    return None, ""


_DATES = re.compile(r"(?:19|20)[0-9]{2}年|[0-9]{1,2}\s*[-–至到~]\s*[0-9]{1,2}月|[0-9]{1,2}月(?:[0-9]{1,2}[日号])?")


def _holds_number(text: str) -> bool:
    """True when `text` holds a number other than a date (the clause of another figure)."""
    return re.search(r"[0-9]", _DATES.sub("", text)) is not None


def _names_share(before: str, lex: Lexicon) -> bool:
    """True when the words before a figure name a share (比重)."""
    return any(w in before for w in lex.lists["share_nouns"])


def _share_verb(before: str, lex: Lexicon) -> int | None:
    """Where 占 (of 占…比重) stands in the words before a share, or None."""
    at = max(before.rfind(w) for w in lex.lists["share_of_verbs"])
    return at if at >= 0 else None


def _capped_support(sentence: str, m: Mention, lex: Lexicon) -> bool:
    """True for a sum capped by 最高 / up to in a part of a sentence (up to a semicolon) that speaks of support."""
    if m.qualifier != "up_to" or unit_family(m.unit) != "money":
        return False
    part = sentence[clause_start(sentence, m.start, "；;"):m.start].lower()
    return any(w.lower() in part for w in lex.lists["support_words"])


def _by_unit(m: Mention, lex: Lexicon) -> str | None:
    """The indicator a figure's unit alone says: an area, a capacity per period, a unit of figures.yml."""
    if m.rate and unit_family(m.unit) in ("physical", "count"):
        return lex.raw.get("rate_indicator")
    return (lex.raw.get("unit_indicators") or {}).get(m.unit)


def settle_sentence(sentence: str, mentions: list[Mention], figures: list[dict], lex: Lexicon) -> None:
    """What the figures of one sentence say together: after 分别 (respectively) the figures take the metrics
    of the figures listed before it, in order; a figure joined to the one before it (9.3%和8.7%) takes its
    measure; a rate or sum with no indicator of its own takes that of the figure it follows."""
    _respectively_metrics(sentence, mentions, figures, lex)
    for k in range(1, len(figures)):
        prev, fig = figures[k - 1], figures[k]
        joined = sentence[mentions[k - 1].end:mentions[k].start].strip() in lex.raw["list_joins"] + [""]
        if joined and unit_family(fig["unit"]) == unit_family(prev["unit"]) and mentions[k].figure_start is None:
            fig["measure"] = prev["measure"]
        if prev["indicator"] and _follows(sentence, mentions[k - 1], mentions[k], fig, prev, lex) and (
                fig["indicator"] is None or _rate_of(fig, prev, lex)):
            fig["indicator"] = prev["indicator"]
            if fig.get("measure") == GROWTH and _says_nothing(fig, lex):   # 3000亿美元，同比增长19.8%: of the same
                fig["metric"], fig["metric_en"] = prev["metric"], prev["metric_en"]


def _rate_of(fig: dict, prev: dict, lex: Lexicon) -> bool:
    """True for a growth rate or share of what the figure before it measures (项目126个，同比增长21%;
    完成全年目标的82%)."""
    if unit_family(fig["unit"]) != RATE:
        return False
    return fig["metric"] in ("", prev["metric"]) or any(w in fig["metric"] for w in lex.lists["plan_words"])


def _follows(sentence: str, prev_m: Mention, m: Mention, fig: dict, prev: dict, lex: Lexicon) -> bool:
    """True when a figure describes what the one before it measures: a rate after its amount in the same
    part of the sentence, or a sum or count of the same family right after it (首期15亿元)."""
    if clause_start(sentence, m.start, "；;") > prev_m.start:
        return False
    if unit_family(fig["unit"]) != RATE and (fig.get("metric_en") or not _continues(fig["metric"], lex)):
        return False   # its own words name what it measures, even if no indicator (其中区财政投资122亿元)
    if unit_family(fig["unit"]) == RATE:
        if unit_family(prev["unit"]) == RATE and (fig["unit"] == "pp" or _share_verb(
                sentence[clause_start(sentence, m.start):m.start], lex) is not None):
            return True   # a comparison or share right after a rate (增长9.1%，高于全市3.2个百分点)
        return _rate_of(fig, prev, lex) or _says_nothing(fig, lex)
    return unit_family(fig["unit"]) == unit_family(prev["unit"])


def _continues(metric: str, lex: Lexicon) -> bool:
    """True when a metric names nothing of its own (达到, '') or a part or size of what came before (首期, 总数)."""
    return names_no_noun(metric) or to_simplified(metric).startswith(tuple(lex.lists["continuation_words"]))


def _says_nothing(fig: dict, lex: Lexicon) -> bool:
    """True for a figure whose own words name nothing it measures (同比增长19.8%; an increase of 8.4 percent)."""
    if fig["text"].isascii():
        return (fig["metric"] or "").lower() in lex.raw["english_growth_cues"]
    return not fig["metric_en"] and names_no_noun(fig["metric"])


def _respectively_metrics(sentence: str, mentions: list[Mention], figures: list[dict], lex: Lexicon) -> None:
    """Figures after 分别 that have as many figures listed right before it take their metric and indicator,
    one for one (出口682亿元、进口363亿元，分别增长12.8%和3.6%)."""
    at = next((sentence.find(w) for w in lex.raw["respectively_words"] if w in sentence), -1)
    if at < 0:
        return
    after = [k for k, m in enumerate(mentions) if m.start > at]
    before = [k for k, m in enumerate(mentions) if m.end <= at]
    n = len(after)
    group = before[-n:] if n >= 2 and len(before) >= n else []
    if not group or len({figures[k]["metric"] for k in group}) < n:
        return
    for k, source in zip(after, group):
        if unit_family(figures[k]["unit"]) == RATE:
            figures[k]["metric"], figures[k]["metric_en"] = figures[source]["metric"], figures[source]["metric_en"]
            figures[k]["indicator"] = figures[source]["indicator"]
