"""The reader's search index as static files a browser loads a few at a time, over http(s) or from disk.

Every file is a script (`BFS.t[7]={…}`) so that it loads with a `<script>` element or `importScripts`,
which also work from file://, where fetch() does not. Under `search/`:

- `terms/<n>.js` (one set for both scripts, at the default script's root): the postings of the
  terms whose hash falls in shard n. A term is a folded Han character, a pair of neighbouring Han
  characters, or a Latin word or number (`fold.terms`); a posting is an entry number and a weight.
- `fold.js` (with the terms): the character table and wording pairs the query is folded with, the
  number of shards and the terms' version.
- `docs/<n>.js` (per script): the title, date and place of `chunk` entries, for the results shown.
- `text/<n>.js` (per script): one entry's text, for the passage under its result.
- `search_index.json` / `.js` (per script): what Material's search box hands the search worker.

A query's cost is the shards of its terms plus the files of the results shown, however large the
corpus; see docs/site.md and the benchmark's search rows.
"""
from __future__ import annotations

import hashlib
import json
from array import array
from collections import Counter
from dataclasses import dataclass, field

from .documents import KIND_ORDER, LAYOUT, SearchEntry, settings
from .fold import Folder, character_table, shard_of, terms

DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"   # 64: six bits a character
WEIGHT_SCALE = 63 / 3.2   # a weight (BM25's term part, at most 2.2, plus 1 for a title term) in 1..63
K1, B = 1.2, 0.75
# BM25's average entry length, in terms, fixed so that adding an entry moves no other's weights: about an
# article's (3,347 in the sample articles, 3,842 in the benchmark corpus); articles are ranked among themselves
# (kinds are listed apart), so it is their average that counts. Here and not in data/search.yml: every file of
# data/ is part of the extraction's version (ingest/version.py), and a ranking constant must not re-extract.
AVERAGE_TERMS = 3500


@dataclass
class TermShards:
    """The term index cut into shards, and what the browser needs to read it. A shard is None when it is
    unchanged since the last build (its file is kept as it is; see update.py); `digests` holds each shard
    file's SHA-1 and `last` each term's last entry number, both kept for the next build."""

    shards: list[dict[str, str] | None]
    entries: int
    size: int = 0
    last: dict[str, int] = field(default_factory=dict)
    digests: list[str] = field(default_factory=list)
    version: str = ""
    reused: int = -1     # entries whose postings were kept from the last build (-1: built cold)
    decoded: int = 0     # terms whose postings the update decoded (not only appended to)


def fold_entry(entry: SearchEntry, fold: Folder) -> tuple[Counter, set[str]]:
    """An entry's term counts (title, text and names) and its title's terms."""
    title = fold(entry.title)
    counts = Counter(terms(title))
    counts.update(terms(fold(entry.text)))
    if entry.names:
        counts.update(terms(fold(entry.names)))
    return counts, set(terms(title))


def entry_weights(entry: SearchEntry, fold: Folder) -> dict[str, int]:
    """Each term of an entry with its weight: BM25's term part against the fixed AVERAGE_TERMS (so that
    no other entry's weights move when one is added), plus 1 for a title term."""
    counts, title = fold_entry(entry, fold)
    scale = K1 * (1 - B + B * sum(counts.values()) / AVERAGE_TERMS)
    out, weights = {}, {}   # most terms occur once: the weight is worked out once per kind
    for term, tf in counts.items():
        key = (tf, term in title)
        weight = weights.get(key)
        if weight is None:
            weight = weights[key] = _quantised(tf * (K1 + 1) / (tf + scale) + (1.0 if key[1] else 0.0))
        out[term] = weight
    return out


def build_terms(entries: list[SearchEntry], fold: Folder, shard_bytes: int | None = None,
                seen=None) -> TermShards:
    """Postings of every term of every entry, cut into a power of two of shards of about `shard_bytes`;
    `seen(number, terms)` is told each entry's terms (update.py keeps them to remove the entry later).
    Only one entry's term counts are in memory at a time: keeping all 10,000 cost ~400 MB."""
    postings: dict[str, array] = {}   # entry numbers and weights, flattened: 4 bytes each, not a Python int's 36
    for number, entry in enumerate(entries):
        weights = entry_weights(entry, fold)
        for term, weight in weights.items():
            listed = postings.get(term)
            if listed is None:
                postings[term] = array("I", (number, weight))
            else:
                listed.append(number)
                listed.append(weight)
        if seen is not None:
            seen(number, weights)
    encoded = {term: encode_postings(flat) for term, flat in postings.items()}
    index = TermShards([], len(entries), size=sum(term_size(t, p) for t, p in encoded.items()),
                       last={term: flat[-2] for term, flat in postings.items()})
    index.shards = cut_shards(encoded, shard_count(index.size, shard_bytes))
    return index


def term_size(term: str, encoded: str) -> int:
    """About the bytes a term takes in its shard file (a Han term is three bytes a character)."""
    return len(term) * 3 + len(encoded) + 6


def shard_count(size: int, shard_bytes: int | None = None) -> int:
    """The number of shards for an index of `size` bytes: a power of two, each about `shard_bytes`."""
    return _power_of_two(size / (shard_bytes or settings()["shard_bytes"]))


