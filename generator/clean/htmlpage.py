"""A saved web page's headline and header lines (dateline, source, credits), found in its lines as shown."""
from __future__ import annotations

import re

from ..read.html import opens_other_stories
from .chrome import is_chrome
from .cleaned import squash
from .credits import STAMP, find_credits, find_source, is_credit_line, split_names
from .headline import split_header

HEADER_LINES = 8  # lines under the headline searched for the dateline, source and credits


def page_header(lines: list[str], candidates: list[str], text: str) -> tuple[str | None, list[str], str]:
    """(headline, header lines, main text) of a saved web page from its lines as shown and its headline
    candidates (read.html); the main text is the reader's, else the page's lines under the headline."""
    head = find_headline(lines, candidates)
    if head is None:
        title, header = printed_header(lines, candidates)
        return title, header, text or "\n".join(lines)
    start, end = head
    # the lines under the headline, then the few above it (some pages print the date first)
    header = header_zone(lines[end:end + HEADER_LINES]) + header_zone(lines[max(0, start - 3):start]) \
        + editor_lines(lines[end:])
    return " ".join(lines[start:end]), header, text or "\n".join(lines[end:])


def printed_header(lines: list[str], candidates: list[str]) -> tuple[str | None, list[str]]:
    """(headline, header lines) of a page whose markup names no headline the page prints: the line over a
    dateline or 来源 line in the page text, with that line and the credits; else the best candidate that is
    no channel name of the breadcrumb ("园区动态"), or None (a title is then made from the lead)."""
    title, header, rest = split_header(lines)
    if title and any(STAMP.search(ln) or find_source(ln) for ln in header):
        return title, header + editor_lines(rest)
    channels = {squash(piece) for ln in lines if is_chrome(ln) for piece in re.split(r"[>＞»|｜/]", ln)}
    return next((c for c in candidates if squash(c) not in channels), None), []


def find_headline(lines: list[str], candidates: list[str]) -> tuple[int, int] | None:
    """(first, end) of the page lines that spell a headline, preferring one a dateline follows."""
    wanted = [squash(c) for c in candidates]
    best, best_score = None, None
    for i, line in enumerate(lines):
        key = squash(line)
        if len(key) < 4 or not any(w.startswith(key) for w in wanted):
            continue
        end = _longest_spelling(lines, i, wanted)
        if end is None:
            continue
        joined = "".join(squash(ln) for ln in lines[i:end])
        dated = any(STAMP.search(ln) for ln in lines[end:end + HEADER_LINES])
        score = (dated, len(joined), -wanted.index(joined), -i)
        if best_score is None or score > best_score:
            best, best_score = (i, end), score
    return best


def _longest_spelling(lines: list[str], start: int, wanted: list[str]) -> int | None:
    """The end of the longest run of lines from `start` (at most 4) that spells a whole candidate."""
    joined, found = "", None
    for end in range(start, min(start + 4, len(lines))):
        joined += squash(lines[end])
        if not any(w.startswith(joined) for w in wanted):
            break
        if joined in wanted:
            found = end + 1
    return found


def header_zone(lines: list[str]) -> list[str]:
    """The short lines under a headline (date, source, author, editor) up to the first paragraph."""
    out = []
    for line in lines:
        if len(line) > 120 or re.search(r"[。！？]", line) and len(line) > 40:
            break
        out.append(line)
    return out


def editor_lines(lines: list[str]) -> list[str]:
    """Editor credits printed after the article ("【责任编辑:王芳】"), up to a related-stories heading."""
    out = []
    for line in lines:
        if opens_other_stories(line):
            break
        if len(line) <= 40 and find_credits(line).get("editors") and is_credit_line(line):
            out.append(line)
    return out


def meta_authors(value: str | None) -> list[str]:
    """Person names of <meta name="author"> as the page wrote it; none from a placeholder ("name, email@…")."""
    if not value or re.search(r"@|https?:|\bname\b", value, re.I):
        return []
    return split_names(value.replace(";", ","))
