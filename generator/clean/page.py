"""Page text → clean article: headline, dateline metadata, credits and a Markdown body without chrome.

The body is Markdown: paragraphs separated by blank lines, short heading lines as `## heading`,
and photo captions as a paragraph in italics (`*caption*`). The stages live in generator/read/:
headline.py finds the headline and header lines, dateline.py reads them, body.py files the body
lines (chrome.py: page furniture, blocks.py: captions and headings).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..read.rules import reading
from .body import read_body
from .cleaned import CleanArticle, Sources, squash
from .dateline import read_header
from .headline import is_latin, split_header
from .rejoin import rejoin_lines

__all__ = ["CleanArticle", "clean_page_text", "derive_title", "split_header", "squash"]

# A bold subheading run into a paragraph: after a sentence's end, or before text on its line.
INLINE_BOLD = re.compile(r"(?<=[。！？!?])[ \t]*\*\*(?P<t>[^*\n]{2,40})\*\*[ \t]*"
                         r"|(?m:^)[ \t]*\*\*(?P<u>[^*\n]{2,40})\*\*[ \t]+(?=\S)")


def clean_page_text(text: str, title: str | None = None, header: list[str] | None = None) -> CleanArticle:
    """Split page text into headline, dateline metadata, credits and a clean Markdown body.

    `title` is a headline known from elsewhere (an HTML page's markup); `header` the lines
    printed under it (dateline, source, credits). Without them both are found in the text.
    """
    lines = _lines(rejoin_lines(text))
    art, sources = CleanArticle(), Sources()
    if header is None:
        title_found, header, lines = split_header(lines)
        title = title or title_found
    art.title = title or ""
    read_header(header or [], art, sources)
    read_body(lines, art, sources)
    art.source = sources.best()
    if not art.title and art.paragraphs:
        art.title, art.title_derived = derive_title(art.paragraphs[0]), True
    return art


def _lines(text: str) -> list[str]:
    """Non-empty lines, white space collapsed, bold subheadings run into a paragraph split off."""
    text = INLINE_BOLD.sub(lambda m: f"\n**{(m.group('t') or m.group('u')).strip()}**\n", text)
    return [ln for ln in (re.sub(r"[ \t\u3000\u00a0]+", " ", s).strip() for s in text.split("\n")) if ln]


def derive_title(lead: str, limit: int = 40, limit_latin: int = 90) -> str:
    """A stand-in headline from the lead: its first clause after the opening date, time word or source
    (reading.yml lead_openers), at most `limit` characters (`limit_latin` for English, cut at a word)."""
    rest = lead
    while (m := _lead_opener().match(rest)) and m.end() and len(rest) - m.end() >= 4:
        rest = rest[m.end():]
    if not is_latin(rest):
        return re.split(r"[。！？!?；;，,]", rest)[0].strip()[:limit].strip()
    clause = re.split(r"(?<=[.!?;,])\s", rest)[0].strip().rstrip(".!?;,")
    clause = clause if len(clause) <= limit_latin else clause[:limit_latin].rsplit(" ", 1)[0]
    return clause[:1].upper() + clause[1:]


@lru_cache(maxsize=1)
def _lead_opener() -> re.Pattern:
    """Any of reading.yml's lead_openers at the start of a lead, with the punctuation after it."""
    openers = "|".join(f"(?:{p})" for p in reading("lead_openers"))
    return re.compile(rf"^(?:{openers})\s*[,，、:：]?\s*")
