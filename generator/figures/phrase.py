"""A figure's metric as a clean noun phrase: clause fragments trimmed by part of speech (jieba), names dropped."""
from __future__ import annotations

import re
from functools import lru_cache

from ..entities.segment import segmenter
from ..scripts import to_simplified
from .glossary import MetricGlossary
from .lexicon import load_lexicon
from .metric import _trim

_ORDINAL = re.compile(r"第[0-9一二三四五六七八九十两]+[个项批家]?")


def clean_metric(metric: str, glossary: MetricGlossary | None) -> str:
    """`metric` without the function words and verbs at its ends; '' when what is left names no quantity
    (only a place or a firm, a vague word, or no noun at all). English metrics are left as they are."""
    if not metric or metric.isascii():
        return metric
    return _cleaned(metric, glossary)


@lru_cache(maxsize=16384)
def _cleaned(metric: str, glossary: MetricGlossary | None) -> str:
    """clean_metric, remembered per metric (metrics repeat across articles)."""
    lex = load_lexicon()
    metric = _without_leading_period(metric, lex)
    simple = to_simplified(metric)
    if len(simple) != len(metric):
        return metric
    words = segmenter(()).tagged(simple)
    raw = lex.raw
    start, end = 0, len(words)
    keep = _kept_end(simple, glossary)
    while start < end and sum(len(w) for w, _ in words[start:]) > keep and _cut_at_start(words[start], lex):
        start += 1
    while end > start and _cut_at_end(words, start, end, keep, raw):
        end -= 1
    kept = words[start:end]
    offset = sum(len(w) for w, _ in words[:start])
    phrase = _trim(metric[offset:offset + sum(len(w) for w, _ in kept)], lex)
    return phrase if _names_a_quantity(kept, phrase, raw, glossary) else ""


@lru_cache(maxsize=16384)
def names_no_noun(metric: str) -> bool:
    """True when a Chinese metric is empty or only verbs (扩大, 突破): it does not say what it measures."""
    if not metric:
        return True
    if metric.isascii():
        return False
    return all(tag in _VERB_TAGS for _, tag in segmenter(()).tagged(to_simplified(metric)))


_VERB_TAGS = ("v", "vd", "vg", "vi", "zg")   # not vn: a verbal noun (投资, 设备) names a quantity


def _without_leading_period(metric: str, lex) -> str:
    """The metric without a period it starts with (1-10月规上工业增加值, 前三季度全省…): the period is the figure's."""
    for name in ("months", "period"):
        if (m := lex.patterns[name].match(metric)) and m.end() < len(metric):
            metric = metric[m.end():]
    return metric


def _cut_at_start(word: tuple[str, str], lex) -> bool:
    """True when the first word is to be cut: a function word, an ordinal (第二个) or a word of metric_trim_start."""
    text, tag = word
    return (tag in lex.raw["metric_strip_start_tags"] or _ORDINAL.fullmatch(text) is not None
            or text in lex.lists["metric_trim_start"])


def _kept_end(simple: str, glossary: MetricGlossary | None) -> int:
    """How many characters at the end of the metric a glossary word holds (never cut into)."""
    found = glossary.suffix(simple) if glossary else None
    return len(found[0]) if found else 0


def _cut_at_end(words: list[tuple[str, str]], start: int, end: int, keep: int, raw: dict) -> bool:
    """True when the last word of words[start:end] is to be cut: a function word, or a verb after a noun
    that names no event (企业|占股, 大楼|预计); the only word left, or one a glossary word holds, stays."""
    word, tag = words[end - 1]
    if end - 1 == start or sum(len(w) for w, _ in words[end - 1:]) <= keep:
        return False
    if tag in ("v", "vd", "vg", "vi", "zg"):
        nouns_before = any(t in raw["metric_noun_tags"] for _, t in words[start:end - 1])
        return nouns_before and not _event_end(words, start, end, raw)
    return tag in raw["metric_strip_end_tags"]


def _event_end(words: list[tuple[str, str]], start: int, end: int, raw: dict) -> bool:
    """True when the metric ends with an event verb (项目开工, 竣工投试产) after a noun, or is one."""
    tail = "".join(w for w, _ in words[start:end])
    return any(tail.endswith(e) for e in raw["metric_event_words"])


def _names_a_quantity(words: list[tuple[str, str]], phrase: str, raw: dict, glossary: MetricGlossary | None) -> bool:
    """True when a trimmed metric holds a glossary word, or a noun that is not just a name or a place,
    nor a vague word."""
    if not words or to_simplified(phrase) in raw["vague_metric_words"]:
        return False
    if glossary is not None and glossary.entry(phrase) is not None:
        return True
    if len(words) == 1 and words[0][1] not in raw["metric_name_tags"] and words[0][1] not in ("m", "mq", "x"):
        return True   # one word the article uses for what it counts (撥款, 首期, 加快)
    if all(tag.startswith("v") for _, tag in words):
        return True   # an action counted (处理查询)
    return any((tag in raw["metric_noun_tags"] and tag not in raw["metric_name_tags"]) or w in raw["metric_event_words"]
               for w, tag in words)
