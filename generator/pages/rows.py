"""The HTML rows the pages write for every figure (articles, zones, industries, review): plain functions
like links.py, several times faster than the same markup in Jinja on pages with thousands of figures.
Each method writes all the rows of one table or list, one line each (a template writes it just before the
closing tag). The rows hold no words of their own, only punctuation; every article string is escaped."""
from __future__ import annotations

from .escape import html_text
from .formats import window
from .keyfigures import KINDS
from .links import article_link_html, fig_link_html, term_link_html


def lines(items) -> str:
    """Each item followed by a line break."""
    return "".join(f"{item}\n" for item in items)


class FigureRows:
    """The figure rows of one script's pages: term links from its corpus, kind labels in its script."""

    def __init__(self, zones: dict, industries: dict, labels: dict[str, str], per_cell: int):
        self.zones, self.industries, self.per_cell = zones, industries, per_cell
        self.kinds = {kind: html_text(label) for kind, label in labels.items()}
        self.zone_links: dict[tuple, str] = {}   # (zone id, root) → link: a zone is linked thousands of times

    def kind(self, kind) -> str:
        """A figure kind's label in the page script (else the kind as recorded), escaped."""
        label = self.kinds.get(kind)
        return html_text(kind or "") if label is None else label

    def zone(self, fig, root: str) -> str:
        """The figure's zone linked to its page, or ''."""
        zone_id = fig["zone_id"]
        if not zone_id:
            return ""
        link = self.zone_links.get((zone_id, root))
        if link is None:
            link = self.zone_links[(zone_id, root)] = term_link_html(self.zones, zone_id, "zones", root)
        return link

    def article(self, figures: list, marked: set, root: str) -> str:
        """An article's figures table: number (linked to its mark in the text), value, metric, kind, year,
        zone, industry, confidence."""
        return lines(self._article_row(fig, marked, root) for fig in figures)

    def _article_row(self, fig, marked: set, root: str) -> str:
        """One row of an article's figures table."""
        n = fig["n"]
        number = f'<a href="#mark-{n}">{n}</a>' if n in marked else n
        industry = term_link_html(self.industries, fig["industry_id"], "industries", root) if fig["industry_id"] else ""
        return (f'<tr><td><span id="fig-{n}"></span>{number}</td><td>{fig.written_html}</td>'
                f'<td>{html_text(fig.label)}</td><td>{self.kind(fig["kind"])}</td><td>{html_text(fig.when)}</td>'
                f'<td>{self.zone(fig, root)}</td><td>{industry}</td><td>{html_text(fig["confidence"])}</td></tr>')

    def latest(self, rows: list, root: str) -> str:
        """A term page's key-figures summary: per metric its latest value, year, kind and article."""
        return lines(self._latest_row(row, root) for row in rows)

    def _latest_row(self, row, root: str) -> str:
        """One metric's summary row."""
        fig = row.latest
        return (f'<tr><td><a href="#{row.anchor}">{html_text(row.label)}</a></td><td>{fig_link_html(fig, root)}</td>'
                f'<td>{html_text(fig.when)}</td><td>{self.kind(fig["kind"])}</td>'
                f'<td>{article_link_html(fig["article"], fig["article_title"], root)}</td></tr>')

    def years(self, row, with_zone: bool, unstated: str, root: str) -> str:
        """A metric's year-by-year table: the year (else `unstated`), then a cell per kind."""
        return lines(f"<tr><td>{html_text(year.when or unstated)}</td>"
                     + "".join(self._cell(year.by_kind.get(kind, []), with_zone, root) for kind in KINDS) + "</tr>"
                     for year in row.years)

    def _cell(self, figures: list, with_zone: bool, root: str) -> str:
        """One year-and-kind cell: up to `per_cell` figure links (with their zone when asked), then `(+n)`."""
        if not figures:
            return "<td></td>"
        links = "<br>".join(self._with_zone(fig, with_zone, root) for fig in figures[-self.per_cell:])
        more = f"<br>(+{len(figures) - self.per_cell})" if len(figures) > self.per_cell else ""
        return f"<td>{links}{more}</td>"

    def _with_zone(self, fig, with_zone: bool, root: str) -> str:
        """A figure link, followed by its zone's link when asked and known."""
        link = fig_link_html(fig, root)
        return f"{link} ({self.zone(fig, root)})" if with_zone and fig["zone_id"] else link

    def quotes(self, figures: list, unstated: str, root: str, undated: str = "") -> str:
        """A metric's sentences: year (else `unstated`), kind, value, the sentence, its source and date
        (else `undated`)."""
        return lines(self._quote(fig, unstated, root, undated) for fig in figures)

    def _quote(self, fig, unstated: str, root: str, undated: str) -> str:
        """One item of a metric's sentences."""
        source = html_text(fig["source"]) + ("，" if fig["source"] else "")
        return (f'<li>{html_text(fig.when or unstated)} {self.kind(fig["kind"])} {fig_link_html(fig, root)}'
                f'：「{html_text(window(fig["quote"], fig["text"]))}」 — {source}{html_text(fig["date"] or undated)}</li>')

    def loose(self, figures: list, root: str) -> str:
        """A term page's other figures (no metric): value, kind, year, sentence."""
        return lines(f'<tr><td>{fig_link_html(fig, root)}</td><td>{self.kind(fig["kind"])}</td>'
                     f'<td>{html_text(fig.when)}</td><td>{html_text(window(fig["quote"], fig["text"], 120))}</td></tr>'
                     for fig in figures)

    def conflict(self, figures: list, root: str, undated: str = "") -> str:
        """A review conflict's figures: value, source (linked to the article), date (else `undated`), sentence."""
        return lines(f'<tr><td>{fig_link_html(fig, root)}</td>'
                     f'<td>{article_link_html(fig["article"], fig["source"] or fig["article_title"], root)}</td>'
                     f'<td>{html_text(fig["date"] or undated)}</td>'
                     f'<td>{html_text(window(fig["quote"], fig["text"], 160))}</td></tr>' for fig in figures)

    def low(self, figures: list, root: str) -> str:
        """The review's low-confidence figures: value, metric, confidence, article."""
        return lines(f'<tr><td>{fig_link_html(fig, root)}</td><td>{html_text(fig.label)}</td>'
                     f'<td>{html_text(fig["confidence"])}</td>'
                     f'<td>{article_link_html(fig["article"], fig["article_title"], root)}</td></tr>'
                     for fig in figures)
