"""A raw article's metadata: what the input states, else what its page text prints, checked."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..read import RawArticle, ReadError, Unreadable
from .cleaned import CleanArticle
from .dates import article_year, parse_published, resolve_event_date
from .htmlpage import meta_authors, page_header
from .page import clean_page_text

LEAD_CHARS = 300  # the part of the body searched for the event date
PEOPLE = ("editors", "authors", "photographers")


@dataclass
class CheckedArticle:
    """An article as the clean stage hands it on: the raw article, its CleanArticle and its checked metadata,
    or (`problem`) why it cannot be a record; `path`, `entry` and `line` say where it stands."""

    path: Path
    raw: RawArticle | None          # None for an entry the read stage could not read
    entry: int = 0
    line: int = 0
    article: CleanArticle | None = None
    meta: dict | None = None
    problem: ReadError | None = None

    def checked(self) -> tuple[CleanArticle, dict]:
        """The CleanArticle and its metadata; raises the ReadError of an article that cannot be a record."""
        if self.problem is not None:
            raise self.problem
        return self.article, self.meta


def clean_articles(articles: list[RawArticle | Unreadable]) -> list[CheckedArticle]:
    """The articles of one file, each cleaned and checked once; a file none of whose articles reads raises the
    first error.

    In a file of several articles (a feed, JSON Lines) a bad entry keeps its ReadError in
    `problem`, raised when its record is built, so the good entries still go through.
    """
    checked = [_check(item) for item in articles]
    problems = [one.problem for one in checked if one.problem is not None]
    if len(problems) == len(checked):
        raise problems[0]
    return checked


def _check(item: RawArticle | Unreadable) -> CheckedArticle:
    """One article cleaned and its metadata read, or the ReadError that keeps it from being a record."""
    if isinstance(item, Unreadable):
        return CheckedArticle(item.path, None, item.entry, item.line, problem=item.error)
    checked = CheckedArticle(item.path, item, item.entry, item.line)
    try:
        checked.article = clean_article(item)
        checked.meta = article_metadata(item, checked.article)
    except ReadError as err:
        checked.problem = err
    return checked


def clean_article(raw: RawArticle) -> CleanArticle:
    """The cleaned article: a structured input's text has no header to find, a page's has one (a saved web
    page's is found in its lines as shown)."""
    text, title, header = raw.text, raw.fields.get("title"), None
    if raw.format == "html":
        found, header, text = page_header(raw.hints["lines"], raw.hints["title_candidates"], text)
        title = title or found
    elif raw.format in ("json", "markdown", "feed"):
        header = []
    return clean_page_text(text, title=title, header=header)


def article_metadata(raw: RawArticle, art: CleanArticle) -> dict:
    """title, published, event_date, source, url and credits; raises ReadError for an input with no article text.

    A text that states no publication date still gives a record: `published` is None and the
    event date is read against the year the text names (or stays None); it is never guessed
    from the file. A text without a headline has the lead's first clause as title (`title_derived`).
    """
    fields = raw.fields
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
