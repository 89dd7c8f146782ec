"""The JSON and JSON Lines readers: one article per object (title, date|published, source, url, text|html)."""
from __future__ import annotations

import json
from pathlib import Path

from . import RawArticle, ReadError, Unreadable, bytes_hash, reader
from .decode import decode_bytes
from .fields import pick_fields, text_of

HINT = "each article is an object with title, date, source, url and text (or html)"


@reader(".json")
def read_json(path: Path, data: bytes) -> list[RawArticle | Unreadable]:
    """Articles of a JSON file: one object, a list of objects, or {"articles": [...]}."""
    try:
        doc = json.loads(decode_bytes(data, path))
    except json.JSONDecodeError as err:
        raise ReadError(path, f"invalid JSON at line {err.lineno}, column {err.colno}: {err.msg}", HINT) from err
    if isinstance(doc, dict):
        items = next((doc[k] for k in ("articles", "items", "entries", "data") if isinstance(doc.get(k), list)), [doc])
    elif isinstance(doc, list):
        items = doc
    else:
        raise ReadError(path, "JSON holds neither an object nor a list of objects", HINT)
    digest = bytes_hash(data)
    return [_article(path, item, n, digest) for n, item in enumerate(items)]


@reader(".jsonl", ".ndjson")
def read_json_lines(path: Path, data: bytes) -> list[RawArticle | Unreadable]:
    """Articles of a JSON Lines file: one object per non-empty line; a broken line fails alone."""
    digest, out = bytes_hash(data), []
    for number, line in enumerate(decode_bytes(data, path).splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as err:
            problem = ReadError(path, f"line {number}: invalid JSON: {err.msg} (column {err.colno})", HINT)
            out.append(Unreadable(path, problem, entry=number - 1, line=number))
            continue
        out.append(_article(path, item, number - 1, digest, line=number))
    return out


def _article(path: Path, item, entry: int, digest: str, line: int = 0) -> RawArticle | Unreadable:
    """One RawArticle of a JSON object (`line`: its line in a JSON Lines file); one of another kind fails alone."""
    if not isinstance(item, dict):
        where = f"line {line}" if line else f"entry {entry}"
        return Unreadable(path, ReadError(path, f"{where}: not a JSON object", HINT), entry=entry, line=line)
    fields = pick_fields(item)
    text = text_of(fields)
    return RawArticle(path=path, format="json", text=text, fields=fields, entry=entry, line=line,
                      raw_bytes_hash=digest)
