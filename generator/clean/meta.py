"""A raw article's metadata: what the input states, else what its page text prints, checked."""
from __future__ import annotations

from datetime import date

from ..read import RawArticle, ReadError
from .cleaned import CleanArticle
from .dates import article_year, parse_published, resolve_event_date
from .htmlpage import meta_authors, page_header
from .page import clean_page_text

LEAD_CHARS = 300  # the part of the body searched for the event date
PEOPLE = ("editors", "authors", "photographers")


def clean_articles(articles: list[RawArticle]) -> list[RawArticle]:
    """The articles, each cleaned and checked once; a file none of whose articles reads raises the first error.

    In a file of several articles (a feed, JSON Lines) a bad entry keeps its ReadError in
    `problem`, raised when its record is built, so the good entries still go through.
    """
    problems = []
    for raw in articles:
        try:
            check_article(raw)
        except ReadError as err:
            raw.problem = err
            problems.append(err)
    if len(problems) == len(articles):
        raise problems[0]
    return articles


def clean_article(raw: RawArticle) -> CleanArticle:
    """The cleaned article (made once): a structured input's text has no header to find, a page's has one
    (a saved web page's is found in its lines as shown)."""
    if raw.cleaned is None:
        text, title, header = raw.text, raw.fields.get("title"), None
        if raw.format == "html":
            found, header, text = page_header(raw.hints["lines"], raw.hints["title_candidates"], text)
            title = title or found
        elif raw.format in ("json", "markdown", "feed"):
            header = []
        raw.cleaned = clean_page_text(text, title=title, header=header)
    return raw.cleaned


def check_article(raw: RawArticle) -> None:
    """Raise ReadError when a raw article cannot become a record (unreadable, or no article text)."""
    article_metadata(raw, clean_article(raw))


def article_metadata(raw: RawArticle, art: CleanArticle) -> dict:
    """title, published, event_date, source, url and credits; raises ReadError for an input with no article text.

    A text that states no publication date still gives a record: `published` is None and the
    event date is read against the year the text names (or stays None); it is never guessed
    from the file. A text without a headline has the lead's first clause as title (`title_derived`).
    """
    fields = raw.fields
    if raw.problem is not None:
        raise raw.problem
    if not art.blocks:
        raise ReadError(raw.path, _where(raw) + "no article text found after removing page chrome",
                        "check that the file holds the article itself")
    published = parse_published(fields.get("published")) or parse_published(art.published) \
        or parse_published(raw.hints.get("published"))
    year = None if published else article_year(f"{art.title}\n{art.body}")
    if not published and art.published_day and year:   # "Updated: Sept 12" in an article about 2024
        published = parse_published(f"{year}-{art.published_day}")
        year = None
    pub_date = date.fromisoformat(published[:10]) if published else None
    lead = "\n".join(art.paragraphs)[:LEAD_CHARS]
    event_date = resolve_event_date(lead, pub_date, year)
    title = (fields.get("title") or art.title or "").strip()
    meta = {"title": title, "published": published, "event_date": event_date,
            "source": fields.get("source") or art.source, "url": fields.get("url")}
    for role in PEOPLE:
        meta[role] = list(fields.get(role) or getattr(art, role))
    if not meta["authors"]:  # <meta name="author">, unless it names the editor (CMSs often do)
        meta["authors"] = [n for n in meta_authors(raw.hints.get("author")) if n not in meta["editors"]]
    if art.title_derived and not fields.get("title"):
        meta["title_derived"] = True
    return meta


def _where(raw: RawArticle) -> str:
    """'line 3: ' for an article of a JSON Lines file, 'entry 3: ' for one of a feed or JSON list, else ''."""
    if raw.line:
        return f"line {raw.line}: "
    return f"entry {raw.entry}: " if raw.format in ("json", "feed") and raw.entry else ""
