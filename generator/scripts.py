"""Chinese script handling: Simplified/Traditional conversion, regional wording, script detection."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

# Characters whose Simplified and Traditional forms differ; counted to tell the scripts apart.
_HAN = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=None)
def _converter(config: str) -> opencc.OpenCC:
    """One cached OpenCC converter per configuration name (t2s, s2t, …)."""
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Text in Simplified characters (OpenCC t2s; 産 → 产); wording is left as written."""
    return _converter("t2s").convert(text.replace("\u7522", "\u4ea7"))


def to_traditional(text: str) -> str:
    """Text in Traditional characters (OpenCC s2t)."""
    return _converter("s2t").convert(text)


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


def normalise(text: str) -> str:
    """Unicode NFKC, Simplified script and collapsed white space: the form used for hashing and matching."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", " ", to_simplified(text)).strip()
