"""The render phase: Jinja templates in templates/pages/ → Markdown pages, one folder per script,
in the docs folder MkDocs builds (build/docs/<script>/)."""
from __future__ import annotations

import json
import logging
import posixpath
import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .gather import Corpus, gather, mention_key, read_records
from .pages import datafiles, formats, links
from .pages.chart import bar_chart
from .pages.escape import attribute, html_text, markdown_cell, markdown_text, plain_title, safe_url
from .pages.highlight import body_html
from .pages.keyfigures import headline_figures, metric_rows
from .pages.localise import Converter
from .pages.settings import Settings
from .paths import ProjectPaths
from .taxonomy import load_taxonomy

LOG = logging.getLogger("mkdocs.plugins.briefing")
AUTHORED_SCRIPT = "zh-Hant"   # the script the templates' own words are written in
NAV = (("首頁", "index.md"), ("區域", "zones.md"), ("產業", "industries.md"), ("文章", "archive.md"),
       ("數據", "figures.md"), ("政策", "policies.md"), ("企業", "companies.md"), ("審核", "review.md"))


class ScriptLoader(FileSystemLoader):
    """Loads templates with their own words converted into the page script (Jinja syntax is ASCII)."""

    def __init__(self, folder: Path, convert: Converter):
        super().__init__(str(folder))
        self.convert = convert

    def get_source(self, environment, template):
        """The template source in the page script."""
        source, filename, uptodate = super().get_source(environment, template)
        if self.convert.script != AUTHORED_SCRIPT:
            source = self.convert(source)
        return source, filename, uptodate


def make_environment(templates: Path, convert: Converter | None = None) -> Environment:
    """The Jinja environment of the page templates (templates/pages/), in one script."""
    convert = convert or Converter(AUTHORED_SCRIPT)
    env = Environment(loader=ScriptLoader(templates / "pages", convert), undefined=StrictUndefined,
                      keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True, autoescape=False,
                      comment_start_string="{##", comment_end_string="##}")  # `{#id}` is Markdown (attr_list)
    labels = {k: convert(v) for k, v in formats.KIND_LABEL.items()}
    env.filters.update(md_text=markdown_text, md_cell=markdown_cell, attr=attribute, html=html_text,
                       safe_url=safe_url, written=formats.as_written_and_normalised,
                       metric_label=formats.metric_label, when=formats.when, window=formats.window,
                       kind_label=lambda kind: labels.get(kind, kind or ""), rel=relative_link,
                       mkey=mention_key, yaml_str=yaml_string,
                       plain_title=plain_title)
    env.globals.update(kind_labels=labels, kind_en=formats.KIND_EN, fig_link=links.fig_link, art_link=links.art_link,
                       term_link=links.term_link, term_link_html=links.term_link_html,
                       fig_link_html=links.fig_link_html, article_link_html=links.article_link_html)
    return env


def yaml_string(value) -> str:
    """A value as a double-quoted YAML scalar for front matter (JSON strings are YAML)."""
    return json.dumps("" if value is None else str(value), ensure_ascii=False)


def relative_link(target: str, current: str) -> str:
    """The link from the page file `current` to the file `target` (both relative to the docs root)."""
    return posixpath.relpath(target, posixpath.dirname(current) or ".")


@dataclass
class Pager:
    """One page of a paginated listing: its items and links to the other pages."""

    items: list
    number: int
    count: int
    first: str

    def file(self, number: int) -> str:
        """The Markdown file of page `number` (page 1 is `first`)."""
        return self.first if number == 1 else f"{self.first[:-3]}/{number}.md"

    def link(self, number: int) -> str:
        """The link from this page to page `number`."""
        return relative_link(self.file(number), self.file(self.number))


def paginate(items: list, per_page: int, first: str) -> list[Pager]:
    """`items` cut into pages of `per_page`; always at least one page."""
    chunks = [items[i:i + per_page] for i in range(0, len(items), per_page)] or [[]]
    return [Pager(chunk, n, len(chunks), first) for n, chunk in enumerate(chunks, start=1)]


@dataclass
class RenderResult:
    """What the build needs from the render phase: each script's navigation and the content's date."""

    navs: dict[str, list]
    source_date_epoch: int
    pages: int


