"""What the browser tests share: a tab that records foreign requests and console errors, and screenshots."""
from __future__ import annotations

from pathlib import Path

OUTPUT = Path(__file__).resolve().parents[2] / "test-output"


class Reader:
    """A browser tab with what it requested from elsewhere and which errors it logged."""

    def __init__(self, page, allowed: str):
        self.page, self.allowed = page, allowed
        self.foreign: list[str] = []
        self.errors: list[str] = []
        page.on("request", self._request)
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def _request(self, request) -> None:
        """Record a request to anything but the site under test."""
        url = request.url
        if not (url.startswith(self.allowed) or url.startswith(("data:", "blob:", "about:"))):
            self.foreign.append(url)


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot under test-output/ (git-ignored)."""
    OUTPUT.mkdir(exist_ok=True)
    path = OUTPUT / name
    page.screenshot(path=str(path), full_page=True)
    return path
