"""Figure mentions in an English sentence: 62.86 billion yuan, $9.62 billion, 17.4 percent, 160 key projects."""
from __future__ import annotations

import re
from functools import lru_cache

from ..read.rules import alternation
from .lexicon import Lexicon
from .mentions import Mention

_WORD = re.compile(r"\s+([A-Za-z][A-Za-z-]*|[0-9]+-[a-z]+)")
_SPEC = re.compile(r"^[0-9]+-[a-z]+$")
_ACRONYM_PLURAL = re.compile(r"^[A-Z]{2,}s$")
_LIST_NEXT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s+or\s+")


@lru_cache(maxsize=None)
def _patterns(lex: Lexicon) -> dict[str, re.Pattern]:
    """The English patterns built from the lexicon's English word lists."""
    raw = lex.raw
    words = alternation(raw["english_numbers"])
    mags = {**raw["english_magnitudes"], **raw["english_money_only_magnitudes"]}
    units = {**raw["english_units"], "%": ["percent", 1]}
    return {
        "number": re.compile(rf"(?<![\w.])(?:[0-9]{{1,3}}(?:,[0-9]{{3}})+|[0-9]+)(?:\.[0-9]+)?(?![\w])"
                             rf"|(?<![\w.])[0-9]+(?:\.[0-9]+)?(?=bn|mn|tn|m\b|k\b|%)|\b(?:{words})\b", re.I),
        "magnitude": re.compile(rf"[\s-]?(?:{alternation(mags)})\b", re.I),
        "currency": re.compile(rf"[\s-]?(?:{alternation(raw['english_currencies'])})\b"),
        "unit": re.compile(rf"(?:\s|-)?(?:{alternation(units)})(?![A-Za-z])"),
        "join": re.compile(rf"\s*(?:{alternation(raw['english_range_joins'])})\s*"),
        "sign": re.compile(rf"(?:{alternation(raw['currency_signs'])})\s?$"),
        "qualifier": re.compile(rf"\b(?:{alternation(raw['english_qualifiers'])})\s+$", re.I),
        "capital_before": re.compile(r"\b[A-Z][a-z]+\s+$"),
    }


def _value(text: str, lex: Lexicon) -> float:
    """The value of an English number: digits or a number word."""
    word = text.lower()
    numbers = lex.raw["english_numbers"]
    return float(numbers[word]) if word in numbers else float(text.replace(",", ""))


def scan_english(sentence: str, lex: Lexicon) -> list[Mention]:
    """Every figure mention in an English `sentence`, left to right, none overlapping."""
    p = _patterns(lex)
    blocked = [m.span() for m in lex.patterns["not_figure"].finditer(sentence)]
    found, skip_to = [], 0
    for m in p["number"].finditer(sentence):
        if m.start() < skip_to or any(a <= m.start() < b for a, b in blocked):
            continue
        if p["capital_before"].search(sentence, 0, m.start()) and m.start() > 0 and m.group()[0].isdigit() \
                and not _starts_sentence(sentence, m.start()):
            skip_to = _list_end(sentence, m.end(), p)
            continue
        if not m.group()[0].isdigit() and lex.patterns["en_determiner"].search(sentence[:m.start()]):
            continue
        mention = _read(sentence, m, lex, p)
        if mention:
            found.append(mention)
            skip_to = mention.end
    return found


def _starts_sentence(sentence: str, pos: int) -> bool:
    """True when the capitalised word before `pos` is the sentence's first word."""
    return not sentence[:pos].strip().count(" ")


def _list_end(sentence: str, pos: int, p: dict) -> int:
    """The end of a list of numbers that starts before `pos` (Lines 2 and 5)."""
    while (sep := _LIST_NEXT.match(sentence, pos)) and (n := p["number"].match(sentence, sep.end())):
        pos = n.end()
    return pos


