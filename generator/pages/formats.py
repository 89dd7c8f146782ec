"""How figures read on the pages: as written, normalised (`2,500億元 (¥250.0 bn)`), labelled."""
from __future__ import annotations

from functools import lru_cache

from ..scripts import to_simplified
from ..series import SUB_YEAR_PERIOD
from .briefing import page_words, period_name

CURRENCY = {"CNY": "¥", "USD": "US$", "HKD": "HK$", "EUR": "€", "JPY": "JP¥", "GBP": "£", "TWD": "NT$"}
UNIT_LABEL = {"m2": "m²", "km2": "km²", "percent": "%", "count": ""}
QUALIFIER = {"over": "over ", "nearly": "nearly ", "about": "about ", "under": "under ",
             "at_least": "at least ", "up_to": "up to ", "tier": ""}
SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"))
KIND_LABEL = {"actual": "實際", "target": "目標", "fact": "規模"}
KIND_EN = {"actual": "actual", "target": "target", "fact": "fact"}


def plain_number(value: float) -> str:
    """A number with thousands separators and at most two decimals: 1,234.5."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def scaled(value: float) -> str:
    """A large amount in tn/bn/m with one decimal: 250000000000 → `250.0 bn`."""
    for size, word in SCALES:
        if abs(value) >= size:
            return f"{value / size:,.1f} {word}"
    return plain_number(value)


def quantity(value: float, unit: str) -> str:
    """One normalised quantity with its unit: `¥250.0 bn`, `20%`, `1,200 m²`."""
    if unit in CURRENCY:
        return f"{CURRENCY[unit]}{scaled(value)}"
    if unit == "percent":
        return f"{plain_number(value)}%"
    label = UNIT_LABEL.get(unit, unit or "")
    return f"{plain_number(value)} {label}".strip()


def normalised(figure: dict) -> str:
    """The figure in base units for a reader: `over ¥200.0 bn`, `3–5`, `tier ¥10.0 bn`; '' when unknown."""
    unit = figure.get("unit") or ""
    low, high, value = figure.get("low"), figure.get("high"), figure.get("value")
    if _number(low) and _number(high):
        text = f"{_bare(low, unit)}–{quantity(float(high), unit)}"
    elif _number(value):
        text = quantity(float(value), unit)
    else:
        return ""
    qualifier = figure.get("qualifier")
    text = QUALIFIER.get(qualifier, "") + text
    return text + "-tier" if qualifier == "tier" else text


def _bare(value, unit: str) -> str:
    """The low end of a range, without repeating the unit."""
    text = quantity(float(value), unit)
    symbol = CURRENCY.get(unit)
    if symbol:
        return text
    return text.replace("%", "").replace(UNIT_LABEL.get(unit, unit or "") or "\0", "").strip()


def _number(value) -> bool:
    """True for an int or float (bool excluded)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def as_written_and_normalised(figure: dict) -> str:
    """`2,500億元 (¥250.0 bn)`: the text as written, then the normalised value when it says more."""
    text = str(figure.get("text") or "")
    norm = normalised(figure)
    return f"{text} ({norm})" if norm and not _says_nothing_more(norm, text) else text


def _says_nothing_more(norm: str, text: str) -> bool:
    """True when the normalised value is already legible in the text as written (`400` in `400個`)."""
    return _squeeze(norm) in _squeeze(text)


def _squeeze(s: str) -> str:
    """Without separators and spaces."""
    return s.replace(",", "").replace("–", "-").replace(" ", "")


def sort_value(figure: dict) -> float | None:
    """The number a figure sorts by: its value, else the middle of its range."""
    value, low, high = figure.get("value"), figure.get("low"), figure.get("high")
    if _number(value):
        return float(value)
    if _number(low) and _number(high):
        return (float(low) + float(high)) / 2
    return None


def metric_label(figure: dict) -> str:
    """`固定資產投資 · Fixed-asset investment`: the metric in the article's words and in English."""
    metric, english = (figure.get("metric") or "").strip(), (figure.get("metric_en") or "").strip()
    if metric and english:
        return f"{metric} · {english}"
    return metric or english


class PeriodWords:
    """How a figure's year and period read in one script: 2025, 2021 上半年 H1, 2016 1–10月 Jan–Oct,
    2004 累計 cumulative, 建成後 on completion (pages.yml `periods` and `period_notes`)."""

    def __init__(self, words: dict, convert):
        named = {**words["periods"], **words["period_notes"]}
        self.names = {key: (convert(zh), en) for key, (zh, en) in named.items() if zh}
        self.known: dict[tuple, str] = {}   # (year, period) → its words: a corpus repeats a few dozen

    def when(self, figure) -> str:
        """The year and period a figure is for, as its table cell writes them, or ''."""
        key = (figure.get("year"), figure.get("period"))
        out = self.known.get(key)
        if out is None:
            out = self.known[key] = self._when(*key)
        return out

    def _when(self, year, period) -> str:
        """The words of a year and a period (`annual` says nothing a year does not)."""
        parts = [p for p in (part.strip() for part in str(period or "").split(",")) if p and p != "annual"]
        year = str(year) if year and not isinstance(year, bool) and not any(str(year) in p for p in parts) else ""
        return " ".join(filter(None, (year, ", ".join(self._part(p) for p in parts))))

    def _part(self, part: str) -> str:
        """One part of a period in the page script beside its English: `2021 上半年 H1`, `累計 cumulative`."""
        if m := SUB_YEAR_PERIOD.match(part):
            code, year = m.groups()
            return " ".join(filter(None, (year, period_name(code, self.names), code)))
        named = self.names.get(part)
        return f"{named[0]} {named[1]}" if named else part


@lru_cache(maxsize=None)
def period_words(script: str | None) -> PeriodWords:
    """The period words of a page script (None: as pages.yml writes them, in Traditional)."""
    convert = to_simplified if script == "zh-Hans" else str
    return PeriodWords(page_words(), convert)


def window(quote: str, text: str, size: int = 240) -> str:
    """The quote, or when longer than `size` the part of it around `text`, with ellipses."""
    quote = " ".join(str(quote or "").split())
    if len(quote) <= size:
        return quote
    at = quote.find(text) if text else -1
    start = max(0, (at if at >= 0 else 0) - size // 2)
    end = min(len(quote), start + size)
    start = max(0, end - size)
    return ("…" if start else "") + quote[start:end] + ("…" if end < len(quote) else "")
