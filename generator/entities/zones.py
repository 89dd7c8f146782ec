"""Zones named in an article but missing from the taxonomy: a place name before a zone ending
(珠海经开区, 雄安新区 …), kept under a provisional ASCII id."""
from __future__ import annotations

import re
from functools import lru_cache

from pypinyin import lazy_pinyin

from ..scripts import Folded, to_simplified
from .matcher import Hit
from .rules import any_word, words
from .segment import Segmenter

PREFIX_WINDOW = 12  # characters looked at before a zone ending
PROVISIONAL_PRIORITY = 1


@lru_cache(maxsize=1)
def _suffix_pattern() -> re.Pattern:
    """Any zone ending, longest first."""
    return re.compile(any_word("zone_suffixes"))


def zone_endings(text: str) -> list[re.Match]:
    """Every zone ending (经开区, 高新区, 新区 …) in folded `text`, longest first where they overlap."""
    return list(_suffix_pattern().finditer(text))


def provisional_zone_hit(text: str, ending: re.Match, known_places: frozenset[str], seg: Segmenter) -> Hit | None:
    """The `<place><zone ending>` hit ending in `ending`, or None when no place name comes before it;
    `known_places` are words accepted as place names."""
    window = text[max(0, ending.start() - PREFIX_WINDOW):ending.start()]
    prefix = _place_prefix(_tail_tokens(window, known_places, seg), known_places)
    if len(prefix) < 2:
        return None
    start = ending.start() - len(prefix)
    return Hit(start, ending.end(), "zones", None, name=text[start:ending.end()], priority=PROVISIONAL_PRIORITY)


def _tail_tokens(window: str, known_places: frozenset[str], seg: Segmenter) -> list[tuple[str, str]]:
    """The tagged words at the end of `window` that decide its place prefix.

    Pieces are tagged from the end until a word before the last is no place: `_place_prefix`
    stops there, so the words before it change nothing.
    """
    tokens: list[tuple[str, str]] = []
    for piece in reversed(seg.pieces(window)):
        tokens[:0] = seg.tagged(piece)
        if len(tokens) >= 2 and not all(_place_like(w, f, known_places) for w, f in tokens[:-1]):
            break
    return tokens


def _place_prefix(tokens: list[tuple[str, str]], known_places: frozenset[str]) -> str:
    """The run of place-like words at the end of tagged `tokens` (empty when there is none).

    The word right before the ending may be one the tagger does not know as a place (正定 in
    河北正定新区) when the word before it is a place.
    """
    if len(tokens) >= 2 and _loose_place(*tokens[-1]) and _place_like(*tokens[-2], known_places):
        return _place_prefix_of(tokens[:-1], known_places) + tokens[-1][0]
    return _place_prefix_of(tokens, known_places)


def _place_prefix_of(tokens: list[tuple[str, str]], known_places: frozenset[str]) -> str:
    """The place-like words at the end of `tokens`, joined."""
    kept: list[str] = []
    for word, flag in reversed(tokens):
        if not _place_like(word, flag, known_places):
            break
        kept.insert(0, word)
    return "".join(kept)


def _place_like(word: str, flag: str, known_places: frozenset[str]) -> bool:
    """True for a word that can be part of a place name: a known place or a name-like tag."""
    return word not in words("zone_prefix_stop") and (word in known_places or flag in words("zone_prefix_flags"))


def _loose_place(word: str, flag: str) -> bool:
    """True for a short word that may end a place name though not tagged as one (no function word)."""
    return (len(word) <= 2 and flag not in words("zone_function_flags") and word not in words("zone_prefix_stop")
            and all("\u4e00" <= ch <= "\u9fff" for ch in word))


def provisional_ref(source_text: str, folded: Folded, hit: Hit) -> dict:
    """The record entry of a provisional zone: name as written (in Simplified), pinyin id, flag."""
    start, end = folded.source_span(hit.start, hit.end)
    name = to_simplified(source_text[start:end])
    if name.isascii():
        name = " ".join(name.split())
        return {"id": provisional_id(name), "name": name, "name_en": name, "provisional": True}
    return {"id": provisional_id(name), "name": name, "name_en": None, "provisional": True}


def provisional_id(name: str) -> str:
    """An ASCII id for a zone name: its pinyin syllables joined by hyphens."""
    syllables = [re.sub(r"[^a-z0-9]", "", s.lower()) for s in lazy_pinyin(name) for s in s.split()]
    slug = "-".join(s for s in syllables if s)
    return slug or "zone"


@lru_cache(maxsize=1)
def _english_pattern() -> re.Pattern:
    """Capitalised place words before an English zone ending (Zhanjiang Economic and … Zone)."""
    suffixes = sorted(words("english_zone_suffixes"), key=len, reverse=True)
    endings = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in suffixes)
    return re.compile(rf"(?<![A-Za-z])((?:[A-Z][a-z'’]+[\s-]+){{1,3}}?)(?:{endings})(?![A-Za-z])")


def english_provisional_hits(text: str, leading: set[str]) -> list[Hit]:
    """Hits for English zone names: one to three capitalised words, then a zone ending."""
    hits = []
    for m in _english_pattern().finditer(text):
        start, head = m.start(1), m.group(1).split()
        while head and head[0] in leading:
            start = text.index(head[1], start + len(head[0])) if len(head) > 1 else m.end(1)
            head = head[1:]
        if head:
            hits.append(Hit(start, m.end(), "zones", None, name=" ".join(text[start:m.end()].split()),
                            priority=PROVISIONAL_PRIORITY))
    return hits
