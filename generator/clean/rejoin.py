"""Line breaks inside sentences taken out: text laid out for a phone (a WeChat post pasted line by line)
or hard-wrapped, re-joined into sentences before the cleaner reads its lines.

A break is certainly inside a sentence when the line ends in a comma or an opening bracket, or
the next one starts with a closing mark ("，" "。" "）"), or an English line runs on in lower case:
such breaks are always joined. A text most of whose prose lines end open (no 。！？ at the end,
mid-word or mid-clause) is laid out line by line: there every break between prose lines is
joined unless the next line opens a sentence of its own (reading.yml: lead_openers, followed by
a comma) or a list item. Chrome, credit and dateline lines, Markdown headings and list items are
never joined.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..read.rules import alternation, load, reading
from ..scripts import to_traditional
from .chrome import is_chrome
from .credits import STAMP, is_credit_line

TERMINAL = re.compile(r"[。！？!?…」』”\"’'）)】\]]$|\.$")
OPEN_END = re.compile(r"[，、,（(《“‘「『—]$")
CLOSING_START = re.compile(r"^[，。、；：！？”’」』）)》%％,.;:!?]")
CHINESE = re.compile(r"[\u4e00-\u9fff]")
INNER_PUNCT = re.compile(r"[，、。；：,]")
LIST_START = re.compile(r"^(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、.．]"
                        r"|\d{1,2}(?:[、．)）]|\.(?!\d))\s*\S|[•·●■◆▶►△▲]"
                        r"|第[一二三四五六七八九十\d]{1,3}[条章节、])")
MARKDOWN_START = re.compile(r"^\s*(?:#{1,6}\s|[-*+]\s|>|\||\*\*|!\[)")
LATIN_RUN_ON = re.compile(r"[A-Za-z,]$")
LOWER_START = re.compile(r"^[a-z]")
TITLE_TAIL = 10      # characters at the end of a line searched for an official's title
MIN_OPEN_LINES = 4   # a text is laid out line by line from this many prose lines ending open …
OPEN_SHARE = 0.6     # … when they are at least this share of its prose lines


def rejoin_lines(text: str) -> str:
    """The text with line breaks inside sentences removed (blank lines between the pieces too)."""
    lines = text.split("\n")
    pieces = [(i, ln.strip()) for i, ln in enumerate(lines) if ln.strip()]
    if len(pieces) < 2:
        return text
    texts = [s for _, s in pieces]
    prose = _ProseLines(texts)
    laid_out = _may_be_laid_out(texts) and _laid_out(texts, prose)
    joins = [n for n in range(len(pieces) - 1)
             if _may_join(texts[n], texts[n + 1], laid_out)
             and _joins(texts[n], texts[n + 1], prose[n] and prose[n + 1], laid_out)]
    if not joins:
        return text
    return _joined(lines, pieces, set(joins))


def _joined(lines: list[str], pieces: list[tuple[int, str]], joins: set[int]) -> str:
    """The lines with each joined piece run on into the next (the blank lines between dropped)."""
    out, copied, n = [], 0, 0
    while n < len(pieces):
        start, text = pieces[n]
        out += lines[copied:start]      # the blank lines before a piece that starts a line
        while n in joins:
            n += 1
            text = _glue(text, pieces[n][1])
        out.append(text)
        copied = pieces[n][0] + 1
        n += 1
    return "\n".join(out + lines[copied:])


def _glue(left: str, right: str) -> str:
    """Two pieces of one sentence: a space between Latin words, nothing between Chinese characters."""
    if re.search(r"[A-Za-z0-9,;:]$", left) and re.match(r"[A-Za-z0-9(]", right):
        return f"{left} {right}"
    return left + right


def _joins(left: str, right: str, both_prose: bool, laid_out: bool) -> bool:
    """True when the break between `left` and `right` lies inside a sentence."""
    if not both_prose or LIST_START.match(right):
        return False
    if OPEN_END.search(left) or CLOSING_START.match(right) or _title_then_name(left, right):
        return True
    if LATIN_RUN_ON.search(left) and LOWER_START.match(right):
        return True
    return laid_out and not TERMINAL.search(left) and not left.endswith(("：", ":", "；", ";")) \
        and bool(CHINESE.search(left[-1:] + right[:1])) and not _opens_sentence(right)


class _ProseLines:
    """Whether each line is prose (`_is_prose`), worked out for the lines asked about only."""

    def __init__(self, texts: list[str]):
        self.texts, self.known = texts, {}

    def __getitem__(self, n: int) -> bool:
        """True when line `n` is prose."""
        if n not in self.known:
            self.known[n] = _is_prose(self.texts[n])
        return self.known[n]


def _may_join(left: str, right: str, laid_out: bool) -> bool:
    """A quick test that `_joins` may hold for a break (punctuation only; no line is classified yet)."""
    return bool(laid_out and not TERMINAL.search(left) or OPEN_END.search(left) or CLOSING_START.match(right)
                or LATIN_RUN_ON.search(left) and LOWER_START.match(right) or _title_then_name(left, right))


def _may_be_laid_out(texts: list[str]) -> bool:
    """A quick test that `_laid_out` may hold: enough Chinese lines end open, two of them mid-clause."""
    open_lines = [s for s in texts[:-1] if CHINESE.search(s) and not TERMINAL.search(s)]
    return len(open_lines) >= MIN_OPEN_LINES and \
        sum(1 for s in open_lines if INNER_PUNCT.search(s[:-1]) or OPEN_END.search(s)) >= 2


def _laid_out(texts: list[str], prose: _ProseLines) -> bool:
    """True when most prose lines end open and some break inside a clause: a text laid out line by line."""
    chinese = [s for n, s in enumerate(texts) if CHINESE.search(s) and prose[n]]
    open_lines = [s for s in chinese[:-1] if not TERMINAL.search(s)]
    if len(open_lines) < MIN_OPEN_LINES or len(open_lines) < OPEN_SHARE * len(chinese):
        return False
    return sum(1 for s in open_lines if INNER_PUNCT.search(s[:-1]) or OPEN_END.search(s)) >= 2


def _is_prose(line: str) -> bool:
    """True for a line that may be part of a sentence: no chrome, credit, dateline, Markdown block or header."""
    if MARKDOWN_START.match(line) or is_chrome(line) or STAMP.search(line):
        return False
    if line.split()[0] in reading("original_marks"):
        return False
    return not (len(line) <= 40 and is_credit_line(line))


@lru_cache(maxsize=1)
def _title_and_name() -> tuple[re.Pattern, re.Pattern]:
    """(an official's title ending a line, a surname starting one), from entities.yml, in either script."""
    data = load("entities.yml")
    roles = {f for r in data["person_roles"] if not r.isascii() for f in (r, to_traditional(r))}
    surnames = {f for s in data["surnames"] for f in (s, to_traditional(s))}
    return re.compile(f"(?:{alternation(roles)})$"), re.compile(f"^(?:{alternation(surnames)})[\u4e00-\u9fff]")


def _title_then_name(left: str, right: str) -> bool:
    """True for a line ending in an official's title with the name on the next (…党工委书记 / 陈杰出席…)."""
    title, name = _title_and_name()
    return len(left) >= 4 and bool(title.search(left[-TITLE_TAIL:])) and bool(name.match(right))


@lru_cache(maxsize=1)
def _sentence_opener() -> re.Pattern:
    """A lead opener followed by a comma: a line starting a sentence of its own ("1月28日，" "日前，")."""
    openers = "|".join(f"(?:{p})" for p in reading("lead_openers"))
    return re.compile(rf"^(?:{openers})\s*[，,]")


def _opens_sentence(line: str) -> bool:
    """True for a line that starts a sentence of its own."""
    return bool(_sentence_opener().match(line))
