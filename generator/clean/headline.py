"""The headline of a page-text dump and the header lines under it (dateline, source, byline)."""
from __future__ import annotations

import re

from ..read.rules import alternation, any_of, reading
from .chrome import is_chrome
from .credits import STAMP, find_source, is_credit_line, parse_yearless_stamp, publisher_like, role_regex, stamp_parts

HEADLINE_MAX = 64  # characters: a longer line is a paragraph, never a headline …
HEADLINE_MAX_LATIN = 160  # … of Chinese; an English headline of 20 words is common
HEADER_SPAN = 15  # lines searched for the dateline
COMMA_AFTER_DATE = re.compile(rf"\s*(?:{alternation(reading('day_parts'))})?\s*[，,]")   # 3月30日上午，…
LABELLED_ROLE = re.compile(r"[\s:：/|｜丨]")


def split_header(lines: list[str]) -> tuple[str, list[str], list[str]]:
    """(headline, header lines, body lines) of a page-text dump."""
    limit = next((i for i, ln in enumerate(lines) if _is_paragraph(ln)), len(lines))
    for i, line in enumerate(lines[: min(limit + 1, HEADER_SPAN)]):
        m = STAMP.search(line)
        if not m or _opens_sentence(line, m):
            continue
        if i < limit and len(line) <= 100 + 60 * is_latin(line):
            return _split_at_dateline(lines, i)
        shared = _shared_dateline(line, m)
        if shared:
            head, stamp, rest = shared
            return head, [stamp], [rest] + lines[i + 1:]
    return _split_undated(lines)


def _opens_sentence(line: str, m: re.Match) -> bool:
    """True for a line where the date opens a sentence ("2023年3月30日，园区举行…。"): a lead, no dateline."""
    return bool(COMMA_AFTER_DATE.match(line[m.end():])) and bool(re.search(r"[。！？]$", line))


def _split_at_dateline(lines: list[str], i: int) -> tuple[str, list[str], list[str]]:
    """(headline, header lines, body lines) around the dateline found on line `i`."""
    head = _headline(lines[:i])
    paper = bool(head) and is_paper_name(head)
    if not head or paper:    # the dateline printed above the headline (an e-paper: the paper's name above it)
        j = next((k for k in range(i + 1, len(lines)) if not is_chrome(lines[k])), len(lines)) if paper else i + 1
        if j + 1 < len(lines) and _headline_like(lines[j]) and (_runs_on(lines[j + 1], lines[j])
                                                                or paper and is_credit_line(lines[j + 1])):
            return lines[j], [head] * paper + [lines[i]], lines[j + 1:]
    return head, _between(lines[:i], head) + [lines[i]], lines[i + 1:]


def is_paper_name(line: str) -> bool:
    """True for a newspaper's name as an e-paper page prints it over its pages ("南方日报数字报")."""
    return paper_name(line) != line and publisher_like(paper_name(line))


def paper_name(line: str) -> str:
    """A line without an e-paper mark at its end ("南方日报数字报" → 南方日报)."""
    for mark in reading("epaper_marks"):
        if line.endswith(mark) and len(line) > len(mark):
            return line[: -len(mark)].strip()
    return line


def _split_undated(lines: list[str]) -> tuple[str, list[str], list[str]]:
    """(headline, header lines, body lines) of a page-text dump without a dateline; the header lines are
    those of a WeChat account ("原创 作者 公众号"), datelines without a year ("Updated: Sept 12") and source lines
    ("发布时间：  来源：南沙区统计局") above the body; the headline is the line over the first dateline or source
    line."""
    limit = next((i for i, ln in enumerate(lines) if _is_paragraph(ln) or _ends_sentence(ln)), len(lines))
    marked = {i for i, ln in enumerate(lines[:min(limit, HEADER_SPAN)])
              if is_account_line(ln) or parse_yearless_stamp(ln) or _source_line(ln)}
    header = [lines[i] for i in sorted(marked)]
    dated = [i for i in sorted(marked) if not is_account_line(lines[i])]
    rest = [ln for i, ln in enumerate(lines) if i not in marked]
    limit -= len(marked)
    # a dateline: the headline is above it
    above = dated[0] - sum(1 for i in marked if i < dated[0]) if dated else limit
    head = _headline(rest[:above]) or _headline(rest[:limit])
    if not head:
        return "", header, rest
    last = max(i for i, ln in enumerate(rest[:limit]) if ln in head)
    return head, header, rest[last + 1:]


