"""The article record of SCHEMA.md as a validated model: the one check that `briefing check`, ingest and
the build all apply to a record, so a record check passes is a record the build can read.

Every field a page reads is typed here, strictly (`title: 123` or `year: "2025"` is an error, not a
value coerced behind the reader's back), dates must be real ISO dates, and ids must be slugs. What
the taxonomy must know (the ids of zones and industries) is checked by `reference_problems`.
"""
from __future__ import annotations

import difflib
import re
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, WrapValidator

from .adapters import share_fields_set
from .ids import ID_PATTERN

Script = Literal["zh-Hans", "zh-Hant", "en"]
Kind = Literal["actual", "target", "fact"]
Qualifier = Literal["over", "nearly", "about", "under", "at_least", "up_to", "tier"]
Measure = Literal["level", "growth", "share"]
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATETIME_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$")
# Fields ingest sets itself (not extracted): a worker's check of the extracted fields does not cover them.
BOOKKEEPING = ("id", "raw_sources", "raw_path", "also_sources", "extractor_version", "extracted_with", "fingerprint")


def _iso_date(value: str) -> str:
    """`value` when it is a real calendar date written YYYY-MM-DD."""
    return _real(value, DATE_PATTERN, date.fromisoformat, "date", "an ISO date such as 2025-02-07")


def _iso_datetime(value: str) -> str:
    """`value` when it is a real ISO date-time with its UTC offset, or a real ISO date."""
    if DATE_PATTERN.match(value):
        return _iso_date(value)
    return _real(value, DATETIME_PATTERN, datetime.fromisoformat, "date and time", "an ISO date-time such as "
                 "2025-02-08T16:38:47+08:00 (with its UTC offset) or a date such as 2025-02-08")


def _real(value: str, pattern: re.Pattern, parse, what: str, example: str) -> str:
    """`value` when it is written as `pattern` says and `parse` reads it; else a ValueError naming `what` it is not."""
    try:
        if pattern.match(value):
            parse(value)
            return value
    except ValueError as err:
        raise ValueError(f"{value!r} is not a real {what} ({err})") from None
    raise ValueError(f"{value!r} is not {example}")


IsoDate = Annotated[str, AfterValidator(_iso_date)]
IsoDateTime = Annotated[str, AfterValidator(_iso_datetime)]
TermId = Annotated[str, Field(pattern=ID_PATTERN)]


class _Conversion:
    """How the pages' script conversion (pages/localise.py) treats a field, marked on its type with Annotated."""

    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return self.name


KEPT = _Conversion("kept")           # an identifier, date, code, number or URL: never converted
VERBATIM = _Conversion("verbatim")   # quoted from the article: left as written when it is in the page's script
# (Fields without a mark are converted into the page's script: names from the taxonomies, in Simplified.)


class _Part(BaseModel):
    """A part of a record: typed strictly, other fields allowed (the project may add fields)."""

    model_config = ConfigDict(extra="allow", strict=True)


class Figure(_Part):
    """One key figure: the quantity, how it was written, and the sentence it came from."""

    text: str
    quote: str
    value: Annotated[float | int | None, KEPT] = None
    low: Annotated[float | int | None, KEPT] = None
    high: Annotated[float | int | None, KEPT] = None
    unit: Annotated[str, KEPT]
    counter: str | None = None
    qualifier: Annotated[Qualifier | None, KEPT] = None
    metric: str = ""
    metric_en: str | None = None
    indicator: Annotated[str | None, KEPT] = None
    measure: Annotated[Measure, KEPT] = "level"
    kind: Annotated[Kind, KEPT] = "fact"
    year: Annotated[int | None, KEPT] = None
    period: str | None = None
    zone: Annotated[TermId | None, KEPT] = None
    industry: Annotated[TermId | None, KEPT] = None
    confidence: Annotated[float | int, KEPT] = Field(default=0.5, ge=0, le=1)   # `1` stays 1, as value does


class TermRef(_Part):
    """A zone or industry named by an article: the taxonomy id with its names."""

    id: Annotated[TermId, KEPT]
    name: str
    name_en: str | None = None
    provisional: Annotated[bool, KEPT] = False


class Person(_Part):
    """A person an article names, with the title given."""

    name: str
    role: str | None = None


