"""The controlled vocabularies of content/taxonomy/: zones, industries, companies, wording, metric glossary.

Each vocabulary file is a YAML list of entries (see the header comment of each file). Entries are
validated one by one: a bad entry is left out of the loaded taxonomy and reported by
`taxonomy_problems` (what `briefing check` prints), so one typo never stops a build.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .scripts import Wording, to_traditional

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
ZONE_KINDS = ("etdz", "htz", "new_area", "ftz", "cooperation_zone", "district", "park", "science_city",
              "island", "town", "bonded_zone", "innovation_zone", "city", "region")
INDUSTRY_GROUPS = ("key", "emerging", "future", "pillar", "services")


@dataclass(frozen=True, eq=False)
class Term:
    """A zone, industry or company: a value object that owns its id, names and aliases; equal by id."""

    id: str
    name: str
    name_hant: str = ""
    name_en: str = ""
    aliases: tuple[str, ...] = ()
    names_en: tuple[str, ...] = ()
    short_forms: tuple[str, ...] = ()
    kind: str | None = None
    group: str | None = None
    parent: str | None = None
    province: str | None = None
    city: str | None = None

    def __eq__(self, other: object) -> bool:
        """Terms are the same when their ids are."""
        return isinstance(other, Term) and other.id == self.id

    def __hash__(self) -> int:
        """Hash of the id, so terms work in sets and as keys."""
        return hash(self.id)

    @property
    def chinese_names(self) -> tuple[str, ...]:
        """Every Chinese name that always means this term: canonical names and aliases."""
        return tuple(n for n in (self.name, self.name_hant, *self.aliases) if n)

    @property
    def english_names(self) -> tuple[str, ...]:
        """Every English name: the canonical English name and the English aliases."""
        return tuple(n for n in (self.name_en, *self.names_en) if n)

    def ref(self) -> dict:
        """The {id, name, name_en} a record stores for this term (`name`: canonical Simplified)."""
        return {"id": self.id, "name": self.name, "name_en": self.name_en or None}


class _Entry(BaseModel):
    """Fields every vocabulary entry has."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1)
    name_hant: str = ""
    name_en: str = ""
    aliases: list[str] = []
    names_en: list[str] = []
    short_forms: list[str] = []

    @field_validator("aliases", "names_en", "short_forms", mode="before")
    @classmethod
    def _list(cls, value):
        """A single string is read as a one-item list; None as an empty one."""
        return [value] if isinstance(value, str) else (value or [])


def _one_of(value: str, allowed, what: str) -> str:
    """`value` when it is one of `allowed`, else a ValueError naming the choices."""
    if value not in allowed:
        raise ValueError(f"unknown {what} {value!r}; one of {', '.join(allowed)}")
    return value


class ZoneEntry(_Entry):
    """One zones.yml entry."""

    kind: str
    parent: str | None = None
    province: str | None = None
    city: str | None = None

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str) -> str:
        """One of ZONE_KINDS."""
        return _one_of(value, ZONE_KINDS, "kind")


class IndustryEntry(_Entry):
    """One industries.yml entry."""

    group: str
    parent: str | None = None

    @field_validator("group")
    @classmethod
    def _group(cls, value: str) -> str:
        """One of INDUSTRY_GROUPS."""
        return _one_of(value, INDUSTRY_GROUPS, "group")


class CompanyEntry(_Entry):
    """One companies.yml entry."""

    city: str | None = None


@dataclass
class Taxonomy:
    """Everything loaded from content/taxonomy/."""

    zones: list[Term] = field(default_factory=list)
    industries: list[Term] = field(default_factory=list)
    companies: list[Term] = field(default_factory=list)
    wording: Wording = field(default_factory=Wording)
    metrics: object = field(default_factory=list)
    indicators: object = field(default_factory=list)
    folder: Path | None = None
    cache: dict = field(default_factory=dict, repr=False, compare=False)

    def zone(self, term_id: str) -> Term | None:
        """The zone with id `term_id`, if any."""
        return next((t for t in self.zones if t.id == term_id), None)


VOCABULARIES = {"zones.yml": ZoneEntry, "industries.yml": IndustryEntry, "companies.yml": CompanyEntry}


def _read_entries(path: Path) -> tuple[list, list[str]]:
    """The raw entries of a vocabulary file and the problems reading it."""
    if not path.is_file():
        return [], []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        return [], [f"{path}: (file): not readable YAML: {str(err).splitlines()[0]}"]
    if data is None:
        return [], []
    if not isinstance(data, list):
        return [], [f"{path}: (file): expected a list of entries, found {type(data).__name__}"]
    return data, []


def _validated(path: Path, model: type[_Entry]) -> tuple[list[_Entry], list[str]]:
    """The valid entries of one vocabulary file and `path: field: reason` for the others."""
    raw, problems = _read_entries(path)
    entries, seen = [], set()
    for n, item in enumerate(raw):
        label = item.get("id", f"#{n + 1}") if isinstance(item, dict) else f"#{n + 1}"
        try:
            entry = model.model_validate(item)
        except ValidationError as err:
            problems += [f"{path}: {label}.{'.'.join(map(str, e['loc'])) or '(entry)'}: {e['msg']}"
                         for e in err.errors()]
            continue
        if entry.id in seen:
            problems.append(f"{path}: {entry.id}.id: duplicate id")
            continue
        seen.add(entry.id)
        entries.append(entry)
    return entries, problems


