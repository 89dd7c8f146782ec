"""Downloads and machine-readable files: figures.csv, figures.json, articles.json, the explorer's data, the feed."""
from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape as xml_escape


FIGURE_FIELDS = ("text", "quote", "value", "low", "high", "unit", "counter", "qualifier", "metric", "metric_en",
                 "kind", "year", "period", "zone", "industry", "confidence")
ARTICLE_FIELDS = ("id", "title", "published", "event_date", "source", "url", "editors", "authors",
                  "photographers", "script", "summary", "zones", "industries", "companies", "people",
                  "policies", "content_hash", "reviewed")
FIGURE_COLUMNS = ("article", "published", "source") + FIGURE_FIELDS


def figure_rows(records):
    """Every figure of every record as written in the record, with its article id, date and source (one at a time)."""
    for rec in records:
        meta = rec.meta
        article = (meta.get("id"), meta.get("published"), meta.get("source"))
        for fig in meta.get("figures") or []:
            if isinstance(fig, dict):
                yield dict(zip(FIGURE_COLUMNS, (*article, *map(fig.get, FIGURE_FIELDS))))


def figures_csv_chunks(rows, batch: int = 500):
    """figures.csv in pieces: one line per figure, columns as in SCHEMA.md after article, published and source."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIGURE_COLUMNS)
    for number, row in enumerate(rows, start=1):
        writer.writerow(["" if value is None else value for value in map(row.get, FIGURE_COLUMNS)])
        if number % batch == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def figures_csv(rows) -> str:
    """figures.csv as one string."""
    return "".join(figures_csv_chunks(rows))


def figures_json(rows) -> str:
    """figures.json: the same rows as a JSON array."""
    return json_lines(rows)


def article_items(records):
    """Every article's fields of SCHEMA.md for articles.json (body and figures left out: see figures.json)."""
    for rec in records:
        yield {k: rec.meta.get(k) for k in ARTICLE_FIELDS} | {"figures": len(rec.meta.get("figures") or [])}


def articles_json(records) -> str:
    """articles.json as one string."""
    return json_lines(article_items(records))


def json_lines_chunks(items):
    """A JSON array in pieces, one compact item per line: readable, diffable and about a third smaller than indented."""
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode   # one encoder for every item
    first = True
    for item in items:
        yield ("[\n" if first else ",\n") + encode(item)
        first = False
    yield "[]\n" if first else "\n]\n"


def json_lines(items) -> str:
    """The JSON array of json_lines_chunks as one string."""
    return "".join(json_lines_chunks(items))


def explorer_data(figures: list, zones: dict, industries: dict, kind_label) -> str:
    """The figures explorer's data (gather.Figure) as a script (it also works from file://, where fetch does not)."""
    columns = ["article", "title", "date", "figure", "sort", "metric", "kind", "year", "zone", "industry", "confidence", "n"]
    rows = [[f["article"], f.get("article_title") or "", f.get("date") or "", f.written,
             f.sort_value, _metric(f), kind_label(f.get("kind")), f.get("year") or f.get("period") or "",
             _name(zones, f.get("zone_id")), _name(industries, f.get("industry_id")),
             f.get("confidence"), f["n"]] for f in figures]
    shared = {name: shared_strings(rows, columns.index(name)) for name in SHARED_COLUMNS}
    data = json.dumps({"columns": columns, "shared": shared, "rows": rows}, ensure_ascii=False, separators=(",", ":"))
    return "window.BRIEFING_FIGURES = " + data.replace("</", "<\\/") + ";\n"


# Columns whose values repeat: each value is sent once and rows hold its index.
SHARED_COLUMNS = ("title", "date", "metric", "kind", "zone", "industry")


def shared_strings(rows: list[list], column: int) -> list:
    """Replace a repeated column's values in `rows` by their index in the returned list (first-seen order)."""
    index: dict = {}
    for row in rows:
        row[column] = index.setdefault(row[column], len(index))
    return list(index)


def _metric(fig: dict) -> str:
    """Metric in the article's words and in English, for the explorer."""
    metric, english = fig.get("metric") or "", fig.get("metric_en") or ""
    return f"{metric} · {english}" if metric and english else metric or english


def _name(pages: dict, term_id) -> str:
    """A term's display name, or '' when the figure names none."""
    page = pages.get(term_id) if term_id else None
    return page.name if page else (str(term_id) if term_id else "")


def atom_feed(title: str, articles: list, page_url, feed_id: str, limit: int = 50) -> str:
    """An Atom feed of the newest articles; `page_url(id)` gives each article's link."""
    latest = articles[:limit]
    updated = max((str(a.meta.get("published") or "") for a in latest), default="") or "1970-01-01T00:00:00+00:00"
    entries = "".join(_entry(a, page_url) for a in latest)
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
            f"<title>{xml_escape(title)}</title>\n<id>{xml_escape(feed_id)}</id>\n<updated>{xml_escape(updated)}</updated>\n"
            f'<link rel="self" href="feed.xml"/>\n{entries}</feed>\n')


def _entry(article, page_url) -> str:
    """One article as an Atom entry."""
    meta = article.meta
    published = str(meta.get("published") or "1970-01-01T00:00:00+00:00")
    return (f"<entry>\n<title>{xml_escape(str(meta.get('title') or ''))}</title>\n"
            f'<link href="{xml_escape(page_url(meta["id"]), {chr(34): "&quot;"})}"/>\n'
            f"<id>urn:briefing:article:{xml_escape(meta['id'])}</id>\n"
            f"<published>{xml_escape(published)}</published>\n<updated>{xml_escape(published)}</updated>\n"
            f"<summary>{xml_escape(str(meta.get('summary') or ''))}</summary>\n</entry>\n")
