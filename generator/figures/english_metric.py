"""What a figure in an English sentence measures: its noun, an "of" phrase, a topic, or a respectively list."""
from __future__ import annotations

import re
from functools import lru_cache

from ..read.rules import alternation, reading
from .lexicon import Lexicon
from .mentions import Mention

_CLAUSE = re.compile(r"[,;:()]")
_WORDS = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_LIST_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


def _phrase(words: list[str], lex: Lexicon, stops: bool) -> str:
    """`words` up to the first stop word, without function words at either end."""
    trim = set(lex.raw["english_metric_trim"])
    if stops:
        for k, w in enumerate(words):
            if w.lower() in lex.raw["english_metric_stops"] and k:
                words = words[:k]
                break
    while words and words[0].lower() in trim:
        words = words[1:]
    while words and words[-1].lower() in trim:
        words = words[:-1]
    return " ".join(words)


def _left(sentence: str, m: Mention, prev_end: int, lex: Lexicon) -> tuple[str, bool | None]:
    """(the words before a figure within its clause and after the figure before it, whether they end
    in "of"; None when only "to"/"by" separate it from that figure: rose 8 percent to 1.13 trillion)."""
    start = max((x.end() for x in _CLAUSE.finditer(sentence, 0, m.start)), default=0)
    words = _WORDS.findall(sentence[max(start, prev_end):m.start])
    last = words[-1].lower() if words else None
    of = last in lex.raw["english_of_words"]
    if prev_end > start and last in lex.raw["english_change_joins"] and not _phrase(words, lex, stops=False):
        return "", None
    stops = set(lex.raw["english_metric_stops"]) - {"of"}
    cut = max((k for k, w in enumerate(words[:-1]) if w.lower() in stops), default=-1)
    after = _phrase(words[cut + 1:][-10:], lex, stops=False)
    if not after and cut > 0:  # only a verb after the copula (imports were up 4.1 percent): the subject
        return _phrase(words[:cut][-10:], lex, stops=False), of
    return after, of


@lru_cache(maxsize=None)
def _prep_phrase(lex: Lexicon) -> re.Pattern:
    """A preposition after a figure, with a count right after it skipped (in 90 key projects, in five projects)."""
    words, prepositions = alternation(lex.raw["english_numbers"]), alternation(lex.raw["english_prepositions_after"])
    return re.compile(rf"\s*(?:{prepositions})\s+(?:[0-9](?:[0-9,.]*[0-9])?\s+|(?:{words})\s+)?", re.I)


@lru_cache(maxsize=4)
def _tail_time(lex: Lexicon) -> re.Pattern:
    """A relative year or "in" a year ending a respectively list's last item, and what follows it."""
    relative = alternation(lex.raw["english_relative_years"])
    return re.compile(rf"\s+(?:{relative}) year\b.*$|\s+in (?:19|20)[0-9]{{2}}\b.*$", re.I)


@lru_cache(maxsize=4)
def _time_words(lex: Lexicon) -> frozenset[str]:
    """English time words that open no metric: figures.yml's english_time_words and the months' names."""
    return frozenset(lex.raw["english_time_words"]) | {forms[0].lower() for forms in reading("months")}


def _right(sentence: str, m: Mention, lex: Lexicon) -> str:
    """The noun phrase after a figure's preposition (invest 6.95 billion yuan in infrastructure projects)."""
    p = _prep_phrase(lex).match(sentence, m.end)
    if not p:
        return ""
    end = _CLAUSE.search(sentence, p.end())
    words = _WORDS.findall(sentence[p.end():end.start() if end else len(sentence)])
    content = [w for w in words if w.lower() not in lex.raw["english_articles"]]
    if content and (content[0].lower() in _time_words(lex) or _names_amount(content[0], lex)):
        return ""
    return _phrase(words[:5], lex, stops=True)


def _names_amount(word: str, lex: Lexicon) -> bool:
    """True for a magnitude or currency word: the phrase is the next figure (rose 6 percent to 18 trillion yuan)."""
    raw = lex.raw
    return word.lower() in raw["english_magnitudes"] or word in raw["english_currencies"]


def _noun_after(sentence: str, m: Mention, lex: Lexicon) -> str:
    """The noun phrase right after a figure that it modifies (1.5 trillion yuan NEV cluster), or ''."""
    end = _CLAUSE.search(sentence, m.end)
    words = []
    for w in _WORDS.findall(sentence[m.end:end.start() if end else len(sentence)])[:5]:
        if w.lower() in lex.raw["english_metric_stops"] or w.lower() in _time_words(lex):
            break
        words.append(w)
    return _phrase(words, lex, stops=False) if sentence[m.end:m.end + 1] == " " else ""


def _topic(sentence: str, lex: Lexicon) -> str:
    """The topic a sentence opens with (In terms of environmental preservation, …), or ''."""
    openers = alternation(lex.raw["english_topic_openers"])
    m = re.match(rf"\s*(?:{openers})\s+([^,;:]+),", sentence, re.I)
    return _phrase(_WORDS.findall(m.group(1)), lex, stops=False) if m else ""


def _respectively(sentence: str, mentions: list[Mention], lex: Lexicon) -> dict[int, str]:
    """Metrics paired with a list of figures by "respectively" (34, 83 and 22 … launched, pushed forward, completed)."""
    at = sentence.lower().find("respectively")
    counts = [k for k, m in enumerate(mentions) if m.noun and m.start < at]
    if at < 0 or len(counts) < 2:
        return {}
    last = mentions[counts[-1]]
    tail = sentence[last.end:at]
    tail = tail[tail.find(last.noun) + len(last.noun):] if last.noun in tail else tail
    tail = _tail_time(lex).sub("", lex.patterns["en_auxiliary"].sub("", tail))
    items = [x for x in _LIST_SPLIT.split(tail.strip()) if x]
    return dict(zip(counts, items)) if len(items) == len(counts) else {}


def english_metrics(sentence: str, mentions: list[Mention], lex: Lexicon) -> list[str]:
    """The metric of every mention of an English sentence."""
    topic, paired = _topic(sentence, lex), _respectively(sentence, mentions, lex)
    out = []
    for k, m in enumerate(mentions):
        left, of = _left(sentence, m, mentions[k - 1].end if k else 0, lex)
        right = _right(sentence, m, lex) or _noun_after(sentence, m, lex)
        if of is None and k:
            out.append(out[k - 1])
            continue
        noun = "" if (of and left) else m.noun
        choice = paired.get(k) or topic or noun or (left if of else (right or left))
        out.append(choice or (out[k - 1] if k else ""))
    return out
