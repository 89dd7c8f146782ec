"""The gather phase: read every record and group articles and figures by zone and industry."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .store import RecordError, StoredRecord, iter_records


@dataclass
class TermPage:
    """What one zone or industry page shows: the term and the articles and figures about it."""

    id: str
    name: str
    name_en: str | None
    articles: list[StoredRecord] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)


@dataclass
class Corpus:
    """Every record, grouped for rendering."""

    articles: list[StoredRecord] = field(default_factory=list)
    zones: dict[str, TermPage] = field(default_factory=dict)
    industries: dict[str, TermPage] = field(default_factory=dict)
    skipped: list[RecordError] = field(default_factory=list)


def gather(articles_dir: Path) -> Corpus:
    """Read the records and group them; unreadable records are kept aside with their error."""
    corpus = Corpus()
    for item in iter_records(articles_dir):
        if isinstance(item, RecordError):
            corpus.skipped.append(item)
            continue
        corpus.articles.append(item)
    corpus.articles.sort(key=lambda r: (str(r.meta.get("published") or ""), r.meta.get("id", "")), reverse=True)
    for rec in corpus.articles:
        _file_under(corpus.zones, rec, rec.meta.get("zones") or [], "zone")
        _file_under(corpus.industries, rec, rec.meta.get("industries") or [], "industry")
    return corpus


def _file_under(pages: dict[str, TermPage], rec: StoredRecord, terms: list[dict], key: str) -> None:
    """Add a record (and its figures about the term) to the page of each term it names."""
    for term in terms:
        page = pages.setdefault(term["id"], TermPage(term["id"], term["name"], term.get("name_en")))
        page.articles.append(rec)
        page.figures += [dict(f, article=rec.meta["id"]) for f in rec.meta.get("figures") or []
                         if f.get(key) == term["id"]]
