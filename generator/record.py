"""The article record of SCHEMA.md as a validated model, and the checks `briefing check` runs."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

Script = Literal["zh-Hans", "zh-Hant", "en"]
Kind = Literal["actual", "target", "fact"]
Qualifier = Literal["over", "nearly", "about", "under", "at_least", "up_to", "tier"]
Measure = Literal["level", "growth", "share"]


class Figure(BaseModel):
    """One key figure: the quantity, how it was written, and the sentence it came from."""

    model_config = ConfigDict(extra="allow")

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
    zone: str | None = None
    industry: str | None = None
    confidence: float = Field(default=0.5, ge=0, le=1)


class TermRef(BaseModel):
    """A zone or industry named by an article: the taxonomy id with its names."""

    model_config = ConfigDict(extra="allow")

    id: str
    name: str
    name_en: str | None = None


class Company(BaseModel):
    model_config = ConfigDict(extra="allow")
    name: str


class Person(BaseModel):
    model_config = ConfigDict(extra="allow")
    name: str
    role: str | None = None


class Policy(BaseModel):
    model_config = ConfigDict(extra="allow")
    title: str


class Record(BaseModel):
    """An article record: the front-matter fields of SCHEMA.md (the body is kept beside it)."""

    model_config = ConfigDict(extra="allow")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str
    title_derived: bool = False     # the input had no headline: `title` is made from the lead
    published: str | None
    event_date: str | None = None
    source: str | None = None
    url: str | None = None
    editors: list[str] = []
    authors: list[str] = []
    photographers: list[str] = []
    script: Script
    summary: str = ""
    zones: list[TermRef] = []
    industries: list[TermRef] = []
    companies: list[Company | str] = []
    people: list[Person] = []
    policies: list[Policy] = []
    figures: list[Figure] = []
    on_topic: bool = True
    content_hash: str
    reviewed: bool = False


def record_problems(data: dict) -> list[tuple[str, str]]:
    """Every (field, reason) that keeps `data` from being a valid record; empty when it is one."""
    try:
        Record.model_validate(data)
    except ValidationError as err:
        return [(".".join(str(p) for p in e["loc"]) or "(record)", e["msg"]) for e in err.errors()]
    return []
