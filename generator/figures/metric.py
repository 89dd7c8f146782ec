"""What a figure measures, in the article's own words: the noun phrase before or after it."""
from __future__ import annotations

import re

from .lexicon import Lexicon
from .mentions import Mention
from .sentences import ITEM_MARKS, clause_start

# In Chinese text a space separates headline parts (… 集中竣工 总投资约79亿元): it ends a metric too.
_METRIC_MARKS = "".join(ch for ch in ITEM_MARKS if ch not in "（）()") + " \u3000|｜"
_BRACKETED = re.compile(r"[（(][^（）()]*[）)]")

_NOISE = re.compile(r"[“”\"‘’'「」『』《》〈〉【】\[\]（）()]|(?:19|20)[0-9]{2}年")


def _share_base(raw: str, lex: Lexicon) -> str:
    """What a share or progress is of: 占全区规上工业总产值的近四成 → 全区规上工业总产值,
    完成年度计划82.3% → 年度计划; '' when the words say no such thing."""
    if not raw.endswith(tuple(lex.raw["share_ends"])):
        return ""
    verb = max(raw.rfind(v) + len(v) if raw.rfind(v) >= 0 else -1 for v in lex.raw["share_verbs"])
    base = _trim(raw[verb:] if verb > 0 else raw.removesuffix(lex.particles["possessive"]), lex)
    return base[-lex.raw["metric_max_chars"]:] if len(base) >= 2 else ""

_RIGHT_END = re.compile(r"[，,。；;：:、！？!?（）()\n \u3000|｜]")


def _trim(words: str, lex: Lexicon) -> str:
    """`words` without quotes, years, numbers and the stop words at either end."""
    words = lex.patterns["metric_noise"].sub("", _NOISE.sub("", words)).strip()
    start, end, keep = lex.patterns["trim_start"], lex.patterns["trim_end"], lex.patterns["keep_end"]
    while words:
        trimmed = start.sub("", words, count=1)
        trimmed = trimmed if keep.search(trimmed) else end.sub("", trimmed, count=1)
        if trimmed == words:
            break
        words = trimmed
    return words


def left_words(sentence: str, mention: Mention, prev_end: int, lex: Lexicon) -> tuple[str, str]:
    """(metric candidate, raw text) from the words before a figure, within its item."""
    start = max(clause_start(sentence, mention.start, _METRIC_MARKS), prev_end)
    raw = _BRACKETED.sub("", sentence[start:mention.start]).lstrip("（(")
    pieces = lex.patterns["splitter"].split(lex.patterns["metric_noise"].sub("", raw))
    for piece in reversed(pieces):
        words = _after_frame_verb(_trim(piece, lex), lex)
        if len(words) >= 2:
            return words[-lex.raw["metric_max_chars"]:], raw
        if words in lex.table["verb_metrics"] and piece is pieces[-1]:
            return lex.table["verb_metrics"][words], raw
    return "", raw


def _after_frame_verb(words: str, lex: Lexicon) -> str:
    """The noun after the last verb that frames it (对企业给予一次性奖励 → 一次性奖励), if one follows;
    a two-character noun keeps the subject before the verb (生产性服务业完成投资)."""
    best = words
    for m in lex.patterns["lead_verb"].finditer(words):
        rest = _trim(words[m.end():], lex)
        if len(rest) >= 3 or (len(rest) == 2 and len(_trim(words[:m.start()], lex)) < 2):
            best = rest
    return best


def right_words(sentence: str, mention: Mention, following: list[Mention], lex: Lexicon) -> str:
    """The noun phrase right after a figure (180个项目开工 → 项目开工), skipping a figure inside it."""
    pos = mention.end
    for other in following:
        if other.start == pos or sentence[pos:other.start] == lex.particles["possessive"]:
            pos = other.end
    end = _RIGHT_END.search(sentence, pos)
    stop = min([end.start() if end else len(sentence)] + [o.start for o in following if o.start >= pos])
    phrase = sentence[pos:stop]
    if purpose := lex.patterns["purpose"].match(phrase):
        phrase = phrase[purpose.end():]
    opening = next((w for w in (lex.particles["possessive"], lex.particles["copula"]) if phrase.startswith(w)), "")
    for stop in sorted(lex.lists["metric_right_stops"], key=len, reverse=True):
        at = phrase.find(stop, len(opening))   # the 的 or 是 the phrase opens with is no stop
        if at >= 0:
            phrase = phrase[:at]
    words = _trim(phrase, lex)
    return words[: lex.raw["metric_max_chars"]] if len(words) >= 2 else ""


