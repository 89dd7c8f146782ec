"""`briefing add` and `briefing fetch` against a fixture site on 127.0.0.1: records with their URL, politeness,
failures.

No test reaches any other host: name lookups of anything but 127.0.0.1 and localhost fail (as
an unknown host does), so a stray request cannot leave the machine.
"""
from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from fetch_site import COLUMN, GBK, MOVED, UTF8, FixtureSite, Route, demo_site, rss
from generator.cli import cli
from generator.read.fetched import SIDECAR_SUFFIX


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch):
    """Name lookups of any host but 127.0.0.1 / localhost fail, and no proxy is used: nothing leaves the machine."""
    real = socket.getaddrinfo

    def lookup(host, *args, **kwargs):
        if host not in ("127.0.0.1", "localhost", b"127.0.0.1", b"localhost"):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def site():
    """The fixture site: robots.txt, a feed, a list page, articles in UTF-8 and GBK, a redirect and failures."""
    site = demo_site().start()
    yield site
    site.stop()


def write_sources(project: Path, sources: list[dict], **settings) -> None:
    """content/sources.yml with these sources and quick, test-sized settings."""
    values = {"delay": 0, "timeout": 0.4, "max_bytes": 200_000, "user_agent": "Briefing/test (+tests)", **settings}
    (project / "content" / "sources.yml").write_text(
        yaml.safe_dump({"settings": values, "sources": sources}, allow_unicode=True), encoding="utf-8")


def run(project: Path, *args: str):
    """Run `briefing ARGS` in `project`; returns the click result (stderr shown in `output`)."""
    return CliRunner().invoke(cli, list(args), env={"BRIEFING_ROOT": str(project)}, catch_exceptions=False)


def records(project: Path) -> dict[str, dict]:
    """The records of the project that have a URL, by URL (the demo record has none)."""
    out = {}
    for path in sorted((project / "content" / "articles").glob("*.md")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("\n---", 1)[0].removeprefix("---\n"))
        if meta.get("url"):
            out[meta["url"]] = meta
    return out


def fetched_files(project: Path) -> dict[str, bytes]:
    """Every file under content/inbox/web/, relative path → bytes."""
    web = project / "content" / "inbox" / "web"
    return {p.relative_to(web).as_posix(): p.read_bytes() for p in sorted(web.rglob("*")) if p.is_file()}


def lines_of(output: str, word: str) -> list[str]:
    """The output lines that start with `word`."""
    return [line for line in output.splitlines() if line.startswith(word + " ")]


def sources_of(site: FixtureSite) -> list[dict]:
    """The three sources of the fixture site: a feed, a list page with a link pattern, a page naming its feed."""
    return [{"name": "滨江新闻", "feed": site.url("/feed.xml")},
            {"name": "园区动态", "page": site.url("/column/"), "links": r"/column/\d{4}/p\d+\.html$"},
            {"name": "港区", "page": site.url("/port/")}]


def test_add_fetches_stores_and_ingests_pages_with_their_url(scratch_project, site):
    write_sources(scratch_project, [])
    urls = [site.url("/news/utf8.html"), site.url("/news/gbk.html"), site.url("/old/fund.html")]
    result = run(scratch_project, "add", *urls)
    assert result.exit_code == 0, result.output
    assert len(lines_of(result.output, "fetched")) == 3
    assert "ingested 3, unchanged 0, failed 0" in result.output
    by_url = records(scratch_project)
    assert by_url[site.url("/news/utf8.html")]["title"] == UTF8[0]
    assert by_url[site.url("/news/gbk.html")]["title"] == GBK[0]   # GBK decoded by the HTTP charset alone
    assert by_url[site.url("/news/fund.html")]["title"] == MOVED[0]  # the URL after the redirect
    assert by_url[site.url("/news/gbk.html")]["published"] == "2025-04-08T10:00:00+08:00"