class Company(_Part):
    """A company an article names, written as a mapping: its name, the curated firm's English name and id, and
    the zones and industries of the sentences naming it (the fields in the order extraction writes them)."""

    name: str
    name_en: str | None = None
    id: Annotated[TermId | None, KEPT] = None
    zones: list[TermId] = []
    industries: list[TermId] = []


def _company(value, _handler):
    """A company as a record lists it: its name, or a Company of a mapping with a `name` (its errors placed in
    the mapping, not under a branch of the union)."""
    if isinstance(value, (str, Company)):
        return value
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return Company.model_validate(value)
    raise ValueError(f"a company is a name or a mapping with a `name`, found {value!r}"[:200])


CompanyItem = Annotated[str | Company, WrapValidator(_company)]   # a name stays a name: dumped as written


class Policy(_Part):
    """A policy document an article names in 《》."""

    title: str


class Source(_Part):
    """Another copy of the same article (other script, other site): where it came from."""

    source: str | None = None
    url: Annotated[str | None, KEPT] = None
    raw: str | None = None
    raw_path: str | None = None
    script: Annotated[Script | None, KEPT] = None


class Record(_Part):
    """An article record: the front-matter fields of SCHEMA.md (the body is kept beside it) and ingest's bookkeeping.

    The fields stand in the order a record file holds them (ingest dumps the model: extras last).
    """

    id: Annotated[str, KEPT] = Field(pattern=ID_PATTERN)
    title: Annotated[str, VERBATIM]
    published: Annotated[IsoDateTime | None, KEPT]
    event_date: Annotated[IsoDate | None, KEPT] = None
    source: Annotated[str | None, VERBATIM] = None
    url: Annotated[str | None, KEPT] = None
    editors: Annotated[list[str], VERBATIM] = []
    authors: Annotated[list[str], VERBATIM] = []
    photographers: Annotated[list[str], VERBATIM] = []
    title_derived: Annotated[bool, KEPT] = False     # no headline in the input: `title` is made from the lead
    script: Annotated[Script, KEPT]
    summary: Annotated[str, VERBATIM] = ""
    zones: list[TermRef] = []
    industries: list[TermRef] = []
    companies: list[CompanyItem] = []
    people: Annotated[list[Person], VERBATIM] = []
    policies: Annotated[list[Policy], VERBATIM] = []
    figures: Annotated[list[Figure], VERBATIM] = []
    on_topic: Annotated[bool, KEPT] = True
    content_hash: Annotated[str, KEPT]
    reviewed: Annotated[bool, KEPT] = False
    raw_sources: Annotated[list[str], KEPT] = []
    raw_path: str | None = None
    extractor_version: Annotated[str | None, KEPT] = None
    extracted_with: str | None = None
    also_sources: list[Source] = []    # after extracted_with: where ingest has always written it
    fingerprint: Annotated[str | None, KEPT] = None


FIELDS = frozenset(Record.model_fields)
SCHEMA_FIELDS = FIELDS - set(BOOKKEEPING)   # the fields extraction makes (a worker's check covers them)
# The field lists every other module derives from the models above (none writes them out again).
FIGURE_FIELDS = tuple(Figure.model_fields)                                         # in SCHEMA.md's order
RECORD_FIELDS = tuple(Record.model_fields)                                         # every field of the model
ARTICLE_FIELDS = tuple(f for f in Record.model_fields if f == "id" or f in SCHEMA_FIELDS)   # id and SCHEMA.md's
# Names marked KEPT in any part of a record (localise converts by name at any depth), and the top-level VERBATIM.
KEPT_FIELDS = frozenset(name for model in (Record, Figure, TermRef, Company, Person, Policy, Source)
                        for name, info in model.model_fields.items() if KEPT in info.metadata)
VERBATIM_FIELDS = frozenset(name for name, info in Record.model_fields.items() if VERBATIM in info.metadata)


_GIVEN_FIELDS: dict[frozenset, set] = {}   # the sets of given fields the records read share (compact)


