"""Body lines of page text filed as paragraphs, headings, captions, credits or chrome."""
from __future__ import annotations

import re

from ..read.rules import alternation, reading
from .blocks import SENTENCE_PUNCT, body_block
from .chrome import ends_article, is_chrome, is_copyright, is_listing, scrub
from .cleaned import CleanArticle, Sources, add_credits, squash
from .credits import STAMP, find_credits, find_source, is_credit_line, publisher_like, trailing_credit
from .dateline import PIPES, outlet_piece
from .lead import lead_credit, phrase_source

WIRE_CREDIT = re.compile(rf"^(?P<lead>.{{0,24}}?(?:{alternation(reading('wire_endings'))}))\s*[(（](?P<credit>"
                         rf"(?:[^()（）]{{0,6}}(?:{alternation(reading('wire_roles'))}))[^()（）]{{1,30}})[)）]")
UNIT_CREDIT = re.compile(rf"\s*(?:{alternation(reading('unit_labels'))})\s*[:：]\s*(?P<v>[^\s，,。]{{2,30}})\s*$")
LEADING_STAMP = re.compile(r"^[^\d。，,]{0,8}[:：]?\s*(?:" + STAMP.pattern + r")\s*")
MARKDOWN_HEADING = re.compile(r"^(?:[-*+]\s+)*#{1,6}\s+")
BOLD_LINE = re.compile(r"^(?:[-*+]\s+)*\*\*(?P<t>[^*]+)\*\*\s*$")
BRACKETED = re.compile(r"【([^】]*)】|\[([^\]]*)\]")


def read_body(lines: list[str], art: CleanArticle, sources: Sources) -> None:
    """File each body line as a paragraph, heading, caption, credit or chrome, up to the article's end."""
    seen: set[str] = set()
    title_key = squash(art.title)
    closed = False  # an editor's line closed the article: only more credit lines may follow
    for raw in lines:
        heading, text = _unmark(raw)
        text = scrub(text)
        if not text:
            continue
        if ends_article(text):
            break
        if _take_credit(text, art, sources):
            closed = closed or (_has_paragraph(art) and bool(find_credits(text).get("editors")))
            continue
        if closed:
            break  # what follows the closing credits is page chrome
        text = _body_text(text, art, sources, title_key)
        if text is not None:
            _add_block(body_block(text, heading, art), art, seen)
    while art.blocks and art.blocks[-1].startswith("## "):
        art.blocks.pop()


def _body_text(text: str, art: CleanArticle, sources: Sources, title_key: str) -> str | None:
    """The article text of a body line (credits and a repeated headline taken out), or None for furniture."""
    if source := phrase_source(text):
        sources.unit.append(source)
    if is_chrome(text) or is_copyright(text):
        return None
    if not art.blocks and publisher_like(text):
        sources.dateline.append(text)  # a publisher's name alone under the dateline ("Xinhua")
        return None
    if title_key and _repeats_title(text, title_key):
        return None
    text = _strip_title_prefix(text, title_key)
    if is_listing(text):
        return None
    return _take_inline_credits(text, art, sources)


def _add_block(block: str, art: CleanArticle, seen: set[str]) -> None:
    """Append a block to the body unless it is empty or repeats what the body already holds."""
    key = squash(block)
    if _copies_earlier(key, seen):
        return
    if block and key not in seen:
        seen.add(key)
        art.blocks.append(block)


def _copies_earlier(key: str, seen: set[str]) -> bool:
    """True for a line made mostly of earlier paragraphs (a layout table flattened into one row)."""
    inside = [k for k in seen if len(k) >= 20 and k != key and k in key]
    return len(inside) >= 2 and sum(map(len, inside)) >= 0.6 * len(key)


def _has_paragraph(art: CleanArticle) -> bool:
    """True once the body holds a paragraph of some length (not only captions or headings)."""
    return any(len(p) >= 40 for p in art.paragraphs)