def test_a_fetched_page_is_stored_byte_for_byte_with_its_fetch_record(scratch_project, site):
    write_sources(scratch_project, [])
    assert run(scratch_project, "add", site.url("/news/gbk.html"), site.url("/old/fund.html")).exit_code == 0
    files = fetched_files(scratch_project)
    pages = {name: data for name, data in files.items() if not name.endswith(SIDECAR_SUFFIX)}
    assert sorted(pages.values()) == sorted([site.routes["/news/gbk.html"].body, site.routes["/news/fund.html"].body])
    for name in pages:
        record = json.loads(files[name.removesuffix(".html") + SIDECAR_SUFFIX])
        assert record["url"].startswith(site.base) and record["fetched"].endswith("Z")
        assert record["bytes"] == len(pages[name])
    moved = next(json.loads(v) for k, v in files.items() if k.endswith(SIDECAR_SUFFIX) and b"fund" in v)
    assert moved["url"] == site.url("/news/fund.html") and moved["requested"] == site.url("/old/fund.html")
    assert next(json.loads(v) for k, v in files.items() if b"gbk" in v and k.endswith(SIDECAR_SUFFIX))[
        "content_type"] == "text/html; charset=GBK"


def test_a_url_in_the_corpus_is_not_fetched_twice_and_raw_files_stay_as_they_are(scratch_project, site):
    write_sources(scratch_project, [])
    first = site.url("/news/utf8.html")
    assert run(scratch_project, "add", first, site.url("/old/fund.html")).exit_code == 0
    before = fetched_files(scratch_project)
    stamps = {p: p.stat().st_mtime_ns for p in (scratch_project / "content/inbox/web").rglob("*")}
    requests = len(site.log)
    again = run(scratch_project, "add", first + "#top", site.url("/old/fund.html"), site.url("/news/fund.html"))
    assert again.exit_code == 0, again.output
    assert len(lines_of(again.output, "known")) == 3 and not lines_of(again.output, "fetched")
    assert len(site.log) == requests   # nothing was requested
    assert run(scratch_project, "ingest", "--refresh").exit_code == 0
    assert fetched_files(scratch_project) == before
    assert {p: p.stat().st_mtime_ns for p in (scratch_project / "content/inbox/web").rglob("*")} == stamps


def test_a_url_a_record_holds_is_known_without_a_request(scratch_project, site):
    write_sources(scratch_project, [])
    url = site.url("/news/utf8.html")
    note = scratch_project / "content" / "inbox" / "by-hand.md"
    note.write_text(f"---\ntitle: {UTF8[0]}\ndate: 2025-03-12\nurl: '{url}'\n---\n\n" + "\n\n".join(UTF8[2]) + "\n",
                    encoding="utf-8")
    assert run(scratch_project, "ingest").exit_code == 0
    result = run(scratch_project, "add", url)
    assert result.exit_code == 0 and lines_of(result.output, "known"), result.output
    assert "content/articles/" in lines_of(result.output, "known")[0]
    assert site.log == []


def test_each_failure_is_one_line_and_the_batch_goes_on(scratch_project, site):
    write_sources(scratch_project, [])
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()   # nothing listens there now
    bad = {"/news/missing.html": "HTTP 404", "/news/down.html": "HTTP 503", "/news/slow.html": "timed out",
           "/news/huge.html": "too large", "/news/huge-stream.html": "too large",
           "/files/report.pdf": "not an HTML page: the server sent application/pdf", "/loop/a": "redirect loop",
           "/feed.xml": "application/rss+xml (a feed: watch it with `feed:` in content/sources.yml)"}
    urls = [site.url(p) for p in bad] + ["http://no-such-host.invalid/a.html", f"http://127.0.0.1:{port}/a.html",
                                         "ftp://example.org/a.html", site.url("/news/utf8.html")]
    result = run(scratch_project, "add", *urls)
    assert result.exit_code == 1
    failed = lines_of(result.output, "failed")
    assert len(failed) == len(urls) - 1, result.output
    for line, (path, reason) in zip(failed, bad.items()):
        assert line.startswith(f"failed {site.url(path)}: ") and reason in line, line
    assert "host no-such-host.invalid not found" in failed[-3]
    assert "refused" in failed[-2] and "not a web address" in failed[-1]
    assert lines_of(result.output, "fetched") and "ingested 1, unchanged 0, failed 0" in result.output
    assert list(records(scratch_project)) == [site.url("/news/utf8.html")]
    assert not any("huge" in name or "slow" in name for name in fetched_files(scratch_project))


