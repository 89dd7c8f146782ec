"""Credits run into an article's lead: "本报记者 张三 近日，…", "【大公報訊】記者 何嘉駿報道：…",
"（中央社記者趙麗妍台中27日電）…", "BEIJING, May 20 (Xinhua) -- …"; and reposts naming their publisher."""
from __future__ import annotations

import re
from functools import lru_cache

from ..read.rules import alternation, reading
from .credits import EN_MONTH, find_credits, publisher_like, split_names

REPORTED = f"(?:{alternation(reading('reported_words'))})"
REPORTER = f"(?:{alternation(reading('reporter_words'))})"
WIRE_END = f"(?:{alternation(reading('wire_endings'))})"
NAME = rf"(?:(?!{REPORTED})[\u4e00-\u9fff·]){{2,4}}"
# 〔記者張三／台北報導〕 (Taiwan): reporters, a slash, the place and 報導.
SLASH_CREDIT = re.compile(rf"^[〔\[(（【](?P<credit>{REPORTER}[^〔〕\[\]()（）【】／/]{{2,20}}?)\s*[／/]"
                          rf"[^〔〕\[\]()（）【】]{{1,12}}?{REPORTED}[〕\])）】]\s*")
# (中央社記者趙麗妍台中27日電): the names run into a place of two characters, then the day.
BRACKETED_WIRE = re.compile(rf"^[(（](?P<pub>[^()（）\d\s]{{2,8}}?){REPORTER}(?P<who>[\u4e00-\u9fff、]{{2,14}}?)"
                            rf"(?P<place>[\u4e00-\u9fff]{{2}})\d{{1,2}}日(?:{alternation(reading('bracketed_wire_endings'))})"
                            r"[)）]\s*")
# CHONGQING, May 20 (Xinhua) -- : the agency in brackets names the publisher.
ENGLISH_WIRE = re.compile(rf"^[A-Z][A-Z .'-]{{2,40}},\s+(?:{EN_MONTH}\.?\s+\d{{1,2}}\s+)?"
                          r"\((?P<pub>[A-Z][A-Za-z ]{1,30})\)\s*(?:--|—|–)")


@lru_cache(maxsize=None)
def unbracketed_credit() -> re.Pattern:
    """A reporter's credit opening the lead without brackets, after an optional 本报讯 / 【…訊】.

    A second word right before 报道 is the place ("记者 张三 北京报道"), not a name.
    """
    roles = alternation(w for w in reading("roles")["authors"] if not w.isascii() and len(w) > 1)
    credit = (rf"(?:[^\s，,。：:【】()（）]{{1,8}}\s?)??(?:{roles})\s*{NAME}"
              rf"(?:(?:\s+|、|\s*(?:{roles})\s*){NAME}(?!{REPORTED}))*")
    return re.compile(
        rf"^(?P<lead>【[^】]{{2,12}}】|[^\s，,。()（）]{{2,24}}?{WIRE_END})?\s*(?P<credit>{credit})"
        rf"(?:\s+[\u4e00-\u9fff]{{2,6}}{REPORTED}[:：]?\s*|{REPORTED}[:：]?\s*|\s*[:：]\s*|\s+)(?P<rest>\S.{{9,}})$",
        re.S)


def lead_credit(text: str) -> tuple[str, dict[str, list[str]], str | None] | None:
    """(lead without the credit, credits, publisher or None) of a lead that opens with a credit."""
    if m := BRACKETED_WIRE.match(text):
        pub = m.group("pub")
        return text[m.end():], {"authors": split_names(m.group("who"))}, pub if publisher_like(pub) else None
    if m := SLASH_CREDIT.match(text):
        return text[m.end():], find_credits(m.group("credit")), None
    if m := ENGLISH_WIRE.match(text):
        return text, {}, m.group("pub")
    m = unbracketed_credit().match(text)
    if not m or not (credits := find_credits(m.group("credit"))).get("authors"):
        return None
    return (m.group("lead") or "") + m.group("rest"), credits, None


@lru_cache(maxsize=None)
def _phrases() -> list[re.Pattern]:
    """The compiled source_phrases of reading.yml."""
    return [re.compile(p) for p in reading("source_phrases")]


def phrase_source(text: str) -> str | None:
    """The publisher a repost notice names ("本文来自微信公众号“园区观察”"), or None."""
    for pattern in _phrases():
        if m := pattern.search(text):
            return m.group("v").strip()
    return None
