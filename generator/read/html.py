"""The HTML reader: main text by trafilatura, headline and dateline from the page as shown."""
from __future__ import annotations

import re
from pathlib import Path

import trafilatura

from . import RawArticle, ReadError, bytes_hash, reader
from .credits import STAMP, find_credits, is_credit_line, split_names
from .decode import decode_bytes
from .fetched import fetched_url, read_sidecar, transport_charset
from .pagetext import page_lines, parse_html
from .rules import any_of

# <meta> names and properties that carry the publication time, most trusted first.
PUBLISHED_META = ("article:published_time", "og:article:published_time", "datepublished",
                  "pubdate", "publishdate", "publish_date", "publishtime", "dc.date.issued", "dc.date")
SITE_SUFFIX = re.compile(r"\s*(?:\s[-–—]\s|[-_|｜–—])\s*[^-_|｜–—]{1,16}$")
HEADER_LINES = 8  # lines under the headline searched for the dateline, source and credits
MIN_BODY = 80     # characters of main text below which trafilatura is run again with tables …
MIN_SENTENCES = 3  # … and sentences: an article laid out in a table is found only with tables
SENTENCE_END = re.compile(r"[。！？]|[.!?](?=\s)")


@reader(".html", ".htm", ".xhtml", ".shtml")
def read_html(path: Path, data: bytes) -> list[RawArticle]:
    """One article from a saved web page: headline and dateline lines, then the main text.

    A page fetched by `briefing add` or `fetch` has its URL and HTTP charset in the fetch record beside it.
    """
    fetched = read_sidecar(path)
    text = decode_bytes(data, path, transport_charset(fetched))
    tree = parse_html(text)
    if tree is None:
        raise ReadError(path, "not an HTML page (no element found)", "save the page as HTML")
    lines = page_lines(tree)
    meta = trafilatura.extract_metadata(tree)
    candidates = title_candidates(tree, meta)
    head = find_headline(lines, candidates)
    fields, hints = page_fields(tree, meta)
    if url := fetched_url(fetched):
        fields["url"] = url  # where it was fetched from outranks the canonical link the page states
    hints["header"] = []
    if head is not None:
        start, end = head
        hints["title"] = " ".join(lines[start:end])
        # the lines under the headline, then the few above it (some pages print the date first)
        hints["header"] = header_zone(lines[end:end + HEADER_LINES]) + header_zone(lines[max(0, start - 3):start]) \
            + editor_lines(lines[end:])
    elif candidates:
        hints["title"] = candidates[0]
    body = main_text(text) or "\n".join(lines[head[1]:] if head else lines)
    return [RawArticle(path=path, format="html", text=body, fields=fields, hints=hints,
                       raw_bytes_hash=bytes_hash(data))]


def main_text(text: str) -> str:
    """The main text as light Markdown (trafilatura), without layout tables unless nothing else is found."""
    options = dict(output_format="markdown", include_comments=False, include_images=False,
                   include_formatting=True, include_links=False, deduplicate=False)
    body = trafilatura.extract(text, include_tables=False, **options) or ""
    if len(body) < MIN_BODY or len(SENTENCE_END.findall(body)) < MIN_SENTENCES:
        with_tables = trafilatura.extract(text, include_tables=True, **options) or ""
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
    return [c for c in out if len(c) >= 4 and not _opens_other_stories(c) and not (c in seen or seen.add(c))]


def _opens_other_stories(heading: str) -> bool:
    """True for a heading over other stories or comments (相关新闻, Related Stories): never the headline."""
    return bool(any_of("boilerplate.yml", "end_markers").match(heading.strip("【】[]■●◆▶►·•#* ")))


def strip_site_name(title: str) -> str:
    """A page title without the site and channel names appended to it ("… - 晴報 - 港聞")."""
    while m := SITE_SUFFIX.search(title):
        if m.start() < 4:
            break
        title = title[: m.start()]
    return title.strip()


def find_headline(lines: list[str], candidates: list[str]) -> tuple[int, int] | None:
    """(first, end) of the page lines that spell a headline, preferring one a dateline follows."""
    wanted = [_squash(c) for c in candidates]
    best, best_score = None, None
    for i, line in enumerate(lines):
        key = _squash(line)
        if len(key) < 4 or not any(w.startswith(key) for w in wanted):
            continue
        end = _longest_spelling(lines, i, wanted)
        if end is None:
            continue
        joined = "".join(_squash(ln) for ln in lines[i:end])
        dated = any(STAMP.search(ln) for ln in lines[end:end + HEADER_LINES])
        score = (dated, len(joined), -wanted.index(joined), -i)
        if best_score is None or score > best_score:
            best, best_score = (i, end), score
    return best


def _longest_spelling(lines: list[str], start: int, wanted: list[str]) -> int | None:
    """The end of the longest run of lines from `start` (at most 4) that spells a whole candidate."""
    joined, found = "", None
    for end in range(start, min(start + 4, len(lines))):
        joined += _squash(lines[end])
        if not any(w.startswith(joined) for w in wanted):
            break
        if joined in wanted:
            found = end + 1
    return found


def header_zone(lines: list[str]) -> list[str]:
    """The short lines under a headline (date, source, author, editor) up to the first paragraph."""
    out = []
    for line in lines:
        if len(line) > 120 or re.search(r"[。！？]", line) and len(line) > 40:
            break
        out.append(line)
    return out


def editor_lines(lines: list[str]) -> list[str]:
    """Editor credits printed after the article ("【责任编辑:王芳】"), up to a related-stories heading."""
    out = []
    for line in lines:
        if _opens_other_stories(line):
            break
        if len(line) <= 40 and find_credits(line).get("editors") and is_credit_line(line):
            out.append(line)
    return out


def page_fields(tree, meta) -> tuple[dict, dict]:
    """Fields the page states in markup (canonical URL, published time) and trafilatura's guesses."""
    fields, hints = {}, {}
    url = _canonical(tree) or (meta.url if meta else None)
    if url and url.startswith("http"):
        fields["url"] = url
    stamp = next((v for v in (_meta(tree, n) for n in PUBLISHED_META) if v), None)
    if stamp and re.search(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", stamp):
        fields["published"] = stamp.strip()
    if meta and meta.date:
        hints["published"] = meta.date
    if meta and meta.sitename:
        hints["sitename"] = meta.sitename
    if names := meta_authors(_meta(tree, "author")):
        hints["authors"] = names  # used when the page prints no byline
    return fields, hints


def meta_authors(value: str | None) -> list[str]:
    """Person names of <meta name="author"> as the page wrote it; none from a placeholder ("name, email@…")."""
    if not value or re.search(r"@|https?:|\bname\b", value, re.I):
        return []
    return split_names(value.replace(";", ","))


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


def _squash(text: str) -> str:
    """Text without white space and punctuation, for comparing headlines."""
    return re.sub(r"[\s\W_]+", "", text).lower()
