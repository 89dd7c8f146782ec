"""The article links a source lists: a feed's entries, or the links of a list page that match a pattern."""
from __future__ import annotations

import re
from pathlib import Path

import feedparser

from ..read.decode import decode_bytes
from ..read.fetched import transport_charset
from ..read.pagetext import parse_html
from .client import Response
from .errors import FetchError
from .urls import absolute, normalise_url

FEED_LINK_TYPES = ("application/rss+xml", "application/atom+xml")


def feed_links(answer: Response) -> list[str]:
    """The article addresses of an RSS/Atom feed, in the feed's order; FetchError when it is no feed."""
    parsed = feedparser.parse(answer.content, response_headers={"content-location": answer.url,
                                                                "content-type": answer.content_type})
    if not parsed.entries:
        problem = getattr(parsed, "bozo_exception", None)
        why = f": {' '.join(str(problem).split())}" if parsed.bozo and problem else ": it has no entries"
        raise FetchError("not a readable RSS/Atom feed" + why, permanent=True)
    links = []
    for entry in parsed.entries:
        href = entry.get("link") or next((link.get("href") for link in entry.get("links", []) if link.get("href")),
                                         None)
        if href and (url := absolute(answer.url, href)):
            links.append(url)
    return unique(links)


def page_links(answer: Response, pattern: re.Pattern) -> list[str]:
    """The links of a list page whose absolute address matches `pattern` (re.search), in page order."""
    tree = _tree(answer)
    base = _base(tree, answer.url)
    found = []
    for anchor in tree.iter("a"):
        href = anchor.get("href")
        if href and (url := absolute(base, href)) and pattern.search(url):
            found.append(url)
    return unique(found)


def feed_link(answer: Response) -> str | None:
    """The address of the feed a page names in <link rel="alternate" type="application/rss+xml|atom+xml">."""
    tree = _tree(answer)
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        if "alternate" in rel and kind in FEED_LINK_TYPES and link.get("href"):
            return absolute(_base(tree, answer.url), link.get("href"))
    return None


def unique(urls: list[str]) -> list[str]:
    """The addresses without repeats (as normalise_url spells them), first occurrence kept."""
    seen, out = set(), []
    for url in urls:
        key = normalise_url(url)
        if key not in seen:
            seen.add(key)
            out.append(url)
    return out


def _tree(answer: Response):
    """The page's element tree, decoded as the HTML reader decodes it; FetchError when it is no page."""
    from ..read import ReadError
    try:
        text = decode_bytes(answer.content, Path(answer.url), transport_charset({"content_type": answer.content_type}))
    except ReadError as err:
        raise FetchError(f"the page cannot be decoded: {err.reason}", permanent=True) from None
    tree = parse_html(text)
    if tree is None:
        raise FetchError("not an HTML page (no element found)", permanent=True)
    return tree


def _base(tree, url: str) -> str:
    """The address links are relative to: the page's <base href>, else its own."""
    for element in tree.iter("base"):
        if element.get("href"):
            return absolute(url, element.get("href")) or url
    return url
