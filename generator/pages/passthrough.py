"""Generated HTML blocks passed through Markdown untouched, and the search index's cut of a page.

The page templates write tables, article bodies and lists as raw HTML that the generator has
already escaped. Python-Markdown would parse every such block twice (MkDocs looks for anchors in
it, then the html_block preprocessor re-parses it), which at 10,000 articles was most of the
build. A block written between the lines `<!--bf:html-->` and `<!--/bf:html-->` is instead put
in Python-Markdown's own raw-HTML stash as it is, the way fenced code blocks are; the plugin then
registers the ids inside it so links to its anchors are still checked.

Templates may still carry the markers `<!--bf:search-off-->` and `<!--bf:search-on-->` of the
search index MkDocs used to build; the reader's search is now built from the records
(generator/search/), and the markers are only removed from the pages.
"""
from __future__ import annotations

import re

from markdown import Extension
from markdown.preprocessors import Preprocessor

OPEN, CLOSE = "<!--bf:html-->", "<!--/bf:html-->"
SEARCH_OFF, SEARCH_ON = "<!--bf:search-off-->", "<!--bf:search-on-->"
_MARKER = re.compile(rf"{re.escape(SEARCH_OFF)}|{re.escape(SEARCH_ON)}")
_BLOCK = re.compile(rf"^{re.escape(OPEN)}[ \t]*\n(.*?)\n{re.escape(CLOSE)}[ \t]*$", re.M | re.S)
_ID = re.compile(r"""<[a-zA-Z][^<>]*?\sid="([^"<>]+)\"""")
PRIORITY = 25   # after normalize_whitespace (30), before MkDocs' anchor scan (21) and html_block (20)


class PassthroughPreprocessor(Preprocessor):
    """Stash each marked block as raw HTML so no later step parses it."""

    def run(self, lines: list[str]) -> list[str]:
        """The page's lines with every marked block replaced by a stash placeholder paragraph."""
        text = "\n".join(lines)
        if OPEN not in text:
            return lines
        return _BLOCK.sub(lambda m: f"\n\n{self.md.htmlStash.store(m.group(1))}\n\n", text).split("\n")


class PassthroughExtension(Extension):
    """The Markdown extension the briefing plugin adds to every page's converter."""

    def extendMarkdown(self, md) -> None:
        """Register the passthrough preprocessor."""
        md.preprocessors.register(PassthroughPreprocessor(md), "briefing_passthrough", PRIORITY)


def anchor_ids(html: str) -> set[str]:
    """The id attributes of the elements in a block of generated HTML."""
    return set(_ID.findall(html))


def without_markers(html: str) -> str:
    """The page's HTML without the search markers (what the reader gets)."""
    return _MARKER.sub("", html)