def _read(sentence: str, m: re.Match, lex: Lexicon, p: dict) -> Mention | None:
    """The figure that starts with number match `m`, or None."""
    value, pos = _value(m.group(), lex), m.end()
    low = high = None
    if (j := p["join"].match(sentence, pos)) and (n2 := p["number"].match(sentence, j.end())):
        low, high, pos = value, _value(n2.group(), lex), n2.end()
    sign = p["sign"].search(sentence, max(0, m.start() - 4), m.start())
    factor, pos = _magnitude(sentence, pos, bool(sign), lex, p)
    unit, counter, pos = _unit(sentence, pos, sign, lex, p)
    if unit is None:
        if not _is_year(m.group()) and (noun := _count_noun(sentence, pos, lex, p)):
            unit = "count"
        else:
            return None
    else:
        noun = ""
    mention = Mention(sign.start() if sign else m.start(), pos, None, None, None, unit, counter=counter)
    if low is not None:
        mention.low, mention.high = low * factor, high * factor
    else:
        mention.value = value * factor
    mention.noun = noun
    if q := p["qualifier"].search(sentence, max(0, mention.start - 20), mention.start):
        mention.qualifier = lex.raw["english_qualifiers"][q.group().strip().lower()]
        mention.start = q.start()
    return mention


def _magnitude(sentence: str, pos: int, signed: bool, lex: Lexicon, p: dict) -> tuple[float, int]:
    """The magnitude factor after a number (billion, bn, m before a currency) and the position after it."""
    g = p["magnitude"].match(sentence, pos)
    if not g:
        return 1.0, pos
    word = g.group().strip(" -").lower()
    if word in lex.raw["english_money_only_magnitudes"]:
        if not (signed or p["currency"].match(sentence, g.end())):
            return 1.0, pos
        return float(lex.raw["english_money_only_magnitudes"][word]), g.end()
    return float(lex.raw["english_magnitudes"][word]), g.end()


def _unit(sentence: str, pos: int, sign, lex: Lexicon, p: dict) -> tuple[str | None, None, int]:
    """The currency or unit after the number, else the sign's currency, and the position after it."""
    if c := p["currency"].match(sentence, pos):
        return lex.raw["english_currencies"][c.group().strip(" -")], None, c.end()
    if u := p["unit"].match(sentence, pos):
        word = u.group().lstrip(" -")
        units = {**lex.raw["english_units"], "%": ["percent", 1]}
        return units[word][0], None, u.end()
    if sign:
        return lex.raw["currency_signs"][sign.group().strip()], None, pos
    return None, None, pos


def _is_year(number: str) -> bool:
    """True for a four-digit number that reads as a year (1900–2099)."""
    return len(number) == 4 and number.isdigit() and 1900 <= int(number) <= 2099


def _count_noun(sentence: str, pos: int, lex: Lexicon, p: dict) -> str:
    """The plural noun phrase a number counts (160 key projects), or '' — following a list 34, 83 and 22 …."""
    words, at = [], pos
    while len(words) < 4 and (w := _WORD.match(sentence, at)):
        word = w.group(1)
        if word[:1].isupper() and not _ACRONYM_PLURAL.match(word) and not _plural_head_follows(sentence, w.end()):
            break
        if word[:1].isupper() and not _ACRONYM_PLURAL.match(word):  # a name before the noun (Hong Kong residents)
            words.append(word)
            at = w.end()
            continue
        if not (word.islower() or _ACRONYM_PLURAL.match(word)) or word in lex.raw["english_metric_stops"]:
            break
        if _SPEC.match(word):  # 40,000 12-inch wafers
            at = w.end()
            continue
        words.append(word)
        at = w.end()
        if _plural(word, lex):
            if word in lex.raw["english_not_count_nouns"]:
                return ""
            while (w := _WORD.match(sentence, at)) and w.group(1).islower() and _plural(w.group(1), lex):
                words.append(w.group(1))
                at = w.end()
            return " ".join(words)
    if not words and (sep := _LIST_NEXT.match(sentence, pos)) and (n := p["number"].match(sentence, sep.end())):
        return _count_noun(sentence, n.end(), lex, p)
    return ""


def _plural_head_follows(sentence: str, pos: int) -> bool:
    """True when lower-case words follow a capitalised one (Hong Kong-funded enterprises): a name that
    modifies a noun, not the noun counted (Line 3, 5 Series)."""
    nxt = _WORD.match(sentence, pos)
    while nxt and nxt.group(1)[:1].isupper():
        nxt = _WORD.match(sentence, nxt.end())
    return bool(nxt and nxt.group(1).islower())


def _plural(word: str, lex: Lexicon) -> bool:
    """True for a word that looks like a plural noun (projects, enterprises, people)."""
    if word in lex.raw["english_irregular_plurals"] or _ACRONYM_PLURAL.match(word):
        return True
    plural = word.endswith("s") and not word.endswith("ss")
    return plural and word not in lex.raw["english_not_plural"] and len(word) > 3