def test_fetch_reads_feeds_and_list_pages_and_a_second_run_fetches_nothing(scratch_project, site):
    write_sources(scratch_project, sources_of(site))
    first = run(scratch_project, "fetch")
    assert first.exit_code == 1, first.output   # the 404 in the feed is a failure
    assert len(lines_of(first.output, "fetched")) == 6, first.output
    failed = lines_of(first.output, "failed")
    assert len(failed) == 1 and failed[0].startswith(f"failed {site.url('/news/missing.html')}: HTTP 404"), failed
    assert lines_of(first.output, "skipped") == [f"skipped {site.url('/private/secret.html')}: "
                                                 "forbidden by the site's robots.txt: not requested"]
    assert "ingested 6, unchanged 0, failed 0" in first.output
    expected = {site.url(p) for p in ("/news/utf8.html", "/news/gbk.html", "/news/fund.html", "/column/2025/p1.html",
                                      "/column/2025/p2.html", "/port/2025/a.html")}
    assert set(records(scratch_project)) == expected
    assert records(scratch_project)[site.url("/column/2025/p2.html")]["title"] == COLUMN[1][0]
    assert "/about.html" not in site.paths() and "/column/index_2.html" not in site.paths()
    before, seen = fetched_files(scratch_project), len(site.log)
    state = (scratch_project / "content" / "fetch-state.json").read_bytes()

    second = run(scratch_project, "fetch")
    assert second.exit_code == 0, second.output
    again = site.log[seen:]
    conditional = [r for r in again if r.path in ("/feed.xml", "/column/", "/port/", "/port/rss")]
    assert [r.status for r in conditional] == [304, 304, 304, 304]
    assert conditional[0].headers["If-None-Match"] == '"feed-v1"'
    assert conditional[1].headers["If-Modified-Since"] == "Mon, 02 Jun 2025 01:00:00 GMT"
    assert {r.path for r in again} <= {"/robots.txt", "/feed.xml", "/column/", "/port/", "/port/rss"}
    assert not lines_of(second.output, "fetched") and "0 fetched" in second.output
    assert fetched_files(scratch_project) == before
    assert (scratch_project / "content" / "fetch-state.json").read_bytes() == state   # nothing to commit
    assert "/private/secret.html" not in site.paths()   # robots.txt forbids it: never requested


def test_fetch_is_polite_one_request_at_a_time_with_a_delay_and_its_user_agent(scratch_project, site):
    write_sources(scratch_project, sources_of(site)[:1], delay=0.15)
    run(scratch_project, "fetch")
    assert site.log[0].path == "/robots.txt"
    assert site.most_in_flight == 1
    gaps = [b.at - a.at for a, b in zip(site.log, site.log[1:])]
    assert gaps and min(gaps) >= 0.14, gaps
    assert {r.headers["User-Agent"] for r in site.log} == {"Briefing/test (+tests)"}


def test_fetch_is_bounded_per_source_and_leaves_the_rest_for_the_next_run(scratch_project, site):
    column = sources_of(site)[1]
    write_sources(scratch_project, [{**column, "max_articles": 1}])
    first = run(scratch_project, "fetch")
    assert first.exit_code == 0, first.output
    assert len(lines_of(first.output, "fetched")) == 1 and "1 more left for the next run" in first.output
    second = run(scratch_project, "fetch")   # the list page is read in full again: an article is left
    assert len(lines_of(second.output, "fetched")) == 1, second.output
    assert set(records(scratch_project)) == {site.url("/column/2025/p1.html"), site.url("/column/2025/p2.html")}
    third = run(scratch_project, "fetch")
    assert "not modified" in third.output and "0 fetched" in third.output


