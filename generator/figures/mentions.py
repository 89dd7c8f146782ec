"""Figure mentions in a Chinese sentence: number, magnitude, range, unit or counter, qualifier, rate."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import Lexicon
from .numbers import half_width, parse_number


@dataclass
class Mention:
    """One quantity as written in a sentence, before its metric, kind and year are known."""

    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    unit: str
    counter: str | None = None
    qualifier: str | None = None
    rate: str | None = None
    inferred: bool = False
    noun: str = field(default="", compare=False)
    figure_start: int | None = None  # where the figure proper starts when `start` takes in a change word

    @property
    def at(self) -> int:
        """Where the figure proper starts (after a word of change such as 同比增长)."""
        return self.start if self.figure_start is None else self.figure_start



@dataclass
class _Reading:
    """The parts read so far while walking right from a number."""

    pos: int
    value: float
    factor: float = 1.0
    used_magnitude: bool = False
    qualifier: str | None = None


def scan_chinese(sentence: str, lex: Lexicon) -> list[Mention]:
    """Every figure mention in a Chinese `sentence`, left to right, none overlapping."""
    text = half_width(sentence)
    if not lex.patterns["number"].search(text):
        return []
    blocked = [m.span() for m in lex.patterns["not_figure"].finditer(text)]
    found = _special_percents(text, lex)
    blocked += [(m.start, m.end) for m in found]
    for m in lex.patterns["number"].finditer(text):
        if any(a <= m.start() < b for a, b in blocked):
            continue
        mention = read_mention(text, m, lex)
        if mention:
            found.append(mention)
            blocked.append((mention.start, mention.end))
    found.sort(key=lambda x: x.start)
    _share_qualifiers(text, found)
    return found


def _share_qualifiers(text: str, found: list[Mention]) -> None:
    """Let a qualifier written before the first of a list (最高1000万元、2000万元) cover the rest."""
    shared = set()
    for k in range(1, len(found)):
        prev, cur = found[k - 1], found[k]
        lead = prev.qualifier and prev.qualifier != "tier" and (not text[prev.start].isdigit() or k - 1 in shared)
        if lead and cur.qualifier is None and cur.unit == prev.unit and text[prev.end:cur.start] == "、":
            cur.qualifier = prev.qualifier
            shared.add(k)


def _special_percents(text: str, lex: Lexicon) -> list[Mention]:
    """Percentages written in words: 百分之三十 (30) and 四分之三 (75)."""
    out = []
    for m in lex.patterns["percent_of"].finditer(text):
        value = parse_number(m.group(1))
        if value is not None:
            out.append(_finish(text, m.start(), m.end(), value, "percent", lex))
    for m in lex.patterns["fraction"].finditer(text):
        if any(x.start <= m.start() < x.end for x in out):
            continue
        whole, part = parse_number(m.group(1)), parse_number(m.group(2))
        if whole and part is not None:
            out.append(_finish(text, m.start(), m.end(), round(part / whole * 100, 2), "percent", lex))
    return out


def _finish(text: str, start: int, end: int, value: float, unit: str, lex: Lexicon) -> Mention:
    """A mention with its qualifiers before and after read from `text`."""
    before = _qualifier_before(text, start, lex)
    start -= len(before[0]) if before else 0
    after = lex.patterns["after"].match(text, end)
    qualifier = lex.get("qualifiers_after", after.group()) if after else (before[1] if before else None)
    return Mention(start, after.end() if after else end, value, None, None, unit, qualifier=qualifier)


def _qualifier_before(text: str, start: int, lex: Lexicon) -> tuple[str, str] | None:
    """The qualifier word right before position `start` and its code, if any."""
    m = lex.patterns["before"].search(text, max(0, start - 4), start)
    return (m.group(), lex.get("qualifiers_before", m.group())) if m else None


def _read_number(text: str, m: re.Match, lex: Lexicon) -> _Reading | None:
    """Number, 多/余 and magnitude from match `m` on: 100多亿, 1.2万亿, 两千五百亿."""
    value = parse_number(m.group())
    if value is None:
        return None
    r = _Reading(pos=m.end(), value=value)
    if (b := lex.patterns["between"].match(text, r.pos)) and _unit_or_magnitude_at(text, b.end(), lex):
        r.qualifier, r.pos = lex.get("qualifiers_between", b.group()), b.end()
    unit = lex.patterns["unit"].match(text, r.pos)
    g = lex.patterns["magnitude"].match(text, r.pos)
    if g and g.group() in lex.lists["money_only_magnitudes"] and not lex.patterns["currency"].match(text, g.end()):
        g = None
    if g and not (unit and len(unit.group()) > len(g.group())):
        r.factor, r.pos, r.used_magnitude = lex.get("magnitudes", g.group()), g.end(), True
    if not r.qualifier and (b := lex.patterns["between"].match(text, r.pos)) \
            and lex.patterns["unit"].match(text, b.end()):
        r.qualifier, r.pos = lex.get("qualifiers_between", b.group()), b.end()
    return r


def _unit_or_magnitude_at(text: str, pos: int, lex: Lexicon) -> bool:
    """True when a unit word or a magnitude starts at `pos`."""
    return bool(lex.patterns["unit"].match(text, pos) or lex.patterns["magnitude"].match(text, pos))


def read_mention(text: str, m: re.Match, lex: Lexicon) -> Mention | None:
    """The figure that starts with number match `m`, or None when the number is no figure."""
    if _is_ordinal(text, m.start(), lex):
        return None
    first = _read_number(text, m, lex)
    if first is None:
        return None
    low = high = None
    pos = first.pos
    unit_word = _unit_word(text, pos, m.group(), first, lex)
    second = _range_end(text, pos, m.start(), unit_word, lex)
    if second:
        factor = first.factor if first.used_magnitude else second.factor
        low, high = first.value * factor, second.value * second.factor
        pos, first.used_magnitude = second.pos, first.used_magnitude or second.used_magnitude
        first.qualifier = first.qualifier or second.qualifier
        unit_word = _unit_word(text, pos, m.group(), second, lex)
    return _complete(text, m, first, (low, high), unit_word, pos, lex)


def _range_end(text: str, pos: int, start: int, unit_word: str | None, lex: Lexicon) -> _Reading | None:
    """The second number of a range (3-5个, 3至5个, 65nm至22nm), or None."""
    at = pos + len(unit_word or "")
    j = lex.patterns["join"].match(text, at)
    if not j:
        return None
    if unit_word and j.group() == lex.particles["range_to"]:
        return None
    if text.endswith(lex.particles["range_from"], 0, start):
        return None
    n2 = lex.patterns["number"].match(text, j.end())
    if not n2 or (n2.group()[0].isdigit() != text[start].isdigit()):
        return None
    second = _read_number(text, n2, lex)
    if second is None or (unit_word and not text.startswith(unit_word, second.pos)):
        return None
    return second


def _unit_word(text: str, pos: int, number: str, r: _Reading, lex: Lexicon) -> str | None:
    """The unit, currency, percent or counter word at `pos`, if it can follow this number."""
    u = lex.patterns["unit"].match(text, pos)
    if not u:
        return None
    word = u.group()
    if word == lex.particles["tenths"] and (r.used_magnitude or r.value >= 10 or "." in number):
        return None
    return word


def _is_ordinal(text: str, start: int, lex: Lexicon) -> bool:
    """True for a number after 第 (第三, 第27名) or a rank word."""
    before = text[max(0, start - 2):start]
    return any(before.endswith(w) for w in lex.lists["ordinal_before"])


def _complete(text: str, m: re.Match, r: _Reading, rng: tuple, unit_word: str | None, pos: int,
              lex: Lexicon) -> Mention | None:
    """The mention with unit, tier, rate and qualifiers, or None when it is no figure."""
    number = m.group()
    unit, counter, factor, inferred = _classify(unit_word, lex)
    if unit_word:
        pos += len(unit_word)
    sign = lex.patterns["sign"].search(text, max(0, m.start() - 4), m.start())
    if unit is None and sign:
        unit = lex.get("currency_signs", sign.group().strip())
    big = (rng[1] if rng[1] is not None else r.value) * r.factor
    amount = r.used_magnitude or _holds_any(number, lex.lists["hundred_million_digits"])   # 三亿, 三億
    if unit is None and big >= lex.raw["bare_money_from"] and amount:
        unit, inferred = ("count" if _counts_people(text, m.start(), lex) else "CNY"), True
    if unit is None or _not_a_count(text, m, number, counter, r, lex):
        return None
    mention = Mention(m.start(), pos, None, None, None, unit, counter=counter, inferred=inferred)
    if rng[0] is not None:
        mention.low, mention.high = rng[0] * factor, rng[1] * factor
    else:
        mention.value = r.value * r.factor * factor
    _read_tail(text, mention, r, lex)
    _read_head(text, mention, sign, lex)
    if mention.unit in ("percent", "pp", "times"):
        _read_change(text, mention, lex)
    return mention


def _read_change(text: str, mention: Mention, lex: Lexicon) -> None:
    """Take a minus sign (增长-1.5%) into the value and a word of change (增长, 下降) into the text."""
    at = mention.start
    if text[at - 1:at] in ("-", "−") and not text[at - 2:at - 1].isdigit():
        at -= 1
        mention.value = -mention.value if mention.value is not None else None
    if change := lex.patterns["change"].search(text, max(0, at - 6), at):
        mention.figure_start, at = at, change.start()
    mention.start = at


def _read_currency_name(text: str, mention: Mention, lex: Lexicon) -> None:
    """A currency named before the number (新臺幣500億元, 人民币100亿元) decides the currency of an amount."""
    if mention.unit != "CNY" and not mention.inferred:
        return
    if name := lex.patterns["currency_before"].search(text, max(0, mention.start - 5), mention.start):
        mention.unit, mention.start, mention.inferred = lex.get("currencies", name.group()), name.start(), False


def _qualifier_over_phrase(text: str, start: int, lex: Lexicon) -> tuple[str, str] | None:
    """A bound (不超过, 不低于) that governs a "… 的" phrase ending at the number (不超过基金规模的20%):
    its code, with no words taken into the figure's text."""
    m = lex.patterns["bound_phrase"].search(text, max(0, start - 14), start)
    return ("", lex.get("qualifiers_before", m.group(1))) if m else None


