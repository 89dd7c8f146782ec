"""A little news site on 127.0.0.1 for the fetch tests (and to try `briefing add` and `fetch` offline: run it)."""
from __future__ import annotations

import argparse
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

UTF8 = ("滨江高新区新签约智能制造项目8个", "2025-03-12T09:30:00+08:00", [
    "3月11日,滨江高新区举行智能制造项目集中签约活动,共签约项目8个,总投资120亿元。",
    "据介绍,项目涵盖工业机器人、智能传感器等领域,预计全部达产后年产值超过200亿元。",
    "滨江高新区有关负责人表示,将持续优化营商环境,力争全年新引进项目50个以上。"])
GBK = ("滨江开发区一季度固定资产投资增长15%", "2025-04-08T10:00:00+08:00", [
    "一季度,滨江开发区完成固定资产投资86亿元,同比增长15%。",
    "其中,工业投资完成42亿元,增长21%,新开工项目23个。",
    "开发区将加快推进重大项目建设,确保全年投资目标顺利完成。"])
MOVED = ("滨江新区设立50亿元产业发展基金", "2025-05-20T15:00:00+08:00", [
    "5月20日,滨江新区宣布设立规模50亿元的产业发展基金,重点投向集成电路和生物医药。",
    "基金首期规模20亿元,由新区管委会联合多家金融机构共同出资。",
    "新区计划用三年时间培育上市企业10家以上。"])
COLUMN = [("滨江园区举办人才招聘会 提供岗位3000个", "2025-06-02T09:00:00+08:00", [
    "6月1日,滨江园区举办夏季人才招聘会,120家企业提供岗位3000个。",
    "招聘会现场达成就业意向800余人,其中硕士以上学历占比超过三成。",
    "园区将继续举办系列招聘活动,全年计划引进各类人才1万人。"]),
    ("滨江园区上半年新增企业600家", "2025-07-10T11:00:00+08:00", [
    "今年上半年,滨江园区新增注册企业600家,同比增长12%。",
    "其中科技型企业占比达到45%,新增高新技术企业38家。",
    "园区表示,下半年将重点引进研发总部和专精特新企业。"])]
DISCOVERED = ("滨江港区集装箱吞吐量突破100万标箱", "2025-08-15T08:00:00+08:00", [
    "截至8月14日,滨江港区今年集装箱吞吐量突破100万标箱,同比增长9%。",
    "港区新开通国际航线3条,航线总数达到26条。",
    "港区力争全年集装箱吞吐量达到170万标箱。"])
ROBOTS = b"User-agent: *\nDisallow: /private/\n"


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

    def __init__(self, port: int = 0):
        """A server bound to 127.0.0.1:`port` (0: any free port), not yet serving."""
        self.routes: dict[str, Route] = {}
        self.log: list[Request] = []
        self.in_flight = 0
        self.most_in_flight = 0
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
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

            def do_GET(self):  # http.server's name
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


def demo_site(port: int = 0) -> "FixtureSite":
    """The site of the fetch tests: robots.txt, a feed, a list page, UTF-8 and GBK articles, a redirect, failures."""
    site = FixtureSite(port)
    add = site.routes.__setitem__
    add("/robots.txt", Route(ROBOTS, content_type="text/plain"))
    add("/news/utf8.html", Route(article_page(*UTF8)))
    add("/news/gbk.html", Route(article_page(*GBK, charset="gbk", meta_charset=""),
                                content_type="text/html; charset=GBK"))
    add("/old/fund.html", Route(status=301, headers={"Location": "/news/fund.html"}))
    add("/news/fund.html", Route(article_page(*MOVED)))
    add("/private/secret.html", Route(article_page("内部资料 请勿外传", "2025-01-01T00:00:00+08:00", ["内部资料。"])))
    add("/news/slow.html", Route(article_page(*UTF8), delay=1.0))
    add("/news/huge.html", Route(b"<html><body>" + b"<p>x</p>" * 40_000 + b"</body></html>"))
    add("/news/huge-stream.html", Route(b"<html><body>" + b"<p>x</p>" * 40_000 + b"</body></html>", length=False))
    add("/files/report.pdf", Route(b"%PDF-1.4 not a page", content_type="application/pdf"))
    add("/news/down.html", Route(b"busy", status=503))
    add("/loop/a", Route(status=302, headers={"Location": "/loop/b"}))
    add("/loop/b", Route(status=302, headers={"Location": "/loop/a"}))
    feed = rss([(UTF8[0], site.url("/news/utf8.html")), (GBK[0], site.url("/news/gbk.html")),
                (MOVED[0], site.url("/old/fund.html")), ("内部资料", site.url("/private/secret.html")),
                ("已删除", site.url("/news/missing.html"))])
    add("/feed.xml", Route(feed, content_type="application/rss+xml", etag='"feed-v1"'))
    links = "".join(f'<li><a href="/column/2025/p{i}.html">{a[0]}</a></li>' for i, a in enumerate(COLUMN, 1))
    add("/column/", Route(f'<html><body><a href="/about.html">关于</a><ul>{links}</ul>'
                          f'<a href="/column/index_2.html">下一页</a></body></html>'.encode(),
                          last_modified="Mon, 02 Jun 2025 01:00:00 GMT"))
    for i, article in enumerate(COLUMN, 1):
        add(f"/column/2025/p{i}.html", Route(article_page(*article)))
    add("/port/", Route(b'<html><head><link rel="alternate" type="application/rss+xml" href="/port/rss">'
                        b"</head><body>port news</body></html>", etag='"port-page-1"'))
    add("/port/rss", Route(rss([(DISCOVERED[0], site.url("/port/2025/a.html"))]),
                           content_type="text/xml", etag='"port-1"'))
    add("/port/2025/a.html", Route(article_page(*DISCOVERED)))
    return site


def main() -> None:
    """Serve the demo site on 127.0.0.1 until interrupted, to try `briefing add` and `briefing fetch` offline."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--port", type=int, default=8765)
    site = demo_site(parser.parse_args().port)
    print(f"serving the demo news site on {site.base}/ (feed: {site.url('/feed.xml')}); Ctrl-C stops", flush=True)
    try:
        site.server.serve_forever()
    except KeyboardInterrupt:
        site.server.server_close()


if __name__ == "__main__":
    main()
