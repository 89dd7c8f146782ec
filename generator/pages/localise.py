"""One view of the corpus per script: article strings converted with OpenCC and the wording table."""
from __future__ import annotations

from pathlib import Path

from .. import scripts
from ..record import KEPT_FIELDS, VERBATIM_FIELDS

SCRIPTS = ("zh-Hant", "zh-Hans")
# Record fields that are identifiers, dates, codes or URLs (marked KEPT in record.py): never converted.
KEEP = KEPT_FIELDS
# Fields quoted from the article (marked VERBATIM there), and the body: left as written when the article is in
# the page's script. (Company, zone and industry names come from the taxonomies, in Simplified: always converted.)
VERBATIM = VERBATIM_FIELDS | {"body"}
SHORT = 200   # only strings up to this length (titles, names, labels) repeat enough to be worth remembering


class Converter:
    """Converts text into one script: Traditional characters, or Simplified with mainland wording."""

    def __init__(self, script: str, root: Path | None = None):
        self.script = script
        self.wording = _wording(root)
        self.pairs = tuple(getattr(self.wording, "pairs", ()) or ())
        self.known: dict[str, str] = {}   # short strings converted so far (titles and names repeat across records)

    def __call__(self, text: str) -> str:
        """`text` in this converter's script."""
        if not text:
            return text
        if len(text) > SHORT:
            return _convert(text, self.script, self.pairs)
        out = self.known.get(text)
        if out is None:
            out = self.known[text] = _convert(text, self.script, self.pairs)
        return out

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
        """Any field value converted: strings, lists and mappings recursively (strings without a call more)."""
        if isinstance(value, str):
            return self(value)
        if isinstance(value, list):
            return [self(v) if isinstance(v, str) else self.value(v) for v in value]
        if isinstance(value, dict):
            return self.mapping(value)
        return value

    def mapping(self, fields: dict) -> dict:
        """A mapping with its values converted (KEEP fields as they are); short strings seen before are
        looked up without a call (the record's figures make ~10⁶ of them at 10,000 articles)."""
        known, out = self.known, {}
        for key, value in fields.items():
            if key in KEEP or value is None:
                out[key] = value
            elif isinstance(value, str):
                out[key] = known.get(value) or self(value)
            else:
                out[key] = self.value(value)
        return out


def _wording(root: Path | None):
    """The regional-wording table of the project at `root` (none without a root: never the working folder's)."""
    loader = getattr(scripts, "project_wording", None)
    if loader is None or root is None:
        return None
    try:
        return loader(root)
    except (OSError, ValueError):
        return None


def _convert(text: str, script: str, pairs: tuple) -> str:
    """`text` in `script`; Simplified also takes the mainland wording of the table's (regional, mainland) pairs."""
    if script == "zh-Hant":
        return scripts.to_traditional(text)
    text = scripts.to_simplified(text)
    for regional, mainland in pairs:
        if regional in text:
            text = text.replace(regional, mainland)
    return text