def render_pages(paths: ProjectPaths, settings: Settings | None = None,
                 scripts: tuple[str, ...] | None = None) -> RenderResult:
    """Gather the records once and write every page of each script (default: all) into build/docs/<script>/."""
    settings = settings or Settings.load(paths.mkdocs_yml)
    records, skipped = read_records(paths.articles, paths.build / "cache" / "records")
    taxonomy = load_taxonomy(paths.taxonomy)
    for error in skipped:   # a bad record never stops the build: it is left out and named
        LOG.info("briefing: record left out of the site: %s", error)
    downloads, docs = data_files(records), documentation(paths.root / "docs")
    navs, count = {}, 0
    for script in scripts or settings.scripts:
        convert = Converter(script, paths.root)
        corpus = gather(records, taxonomy, convert, settings.review_confidence_below)
        corpus.skipped = skipped
        pages = ScriptPages(paths, settings, convert, corpus).render() | docs
        if script == settings.default_script:   # the downloads are as recorded: one copy, at the site's root
            pages |= downloads
        write_pages(paths.docs / script, pages)
        navs[script] = navigation(convert, docs)
        count += len(pages)
    _remove_strays(paths.docs, settings.scripts)
    return RenderResult(navs, content_epoch(records), count)


def content_epoch(records) -> int:
    """SOURCE_DATE_EPOCH derived from the content: the latest publication time (0 for no article)."""
    latest = 0
    for rec in records:
        try:
            stamp = datetime.fromisoformat(str(rec.meta.get("published") or ""))
        except ValueError:
            continue
        stamp = stamp if stamp.tzinfo else stamp.replace(tzinfo=timezone.utc)
        latest = max(latest, int(stamp.timestamp()))
    return latest


def _remove_strays(docs: Path, scripts: tuple[str, ...]) -> None:
    """Remove generated files of older layouts from the docs folder (only script folders belong there)."""
    for entry in docs.iterdir() if docs.is_dir() else []:
        if entry.name in scripts or entry.name.startswith("."):
            continue
        shutil.rmtree(entry) if entry.is_dir() else entry.unlink()


def data_files(records) -> dict[str, str | bytes]:
    """The downloads, as recorded (not converted): figures.csv, figures.json, articles.json."""
    rows = datafiles.figure_rows(records)
    return {"data/figures.csv": datafiles.figures_csv(rows), "data/figures.json": datafiles.figures_json(rows),
            "data/articles.json": datafiles.articles_json(records)}


def documentation(folder: Path) -> dict[str, bytes]:
    """The hand-written documentation (docs/), copied as written under documentation/."""
    if not folder.is_dir():
        return {}
    return {f"documentation/{p.relative_to(folder).as_posix()}": p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.startswith(".")}


def navigation(convert: Converter, docs: dict[str, bytes]) -> list:
    """The site navigation: the listing pages, then the documentation pages by their first heading."""
    nav = [{convert(title): path} for title, path in NAV]
    pages = [{_doc_title(path, text): path} for path, text in docs.items() if path.endswith(".md")]
    if pages:
        nav.append({convert("文檔"): pages})
    return nav


def _doc_title(path: str, text: bytes) -> str:
    """A documentation page's title: its first `# ` heading, else its file name."""
    for line in text.decode("utf-8", "replace").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return Path(path).stem.replace("-", " ").capitalize()


