"""Sentences and clauses: the quote a figure stands in, and the stretch its metric and cues come from."""
from __future__ import annotations

import re
from dataclasses import dataclass

_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
# A Chinese sentence ends at 。！？ (and a closing quote after them); an English one at . ! ? before
# white space and a capital, a quote or a bracket.
_SENTENCE_END = re.compile(r"[。！？!?]+[”’」』\"]?|\.(?=\s+[A-Z“\"(])|\.$")
CLAUSE_MARKS = "，,：:；;（）()—\n"
ITEM_MARKS = CLAUSE_MARKS + "、"


@dataclass(frozen=True)
class Sentence:
    """One sentence of a text: its words, verbatim, and whether it is written in English."""

    text: str
    english: bool
    paragraph: int = 0  # the number of the line (paragraph) the sentence stands in


def is_english(text: str) -> bool:
    """True when `text` has Latin words and hardly any Chinese characters."""
    han = len(_HAN.findall(text))
    latin = len(_LATIN.findall(text))
    return latin > 3 * han and latin >= 8


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of a title or a Markdown body, in order, each verbatim (the # of headings and the
    emphasis marks around a caption dropped)."""
    out = []
    for number, line in enumerate(text.splitlines()):
        line = line.strip().lstrip("#").strip().strip("*_").strip()
        if not line:
            continue
        start = 0
        for m in _SENTENCE_END.finditer(line):
            _add(out, line[start:m.end()], number)
            start = m.end()
        _add(out, line[start:], number)
    return out


def _add(out: list[Sentence], piece: str, paragraph: int) -> None:
    """Append a sentence unless it is empty."""
    piece = piece.strip()
    if piece:
        out.append(Sentence(piece, is_english(piece), paragraph))


def clause_start(text: str, pos: int, marks: str = CLAUSE_MARKS) -> int:
    """Where the clause holding position `pos` begins."""
    return max((text.rfind(ch, 0, pos) for ch in marks), default=-1) + 1


def clause_end(text: str, pos: int, marks: str = CLAUSE_MARKS) -> int:
    """Where the clause holding position `pos` ends."""
    ends = [i for i in (text.find(ch, pos) for ch in marks) if i >= 0]
    return min(ends) if ends else len(text)
