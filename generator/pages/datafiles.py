"""Downloads and machine-readable files: figures.csv, figures.json, articles.json, the explorer's data, the feed."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from itertools import tee
from xml.sax.saxutils import escape as xml_escape

from .. import record
from ..adapters import compact_json_encoder
from ..record import FIGURE_FIELDS, stated
from .gzipped import Deflated, deflated, joined

# articles.json: the article fields of SCHEMA.md (record.py), the figures counted instead (figures.json has them)
# and `title_derived` left out.
ARTICLE_FIELDS = tuple(f for f in record.ARTICLE_FIELDS if f not in ("figures", "title_derived"))
# One line per figure: its article (id, title, source, URL, dates, whether it is in the briefing), the figure's
# fields of SCHEMA.md, and the names of what its ids stand for (indicator, zone, industry) in Chinese and English.
FIGURE_COLUMNS = ("article", "article_title", "source", "url", "published", "event_date", "on_topic",
                  *FIGURE_FIELDS[:11], "indicator_en", *FIGURE_FIELDS[11:16], "zone_name", "zone_name_en",
                  "industry", "industry_name", "industry_name_en", "confidence")
ARTICLE_STATED = ("source", "url", "published", "event_date")   # a figure's article fields, as stated
_INDICATOR, _INDUSTRY, _CONFIDENCE = (FIGURE_FIELDS.index(name) for name in ("indicator", "industry", "confidence"))
BOM = "\ufeff"   # so that Excel opens the CSV as UTF-8
# One compact JSON encoder for every item (json.JSONEncoder.encode makes a new one per call): `(item, 0)` → pieces.
_ENCODE = compact_json_encoder()


class Names:
    """The names the downloads give ids: indicators (English), zones and industries (Chinese and English)."""

    def __init__(self, taxonomy=None):
        indicators = getattr(taxonomy, "indicators", None) or []
        self.indicators = {str(i.get("id")): str(i.get("name_en") or "") for i in indicators if isinstance(i, dict)}
        self.terms = {t.id: (t.name, t.name_en or "") for t in (*getattr(taxonomy, "zones", ()),
                                                                *getattr(taxonomy, "industries", ()))}

    def term(self, term_id, refs: dict) -> tuple[str, str]:
        """(Chinese, English) name of a zone or industry id: the taxonomy's, else the record's, else empty."""
        if not term_id:
            return "", ""
        return self.terms.get(term_id) or refs.get(term_id) or (str(term_id), "")


def figure_values(records, names: Names | None = None):
    """Every figure of every record as written in the record (None for a field it leaves out), with its article
    and the names of its ids, as a tuple in FIGURE_COLUMNS order (one at a time)."""
    names = names or Names()
    for rec in records:
        meta = rec.record
        refs = {t.id: (t.name, t.name_en or "") for t in (*meta.zones, *meta.industries)}
        article = (meta.id, meta.title, *stated(meta, ARTICLE_STATED), meta.on_topic is not False)
        for fig in meta.figures:
            values = stated(fig, FIGURE_FIELDS)
            yield (*article, *values[:11], names.indicators.get(str(values[_INDICATOR]), ""), *values[11:16],
                   *names.term(fig.zone, refs), values[_INDUSTRY], *names.term(fig.industry, refs),
                   values[_CONFIDENCE])


def figure_rows(records, names: Names | None = None):
    """The figures of figure_values as mappings by column name."""
    return (dict(zip(FIGURE_COLUMNS, values)) for values in figure_values(records, names))


def record_lines(rec, names: Names) -> tuple[str, tuple[str, ...], str]:
    """One record's lines of the downloads: its figures' rows of figures.csv (as one text), its figures' rows of
    figures.json (one compact array each) and its line of articles.json; the same whichever record is beside it."""
    values = list(figure_values([rec], names))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(values)   # csv writes None as an empty field
    article = "".join(_ENCODE(next(article_items([rec])), 0))
    return out.getvalue(), tuple("".join(_ENCODE(v, 0)) for v in values), article


def article_items(records):
    """Every article's fields of SCHEMA.md for articles.json (body and figures left out: see figures.json)."""
    wanted = set(ARTICLE_FIELDS)
    for rec in records:
        fields = rec.record.model_dump(include=wanted, exclude_unset=True)   # as the file states them
        yield {k: fields.get(k) for k in ARTICLE_FIELDS} | {"figures": len(rec.record.figures)}



RUN_SIZE = 64   # records in a run of the downloads, on average (cut where their ids say: pages/pager.py)


@dataclass(frozen=True)
class DownloadRun:
    """A run of records' parts of the downloads, kept between builds (gathered.PieceMemo): their lines of
    figures.csv, and their rows of figures.json and items of articles.json each compressed on its own (None when
    the run has none)."""

    csv: bytes
    figures: Deflated | None
    articles: Deflated | None


def download_run(lines) -> DownloadRun:
    """The run of the records' lines given (record_lines, in order)."""
    lines = list(lines)
    rows = ",\n".join(item for line in lines for item in line[1])
    articles = ",\n".join(line[2] for line in lines)
    return DownloadRun("".join(line[0] for line in lines).encode("utf-8"),
                       deflated(rows.encode("utf-8")) if rows else None,
                       deflated(articles.encode("utf-8")) if articles else None)


