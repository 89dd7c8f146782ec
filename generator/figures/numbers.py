"""Numbers as written: Arabic with separators, Chinese numerals (via cn2an), English words."""
from __future__ import annotations

from functools import lru_cache

import cn2an

# Full-width digits, letters and signs → ASCII, one character for one (offsets stay valid).
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F) if chr(code) not in "，；：（）！？"}
_FULL_WIDTH[0x3000] = 0x20
_TRADITIONAL_DIGITS = str.maketrans({"兩": "两", "萬": "万", "億": "亿", "〇": "零"})
_BARE_UNITS = "十百千万亿"


def half_width(text: str) -> str:
    """`text` with full-width digits, letters and % turned into ASCII, same length."""
    return text.translate(_FULL_WIDTH)


def parse_arabic(text: str) -> float:
    """The value of an Arabic number such as `1,234.5`."""
    return float(text.replace(",", ""))


@lru_cache(maxsize=4096)
def parse_chinese(text: str) -> float | None:
    """The value of a Chinese numeral (兩千五百億, 百億, 三點五), or None when it is no number."""
    simple = text.translate(_TRADITIONAL_DIGITS).replace("點", "点")
    if simple in ("万", "亿"):
        return None
    if simple[:1] in _BARE_UNITS and simple[:1] != "十":
        simple = "一" + simple
    if simple.startswith("十"):
        simple = "一" + simple
    try:
        value = cn2an.cn2an(simple, "strict")
    except (ValueError, KeyError, IndexError):
        try:
            value = cn2an.cn2an(simple, "normal")
        except (ValueError, KeyError, IndexError):
            return None
    return float(value)


def parse_number(text: str) -> float | None:
    """The value of a number written in Arabic digits or Chinese numerals."""
    if text[:1].isdigit():
        try:
            return parse_arabic(text)
        except ValueError:
            return None
    return parse_chinese(text)

