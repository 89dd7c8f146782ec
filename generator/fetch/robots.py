"""robots.txt, read once per site and run (RFC 9309): what may be fetched, and how slowly."""
from __future__ import annotations

from urllib.robotparser import RobotFileParser

from .errors import FetchError, Forbidden, OutOfTime
from .urls import site_of

ROBOTS_BYTES = 512 * 1024   # RFC 9309: at least 500 KiB are parsed
MAX_CRAWL_DELAY = 60.0      # seconds: a larger Crawl-delay is taken as this (the run's time bounds it anyway)


class Robots:
    """The robots.txt rules of each site a run visits, fetched through the run's client on first need."""

    def __init__(self, client, user_agent: str):
        """Rules are fetched with `client` (without consulting robots.txt) and matched for `user_agent`."""
        self.client, self.user_agent = client, user_agent
        self.rules: dict[str, RobotFileParser | str] = {}   # site → its rules, or why it is not crawled

    def check(self, url: str) -> None:
        """Raise Forbidden when robots.txt forbids `url`, or when the site's robots.txt cannot be had."""
        rules = self._rules(url)
        if isinstance(rules, str):
            raise Forbidden(rules)
        if not rules.can_fetch(self.user_agent, url):
            raise Forbidden("forbidden by the site's robots.txt: not requested", permanent=True)

    def delay(self, site: str) -> float:
        """Seconds to wait between two requests to `site`: the setting, or the site's longer Crawl-delay."""
        own = self.client.settings.delay
        rules = self.rules.get(site)
        if isinstance(rules, RobotFileParser):
            asked = rules.crawl_delay(self.user_agent)
            if asked:
                return max(own, min(float(asked), MAX_CRAWL_DELAY))
        return own

    def _rules(self, url: str) -> RobotFileParser | str:
        """The rules of the site of `url`, fetched when first needed."""
        site = site_of(url)
        if site not in self.rules:
            self.rules[site] = self._fetch(site)
        return self.rules[site]

    def _fetch(self, site: str) -> RobotFileParser | str:
        """The parsed robots.txt of `site`: none (4xx) allows all; an unreachable one (5xx, no answer) nothing."""
        parser = RobotFileParser(site + "/robots.txt")
        try:
            answer = self.client.get(site + "/robots.txt", accept=None, max_bytes=ROBOTS_BYTES, robots=False)
            lines = answer.content.decode("utf-8", errors="replace").splitlines()
        except OutOfTime:
            raise
        except FetchError as err:
            if err.status is None or err.status >= 500:
                return f"{site}/robots.txt cannot be read ({err.reason}): the site is not crawled this run"
            lines = []
        parser.parse(lines)
        parser.modified()   # can_fetch answers only once the rules count as read
        return parser
