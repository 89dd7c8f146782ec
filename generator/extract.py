"""Raw article → record: clean, read metadata, find entities and figures (the extract stage)."""
from __future__ import annotations

import hashlib
import re
from datetime import date

from pypinyin import lazy_pinyin

from .clean import clean_page_text
from .dates import parse_published, resolve_event_date
from .entities import find_entities
from .figures import FigureContext, extract_figures
from .read import RawArticle
from .scripts import detect_script, normalise
from .taxonomy import Taxonomy

EXTRACTOR_VERSION = "1"
SENTENCE_END = re.compile(r"(?<=[。！？!?])")


def build_record(raw: RawArticle, taxonomy: Taxonomy) -> dict:
    """The full record of SCHEMA.md for one raw article, body included."""
    art = clean_page_text(raw.text)
    fields = raw.fields
    title = fields.get("title") or art.title
    published = parse_published(fields.get("published") or art.published)
    pub_date = date.fromisoformat(published[:10]) if published else None
    body = art.body
    script = detect_script(f"{title}\n{body}")
    context = FigureContext(published=pub_date, script=script)
    entities = find_entities(title, body, taxonomy)
    figures = extract_figures(title, context) + extract_figures(body, context)
    return {
        "id": make_id(title, pub_date, body),
        "title": title,
        "published": published,
        "event_date": resolve_event_date(body[:300], pub_date),
        "source": fields.get("source") or art.source,
        "url": fields.get("url"),
        "editors": fields.get("editors") or art.editors,
        "authors": fields.get("authors") or art.authors,
        "photographers": fields.get("photographers") or art.photographers,
        "script": script,
        "summary": summarise(body),
        **entities,
        "figures": figures,
        "content_hash": content_hash(body),
        "reviewed": False,
        "body": body,
    }


def summarise(body: str, limit: int = 200) -> str:
    """The lead: whole first sentences of the first paragraph, at most about `limit` characters."""
    lead = next((p for p in body.split("\n\n") if p and not p.startswith("#")), "")
    out = ""
    for sentence in SENTENCE_END.split(lead):
        if out and len(out) + len(sentence) > limit:
            break
        out += sentence
    return out[: limit + 40].strip()


def content_hash(body: str) -> str:
    """Hash of the body after Unicode and script normalisation (Simplified and Traditional hash the same)."""
    return "sha256:" + hashlib.sha256(normalise(body).encode("utf-8")).hexdigest()[:32]


def make_id(title: str, published: date | None, body: str) -> str:
    """A readable ASCII slug: the date, then the title in pinyin (or English words), at most 8 words."""
    words = [w.lower() for w in re.findall(r"[A-Za-z0-9]+", " ".join(lazy_pinyin(title)))][:8]
    stem = "-".join(words) or hashlib.sha256(body.encode()).hexdigest()[:8]
    return f"{published.isoformat()}-{stem}" if published else f"undated-{stem}"