def _term(entry: _Entry) -> Term:
    """The Term of a validated entry (name_hant defaults to the OpenCC s2t form of the name)."""
    data = entry.model_dump()
    return Term(id=entry.id, name=entry.name, name_hant=entry.name_hant or to_traditional(entry.name),
                name_en=entry.name_en, aliases=tuple(entry.aliases), names_en=tuple(entry.names_en),
                short_forms=tuple(entry.short_forms), kind=data.get("kind"), group=data.get("group"),
                parent=data.get("parent"), province=data.get("province"), city=data.get("city"))


def _link_problems(path: Path, terms: list[Term]) -> list[str]:
    """Unknown parents, parent cycles and names shared by two terms of one file."""
    ids = {t.id: t for t in terms}
    problems = []
    for term in terms:
        if term.parent and term.parent not in ids:
            problems.append(f"{path}: {term.id}.parent: unknown id {term.parent!r}")
        elif _has_cycle(term, ids):
            problems.append(f"{path}: {term.id}.parent: the parent chain loops back to {term.id!r}")
    owners: dict[str, str] = {}
    for term in terms:
        for name in {_key(n) for n in (*term.chinese_names, *term.short_forms, *term.english_names)}:
            if name in owners and owners[name] != term.id:
                problems.append(f"{path}: {term.id}.aliases: name {name!r} also belongs to {owners[name]!r}")
            owners.setdefault(name, term.id)
    return problems


def _key(name: str) -> str:
    """A name as compared for duplicates: Simplified, lower case, single spaces."""
    from .scripts import to_simplified
    return re.sub(r"[\s-]+", " ", to_simplified(name)).strip().lower()


def _has_cycle(term: Term, ids: dict[str, Term]) -> bool:
    """True when following parents from `term` comes back to it."""
    seen, current = set(), term
    while current and current.parent:
        if current.parent == term.id or current.parent in seen:
            return True
        seen.add(current.parent)
        current = ids.get(current.parent)
    return False


def load_with_problems(folder: Path) -> tuple[Taxonomy, list[str]]:
    """The taxonomy held in `folder` and every `path: field: reason` problem found loading it."""
    taxonomy, problems = Taxonomy(folder=folder), []
    for filename, model in VOCABULARIES.items():
        entries, found = _validated(folder / filename, model)
        terms = [_term(e) for e in entries]
        problems += found + _link_problems(folder / filename, terms)
        setattr(taxonomy, filename.removesuffix(".yml"), terms)
    taxonomy.wording, found = _load_wording(folder / "wording.yml")
    problems += found
    taxonomy.metrics, found = _load_metrics(folder / "metrics.yml")
    problems += found
    taxonomy.indicators, found = _load_metrics(folder / "indicators.yml")
    return taxonomy, problems + found + _indicator_problems(folder, taxonomy)


def _load_metrics(path: Path) -> tuple[object, list[str]]:
    """The metric glossary as written (its format belongs to the figure extractor) and read problems."""
    if not path.is_file():
        return [], []
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or [], []
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        return [], [f"{path}: (file): not readable YAML: {str(err).splitlines()[0]}"]


def _indicator_problems(folder: Path, taxonomy: Taxonomy) -> list[str]:
    """Indicators without an id and metric entries naming an indicator that indicators.yml lacks."""
    ids = {str(i.get("id")) for i in taxonomy.indicators if isinstance(i, dict) and i.get("id")}
    problems = [f"{folder / 'indicators.yml'}: #{n + 1}.id: an indicator needs an id"
                for n, i in enumerate(taxonomy.indicators) if not (isinstance(i, dict) and i.get("id"))]
    for n, entry in enumerate(taxonomy.metrics if isinstance(taxonomy.metrics, list) else []):
        for key in ("indicator", "of_industry"):
            value = entry.get(key) if isinstance(entry, dict) else None
            if value and str(value) not in ids:
                label = entry.get("id", f"#{n + 1}")
                problems.append(f"{folder / 'metrics.yml'}: {label}.{key}: unknown indicator {value!r}; "
                                f"one of indicators.yml")
    return problems


def _load_wording(path: Path) -> tuple[Wording, list[str]]:
    """The wording table and its problems (not a mapping, empty sides)."""
    if not path.is_file():
        return Wording(), []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        return Wording(), [f"{path}: (file): not readable YAML: {str(err).splitlines()[0]}"]
    if not isinstance(data, dict):
        return Wording(), [f"{path}: (file): expected a mapping `regional: mainland`"] if data else []
    problems = [f"{path}: {k}: empty regional or mainland form" for k, v in data.items()
                if not str(k).strip() or v is None or not str(v).strip()]
    return Wording.from_mapping(data), problems


def load_taxonomy(folder: Path) -> Taxonomy:
    """The taxonomy held in `folder` (content/taxonomy/); invalid entries are left out."""
    return load_with_problems(folder)[0]


def taxonomy_problems(folder: Path) -> list[str]:
    """`path: field: reason` for every invalid entry of the taxonomy files in `folder`."""
    return load_with_problems(folder)[1]
