"""The header lines under a headline: publication stamp, publisher and credits."""
from __future__ import annotations

import re

from ..read.rules import alternation, reading
from .chrome import is_chrome
from .cleaned import CleanArticle, Sources, add_credits
from .credits import (
    STAMP,
    find_credits,
    find_source,
    is_credit_line,
    parse_stamp,
    parse_yearless_stamp,
    publisher_like,
    role_regex,
    split_names,
)
from .headline import is_paper_name, paper_name

WEB_DOMAIN = re.compile(rf"(?:[a-z0-9-]+\.)+(?:{alternation(reading('web_domains'))})(?:\.cn)?", re.I)
PIPES = re.compile(r"\s*[|｜]\s*")


def read_header(header: list[str], art: CleanArticle, sources: Sources) -> None:
    """Take the stamp, source and credits printed under the headline."""
    for line in header:
        if art.published is None and (stamp := parse_stamp(line)):
            art.published = stamp
            _read_dateline(line, art, sources)
        elif not STAMP.search(line) and (day := parse_yearless_stamp(line)):
            art.published_day = art.published_day or day
            continue
        elif not STAMP.search(line) and _read_original_mark(line, art, sources):
            continue
        elif not STAMP.search(line) and is_paper_name(line):
            sources.dateline.append(paper_name(line))
            continue
        if source := find_source(line):
            sources.labelled.append(source)
        elif outlet := _credit_outlet(line):
            sources.dateline.append(outlet)   # 南方+ 记者 刘洋: the reporter's outlet
        add_credits(find_credits(line), art)


def _read_dateline(line: str, art: CleanArticle, sources: Sources) -> None:
    """Take the publisher printed before or after a dateline's stamp."""
    m = STAMP.search(line)
    prefix, suffix = line[: m.start()].strip(" |｜·-"), line[m.end():].strip(" |｜·-")
    if _read_original_mark(prefix, art, sources):
        pass
    elif _names_publisher(prefix, art.title):
        sources.dateline.append(prefix)
    elif publisher_like(suffix):           # 2024-08-15 09:30 | 新华网
        sources.dateline.append(suffix)
    else:                                  # By NAME | China Daily | Updated: 2024-05-20
        sources.dateline += [p for p in PIPES.split(prefix) if outlet_piece(p)][:1]


def _credit_outlet(line: str) -> str | None:
    """The outlet named before a byline's role word ("澎湃新闻记者 陈思远" → 澎湃新闻), or None."""
    if not is_credit_line(line):
        return None
    m = role_regex().search(line)
    prefix = line[: m.start()].strip(" |｜")
    return prefix if prefix and (publisher_like(prefix) or not split_names(prefix)) else None


def outlet_piece(piece: str) -> bool:
    """True for a piece of a "By … | China Daily | Updated: …" line that names the outlet."""
    return publisher_like(piece) or bool(WEB_DOMAIN.fullmatch(piece))


def _read_original_mark(prefix: str, art: CleanArticle, sources: Sources) -> bool:
    """A WeChat header ("原创 李松 松湖产业观察"): the account is the publisher, the names before it authors."""
    words = prefix.split()
    if not words or words[0] not in reading("original_marks"):
        return False
    if len(words) >= 2:
        sources.dateline.append(words[-1])
        add_credits({"authors": [n for n in split_names(" ".join(words[1:-1])) if n != words[-1]]}, art)
    return True


def _names_publisher(prefix: str, title: str) -> bool:
    """True when the text printed before a dateline's stamp can be the publisher's name."""
    if not prefix or len(prefix) > 16 or re.search(r"[:：\d|｜]", prefix) or prefix == title:
        return False
    if " " in prefix and not prefix.isascii():
        return False
    return prefix not in reading("date_labels") and not is_chrome(prefix)