def cut_shards(encoded: dict[str, str], count: int) -> list[dict[str, str]]:
    """Terms and their postings put into `count` shards by hash, each in term order."""
    shards: list[dict[str, str]] = [{} for _ in range(count)]
    for term in sorted(encoded):
        shards[shard_of(term, count)][term] = encoded[term]
    return shards


def _quantised(weight: float) -> int:
    """A weight as one of 1..63."""
    return max(1, min(63, round(weight * WEIGHT_SCALE)))


def _power_of_two(value: float) -> int:
    """The smallest power of two at least `value` (at least 1)."""
    count = 1
    while count < value:
        count *= 2
    return count


def encode_postings(flat, previous: int = -1) -> str:
    """(entry, weight) pairs, flattened and in entry order, as text: the gap since the previous entry in
    five-bit groups (a set sixth bit: more groups follow), then the weight as one character. `previous`:
    the entry before the first (when the text is appended to postings ending there)."""
    out = []
    for i in range(0, len(flat), 2):
        gap, previous = flat[i] - previous - 1, flat[i]
        while gap >= 32:
            out.append(DIGITS[32 | (gap & 31)])
            gap >>= 5
        out.append(DIGITS[gap])
        out.append(DIGITS[flat[i + 1]])
    return "".join(out)


def decode_postings(text: str) -> list[tuple[int, int]]:
    """The (entry, weight) pairs of `encode_postings` (what the browser does, for the tests)."""
    out, previous, i = [], -1, 0
    while i < len(text):
        gap, shift = 0, 0
        while True:
            digit = DIGITS.index(text[i])
            i += 1
            gap |= (digit & 31) << shift
            shift += 5
            if digit < 32:
                break
        previous += gap + 1
        out.append((previous, DIGITS.index(text[i])))
        i += 1
    return out


def script_file(kind: str, key: int | str, data) -> str:
    """One search file: `data` as JSON assigned to BFS.<kind>[key]."""
    return f"BFS.{kind}[{json.dumps(key)}]={_json(data)};\n"


def _json(data) -> str:
    """Compact JSON with Chinese as UTF-8."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def term_files(index: TermShards, fold: Folder) -> dict[str, str | None]:
    """The shared files: every term shard (None: unchanged, kept as it is) and the folding table; sets the
    index's shard digests and its version (a hash of the digests)."""
    files: dict[str, str | None] = {}
    digests = list(index.digests) if len(index.digests) == len(index.shards) else [""] * len(index.shards)
    for n, shard in enumerate(index.shards):
        if shard is not None:
            files[f"terms/{n}.js"] = text = script_file("t", n, dict(sorted(shard.items())))
            digests[n] = hashlib.sha1(text.encode("utf-8")).hexdigest()
        else:
            files[f"terms/{n}.js"] = None
    index.digests = digests
    index.version = hashlib.sha1("\n".join(digests).encode()).hexdigest()[:12]
    files["fold.js"] = script_file("x", "fold", {"table": "".join(k + v for k, v in sorted(character_table().items())),
                                                 "pairs": [list(p) for p in fold.pairs], "shards": len(index.shards),
                                                 "entries": index.entries, "version": index.version})
    return files


def entry_files(entries: list[SearchEntry], before: list[str] | None = None,
                now: list[str] | None = None, keep=None) -> dict[str, str | None]:
    """The per-script files: entries' titles, dates and places by chunk, and each entry's text. With the
    entries' digests of the last build (`before`) and of this one (`now`), a file whose entries are the
    same, under the same numbers, is None when `keep(name)` finds it on disk (kept as it is)."""
    chunk = settings()["chunk"]
    same = [n < len(before) and before[n] == digest for n, digest in enumerate(now)] if before and now else []
    files: dict[str, str | None] = {}
    for start in range(0, len(entries), chunk):
        end, name = start + chunk, f"docs/{start // chunk}.js"
        if same and min(end, len(before)) == min(end, len(entries)) and all(same[start:end]) and keep(name):
            files[name] = None
            continue
        rows = [[e.location, e.title, e.date, e.where, KIND_ORDER.index(e.kind)]
                for e in (entries[n] for n in range(start, min(end, len(entries))))]
        files[name] = script_file("d", start // chunk, rows)
    for number in range(len(entries)):
        name = f"text/{number}.js"
        if same and same[number] and keep(name):
            files[name] = None
        else:
            entry = entries[number]
            files[name] = script_file("f", number, entry.shown or entry.text)
    return files


def index_config(kinds: list[str], script: str, shared: str, version: str) -> dict:
    """What the search worker is set up with (Material's search_index.json; its `docs` stay empty), for entries
    of `kinds` (in number order). `ranges`:
    for each kind in number order (LAYOUT), its place among the kinds listed (KIND_ORDER), its number of
    entries, and which entries come first among equal scores (1: lower numbers; -1: higher, the newest articles)."""
    words = settings()
    ranges = [[KIND_ORDER.index(k), kinds.count(k), -1 if k == "article" else 1] for k in LAYOUT]
    return {"config": {"lang": ["en"], "separator": "[\\s\\u200b]+", "pipeline": [],
                       "briefing": {"entries": len(kinds), "ranges": ranges,
                                    "chunk": words["chunk"], "results": words["results"],
                                    "passage": words["passage"], "shared": shared, "version": version,
                                    "shown": words["results_line"].get(script, {}).get("shown", "")}},
            "docs": []}