class ScriptPages:
    """Renders every page of one script from a gathered corpus."""

    def __init__(self, paths: ProjectPaths, settings: Settings, convert: Converter, corpus: Corpus):
        self.settings, self.convert, self.corpus = settings, convert, corpus
        self.env = make_environment(paths.templates, convert)
        self.pages: dict[str, str | bytes] = {}
        self.mention_files = {"policy": self.mention_pages(corpus.policies, "policies.md"),
                              "company": self.mention_pages(corpus.companies, "companies.md")}

    def mention_pages(self, mentions: list, first: str) -> dict[str, str]:
        """The listing page file each policy or company is on, by its key."""
        return {item.key: pager.file(pager.number)
                for pager in paginate(mentions, self.settings.per_page, first) for item in pager.items}

    def render(self) -> dict[str, str | bytes]:
        """Every page of the site in this script, by file name."""
        c = self.corpus
        self.put("index.md", "home.md.j2", headline=headline_figures(c.figures))
        self.listing("zones.md", "terms.md.j2", sorted(c.zones.values(), key=lambda t: t.id), kind="zone")
        self.listing("industries.md", "terms.md.j2", sorted(c.industries.values(), key=lambda t: t.id), kind="industry")
        for term in c.zones.values():
            self.term_pages(term, f"zones/{term.id}.md")
        for term in c.industries.values():
            self.term_pages(term, f"industries/{term.id}.md")
        self.listing("archive.md", "archive.md.j2", c.articles)
        self.listing("policies.md", "mentions.md.j2", c.policies, kind="policy")
        self.listing("companies.md", "mentions.md.j2", c.companies, kind="company")
        self.articles()
        self.put("figures.md", "figures.md.j2",
                 downloads_root="" if self.convert.script == self.settings.default_script else "../")
        self.review_pages(c.review)
        self.pages["data/explorer.js"] = datafiles.explorer_data(
            c.figures, c.zones, c.industries, lambda k: self.env.filters["kind_label"](k))
        self.pages["feed.xml"] = datafiles.atom_feed(
            self.convert(self.settings.site_name), c.articles, self.article_url, f"urn:briefing:feed:{self.convert.script}")
        return self.pages

    def put(self, name: str, template: str, **context) -> None:
        """Render one template into page `name`."""
        self.pages[name] = self.env.get_template(template).render(
            corpus=self.corpus, settings=self.settings, page=name, root=relative_link("index.md", name)[:-8],
            script=self.convert.script, mention_files=self.mention_files, **context)

    def listing(self, first: str, template: str, items: list, **context) -> None:
        """A paginated listing: `first` and its further pages `first/<n>.md`."""
        for pager in paginate(items, self.settings.per_page, first):
            self.put(pager.file(pager.number), template, pager=pager, **context)

    def review_pages(self, review) -> None:
        """The review page and its further pages: page n lists the n-th share of conflicts and of low figures."""
        per_page = self.settings.per_page
        conflicts = paginate(review.conflicts, per_page, "review.md")
        low = paginate(review.low_confidence, per_page, "review.md")
        pagers = conflicts if len(conflicts) >= len(low) else low
        for pager in pagers:
            number = pager.number
            self.put(pager.file(number), "review.md.j2", review=review, pager=pager,
                     conflicts=conflicts[number - 1].items if number <= len(conflicts) else [],
                     low=low[number - 1].items if number <= len(low) else [])

    def term_pages(self, term, first: str) -> None:
        """A zone or industry page and the further pages of its timeline."""
        rows, loose = metric_rows(term.figures, self.industry_metric_label if term.kind == "industry"
                                  else formats.metric_label, by_zone=term.kind == "industry")
        labels = self.env.globals["kind_labels"]
        charts = {row.key: bar_chart(row.label, row.unit, row.figures, labels) for row in rows}
        for pager in paginate(term.articles, self.settings.per_page, first):
            self.put(pager.file(pager.number), "term.md.j2", term=term, rows=rows, loose=loose, charts=charts,
                     pager=pager, terms=self.corpus.zones if term.kind == "zone" else self.corpus.industries)

    def industry_metric_label(self, fig: dict) -> str:
        """An industry page's row label: the metric and the zone it was reported for."""
        zone = self.corpus.zones.get(fig.get("zone_id") or "")
        return formats.metric_label(fig) + (f" · {zone.name}" if zone else "")

    def articles(self) -> None:
        """One page per article: clean text with figures marked, figures table, links to its terms."""
        exclude = len(self.corpus.articles) > self.settings.search_bodies_up_to
        by_article: dict[str, list[dict]] = {}
        for fig in self.corpus.figures:
            by_article.setdefault(fig["article"], []).append(fig)
        for art in self.corpus.articles:
            figures = by_article.get(art.id, [])
            body, marked = body_html(art.body, figures)
            self.put(f"articles/{art.id}.md", "article.md.j2", art=art, meta=art.meta, figures=figures,
                     body=body, marked=marked, exclude_from_search=exclude)

    @staticmethod
    def article_url(article_id: str) -> str:
        """An article's page as the feed links it (relative to the site root)."""
        return f"articles/{article_id}.html"


def write_pages(docs: Path, pages: dict[str, str | bytes]) -> None:
    """Make `docs` hold exactly `pages`, leaving files whose content is unchanged untouched."""
    docs.mkdir(parents=True, exist_ok=True)
    wanted = {docs / name for name in pages}
    for old in [p for p in docs.rglob("*") if p.is_file()]:
        if old not in wanted:
            old.unlink()
    for name, content in pages.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        target = docs / name
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    for folder in sorted((p for p in docs.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            shutil.rmtree(folder)
