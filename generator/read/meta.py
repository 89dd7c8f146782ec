"""A raw article's metadata: what the input states, else what its page text prints, checked."""
from __future__ import annotations

from datetime import date

from ..clean import CleanArticle, clean_page_text
from ..dates import parse_published, resolve_event_date
from . import RawArticle, ReadError

LEAD_CHARS = 300  # the part of the body searched for the event date
PEOPLE = ("editors", "authors", "photographers")


def clean_article(raw: RawArticle) -> CleanArticle:
    """The cleaned article (made once): a structured input's text has no header to find, a page's has one."""
    if raw.cleaned is None:
        title = raw.fields.get("title") or raw.hints.get("title")
        header = raw.hints.get("header")
        if header is None and raw.format in ("json", "markdown", "feed"):
            header = []
        raw.cleaned = clean_page_text(raw.text, title=title, header=header)
    return raw.cleaned


def check_article(raw: RawArticle) -> None:
    """Raise ReadError when a raw article cannot become a record (no text, no date)."""
    article_metadata(raw, clean_article(raw))


def article_metadata(raw: RawArticle, art: CleanArticle) -> dict:
    """title, published, event_date, source, url and credits; raises ReadError for an undated text."""
    fields = raw.fields
    if raw.problem is not None:
        raise raw.problem
    if not art.blocks:
        raise ReadError(raw.path, _where(raw) + "no article text found after removing page chrome",
                        "check that the file holds the article itself")
    published = parse_published(fields.get("published")) or parse_published(art.published) \
        or parse_published(raw.hints.get("published"))
    pub_date = date.fromisoformat(published[:10]) if published else None
    lead = "\n".join(art.paragraphs)[:LEAD_CHARS]
    event_date = resolve_event_date(lead, pub_date)
    title = (fields.get("title") or art.title or "").strip()
    if not published and not event_date:
        missing = "no title and no date" if art.title_derived or not title else "no date"
        raise ReadError(raw.path, _where(raw) + f"{missing}: no publication date and no dated event found",
                        "add a dateline such as '2025-02-08 16:38 来源:…' under the headline, "
                        "or a 'date' field")
    meta = {"title": title, "published": published, "event_date": event_date,
            "source": fields.get("source") or art.source, "url": fields.get("url")}
    for role in PEOPLE:
        meta[role] = list(fields.get(role) or getattr(art, role))
    if not meta["authors"]:  # <meta name="author">, unless it names the editor (CMSs often do)
        meta["authors"] = [n for n in raw.hints.get("authors", []) if n not in meta["editors"]]
    if art.title_derived and not fields.get("title"):
        meta["title_derived"] = True
    return meta


def _where(raw: RawArticle) -> str:
    """'entry 3: ' for one article of a file holding several, else ''."""
    return f"entry {raw.entry}: " if raw.format in ("json", "feed") and raw.entry else ""
