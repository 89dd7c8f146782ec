"""The controlled vocabularies of content/taxonomy/: zones, industries, companies, wording, metric glossary.

Each vocabulary file is a YAML list of entries (see the header comment of each file). Every entry
is validated, and each problem is one `path:line: entry.field: reason` line. A taxonomy with any
problem is refused as a whole by `load_taxonomy` (TaxonomyError): ingest and build stop with the
problems instead of extracting or building with an entry left out, which would silently take a
zone out of every record and delete its page. `briefing check` lists them (`load_with_problems`).

A zone or industry may list the ids it was known by (`formerly: [old-id]`): records naming an old
id are filed under the entry (`Taxonomy.resolve`), so renaming an id does not split its pages.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator

from . import yamlsafe
from .ids import ID_PATTERN
from .scripts import Wording, to_traditional

# What a zone's `kind` and an industry's `group` may be: the kinds and groups the pages name (pages.yml).
_PAGE_WORDS = yamlsafe.load_data((Path(__file__).resolve().parent / "data" / "pages.yml").read_text(encoding="utf-8"))
ZONE_KINDS = tuple(_PAGE_WORDS["zone_kinds"])
INDUSTRY_GROUPS = tuple(_PAGE_WORDS["industry_groups"])


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
    formerly: tuple[str, ...] = ()
    same_administration: tuple[str, ...] = ()

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


def _one_or_many(value):
    """A single id is read as a one-item list; None as an empty one."""
    return [value] if isinstance(value, str) else (value or [])


IdList = Annotated[list[str], BeforeValidator(_one_or_many)]


def _one_of(value: str, allowed, what: str) -> str:
    """`value` when it is one of `allowed`, else a ValueError naming the choices."""
    if value not in allowed:
        raise ValueError(f"unknown {what} {value!r}; one of {', '.join(allowed)}")
    return value


class _Renamable(_Entry):
    """An entry whose id may have been another: `formerly` lists the ids it was known by."""

    formerly: IdList = []

    @field_validator("formerly")
    @classmethod
    def _former_ids(cls, value: list[str]) -> list[str]:
        """Every former id is a slug like an id."""
        bad = [v for v in value if not re.match(ID_PATTERN, v)]
        if bad:
            raise ValueError(f"former ids must be ids (lower-case letters, digits, hyphens): {bad[0]!r}")
        return value


class ZoneEntry(_Renamable):
    """One zones.yml entry."""

    kind: str
    parent: str | None = None
    province: str | None = None
    city: str | None = None
    same_administration: IdList = []

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str) -> str:
        """One of ZONE_KINDS."""
        return _one_of(value, ZONE_KINDS, "kind")


class IndustryEntry(_Renamable):
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

    def resolve(self, kind: str, term_id: str) -> Term | None:
        """The zone or industry (`kind`) that has the id `term_id` now or had it `formerly`; None when none did."""
        key = ("ids", kind)
        if key not in self.cache:
            terms = self.zones if kind == "zone" else self.industries
            self.cache[key] = {**{old: t for t in reversed(terms) for old in t.formerly}, **{t.id: t for t in terms}}
        return self.cache[key].get(term_id)


class TaxonomyError(Exception):
    """The taxonomy files have problems: nothing may be extracted or built with them."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the taxonomy: " + "; ".join(problems[:3]))


VOCABULARIES = {"zones.yml": ZoneEntry, "industries.yml": IndustryEntry, "companies.yml": CompanyEntry}


def _read_entries(path: Path, shown: str) -> tuple[list, object, list[str]]:
    """The raw entries of a vocabulary file, its node tree (for lines), and the problems reading it."""
    if not path.is_file():
        return [], None, []
    data, tree, problems = _read_yaml(path, shown)
    if problems or data is None:
        return [], None, problems
    if not isinstance(data, list):
        found = type(data).__name__
        return [], None, [f"{shown}:1: (file): expected a list of entries (`- id: …` items), found {found}"]
    return data, tree, []


def _read_yaml(path: Path, shown: str) -> tuple[object, object, list[str]]:
    """A taxonomy file's data and node tree (for lines), or the problem that keeps it from being read."""
    try:
        text = path.read_text(encoding="utf-8")
        return yamlsafe.load(text), yamlsafe.compose(text), []
    except UnicodeDecodeError as err:
        return None, None, [f"{shown}: (file): not UTF-8 text (byte {err.start}); save the file as UTF-8"]
    except yaml.YAMLError as err:
        line = yamlsafe.error_line(err)
        reason = yamlsafe.error_reason(err, text)
        return None, None, [f"{shown}{f':{line}' if line else ''}: (file): not readable YAML: {reason}"]
    except (OSError, ValueError, RecursionError) as err:
        return None, None, [f"{shown}: (file): cannot be read: {err}"]


