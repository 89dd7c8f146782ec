"""The reader's search: entries from the gathered corpus, a sharded term index, and the files a
browser loads per query (generator/search/index.py says which). The search worker that reads them
is templates/overrides/assets/javascripts/briefing-search.js, behind Material's own search box."""
from __future__ import annotations

import hashlib
import json

from .documents import entries, settings
from .fold import Folder
from .index import build_terms, entry_files, index_config, term_files

__all__ = ["write_search", "settings"]


def write_search(corpus, convert, taxonomy, wording, writer, shared: bool, known: dict | None = None) -> int:
    """Write one script's search files into `writer` (the term index too when `shared`; `known`: the entries'
    lengths of the last build, see build_terms); the number of entries."""
    found = entries(corpus, convert, taxonomy)
    fold = Folder.for_wording(wording)
    if shared:
        for name, text in term_files(build_terms(found, fold, known=known), fold).items():
            writer[name] = text
    for name, text in entry_files(found).items():
        writer[name] = text
    config = index_config(found, convert.script, "" if shared else "../", _version(found, fold))
    text = json.dumps(config, ensure_ascii=False, separators=(",", ":"))
    writer["search_index.json"] = text
    writer["search_index.js"] = "var __index = " + text
    return len(found)


def _version(found, fold: Folder) -> str:
    """A short hash of what the search files hold, added to their addresses so no browser keeps stale ones."""
    digest = hashlib.sha1(repr(fold.pairs).encode("utf-8"))
    for entry in found:
        digest.update(repr(entry).encode("utf-8"))
    return digest.hexdigest()[:12]