def _qualifier_over_verb(text: str, start: int, lex: Lexicon) -> tuple[str, str] | None:
    """A bound before the verb of support that gives the sum (最高给予1000万元, 最多可奖励50万元): its code,
    with no words taken into the figure's text."""
    m = lex.patterns["bound_verb"].search(text, max(0, start - 8), start)
    return ("", lex.get("qualifiers_before", m.group(1))) if m else None


def _counts_people(text: str, start: int, lex: Lexicon) -> bool:
    """True when the words just before a bare amount name people or visits (人口14亿)."""
    before = text[max(0, start - 8):start]
    return any(w in before for w in lex.lists["bare_count_metrics"])


def _classify(word: str | None, lex: Lexicon) -> tuple:
    """(unit, counter, factor, inferred) for a unit word."""
    if word is None:
        return None, None, 1.0, False
    if (p := lex.get("percent_words", word)) is not None:
        return p[0], None, float(p[1]), False
    if (c := lex.get("currencies", word)) is not None:
        return c, None, 1.0, False
    if (u := lex.get("units", word)) is not None:
        return u[0], None, float(u[1]), False
    return "count", word, 1.0, False


def _not_a_count(text: str, m: re.Match, number: str, counter: str | None, r: _Reading, lex: Lexicon) -> bool:
    """True for counts that are words, not figures: 一批, 百家, 前10名."""
    if counter is None:
        return False
    if _numeral_as_word(number, r, lex):
        return True
    after = m.end() + len(counter) + (1 if r.qualifier else 0)
    if not number[0].isdigit() and r.value < 10 and not _small_count_counts(text, after, counter, lex):
        return True
    if _abstract_noun_at(text, after, lex):
        return True
    return text.endswith(lex.particles["top"], 0, m.start()) and counter in lex.lists["rank_after"]


