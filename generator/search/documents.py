"""What the reader's search holds: one entry per article, zone and industry page, in the page's script.

An entry is what a result shows (title, date, where, the passage cut from its text) and what is
indexed (its title, its text and a few names the page shows but the passage need not). Listing pages,
the review page and the documentation are not in it: a reader looking for a word wants the article."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..yamlsafe import load_data

DATA = Path(__file__).resolve().parent.parent / "data" / "search.yml"
KIND_ORDER = ("article", "zone", "industry")   # results are listed in this order of kinds, best first within each
LAYOUT = ("zone", "industry", "article")       # entries are numbered in this order of kinds, articles oldest first:
                                               # a new article is appended and no other entry's number moves

_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_LINE_MARK = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+)", re.M)
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1", re.S)
_BLANK = re.compile(r"\n\s*\n+")


@dataclass(frozen=True)
class SearchEntry:
    """One page in the reader's search."""

    location: str       # the page, relative to the script's site root
    kind: str           # one of KIND_ORDER
    title: str
    date: str           # ISO day, or '' for zone and industry pages
    where: str          # the zones of an article; the kind (and parent) of a zone or industry page
    text: str           # what is indexed (and the passage is cut from, unless `shown` is set)
    names: str = ""     # indexed too, never shown: aliases and English names
    shown: str = ""     # what the passage is cut from when it is less than `text` (a long article's start)


@lru_cache(maxsize=1)
def settings() -> dict:
    """The search settings and words of generator/data/search.yml."""
    return load_data(DATA.read_text(encoding="utf-8"))


def plain_text(markdown: str) -> str:
    """An article's clean Markdown body as plain text, one paragraph a line."""
    text = _IMAGE.sub(r"\1", markdown)
    text = _LINK.sub(r"\1", text)
    text = _LINE_MARK.sub("", text)
    text = _EMPHASIS.sub(r"\2", text)
    return "\n".join(" ".join(block.split()) for block in _BLANK.split(text.strip()) if block.strip())


def entries(corpus, convert, taxonomy=None) -> list[SearchEntry]:
    """The search entries of a gathered corpus in its script, in LAYOUT order: zones and industries by id,
    then the articles oldest first (the corpus lists them newest first)."""
    return list(Entries(corpus, convert, taxonomy))


class Entries:
    """The search entries of a gathered corpus (as `entries` lists them), each article's made on first use:
    a build that finds an article's entry unchanged (by `sources`) need not make it."""

    def __init__(self, corpus, convert, taxonomy=None):
        """The zones' and industries' entries made now (they are few), the articles' when asked for."""
        self.corpus, self.convert, self.words = corpus, convert, settings()
        labels = {k: convert(v) for k, v in self.words["kinds"].items()}
        self.made: list[SearchEntry | None] = []
        for kind, pages in (("zone", corpus.zones), ("industry", corpus.industries)):
            names = _taxonomy_names(taxonomy, kind)
            self.made += [term_entry(pages[tid], labels[kind], pages, names.get(tid, ""),
                                     convert(self.words["pages"])) for tid in sorted(pages)]
        self.terms = len(self.made)
        self.articles = corpus.articles[::-1]
        self.made += [None] * len(self.articles)
        self.kinds = [e.kind for e in self.made[:self.terms]] + ["article"] * len(self.articles)

    def __len__(self) -> int:
        """The number of entries."""
        return len(self.made)

    def __getitem__(self, number: int) -> SearchEntry:
        """Entry `number`, made on first use."""
        entry = self.made[number]
        if entry is None:
            entry = self.made[number] = article_entry(self.articles[number - self.terms], self.corpus,
                                                      self.convert, self.words)
        return entry

    def __iter__(self):
        """Every entry in number order."""
        return (self[n] for n in range(len(self)))

    def made_articles(self) -> int:
        """How many articles' entries were made."""
        return sum(1 for entry in self.made[self.terms:] if entry is not None)

    def sources(self) -> list[str | None]:
        """A hash of what each article's entry is made from (its record file's hash, the script, the names of
        every zone and industry), None for the zones' and industries' entries and records without a hash."""
        names = hashlib.sha1(self.convert.script.encode())
        for kind, pages in (("zone", self.corpus.zones), ("industry", self.corpus.industries)):
            for tid in sorted(pages):
                names.update(f"{kind}\0{tid}\0{pages[tid].name}\n".encode("utf-8"))
        prefix = names.hexdigest()
        return [None] * self.terms + [hashlib.sha1(f"{prefix}{art.file_hash}".encode()).hexdigest()
                                      if art.file_hash else None for art in self.articles]


def article_entry(art, corpus, convert, words: dict) -> SearchEntry:
    """An article's entry: its title, date, zones, and its body followed by the names it is filed under."""
    meta = art.meta
    zones = _term_names(meta.zones, corpus.zones)
    tags = {"zones": zones, "industries": _term_names(meta.industries, corpus.industries),
            "companies": [c["name"] for c in meta.companies or []],
            "people": [p["name"] + (f"（{p['role']}）" if p.get("role") else "") for p in meta.people or []],
            "policies": [f"《{p['title']}》" for p in meta.policies or []],
            "source": [meta.source] if meta.source else [],
            "authors": list(meta.authors or [])}
    body = plain_text(art.body)
    names = [f"{convert(words['tags'][key])} {'、'.join(values)}" for key, values in tags.items() if values]
    shown = words["zones_shown"]
    where = "、".join(zones[:shown]) + ("…" if len(zones) > shown else "")
    start = passage_start(body, words["passage_chars"])
    return SearchEntry(f"articles/{art.id}.html", "article", str(meta.title or art.id), art.date,
                       where, "\n".join(line for line in [body, *names] if line),
                       shown="\n".join(line for line in [start, *names] if line) if start != body else "")


def passage_start(body: str, limit: int) -> str:
    """The start of a body that passages are cut from: all of it up to `limit` characters, else its
    first `limit` characters, ending after the last sentence or paragraph that ends within them."""
    if len(body) <= limit:
        return body
    cut = body[:limit]
    end = max(cut.rfind(mark) for mark in ("。", "！", "？", "\n", ". "))
    return cut[:end + 1].rstrip() if end > limit // 2 else cut


def term_entry(term, label: str, pages: dict, names: str, articles_word: str) -> SearchEntry:
    """A zone's or industry's entry: its name, what it is, its parent, how many articles it has."""
    parent = pages.get(term.parent) if term.parent else None
    where = " · ".join(part for part in (label, parent.name if parent else "") if part)
    folder = "zones" if term.kind == "zone" else "industries"
    text = " · ".join(part for part in (term.name, term.name_en or "", where,
                                        f"{len(term.articles)} {articles_word}") if part)
    return SearchEntry(f"{folder}/{term.id}.html", term.kind, term.name, "", where, text, names)


def _term_names(refs, pages: dict) -> list[str]:
    """The names, in the page script, of the zones or industries an article lists."""
    return [pages[r["id"]].name for r in refs or [] if isinstance(r, dict) and r.get("id") in pages]


def _taxonomy_names(taxonomy, kind: str) -> dict[str, str]:
    """Each zone's or industry's other names (aliases, English names) as one line, by id."""
    terms = getattr(taxonomy, "zones" if kind == "zone" else "industries", None) or []
    out = {}
    for term in terms:
        names = [*getattr(term, "aliases", ()), *getattr(term, "names_en", ())]
        out[term.id] = " ".join(str(n) for n in names if n)
    return out
