"""The fetch stage: articles from where they are published into content/inbox/web/, then ingested.

`add_urls` fetches addresses given by hand; `fetch_sources` reads the feeds and list pages of
content/sources.yml and fetches the articles not seen before, politely (robots.txt, one
request at a time, a delay per host, conditional GET) and within bounds (articles per source,
page size, the run's time). Pages are stored byte for byte beside a fetch record
(generator/read/fetched.py) and never rewritten.
"""
from __future__ import annotations

from .run import add_urls, fetch_sources

__all__ = ["add_urls", "fetch_sources"]
