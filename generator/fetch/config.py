"""content/sources.yml: the sources `briefing fetch` watches and the limits it keeps, checked key by key."""
from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from pathlib import Path

import yaml

from .. import __version__
from .urls import is_web_url

USER_AGENT = f"Briefing/{__version__} (briefing-site generator; set user_agent in content/sources.yml)"


@dataclass(frozen=True)
class Settings:
    """How politely and how far one run fetches; each can be set under `settings:` in sources.yml."""

    delay: float = 2.0            # seconds between two requests to the same host
    timeout: float = 20.0         # seconds to connect, and between two bytes of an answer
    max_articles: int = 20        # new articles fetched per source per run
    max_bytes: int = 5_000_000    # a page (or feed) larger than this is not kept
    max_seconds: float = 900.0    # no request is started after this many seconds of a run
    max_redirects: int = 5        # redirects followed for one page
    user_agent: str = USER_AGENT  # say who you are: a contact URL or e-mail address is polite


@dataclass(frozen=True)
class Source:
    """One watched source: an RSS/Atom feed, or a list page whose article links match `links`."""

    name: str
    url: str
    kind: str                       # "feed" or "page"
    links: re.Pattern | None = None  # for a page: the pattern article URLs match; None: the page's feed link
    max_articles: int | None = None  # overrides the setting for this source


@dataclass
class Config:
    """What sources.yml says: settings, the valid sources, and one line per problem found."""

    settings: Settings
    sources: list[Source]
    problems: list[str]


SETTING_TYPES = {f.name: (str if f.name == "user_agent" else int if isinstance(f.default, int) else float)
                 for f in fields(Settings)}
SOURCE_KEYS = {"name", "feed", "page", "links", "max_articles"}


def load_config(path: Path, label: str) -> Config:
    """The settings and sources of `path` (shown as `label`); a missing file gives defaults and no sources."""
    if not path.is_file():
        return Config(Settings(), [], [])
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        return Config(Settings(), [], [f"{label}: cannot be read: {_short(err)}"])
    if not isinstance(data, dict):
        return Config(Settings(), [], [f"{label}: expected a mapping with `settings:` and `sources:`"])
    problems = [f"{label}: unknown key `{key}` (expected `settings` or `sources`)"
                for key in data if key not in ("settings", "sources")]
    settings = _settings(data.get("settings") or {}, label, problems)
    sources = _sources(data.get("sources") or [], label, problems)
    return Config(settings, sources, problems)


def _settings(data, label: str, problems: list[str]) -> Settings:
    """Settings from the `settings:` mapping; a bad value is reported and its default kept."""
    if not isinstance(data, dict):
        problems.append(f"{label}: settings: expected a mapping of names to values")
        return Settings()
    values = {}
    for key, value in data.items():
        kind = SETTING_TYPES.get(key)
        if kind is None:
            problems.append(f"{label}: settings: unknown setting `{key}` (known: {', '.join(SETTING_TYPES)})")
        elif kind is str and isinstance(value, str) and value.strip():
            values[key] = value.strip()
        elif kind is not str and isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
            values[key] = kind(value)
        else:
            expected = "a non-empty text" if kind is str else "a number, 0 or more"
            problems.append(f"{label}: settings: {key}: expected {expected}, got {value!r}")
    return replace(Settings(), **values)


def _sources(data, label: str, problems: list[str]) -> list[Source]:
    """The valid sources of the `sources:` list; each bad one is reported with its position and name."""
    if not isinstance(data, list):
        problems.append(f"{label}: sources: expected a list of sources")
        return []
    out = []
    for number, item in enumerate(data, 1):
        source = _source(item, f"{label}: source {number}", problems)
        if source is not None:
            out.append(source)
    return out


def _source(item, where: str, problems: list[str]) -> Source | None:
    """One Source, or None with its problem reported."""
    if not isinstance(item, dict):
        problems.append(f"{where}: expected a mapping with `name` and `feed` or `page`")
        return None
    where += f" ({item['name']})" if isinstance(item.get("name"), str) else ""
    unknown = sorted(set(item) - SOURCE_KEYS)
    if unknown:
        problems.append(f"{where}: unknown key `{unknown[0]}` (known: {', '.join(sorted(SOURCE_KEYS))})")
        return None
    kinds = [key for key in ("feed", "page") if key in item]
    if len(kinds) != 1:
        problems.append(f"{where}: give either `feed:` (an RSS/Atom address) or `page:` (a list page), not "
                        + ("both" if kinds else "neither"))
        return None
    url = item[kinds[0]]
    if not is_web_url(url):
        problems.append(f"{where}: {kinds[0]}: expected an http:// or https:// address, got {url!r}")
        return None
    links = _pattern(item.get("links"), kinds[0], where, problems)
    limit = item.get("max_articles")
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 0):
        problems.append(f"{where}: max_articles: expected a whole number, 0 or more, got {limit!r}")
        return None
    if links is False:
        return None
    name = str(item.get("name") or url)
    return Source(name=name, url=url.strip(), kind=kinds[0], links=links, max_articles=limit)


def _pattern(value, kind: str, where: str, problems: list[str]):
    """The compiled `links:` pattern, None when absent, False (reported) when bad or given for a feed."""
    if value is None:
        return None
    if kind == "feed":
        problems.append(f"{where}: links: only a list page (`page:`) takes a link pattern; a feed lists its articles")
        return False
    try:
        return re.compile(str(value))
    except re.error as err:
        problems.append(f"{where}: links: not a valid regular expression: {err}")
        return False


def _short(err: Exception) -> str:
    """An error's message on one line."""
    return " ".join(str(err).split())