def _validated(path: Path, model: type[_Entry], shown: str) -> tuple[list[_Entry], dict[str, int], list[str]]:
    """The valid entries of one vocabulary file, the line of each by id, `path:line: field: reason` for the others."""
    raw, tree, problems = _read_entries(path, shown)
    entries, lines, seen = [], {}, set()
    for n, item in enumerate(raw):
        label = item.get("id", f"#{n + 1}") if isinstance(item, dict) else f"#{n + 1}"
        line = yamlsafe.line_of(tree, [n])
        try:
            entry = model.model_validate(item)
        except ValidationError as err:
            problems += [f"{shown}:{yamlsafe.line_of(tree, [n, *e['loc']])}: "
                         f"{label}.{'.'.join(map(str, e['loc'])) or '(entry)'}: {_reason(e, model)}"
                         for e in err.errors()]
            lines.setdefault(str(label), line)   # named already: what refers to it is not wrong too
            continue
        if entry.id in seen:
            problems.append(f"{shown}:{line}: {entry.id}.id: duplicate id (another entry above has it)")
            continue
        seen.add(entry.id)
        entries.append(entry)
        lines[entry.id] = line
    return entries, lines, problems


def _reason(error: dict, model: type[_Entry]) -> str:
    """A validation error of an entry in words (an unknown field names the fields the file knows)."""
    if error["type"] == "extra_forbidden":
        field = str(error["loc"][-1])
        close = difflib.get_close_matches(field, model.model_fields, n=1, cutoff=0.7)
        return "unknown field" + (f"; did you mean {close[0]!r}?" if close else
                                  f"; the fields are {', '.join(model.model_fields)}")
    return error["msg"].removeprefix("Value error, ")


def _term(entry: _Entry) -> Term:
    """The Term of a validated entry (name_hant defaults to the OpenCC s2t form of the name)."""
    data = entry.model_dump()
    return Term(id=entry.id, name=entry.name, name_hant=entry.name_hant or to_traditional(entry.name),
                name_en=entry.name_en, aliases=tuple(entry.aliases), names_en=tuple(entry.names_en),
                short_forms=tuple(entry.short_forms), kind=data.get("kind"), group=data.get("group"),
                parent=data.get("parent"), province=data.get("province"), city=data.get("city"),
                formerly=tuple(data.get("formerly") or ()),
                same_administration=tuple(data.get("same_administration") or ()))


def _link_problems(shown: str, terms: list[Term], lines: dict[str, int]) -> list[str]:
    """Unknown parents, parent cycles, names shared by two terms of one file, and former ids taken twice
    (an id whose entry has problems of its own is known: `lines` holds it)."""
    ids = {t.id: t for t in terms}
    problems = []
    for term in terms:
        where = f"{shown}:{lines.get(term.id, 0)}"
        problems += [f"{where}: {term.id}.same_administration: unknown id {other!r}"
                     for other in term.same_administration if other not in lines]
        if term.parent and term.parent not in lines:
            problems.append(f"{where}: {term.id}.parent: unknown id {term.parent!r}")
        elif _has_cycle(term, ids):
            problems.append(f"{where}: {term.id}.parent: the parent chain loops back to {term.id!r}")
    owners: dict[str, str] = {}
    for term in terms:
        for name in {_key(n) for n in (*term.chinese_names, *term.short_forms, *term.english_names)}:
            if name in owners and owners[name] != term.id:
                problems.append(f"{shown}:{lines.get(term.id, 0)}: {term.id}.aliases: "
                                f"name {name!r} also belongs to {owners[name]!r}")
            owners.setdefault(name, term.id)
    return problems + _former_problems(shown, terms, lines)


def _former_problems(shown: str, terms: list[Term], lines: dict[str, int]) -> list[str]:
    """Former ids that are some entry's id now, or that two entries claim."""
    ids, claimed, problems = {t.id for t in terms}, {}, []
    for term in terms:
        for old in term.formerly:
            where = f"{shown}:{lines.get(term.id, 0)}: {term.id}.formerly"
            if old in ids:
                problems.append(f"{where}: {old!r} is the id of an entry: a former id must be free")
            elif old in claimed:
                problems.append(f"{where}: {old!r} is also a former id of {claimed[old]!r}")
            claimed.setdefault(old, term.id)
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