def compact(record: Record) -> Record:
    """`record`, each of its parts sharing its set of given fields with every part read that was given the same
    (adapters.share_fields_set): at 983 records the sets took 14 MB, 40 % of the records. Records read are never
    assigned to: ingest and the pages copy them."""
    companies = (c for c in record.companies if isinstance(c, Company))
    for part in (record, *record.zones, *record.industries, *companies, *record.people, *record.policies,
                 *record.figures, *record.also_sources):
        share_fields_set(part, _GIVEN_FIELDS)
    return record


def stated(part: BaseModel, names: tuple[str, ...]) -> list:
    """The values of the fields `names` of a record (or a part of it) as its file states them: None where the
    file leaves a field out (not the model's default)."""
    given = part.model_fields_set
    return [getattr(part, name) if name in given else None for name in names]


def record_problems(data: dict) -> list[tuple[str, str]]:
    """Every (field, reason) that keeps `data` from being a valid record; empty when it is one.

    `field` is the dotted place of the value (`figures.3.year`: the year of the fourth figure).
    """
    return validated(data)[1]


def validated(data: dict) -> tuple[Record | None, list[tuple[str, str]]]:
    """The Record of `data` (compact) and no problems, or None and every (field, reason) of record_problems."""
    try:
        record, problems = compact(Record.model_validate(data)), []
    except ValidationError as err:
        record, problems = None, validation_problems(err)
    problems += _misspelt_fields(data)
    return (record if not problems else None), problems


def validation_problems(err: ValidationError) -> list[tuple[str, str]]:
    """Every (field, reason) of a failed validation of a record, as record_problems words them."""
    return [(_place(e), _reason(e)) for e in err.errors()]


def _place(error: dict) -> str:
    """The dotted place of a pydantic error."""
    return ".".join(str(p) for p in error["loc"]) or "(record)"


def _reason(error: dict) -> str:
    """A pydantic error in words, with the value found when the message does not show it."""
    if error["type"] == "missing":
        return "missing: this field is required"
    if error["type"] == "string_pattern_mismatch":
        return f"not an id (lower-case ASCII letters, digits and hyphens), found {error.get('input')!r}"
    message = error["msg"].removeprefix("Value error, ")
    found = error.get("input")
    if error["type"] != "value_error" and not isinstance(found, (dict, list)) and len(repr(found)) <= 60:
        message += f", found {found!r}"
    return message


def _misspelt_fields(data: dict) -> list[tuple[str, str]]:
    """Unknown fields that look like a misspelt record field (`reviewd` for `reviewed`) the record lacks.

    A field the project or a person added (`x-figure`, `note`) is allowed: only a near miss of the same
    initial is named."""
    out = []
    for key in data:
        if isinstance(key, str) and key not in FIELDS:
            close = [f for f in difflib.get_close_matches(key, FIELDS - set(data), n=1, cutoff=0.8) if f[0] == key[:1]]
            if close:
                out.append((key, f"unknown field; did you mean {close[0]!r}?"))
    return out


def reference_problems(record: Record, taxonomy) -> list[tuple[str, str]]:
    """(field, reason) for every zone or industry id of a valid record that `taxonomy` does not know.

    A zone marked `provisional: true` (found in the text, not yet in the taxonomy) and an id the
    taxonomy lists under `formerly` are known; a figure's zone may be one of the record's own zones.
    """
    own_zones = {z.id for z in record.zones if z.provisional}
    problems = []
    for key, kind in (("zones", "zone"), ("industries", "industry")):
        for n, ref in enumerate(getattr(record, key)):
            if not (kind == "zone" and ref.provisional) and taxonomy.resolve(kind, ref.id) is None:
                problems.append((f"{key}.{n}.id", _unknown(kind, ref.id)))
    for n, fig in enumerate(record.figures):
        for kind in ("zone", "industry"):
            term_id = getattr(fig, kind)
            if term_id and term_id not in own_zones and taxonomy.resolve(kind, term_id) is None:
                problems.append((f"figures.{n}.{kind}", _unknown(kind, term_id)))
    return problems


def _unknown(kind: str, term_id: str) -> str:
    """The message for an id the taxonomy lacks."""
    filename = "zones.yml" if kind == "zone" else "industries.yml"
    return (f"unknown {kind} id {term_id!r}: content/taxonomy/{filename} has no such entry "
            f"(if it was renamed, add `formerly: [{term_id}]` to the renamed entry)")
