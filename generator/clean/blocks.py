"""One body line as a Markdown block: a photo caption (Chinese or English), a heading or a paragraph."""
from __future__ import annotations

import re

from ..read.rules import alternation, reading
from .cleaned import CleanArticle
from .credits import publisher_like, split_names

SENTENCE_PUNCT = re.compile(r"[。！？!?；;]|\.(?:\s|$)")
PHOTO_CREDIT = re.compile(
    rf"(?:(?:(?<![\u4e00-\u9fff])(?:{alternation(reading('photo_marks'))})|(?i:{alternation(reading('photo_words'))}))"
    r"\s*[:：/]?\s*(?P<a>[\u4e00-\u9fff]{2,4}(?:\s+[\u4e00-\u9fff]{2,4})*)"
    rf"|(?<![\u4e00-\u9fff])(?P<b>[\u4e00-\u9fff]{{2,4}})(?:\s+|\s*/\s*)(?:{alternation(reading('photo_after_name'))}))"
    r"\s*[)）]?\s*$")
EN_CAPTION = re.compile(rf"[\[(](?:{alternation(reading('en_caption_credits'))})\s*(?:/|:|by)\s*"
                        r"(?P<who>[^\])]{2,60})[\])]\s*$")
_START = {part: alternation(words) for part, words in reading("en_caption_start").items()}
EN_CAPTION_START = re.compile(rf"^(?:(?:{_START['determiners']})\s+)?(?:(?:{_START['kinds']})\s+)?"
                              rf"(?:{_START['nouns']})\s+(?:{_START['verbs']})\b", re.I)


def body_block(text: str, heading: bool, art: CleanArticle) -> str:
    """The Markdown block of one body line: a caption, a heading or a paragraph."""
    caption = _caption(text, art)
    if caption is not None:
        return caption
    if (heading and len(text) <= 60 and not SENTENCE_PUNCT.search(text)) or _heading_like(text):
        return f"## {text}"
    return text


def _caption(text: str, art: CleanArticle) -> str | None:
    """`*caption*` for a photo caption (its photographers taken into `art`), else None."""
    if m := PHOTO_CREDIT.search(text):
        names = [n for n in split_names(m.group("a") or m.group("b") or "") if not publisher_like(n)]
        if names and len(text) <= 120:
            _add_photographers(names, art)
            art.captions.append(text)
            return f"*{text}*"
    if m := EN_CAPTION.search(text):
        _add_photographers([n for n in split_names(m.group("who")) if not publisher_like(n)], art)
        art.captions.append(text)
        return f"*{text}*"
    if (text.startswith(tuple(reading("caption_marks"))) and len(text) <= 120
            or EN_CAPTION_START.match(text) and len(text) <= 300):
        art.captions.append(text.lstrip("△▲ "))
        return f"*{text.lstrip('△▲ ')}*"
    return None


def _add_photographers(names: list[str], art: CleanArticle) -> None:
    """Add photographers' names to the article, keeping order and dropping repeats."""
    art.photographers += [n for n in names if n not in art.photographers]


def _heading_like(text: str) -> bool:
    """A short line without closing punctuation between paragraphs: a section heading."""
    if not 4 <= len(text) <= 32 or re.search(r"[。！？!?.；;，,：:、）)]$", text):
        return False
    return not re.fullmatch(r"[\d\s.,:/-]+", text)
