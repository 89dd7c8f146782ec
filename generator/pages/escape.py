"""Article data as inert text: escaping for Markdown, HTML attributes, XML and safe links."""
from __future__ import annotations

import html
import re

# Characters Python-Markdown (and its tables extension) treats as syntax anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]|{}()!])")
# Syntax that only counts at the start of a line: headings, lists, setext underlines.
_LINE_START = re.compile(r"^([#+\-=])")
_ORDERED = re.compile(r"^(\d+)([.)])")
_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`]+$", re.IGNORECASE)


def markdown_text(value, line_start: bool = True) -> str:
    """Article data as literal text in Markdown: HTML and Markdown syntax characters escaped."""
    text = _INLINE.sub(r"\\\1", html_text(value))
    if "\n" not in text:   # most data is one line (names, titles, labels)
        text = text.strip()
        return _escape_line_start(text) if line_start else text
    lines = [line.strip() for line in text.split("\n")]
    return "\n".join(_escape_line_start(line) if line_start or i else line for i, line in enumerate(lines))


def _escape_line_start(line: str) -> str:
    """Neutralise block syntax at the start of a line with numeric character references."""
    if not line or not (line[0] in "#+-=" or line[0].isdigit()):   # isdigit: every \d and more
        return line
    line = _LINE_START.sub(lambda m: f"&#{ord(m.group(1))};", line)
    return _ORDERED.sub(lambda m: f"{m.group(1)}&#{ord(m.group(2))};", line)


def markdown_cell(value) -> str:
    """Article data as the text of one Markdown table cell (one line, pipes escaped)."""
    return markdown_text(" ".join(("" if value is None else str(value)).split()))


def attribute(value) -> str:
    """Article data as an HTML attribute value (quotes escaped)."""
    return html.escape("" if value is None else " ".join(str(value).split()), quote=True)


def html_text(value) -> str:
    """Article data as HTML text content; Markdown is not run on raw HTML blocks."""
    text = "" if value is None else str(value)   # html.escape(text, quote=False), inlined: called ~10⁶ times
    if "&" in text or "<" in text or ">" in text:   # most text has none: three scans cost less than three replaces
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


def safe_url(value) -> str | None:
    """The URL when it is a plain http(s) address, else None (no javascript:, data: …)."""
    url = "" if value is None else str(value).strip()
    return url if _SAFE_URL.match(url) else None


_FULL_WIDTH = str.maketrans({"<": "＜", ">": "＞", "&": "＆", '"': "＂", "'": "＇", "`": "｀"})


def plain_title(value) -> str:
    """A page title for front matter, which the theme prints unescaped: markup characters become
    their full-width forms, so no article title can become HTML in the page header or <title>."""
    return " ".join(("" if value is None else str(value)).split()).translate(_FULL_WIDTH)
