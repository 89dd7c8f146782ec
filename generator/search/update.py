"""The term index of the last build brought up to date: only the postings of the terms of entries added,
changed or removed are decoded and written again, and only the shards holding them.

Entries are numbered zones, industries, then articles oldest first (documents.LAYOUT), and each weight
depends on its entry alone (index.entry_weights), so a new article appends one posting to each of its
terms and moves no other. Removing or inserting an entry among others renumbers those after it: in
gap-encoded postings only the gap across the change moves, so each term is decoded up to the change,
spliced there and its rest kept as text (docs/scaling.md measures what that costs).

What the last build left is in `build/cache/search/` (memo.py): each entry's digest by number, each
shard file's SHA-1, each term's last entry number and, by digest, each entry's terms (to take a removed
entry's postings out without folding its old text). The shard files themselves are read back from the
search folder when their SHA-1 matches; anything missing or different makes the build cold."""
from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
from dataclasses import dataclass, field

from .fold import Folder, shard_of
from .index import DIGITS, TermShards, cut_shards, encode_postings, entry_weights, shard_count, term_size

VALUE = {digit: value for value, digit in enumerate(DIGITS)}
_SHARD = re.compile(r"^BFS\.t\[\d+\]=(.*);\n$", re.S)
COLD_SHARE = 0.25   # more entries added or removed than this share of the index: building it anew is cheaper
MOVES = 3           # more windows that renumber the entries after them: merged into one


@dataclass
class Window:
    """One place where the entries changed, as done to each term's postings: the old numbers in [low, high)
    are taken out (in a merged window, moved to the number `mapping` gives), the entries `added` (by their
    new numbers) go in at their number plus `offset`, and every number from `high` on moves by `shift`."""

    low: int
    high: int
    shift: int
    added: list[int]
    offset: int = 0
    merged: bool = False   # the window spans kept entries too


def windows(before: list[str], now: list[str]) -> tuple[list[int], list[Window]]:
    """Old numbers → new (-1: removed), and the windows that take the digests `before` to `now` (aligned by
    difflib), the last first: each leaves the numbers below it as they were, so the next applies as it is.
    More than MOVES windows that move entries after them are merged into one (one pass over each term)."""
    mapping, changed = [-1] * len(before), []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, now, autojunk=False).get_opcodes():
        if tag == "equal":
            mapping[i1:i2] = range(j1, j2)
        else:
            changed.append(Window(i1, i2, (j2 - j1) - (i2 - i1), list(range(j1, j2)), i1 - j1))
    if sum(1 for w in changed if w.shift and w.high < len(before)) > MOVES:
        added = [number for w in changed for number in w.added]
        return mapping, [Window(changed[0].low, changed[-1].high, len(now) - len(before), added, merged=True)]
    return mapping, changed[::-1]


@dataclass
class Updater:
    """Brings the shards of one build up to date with the entries of the next."""

    raw: list[str]                    # the text of each shard file of the last build
    loaded: dict[int, dict] = field(default_factory=dict)
    touched: set[int] = field(default_factory=set)
    where: dict[str, int] = field(default_factory=dict)   # each term of the parsed shards → its shard
    last: dict[str, int] = field(default_factory=dict)    # each term's last entry number
    size: int = 0                                          # the index's size (index.term_size summed)
    decoded: int = 0                  # terms whose postings were decoded, not only appended to (for the tests)

    @classmethod
    def read(cls, folder: str, digests: list[str]) -> Updater:
        """The last build's shard files in `folder` (ValueError when one is missing or not the last build's)."""
        raw = []
        for n, digest in enumerate(digests):
            try:
                with open(os.path.join(folder, "terms", f"{n}.js"), "rb") as f:
                    data = f.read()
            except OSError as error:
                raise ValueError(f"shard {n} is missing") from error
            if hashlib.sha1(data).hexdigest() != digest:
                raise ValueError(f"shard {n} is not the last build's")
            raw.append(data.decode("utf-8"))
        return cls(raw)

    def shard(self, n: int) -> dict[str, str]:
        """Shard n, parsed on first use."""
        if n not in self.loaded:
            self.loaded[n] = json.loads(_SHARD.match(self.raw[n]).group(1))
            self.where.update(dict.fromkeys(self.loaded[n], n))
        return self.loaded[n]

    def shard_of(self, term: str) -> int:
        """The shard a term is in (or goes into): known for the terms of parsed shards, else hashed."""
        n = self.where.get(term)
        return shard_of(term, len(self.raw)) if n is None else n


