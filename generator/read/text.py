"""The plain-text reader: page-text dumps (.txt) as copied from a browser."""
from __future__ import annotations

import hashlib
from pathlib import Path

from . import RawArticle, reader
from .decode import decode_bytes


@reader(".txt", ".text")
def read_text(path: Path, data: bytes) -> list[RawArticle]:
    """One article from a page-text dump; its chrome is removed later by the cleaner."""
    text = decode_bytes(data, path).replace("\r\n", "\n").replace("\r", "\n")
    return [RawArticle(path=path, format="text", text=text,
                       raw_bytes_hash=hashlib.sha256(data).hexdigest())]
