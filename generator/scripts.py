"""Chinese script handling: Simplified/Traditional conversion, regional wording, script detection.

Text is compared in one *folded* form: Unicode NFKC, OpenCC t2s (plus 産 → 产), then the
regional-wording table of content/taxonomy/wording.yml (積體電路 → 集成电路 …). `fold` keeps,
for every folded character, the index of the character it came from, so a match found in the
folded text can be cut from the text as written.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import opencc
import yaml

from .yamlsafe import load_data

_HAN = re.compile(r"[\u4e00-\u9fff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")  # lone surrogates: OpenCC cannot encode them
WORDING_FILE = Path("content") / "taxonomy" / "wording.yml"


@lru_cache(maxsize=None)
def _converter(config: str) -> opencc.OpenCC:
    """One cached OpenCC converter per configuration name (t2s, s2t, …)."""
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Text in Simplified characters (OpenCC t2s; 産 → 产); wording is left as written."""
    return _converter("t2s").convert(_SURROGATE.sub("\ufffd", text.replace("\u7522", "\u4ea7")))


def to_traditional(text: str) -> str:
    """Text in Traditional characters (OpenCC s2t)."""
    return _converter("s2t").convert(_SURROGATE.sub("\ufffd", text))


def detect_script(text: str) -> str:
    """`zh-Hant`, `zh-Hans` or `en`: the script most of the text is written in."""
    han = _HAN.findall(text)
    letters = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    if len(han) < max(20, letters // 4):
        return "en" if letters > len(han) else ("zh-Hans" if not han else _han_script("".join(han)))
    return _han_script("".join(han))


def _han_script(han: str) -> str:
    """`zh-Hant` when converting to Simplified changes more characters than converting to Traditional."""
    sample = han[:4000]
    to_s = sum(1 for a, b in zip(sample, to_simplified(sample)) if a != b)
    to_t = sum(1 for a, b in zip(sample, to_traditional(sample)) if a != b)
    return "zh-Hant" if to_s > to_t else "zh-Hans"


@dataclass(frozen=True)
class Wording:
    """The regional-wording table: Simplified regional forms → mainland forms, applied after t2s."""

    pairs: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_mapping(cls, mapping: dict) -> Wording:
        """A table from `{regional: mainland}` written in either script."""
        pairs = {to_simplified(str(k)): to_simplified(str(v)) for k, v in (mapping or {}).items()
                 if str(k).strip() and str(v).strip()}
        return cls(tuple(sorted(pairs.items(), key=lambda kv: (-len(kv[0]), kv[0]))))

    @classmethod
    def load(cls, path: Path) -> Wording:
        """The table in a wording.yml file; empty when the file is absent or unreadable (`briefing check` says why)."""
        if not path.is_file():
            return cls()
        try:
            data = load_data(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError):
            return cls()
        return cls.from_mapping(data if isinstance(data, dict) else {})

    @property
    def pattern(self) -> re.Pattern | None:
        """One alternation of every regional form, longest first (None for an empty table)."""
        return _pairs_pattern(self.pairs)[0]

    @property
    def table(self) -> dict[str, str]:
        """Regional form → mainland form."""
        return _pairs_pattern(self.pairs)[1]


@lru_cache(maxsize=64)
def _pairs_pattern(pairs: tuple[tuple[str, str], ...]) -> tuple[re.Pattern | None, dict[str, str]]:
    """A compiled alternation of the pairs' regional forms in the given order (None for no pairs), and the
    pairs as a dict: the one alternation of wording pairs (search/fold.py's Folder uses it too)."""
    keys = [k for k, _ in pairs]
    return (re.compile("|".join(map(re.escape, keys))) if keys else None), dict(pairs)


def project_wording(root: Path) -> Wording:
    """The wording table of the project at `root`."""
    path = (Path(root) / WORDING_FILE).resolve()
    return _wording_file(path, path.stat().st_mtime_ns if path.is_file() else 0)


@lru_cache(maxsize=8)
def _wording_file(path: Path, mtime: int) -> Wording:
    """The table in `path`, cached for as long as the file is unchanged."""
    return Wording.load(path)


@dataclass(frozen=True)
class Folded:
    """Text in the folded form with, for each character, the index of its source character."""

    text: str
    origin: tuple[int, ...]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the text as written that folded characters start..end come from."""
        if start >= end:
            pos = self.origin[start] if start < len(self.origin) else (self.origin[-1] + 1 if self.origin else 0)
            return pos, pos
        return self.origin[start], self.origin[end - 1] + 1


_FOLDED: dict[tuple[str, int], tuple[Wording | None, Folded]] = {}  # (text, id of wording) → (wording, folded)
FOLDED_KEPT = 4096   # texts remembered (an article's sentences are folded by several stages)


def fold(text: str, wording: Wording | None = None) -> Folded:
    """NFKC, t2s and the wording table over `text`, keeping where each character came from.

    The result is remembered for the last few thousand texts (a Folded never changes), keyed by the
    text and the very wording table it was folded with.
    """
    key = (text, id(wording))
    known = _FOLDED.get(key)
    if known is not None and known[0] is wording:
        return known[1]
    folded = _fold(text, wording)
    if len(_FOLDED) >= FOLDED_KEPT:
        _FOLDED.clear()
    _FOLDED[key] = (wording, folded)
    return folded


def _fold(text: str, wording: Wording | None) -> Folded:
    """fold() without remembering."""
    quick = _fold_in_place(text, wording)
    if quick is not None:
        return quick
    chars, origin = _nfkc(text)
    chars, origin = _t2s(chars, origin)
    if wording is not None and wording.pairs:
        chars, origin = _reword(chars, origin, wording)
    return Folded("".join(chars), tuple(origin))


def _fold_in_place(text: str, wording: Wording | None) -> Folded | None:
    """The folded text when folding changes no character's place (the common case), else None."""
    table = _nfkc_table(text)
    if table is None:
        return None
    simple = to_simplified(text.translate(table))
    if len(simple) != len(text) or (wording is not None and wording.pairs and wording.pattern.search(simple)):
        return None
    return Folded(simple, tuple(range(len(text))))


_NFKC: dict[str, str] = {}  # character → its NFKC form, for the characters seen so far


def _nfkc_table(text: str) -> dict[int, str] | None:
    """A str.translate table doing per-character NFKC on `text`; None when a character changes length."""
    table = {}
    for ch in set(text):
        out = _NFKC.get(ch)
        if out is None:
            out = _NFKC[ch] = unicodedata.normalize("NFKC", ch)
        if len(out) != 1:
            return None
        if out != ch:
            table[ord(ch)] = out
    return table


def _nfkc(text: str) -> tuple[list[str], list[int]]:
    """Per-character NFKC with origins (a character may expand to several)."""
    chars, origin = [], []
    for i, ch in enumerate(text):
        for out in unicodedata.normalize("NFKC", ch):
            chars.append(out)
            origin.append(i)
    return chars, origin


def _t2s(chars: list[str], origin: list[int]) -> tuple[list[str], list[int]]:
    """t2s on the whole text when it keeps the length (phrases convert right), else character by character."""
    whole = to_simplified("".join(chars))
    if len(whole) == len(chars):
        return list(whole), origin
    out_chars, out_origin = [], []
    for ch, pos in zip(chars, origin):
        for out in to_simplified(ch):
            out_chars.append(out)
            out_origin.append(pos)
    return out_chars, out_origin


def _reword(chars: list[str], origin: list[int], wording: Wording) -> tuple[list[str], list[int]]:
    """Replace regional forms by mainland forms; replacement characters inherit the replaced span's origins."""
    text = "".join(chars)
    table = wording.table
    out_chars, out_origin, last = [], [], 0
    for m in wording.pattern.finditer(text):
        out_chars += chars[last:m.start()]
        out_origin += origin[last:m.start()]
        width = m.end() - m.start()
        for i, ch in enumerate(table[m.group(0)]):
            out_chars.append(ch)
            out_origin.append(origin[m.start() + min(i, width - 1)])
        last = m.end()
    return out_chars + chars[last:], out_origin + origin[last:]


def normalise(text: str, wording: Wording) -> str:
    """NFKC, Simplified script, the mainland wording of `wording`, white space collapsed: the form used for hashing."""
    folded = fold(text, wording).text
    return re.sub(r"\s+", " ", folded).strip()
