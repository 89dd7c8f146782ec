"""content/fetch-state.json: what `briefing fetch` remembers between runs (committed, so CI keeps it).

For each source address, the ETag and Last-Modified of its last complete read (sent back as
a conditional GET; for a list page read for its feed link, that feed's address); and the article
addresses that failed for good (404, not HTML, too large), which fetch does not request again
(`briefing add URL` still does).
"""
from __future__ import annotations

import json
from pathlib import Path

from ..atomic import write_atomic
from .urls import normalise_url

STATE_FILE = "fetch-state.json"
ABOUT = "Kept by `briefing fetch`; safe to delete (the next run then reads every source in full)."


class FetchState:
    """Validators per source address and failures for good per article address."""

    def __init__(self, path: Path, data: dict | None = None):
        """The state kept in `path` (loaded by `load`)."""
        data = data or {}
        self.path = path
        self.sources: dict[str, dict] = dict(data.get("sources") or {})
        self.gone: dict[str, dict] = dict(data.get("gone") or {})

    @classmethod
    def load(cls, path: Path) -> "FetchState":
        """The state in `path`; an absent or unreadable file is an empty state (every source read in full)."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = None
        return cls(path, data if isinstance(data, dict) else None)

    def validators(self, url: str) -> dict | None:
        """The ETag and Last-Modified of the source's last complete read, if any."""
        return self.sources.get(normalise_url(url))

    def read_whole(self, url: str, etag: str | None, last_modified: str | None, **extra) -> None:
        """Keep the validators of a source whose every listed article is dealt with (none: nothing to send).

        No time is kept: a source read again with the same validators leaves the file as it was,
        so the scheduled workflow commits the state only when it changed.
        """
        entry = {k: v for k, v in (("etag", etag), ("last_modified", last_modified)) if v}
        self.sources[normalise_url(url)] = {**entry, **extra}

    def forget(self, url: str) -> None:
        """Drop a source's validators: its next read is in full (articles were left for later)."""
        entry = self.sources.get(normalise_url(url))
        if entry:
            self.sources[normalise_url(url)] = {k: v for k, v in entry.items() if k not in ("etag", "last_modified")}

    def mark_gone(self, url: str, reason: str, when: str) -> None:
        """Remember that an article address failed for good."""
        self.gone[normalise_url(url)] = {"reason": reason, "at": when}

    def is_gone(self, url: str) -> dict | None:
        """The failure for good of an article address, if one is remembered."""
        return self.gone.get(normalise_url(url))

    def save(self) -> None:
        """Write the state atomically, keys sorted (the same state gives the same bytes)."""
        data = {"about": ABOUT, "sources": self.sources, "gone": self.gone}
        write_atomic(self.path, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
