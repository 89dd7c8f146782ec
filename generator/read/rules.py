"""The reading rules of generator/data/ (boilerplate.yml, reading.yml), loaded once and compiled."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..yamlsafe import load_data

DATA = Path(__file__).resolve().parent.parent / "data"


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """One YAML file of generator/data/ as a dict (safe loader)."""
    return load_data((DATA / name).read_text(encoding="utf-8")) or {}


def alternation(words) -> str:
    """A regex alternation of literal words, escaped, longest first so that 责任编辑 wins over 编辑 (then in
    alphabetical order, so that the pattern is the same on every run)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=None)
def any_of(name: str, key: str) -> re.Pattern:
    """One compiled regex matching any pattern listed under `key` in data file `name`."""
    return re.compile("|".join(f"(?:{p})" for p in load(name)[key]))


@lru_cache(maxsize=None)
def chrome_words() -> frozenset[str]:
    """Whole lines that are page chrome (share, print, 电脑版 …), lower-cased."""
    return frozenset(w.lower() for w in load("boilerplate.yml")["chrome_words"])


def reading(key: str):
    """One entry of reading.yml."""
    return load("reading.yml")[key]


@lru_cache(maxsize=None)
def month_abbreviations() -> tuple[str, ...]:
    """The months as the pages write them (Jan, Feb … Dec), from reading.yml's months."""
    return tuple(forms[1] if len(forms) > 1 else forms[0] for forms in reading("months"))


@lru_cache(maxsize=None)
def month_pattern() -> str:
    """An alternation of every name and abbreviation of reading.yml's months (September, Sept, Sep …)."""
    return f"(?:{alternation(form for forms in reading('months') for form in forms)})"
