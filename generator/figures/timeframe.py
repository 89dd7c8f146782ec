"""Kind (target, actual, fact), year and period of a figure, from its sentence and the article's date."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..read.rules import month_abbreviations
from .lexicon import Lexicon
from .mentions import Mention
from .numbers import parse_number
from .sentences import clause_end, clause_start

_IN_TITLE = re.compile(r"《[^》]*》")


@dataclass
class When:
    """The year a figure is for, a period where the year does not say it all, and whether it is past."""

    year: int | None = None
    period: str | None = None
    explicit: bool = False


def _last_before(pattern: re.Pattern, text: str, pos: int, skip_after: tuple = ()) -> re.Match | None:
    """The last match of `pattern` that ends at or before `pos`, skipping those right after `skip_after`
    (较2022年: a year of comparison, not the figure's)."""
    last = None
    for m in pattern.finditer(text, 0, pos):
        if not (skip_after and text[:m.start()].endswith(skip_after)):
            last = m
    return last


def chinese_kind(sentence: str, m: Mention, metric: str, when: When, published_year: int | None,
                 lex: Lexicon, previous: str | None = None) -> str:
    """`target`, `actual` or `fact` for a figure of a Chinese sentence: the nearest cue before it decides;
    without one, a figure that follows a standing size in its sentence describes the same thing (fact)."""
    p = lex.patterns
    at = m.at
    inside = [x.span() for x in p["cue_exception"].finditer(sentence, 0, at)]
    cues = [(x.end(), "target", x.start()) for x in p["target"].finditer(sentence, 0, at)
            if not _modifies_noun(sentence, x, lex) and not _past_year(x.group(), published_year)]
    cues += [(x.end(), "actual", x.start()) for x in p["actual"].finditer(sentence, 0, at)]
    cues = [c for c in cues if not any(a <= c[2] < b for a, b in inside)]
    cstart = clause_start(sentence, at)
    if not any(c[2] >= cstart for c in cues) and _target_after(sentence, m, lex):
        return "target"
    for x in p["fact"].finditer(sentence, cstart, at):
        if not any(e.start() <= x.start() < e.end() for e in p["fact_exception"].finditer(sentence, cstart, at)):
            cues.append((x.end(), "fact", x.start()))
    if cues:
        kind = max(cues, key=lambda c: (c[0], -c[2]))[1]
        if kind != "target" and when.explicit and published_year and when.year and when.year > published_year:
            return "target"
        return kind
    if when.explicit and published_year and when.year and when.year > published_year:
        return "target"
    if previous == "fact" and m.start > 0:
        return "fact"
    kind = default_kind(m, metric, lex)
    if kind == "fact" and metric and _added(sentence[clause_start(sentence, at):at], metric, lex):
        return "actual"
    return kind


def _added(clause: str, metric: str, lex: Lexicon) -> bool:
    """True when a word of increase governs the metric itself (新增装机容量), not some other noun
    (对新落户企业给予奖励)."""
    return any(word + metric in clause for word in lex.lists["flow_words"])


def _target_after(sentence: str, m: Mention, lex: Lexicon) -> bool:
    """True when the figure's clause says after it what is planned for it (剩余四分之一设备将于年底前到位)."""
    end = clause_end(sentence, m.end)
    return any(not _modifies_noun(sentence, x, lex) for x in lex.patterns["target"].finditer(sentence, m.end, end))


def _modifies_noun(sentence: str, cue: re.Match, lex: Lexicon) -> bool:
    """True for a target cue followed by 的 (计划的项目): it qualifies a noun and says no target."""
    return sentence.startswith(lex.particles["possessive"], cue.end())


def _past_year(cue: str, published_year: int | None) -> bool:
    """True for a cue that names a year before the article's (从1981年到2002年 in 2004: no target)."""
    year = re.search(r"(?:19|20)[0-9]{2}", cue)
    return bool(year and published_year and int(year.group()) < published_year)


def default_kind(m: Mention, metric: str, lex: Lexicon) -> str:
    """`fact` for standing sizes (total investment, capacity, tiers), else `actual`."""
    if m.qualifier == "tier" or m.unit in lex.raw["fact_units"]:
        return "fact"
    metric = lex.patterns["not_fact_metric"].sub("", metric)
    if any(w in metric for w in lex.lists["fact_metrics"]):
        return "fact"
    return "actual"


def english_kind(sentence: str, m: Mention, metric: str, when: When, published_year: int | None,
                 lex: Lexicon, previous: str | None = None) -> str:
    """`target`, `actual` or `fact` for a figure of an English sentence: cues anywhere in it decide,
    else the kind of the sentence before (`previous`), else the default."""
    p = lex.patterns
    if p["en_target"].search(_english_clause(sentence, m, lex)):
        return "target"
    for y in p["en_year"].finditer(sentence) if published_year else ():
        if (y.group(1) or "").lower() in lex.raw["english_target_year_before"] and int(y.group(2)) >= published_year:
            return "target"
    kind = default_kind(m, metric, lex)
    if kind == "fact":
        return kind
    if p["en_actual"].search(sentence):
        return "actual"
    return previous if previous in ("target", "actual") else kind


def _english_clause(sentence: str, m: Mention, lex: Lexicon) -> str:
    """The clause of an English sentence that holds a figure, where clauses are joined by ", and", ", while"
    or ";" (More than 300 companies joined …, and 21 projects are on tap …)."""
    start, end = 0, len(sentence)
    for j in lex.patterns["en_clause_join"].finditer(sentence):
        if j.end() <= m.start:
            start = j.end()
        elif j.start() >= m.end:
            end = j.start()
            break
    return sentence[start:end]


def chinese_when(sentence: str, m: Mention, published_year: int | None, lex: Lexicon) -> When:
    """The year and period a figure of a Chinese sentence is for."""
    p, text = lex.patterns, _IN_TITLE.sub(lambda x: "　" * len(x.group()), sentence)
    marks = []
    if y := _last_before(p["year"], text, m.start, skip_after=tuple(lex.raw["compared_before"])):
        marks.append((y.end(), "year", y))
    if (base := _last_before(p["year"], text, m.start)) and text[base.end():m.start] == lex.particles["possessive"]:
        marks.append((base.end(), "year", base))   # the base compared with is of its year: 比2017年的2073.5亿元
    relatives = [x for x in p["relative_year"].finditer(text, 0, m.start) if not _compared(text, x, lex)]
    if relatives:
        r = relatives[-1]
        named = [x for x in relatives if x.group() not in lex.lists["generic_year_words"]]
        if r.group() in lex.lists["generic_year_words"] and (named or y):
            r = named[-1] if named and (not y or named[-1].end() > y.end()) else None
        if r:
            marks.append((r.end(), "relative", r))
    if n := _last_before(p["recent_years"], text, m.start):
        marks.append((n.end(), "recent", n))
    marks += _span_marks(text, m, lex)
    nearest = max(marks, key=lambda t: (t[0], t[1] in _SPAN_KINDS)) if marks else None
    when = _when_from(nearest, published_year, lex)
    return _with_period(text, m, when, published_year, lex)


_SPAN_KINDS = ("completion", "window", "plan")


def _span_marks(text: str, m: Mention, lex: Lexicon) -> list[tuple]:
    """Marks of periods a year alone does not say, before the figure in its part of the sentence (up to a
    semicolon): on completion
    (建成后, 达产), a window of years (3年内, 未来五年), a five-year plan (“十四五”期间)."""
    p, marks = lex.patterns, []
    start = clause_start(text, m.start, "；;")
    for kind in _SPAN_KINDS:
        if (x := _last_before(p[kind], text, m.start)) and x.start() >= start:
            marks.append((x.end(), kind, x))
    return marks


def _compared(text: str, mark: re.Match, lex: Lexicon) -> bool:
    """True for a year word that only names what a figure is compared with (比去年, 去年同期, 与去年持平)."""
    return text[:mark.start()].endswith(tuple(lex.raw["compared_before"])) \
        or text.startswith(tuple(lex.raw["compared_after"]), mark.end())


def _when_from(mark, published_year: int | None, lex: Lexicon) -> When:
    """The When that a year mark (2025年, 今年, 近两年) says."""
    if mark is None:
        return When(year=None)
    _, kind, match = mark
    word = match.group()
    if kind == "completion":
        return When(None, "on completion")
    if kind == "plan":
        first, last = lex.raw["plan_periods"][match.group(1)]
        return When(None, f"{first}–{last}")
    if kind == "window":
        n = int(parse_number(match.group(1) or match.group(2)) or 0)
        if published_year and n and n > 1:
            return When(None, f"{published_year}–{published_year + n - 1}")
        return When(None)
    if kind == "year":
        if match.group(2):
            return When(None, f"{match.group(1)}–{match.group(2)}")
        if match.group(3):
            return When(None, f"since {match.group(1)}")
        return When(int(match.group(1)), explicit=True)
    if published_year is None:
        return When(None)
    if kind == "recent":
        n = lex.table["recent_years_words"][word]
        return When(None, f"{published_year - n}–{published_year - 1}")
    if word in lex.lists["last_year_words"]:
        return When(published_year - 1, explicit=True)
    if word in lex.lists["next_year_words"]:
        return When(published_year + 1, explicit=True)
    return When(published_year, explicit=True)


def _with_period(text: str, m: Mention, when: When, published_year: int | None, lex: Lexicon) -> When:
    """`when` with a period word of the sentence (上半年, 1-10月, 累计, a rate) added; a half or
    quarter without a year is of the article's year."""
    period = when.period
    w = _last_before(lex.patterns["period"], text, m.start)
    if w and lex.table["period_words"][w.group()] == "cumulative" and w.start() < clause_start(text, m.start):
        w = None
    if w and period and lex.table["period_words"][w.group()] in ("annual", "cumulative"):
        period = f"{lex.table['period_words'][w.group()]}, {period}"
    elif w and period is None:
        code = lex.table["period_words"][w.group()]
        if when.year is None and when.period is None and code[0] in "HQ" and published_year:
            when.year, when.explicit = published_year, True
        period = f"{code} {when.year}" if when.year and code[0] in "HQ" else code
        if code == "cumulative" and not when.explicit:
            when.year = None
    elif mo := _last_before(lex.patterns["months"], text, m.start):
        a, b = (int(mo.group(1)), int(mo.group(2))) if mo.group(1) else (1, int(parse_number(mo.group(3)) or 0))
        if when.year is None and when.period is None and published_year:
            when.year, when.explicit = published_year, True
        if 1 <= a < b <= 12:
            months = month_abbreviations()
            period = f"{months[a - 1]}–{months[b - 1]}" + (f" {when.year}" if when.year else "")
    if m.rate:
        period = f"{period}, {m.rate}" if period else m.rate
    when.period = period
    return when


def english_when(sentence: str, m: Mention, published_year: int | None, lex: Lexicon) -> When:
    """The year an English figure is for: a year or "last/this year" in its clause, else the nearest one
    before it in its sentence (a relative clause such as ", which opened in 2019," does not count)."""
    text = lex.patterns["en_relative_clause"].sub(lambda x: " " * len(x.group()), sentence)
    start, end = clause_start(text, m.start, ",;:"), clause_end(text, m.end, ",;:")
    for lo, hi in ((start, end), (0, m.start)):
        when = _english_year_in(text, lo, hi, m, published_year, lex)
        if when.year is not None:
            return _english_period(text, m, when, lex)
    return When(None)


def _english_period(text: str, m: Mention, when: When, lex: Lexicon) -> When:
    """`when` with the part of the year its sentence names before the figure (in the first half of 2024)."""
    w = _last_before(lex.patterns["period"], text.lower(), m.start)
    code = lex.table["period_words"].get(w.group()) if w else None
    if code and code[0] in "HQ" and when.period is None:
        when.period = f"{code} {when.year}"
    return when


def _english_year_in(text: str, lo: int, hi: int, m: Mention, published_year: int | None, lex: Lexicon) -> When:
    """The year named between `lo` and `hi` nearest to the figure, or an empty When."""
    found = [(abs(y.start(2) - m.start), int(y.group(2))) for y in lex.patterns["en_year"].finditer(text, lo, hi)
             if not (m.start <= y.start(2) < m.end)]
    if published_year:
        shift = lex.raw["english_relative_years"]
        found += [(abs(r.start() - m.start), published_year + shift[r.group(1).lower()])
                  for r in lex.patterns["en_relative_year"].finditer(text, lo, hi)]
    return When(min(found)[1], explicit=True) if found else When(None)
