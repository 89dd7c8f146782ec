"""The reader's search: entries from the gathered corpus, a sharded term index, and the files a
browser loads per query (generator/search/index.py says which). The search worker that reads them
is templates/overrides/assets/javascripts/briefing-search.js, behind Material's own search box.
With a memo (memo.py) a build starts from the last build's files: update.py says how."""
from __future__ import annotations

import hashlib
import json

from .documents import Entries, settings
from .fold import Folder
from .index import build_terms, entry_files, index_config, term_files
from .memo import SearchMemo, entry_digest
from .update import update_terms

__all__ = ["write_search", "settings", "SearchMemo"]


def write_search(corpus, convert, taxonomy, wording, writer, shared: bool, memo: SearchMemo | None = None) -> int:
    """Write one script's search files into `writer` (the term index too when `shared`), starting from the
    last build's when `memo` holds them; the number of entries."""
    found = Entries(corpus, convert, taxonomy)
    fold = Folder.for_wording(wording)
    folding = hashlib.sha1(repr(fold.pairs).encode("utf-8")).hexdigest()
    state = memo.take(convert.script) if memo else None
    state = state if state and state.get("fold") == folding else None
    sources, known = found.sources(), (state or {}).get("sources", {})
    digests = [known.get(source) or entry_digest(found[n]) for n, source in enumerate(sources)]
    kept = {"fold": folding, "entries": digests, "sources": {s: d for s, d in zip(sources, digests) if s}}
    if shared:
        index = update_terms(state["terms"], str(writer.docs), found, digests, fold, memo) if state else None
        if index is None:
            if memo:
                memo.clear_entries()
            index = build_terms(found, fold, seen=(lambda n, terms: memo.keep_entry_terms(digests[n], terms))
                                if memo else None)
        elif memo:
            memo.forget_entries(set(state["entries"]) - set(digests))
        _write(writer, term_files(index, fold))
        kept["terms"] = {"entries": digests, "digests": index.digests, "last": index.last, "size": index.size}
        kept["reused"], kept["decoded"] = index.reused, index.decoded
    files = entry_files(found, state["entries"] if state else None, digests, writer.keep)
    _write(writer, files)
    kept["kept"] = sum(1 for text in files.values() if text is None)
    kept["made"] = found.made_articles()
    config = index_config(found.kinds, convert.script, "" if shared else "../", _version(digests, folding))
    text = json.dumps(config, ensure_ascii=False, separators=(",", ":"))
    writer["search_index.json"] = text
    writer["search_index.js"] = "var __index = " + text
    if memo:
        if shared:
            memo.write_entries()
        memo.save(convert.script, kept)
    return len(found)


def _write(writer, files: dict) -> None:
    """Write each file whose text is given; a file without (None) is kept as it is on disk."""
    for name, text in files.items():
        if text is None:
            if not writer.keep(name):
                raise FileNotFoundError(f"search file {name} of the last build is missing")
        else:
            writer[name] = text


def _version(digests: list[str], folding: str) -> str:
    """A short hash of what the search files hold, added to their addresses so no browser keeps stale ones."""
    digest = hashlib.sha1(folding.encode())
    for entry in digests:
        digest.update(entry.encode())
    return digest.hexdigest()[:12]
