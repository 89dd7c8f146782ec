"""Listing pages that stay put: an article added, edited or deleted changes one page of a listing, not all.

A listing cut into pages of a fixed count moves every row after an insertion one place down, so adding an
article rewrote every archive, timeline and review page after it (about 400 pages of a 10,000-article site,
17 s of MkDocs' Markdown alone). Here the pages are cut where the items themselves say: read from the end of
the listing (the oldest items of a newest-first list), an item whose key hashes to a multiple of the page
size begins a new page (once the page has a quarter of the page size; at three times the page size it is cut
regardless). An item added or removed changes the page it lies on; a page is numbered from the end, so a page
opening at the newest end numbers no other page again. The first page (`first`, e.g. `archive.md`) shows the
newest pages run together until it holds at least a page size of items; the other pages are `first/<n>.md`,
n counted from the end (1 holds the oldest items).
"""
from __future__ import annotations

import hashlib
import posixpath
from dataclasses import dataclass
from typing import Callable

SMALLEST, LARGEST = 0.25, 3.0       # a page's share of the page size before a cut may fall, and at which it must


@dataclass
class Pager:
    """One page of a listing: its items, and the files of the pages next to it (None at either end)."""

    items: list
    file: str
    first: str
    newer: str | None = None        # the page before it in the listing's order (toward its start)
    older: str | None = None        # the page after it

    @property
    def first_page(self) -> bool:
        """True for the listing's first page."""
        return self.file == self.first

    def link(self, target: str) -> str:
        """The link from this page to the page file `target`."""
        return posixpath.relpath(target, posixpath.dirname(self.file) or ".")


def stable_pages(items: list, per_page: int, first: str, key: Callable[[object], str],
                 folder: str | None = None) -> list[Pager]:
    """`items` (in the order shown) cut into pages where their `key`s say; the first page first. Always one page.

    The further pages are `<folder>/<n>.md` (`folder` defaults to `first` without `.md`)."""
    folder = folder or first[:-3]
    runs = _runs(items, per_page, key)            # from the end of the listing: runs[0] holds its last items
    head: list = []
    while runs and len(head) < per_page:
        head += runs.pop()
    pagers = [Pager(head, first, first)]
    for number in range(len(runs), 0, -1):
        pagers.append(Pager(runs[number - 1], f"{folder}/{number}.md", first))
    for newer, older in zip(pagers, pagers[1:]):
        newer.older, older.newer = older.file, newer.file
    return pagers


def stable_runs(items: list, size: int, key: Callable[[object], str]) -> list[list]:
    """`items` cut into runs of about `size` where their `key`s say, as listings are cut into pages (in order)."""
    return _runs(items, size, key)[::-1]


def _runs(items: list, per_page: int, key: Callable[[object], str]) -> list[list]:
    """The pages' items, cut from the end of `items`: each in the listing's order, the last run first."""
    smallest, largest = max(1, int(per_page * SMALLEST)), max(1, int(per_page * LARGEST))
    runs, run = [], []
    for item in reversed(items):
        if run and (len(run) >= largest or (len(run) >= smallest and _opens_page(key(item), per_page))):
            runs.append(run[::-1])
            run = []
        run.append(item)
    if run:
        runs.append(run[::-1])
    return runs


def _opens_page(key: str, per_page: int) -> bool:
    """True when an item's key says it begins a page (one item in `per_page`, the same one every build)."""
    return int.from_bytes(hashlib.sha1(key.encode("utf-8")).digest()[:8], "big") % per_page == 0
