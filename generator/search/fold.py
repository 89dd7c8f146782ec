"""The one form search compares text in: every character folded on its own (NFKC, lower case,
OpenCC t2s), then the regional wording replaced by the mainland wording. The same table and
the same replacements run in the reader's browser on the query (assets/javascripts/
briefing-search.js), so 積體電路, 积体电路, 集成電路 and 集成电路 all become 集成电路 on both sides."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .. import scripts

# The code points whose folded form can differ from themselves and matter to search: Latin and its
# punctuation, enclosed numbers, CJK punctuation and ideographs, compatibility ideographs, full-width forms.
FOLDED_RANGES = ((0x20, 0x24F), (0x2000, 0x206F), (0x2460, 0x24FF), (0x3000, 0x303F), (0x3400, 0x4DBF),
                 (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xFF00, 0xFFEF))
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
TOKEN = re.compile(f"[{HAN}]+|[a-z0-9]+")
HAN_RUN = re.compile(f"^[{HAN}]+$")


@lru_cache(maxsize=1)
def character_table() -> dict[str, str]:
    """Each character whose folded form differs from it → that form (one character each)."""
    table = {}
    for low, high in FOLDED_RANGES:
        for point in range(low, high + 1):
            char = chr(point)
            folded = _fold_character(char)
            if folded != char:
                table[char] = folded
    return table


def _fold_character(char: str) -> str:
    """One character folded: NFKC, lower case, Simplified; a step is skipped when it gives several
    characters or one beyond the Basic Multilingual Plane (the browser's table is by UTF-16 unit)."""
    out = char
    for step in (lambda c: unicodedata.normalize("NFKC", c), str.lower,
                 lambda c: scripts.to_simplified(c) if "\u3400" <= c else c):
        folded = step(out)
        if len(folded) == 1 and folded <= "\uffff":
            out = folded
    return out


@dataclass(frozen=True)
class Folder:
    """Folds text for search: the character table, then the wording pairs (longest regional form first)."""

    pairs: tuple[tuple[str, str], ...]

    @classmethod
    def for_wording(cls, wording) -> Folder:
        """A folder with the (regional, mainland) pairs of a wording table, themselves folded character by character."""
        table = str.maketrans(character_table())
        pairs = {a.translate(table): b.translate(table) for a, b in getattr(wording, "pairs", ()) or ()}
        return cls(tuple(sorted(((a, b) for a, b in pairs.items() if a and a != b), key=lambda p: (-len(p[0]), p[0]))))

    @property
    def pattern(self) -> re.Pattern | None:
        """The alternation of the regional forms, in the pairs' order (JavaScript's RegExp picks the same)."""
        return scripts.Wording(self.pairs).pattern

    def __call__(self, text: str) -> str:
        """`text` in the folded form."""
        text = text.translate(_translation())
        pattern = self.pattern
        if pattern is None:
            return text
        table = dict(self.pairs)
        return pattern.sub(lambda m: table[m.group(0)], text)


@lru_cache(maxsize=1)
def _translation() -> dict[int, str]:
    """The character table as a str.translate table."""
    return str.maketrans(character_table())


def terms(folded: str) -> list[str]:
    """The index terms of folded text: each Han character and pair of neighbouring ones, each Latin word or number."""
    out = []
    for token in TOKEN.findall(folded):
        if token[0] >= "\u3400":
            out += token
            out += [token[i:i + 2] for i in range(len(token) - 1)]
        else:
            out.append(token)
    return out


def shard_of(term: str, shards: int) -> int:
    """The shard a term's postings are in: FNV-1a over its UTF-16 code units (the browser computes the same)."""
    value = 0x811C9DC5
    for unit in _utf16_units(term):
        value = ((value ^ unit) * 0x01000193) & 0xFFFFFFFF
    return value % shards


def _utf16_units(text: str) -> list[int]:
    """The UTF-16 code units of `text`, as JavaScript's charCodeAt gives them."""
    data = text.encode("utf-16-le")
    return [data[i] | data[i + 1] << 8 for i in range(0, len(data), 2)]
