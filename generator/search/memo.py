"""What a build of the search files leaves for the next one, in `build/cache/search/`: per script, the
entries' digests by number (and, for the script holding the term index, the index's state: each shard
file's SHA-1, each term's last entry, the index's size), and by digest each entry's terms.

A script's state is deleted before its files are written and saved after, so a build stopped halfway
leaves none and the next build is cold. The state is kept under the build key (incremental.build_key)
and the folding table: a change of code, templates, data or wording makes the search cold too."""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

BUCKETS = 256   # files the entries' terms are kept in (by their digest's first two hex digits): a build that
                # adds an article rewrites a few; one file per entry made a cold build create 10,000 more

def entry_digest(entry) -> str:
    """A hash of everything a search entry holds (what its files show and what is indexed)."""
    return hashlib.sha1(repr(entry).encode("utf-8")).hexdigest()


class SearchMemo:
    """The search states of the last build in one folder, valid under one key."""

    def __init__(self, folder: Path, key: str):
        """A memo in `folder` for builds under `key`."""
        self.folder, self.key = Path(folder), key
        self.terms = self.folder / "terms"
        self.buckets: dict[str, dict[str, str]] = {}   # each entry's terms, one line each, by digest, in 256 files
        self.dirty: set[str] = set()

    def take(self, script: str) -> dict | None:
        """The state the last build left for `script` (None: none, or under another key), removed from disk."""
        file = self.folder / f"{script}.json"
        try:
            state = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        file.unlink()
        return state if isinstance(state, dict) and state.get("key") == self.key else None

    def save(self, script: str, state: dict) -> None:
        """Keep `state` for the next build of `script`."""
        self.folder.mkdir(parents=True, exist_ok=True)
        text = json.dumps({**state, "key": self.key}, ensure_ascii=False, separators=(",", ":"))
        (self.folder / f"{script}.json").write_text(text + "\n", encoding="utf-8")

    def keep_entry_terms(self, digest: str, terms) -> None:
        """Keep the terms of the entry with `digest` (written by `write_entries`)."""
        self._bucket(digest)[digest] = "\n".join(terms)

    def entry_terms(self, digest: str) -> list[str]:
        """The terms kept for the entry with `digest` (ValueError when there are none)."""
        text = self._bucket(digest).get(digest)
        if text is None:
            raise ValueError(f"no terms kept for entry {digest}")
        return text.split("\n") if text else []

    def forget_entries(self, digests) -> None:
        """Let go of the terms kept for the entries with `digests`."""
        for digest in digests:
            self._bucket(digest).pop(digest, None)

    def clear_entries(self) -> None:
        """Let go of every entry's kept terms (a cold build keeps them all anew)."""
        for name in os.listdir(self.terms) if self.terms.is_dir() else ():
            os.unlink(self.terms / name)
        self.buckets = {f"{n:02x}": {} for n in range(BUCKETS)}
        self.dirty = set(self.buckets)

    def write_entries(self) -> None:
        """Write the buckets of kept terms that changed."""
        self.terms.mkdir(parents=True, exist_ok=True)
        for name in sorted(self.dirty):
            text = json.dumps(self.buckets[name], ensure_ascii=False, separators=(",", ":"))
            (self.terms / f"{name}.json").write_text(text, encoding="utf-8")
        self.dirty = set()

    def _bucket(self, digest: str) -> dict[str, str]:
        """The bucket of kept terms an entry's digest falls in (by its first two hex digits), read on first use
        (ValueError when its file is not JSON); marked as changed."""
        name = digest[:2]
        if name not in self.buckets:
            try:
                self.buckets[name] = json.loads((self.terms / f"{name}.json").read_text(encoding="utf-8"))
            except FileNotFoundError:
                self.buckets[name] = {}
        self.dirty.add(name)
        return self.buckets[name]
