"""Links the page templates write many times (figures, articles, zones, industries): plain functions,
several times faster than Jinja macros on pages with thousands of links. Every article string is escaped."""
from __future__ import annotations

from functools import lru_cache

from .escape import html_text, markdown_cell


def fig_link(fig, root: str) -> str:
    """A figure (gather.PageFigure) as written, linked to its row in its article's figures table."""
    return f"[{markdown_cell(fig.written)}]({root}articles/{fig.article}.md#fig-{fig.n})"


def fig_link_html(fig, root: str) -> str:
    """The same figure link as raw HTML (for tables the generator writes as HTML)."""
    return f'<a href="{root}articles/{fig.article}.html#fig-{fig.n}">{fig.written_html}</a>'


def article_link_html(article_id: str, text, root: str) -> str:
    """A link to an article's page as raw HTML, with `text` escaped."""
    return f'<a href="{root}articles/{article_id}.html">{html_text(text)}</a>'


def art_link(art, root: str) -> str:
    """An article's title linked to its page."""
    return f"[{markdown_cell(art.meta.title)}]({root}articles/{art.id}.md)"


def term_link(pages: dict, term_id, folder: str, root: str) -> str:
    """A zone or industry name linked to its page, or its id as text when it has no page."""
    term = pages.get(term_id)
    if term is None:
        return markdown_cell(term_id)
    return f"[{_name_cell(term.name)}]({root}{folder}/{term.slug}.md)"


@lru_cache(maxsize=8192)
def _name_cell(name: str) -> str:
    """A term's name as table-cell text (cached: each name is linked thousands of times)."""
    return markdown_cell(name)


def term_link_html(pages: dict, term_id, folder: str, root: str) -> str:
    """The same link as raw HTML (for tables written as HTML; MkDocs does not rewrite these links)."""
    term = pages.get(term_id)
    if term is None:
        return html_text(term_id)
    return f'<a href="{root}{folder}/{term.slug}.html">{html_text(term.name)}</a>'
