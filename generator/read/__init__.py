"""Readers: one per input format, each turning a raw file into RawArticle objects."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable


class ReadError(Exception):
    """A raw file that cannot be read as an article, with the reason and a hint for the user."""

    def __init__(self, path: Path | str, reason: str, hint: str = ""):
        super().__init__(f"{path}: {reason}" + (f" ({hint})" if hint else ""))
        self.path, self.reason, self.hint = Path(path), reason, hint


@dataclass
class RawArticle:
    """One article as read from its file, before cleaning and extraction.

    `text` holds page text (a text dump, or text taken out of HTML) still carrying its
    chrome; `fields` holds metadata the input states outright (title, published, source,
    url, authors, editors …), which wins over what is guessed from the text.
    """

    path: Path
    format: str
    text: str
    fields: dict = field(default_factory=dict)
    entry: int = 0          # position within a file holding several articles (feeds, JSON Lines)
    raw_bytes_hash: str = ""  # hash of the raw file's bytes (cache key)


Reader = Callable[[Path, bytes], list[RawArticle]]
READERS: dict[str, Reader] = {}


def reader(*suffixes: str):
    """Register a reader function for the given file suffixes."""
    def register(fn: Reader) -> Reader:
        for suffix in suffixes:
            READERS[suffix] = fn
        return fn
    return register


def read_file(path: Path) -> list[RawArticle]:
    """Read one raw file with the reader its suffix selects; raises ReadError with a clear reason."""
    from . import text  # noqa: F401  (registers the readers)
    path = Path(path)
    fn = READERS.get(path.suffix.lower())
    if fn is None:
        raise ReadError(path, f"unknown file type '{path.suffix}'",
                        "use one of " + ", ".join(sorted(READERS)))
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ReadError(path, f"cannot read file: {err.strerror}") from err
    if not data.strip():
        raise ReadError(path, "empty file", "remove it or put an article in it")
    return fn(path, data)
