"""A polite HTTP client: one request at a time, a delay per host, robots.txt, bounded size and time.

Redirects are followed here, hop by hop, so that each hop is checked against its host's
robots.txt and delay, and a loop is named as one. Every failure is a FetchError whose reason
is one line a user can act on.
"""
from __future__ import annotations

import socket
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from email.message import Message

import httpx

from .config import Settings
from .errors import FetchError, OutOfTime
from .robots import Robots
from .urls import absolute, normalise_url, site_of

HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
              "text/xml", "application/feed+json")
ACCEPT = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5"
PAGE_TIME_FACTOR = 3   # a whole answer must arrive within this many timeouts
CHUNK = 64 * 1024
RETRY_STATUSES = {408, 425, 429}   # client errors that say "try later", not "never"


@dataclass
class Response:
    """A fetched answer: the address it came from after redirects, its status, headers and bytes."""

    url: str
    requested: str
    status: int
    content_type: str
    content: bytes
    fetched: str                  # when, ISO 8601 in UTC
    etag: str | None = None
    last_modified: str | None = None


class Client:
    """Sends GET requests one at a time, waiting `delay` between two to one host, within the run's deadline."""

    def __init__(self, settings: Settings, *, obey_robots: bool = True):
        """An httpx client with the User-Agent; robots.txt is consulted when `obey_robots`."""
        self.settings = settings
        self.http = httpx.Client(timeout=httpx.Timeout(settings.timeout), follow_redirects=False,
                                 headers={"User-Agent": settings.user_agent, "Accept": ACCEPT})
        self.deadline = time.monotonic() + settings.max_seconds
        self.robots = Robots(self, settings.user_agent) if obey_robots else None
        self.last: dict[str, float] = {}   # site → when its last request ended
        self.requests = 0

    def close(self) -> None:
        """Close the connections."""
        self.http.close()

    def get(self, url: str, accept: tuple[str, ...] | None = HTML_TYPES, validators: dict | None = None,
            max_bytes: int | None = None, robots: bool = True) -> Response:
        """The answer to GET `url` after redirects; raises FetchError.

        `accept`: the media types taken (None: any); `validators`: the ETag and Last-Modified of
        the previous answer, for a conditional request; `robots`: False for robots.txt itself.
        """
        chain = [url]
        current = url
        while True:
            if robots and self.robots is not None:
                self.robots.check(current)
            answer = self._send(current, accept, validators, max_bytes or self.settings.max_bytes)
            if isinstance(answer, Response):
                answer.requested = url
                return answer
            current = self._next_hop(chain, current, answer)

    def _next_hop(self, chain: list[str], current: str, location: str) -> str:
        """The address a redirect points to; raises FetchError on a loop, too many hops or a non-web target."""
        target = absolute(current, location)
        if target is None:
            raise FetchError(f"redirected to {location!r}, which is not a web address", permanent=True)
        seen = [normalise_url(u) for u in chain]
        chain.append(target)
        if normalise_url(target) in seen:
            raise FetchError("redirect loop: " + " → ".join(chain), permanent=True)
        if len(chain) - 1 > self.settings.max_redirects:
            raise FetchError(f"more than {self.settings.max_redirects} redirects (last to {target})", permanent=True)
        return target

    def _send(self, url: str, accept, validators: dict | None, max_bytes: int) -> Response | str:
        """One GET request: a Response, or the Location of a redirect; raises FetchError."""
        self._wait(url)
        headers = conditional_headers(validators)
        started = time.monotonic()
        try:
            with self.http.stream("GET", url, headers=headers) as answer:
                return self._answer(url, answer, accept, max_bytes, started)
        except httpx.TimeoutException:
            raise FetchError(f"timed out after {self.settings.timeout:g} s") from None
        except httpx.ConnectError as err:
            raise FetchError(connect_reason(url, err)) from None
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as err:
            raise FetchError(f"not a fetchable address: {err}", permanent=True) from None
        except httpx.HTTPError as err:
            raise FetchError(f"the connection failed: {one_line(err) or type(err).__name__}") from None
        finally:
            self.requests += 1
            self.last[site_of(url)] = time.monotonic()

    def _answer(self, url: str, answer: httpx.Response, accept, max_bytes: int, started: float) -> Response | str:
        """Check the status, type and size of an answer and read its body within the limits."""
        status = answer.status_code
        if status in (301, 302, 303, 307, 308) and answer.headers.get("location"):
            return answer.headers["location"]
        if status == 304:
            return self._response(url, answer, b"")
        if status >= 400:
            raise FetchError(f"HTTP {status} {answer.reason_phrase}".strip(),
                             permanent=status < 500 and status not in RETRY_STATUSES, status=status)
        if status != 200:
            raise FetchError(f"HTTP {status} {answer.reason_phrase}: no page to keep".strip(), permanent=True)
        content_type = answer.headers.get("content-type", "")
        if accept is not None and media_type(content_type) not in accept:
            raise FetchError(not_accepted(media_type(content_type)), permanent=True)
        return self._response(url, answer, self._body(answer, max_bytes, started))

    def _body(self, answer: httpx.Response, max_bytes: int, started: float) -> bytes:
        """The answer's bytes, refused past `max_bytes` or when they take longer than the page's time."""
        declared = answer.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(too_large(max_bytes, int(declared)), permanent=True)
        limit = started + PAGE_TIME_FACTOR * self.settings.timeout
        parts, size = [], 0
        for chunk in answer.iter_bytes(CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(too_large(max_bytes), permanent=True)
            if time.monotonic() > limit:
                raise FetchError(f"too slow: the page did not arrive within {limit - started:g} s")
            parts.append(chunk)
        return b"".join(parts)

    def _response(self, url: str, answer: httpx.Response, content: bytes) -> Response:
        """A Response of `url` with the headers that matter kept."""
        return Response(url=url, requested=url, status=answer.status_code,
                        content_type=answer.headers.get("content-type", ""), content=content,
                        fetched=utc_now(),
                        etag=answer.headers.get("etag"), last_modified=answer.headers.get("last-modified"))

    def _wait(self, url: str) -> None:
        """Sleep until the host's delay since its last request has passed; OutOfTime past the deadline."""
        now = time.monotonic()
        if now >= self.deadline:
            raise OutOfTime(f"the run's {self.settings.max_seconds:g} s are spent: left for the next run")
        site = site_of(url)
        delay = self.robots.delay(site) if self.robots is not None else self.settings.delay
        pause = self.last.get(site, float("-inf")) + delay - now
        if pause > 0:
            if now + pause >= self.deadline:
                raise OutOfTime(f"the run's {self.settings.max_seconds:g} s are spent: left for the next run")
            time.sleep(pause)


def not_accepted(mime: str) -> str:
    """Why an answer of type `mime` is not kept as a page, with a hint for a feed."""
    hint = " (a feed: watch it with `feed:` in content/sources.yml)" if mime in FEED_TYPES else ""
    return f"not an HTML page: the server sent {mime or 'no Content-Type'}{hint}"


def utc_now() -> str:
    """The time now in UTC, ISO 8601 to the second (`2025-02-08T08:38:47Z`)."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def conditional_headers(validators: dict | None) -> dict:
    """If-None-Match and If-Modified-Since from a previous answer's ETag and Last-Modified."""
    headers = {}
    if validators and validators.get("etag"):
        headers["If-None-Match"] = validators["etag"]
    if validators and validators.get("last_modified"):
        headers["If-Modified-Since"] = validators["last_modified"]
    return headers


def media_type(content_type: str) -> str:
    """`text/html` of `text/html; charset=gbk`, lower case ('' for none)."""
    message = Message()
    message["content-type"] = content_type or ""
    return message.get_content_type() if content_type else ""


def connect_reason(url: str, err: httpx.ConnectError) -> str:
    """Why a connection failed, in words: the host not found, refused, or unreachable."""
    host = httpx.URL(url).host
    cause = err.__cause__ or err.__context__
    while cause is not None and not isinstance(cause, OSError):
        cause = cause.__cause__ or cause.__context__
    if isinstance(cause, socket.gaierror) or "name or service not known" in str(err).lower():
        return f"host {host} not found (DNS)"
    if isinstance(cause, ConnectionRefusedError) or "refused" in str(err).lower():
        return f"connection to {host} refused"
    return f"cannot connect to {host}: {one_line(err) or 'no answer'}"


def too_large(limit: int, size: int | None = None) -> str:
    """'too large: 12.0 MB, over the 5.0 MB limit (max_bytes)', or 'more than' when the size is not known."""
    size_text = f"{size / 1e6:.1f} MB, over" if size else "more than"
    return f"too large: {size_text} the {limit / 1e6:.1f} MB limit (max_bytes in content/sources.yml)"


def one_line(err: Exception) -> str:
    """An exception's message on one line."""
    return " ".join(str(err).split())
