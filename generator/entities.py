"""Entities an article names: zones, industries, companies, people, policies (first cut)."""
from __future__ import annotations

import re

from .scripts import to_simplified
from .taxonomy import Taxonomy, Term

POLICY = re.compile(r"《([^《》]{4,80})》")


def _terms_in(text: str, terms: list[Term]) -> list[dict]:
    """Taxonomy terms whose names occur in `text`."""
    simple = to_simplified(text)
    found = []
    for term in terms:
        names = [term.name, *term.aliases]
        if any(to_simplified(n) in simple for n in names if n):
            found.append({"id": term.id, "name": term.name, "name_en": term.name_en or None})
    return found


def find_entities(title: str, body: str, taxonomy: Taxonomy) -> dict:
    """The zones, industries, companies, people and policies named in an article."""
    text = f"{title}\n{body}"
    policies = list(dict.fromkeys(POLICY.findall(text)))
    return {"zones": _terms_in(text, taxonomy.zones), "industries": _terms_in(text, taxonomy.industries),
            "companies": [], "people": [], "policies": [{"title": p} for p in policies]}
