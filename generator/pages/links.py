"""Links the page templates write many times (figures, articles, zones, industries): plain functions,
several times faster than Jinja macros on pages with thousands of links. Every article string is escaped."""
from __future__ import annotations

from .escape import html_text, markdown_cell
from .formats import as_written_and_normalised


def fig_link(fig: dict, root: str) -> str:
    """A figure as written, linked to its row in its article's figures table."""
    return f"[{markdown_cell(as_written_and_normalised(fig))}]({root}articles/{fig['article']}.md#fig-{fig['n']})"


def fig_link_html(fig: dict, root: str) -> str:
    """The same figure link as raw HTML (for tables the generator writes as HTML)."""
    text = html_text(as_written_and_normalised(fig))
    return f'<a href="{root}articles/{fig["article"]}.html#fig-{fig["n"]}">{text}</a>'


def article_link_html(article_id: str, text, root: str) -> str:
    """A link to an article's page as raw HTML, with `text` escaped."""
    return f'<a href="{root}articles/{article_id}.html">{html_text(text)}</a>'


def art_link(art, root: str) -> str:
    """An article's title linked to its page."""
    return f"[{markdown_cell(art.meta.get('title'))}]({root}articles/{art.id}.md)"


def term_link(pages: dict, term_id, folder: str, root: str) -> str:
    """A zone or industry name linked to its page, or its id as text when it has no page."""
    term = pages.get(term_id)
    if term is None:
        return markdown_cell(term_id)
    return f"[{markdown_cell(term.name)}]({root}{folder}/{term.slug}.md)"


def term_link_html(pages: dict, term_id, folder: str, root: str) -> str:
    """The same link as raw HTML (for tables written as HTML; MkDocs does not rewrite these links)."""
    term = pages.get(term_id)
    if term is None:
        return html_text(term_id)
    return f'<a href="{root}{folder}/{term.slug}.html">{html_text(term.name)}</a>'