def _numeral_as_word(number: str, r: _Reading, lex: Lexicon) -> bool:
    """True for a numeral that reads as a word: 一 alone (一批, 一家), or a bare 百, 千 or 万 opening it (百家, 万人)
    with no magnitude after it and no 亿 in it (only the Simplified 亿, as figures.yml writes it: 百億 is a word)."""
    if number in lex.lists["lone_one_numerals"]:
        return True
    bare = number.startswith(tuple(lex.lists["bare_numeral_starts"]))
    return bare and not r.used_magnitude and not _holds_any(number, lex.raw["hundred_million_digits"])


def _abstract_noun_at(text: str, at: int, lex: Lexicon) -> bool:
    """True when an abstract noun follows a count at `at`, right after it or after 大 or 的 (三大方面)."""
    link = next((w for w in (lex.particles["big"], lex.particles["possessive"]) if text.startswith(w, at)), "")
    return bool(lex.patterns["abstract_noun"].match(text, at)
                or link and lex.patterns["abstract_noun"].match(text, at + len(link)))


def _holds_any(number: str, digits) -> bool:
    """True when a numeral holds one of `digits`."""
    return any(d in number for d in digits)


def _small_count_counts(text: str, after: int, counter: str, lex: Lexicon) -> bool:
    """True when a small count in Chinese numerals is a quantity (两家企业, 三座大楼, 配套活动五场, 五个重点项目),
    not a way of speaking (两个维护, 中美两个大国): firms or people, a concrete measure word, a countable
    noun after it, or the count closing its clause after the noun it counts."""
    if counter in lex.lists["firm_and_people_counters"] or counter in lex.lists["concrete_counters"]:
        return True
    if after >= len(text) or text[after] in _CLAUSE_ENDS:
        return True
    window = re.split(r"[，,。；;：:、！？!?]", text[after:after + 10])[0]
    return bool(lex.patterns["countable"].search(window))


