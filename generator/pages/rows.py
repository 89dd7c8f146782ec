"""The HTML rows the pages write for every figure (articles, zones, industries, review): plain functions
like links.py, several times faster than the same markup in Jinja on pages with thousands of figures.
Each method writes all the rows of one table or list, one line each (a template writes it just before the
closing tag). The rows hold no words of their own, only punctuation; every article string is escaped."""
from __future__ import annotations

from .briefing import project_stage
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
        zone_id = fig.zone_id
        if not zone_id:
            return ""
        link = self.zone_links.get((zone_id, root))
        if link is None:
            link = self.zone_links[(zone_id, root)] = term_link_html(self.zones, zone_id, "zones", root)
        return link

    def article(self, figures: list, marked: set, root: str) -> str:
        """An article's figures table: number (linked to its mark in the text), value, metric, kind, year,
        zone, industry, confidence. A zone or industry is linked to its page in the first row that names
        it; the rows after name it (most of an article's figures are about one zone and one industry)."""
        linked: set = set()
        return lines(self._article_row(fig, marked, root, linked) for fig in figures)

    def _article_row(self, fig, marked: set, root: str, linked: set) -> str:
        """One row of an article's figures table (`linked`: the zones and industries linked in the rows before)."""
        n = fig.n
        number = f'<a href="#mark-{n}">{n}</a>' if n in marked else n
        zone = self._first_link("zones", fig.zone_id, root, linked)
        industry = self._first_link("industries", fig.industry_id, root, linked)
        return (f'<tr id="fig-{n}"><td>{number}</td><td>{fig.written_html}</td>'
                f'<td>{html_text(fig.label)}</td><td>{self.kind(fig.kind)}</td><td>{html_text(fig.when)}</td>'
                f'<td>{zone}</td><td>{industry}</td><td>{html_text(fig.confidence)}</td></tr>')

    def _first_link(self, folder: str, term_id, root: str, linked: set) -> str:
        """A zone's or industry's name, linked to its page the first time in a table (else as text), or ''."""
        if not term_id:
            return ""
        pages = self.zones if folder == "zones" else self.industries
        if (folder, term_id) in linked or term_id not in pages:
            return html_text(pages[term_id].name) if term_id in pages else html_text(term_id)
        linked.add((folder, term_id))
        return term_link_html(pages, term_id, folder, root)

    def latest(self, rows: list, root: str) -> str:
        """A term page's key-figures summary: per metric its latest value, year, kind and article."""
        return lines(self._latest_row(row, root) for row in rows)

    def _latest_row(self, row, root: str) -> str:
        """One metric's summary row."""
        fig = row.latest
        return (f'<tr><td><a href="#{row.anchor}">{html_text(row.label)}</a></td><td>{fig_link_html(fig, root)}</td>'
                f'<td>{html_text(fig.when)}</td><td>{self.kind(fig.kind)}</td>'
                f'<td>{article_link_html(fig.article, fig.article_title, root)}</td></tr>')

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
        return f"{link} ({self.zone(fig, root)})" if with_zone and fig.zone_id else link

    def quotes(self, figures: list, unstated: str, root: str, undated: str = "") -> str:
        """A metric's sentences: year (else `unstated`), kind, value, the sentence, its source and date
        (else `undated`)."""
        return lines(self._quote(fig, unstated, root, undated) for fig in figures)

    def _quote(self, fig, unstated: str, root: str, undated: str) -> str:
        """One item of a metric's sentences."""
        source = html_text(fig.source) + ("，" if fig.source else "")
        return (f'<li>{html_text(fig.when or unstated)} {self.kind(fig.kind)} {fig_link_html(fig, root)}'
                f'：「{html_text(window(fig.quote, fig.text))}」 — '
                f'{source}{html_text(fig.date or undated)}</li>')

    def loose(self, figures: list, root: str) -> str:
        """A term page's other figures (no metric): value, kind, year, sentence."""
        return lines(f'<tr><td>{fig_link_html(fig, root)}</td><td>{self.kind(fig.kind)}</td>'
                     f'<td>{html_text(fig.when)}</td><td>{html_text(window(fig.quote, fig.text, 120))}</td></tr>'
                     for fig in figures)

    def conflict(self, figures: list, root: str, undated: str = "") -> str:
        """A review conflict's figures: value (linked to its sentence in the article), source, date (else
        `undated`). The sentences are one click away: repeated here they were a third of the review pages."""
        return lines(f'<tr><td>{fig_link_html(fig, root)}</td>'
                     f'<td>{html_text(fig.source or fig.article_title)}</td>'
                     f'<td>{html_text(fig.date or undated)}</td></tr>' for fig in figures)

    def low(self, figures: list, root: str) -> str:
        """The review's low-confidence figures: value, metric, confidence, article."""
        return lines(f'<tr><td>{fig_link_html(fig, root)}</td><td>{html_text(fig.label)}</td>'
                     f'<td>{html_text(fig.confidence)}</td>'
                     f'<td>{article_link_html(fig.article, fig.article_title, root)}</td></tr>'
                     for fig in figures)

    def score(self, rows: list, heads: tuple[str, str, str], labels, charted: set, root: str) -> str:
        """A scorecard: per indicator its latest actual (period, growth) and latest target, each value linked
        to its sentence; `heads` are the column names (cards on a narrow screen show them), `charted` the
        anchors of the series that have a chart."""
        return lines(self._score_row(row, heads, labels, charted, root) for row in rows)

    def _score_row(self, row, heads, labels, charted: set, root: str) -> str:
        """One scorecard row."""
        name = html_text(row.label)
        name = f'<a href="#chart-{row.anchor}">{name}</a>' if row.anchor in charted else name
        actual = self._point(row.actual, row.actual_growth, labels, root)
        target = self._point(row.target, row.target_growth, labels, root)
        return (f'<tr><td data-label="{html_text(heads[0])}">{name}</td>'
                f'<td data-label="{html_text(heads[1])}">{actual}</td>'
                f'<td data-label="{html_text(heads[2])}">{target}</td></tr>')

    def _point(self, point, growth, labels, root: str) -> str:
        """A value of a scorecard: the figure (linked), its period, its growth, how many articles state it."""
        shown = point or growth
        if shown is None:
            return ""
        parts = [fig_link_html(shown.figure, root)]
        if point is not None and growth is not None:
            parts.append(fig_link_html(growth.figure, root))
        when = html_text(labels.period(shown))
        sources = len(shown.articles)
        flag = ' <span class="bf-flag" title="conflict">⚠</span>' if shown.conflict else ""
        more = f" · ×{sources}" if sources > 1 else ""
        return f'{" ".join(parts)}{flag}<br><span class="bf-when">{when}{more}</span>'

    def projects(self, figures: list, heads: tuple, firms: dict, root: str) -> str:
        """A term page's project figures: value, what, kind and period, stage, the firms its sentence names, article;
        `firms[article id]` are the companies of the article."""
        return lines(self._project_row(fig, heads, firms.get(fig.article, ()), root) for fig in figures)

    def _project_row(self, fig, heads: tuple, firms, root: str) -> str:
        """One project figure."""
        named = "、".join(html_text(f) for f in firms if f and f in (fig.quote or ""))
        when = html_text(fig.when)
        stage = project_stage(fig)
        return (f'<tr><td data-label="{html_text(heads[0])}">{fig_link_html(fig, root)}</td>'
                f'<td data-label="{html_text(heads[1])}">{html_text(fig.label)}</td>'
                f'<td data-label="{html_text(heads[2])}">{self.kind(fig.kind)}{" · " + when if when else ""}</td>'
                f'<td data-label="{html_text(heads[3])}">{html_text(" ".join(stage)) if stage else ""}</td>'
                f'<td data-label="{html_text(heads[4])}">{named}</td>'
                f'<td data-label="{html_text(heads[5])}">'
                f'{article_link_html(fig.article, fig.article_title, root)} {html_text(fig.date)}</td></tr>')

    def by_article(self, groups: list, heads: tuple, root: str) -> str:
        """Figures grouped by article: a heading row per article (date, title linked), then value, what,
        kind and period, and the sentence of each figure."""
        out = []
        for first, figures in groups:
            out.append(f'<tr class="bf-group"><th colspan="4">{html_text(first.date)} '
                       f'{article_link_html(first.article, first.article_title, root)}</th></tr>')
            out += [f'<tr><td data-label="{html_text(heads[0])}">{fig_link_html(f, root)}</td>'
                    f'<td data-label="{html_text(heads[1])}">{html_text(f.label)}</td>'
                    f'<td data-label="{html_text(heads[2])}">{self.kind(f.kind)}'
                    f'{" · " + html_text(f.when) if f.when else ""}</td>'
                    f'<td data-label="{html_text(heads[3])}">{html_text(window(f.quote, f.text, 120))}</td></tr>'
                    for f in figures]
        return lines(out)
