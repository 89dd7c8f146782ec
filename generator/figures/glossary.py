"""The metric glossary (content/taxonomy/metrics.yml): metric words → an English label."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from ..scripts import to_simplified


@dataclass(frozen=True, eq=False)
class MetricGlossary:
    """Metric words (Simplified or English, lower case), each with its English label; longest word first."""

    words: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    @classmethod
    def from_entries(cls, entries: list[dict] | None) -> MetricGlossary:
        """A glossary from entries `{name_en: …, words: [...]}` as listed in metrics.yml."""
        pairs = {}
        for entry in entries or []:
            label = str(entry.get("name_en") or "").strip()
            for word in entry.get("words") or []:
                pairs.setdefault(to_simplified(str(word)).lower(), label)
        ordered = sorted(pairs.items(), key=lambda kv: (-len(kv[0]), kv[0]))
        return cls(tuple(ordered))

    @classmethod
    def load(cls, path: Path) -> MetricGlossary:
        """The glossary in a metrics.yml file; empty when the file is absent."""
        if not path.is_file():
            return cls()
        return cls.from_entries(yaml.safe_load(path.read_text(encoding="utf-8")) or [])

    def english(self, metric: str | None) -> str | None:
        """The English label of the longest glossary word found in `metric`, or None."""
        return _label(self, metric) if metric else None


@lru_cache(maxsize=4096)
def _label(glossary: MetricGlossary, metric: str) -> str | None:
    """The English label of the longest word of `glossary` found in `metric` (cached per metric)."""
    low = to_simplified(metric).lower()
    return next((label for word, label in glossary.words if word in low), None)


def glossary_of(entries: list[dict] | None) -> MetricGlossary:
    """The glossary of metrics.yml entries (as loaded into the taxonomy), built once per distinct content."""
    return _cached_glossary(json.dumps(entries or [], sort_keys=True, ensure_ascii=False))


@lru_cache(maxsize=8)
def _cached_glossary(entries_json: str) -> MetricGlossary:
    """The glossary of entries given as JSON text (the cache key)."""
    return MetricGlossary.from_entries(json.loads(entries_json))
