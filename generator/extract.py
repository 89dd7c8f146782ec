"""Cleaned article → record: read metadata, find entities and figures (the extract stage); the record is
validated here, once, into the model of record.py."""
from __future__ import annotations

import hashlib
import re
from datetime import date
from functools import lru_cache

from pypinyin import lazy_pinyin

from .clean import CheckedArticle
from .clean.dates import article_year
from .entities import find_entities
from .entities.subjects import assign_subjects, company_subjects, on_topic
from .figures import FigureContext, article_figures, glossary_of, home_currency
from .record import Record
from .scripts import Wording, detect_script, normalise
from .taxonomy import Taxonomy

SENTENCE_END = re.compile(r"(?<=[。！？!?])")


def build_record(checked: CheckedArticle, taxonomy: Taxonomy) -> tuple[Record, str]:
    """The record of SCHEMA.md for one cleaned article, validated, and its body; raises its ReadError if it has one
    (and pydantic's ValidationError should extraction make a record the schema refuses)."""
    art, meta = checked.checked()
    title, published = meta["title"], meta["published"]
    pub_date = date.fromisoformat(published[:10]) if published else None
    body = art.body
    script = detect_script(f"{title}\n{body}")
    year = None if pub_date else article_year(f"{title}\n{body}")
    context = FigureContext(published=pub_date, year=year, script=script,
                            glossary=glossary_of(taxonomy.metrics, taxonomy.indicators),
                            currency=home_currency(f"{title}\n{body}", script))
    entities = find_entities(title, body, taxonomy)
    figures = article_figures(title, body, context)
    own_zone = assign_subjects(figures, title, body, entities, taxonomy)
    company_subjects(entities["companies"], title, body, own_zone, taxonomy, entities)
    fields = {
        "id": make_id(title, pub_date or _iso_date(meta["event_date"]), body, taxonomy.wording, dated=bool(pub_date)),
        **meta,
        "script": script,
        "summary": summarise(body),
        **entities,
        "figures": figures,
        "on_topic": on_topic(title, body, entities, taxonomy),
        "content_hash": content_hash(body, taxonomy.wording),
        "reviewed": False,
    }
    return Record.model_validate(fields), body


def _iso_date(value: str | None) -> date | None:
    """The date of an ISO string, or None."""
    return date.fromisoformat(value[:10]) if value else None


def summarise(body: str, limit: int = 200) -> str:
    """The lead: whole first sentences of the first paragraph, at most about `limit` characters."""
    lead = next((p for p in body.split("\n\n") if p and not p.startswith(("#", "*"))), "")
    out = ""
    for sentence in SENTENCE_END.split(lead):
        if out and len(out) + len(sentence) > limit:
            break
        out += sentence
    return out[: limit + 40].strip()


def content_hash(body: str, wording: Wording) -> str:
    """Hash of the body's paragraphs after Unicode and script normalisation (with the taxonomy's `wording`), words only.

    Simplified and Traditional hash the same, and so do reposts that differ in punctuation
    style (“” or 「」), captions, headings or white space.
    """
    return "sha256:" + hashlib.sha256(comparable_words(body, wording).encode("utf-8")).hexdigest()[:32]


@lru_cache(maxsize=8)   # content_hash and the near-duplicate sketch read the same body one after the other
def comparable_words(body: str, wording: Wording) -> str:
    """The words of a body's paragraphs (no headings or captions), normalised and in Simplified, for comparing."""
    blocks = [b for b in body.split("\n\n") if b and not b.startswith(("#", "*"))] or [body]
    return re.sub(r"[\W_]+", "", normalise("\n".join(blocks), wording))


def make_id(title: str, published: date | None, body: str, wording: Wording, dated: bool = True) -> str:
    """A readable ASCII slug: the date, then the title in pinyin (or English words), at most 8 words.

    An article that states no publication date (`dated` false) ends in a short hash of its body,
    so that two undated articles with the same lead words never compete for one id; one with no
    date at all starts `undated-`.
    """
    words = [w.lower() for w in re.findall(r"[A-Za-z0-9]+", " ".join(lazy_pinyin(title)))][:8]
    digest = content_hash(body, wording).split(":")[-1][:6]
    stem = "-".join(words) or digest
    if not dated:
        stem = f"{stem}-{digest}" if words else stem
    return f"{published.isoformat()}-{stem}" if published else f"undated-{stem}"