_CLAUSE_ENDS = "，,。；;：:、！？!?）)”」"


def _read_tail(text: str, mention: Mention, r: _Reading, lex: Lexicon) -> None:
    """Rate (/月), tier (级) and a qualifier after the figure (以上, 左右)."""
    pos = mention.end
    if rate := lex.patterns["rate"].match(text, pos):
        mention.rate, pos = lex.get("rates", rate.group()), rate.end()
    if (tier := lex.patterns["tier"].match(text, pos)) and mention.unit not in ("count", "percent"):
        mention.qualifier, pos = "tier", tier.end()
    elif after := lex.patterns["after"].match(text, pos):
        mention.qualifier, pos = lex.get("qualifiers_after", after.group()), after.end()
    mention.qualifier = mention.qualifier or r.qualifier
    mention.end = pos


def _read_head(text: str, mention: Mention, sign: re.Match | None, lex: Lexicon) -> None:
    """A qualifier or currency sign before the number, and a rate word (月产) before that."""
    if sign:
        mention.start = sign.start()
    _read_currency_name(text, mention, lex)
    before = (_qualifier_before(text, mention.start, lex) or _qualifier_over_phrase(text, mention.start, lex)
              or _qualifier_over_verb(text, mention.start, lex))
    if before:
        mention.start -= len(before[0])
        mention.qualifier = mention.qualifier if mention.qualifier == "tier" else (mention.qualifier or before[1])
    if prefix := lex.patterns["rate_prefix"].search(text, max(0, mention.start - 3), mention.start):
        mention.rate = mention.rate or lex.get("rate_prefixes", prefix.group())
