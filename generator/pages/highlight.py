"""An article's clean text as HTML with each key figure marked where it stands."""
from __future__ import annotations

import re

from .escape import html_text

_BLOCKS = re.compile(r"(\n\s*\n)")   # paragraphs, headings and list items, with the blank lines between them
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_ITEM = re.compile(r"^[-*+]\s+(.*)$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
# A whole paragraph in emphasis: **subheading** or *caption* (the clean text's own Markdown).
_WRAPPED = re.compile(r"^(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1$", re.DOTALL)
_WRAPPER_TAG = {"**": ("strong", ""), "__": ("strong", ""), "*": ("em", ' class="bf-caption"'),
                "_": ("em", ' class="bf-caption"')}


def figure_spans(body: str, figures: list) -> list[tuple[int, int, int]]:
    """(start, end, figure number) of each figure's text in the body, in order, never overlapping."""
    spans, cursor = [], 0
    for fig in figures:
        text = str(fig.text or "")
        if not text:
            continue
        start = _find_free(body, text, cursor, spans)
        if start < 0:
            start = _find_free(body, text, 0, spans)
        if start >= 0:
            spans.append((start, start + len(text), fig.n))
            cursor = start + len(text)
    return sorted(spans)


def _find_free(body: str, text: str, start: int, spans: list) -> int:
    """The first occurrence of `text` at or after `start` that overlaps no span already taken."""
    at = body.find(text, start)
    while at >= 0:
        if all(at >= e or at + len(text) <= s for s, e, _ in spans):
            return at
        at = body.find(text, at + 1)
    return -1


def body_html(body: str, figures: list) -> tuple[str, set[int]]:
    """The body as one raw-HTML block with figures marked, and the numbers of the figures marked."""
    spans = figure_spans(body, figures)
    out, marked, offset, items = [], set(), 0, []
    for block in _BLOCKS.split(body):
        if block.strip():
            end = offset + len(block)
            inner = [s for s in spans if s[0] >= offset and s[1] <= end] if spans else spans
            marked.update(n for _, _, n in inner)
            html, is_item = _block(block, offset, inner)
            if is_item:
                items.append(html)
            else:
                out += _flush(items) + [html]
        offset += len(block)
    out += _flush(items)
    return '<div class="bf-body">\n' + "\n".join(out) + "\n</div>", marked


def _flush(items: list[str]) -> list[str]:
    """A pending run of list items as one list (the run is emptied)."""
    if not items:
        return []
    html = "<ul>" + "".join(items) + "</ul>"
    items.clear()
    return [html]


def _block(block: str, offset: int, spans: list) -> tuple[str, bool]:
    """One paragraph, heading or list item of the body as HTML; True for a list item."""
    lead = len(block) - len(block.lstrip())
    text = block.strip()
    start = offset + lead
    heading, item = _HEADING.match(text), _ITEM.match(text)
    if heading:
        skip = len(text) - len(heading.group(2))
        level = min(6, len(heading.group(1)) + 2)
        return f"<h{level}>{_marked(text[skip:], start + skip, spans)}</h{level}>", False
    if item:
        skip = len(text) - len(item.group(1))
        return f"<li>{_marked(text[skip:], start + skip, spans)}</li>", True
    wrapped = _WRAPPED.match(text)
    if wrapped and wrapped.group(1) not in wrapped.group(2):
        mark = wrapped.group(1)
        tag, attr = _WRAPPER_TAG[mark]
        inner = _marked(wrapped.group(2), start + len(mark), spans)
        return f"<p{attr}><{tag}>{inner}</{tag}></p>", False
    return f"<p>{_marked(text, start, spans)}</p>", False


def _marked(text: str, start: int, spans: list) -> str:
    """Escaped text with <mark> around each figure span that falls inside it."""
    if not spans:
        return _plain(text).replace("\n", "<br>")
    out, pos = [], 0
    for s, e, n in spans:
        s, e = s - start, e - start
        if s < pos or e > len(text):
            continue
        out.append(_plain(text[pos:s]))
        out.append(f'<mark id="mark-{n}"><a href="#fig-{n}">{html_text(text[s:e])}</a></mark>')
        pos = e
    out.append(_plain(text[pos:]))
    return "".join(out).replace("\n", "<br>")


def _plain(text: str) -> str:
    """Body text as HTML: image syntax reduced to its caption, everything escaped."""
    return html_text(_IMAGE.sub(_caption, text) if "![" in text else text)


def _caption(image: re.Match) -> str:
    """An image's caption (its alt text)."""
    return image.group(1)
