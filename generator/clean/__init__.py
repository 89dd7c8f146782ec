"""The clean stage: raw articles (read/) → clean articles: headline, dateline, credits, a Markdown body, dates.

The body is Markdown: paragraphs separated by blank lines, short heading lines as `## heading`,
and photo captions as a paragraph in italics (`*caption*`). page.py cleans page text:
headline.py finds the headline and header lines (htmlpage.py those of a saved web page),
dateline.py reads them, body.py files the body lines (chrome.py: page furniture, blocks.py:
captions and headings, lead.py: credits opening the lead, credits.py: names and roles);
meta.py gives an article's metadata (dates.py: publication and event dates). The entry is
clean_articles(): each raw article of a file cleaned and checked once.
"""
from __future__ import annotations

from .meta import CheckedArticle, article_metadata, clean_article, clean_articles
from .page import clean_page_text, derive_title

__all__ = ["CheckedArticle", "article_metadata", "clean_article", "clean_articles", "clean_page_text", "derive_title"]
