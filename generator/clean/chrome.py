"""Page furniture in page text: chrome, copyright notices, story lists and the article's end."""
from __future__ import annotations

import re
from functools import lru_cache

from ..read.rules import any_of, chrome_words

PINYIN_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]"
                          r"[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]*[)）]")
NUMERIC_STAMP = re.compile(r"(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}|(?:19|20)\d{2}年\d{1,2}月\d{1,2}日\s*\d{1,2}:\d{2}")


def scrub(text: str) -> str:
    """Text without injected spam, pinyin glosses (發(fā)布) or stray white space."""
    text = any_of("boilerplate.yml", "inline_spam").sub("", text)
    return PINYIN_GLOSS.sub("", text).strip()


def ends_article(text: str) -> bool:
    """True for a line that opens a related-news block, comments or a legal notice."""
    core = text.strip("【】[]■●◆▶►·•#* ")
    m = any_of("boilerplate.yml", "end_markers").match(core)
    if not m:
        return False
    rest = core[m.end():].strip(" :：>》»|")
    return len(rest) <= 6 or not re.search(r"[。！？]", rest)


@lru_cache(maxsize=8192)   # the rejoiner and the cleaner ask about the same lines
def is_chrome(text: str) -> bool:
    """Navigation, share widgets, counters, prompts and other page furniture."""
    core = text.strip("【】[]()（）<>《》 ").lower()
    if core in chrome_words():
        return True
    return len(text) <= 120 and bool(any_of("boilerplate.yml", "chrome_patterns").search(text))


def is_copyright(text: str) -> bool:
    """Copyright, licence and ICP notices."""
    return len(text) <= 200 and bool(any_of("boilerplate.yml", "copyright_patterns").search(text))


def is_listing(text: str) -> bool:
    """A short line with a printed stamp and no sentence: a dateline again, or a story list entry."""
    return bool(NUMERIC_STAMP.search(text)) and len(text) <= 100 and not re.search(r"[。！？]", text)
