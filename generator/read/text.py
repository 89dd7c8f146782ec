"""The plain-text reader: page-text dumps (.txt) as copied from a browser."""
from __future__ import annotations

from pathlib import Path

from . import RawArticle, bytes_hash, reader
from .decode import decode_bytes


@reader(".txt", ".text")
def read_text(path: Path, data: bytes) -> list[RawArticle]:
    """One article from a page-text dump; its chrome is removed later by the cleaner."""
    text = decode_bytes(data, path).replace("\r\n", "\n").replace("\r", "\n")
    return [RawArticle(path=path, format="text", text=text, raw_bytes_hash=bytes_hash(data))]
