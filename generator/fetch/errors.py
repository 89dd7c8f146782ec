"""Why a page could not be fetched: FetchError and its kinds, shared by the client and robots.txt."""
from __future__ import annotations


class FetchError(Exception):
    """A page that could not be fetched: the reason, and whether trying again later could help."""

    def __init__(self, reason: str, permanent: bool = False, status: int | None = None):
        """Keep the one-line reason, whether the failure is for good (404, not HTML …) and the HTTP status."""
        super().__init__(reason)
        self.reason, self.permanent, self.status = reason, permanent, status


class OutOfTime(FetchError):
    """The run's time (settings.max_seconds) is spent: no further request is started."""


class Forbidden(FetchError):
    """robots.txt forbids the address for our User-Agent; it was not requested."""
