"""The RSS/Atom reader (feedparser): one article per feed entry."""
from __future__ import annotations

from pathlib import Path

import feedparser

from . import RawArticle, ReadError, bytes_hash, reader
from .fields import as_names, html_to_text, looks_like_html


@reader(".xml", ".rss", ".atom")
def read_feed(path: Path, data: bytes) -> list[RawArticle]:
    """The entries of an RSS or Atom feed, each with its title, link, date, author and content."""
    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = "no feed entries" + (f" ({parsed.bozo_exception})" if parsed.get("bozo") else "")
        raise ReadError(path, reason, "an .xml file is read as an RSS or Atom feed")
    publisher = parsed.feed.get("title")
    digest = bytes_hash(data)
    return [_entry(path, e, n, publisher, digest) for n, e in enumerate(parsed.entries)]


def _entry(path: Path, entry, number: int, publisher: str | None, digest: str) -> RawArticle:
    """One RawArticle of a feed entry."""
    fields = {}
    for name, value in (("title", entry.get("title")), ("url", entry.get("link")),
                        ("published", entry.get("published") or entry.get("updated")),
                        ("source", (entry.get("source") or {}).get("title") or publisher)):
        if value:
            fields[name] = " ".join(str(value).split())
    if entry.get("authors") or entry.get("author"):
        fields["authors"] = as_names(entry.get("authors") or entry.get("author"))
    content = (entry.get("content") or [{}])[0].get("value") or entry.get("summary") or ""
    text = html_to_text(content) if looks_like_html(content) else content
    return RawArticle(path=path, format="feed", text=text, fields=fields, entry=number, raw_bytes_hash=digest)
