"""The Markdown reader: an article written or pasted by hand, metadata in YAML front-matter."""
from __future__ import annotations

import re
from pathlib import Path

import frontmatter
import yaml

from . import RawArticle, ReadError, bytes_hash, reader
from .decode import decode_bytes
from .fields import pick_fields

TOP_HEADING = re.compile(r"^\s*#\s+(?P<t>.+?)\s*#*\s*$", re.M)


@reader(".md", ".markdown")
def read_markdown(path: Path, data: bytes) -> list[RawArticle]:
    """One article: front-matter fields (title, date, source, url, authors …) and the Markdown body."""
    text = decode_bytes(data, path)
    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as err:
        raise ReadError(path, f"front-matter is not valid YAML: {err}".splitlines()[0],
                        "check the block between the --- lines") from err
    fields = pick_fields(post.metadata)
    body = post.content
    if "title" not in fields and (m := TOP_HEADING.search(body)) and not body[: m.start()].strip():
        fields["title"] = m.group("t")
        body = body[m.end():]
    fields.pop("text", None)
    fields.pop("html", None)
    return [RawArticle(path=path, format="markdown", text=body, fields=fields, raw_bytes_hash=bytes_hash(data))]
