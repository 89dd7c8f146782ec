"""The read stage: one reader per input format, each turning a raw file into RawArticle objects (not cleaned)."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

MAX_BYTES = 20 * 1024 * 1024  # one input file; larger ones are refused, never half-read


class ReadError(Exception):
    """A raw file that cannot be read as an article, with the reason and a hint for the user."""

    def __init__(self, path: Path | str, reason: str, hint: str = ""):
        """Keep the path, the reason and the hint; the message joins them."""
        super().__init__(f"{path}: {reason}" + (f" ({hint})" if hint else ""))
        self.path, self.reason, self.hint = Path(path), reason, hint


@dataclass
class RawArticle:
    """One article as read from its file, before cleaning and extraction.

    `text` holds page text (a text dump, or text taken out of HTML) still carrying its
    chrome; `fields` holds metadata the input states outright (title, published, source,
    url, authors, editors …), which wins over what is guessed from the text. Keys of
    `hints` are guesses of a library (trafilatura's date, the page's <meta> author) that the
    text's own dateline and byline overrule, and what the clean stage needs of a saved web page
    (its lines as shown, its headline candidates). The clean stage (generator/clean/) makes a
    CheckedArticle of it.
    """

    path: Path
    format: str
    text: str
    fields: dict = field(default_factory=dict)
    entry: int = 0          # position within a file holding several articles (feeds, JSON Lines)
    line: int = 0           # the line it stands on in a JSON Lines file (0 elsewhere): messages name it
    raw_bytes_hash: str = ""  # hash of the raw file's bytes (cache key)
    hints: dict = field(default_factory=dict)


@dataclass
class Unreadable:
    """An entry of a file of several articles that cannot be read (a broken JSON line): where it is and why.

    The file's other entries still go through; the clean stage hands the error on with the entry.
    """

    path: Path
    error: ReadError
    entry: int = 0
    line: int = 0


Reader = Callable[[Path, bytes], list[RawArticle | Unreadable]]
READERS: dict[str, Reader] = {}


def reader(*suffixes: str):
    """Register a reader function for the given file suffixes."""
    def register(fn: Reader) -> Reader:
        """Enter `fn` in READERS under each suffix and return it unchanged."""
        for suffix in suffixes:
            READERS[suffix] = fn
        return fn
    return register


def bytes_hash(data: bytes) -> str:
    """The sha256 of a raw file's bytes (the ingest cache key)."""
    return hashlib.sha256(data).hexdigest()


def read_file(path: Path) -> list[RawArticle | Unreadable]:
    """Read one raw file with the reader its suffix selects (an entry that fails alone is Unreadable); raises
    ReadError with a clear reason."""
    path = Path(path)
    if is_sidecar(path):
        raise ReadError(path, "a fetch record (where and when the page beside it was fetched), not an article",
                        "ingest the page itself")
    fn = READERS.get(path.suffix.lower())
    if fn is None:
        raise ReadError(path, f"unknown file type '{path.suffix}'",
                        "use one of " + ", ".join(sorted(READERS)))
    data = _read_capped(path)
    if not data.strip():
        raise ReadError(path, "empty file", "remove it or put an article in it")
    articles = fn(path, data)
    if not articles:
        raise ReadError(path, "no article in the file", "a feed or JSON file needs at least one entry")
    return articles


def _read_capped(path: Path) -> bytes:
    """The file's bytes, refusing files over MAX_BYTES before reading them."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(path, f"file too large: {size / 2**20:.1f} MB, over the "
                            f"{MAX_BYTES // 2**20} MB limit for one input file",
                            "split it into one file per article")
        return path.read_bytes()
    except OSError as err:
        raise ReadError(path, f"cannot read file: {err.strerror}") from err


# The reader modules register themselves on import; they import this module's names above.
from . import feed, html, jsonfile, markdown, text  # noqa: E402,F401 - imported to register: they use the names above
from .fetched import is_sidecar  # noqa: E402 - fetched imports the names above
