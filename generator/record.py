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

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

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


def _company(value):
    """A company as a record lists it: its name, or a mapping with a `name`."""
    if isinstance(value, str) or (isinstance(value, dict) and isinstance(value.get("name"), str)):
        return value
    raise ValueError(f"a company is a name or a mapping with a `name`, found {value!r}"[:200])


CompanyItem = Annotated[object, AfterValidator(_company)]


class _Part(BaseModel):
    """A part of a record: typed strictly, other fields allowed (the project may add fields)."""

    model_config = ConfigDict(extra="allow", strict=True)


class Figure(_Part):
    """One key figure: the quantity, how it was written, and the sentence it came from."""

    text: str
    quote: str
    value: float | int | None = None
    low: float | int | None = None
    high: float | int | None = None
    unit: str
    counter: str | None = None
    qualifier: Qualifier | None = None
    metric: str = ""
    metric_en: str | None = None
    indicator: str | None = None
    measure: Measure = "level"
    kind: Kind = "fact"
    year: int | None = None
    period: str | None = None
    zone: TermId | None = None
    industry: TermId | None = None
    confidence: float = Field(default=0.5, ge=0, le=1)


class TermRef(_Part):
    """A zone or industry named by an article: the taxonomy id with its names."""

    id: TermId
    name: str
    name_en: str | None = None
    provisional: bool = False


class Person(_Part):
    """A person an article names, with the title given."""

    name: str
    role: str | None = None


class Policy(_Part):
    """A policy document an article names in 《》."""

    title: str


class Source(_Part):
    """Another copy of the same article (other script, other site): where it came from."""

    source: str | None = None
    url: str | None = None
    raw: str | None = None
    raw_path: str | None = None
    script: Script | None = None


class Record(_Part):
    """An article record: the front-matter fields of SCHEMA.md (the body is kept beside it) and ingest's bookkeeping."""

    id: str = Field(pattern=ID_PATTERN)
    title: str
    title_derived: bool = False     # the input had no headline: `title` is made from the lead
    published: IsoDateTime | None
    event_date: IsoDate | None = None
    source: str | None = None
    url: str | None = None
    editors: list[str] = []
    authors: list[str] = []
    photographers: list[str] = []
    script: Script
    summary: str = ""
    zones: list[TermRef] = []
    industries: list[TermRef] = []
    companies: list[CompanyItem] = []
    people: list[Person] = []
    policies: list[Policy] = []
    figures: list[Figure] = []
    on_topic: bool = True
    content_hash: str
    reviewed: bool = False
    raw_sources: list[str] = []
    raw_path: str | None = None
    also_sources: list[Source] = []
    extractor_version: str | None = None
    extracted_with: str | None = None
    fingerprint: str | None = None


FIELDS = frozenset(Record.model_fields)
SCHEMA_FIELDS = FIELDS - set(BOOKKEEPING)   # the fields extraction makes (a worker's check covers them)


def record_problems(data: dict) -> list[tuple[str, str]]:
    """Every (field, reason) that keeps `data` from being a valid record; empty when it is one.

    `field` is the dotted place of the value (`figures.3.year`: the year of the fourth figure).
    """
    try:
        Record.model_validate(data)
        problems = []
    except ValidationError as err:
        problems = [(_place(e), _reason(e)) for e in err.errors()]
    return problems + _misspelt_fields(data)


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


def reference_problems(meta: dict, taxonomy) -> list[tuple[str, str]]:
    """(field, reason) for every zone or industry id of a valid record that `taxonomy` does not know.

    A zone marked `provisional: true` (found in the text, not yet in the taxonomy) and an id the
    taxonomy lists under `formerly` are known; a figure's zone may be one of the record's own zones.
    """
    own_zones = {z["id"] for z in meta.get("zones") or [] if z.get("provisional")}
    problems = []
    for key, kind in (("zones", "zone"), ("industries", "industry")):
        for n, ref in enumerate(meta.get(key) or []):
            if not (kind == "zone" and ref.get("provisional")) and taxonomy.resolve(kind, ref["id"]) is None:
                problems.append((f"{key}.{n}.id", _unknown(kind, ref["id"])))
    for n, fig in enumerate(meta.get("figures") or []):
        for kind in ("zone", "industry"):
            term_id = fig.get(kind)
            if term_id and term_id not in own_zones and taxonomy.resolve(kind, term_id) is None:
                problems.append((f"figures.{n}.{kind}", _unknown(kind, term_id)))
    return problems


def _unknown(kind: str, term_id: str) -> str:
    """The message for an id the taxonomy lacks."""
    filename = "zones.yml" if kind == "zone" else "industries.yml"
    return (f"unknown {kind} id {term_id!r}: content/taxonomy/{filename} has no such entry "
            f"(if it was renamed, add `formerly: [{term_id}]` to the renamed entry)")
