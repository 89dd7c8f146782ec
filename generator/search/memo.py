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


def entry_digest(entry) -> str:
    """A hash of everything a search entry holds (what its files show and what is indexed)."""
    return hashlib.sha1(repr(entry).encode("utf-8")).hexdigest()


class SearchMemo:
    """The search states of the last build in one folder, valid under one key."""

    def __init__(self, folder: Path, key: str):
        """A memo in `folder` for builds under `key`."""
        self.folder, self.key = Path(folder), key
        self.terms = self.folder / "terms"

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
        """Keep the terms of the entry with `digest` (one a line), unless they are kept already."""
        file = self.terms / digest
        if not file.exists():
            self.terms.mkdir(parents=True, exist_ok=True)
            file.write_text("\n".join(sorted(terms)), encoding="utf-8")

    def entry_terms(self, digest: str) -> list[str]:
        """The terms kept for the entry with `digest` (ValueError when there are none)."""
        try:
            text = (self.terms / digest).read_text(encoding="utf-8")
        except OSError as error:
            raise ValueError(f"no terms kept for entry {digest}") from error
        return text.split("\n") if text else []

    def prune(self, digests) -> None:
        """Remove the kept terms of every entry not among `digests`."""
        wanted = set(digests)
        for name in os.listdir(self.terms) if self.terms.is_dir() else ():
            if name not in wanted:
                os.unlink(self.terms / name)