def load_with_problems(folder: Path, base: Path | None = None) -> tuple[Taxonomy, list[str]]:
    """The taxonomy held in `folder` and every `path:line: field: reason` problem found loading it.

    Paths are shown relative to `base` (the project root; default: the folder's parent's parent).
    """
    base = base if base is not None else folder.parent.parent
    taxonomy, problems = Taxonomy(folder=folder), []
    for filename, model in VOCABULARIES.items():
        shown = _shown(folder / filename, base)
        entries, lines, found = _validated(folder / filename, model, shown)
        terms = [_term(e) for e in entries]
        problems += found + _link_problems(shown, terms, lines)
        setattr(taxonomy, filename.removesuffix(".yml"), terms)
    taxonomy.wording, found = _load_wording(folder / "wording.yml", _shown(folder / "wording.yml", base))
    problems += found
    taxonomy.metrics, found = _load_metrics(folder / "metrics.yml", _shown(folder / "metrics.yml", base))
    problems += found
    taxonomy.indicators, found = _load_metrics(folder / "indicators.yml", _shown(folder / "indicators.yml", base))
    return taxonomy, problems + found + _indicator_problems(folder, taxonomy, base)


def _shown(path: Path, base: Path) -> str:
    """A taxonomy file's path as messages show it: relative to the project root."""
    from .store import display_path
    return display_path(path, base)


def _load_metrics(path: Path, shown: str) -> tuple[object, list[str]]:
    """The metric glossary as written (its format belongs to the figure extractor) and read problems."""
    if not path.is_file():
        return [], []
    data, _tree, problems = _read_yaml(path, shown)
    return (data or []) if not problems else [], problems


def _indicator_problems(folder: Path, taxonomy: Taxonomy, base: Path) -> list[str]:
    """Indicators without an id and metric entries naming an indicator that indicators.yml lacks."""
    indicators, metrics = folder / "indicators.yml", folder / "metrics.yml"
    ids = {str(i.get("id")) for i in taxonomy.indicators if isinstance(i, dict) and i.get("id")}
    problems = [f"{_shown(indicators, base)}:{_line_in(indicators, [n])}: #{n + 1}.id: an indicator needs an id"
                for n, i in enumerate(taxonomy.indicators) if not (isinstance(i, dict) and i.get("id"))]
    for n, entry in enumerate(taxonomy.metrics if isinstance(taxonomy.metrics, list) else []):
        for key in ("indicator", "of_industry"):
            value = entry.get(key) if isinstance(entry, dict) else None
            if value and str(value) not in ids:
                label = entry.get("id", f"#{n + 1}")
                problems.append(f"{_shown(metrics, base)}:{_line_in(metrics, [n, key])}: {label}.{key}: "
                                f"unknown indicator {value!r}; one of indicators.yml")
    return problems


def _line_in(path: Path, place: list) -> int | None:
    """The line of the value at `place` in a taxonomy file (read again: for messages only)."""
    return yamlsafe.line_of(yamlsafe.compose(path.read_text(encoding="utf-8")), place)


def _load_wording(path: Path, shown: str) -> tuple[Wording, list[str]]:
    """The wording table and its problems (not a mapping, empty sides)."""
    if not path.is_file():
        return Wording(), []
    data, tree, problems = _read_yaml(path, shown)
    if problems:
        return Wording(), problems
    if not isinstance(data, dict):
        return Wording(), [f"{shown}:1: (file): expected a mapping `regional: mainland`"] if data else []
    problems = [f"{shown}:{yamlsafe.line_of(tree, [k])}: {k}: empty regional or mainland form" for k, v in data.items()
                if not str(k).strip() or v is None or not str(v).strip()]
    return Wording.from_mapping(data), problems


def load_taxonomy(folder: Path) -> Taxonomy:
    """The taxonomy held in `folder` (content/taxonomy/); TaxonomyError when any file has a problem."""
    taxonomy, problems = load_with_problems(folder)
    if problems:
        raise TaxonomyError(problems)
    return taxonomy


def taxonomy_problems(folder: Path, base: Path | None = None) -> list[str]:
    """`path:line: field: reason` for every problem of the taxonomy files in `folder`."""
    return load_with_problems(folder, base)[1]
