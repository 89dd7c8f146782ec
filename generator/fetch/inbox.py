"""Fetched pages in content/inbox/web/: stored once, never rewritten, and the addresses the corpus holds."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from ..atomic import create_exclusive, write_bytes_atomic
from ..ingest.sources import display
from ..read.fetched import SIDECAR_SUFFIX, sidecar_of
from .client import Response
from .urls import is_web_url, normalise_url

WEB_FOLDER = "web"          # under the inbox: one folder per host
PAGE_SUFFIX = ".html"
SLUG_CHARS = 60


def page_path(inbox: Path, url: str) -> Path:
    """Where the page of `url` is stored: `web/<host>/<last path part>-<hash of the URL>.html`."""
    parts = urlsplit(normalise_url(url))
    host = re.sub(r"[^a-z0-9.-]+", "-", (parts.hostname or "host").lower()).strip(".-") or "host"
    if parts.port:
        host += f"-{parts.port}"
    last = unquote(parts.path.rstrip("/").rsplit("/", 1)[-1])
    last = re.sub(r"\.(s?html?|php|aspx?|jsp)$", "", last, flags=re.I)
    slug = re.sub(r"[^A-Za-z0-9]+", "-", last).strip("-").lower()[:SLUG_CHARS].strip("-") or "index"
    digest = hashlib.sha256(normalise_url(url).encode("utf-8")).hexdigest()[:10]
    return inbox / WEB_FOLDER / host / f"{slug}-{digest}{PAGE_SUFFIX}"


def store_page(inbox: Path, answer: Response, source: str | None = None) -> Path:
    """Write the page's bytes unchanged and its fetch record beside it; an existing page is never replaced."""
    path = page_path(inbox, answer.url)
    number = 1
    while path.exists():   # another address with the same name (a hash collision): never overwrite
        number += 1
        path = path.with_name(f"{path.stem.rsplit('~', 1)[0]}~{number}{PAGE_SUFFIX}")
    record = fetch_record(answer, source)
    # the record first: a page is never in the inbox without it (a record without its page is rewritten)
    write_bytes_atomic(sidecar_of(path), (json.dumps(record, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    create_exclusive(path, answer.content)
    return path


def fetch_record(answer: Response, source: str | None) -> dict:
    """Where and when a page was fetched, its HTTP type and validators, and the hash of its bytes."""
    record = {"url": answer.url}
    if normalise_url(answer.requested) != normalise_url(answer.url):
        record["requested"] = answer.requested
    record.update(fetched=answer.fetched, status=answer.status, content_type=answer.content_type)
    for key in ("etag", "last_modified"):
        if getattr(answer, key):
            record[key] = getattr(answer, key)
    record.update(bytes=len(answer.content), sha256=hashlib.sha256(answer.content).hexdigest())
    if source:
        record["source"] = source
    return record


class Corpus:
    """The web addresses the project holds already: fetched pages (their fetch records) and records' `url`."""

    def __init__(self, root: Path):
        """An empty set; `load` fills it. Places are shown relative to the project `root`."""
        self.root = root
        self.places: dict[str, Path] = {}   # normalised address → the file that holds it

    @classmethod
    def load(cls, root: Path, inbox: Path, articles: Path) -> "Corpus":
        """Every address of the fetch records under `inbox` (whose page exists) and of the records in `articles`."""
        corpus = cls(root)
        for sidecar in sorted(inbox.rglob(f"*{SIDECAR_SUFFIX}")) if inbox.is_dir() else []:
            corpus._add_fetched(sidecar)
        for record in sorted(articles.glob("*.md")) if articles.is_dir() else []:
            for url in record_urls(record):
                corpus.add(url, record)
        return corpus

    def _add_fetched(self, sidecar: Path) -> None:
        """The addresses of one fetch record, when the page it describes is there."""
        page = sidecar.with_name(sidecar.name[: -len(SIDECAR_SUFFIX)] + PAGE_SUFFIX)
        try:
            data = json.loads(sidecar.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if page.is_file() and isinstance(data, dict):
            for key in ("url", "requested"):
                if is_web_url(data.get(key)):
                    self.add(data[key], page)

    def add(self, url: str, where: Path) -> None:
        """Note that the file `where` holds the address `url`."""
        self.places.setdefault(normalise_url(url), where)

    def known(self, url: str) -> str | None:
        """The file that holds `url` already (relative to the project root when inside it), or None."""
        where = self.places.get(normalise_url(url))
        return None if where is None else display(where, self.root)


def record_urls(path: Path) -> list[str]:
    """The web addresses a record's front-matter gives (`url:` and the also_sources' `url:`), read without YAML."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    end = text.find("\n---", 3)
    front = text[: end if end > 0 else len(text)]
    urls, at = [], front.find("url:")
    while at >= 0:
        line_start = front.rfind("\n", 0, at) + 1
        line_end = front.find("\n", at) if front.find("\n", at) >= 0 else len(front)
        if front[line_start:at].strip() in ("", "-") and is_web_url(url := _scalar(front[at + 4:line_end].strip())):
            urls.append(url.strip())
        at = front.find("url:", at + 4)
    return urls


def _scalar(value: str):
    """A YAML scalar as written on one line: plain text as it is, quoted text through the YAML parser."""
    if not value.startswith(("'", '"')):
        return value
    try:
        return yaml.safe_load(value)
    except yaml.YAMLError:
        return None
