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

from .documents import KIND_ORDER, SearchEntry, settings
from .fold import Folder, character_table, shard_of, terms

DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"   # 64: six bits a character
WEIGHT_SCALE = 63 / 3.2   # a weight (BM25's term part, at most 2.2, plus 1 for a title term) in 1..63
K1, B = 1.2, 0.75


@dataclass
class TermShards:
    """The term index cut into shards, and what the browser needs to read it."""

    shards: list[dict[str, str]]
    entries: int
    version: str = ""
    sizes: list[int] = field(default_factory=list)


def fold_entry(entry: SearchEntry, fold: Folder) -> tuple[Counter, set[str]]:
    """An entry's term counts (title, text and names) and its title's terms."""
    title = fold(entry.title)
    counts = Counter(terms(title))
    counts.update(terms(fold(entry.text)))
    if entry.names:
        counts.update(terms(fold(entry.names)))
    return counts, set(terms(title))


def build_terms(entries: list[SearchEntry], fold: Folder, shard_bytes: int | None = None,
                known: dict[str, int] | None = None) -> TermShards:
    """Postings of every term of every entry, cut into a power of two of shards of about `shard_bytes`.

    Entries are folded twice (their lengths first, for BM25's average), so that only one entry's
    term counts are in memory at a time: keeping all 10,000 cost ~400 MB. `known` holds the lengths
    of entries folded by an earlier build, by a hash of their text; it is left holding this build's."""
    postings: dict[str, array] = {}   # entry numbers and weights, flattened: 4 bytes each, not a Python int's 36
    lengths = entry_lengths(entries, fold, known)
    average = (sum(lengths) / len(lengths)) if lengths else 1.0
    for number, entry in enumerate(entries):
        counts, title = fold_entry(entry, fold)
        scale = K1 * (1 - B + B * lengths[number] / (average or 1.0))
        weights: dict[tuple[int, bool], int] = {}   # most terms occur once: the weight is worked out once per kind
        for term, tf in counts.items():
            key = (tf, term in title)
            weight = weights.get(key)
            if weight is None:
                weight = weights[key] = _quantised(tf * (K1 + 1) / (tf + scale) + (1.0 if key[1] else 0.0))
            listed = postings.get(term)
            if listed is None:
                postings[term] = array("I", (number, weight))
            else:
                listed.append(number)
                listed.append(weight)
    encoded = {term: encode_postings(flat) for term, flat in postings.items()}
    size = sum(len(t) * 3 + len(p) + 6 for t, p in encoded.items())
    count = _power_of_two(size / (shard_bytes or settings()["shard_bytes"]))
    shards: list[dict[str, str]] = [{} for _ in range(count)]
    for term in sorted(encoded):
        shards[shard_of(term, count)][term] = encoded[term]
    return TermShards(shards, len(entries))


def entry_lengths(entries: list[SearchEntry], fold: Folder, known: dict[str, int] | None) -> list[int]:
    """Each entry's number of terms, taken from `known` by a hash of its text when it is there (then updated)."""
    if known is None:
        return [sum(fold_entry(e, fold)[0].values()) for e in entries]
    lengths, now = [], {}
    for entry in entries:
        digest = hashlib.sha1(f"{entry.title}\0{entry.text}\0{entry.names or ''}".encode("utf-8")).hexdigest()
        length = known.get(digest)
        if length is None:
            length = sum(fold_entry(entry, fold)[0].values())
        lengths.append(length)
        now[digest] = length
    known.clear()
    known.update(now)
    return lengths


def _quantised(weight: float) -> int:
    """A weight as one of 1..63."""
    return max(1, min(63, round(weight * WEIGHT_SCALE)))


def _power_of_two(value: float) -> int:
    """The smallest power of two at least `value` (at least 1)."""
    count = 1
    while count < value:
        count *= 2
    return count


def encode_postings(flat) -> str:
    """(entry, weight) pairs, flattened and in entry order, as text: the gap since the previous entry in
    five-bit groups (a set sixth bit: more groups follow), then the weight as one character."""
    out, previous = [], -1
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


def term_files(index: TermShards, fold: Folder) -> dict[str, str]:
    """The shared files: every term shard and the folding table; sets the index's version from their bytes."""
    files = {f"terms/{n}.js": script_file("t", n, shard) for n, shard in enumerate(index.shards)}
    digest = hashlib.sha1()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name].encode("utf-8"))
    index.version = digest.hexdigest()[:12]
    index.sizes = [len(files[f"terms/{n}.js"].encode("utf-8")) for n in range(len(index.shards))]
    files["fold.js"] = script_file("x", "fold", {"table": "".join(k + v for k, v in sorted(character_table().items())),
                                                 "pairs": [list(p) for p in fold.pairs], "shards": len(index.shards),
                                                 "entries": index.entries, "version": index.version})
    return files


def entry_files(entries: list[SearchEntry]) -> dict[str, str]:
    """The per-script files: entries' titles, dates and places by chunk, and each entry's text."""
    chunk = settings()["chunk"]
    files = {}
    for start in range(0, len(entries), chunk):
        rows = [[e.location, e.title, e.date, e.where, KIND_ORDER.index(e.kind)] for e in entries[start:start + chunk]]
        files[f"docs/{start // chunk}.js"] = script_file("d", start // chunk, rows)
    for number, entry in enumerate(entries):
        files[f"text/{number}.js"] = script_file("f", number, entry.shown or entry.text)
    return files


def index_config(entries: list[SearchEntry], script: str, shared: str, version: str) -> dict:
    """What the search worker is set up with (Material's search_index.json; its `docs` stay empty)."""
    words = settings()
    return {"config": {"lang": ["en"], "separator": "[\\s\\u200b]+", "pipeline": [],
                       "briefing": {"entries": len(entries),
                                    "kinds": [sum(1 for e in entries if e.kind == k) for k in KIND_ORDER],
                                    "chunk": words["chunk"], "results": words["results"],
                                    "passage": words["passage"], "shared": shared, "version": version,
                                    "shown": words["results_line"].get(script, {}).get("shown", "")}},
            "docs": []}