def chinese_metric(sentence: str, mentions: list[Mention], i: int, metrics: list[str], lex: Lexicon) -> str:
    """The metric of mention `i` of a Chinese sentence, given the metrics of the mentions before it."""
    m = mentions[i]
    prev_end = mentions[i - 1].end if i else 0
    left, raw = left_words(sentence, m, prev_end, lex)
    right = right_words(sentence, m, mentions[i + 1:], lex)
    shared = "" if right else _shared(sentence, mentions, i, lex)
    framed = any(raw.endswith(v) for v in lex.lists["metric_frame_verbs"])
    if m.unit == "percent" and (share := _share_base(raw, lex)):
        left = share
    if m.unit == "percent" and right and _names_whole(sentence, m, right, lex):
        choice = right
    elif m.qualifier == "tier":
        choice = right or shared or left
    elif m.unit == "count":
        choice = left if left and _runs_into_next(sentence, mentions, i, right, lex) else right or left or shared
    elif (right or shared) and (not left or framed):
        choice = right or shared
    else:
        choice = left
    if not choice and i:
        choice = _earlier_metric(mentions, metrics, i)
    if not choice and sentence.lstrip().startswith(("|", "｜")):
        choice = _first_cell(sentence, lex)
    if not choice and not right:
        choice = _clause_before(sentence, m, lex)
    return choice or right or shared


def _names_whole(sentence: str, m: Mention, right: str, lex: Lexicon) -> bool:
    """True when a share is followed by what it is a share of (12%的外贸进出口, 四分之一设备, 三成企业)."""
    after = sentence[m.end:]
    return after.startswith(right) or after.startswith(lex.particles["possessive"] + right)


def _runs_into_next(sentence: str, mentions: list[Mention], i: int, right: str, lex: Lexicon) -> bool:
    """True when the words after a figure run straight into the next figure (项目52个总投资1286亿元): they
    name what that figure measures, not this one."""
    if not right or i + 1 >= len(mentions):
        return False
    return _trim(sentence[mentions[i].end:mentions[i + 1].start], lex) == right


def _first_cell(row: str, lex: Lexicon) -> str:
    """The first cell of a Markdown table row that names something (| 地区生产总值 | 3.2万亿元 |)."""
    cells = [_trim(c.strip(), lex) for c in re.split(r"[|｜]", row)]
    return next((c for c in cells if len(c) >= 2 and not any(ch.isdigit() for ch in c)), "")


def _clause_before(sentence: str, m: Mention, lex: Lexicon) -> str:
    """The words of the clause before a figure's own (进口继续扩大，突破3000亿美元 → 进口继续扩大)."""
    start = clause_start(sentence, m.start, _METRIC_MARKS)
    if start == 0:
        return ""
    before = clause_start(sentence, start - 1, _METRIC_MARKS)
    pieces = [_trim(p, lex) for p in lex.patterns["splitter"].split(_BRACKETED.sub("", sentence[before:start - 1]))]
    return next((p[-lex.raw["metric_max_chars"]:] for p in reversed(pieces) if len(p) >= 2), "")


def _earlier_metric(mentions: list[Mention], metrics: list[str], i: int) -> str:
    """The metric a figure without words of its own shares with an earlier one: a growth rate takes the
    metric of the nearest amount or count before it (688亿元，同比增长12%); a count, that of the count before."""
    rates = ("percent", "pp", "times")
    for k in range(i - 1, -1, -1):
        if mentions[i].unit in rates and mentions[k].unit not in rates:
            return metrics[k]
        if mentions[i].unit not in rates and mentions[k].unit == mentions[i].unit:
            return metrics[k]
    return metrics[i - 1] if mentions[i].unit in rates else ""


def _shared(sentence: str, mentions: list[Mention], i: int, lex: Lexicon) -> str:
    """The noun that a list of figures shares (100亿级、500亿级未来产业 → 未来产业), or ''."""
    for k in range(i + 1, len(mentions)):
        if sentence[mentions[k - 1].end:mentions[k].start] not in lex.raw["shared_noun_joins"]:
            return ""
        if words := right_words(sentence, mentions[k], mentions[k + 1:], lex):
            return words
    return ""
