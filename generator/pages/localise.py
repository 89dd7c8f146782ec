"""One view of the corpus per script: article strings converted with OpenCC and the wording table."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .. import scripts

SCRIPTS = ("zh-Hant", "zh-Hans")
# Record fields that are identifiers, dates, codes or URLs: never converted.
KEEP = frozenset({"id", "published", "event_date", "url", "script", "content_hash", "reviewed",
                  "unit", "qualifier", "kind", "zone", "industry", "year", "value", "low", "high",
                  "confidence", "raw_sources", "extractor_version", "fingerprint", "provisional"})

# Fields quoted from the article: left as written when the article is in the page's script.
# (Company, zone and industry names come from the taxonomies, in Simplified, and are always converted.)
VERBATIM = frozenset({"title", "summary", "source", "editors", "authors", "photographers", "people", "policies",
                      "figures", "body"})


class Converter:
    """Converts text into one script: Traditional characters, or Simplified with mainland wording."""

    def __init__(self, script: str, root: Path | None = None):
        self.script = script
        self.wording = _wording(root)

    def __call__(self, text: str) -> str:
        """`text` in this converter's script."""
        return _convert(text, self.script, self.wording) if text else text

    def record(self, meta: dict) -> dict:
        """A copy of a record's fields with every string in this script; text quoted from an article
        already in this script (title, summary, figures, people, policies) is left as written."""
        if meta.get("script") == "en":
            return meta
        same = meta.get("script") == self.script
        return {k: v if k in KEEP or (same and k in VERBATIM) else self.value(v) for k, v in meta.items()}

    def body(self, text: str, script: str | None) -> str:
        """An article's text in this script (left as written when the article is in it, or in English)."""
        return text if script in (self.script, "en") else self(text)

    def value(self, value):
        """Any field value converted: strings, lists and mappings recursively."""
        if isinstance(value, str):
            return self(value)
        if isinstance(value, list):
            return [self.value(v) for v in value]
        if isinstance(value, dict):
            return {k: v if k in KEEP else self.value(v) for k, v in value.items()}
        return value


def _wording(root: Path | None):
    """The project's regional-wording table, when the scripts module provides one."""
    loader = getattr(scripts, "project_wording", None)
    if loader is None:
        return None
    try:
        return loader(root)
    except (OSError, ValueError):
        return None


@lru_cache(maxsize=32768)
def _convert_cached(text: str, script: str, pairs: tuple) -> str:
    """Cached conversion of one string (titles and names repeat across pages)."""
    if script == "zh-Hant":
        return scripts.to_traditional(text)
    text = scripts.to_simplified(text)
    for regional, mainland in pairs:
        if regional in text:
            text = text.replace(regional, mainland)
    return text


def _convert(text: str, script: str, wording) -> str:
    """`text` in `script`; Simplified also takes the mainland wording of the table."""
    pairs = tuple(getattr(wording, "pairs", ()) or ())
    if len(text) > 200:   # only short strings (titles, names, labels) repeat enough to be worth caching
        return _convert_cached.__wrapped__(text, script, pairs)
    return _convert_cached(text, script, pairs)


def wording_variants(script: str, root: Path | None = None) -> list[tuple[str, str]]:
    """(regional, mainland) word pairs written in `script`, for search: either form finds both."""
    pairs = getattr(_wording(root), "pairs", ()) or ()
    if script == "zh-Hant":
        return [(scripts.to_traditional(a), scripts.to_traditional(b)) for a, b in pairs]
    return [(a, b) for a, b in pairs]
