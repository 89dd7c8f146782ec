"""Policy documents named in 《》, with the issuer and date where the sentence gives them;
newspapers, journals and programme slogans in 《》 are left out."""
from __future__ import annotations

import re
from functools import lru_cache

from ..scripts import to_simplified
from .rules import any_word, words

TITLE = re.compile(r"《([^《》\n]{4,120})》")
SENTENCE_START = re.compile(r"[。！？!?；;\n]")
FULL_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def find_policies(text: str) -> list[dict]:
    """{title, issuer?, date?} for every document title in `text`, once each, in order."""
    found: dict[str, dict] = {}
    for m in TITLE.finditer(text):
        title = m.group(1).strip()
        if title in found or not is_policy_title(title):
            continue
        sentence = text[_sentence_start(text, m.start()):m.start()]
        entry = {"title": title}
        issuer = _issuer(sentence)
        if issuer:
            entry["issuer"] = issuer
        date = FULL_DATE.search(sentence)
        if date:
            entry["date"] = f"{int(date.group(1)):04d}-{int(date.group(2)):02d}-{int(date.group(3)):02d}"
        found[title] = entry
    return list(found.values())


def is_policy_title(title: str) -> bool:
    """True for a document title: it holds a policy word and is no publication's name."""
    simple = to_simplified(title)
    if simple.endswith(words("publication_endings")):
        return False
    return any(w in simple for w in words("policy_words"))


def _sentence_start(text: str, pos: int) -> int:
    """Start of the sentence holding `pos`."""
    return max((m.end() for m in SENTENCE_START.finditer(text, 0, pos)), default=0)


@lru_cache(maxsize=1)
def _issuer_pattern() -> re.Pattern:
    """`<body ending in 政府/委员会/局 …><issuing verb>` right before the title."""
    return re.compile(rf"(?P<issuer>[\u4e00-\u9fff（）()、]{{0,30}}?(?:{any_word('issuer_endings')}))"
                      rf"(?:{any_word('policy_issue_adverbs')})?(?:{any_word('policy_issue_verbs')})"
                      rf"(?:{any_word('perfective_words')}|{any_word('possessive_words')})?$")


def _issuer(sentence: str) -> str | None:
    """The body that issued the document, from `…国务院办公厅印发《` style wording (Simplified)."""
    m = _issuer_pattern().search(to_simplified(sentence).rstrip())
    return m.group("issuer") if m else None
