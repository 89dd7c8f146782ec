"""Structured inputs (JSON objects, front-matter, feed entries) → RawArticle fields and text."""
from __future__ import annotations

import datetime as dt
import re

from .html import main_text
from .pagetext import page_lines, parse_html
from .rules import reading

LIST_FIELDS = ("authors", "editors", "photographers")
SURROGATE = re.compile(r"[\ud800-\udfff]")


def pick_fields(data: dict) -> dict:
    """The record fields a mapping states, under any of the keys reading.yml lists for each."""
    out = {}
    for name, keys in reading("field_keys").items():
        value = next((data[k] for k in keys if k in data and data[k] not in (None, "", [])), None)
        if value is None:
            continue
        if name in LIST_FIELDS:
            value = as_names(value)
        elif name == "published":
            value = as_stamp(value)
        elif name in ("title", "source", "url"):
            value = without_surrogates(str(value)).strip()
        out[name] = value
    return out


def as_names(value) -> list[str]:
    """A list of names from a string ('叶青、黄蓉芳'), a list, or a list of {'name': …} objects."""
    items = value if isinstance(value, list) else re.split(r"[、,，;；/]|\s{2,}| and ", str(value))
    names = [without_surrogates(str(v.get("name", "")) if isinstance(v, dict) else str(v)) for v in items]
    return [n.strip() for n in names if n and n.strip()]


def as_stamp(value) -> str:
    """A date or date-time value as text (YAML and JSON give strings, dates or epoch numbers)."""
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 10**9:
        seconds = value / 1000 if value > 10**11 else value
        try:
            return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).isoformat()
        except (OverflowError, ValueError, OSError):
            return str(value)
    return str(value).strip()


def text_of(fields: dict) -> str:
    """The article text of picked fields: `text` as given, or the main text of `html`."""
    text = fields.pop("text", None)
    html = fields.pop("html", None)
    if isinstance(text, str) and looks_like_html(text):
        html, text = text, None
    if text:
        return without_surrogates(str(text))
    return html_to_text(without_surrogates(str(html))) if html else ""


def without_surrogates(text: str) -> str:
    """Text without lone UTF-16 surrogates (JSON escapes like \\ud800 make them; no codec writes them)."""
    return SURROGATE.sub("", text)


def looks_like_html(text: str) -> bool:
    """True when a text value is HTML markup (a <p>, <div> or <br> in it)."""
    return bool(re.search(r"<(?:p|div|br|span|section|article|h[1-6])\b[^>]*>", text, re.I))


def html_to_text(html: str) -> str:
    """Text of an HTML fragment or page: trafilatura's main text, else every visible line."""
    body = main_text(html) if len(html) > 500 else ""
    if body:
        return body
    tree = parse_html(f"<html><body>{html}</body></html>" if "<body" not in html.lower() else html)
    return "\n\n".join(page_lines(tree)) if tree is not None else ""
