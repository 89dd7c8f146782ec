"""A little web site on 127.0.0.1 for the fetch tests: routes, a request log, conditional GET, slow and huge pages."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    """One path's answer: status, headers, body; an ETag / Last-Modified makes it answer conditional GETs."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0           # seconds before the answer starts
    length: bool = True          # send Content-Length (else the body ends when the connection closes)


@dataclass
class Request:
    """One request the site received."""

    method: str
    path: str
    headers: dict
    at: float
    status: int = 0


class FixtureSite:
    """A threaded HTTP server on 127.0.0.1 answering from `routes`, logging every request."""

    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.log: list[Request] = []
        self.in_flight = 0
        self.most_in_flight = 0
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def base(self) -> str:
        """`http://127.0.0.1:PORT`."""
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        """The full address of `path` on this site."""
        return self.base + path

    def paths(self) -> list[str]:
        """The paths requested so far, in order."""
        return [request.path for request in self.log]

    def start(self) -> "FixtureSite":
        """Serve in a background thread."""
        self.thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self.server.shutdown()
        self.server.server_close()

    def _handler(self):
        """The request handler class, bound to this site."""
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802 - http.server's name
                site._serve(self)

            def log_message(self, *args):  # quiet
                pass

        return Handler

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        """Answer one request from the routes (404 for an unknown path)."""
        request = Request("GET", handler.path, dict(handler.headers.items()), time.monotonic())
        with self._lock:
            self.log.append(request)
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            route = self.routes.get(handler.path) or Route(b"<html><body>not here</body></html>", status=404)
            time.sleep(route.delay)
            request.status = self._send(handler, route, request.headers)
        finally:
            with self._lock:
                self.in_flight -= 1

    def _send(self, handler: BaseHTTPRequestHandler, route: Route, asked: dict) -> int:
        """Send the route's answer, or 304 when the request's validators match; returns the status sent."""
        validators = {"ETag": route.etag, "Last-Modified": route.last_modified}
        not_modified = (route.etag and asked.get("If-None-Match") == route.etag) or \
            (route.last_modified and asked.get("If-Modified-Since") == route.last_modified)
        status = 304 if not_modified else route.status
        handler.send_response(status)
        for name, value in {**validators, **route.headers}.items():
            if value:
                handler.send_header(name, value)
        if status == 304:
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return status
        handler.send_header("Content-Type", route.content_type)
        if route.length:
            handler.send_header("Content-Length", str(len(route.body)))
        else:
            handler.send_header("Connection", "close")
            handler.close_connection = True
        handler.end_headers()
        try:
            handler.wfile.write(route.body)
        except (BrokenPipeError, ConnectionResetError):
            pass   # the client stopped reading (a page too large): as a real server sees it
        return status


def article_page(title: str, published: str, paragraphs: list[str], charset: str = "utf-8",
                 meta_charset: str | None = None, canonical: str | None = None) -> bytes:
    """A news page in `charset`, declaring `meta_charset` (default: the same; '' for none) in a <meta>."""
    declared = charset if meta_charset is None else meta_charset
    meta = f'<meta charset="{declared}">' if declared else ""
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = (f"<!DOCTYPE html><html><head>{meta}<title>{title}</title>{link}"
            f'<meta property="article:published_time" content="{published}"></head><body>'
            f'<div class="nav"><a href="/">首页</a> <a href="/about.html">关于我们</a></div>'
            f"<h1>{title}</h1><div class=\"info\">{published[:10]} {published[11:16]} 来源:滨江日报</div>"
            f'<div class="article">{body}</div></body></html>')
    return html.encode(charset)


def rss(items: list[tuple[str, str]]) -> bytes:
    """An RSS 2.0 feed of (title, link) items."""
    entries = "".join(f"<item><title>{title}</title><link>{link}</link></item>" for title, link in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>滨江新闻</title>'
            f"<link>http://127.0.0.1/</link><description>测试</description>{entries}</channel></rss>").encode("utf-8")