def update_terms(state: dict, folder: str, entries, digests: list[str], fold: Folder, memo) -> TermShards | None:
    """The term index of `entries` made from the last build's (`state`, the files in `folder`), or None when
    it cannot be (a file missing or different, or so much changed that a cold build is cheaper)."""
    mapping, changes = windows(state["entries"], digests)
    if mapping.count(-1) + sum(len(w.added) for w in changes) > COLD_SHARE * max(len(digests), 1):
        return None
    try:
        updater = Updater.read(folder, state["digests"])
        updater.last, updater.size = dict(state["last"]), state["size"]
        for window in changes:
            _apply(window, mapping, updater, _gains(window, entries, digests, fold, memo),
                   lambda n: memo.entry_terms(state["entries"][n]))
        index = TermShards([], len(digests), size=updater.size, last=updater.last, digests=list(state["digests"]))
        index.shards = _shards(updater, len(updater.raw), shard_count(updater.size))
    except ValueError:
        return None
    index.reused = len(digests) - sum(len(w.added) for w in changes)
    index.decoded = updater.decoded
    return index


def _apply(window: Window, mapping: list[int], updater: Updater, gains: dict, old_terms) -> None:
    """One window's change done to every term it touches (`old_terms(n)`: the terms of old entry n)."""
    if window.merged or window.shift:   # every term with postings from `low` on: every shard is read
        names = {term for term, end in updater.last.items() if end >= window.low}
        for n in range(len(updater.raw)):
            updater.shard(n)
    else:
        names = {term for n in range(window.low, window.high) for term in old_terms(n)}
    for term in sorted(names | set(gains)):
        n = updater.shard_of(term)
        shard = updater.shard(n)
        old = shard.get(term, "")
        text, end = _term_update(old, updater.last.get(term, -1), window, mapping, gains.get(term, []), updater)
        if text == old:
            continue
        updater.touched.add(n)
        updater.size += (term_size(term, text) if text else 0) - (term_size(term, old) if old else 0)
        if text:
            shard[term], updater.last[term] = text, end
        else:
            del shard[term], updater.last[term]


def _gains(window: Window, entries, digests: list[str], fold: Folder, memo) -> dict[str, list[tuple[int, int]]]:
    """The postings each term gains in a window (at the numbers the window puts them), from the entries it
    adds, whose terms are kept for the next build."""
    out: dict[str, list[tuple[int, int]]] = {}
    for number in window.added:
        weights = entry_weights(entries[number], fold)
        memo.keep_entry_terms(digests[number], weights)
        for term, weight in weights.items():
            out.setdefault(term, []).append((number + window.offset, weight))
    return out


def _term_update(text: str, last: int, window: Window, mapping: list[int], gained: list[tuple[int, int]],
                 updater: Updater) -> tuple[str, int]:
    """One term's postings after a window's change, and its last entry number (-1: none left)."""
    if last < window.low:   # every posting is before the change (the common case for an added article: append)
        if not gained:
            return text, last
        flat = [x for pair in gained for x in pair]
        return text + encode_postings(flat, last), gained[-1][0]
    updater.decoded += 1
    start, previous = _seek(text, window.low)
    middle, stop, old = list(gained), start, previous
    while stop < len(text):
        number, weight, after = _read(text, stop, old)
        if number >= window.high:
            break
        if window.merged and mapping[number] >= 0:
            middle.append((mapping[number], weight))
        old, stop = number, after
    middle.sort()
    out = text[:start] + encode_postings([x for pair in middle for x in pair], previous)
    end = middle[-1][0] if middle else previous
    if stop < len(text):   # the rest moves by the window's shift: only its first gap changes
        number, weight, after = _read(text, stop, old)
        out += encode_postings([number + window.shift, weight], end) + text[after:]
        end = last + window.shift
    return out, end


def _seek(text: str, low: int) -> tuple[int, int]:
    """Where in postings `text` the first entry numbered `low` or more starts, and the entry before it (-1: none).
    (Splitting the postings with a regular expression and summing the gaps in C was slower: it reads them all.)"""
    at, previous, size, value = 0, -1, len(text), VALUE
    while at < size:
        digit = value[text[at]]
        if digit < 32:   # most gaps fit one character: read here, not by a call (a third faster)
            number, after = previous + digit + 1, at + 2
        else:
            number, _weight, after = _read(text, at, previous)
        if number >= low:
            return at, previous
        previous, at = number, after
    return at, previous


def _read(text: str, at: int, previous: int) -> tuple[int, int, int]:
    """The posting starting at `at` (after entry `previous`): its entry, its weight, where the next starts."""
    digit = VALUE[text[at]]
    if digit < 32:   # most gaps fit one character
        return previous + digit + 1, VALUE[text[at + 1]], at + 2
    gap, shift = 0, 0
    while True:
        digit = VALUE[text[at]]
        at += 1
        gap |= (digit & 31) << shift
        shift += 5
        if digit < 32:
            return previous + gap + 1, VALUE[text[at]], at + 1


def _shards(updater: Updater, count: int, wanted: int) -> list[dict | None]:
    """The shards after the update: the touched ones, None for the rest; all of them when their count changes."""
    if wanted == count:
        return [updater.loaded[n] if n in updater.touched else None for n in range(count)]
    encoded = {}
    for n in range(count):
        encoded.update(updater.shard(n))
    return cut_shards(encoded, wanted)
