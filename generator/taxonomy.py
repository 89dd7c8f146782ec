"""The controlled vocabularies of content/taxonomy/: zones, industries, companies, metric glossary."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Term:
    """A zone or an industry: a value object that owns its id, names and aliases."""

    id: str
    name: str
    name_hant: str = ""
    name_en: str = ""
    aliases: tuple[str, ...] = ()
    parent: str | None = None


@dataclass
class Taxonomy:
    """Everything loaded from content/taxonomy/."""

    zones: list[Term] = field(default_factory=list)
    industries: list[Term] = field(default_factory=list)
    metrics: list[dict] = field(default_factory=list)


def _terms(path: Path) -> list[Term]:
    """Terms listed in one YAML file."""
    if not path.is_file():
        return []
    items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [Term(id=i["id"], name=i["name"], name_hant=i.get("name_hant", ""),
                 name_en=i.get("name_en", ""), aliases=tuple(i.get("aliases", [])),
                 parent=i.get("parent")) for i in items]


def load_taxonomy(folder: Path) -> Taxonomy:
    """The taxonomy held in `folder` (content/taxonomy/)."""
    return Taxonomy(zones=_terms(folder / "zones.yml"), industries=_terms(folder / "industries.yml"))
