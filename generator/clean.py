"""Page text → clean article: headline, dateline metadata, credits and a Markdown body without chrome.

The body is Markdown: paragraphs separated by blank lines, short heading lines as `## heading`,
and photo captions as a paragraph in italics (`*caption*`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .read.credits import (STAMP, find_credits, find_source, is_credit_line, parse_stamp,
                           publisher_like, role_regex, split_names, stamp_parts, trailing_credit)
from .read.lead import lead_credit, phrase_source
from .read.rules import any_of, chrome_words, reading

SENTENCE_PUNCT = re.compile(r"[。！？!?；;]|\.(?:\s|$)")
PINYIN_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]*[)）]")
PHOTO_CREDIT = re.compile(
    r"(?:(?:(?<![\u4e00-\u9fff])(?:攝|摄|图|圖)|攝影|摄影|图片|圖片|(?i:photo))\s*[:：/]?\s*"
    r"(?P<a>[\u4e00-\u9fff]{2,4}(?:\s+[\u4e00-\u9fff]{2,4})*)"
    r"|(?<![\u4e00-\u9fff])(?P<b>[\u4e00-\u9fff]{2,4})(?:\s+|\s*/\s*)(?:攝影|摄影|攝|摄))\s*[)）]?\s*$")
WIRE_CREDIT = re.compile(r"^(?P<lead>.{0,24}?(?:电|電|讯|訊))\s*[(（](?P<credit>(?:[^()（）]{0,6}"
                         r"(?:记者|記者|通讯员|通訊員))[^()（）]{1,30})[)）]")
UNIT_CREDIT = re.compile(r"\s*(?:作者单位|作者單位|稿件来源|稿件來源)\s*[:：]\s*(?P<v>[^\s，,。]{2,30})\s*$")
NUMERIC_STAMP = re.compile(r"(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}|(?:19|20)\d{2}年\d{1,2}月\d{1,2}日\s*\d{1,2}:\d{2}")
LEADING_STAMP = re.compile(r"^[^\d。，,]{0,8}[:：]?\s*(?:" + STAMP.pattern + r")\s*")
MARKDOWN_HEADING = re.compile(r"^(?:[-*+]\s+)*#{1,6}\s+")
BOLD_LINE = re.compile(r"^(?:[-*+]\s+)*\*\*(?P<t>[^*]+)\*\*\s*$")
# A bold subheading run into a paragraph: after a sentence's end, or before text on its line.
INLINE_BOLD = re.compile(r"(?<=[。！？!?])[ \t]*\*\*(?P<t>[^*\n]{2,40})\*\*[ \t]*"
                         r"|(?m:^)[ \t]*\*\*(?P<u>[^*\n]{2,40})\*\*[ \t]+(?=\S)")
EN_CAPTION = re.compile(r"[\[(](?:Photo|Photos|Image|Provided)\s*(?:/|:|by)\s*(?P<who>[^\])]{2,60})[\])]\s*$")
WEB_DOMAIN = re.compile(r"(?:[a-z0-9-]+\.)+(?:com|cn|net|org|gov|hk|tw)(?:\.cn)?", re.I)
EN_CAPTION_START = re.compile(r"^(?:(?:This|An?|The)\s+)?(?:(?:aerial|file|undated)\s+)?(?:photo|picture|image)\s+"
                              r"(?:taken|shows|provided)\b", re.I)
HEADLINE_MAX = 64  # characters: a longer line is a paragraph, never a headline …
HEADLINE_MAX_LATIN = 160  # … of Chinese; an English headline of 20 words is common
LABELLED_ROLE = re.compile(r"[\s:：/|｜丨]")
BRACKETED = re.compile(r"【([^】]*)】|\[([^\]]*)\]")


@dataclass
class CleanArticle:
    """What the cleaner finds in page text: headline, dateline fields, credits and body blocks."""

    title: str = ""
    title_derived: bool = False     # no headline in the input: the lead's first clause stands in
    published: str | None = None    # 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM[:SS]' as printed
    source: str | None = None
    editors: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    blocks: list[str] = field(default_factory=list)      # Markdown blocks in order
    captions: list[str] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[str]:
        """The text paragraphs (no headings, no captions)."""
        return [b for b in self.blocks if not b.startswith(("## ", "*"))]

    @property
    def body(self) -> str:
        """The body as Markdown: blocks separated by blank lines."""
        return "\n\n".join(self.blocks)


@dataclass
class _Sources:
    """Publisher names found in different places, most trusted first when resolved."""

    labelled: list[str] = field(default_factory=list)   # 來源:X anywhere
    unit: list[str] = field(default_factory=list)       # 作者单位:X
    trailing: list[str] = field(default_factory=list)   # …。(廣州日報)
    dateline: list[str] = field(default_factory=list)   # 新華網 2019-03-18 09:09:57

    def best(self) -> str | None:
        """The most trusted publisher name found."""
        for names in (self.labelled, self.unit, self.trailing, self.dateline):
            if names:
                return names[0]
        return None


def clean_page_text(text: str, title: str | None = None, header: list[str] | None = None) -> CleanArticle:
    """Split page text into headline, dateline metadata, credits and a clean Markdown body.

    `title` is a headline known from elsewhere (an HTML page's markup); `header` the lines
    printed under it (dateline, source, credits). Without them both are found in the text.
    """
    lines = _lines(text)
    art, sources = CleanArticle(), _Sources()
    if header is None:
        title_found, header, lines = split_header(lines)
        title = title or title_found
    art.title = title or ""
    _read_header(header or [], art, sources)
    _read_body(lines, art, sources)
    art.source = sources.best()
    if not art.title and art.paragraphs:
        art.title, art.title_derived = derive_title(art.paragraphs[0]), True
    return art


def _lines(text: str) -> list[str]:
    """Non-empty lines, white space collapsed, bold subheadings run into a paragraph split off."""
    text = INLINE_BOLD.sub(lambda m: f"\n**{(m.group('t') or m.group('u')).strip()}**\n", text)
    return [ln for ln in (re.sub(r"[ \t\u3000\u00a0]+", " ", s).strip() for s in text.split("\n")) if ln]


# ---------------------------------------------------------------- header

def split_header(lines: list[str]) -> tuple[str, list[str], list[str]]:
    """(headline, header lines, body lines) of a page-text dump."""
    limit = next((i for i, ln in enumerate(lines) if _is_paragraph(ln)), len(lines))
    for i, line in enumerate(lines[: min(limit + 1, 15)]):
        m = STAMP.search(line)
        if not m:
            continue
        if i < limit and len(line) <= 100 + 60 * _latin(line):
            head = _headline(lines[:i])
            if not head and i + 2 < len(lines) and _headline_like(lines[i + 1]) and _runs_on(lines[i + 2], lines[i + 1]):
                return lines[i + 1], [line], lines[i + 2:]   # the dateline printed above the headline
            return head, _between(lines[:i], head) + [line], lines[i + 1:]
        shared = _shared_dateline(line, m)
        if shared:
            head, stamp, rest = shared
            return head, [stamp], [rest] + lines[i + 1:]
    limit = next((i for i, ln in enumerate(lines) if _is_paragraph(ln) or re.search(r"[。！？]$", ln)), len(lines))
    head = _headline(lines[:limit])
    if not head:
        return "", [], lines
    last = max(i for i, ln in enumerate(lines[:limit]) if ln in head)
    return head, [], lines[last + 1:]


def _between(before: list[str], head: str) -> list[str]:
    """The lines between the headline and the dateline (a byline, a source line)."""
    at = [i for i, ln in enumerate(before) if head and ln in head]
    return before[at[-1] + 1:] if at else []


def _latin(line: str) -> bool:
    """True for a line written mostly in Latin letters (an English headline or paragraph)."""
    letters = re.findall(r"[A-Za-z\u4e00-\u9fff]", line)
    return bool(letters) and sum(c.isascii() for c in letters) > 0.7 * len(letters)


def _is_paragraph(line: str) -> bool:
    """A long line with sentence punctuation: body text, not page furniture."""
    if _latin(line):  # an English headline has commas but no closing full stop
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
    if _is_chrome(line) or len(line) > (HEADLINE_MAX_LATIN if _latin(line) else HEADLINE_MAX) or len(line) < 4:
        return False
    return not (re.search(r"[。！？；;，,:：]$", line) or _is_byline(line))


def _is_byline(line: str) -> bool:
    """A credit line with a role word set off by a colon or space ("作者：林一帆", "澎湃新闻记者 陈思远")."""
    if not is_credit_line(line):
        return False
    return any(LABELLED_ROLE.match(line, m.end()) for m in role_regex().finditer(line))


def _read_header(header: list[str], art: CleanArticle, sources: _Sources) -> None:
    """Take the stamp, source and credits printed under the headline."""
    for line in header:
        if art.published is None and (stamp := parse_stamp(line)):
            art.published = stamp
            m = STAMP.search(line)
            prefix, suffix = line[: m.start()].strip(" |｜·-"), line[m.end():].strip(" |｜·-")
            if _read_original_mark(prefix, art, sources):
                pass
            elif _names_publisher(prefix, art.title):
                sources.dateline.append(prefix)
            elif publisher_like(suffix):           # 2024-08-15 09:30 | 新华网
                sources.dateline.append(suffix)
            else:                                  # By NAME | China Daily | Updated: 2024-05-20
                sources.dateline += [p for p in re.split(r"\s*[|｜]\s*", prefix) if _outlet_piece(p)][:1]
        if source := find_source(line):
            sources.labelled.append(source)
        elif outlet := _credit_outlet(line):
            sources.dateline.append(outlet)   # 南方+ 记者 刘洋: the reporter's outlet
        _add_credits(find_credits(line), art)


def _credit_outlet(line: str) -> str | None:
    """The outlet named before a byline's role word ("澎湃新闻记者 陈思远" → 澎湃新闻), or None."""
    if not is_credit_line(line):
        return None
    m = role_regex().search(line)
    prefix = line[: m.start()].strip(" |｜")
    return prefix if prefix and (publisher_like(prefix) or not split_names(prefix)) else None


def _outlet_piece(piece: str) -> bool:
    """True for a piece of a "By … | China Daily | Updated: …" line that names the outlet."""
    return publisher_like(piece) or bool(WEB_DOMAIN.fullmatch(piece))


def _read_original_mark(prefix: str, art: CleanArticle, sources: _Sources) -> bool:
    """A WeChat header ("原创 李松 松湖产业观察"): the account is the publisher, the names before it authors."""
    words = prefix.split()
    if not words or words[0] not in reading("original_marks"):
        return False
    if len(words) >= 2:
        sources.dateline.append(words[-1])
        _add_credits({"authors": split_names(" ".join(words[1:-1]))}, art)
    return True


def _names_publisher(prefix: str, title: str) -> bool:
    """True when the text printed before a dateline's stamp can be the publisher's name."""
    if not prefix or len(prefix) > 16 or re.search(r"[:：\d|｜]", prefix) or prefix == title:
        return False
    if " " in prefix and not prefix.isascii():
        return False
    return prefix not in reading("date_labels") and not _is_chrome(prefix)


def _add_credits(found: dict[str, list[str]], art: CleanArticle) -> None:
    """Add credited names to the article's lists, keeping order and dropping repeats."""
    for role, names in found.items():
        if role not in ("editors", "authors", "photographers"):
            continue
        target = getattr(art, role)
        target += [n for n in names if n not in target]


# ---------------------------------------------------------------- body

def _read_body(lines: list[str], art: CleanArticle, sources: _Sources) -> None:
    """File each body line as a paragraph, heading, caption, credit or chrome, up to the article's end."""
    seen: set[str] = set()
    title_key = squash(art.title)
    closed = False  # an editor's line closed the article: only more credit lines may follow
    for raw in lines:
        heading, text = _unmark(raw)
        text = _scrub(text)
        if not text:
            continue
        if _ends_article(text):
            break
        if _take_credit(text, art, sources):
            closed = closed or (_has_paragraph(art) and bool(find_credits(text).get("editors")))
            continue
        if closed:
            break  # what follows the closing credits is page chrome
        if source := phrase_source(text):
            sources.unit.append(source)
        if _is_chrome(text) or _is_copyright(text):
            continue
        if not art.blocks and publisher_like(text):
            sources.dateline.append(text)  # a publisher's name alone under the dateline ("Xinhua")
            continue
        if title_key and _repeats_title(text, title_key):
            continue
        text = _strip_title_prefix(text, title_key)
        if _is_listing(text):
            continue
        text = _take_inline_credits(text, art, sources)
        block = _block(text, heading, art)
        key = squash(block)
        if _copies_earlier(key, seen):
            continue
        if block and key not in seen:
            seen.add(key)
            art.blocks.append(block)
    while art.blocks and art.blocks[-1].startswith("## "):
        art.blocks.pop()


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


def _scrub(text: str) -> str:
    """Text without injected spam, pinyin glosses (發(fā)布) or stray white space."""
    text = any_of("boilerplate.yml", "inline_spam").sub("", text)
    return PINYIN_GLOSS.sub("", text).strip()


def _ends_article(text: str) -> bool:
    """True for a line that opens a related-news block, comments or a legal notice."""
    core = text.strip("【】[]■●◆▶►·•#* ")
    m = any_of("boilerplate.yml", "end_markers").match(core)
    if not m:
        return False
    rest = core[m.end():].strip(" :：>》»|")
    return len(rest) <= 6 or not re.search(r"[。！？]", rest)


def _is_chrome(text: str) -> bool:
    """Navigation, share widgets, counters, prompts and other page furniture."""
    core = text.strip("【】[]()（）<>《》 ").lower()
    if core in chrome_words():
        return True
    return len(text) <= 120 and bool(any_of("boilerplate.yml", "chrome_patterns").search(text))


def _is_copyright(text: str) -> bool:
    """Copyright, licence and ICP notices."""
    return len(text) <= 200 and bool(any_of("boilerplate.yml", "copyright_patterns").search(text))


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


def _take_credit(text: str, art: CleanArticle, sources: _Sources) -> bool:
    """Take a line that is only a credit or a source line; True when the line is used up."""
    text = re.sub(r"(?<=[)）】\]])\s*\d{4,8}$", "", text)  # "（編輯：張均懋）1130527": a filing code
    if len(text) <= 40 and (source := find_source(text)) and not SENTENCE_PUNCT.search(text):
        sources.labelled.append(source)
        _add_credits(find_credits(text), art)
        return True
    if is_credit_line(text):
        _add_credits(find_credits(text), art)
        sources.dateline += [p for p in re.split(r"\s*[|｜]\s*", text)[1:] if _outlet_piece(p)][:1]  # By X | China Daily
        return True
    return _take_bracketed_credits(text, art)


def _take_bracketed_credits(text: str, art: CleanArticle) -> bool:
    """A line of bracketed buttons and credits ("【纠错】 【责任编辑：赵六】"): take the credits."""
    parts = [a or b for a, b in BRACKETED.findall(text)]
    if not parts or BRACKETED.sub("", text).strip():
        return False
    credits = [p for p in parts if is_credit_line(p)]
    if not credits or not all(p in credits or _is_chrome(p) for p in parts):
        return False
    for part in credits:
        _add_credits(find_credits(part), art)
    return True


def _is_listing(text: str) -> bool:
    """A short line with a printed stamp and no sentence: a dateline again, or a story list entry."""
    return bool(NUMERIC_STAMP.search(text)) and len(text) <= 100 and not re.search(r"[。！？]", text)


def _take_inline_credits(text: str, art: CleanArticle, sources: _Sources) -> str:
    """Take credits written into a paragraph (wire credit, closing credit, 作者单位) and drop them."""
    if m := WIRE_CREDIT.match(text):
        _add_credits(find_credits(m.group("credit")), art)
        text = m.group("lead") + text[m.end():]
    elif not art.paragraphs and (found := lead_credit(text)):
        text, credits, source = found
        _add_credits(credits, art)
        sources.trailing += [source] if source else []
    if m := UNIT_CREDIT.search(text):
        sources.unit.append(m.group("v"))
        text = text[: m.start()].rstrip()
    if closing := trailing_credit(text):
        before, inside = closing
        credits = find_credits(inside)
        if credits and is_credit_line(inside):
            _add_credits(credits, art)
            text = before
        elif (source := find_source(inside)) and len(inside) <= 30:
            sources.labelled.append(source)
            text = before
        elif publisher_like(inside) and re.search(r"[。！？!?”」]$", before):
            sources.trailing.append(inside)
            text = before
    return text


def _block(text: str, heading: bool, art: CleanArticle) -> str:
    """The Markdown block of one body line: a caption, a heading or a paragraph."""
    if m := PHOTO_CREDIT.search(text):
        names = [n for n in split_names(m.group("a") or m.group("b") or "") if not publisher_like(n)]
        if names and len(text) <= 120:
            art.photographers += [n for n in names if n not in art.photographers]
            art.captions.append(text)
            return f"*{text}*"
    if m := EN_CAPTION.search(text):
        names = [n for n in split_names(m.group("who")) if not publisher_like(n)]
        art.photographers += [n for n in names if n not in art.photographers]
        art.captions.append(text)
        return f"*{text}*"
    if (text.startswith(("△", "▲", "图为", "圖為", "上图", "上圖", "下图", "下圖")) and len(text) <= 120
            or EN_CAPTION_START.match(text) and len(text) <= 300):
        art.captions.append(text.lstrip("△▲ "))
        return f"*{text.lstrip('△▲ ')}*"
    if (heading and len(text) <= 60 and not SENTENCE_PUNCT.search(text)) or _heading_like(text):
        return f"## {text}"
    return text


def _heading_like(text: str) -> bool:
    """A short line without closing punctuation between paragraphs: a section heading."""
    if not 4 <= len(text) <= 32 or re.search(r"[。！？!?.；;，,：:、）)]$", text):
        return False
    return not re.fullmatch(r"[\d\s.,:/-]+", text)


def derive_title(lead: str, limit: int = 40) -> str:
    """A stand-in headline from the lead: its first clause, without a leading date."""
    lead = re.sub(r"^(?:\d{4}年)?\d{1,2}月\d{1,2}[日号](?:上午|下午|晚上|晚)?[,，]?", "", lead)
    clause = re.split(r"[。！？!?；;，,]", lead)[0]
    return clause[:limit].strip()


def squash(text: str) -> str:
    """Text without white space, punctuation and Markdown marks, for comparing lines."""
    return re.sub(r"[\s\W_]+", "", text).lower()