def download_files(runs) -> dict:
    """Each download as an iterator of its bytes, from the records' runs (DownloadRun, in order) read once:
    figures.csv for people, as it is; figures.json and articles.json for programs, gzip-compressed (a twelfth of
    their size), their runs' pieces joined (pages/gzipped.py)."""
    for_csv, for_figures, for_articles = tee(runs, 3)
    head = '{"columns":' + "".join(_ENCODE(list(FIGURE_COLUMNS), 0)) + ',"rows":'
    return {"data/figures.csv": figures_csv(for_csv),
            "data/figures.json.gz": joined(json_array((run.figures for run in for_figures), head, "}\n")),
            "data/articles.json.gz": joined(json_array(run.articles for run in for_articles))}


def figures_csv(runs):
    """figures.csv: a UTF-8 byte-order mark (Excel reads the file as UTF-8), the header, then one line per figure."""
    out = io.StringIO()
    out.write(BOM)
    csv.writer(out, lineterminator="\n").writerow(FIGURE_COLUMNS)
    yield out.getvalue().encode("utf-8")
    for run in runs:
        yield run.csv


def json_array(pieces, before: str = "", after: str = ""):
    """The deflated pieces of a JSON array (`before` and `after` it) from its runs' items (each a Deflated of
    items joined by `,\n`, or None), one item a line: readable, diffable and a third smaller than indented."""
    started = False
    if before:
        yield deflated(before.encode("utf-8"))
    for piece in pieces:
        if piece is not None:
            yield deflated(b",\n" if started else b"[\n")
            yield piece
            started = True
    yield deflated(("\n]\n" if started else "[]\n").encode("utf-8") + after.encode("utf-8"))


EXPLORER_COLUMNS = ("article", "title", "date", "figure", "sort", "metric", "indicator", "kind", "year", "zone",
                    "industry", "confidence", "n")


def explorer_data(parts) -> str:
    """The figures explorer's data as a script (it also works from file://, where fetch does not): the column names
    and the parts of the articles' runs (explorer_part, in order)."""
    return ('window.BRIEFING_FIGURES = {"columns":' + json.dumps(list(EXPLORER_COLUMNS)) + ',"parts":['
            + ",".join(parts) + "]};\n")


def explorer_part(figures: list, zones: dict, industries: dict, kind_label, indicator_label) -> str:
    """A run of figures (gather.PageFigure) of the explorer's data, as a JSON object of its rows and the values
    they share; `indicator_label(id)` names an indicator in the page script and English."""
    columns = {"article": [f.article for f in figures],
               "title": [f.article_title or "" for f in figures],
               "date": [f.date or "" for f in figures],
               "figure": [f.written for f in figures],
               "sort": [f.sort_value for f in figures],
               "metric": [_metric(f) for f in figures],
               "indicator": [indicator_label(f.indicator) if f.indicator else "" for f in figures],
               "kind": [kind_label(f.kind) for f in figures],
               "year": [f.when for f in figures],
               "zone": [_name(zones, f.zone_id) for f in figures],
               "industry": [_name(industries, f.industry_id) for f in figures],
               "confidence": [f.confidence for f in figures],
               "n": [f.n for f in figures]}
    shared = {name: shared_strings(columns, name) for name in SHARED_COLUMNS}
    rows = list(zip(*columns.values()))   # tuples: JSON arrays, like lists
    data = json.dumps({"shared": shared, "rows": rows}, ensure_ascii=False, separators=(",", ":"))
    return data.replace("</", "<\\/")


# Columns whose values repeat: each value is sent once and rows hold its index.
SHARED_COLUMNS = ("article", "title", "date", "metric", "indicator", "kind", "zone", "industry")


def shared_strings(columns: dict[str, list], name: str) -> list:
    """Replace a repeated column's values by their index in the returned list (first-seen order)."""
    index = dict.fromkeys(columns[name])
    for number, value in enumerate(index):
        index[value] = number
    columns[name] = list(map(index.__getitem__, columns[name]))
    return list(index)


def _metric(fig) -> str:
    """Metric in the article's words and in English, for the explorer."""
    metric, english = fig.metric or "", fig.metric_en or ""
    return f"{metric} · {english}" if metric and english else metric or english


def _name(pages: dict, term_id) -> str:
    """A term's display name, or '' when the figure names none."""
    page = pages.get(term_id) if term_id else None
    return page.name if page else (str(term_id) if term_id else "")


def atom_feed(title: str, articles: list, page_url, feed_id: str, limit: int = 50) -> str:
    """An Atom feed of the newest articles; `page_url(id)` gives each article's link."""
    latest = articles[:limit]
    updated = max((str(a.meta.published or "") for a in latest), default="") or "1970-01-01T00:00:00+00:00"
    entries = "".join(_entry(a, page_url) for a in latest)
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
            f"<title>{xml_escape(title)}</title>\n<id>{xml_escape(feed_id)}</id>\n<updated>{xml_escape(updated)}</updated>\n"
            f'<link rel="self" href="feed.xml"/>\n{entries}</feed>\n')


def _entry(article, page_url) -> str:
    """One article as an Atom entry."""
    meta = article.meta
    published = str(meta.published or "1970-01-01T00:00:00+00:00")
    return (f"<entry>\n<title>{xml_escape(str(meta.title or ''))}</title>\n"
            f'<link href="{xml_escape(page_url(meta.id), {chr(34): "&quot;"})}"/>\n'
            f"<id>urn:briefing:article:{xml_escape(meta.id)}</id>\n"
            f"<published>{xml_escape(published)}</published>\n<updated>{xml_escape(published)}</updated>\n"
            f"<summary>{xml_escape(str(meta.summary or ''))}</summary>\n</entry>\n")
