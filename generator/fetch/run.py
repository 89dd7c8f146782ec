"""`briefing add URL…` and `briefing fetch`: pages from the web into content/inbox/web/, then ingested."""
from __future__ import annotations

from dataclasses import dataclass

from rich.console import Console

from ..lock import project_lock
from ..paths import ProjectPaths
from .client import HTML_TYPES, Client, utc_now
from .config import Config, Source, load_config
from .errors import FetchError, Forbidden, OutOfTime
from .inbox import Corpus, store_page
from .links import feed_link, feed_links, page_links
from .report import FetchReport
from .state import STATE_FILE, FetchState
from .urls import is_web_url

SOURCES_FILE = "sources.yml"


def add_urls(paths: ProjectPaths, urls: list[str], console: Console) -> bool:
    """Fetch each address not in the corpus yet, store it, then ingest what was stored; True when nothing failed."""
    config = _config(paths)
    report = FetchReport(console)
    for line in config.problems:
        report.say("note", line)
    with project_lock(paths.build, "add"):
        corpus = Corpus.load(paths.root, paths.inbox, paths.articles)
        client = Client(config.settings, obey_robots=False)
        try:
            for url in urls:
                _add_one(url, client, corpus, paths, report)
        finally:
            client.close()
    return _finish(paths, report, client, console)


def _add_one(url: str, client: Client, corpus: Corpus, paths: ProjectPaths, report: FetchReport) -> None:
    """Fetch and store one address given by hand, unless the corpus holds it; one line says what happened."""
    url = url.strip()
    if not is_web_url(url):
        report.say("failed", f"{url}: not a web address (give one starting with http:// or https://)")
        return
    if where := corpus.known(url):
        report.say("known", f"{url}: already in the corpus ({where})")
        return
    try:
        answer = client.get(url)
    except FetchError as err:
        report.say("failed", f"{url}: {err.reason}")
        return
    _keep(answer, None, corpus, paths, report)


def _keep(answer, source: str | None, corpus: Corpus, paths: ProjectPaths, report: FetchReport) -> None:
    """Store a fetched page unless it redirected to an address the corpus holds."""
    if where := corpus.known(answer.url):
        report.say("known", f"{answer.requested}: already in the corpus as {answer.url} ({where})")
        return
    path = store_page(paths.inbox, answer, source)
    corpus.add(answer.url, path)
    corpus.add(answer.requested, path)
    report.files.append(path)
    report.say("fetched", f"{answer.requested} → {corpus.known(answer.url)}")


def fetch_sources(paths: ProjectPaths, names: list[str], console: Console) -> bool:
    """Read every source of content/sources.yml (or those `names`), fetch and ingest the articles not seen before."""
    config = _config(paths)
    report = FetchReport(console)
    for line in config.problems:
        report.say("failed", line)
    sources = _chosen(config, names, report)
    if not config.sources and not config.problems:
        report.say("note",
                   f"no sources in content/{SOURCES_FILE}: add a feed or a list page to watch (see its comments)")
    with project_lock(paths.build, "fetch"):
        state = FetchState.load(paths.content / STATE_FILE)
        run = SourceRun(Client(config.settings), Corpus.load(paths.root, paths.inbox, paths.articles),
                        state, config, paths, report)
        try:
            run.read_all(sources)
        finally:
            run.client.close()
            state.save()
    return _finish(paths, report, run.client, console)


def _chosen(config: Config, names: list[str], report: FetchReport) -> list[Source]:
    """The sources named in `names` (all when none is); a name that matches none is a failure line."""
    if not names:
        return config.sources
    for name in names:
        if not any(source.name == name for source in config.sources):
            report.say("failed", f"no source named {name!r} in content/{SOURCES_FILE}")
    return [source for source in config.sources if source.name in names]