def test_fetch_stops_starting_requests_when_the_run_time_is_spent(scratch_project, site):
    write_sources(scratch_project, sources_of(site), max_seconds=0)
    result = run(scratch_project, "fetch")
    assert "are spent: left for the next run" in result.output
    assert site.log == []


def test_an_article_gone_for_good_is_not_requested_again_but_a_passing_failure_is(scratch_project, site):
    site.routes["/feed.xml"] = Route(rss([("已删除", site.url("/news/missing.html")),
                                          ("忙", site.url("/news/down.html"))]), content_type="application/rss+xml")
    write_sources(scratch_project, sources_of(site)[:1])
    run(scratch_project, "fetch")
    seen = len(site.log)
    run(scratch_project, "fetch")
    assert [r.path for r in site.log[seen:] if r.path.startswith("/news/")] == ["/news/down.html"]
    state = json.loads((scratch_project / "content" / "fetch-state.json").read_text(encoding="utf-8"))
    assert list(state["gone"]) == [site.url("/news/missing.html")]


def test_a_site_whose_robots_txt_fails_is_not_crawled_and_a_missing_one_allows_all(scratch_project, site):
    site.routes["/robots.txt"] = Route(b"oops", status=500)
    write_sources(scratch_project, sources_of(site)[1:2])
    result = run(scratch_project, "fetch")
    assert result.exit_code == 1 and "robots.txt cannot be read (HTTP 500" in result.output
    assert site.paths() == ["/robots.txt"]
    del site.routes["/robots.txt"]   # 404: no rules
    result = run(scratch_project, "fetch")
    assert result.exit_code == 0 and len(lines_of(result.output, "fetched")) == 2, result.output


def test_bad_sources_are_reported_one_line_each_and_the_good_ones_are_read(scratch_project, site):
    good = sources_of(site)[1]
    write_sources(scratch_project,
                  [{"name": "no address"}, {"name": "bad pattern", "page": site.url("/"), "links": "("},
                                    {"name": "both", "feed": site.url("/a"), "page": site.url("/b")},
                                    {"name": "typo", "fed": site.url("/feed.xml")}, good])
    result = run(scratch_project, "fetch")
    failed = lines_of(result.output, "failed")
    assert [line.split(":")[1].strip() for line in failed] == [
        "source 1 (no address)", "source 2 (bad pattern)", "source 3 (both)", "source 4 (typo)"]
    assert len(lines_of(result.output, "fetched")) == 2 and result.exit_code == 1


def test_a_page_without_a_pattern_or_feed_link_is_one_failure(scratch_project, site):
    write_sources(scratch_project, [{"name": "plain", "page": site.url("/news/utf8.html")}])
    result = run(scratch_project, "fetch")
    assert result.exit_code == 1
    assert "names no RSS/Atom feed" in lines_of(result.output, "failed")[0]


def test_a_feed_source_that_is_no_feed_is_one_failure(scratch_project, site):
    write_sources(scratch_project, [{"name": "wrong", "feed": site.url("/news/utf8.html")}, sources_of(site)[2]])
    result = run(scratch_project, "fetch")
    assert result.exit_code == 1
    failed = lines_of(result.output, "failed")
    assert len(failed) == 1 and "source wrong" in failed[0] and "not a readable RSS/Atom feed" in failed[0], failed
    assert len(lines_of(result.output, "fetched")) == 1


def test_fetch_without_sources_says_how_to_add_one(scratch_project):
    result = run(scratch_project, "fetch")
    assert result.exit_code == 0 and "no sources in content/sources.yml" in result.output


def test_the_shipped_sources_file_is_valid_and_watches_nothing(root):
    from generator.fetch.config import load_config
    config = load_config(root / "content" / "sources.yml", "content/sources.yml")
    assert config.problems == [] and config.sources == []
    assert "feed:" in (root / "content" / "sources.yml").read_text(encoding="utf-8")   # the commented examples
