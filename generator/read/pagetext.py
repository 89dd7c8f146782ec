"""HTML → page text: the lines a browser would show, as a person copying the page gets them."""
from __future__ import annotations

import re

from lxml import etree, html

# Elements whose text is never shown.
HIDDEN = {"script", "style", "noscript", "template", "iframe", "svg", "object", "embed", "head",
          "select", "option", "textarea", "button", "input", "form"}
# Elements that start a new line.
BLOCKS = {"address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "fieldset",
          "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
          "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "th", "thead",
          "tr", "ul", "br", "center", "body", "html", "title"}
SPACE = re.compile(r"[ \t\r\f\v\u00a0\u2002\u2003\u2009]+")


def parse_html(text: str):
    """An lxml tree of a page's HTML (text already decoded); None when it holds no element."""
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
    try:
        return html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return None


def page_lines(tree) -> list[str]:
    """The visible text of a page, one line per block element, white space collapsed."""
    out: list[str] = [""]
    _walk(tree.find("body") if tree.find("body") is not None else tree, out)
    return [ln for ln in (SPACE.sub(" ", s).strip() for s in out) if ln]


def _walk(node, out: list[str]) -> None:
    """Append the text of `node` and its children to `out`, breaking lines at blocks."""
    tag = node.tag if isinstance(node.tag, str) else ""
    if tag in HIDDEN or node.tag is etree.Comment or node.tag is etree.ProcessingInstruction:
        _tail(node, out)
        return
    block = tag in BLOCKS
    if block:
        out.append("")
    if node.text:
        out[-1] += node.text.replace("\n", " ")
    for child in node:
        _walk(child, out)
    if block:
        out.append("")
    _tail(node, out)


def _tail(node, out: list[str]) -> None:
    """The text after a node's closing tag belongs to its parent's line."""
    if node.tail:
        out[-1] += node.tail.replace("\n", " ")
