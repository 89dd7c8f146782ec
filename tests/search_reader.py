"""Reads a built site's search files the way the search worker does (briefing-search.js), for the tests:
fold the query, look up its terms' shards, intersect the postings, list articles first."""
from __future__ import annotations

import json
import re
from pathlib import Path

from generator.search.fold import HAN_RUN, TOKEN, shard_of
from generator.search.index import decode_postings

_ASSIGNMENT = re.compile(r"^BFS\.(\w)\[(.+?)\]=(.*);\n?$", re.S)


def script_data(path: Path):
    """The JSON a search file assigns (`BFS.t[3]={…};`)."""
    match = _ASSIGNMENT.match(path.read_text(encoding="utf-8"))
    assert match, f"{path} is not a search file"
    return json.loads(match.group(3))


class SiteSearch:
    """One script's search over a built site (`root` is the script's site root)."""

    def __init__(self, root: Path):
        self.root = root
        self.config = json.loads((root / "search/search_index.json").read_text(encoding="utf-8"))["config"]["briefing"]
        self.shared = (root / self.config["shared"] / "search").resolve()
        fold = script_data(self.shared / "fold.js")
        self.table = {fold["table"][i]: fold["table"][i + 1] for i in range(0, len(fold["table"]), 2)}
        self.pairs, self.shards = [tuple(p) for p in fold["pairs"]], fold["shards"]

    def fold(self, text: str) -> str:
        """The query folded as the worker folds it."""
        text = "".join(self.table.get(c, c) for c in text)
        if self.pairs:
            table = dict(self.pairs)
            text = re.sub("|".join(re.escape(a) for a, _ in self.pairs), lambda m: table[m.group(0)], text)
        return text

    def terms(self, query: str) -> list[str]:
        """The terms the worker looks up for a query."""
        out = []
        for token in TOKEN.findall(self.fold(query)):
            pairs = [token[i:i + 2] for i in range(len(token) - 1)]
            out += [token] if len(token) == 1 or not HAN_RUN.match(token) else pairs
        return list(dict.fromkeys(out))

    def locations(self, query: str) -> list[str]:
        """The pages a query finds, articles first (as the worker ranks kinds), within a kind in the order the
        worker lists equal scores (the newest article first, zones and industries by id)."""
        found = None
        for term in self.terms(query):
            shard = script_data(self.shared / "terms" / f"{shard_of(term, self.shards)}.js")
            docs = {n for n, _ in decode_postings(shard.get(term, ""))}
            found = docs if found is None else found & docs
        return [self.location(n) for n in sorted(found or (), key=self.rank)]

    def rank(self, number: int) -> tuple[int, int]:
        """Where entry `number` stands among equal scores: its kind's place, then its order within the kind."""
        edge = 0
        for place, count, order in self.config["ranges"]:
            edge += count
            if number < edge:
                return place, order * number
        return len(self.config["ranges"]), number

    def number(self, location: str) -> int:
        """The entry number of the page at `location`."""
        chunk, n = self.config["chunk"], 0
        while (self.root / "search/docs" / f"{n // chunk}.js").is_file():
            rows = script_data(self.root / "search/docs" / f"{n // chunk}.js")
            for i, row in enumerate(rows):
                if row[0] == location:
                    return n + i
            n += chunk
        raise KeyError(location)

    def location(self, number: int) -> str:
        """The page of entry `number`."""
        chunk = self.config["chunk"]
        return script_data(self.root / "search/docs" / f"{number // chunk}.js")[number % chunk][0]

    def text(self, number: int) -> str:
        """What entry `number`'s passage is cut from."""
        return script_data(self.root / "search/text" / f"{number}.js")
