"""The HTML reader: main text by trafilatura, the page's lines as shown and its headline candidates."""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from . import RawArticle, ReadError, bytes_hash, reader
from .decode import decode_bytes
from .fetched import fetched_url, read_sidecar, transport_charset
from .pagetext import page_lines, parse_html
from .rules import any_of, reading

SITE_SUFFIX = re.compile(r"\s*(?:\s[-–—]\s|[-_|｜–—])\s*[^-_|｜–—]{1,16}$")
MIN_BODY = 80     # characters of main text below which trafilatura is run again with tables …
MIN_SENTENCES = 3  # … and sentences: an article laid out in a table is found only with tables
SENTENCE_END = re.compile(r"[。！？]|[.!?](?=\s)")


@reader(".html", ".htm", ".xhtml", ".shtml")
def read_html(path: Path, data: bytes) -> list[RawArticle]:
    """One article from a saved web page: the main text, the page's lines and its headline candidates.

    A page fetched by `briefing add` or `fetch` has its URL and HTTP charset in the fetch record beside it.
    """
    fetched = read_sidecar(path)
    text = decode_bytes(data, path, transport_charset(fetched))
    tree = parse_html(text)
    if tree is None:
        raise ReadError(path, "not an HTML page (no element found)", "save the page as HTML")
    meta = _trafilatura().extract_metadata(tree)
    fields, hints = page_fields(tree, meta)
    if url := fetched_url(fetched):
        fields["url"] = url  # where it was fetched from outranks the canonical link the page states
    # the page's lines as shown and its headline candidates: the clean stage finds headline and header in them
    hints["lines"], hints["title_candidates"] = page_lines(tree), title_candidates(tree, meta)
    return [RawArticle(path=path, format="html", text=main_text(text), fields=fields, hints=hints,
                       raw_bytes_hash=bytes_hash(data))]


@cache
def _trafilatura():
    """trafilatura, imported when the first page is read: the render and MkDocs processes import the read stage for
    its rules and read no page (the import took 0.25–0.4 s of each)."""
    import trafilatura
    return trafilatura


def main_text(text: str) -> str:
    """The main text as light Markdown (trafilatura), without layout tables unless nothing else is found."""
    options = dict(output_format="markdown", include_comments=False, include_images=False,
                   include_formatting=True, include_links=False, deduplicate=False)
    body = _trafilatura().extract(text, include_tables=False, **options) or ""
    if len(body) < MIN_BODY or len(SENTENCE_END.findall(body)) < MIN_SENTENCES:
        with_tables = _trafilatura().extract(text, include_tables=True, **options) or ""
        if len(SENTENCE_END.findall(with_tables)) > len(SENTENCE_END.findall(body)):
            body = with_tables
    return body


def title_candidates(tree, meta) -> list[str]:
    """Headline candidates, best first: og:title, trafilatura's title, <title> without site names, h1–h3."""
    out = []
    for value in (_meta(tree, "og:title"), meta.title if meta else None, tree.findtext(".//title")):
        if value and value.strip():
            out.append(strip_site_name(" ".join(value.split())))
    for tag in ("h1", "h2", "h3"):
        out += [" ".join(h.text_content().split()) for h in tree.iter(tag)]
    seen: set[str] = set()
    return [c for c in out if len(c) >= 4 and not opens_other_stories(c) and not (c in seen or seen.add(c))]


def opens_other_stories(heading: str) -> bool:
    """True for a heading over other stories or comments (相关新闻, Related Stories): never the headline."""
    return bool(any_of("boilerplate.yml", "end_markers").match(heading.strip("【】[]■●◆▶►·•#* ")))


def strip_site_name(title: str) -> str:
    """A page title without the site and channel names appended to it ("… - 晴報 - 港聞")."""
    while m := SITE_SUFFIX.search(title):
        if m.start() < 4:
            break
        title = title[: m.start()]
    return title.strip()


def page_fields(tree, meta) -> tuple[dict, dict]:
    """Fields the page states in markup (canonical URL, published time) and trafilatura's guesses."""
    fields, hints = {}, {}
    url = _canonical(tree) or (meta.url if meta else None)
    if url and url.startswith("http"):
        fields["url"] = url
    stamp = next((v for v in (_meta(tree, n) for n in reading("published_meta")) if v), None)
    if stamp and re.search(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", stamp):
        fields["published"] = stamp.strip()
    if meta and meta.date:
        hints["published"] = meta.date
    if author := _meta(tree, "author"):
        hints["author"] = author  # its names are used when the page prints no byline
    return fields, hints


def _meta(tree, name: str) -> str | None:
    """The content of <meta name|property|itemprop=name>, matched without case."""
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        if key == name and el.get("content"):
            return el.get("content")
    return None


def _canonical(tree) -> str | None:
    """The page's canonical URL (<link rel=canonical> or og:url)."""
    for el in tree.iter("link"):
        if (el.get("rel") or "").lower() == "canonical" and el.get("href"):
            return el.get("href")
    return _meta(tree, "og:url")