def _unmark(line: str) -> tuple[bool, str]:
    """(is a marked heading, text) of a line of light Markdown from the HTML reader."""
    if m := BOLD_LINE.match(line):
        return True, m.group("t").strip()
    if MARKDOWN_HEADING.match(line):
        return True, MARKDOWN_HEADING.sub("", line).replace("**", "").strip()
    return False, re.sub(r"^(?:[-*+]\s+)+", "", line).replace("**", "").strip()


def _repeats_title(text: str, title_key: str) -> bool:
    """A line that is the headline again (image alt text, a repeated headline or one of its lines)."""
    key = squash(text)
    return bool(key) and key in title_key and len(key) >= min(len(title_key), max(6, 0.4 * len(title_key)))


def _strip_title_prefix(text: str, title_key: str) -> str:
    """A line that starts with the headline, without it (and without a stamp right after it)."""
    if not title_key or not squash(text).startswith(title_key) or len(squash(text)) <= len(title_key):
        return text
    consumed, i = 0, 0
    while i < len(text) and consumed < len(title_key):
        if squash(text[i]):
            consumed += 1
        i += 1
    rest = text[i:].strip()
    return LEADING_STAMP.sub("", rest, count=1) if LEADING_STAMP.match(rest) else rest


def _take_credit(text: str, art: CleanArticle, sources: Sources) -> bool:
    """Take a line that is only a credit or a source line; True when the line is used up."""
    text = re.sub(r"(?<=[)）】\]])\s*\d{4,8}$", "", text)  # "（編輯：張均懋）1130527": a filing code
    if len(text) <= 40 and (source := find_source(text)) and not SENTENCE_PUNCT.search(text):
        sources.labelled.append(source)
        add_credits(find_credits(text), art)
        return True
    if is_credit_line(text):
        add_credits(find_credits(text), art)
        sources.dateline += [p for p in PIPES.split(text)[1:] if outlet_piece(p)][:1]  # By X | China Daily
        return True
    return _take_bracketed_credits(text, art)


def _take_bracketed_credits(text: str, art: CleanArticle) -> bool:
    """A line of bracketed buttons and credits ("【纠错】 【责任编辑：赵六】"): take the credits."""
    parts = [a or b for a, b in BRACKETED.findall(text)]
    if not parts or BRACKETED.sub("", text).strip():
        return False
    credits = [p for p in parts if is_credit_line(p)]
    if not credits or not all(p in credits or is_chrome(p) for p in parts):
        return False
    for part in credits:
        add_credits(find_credits(part), art)
    return True


def _take_inline_credits(text: str, art: CleanArticle, sources: Sources) -> str:
    """Take credits written into a paragraph (wire credit, lead credit, 作者单位, closing credit) and drop them."""
    if m := WIRE_CREDIT.match(text):
        add_credits(find_credits(m.group("credit")), art)
        text = m.group("lead") + text[m.end():]
    elif not art.paragraphs and (found := lead_credit(text)):
        text, credits, source = found
        add_credits(credits, art)
        sources.trailing += [source] if source else []
    if m := UNIT_CREDIT.search(text):
        sources.unit.append(m.group("v"))
        text = text[: m.start()].rstrip()
    return _take_closing_credit(text, art, sources)


def _take_closing_credit(text: str, art: CleanArticle, sources: Sources) -> str:
    """Take a bracketed credit or source closing a paragraph ("…。(记者 张三)") and drop it."""
    if not (closing := trailing_credit(text)):
        return text
    before, inside = closing
    credits = find_credits(inside)
    if credits and is_credit_line(inside):
        add_credits(credits, art)
        return before
    if (source := find_source(inside)) and len(inside) <= 30:
        sources.labelled.append(source)
        return before
    if publisher_like(inside) and re.search(r"[。！？!?”」]$", before):
        sources.trailing.append(inside)
        return before
    return text
