"""The metric glossary (content/taxonomy/metrics.yml): metric words → an English label and an indicator."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..scripts import to_simplified
from ..yamlsafe import load_data
from .units import RATE, unit_family


@dataclass(frozen=True)
class MetricEntry:
    """One glossary entry: its English label, the indicator its words measure and the units they fit."""

    label: str
    indicator: str | None = None
    units: frozenset[str] = frozenset()   # empty: any unit
    of_industry: str | None = None
    counters: frozenset[str] = frozenset()   # empty: any measure word

    def fits(self, family: str, counter: str | None = None) -> bool:
        """True when the entry's words mean this for a figure of unit family `family` (a rate fits any) and,
        for a count, measure word `counter` (Simplified)."""
        if self.units and family != RATE and family not in self.units:
            return False
        return not (counter and self.counters and family == "count" and counter not in self.counters)


@dataclass(frozen=True, eq=False)
class MetricGlossary:
    """Metric words (Simplified or English, lower case), each with its entries; longest word first."""

    words: tuple[tuple[str, tuple[MetricEntry, ...]], ...] = field(default_factory=tuple)

    @classmethod
    def from_entries(cls, entries: list[dict] | None, indicators: list[dict] | None = None) -> MetricGlossary:
        """A glossary from metrics.yml entries, each entry's units defaulting to its indicator's (indicators.yml)."""
        units = {str(i.get("id")): (frozenset(i.get("units") or ()),
                                    frozenset(map(to_simplified, i.get("counters") or ())))
             for i in indicators or [] if isinstance(i, dict)}
        pairs: dict[str, list[MetricEntry]] = {}
        for item in entries or []:
            if not isinstance(item, dict):
                continue
            entry = _entry(item, units)
            for word in item.get("words") or []:
                pairs.setdefault(to_simplified(str(word)).lower(), []).append(entry)
        ordered = sorted(pairs.items(), key=lambda kv: (-len(kv[0]), kv[0]))
        return cls(tuple((word, tuple(found)) for word, found in ordered))

    @classmethod
    def load(cls, path: Path) -> MetricGlossary:
        """The glossary in a metrics.yml file (with indicators.yml beside it); empty when the file is absent."""
        if not path.is_file():
            return cls()
        indicators = path.with_name("indicators.yml")
        return cls.from_entries(load_data(path.read_text(encoding="utf-8")) or [],
                                load_data(indicators.read_text(encoding="utf-8")) if indicators.is_file() else [])

    def english(self, metric: str | None, unit: str | None = None, counter: str | None = None) -> str | None:
        """The English label of the longest glossary word found in `metric` that fits `unit`, or None."""
        found = self.entry(metric, unit, counter) if metric else None
        return found.label if found else None

    def entry(self, text: str, unit: str | None = None, counter: str | None = None) -> MetricEntry | None:
        """The entry of the longest word in `text` (the later one on a tie: Chinese puts the head noun last)
        that fits `unit` and `counter`."""
        return _lookup(self, text, _fit_key(unit, counter))

    def suffix(self, text: str, unit: str | None = None, counter: str | None = None) -> tuple[str, MetricEntry] | None:
        """(word, entry) of the longest glossary word that `text` ends with and that fits, or None."""
        return _suffix(self, text, _fit_key(unit, counter))

    def prefix(self, text: str, unit: str | None = None, counter: str | None = None) -> str | None:
        """The longest glossary word that `text` starts with and that fits, as `text` writes it, or None."""
        low, key = to_simplified(text).lower(), _fit_key(unit, counter)
        for word, entries in self.words:
            if low.startswith(word) and any(e.fits(*key) for e in entries):
                return text[:len(word)]
        return None

    def nearest(self, text: str, unit: str | None, from_end: bool, counter: str | None = None) -> MetricEntry | None:
        """The entry of the glossary word in `text` nearest its end (`from_end`) or its start that fits."""
        found = _nearest(self, text, _fit_key(unit, counter), from_end)
        return found[1] if found else None

    def nearest_word(self, text: str, unit: str | None, from_end: bool,
                     counter: str | None = None) -> tuple[str, MetricEntry] | None:
        """(the word as `text` writes it, its entry) for the glossary word nearest the end or start of `text`."""
        found = _nearest(self, text, _fit_key(unit, counter), from_end)
        return (text[found[0]:found[0] + found[2]], found[1]) if found else None


def _fit_key(unit: str | None, counter: str | None) -> tuple[str, str | None]:
    """(unit family, Simplified measure word) that entries are fitted to."""
    return (unit_family(unit) if unit else RATE, to_simplified(counter) if counter else None)


def _entry(item: dict, units: dict[str, tuple[frozenset[str], frozenset[str]]]) -> MetricEntry:
    """The MetricEntry of one metrics.yml item (units and counters default to its indicator's)."""
    indicator = item.get("indicator") or None
    own = frozenset(item.get("units") or ())
    fits, counters = units.get(str(indicator), (frozenset(), frozenset()))
    return MetricEntry(label=str(item.get("name_en") or "").strip(), indicator=indicator, units=own or fits,
                       of_industry=item.get("of_industry") or None, counters=counters)


@lru_cache(maxsize=16384)
def _lookup(glossary: MetricGlossary, text: str, key: tuple) -> MetricEntry | None:
    """The entry for `text` and fit key `key` (cached: metrics repeat)."""
    low = to_simplified(text).lower()
    best, best_key = None, None
    for word, entries in glossary.words:
        if best_key is not None and len(word) < best_key[0]:
            break
        at = low.rfind(word)
        entry = next((e for e in entries if e.fits(*key)), None) if at >= 0 else None
        if entry is not None and (best_key is None or (len(word), at) > best_key):
            best, best_key = entry, (len(word), at)
    return best


@lru_cache(maxsize=16384)
def _suffix(glossary: MetricGlossary, text: str, key: tuple) -> tuple[str, MetricEntry] | None:
    """The longest fitting word `text` ends with, and its entry (cached)."""
    low = to_simplified(text).lower()
    for word, entries in glossary.words:
        if low.endswith(word) and (entry := next((e for e in entries if e.fits(*key)), None)):
            return word, entry
    return None


@lru_cache(maxsize=16384)
def _nearest(glossary: MetricGlossary, text: str, key: tuple, from_end: bool) -> tuple[int, MetricEntry, int] | None:
    """(position, entry, length) of the fitting word nearest the end (or the start) of `text`; longer on a tie."""
    low = to_simplified(text).lower()
    best, best_key = None, None
    for word, entries in glossary.words:
        at = low.rfind(word) if from_end else low.find(word)
        if at < 0:
            continue
        entry = next((e for e in entries if e.fits(*key)), None)
        rank = ((at + len(word)) if from_end else -at, len(word))
        if entry is not None and (best_key is None or rank > best_key):
            best, best_key = (at, entry, len(word)), rank
    return best


def glossary_of(entries: list[dict] | None, indicators: list[dict] | None = None) -> MetricGlossary:
    """The glossary of metrics.yml entries (as loaded into the taxonomy), built once per distinct content."""
    return _cached_glossary(json.dumps([entries or [], indicators or []], sort_keys=True, ensure_ascii=False))


@lru_cache(maxsize=8)
def _cached_glossary(entries_json: str) -> MetricGlossary:
    """The glossary of entries given as JSON text (the cache key)."""
    entries, indicators = json.loads(entries_json)
    return MetricGlossary.from_entries(entries, indicators)