@dataclass
class SourceRun:
    """One run over the sources: the client, the corpus's addresses, the kept state and the report."""

    client: Client
    corpus: Corpus
    state: FetchState
    config: Config
    paths: ProjectPaths
    report: FetchReport

    def read_all(self, sources: list[Source]) -> None:
        """Read the sources in order until the run's time is spent."""
        for number, source in enumerate(sources):
            try:
                self.read_source(source)
            except OutOfTime as err:
                left = ", ".join(s.name for s in sources[number:])
                self.report.say("note", f"{err.reason} (sources not finished: {left})")
                return

    def read_source(self, source: Source) -> None:
        """List a source's articles (conditionally), fetch the new ones, keep its validators when all are dealt with."""
        try:
            listing = self.listing(source)
        except OutOfTime:
            raise
        except FetchError as err:
            self.report.say("failed", f"source {source.name} ({source.url}): {err.reason}")
            return
        if listing is None:
            self.report.say("source", f"{source.name}: not modified since the last run (HTTP 304): nothing new")
            return
        url, answer, links = listing
        try:
            complete = self.fetch_articles(source, links)
        except OutOfTime:
            self.state.forget(url)
            raise
        if complete:
            self.state.read_whole(url, answer.etag, answer.last_modified)
        else:
            self.state.forget(url)

    def listing(self, source: Source):
        """(address, answer, article links) of the source, or None when it answers 304 Not Modified."""
        if source.kind == "feed":
            return self.read_list(source.url, feed_links)
        if source.links is not None:
            return self.read_list(source.url, lambda answer: page_links(answer, source.links), html=True)
        return self.read_list(self.feed_of(source), feed_links)

    def read_list(self, url: str, parse, html: bool = False):
        """Fetch a feed or list page with the validators of its last complete read; None on 304."""
        answer = self.client.get(url, accept=HTML_TYPES if html else None, validators=self.state.validators(url))
        if answer.status == 304:
            return None
        return url, answer, parse(answer)

    def feed_of(self, source: Source) -> str:
        """The feed a list page without a link pattern names in <link rel="alternate">; FetchError when none.

        The page is asked for conditionally too: on 304 the feed found last time is used.
        """
        remembered = (self.state.validators(source.url) or {}).get("feed")
        answer = self.client.get(source.url, accept=HTML_TYPES,
                                 validators=self.state.validators(source.url) if remembered else None)
        if answer.status == 304:
            return remembered
        url = feed_link(answer)
        if url is None:
            raise FetchError("the page names no RSS/Atom feed (<link rel=\"alternate\">): give `links:`, a pattern "
                             "its article addresses match", permanent=True)
        self.state.read_whole(source.url, answer.etag, answer.last_modified, feed=url)
        return url

    def fetch_articles(self, source: Source, links: list[str]) -> bool:
        """Fetch the source's links not seen before, up to its limit; True when every link is dealt with."""
        new = [url for url in links if not self.corpus.known(url) and not self.state.is_gone(url)]
        limit = source.max_articles if source.max_articles is not None else self.config.settings.max_articles
        self.report.say("source", f"{source.name}: {len(links)} article link{'' if len(links) == 1 else 's'}, "
                                  f"{len(new)} not seen before")
        complete = True
        for url in new[:limit]:
            complete &= self.fetch_article(source, url)
        if len(new) > limit:
            self.report.say("note", f"{source.name}: {len(new) - limit} more left for the next run "
                                    f"(max_articles: {limit})")
            complete = False
        return complete

    def fetch_article(self, source: Source, url: str) -> bool:
        """Fetch and store one article; False when it failed for now (it is tried again next run)."""
        try:
            answer = self.client.get(url)
        except OutOfTime:
            raise
        except Forbidden as err:
            self.report.say("skipped", f"{url}: {err.reason}")
            return err.permanent
        except FetchError as err:
            self.report.say("failed", f"{url}: {err.reason}")
            if err.permanent:
                self.state.mark_gone(url, err.reason, utc_now())
            return err.permanent
        _keep(answer, source.name, self.corpus, self.paths, self.report)
        return True


def _config(paths: ProjectPaths) -> Config:
    """content/sources.yml, read and checked."""
    return load_config(paths.content / SOURCES_FILE, f"content/{SOURCES_FILE}")


def _finish(paths: ProjectPaths, report: FetchReport, client: Client, console: Console) -> bool:
    """Print the summary, ingest the pages stored; True when neither fetching nor ingesting failed."""
    console.print(report.summary(client.requests), markup=False, highlight=False, soft_wrap=True)
    if not report.files:
        return report.ok
    from ..pipeline import run_ingest
    ingested = run_ingest(paths, report.files, console=console)
    return report.ok and ingested.ok