def _source_line(line: str) -> bool:
    """True for a short line naming the publisher under a label (来源：…), no sentence."""
    return len(line) <= 60 and not re.search(r"[。！？]", line) and bool(find_source(line))


def _ends_sentence(line: str) -> bool:
    """True for a line ending a sentence: 。！？, or in English a full stop after four words or more."""
    if re.search(r"[。！？]$", line):
        return True
    return is_latin(line) and len(line.split()) >= 4 and bool(re.search(r"[a-z0-9%][.!?][\"”’)]?$", line))


def is_account_line(line: str) -> bool:
    """True for a WeChat header line: an original mark, then the author and the account ("原创 李松 松湖产业观察")."""
    words = line.split()
    return len(words) >= 2 and words[0] in reading("original_marks") and len(line) <= 60


def _between(before: list[str], head: str) -> list[str]:
    """The lines between the headline and the dateline (a byline, a source line)."""
    at = [i for i, ln in enumerate(before) if head and ln in head]
    return before[at[-1] + 1:] if at else []


def is_latin(line: str) -> bool:
    """True for a line written mostly in Latin letters (an English headline or paragraph)."""
    letters = re.findall(r"[A-Za-z\u4e00-\u9fff]", line)
    return bool(letters) and sum(c.isascii() for c in letters) > 0.7 * len(letters)


def _is_paragraph(line: str) -> bool:
    """A long line with sentence punctuation: body text, not page furniture."""
    if is_latin(line):  # an English headline has commas but no closing full stop
        return len(line) > 200 or len(line) >= 60 and bool(re.search(r"[.!?][\"”’)]?$", line))
    return len(line) >= 60 and bool(re.search(r"[。，,.]", line))


def _runs_on(line: str, above: str) -> bool:
    """True when `line` reads as body text under the shorter line `above` (a sentence, longer)."""
    return len(line) > len(above) and bool(re.search(r"[。，,]", line))


def _shared_dateline(line: str, m: re.Match) -> tuple[str, str, str] | None:
    """(headline, stamp, body) of a line where the headline, the stamp and the body run together."""
    head = any_of("boilerplate.yml", "inline_spam").sub(" ", line[: m.start()]).strip()
    if not (stamp_parts(m)[3] and 6 <= len(head) <= HEADLINE_MAX) or re.search(r"[。，,]$", head):
        return None
    rest = re.sub(r"^\s*(?:\d+\s+)*", "", line[m.end():])
    return head, line[: m.end()], rest


def _headline(before: list[str]) -> str:
    """The headline: the last substantial line above the dateline, two short lines joined."""
    usable = [ln for ln in before if _headline_like(ln)]
    if not usable:
        return ""
    last = usable[-1]
    if len(usable) >= 2 and before[-1] == last and len(before) >= 2 and before[-2] == usable[-2]:
        first = usable[-2]
        if len(first) <= 24 and len(last) <= 24 and not publisher_like(first):
            return f"{first} {last}"
    return last


def _headline_like(line: str) -> bool:
    """A line that can be a headline: not chrome, not too short or long, not a sentence run."""
    longest = HEADLINE_MAX_LATIN if is_latin(line) else HEADLINE_MAX
    if is_chrome(line) or is_account_line(line) or len(line) > longest or len(line) < 4:
        return False
    return not (re.search(r"[。！？；;，,:：]$", line) or _is_byline(line))


def _is_byline(line: str) -> bool:
    """A credit line with a role word set off by a colon or space ("作者：林一帆", "澎湃新闻记者 陈思远")."""
    if not is_credit_line(line):
        return False
    return any(LABELLED_ROLE.match(line, m.end()) for m in role_regex().finditer(line))
