"""The word lists of generator/data/entities.yml, folded to Simplified and loaded once."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..scripts import to_simplified
from ..yamlsafe import load_data

DATA = Path(__file__).resolve().parent.parent / "data" / "entities.yml"


@lru_cache(maxsize=1)
def entity_rules() -> dict[str, tuple[str, ...]]:
    """Every list of entities.yml, each word in Simplified characters, longest first."""
    data = load_data(DATA.read_text(encoding="utf-8")) or {}
    return {key: tuple(sorted({to_simplified(str(w)) for w in words}, key=lambda w: (-len(w), w)))
            for key, words in data.items()}


def words(key: str) -> tuple[str, ...]:
    """One list of entities.yml (Simplified, longest first)."""
    return entity_rules()[key]


def any_word(key: str) -> str:
    """A regex alternation of the words of one list of entities.yml, escaped, longest first."""
    return "|".join(map(re.escape, words(key)))
