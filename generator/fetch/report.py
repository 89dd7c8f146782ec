"""What `briefing add` and `briefing fetch` did: one line per page as it happens, and a summary line."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console

STYLES = {"fetched": "green", "known": "dim", "skipped": "yellow", "failed": "red", "source": "cyan",
          "note": "yellow"}


@dataclass
class FetchReport:
    """Lines by kind (fetched, known, skipped, failed, source, note), the files written and the time taken."""

    console: Console
    lines: dict[str, list[str]] = field(default_factory=lambda: {kind: [] for kind in STYLES})
    files: list[Path] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)

    def say(self, kind: str, text: str) -> None:
        """Print `kind text` at once and keep it."""
        self.lines[kind].append(text)
        style = STYLES[kind]
        self.console.print(f"[{style}]{kind}[/{style}] ", end="", markup=True, highlight=False)
        self.console.print(text, markup=False, highlight=False, soft_wrap=True)

    def count(self, kind: str) -> int:
        """How many lines of `kind` were said."""
        return len(self.lines[kind])

    def summary(self, requests: int) -> str:
        """`3 fetched, 12 known, 1 skipped, 1 failed (40 requests in 2.3 s)`."""
        parts = [f"{self.count(kind)} {kind}" for kind in ("fetched", "known", "skipped", "failed")]
        return ", ".join(parts) + f" ({requests} requests in {time.perf_counter() - self.started:.1f} s)"

    @property
    def ok(self) -> bool:
        """True when nothing failed."""
        return not self.lines["failed"]
