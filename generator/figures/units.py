"""Unit families: money, count, area, rate or physical, as generator/data/figures.yml groups the unit codes."""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import load_lexicon

MONEY, COUNT, RATE, PHYSICAL = "money", "count", "rate", "physical"
_CURRENCY = re.compile(r"^[A-Z]{3}$")


@lru_cache(maxsize=256)
def unit_family(unit: str | None) -> str:
    """The family of a unit code: its family in figures.yml, else `money` for an ISO 4217 code, else `physical`."""
    for family, units in (load_lexicon().raw.get("unit_families") or {}).items():
        if unit in units:
            return family
    return MONEY if unit and _CURRENCY.match(unit) else PHYSICAL
