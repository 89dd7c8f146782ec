"""The render phase: Jinja templates in templates/pages/ → Markdown pages, one folder per script,
in the docs folder MkDocs builds (build/docs/<script>/)."""
from __future__ import annotations

import filecmp
import gc
import hashlib
import json
import logging
import os
import posixpath
import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cached_property, lru_cache, partial
from operator import attrgetter
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined

from . import incremental
from .check import split_unknown_references
from .gather import Corpus, gather, mention_key, read_records
from .gathered import ArticleMemo, KnownRecord
from .pages import datafiles, formats, links
from .pages.briefing import Labels, briefing, page_words
from .pages.chart import series_chart
from .pages.escape import attribute, html_text, markdown_cell, markdown_text, plain_title, safe_url
from .pages.highlight import body_html
from .pages.keyfigures import headline_figures
from .pages.localise import Converter
from .pages.pager import stable_pages, stable_runs
from .pages.rows import FigureRows
from .pages.settings import Settings
from .paths import ProjectPaths
from .search import SearchMemo, write_search
from .search.fold import character_table
from .store import display_path
from .taxonomy import load_taxonomy

LOG = logging.getLogger("mkdocs.plugins.briefing")
AUTHORED_SCRIPT = "zh-Hant"   # the script the templates' own words are written in
DOCS_INDEX = "documentation/index.md"


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


# The attribute names of the mappings the templates read most; their instances have no attributes of their own.
MAPPING_ATTRIBUTES = {dict: frozenset(dir(dict))}


class PageEnvironment(Environment):
    """Jinja's environment, reading the keys of a record's fields (a dict) without first failing to find an
    attribute (a mapping's `z.id` raised and caught an AttributeError ~10⁶ times at 10,000 articles); a record
    or a figure (gather.PageRecord, PageFigure) has attributes."""

    def getattr(self, obj, attribute: str):
        """`obj.attribute` in a template, as Jinja reads it: the attribute, else the item."""
        names = MAPPING_ATTRIBUTES.get(type(obj))
        if names is not None and attribute not in names and attribute in obj:
            return obj[attribute]
        return Environment.getattr(self, obj, attribute)


def compiled_templates(paths: ProjectPaths, name: str) -> FileSystemBytecodeCache:
    """Where the templates of `name` (a script's pages, or the theme) are kept compiled between builds: Jinja
    compiles a template again when its source differs from what was kept (build/cache/templates/<name>/)."""
    folder = paths.cache / "templates" / name
    folder.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(folder))


def make_environment(templates: Path, convert: Converter | None = None,
                     compiled: FileSystemBytecodeCache | None = None) -> Environment:
    """The Jinja environment of the page templates (templates/pages/), in one script (`compiled`: where they are
    kept compiled)."""
    convert = convert or Converter(AUTHORED_SCRIPT)
    env = PageEnvironment(loader=ScriptLoader(templates / "pages", convert), bytecode_cache=compiled,
                          undefined=StrictUndefined, keep_trailing_newline=True, trim_blocks=True,
                          lstrip_blocks=True, autoescape=False,
                          comment_start_string="{##", comment_end_string="##}",  # `{#id}` is Markdown (attr_list)
                          auto_reload=False)   # one build: no need to check each template's file for every page
    labels = {k: convert(v) for k, v in formats.KIND_LABEL.items()}
    env.filters.update(md_text=markdown_text, md_cell=markdown_cell, attr=attribute, html=html_text,
                       safe_url=safe_url, written=formats.as_written_and_normalised,
                       metric_label=formats.metric_label, window=formats.window,
                       kind_label=lambda kind: labels.get(kind, kind or ""), rel=relative_link, href=page_href,
                       mkey=mention_key, yaml_str=yaml_string,
                       plain_title=plain_title, in_script=convert)
    env.globals.update(kind_labels=labels, kind_en=formats.KIND_EN, fig_link=links.fig_link, art_link=links.art_link,
                       term_link=links.term_link, term_link_html=links.term_link_html,
                       fig_link_html=links.fig_link_html, article_link_html=links.article_link_html)
    return env


def yaml_string(value) -> str:
    """A value as a double-quoted YAML scalar for front matter (JSON strings are YAML)."""
    return json.dumps("" if value is None else str(value), ensure_ascii=False)


def page_href(target: str, current: str) -> str:
    """The address of the page file `target` from the page file `current`, as MkDocs writes it into HTML (its
    `.md` → `.html`): for links in blocks of raw HTML, which MkDocs does not rewrite."""
    link = relative_link(target, current)
    return link[:-3] + ".html" if link.endswith(".md") else link


def relative_link(target: str, current: str) -> str:
    """The link from the page file `current` to the file `target` (both relative to the docs root)."""
    return _relative_path(target, posixpath.dirname(current) or ".")


@lru_cache(maxsize=65536)
def _relative_path(target: str, folder: str) -> str:
    """`target` relative to `folder` (cached: the pages link a few targets from a few folders many times)."""
    return posixpath.relpath(target, folder)


@dataclass
class RenderResult:
    """What the build needs from the render phase: each script's navigation and the content's date."""

    navs: dict[str, list]
    source_date_epoch: int
    pages: int
    skipped: dict[str, list[str]] = field(default_factory=dict)   # records left out: their problem lines, by file


@dataclass
class WarmStart:
    """What a render process made ready before the records were final: the build key then, and the memos of its
    scripts with every article in them read (site.py's warm stages)."""

    key: str
    scripts: tuple[str, ...]
    memos: list[ArticleMemo]


def warm_start(paths: ProjectPaths, scripts: tuple[str, ...]) -> WarmStart:
    """The build key and the gathered memos of `scripts`, each article an earlier build gathered read."""
    settings = Settings.load(paths.mkdocs_yml)
    with collector_off():   # as in the render: a million objects read, no cyclic garbage
        key = incremental.build_key(paths)
        memos = script_memos(paths, settings, scripts, key)
        for memo in memos:
            memo.preload()
    character_table()   # the search's folding table (read from OpenCC's data once a process)
    return WarmStart(key, scripts, memos)


def render_pages(paths: ProjectPaths, settings: Settings | None = None,
                 scripts: tuple[str, ...] | None = None, warm: WarmStart | None = None) -> RenderResult:
    """Gather the records once and write every page of each script (default: all) into build/docs/<script>/
    (`warm`: the memos read before, used when the build key and the scripts are still the same)."""
    settings = settings or Settings.load(paths.mkdocs_yml)
    with collector_off():   # millions of small objects and little cyclic garbage: collecting costs ~10 %
        return _render_scripts(paths, settings, scripts or settings.scripts, warm)


@contextmanager
def collector_off():
    """Python's cyclic garbage collector off for a block, as it was after it."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def script_memos(paths: ProjectPaths, settings: Settings, scripts: tuple[str, ...], key: str) -> list[ArticleMemo]:
    """The gathered memo of each script under `key`, the downloads' script first (its articles stand in for the
    records)."""
    memos = [ArticleMemo(paths.cache, script, key, downloads=script == settings.default_script) for script in scripts]
    memos.sort(key=lambda memo: not memo.downloads)
    return memos


def _render_scripts(paths: ProjectPaths, settings: Settings, scripts: tuple[str, ...],
                    warm: WarmStart | None = None) -> RenderResult:
    """Read the records, then gather, render and write each script's pages (the records handed over to the last
    script's gather, let go as they are gathered; a record gathered by an earlier build with the same key is not
    parsed: gathered.py)."""
    key = incremental.build_key(paths)
    if warm is not None and warm.key == key and warm.scripts == tuple(scripts):
        memos = warm.memos
    else:
        memos = script_memos(paths, settings, scripts, key)
    known = memos[0].known(memos[1:], paths.records_cache) if memos else None
    records, skipped = read_records(paths.articles, paths.records_cache, known)
    taxonomy = load_taxonomy(paths.taxonomy)
    records, unknown = split_unknown_references(records, taxonomy)
    left_out = {display_path(e.path, paths.root): e.lines(paths.root) for e in sorted(skipped + unknown, key=_by_path)}
    for lines in left_out.values():   # a bad record never stops the build: it is left out and named
        for line in lines:
            LOG.info("briefing: record left out of the site: %s", line)
    docs, epoch = documentation(paths.root / "docs"), content_epoch(records)
    hashes = incremental.record_hashes(records)
    navs, count, memo = {}, 0, SearchMemo(paths.cache / "search", key)
    for number, script in enumerate(scripts, start=1):
        convert = Converter(script, paths.root)
        pages = PageWriter(paths.docs / script)
        gathered = next(m for m in memos if m.script == script)
        if gathered.downloads:   # the downloads are as recorded: one copy, at the site's root
            pages.write_together(datafiles.download_files(download_runs(records, taxonomy, gathered)))
        last = number == len(scripts)   # the corpus then holds what the pages need: each record goes once gathered
        corpus = gather(handed_over(records) if last else records, taxonomy, convert, settings.review_confidence_below,
                        gathered)
        corpus.skipped = skipped + unknown
        records = None if last else records
        script_pages = ScriptPages(paths, settings, convert, corpus, pages)
        script_pages.memo = incremental.PageMemo(paths.cache / f"pages-{script}.json", key)
        script_pages.hashes = hashes
        script_pages.pieces = gathered.pieces("explorer")
        script_pages.render()
        pages.update(documentation_pages(convert, docs))
        pages.finish()
        script_pages.memo.save()
        incremental.save_memo(mention_files_memo(paths, script), key, script_pages.mention_files)
        gathered.finish()
        search, shared = PageWriter(paths.search / script), script == settings.default_script
        write_search(corpus, convert, taxonomy, convert.wording, search, shared, memo)
        search.finish()
        navs[script] = navigation(convert, docs)
        count += len(pages)
    _remove_strays(paths.docs, settings.scripts)
    _remove_strays(paths.search, settings.scripts)
    return RenderResult(navs, epoch, count, left_out)


def mention_files_memo(paths: ProjectPaths, script: str) -> Path:
    """Where the render keeps the listing page of each company and policy of a script (for serve's preview)."""
    return paths.cache / f"mentions-{script}.json"


def handed_over(items: list):
    """Each of `items` in turn, its place in the list emptied as it is handed over: what the consumer has made its
    own from an item is all that is left of it (the records and the corpus gathered from them are never both whole
    in memory: at 3,000 articles the render's peak went from 310 to 269 MB)."""
    for n, item in enumerate(items):
        items[n] = None
        yield item


def _by_path(error) -> str:
    """The sort key of a RecordError: its file."""
    return str(error.path)


def content_epoch(records) -> int:
    """SOURCE_DATE_EPOCH derived from the content: the latest publication time (0 for no article)."""
    latest = 0
    for rec in records:
        try:
            stamp = datetime.fromisoformat(rec.record.published or "")
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


def download_runs(records, taxonomy, memo: ArticleMemo | None = None):
    """The records' runs of the downloads (datafiles.DownloadRun), in order: kept in `memo` by their records'
    files, made (and kept) for a run with a record not seen before."""
    names = datafiles.Names(taxonomy)
    pieces = memo.pieces("downloads") if memo is not None else None
    for run in stable_runs(records, datafiles.RUN_SIZE, _id):
        make = partial(_download_run, run, names)
        yield make() if pieces is None else pieces.value(_files_key(run), make)


def _download_run(run: list, names) -> datafiles.DownloadRun:
    """The run of the downloads made from its records (a stand-in read from its file)."""
    return datafiles.download_run(datafiles.record_lines(rec.parsed() if isinstance(rec, KnownRecord) else rec, names)
                                  for rec in run)


def _files_key(run: list) -> str | None:
    """A hash of the record files of a run (None when one was not read from a file)."""
    if any(rec.file_hash is None for rec in run):
        return None
    return hashlib.sha1("\n".join(rec.file_hash for rec in run).encode("ascii")).hexdigest()


def documentation(folder: Path) -> dict[str, bytes]:
    """The hand-written documentation (docs/), copied as written under documentation/."""
    if not folder.is_dir():
        return {}
    return {f"documentation/{p.relative_to(folder).as_posix()}": p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.startswith(".")}


def navigation(convert: Converter, docs: dict[str, bytes]) -> list:
    """The site navigation: the listing pages, then one entry for the documentation (its pages are listed there).

    Every page carries the whole navigation, so listing each documentation page in it cost
    ~2 KB on each of 20,000 article pages."""
    nav = [{f"{convert(title)} {english}": path} for title, english, path in page_words()["nav"]]
    if any(path.endswith(".md") for path in docs):
        title, english = page_words()["docs_title"]
        nav.append({f"{convert(title)} {english}": DOCS_INDEX})
    return nav


def documentation_pages(convert: Converter, docs: dict[str, bytes]) -> dict[str, str | bytes]:
    """The documentation as copied, with a generated first page listing it (unless docs/ has an index.md)."""
    listed = sorted((_doc_title(path, text), path) for path, text in docs.items() if path.endswith(".md"))
    if not listed or DOCS_INDEX in docs:
        return dict(docs)
    title, english = page_words()["docs_title"]
    lines = [f"# {convert(title)} {english}", ""]
    top = posixpath.dirname(DOCS_INDEX)
    lines += [f"- [{markdown_cell(title)}]({posixpath.relpath(path, top)})" for title, path in listed]
    return dict(docs) | {DOCS_INDEX: "\n".join(lines) + "\n"}


def _doc_title(path: str, text: bytes) -> str:
    """A documentation page's title: its first `# ` heading, else its file name."""
    for line in text.decode("utf-8", "replace").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return Path(path).stem.replace("-", " ").capitalize()


class ScriptPages:
    """Renders every page of one script from a gathered corpus."""

    def __init__(self, paths: ProjectPaths, settings: Settings, convert: Converter, corpus: Corpus,
                 pages: PageWriter | dict | None = None):
        self.settings, self.convert, self.corpus = settings, convert, corpus
        self.env = make_environment(paths.templates, convert, compiled_templates(paths, convert.script))
        labels = self.env.globals["kind_labels"]
        self.env.globals["fig_rows"] = FigureRows(corpus.zones, corpus.industries, labels, settings.figures_per_cell)
        self.pages = {} if pages is None else pages   # a PageWriter writes each page as it is rendered
        self.mention_files = {"policy": self.mention_pages(corpus.policies, "policies.md"),
                              "company": self.mention_pages(corpus.companies, "companies.md")}
        self.labels = self.env.globals["labels"] = Labels(corpus.indicators, convert)
        self.zone_kinds = {k: (convert(v[0]), v[1]) for k, v in page_words()["zone_kinds"].items()}
        self.firms = {a.id: tuple(c["name"] for c in a.meta.companies or []) for a in corpus.articles}
        self.memo, self.hashes = None, {}   # with a PageMemo: article pages whose inputs are unchanged are kept
        self.pieces = None   # with a gathered.PieceMemo: the explorer's parts of unchanged articles are kept

    def mention_pages(self, mentions: list, first: str) -> dict[str, str]:
        """The listing page file each policy or company is on, by its key."""
        pagers = stable_pages(mentions, self.settings.per_page, first, _key)
        return {item.key: pager.file for pager in pagers for item in pager.items}

    def render(self):
        """Every page of the site in this script, by file name (into the writer given, else a dict)."""
        c = self.corpus
        headline = headline_figures(c.zones.values(), self.labels)
        self.put("index.md", "home.md.j2", headline=headline)
        self.listing("zones.md", "terms.md.j2", sorted(c.zones.values(), key=_id), _id, kind="zone")
        self.listing("industries.md", "terms.md.j2", sorted(c.industries.values(), key=_id), _id, kind="industry")
        for term in c.zones.values():
            self.term_pages(term, f"zones/{term.id}.md")
        for term in c.industries.values():
            self.term_pages(term, f"industries/{term.id}.md")
        self.listing("archive.md", "archive.md.j2", c.articles, _id, _article_source)
        self.listing("policies.md", "mentions.md.j2", c.policies, _key, kind="policy")
        self.listing("companies.md", "mentions.md.j2", c.companies, _key, kind="company")
        self.articles()
        self.put("figures.md", "figures.md.j2",
                 downloads_root="" if self.convert.script == self.settings.default_script else "../")
        self.review_pages(c.review)
        self.pages["data/explorer.js"] = datafiles.explorer_data(self.explorer_parts())
        self.pages["feed.xml"] = datafiles.atom_feed(
            self.convert(self.settings.site_name), c.articles, self.article_url,
            f"urn:briefing:feed:{self.convert.script}")
        return self.pages

    def put(self, name: str, template: str, **context) -> None:
        """Render one template into page `name`."""
        self.pages[name] = self.env.get_template(template).render(
            corpus=self.corpus, settings=self.settings, page=name, root=relative_link("index.md", name)[:-8],
            script=self.convert.script, mention_files=self.mention_files, **context)

    def listing(self, first: str, template: str, items: list, key, sources=None, **context) -> None:
        """A paginated listing: `first` and its further pages `first/<n>.md` (pages cut where the items' `key`s
        say: pages/pager.py); with `sources` (an item's (article id, figure number) pairs), a further page made from
        the same records as last time is kept as it is."""
        for pager in stable_pages(items, self.settings.per_page, first, key):
            if not self.kept_listing(pager, sources):
                self.put(pager.file, template, pager=pager, **context)

    def kept_listing(self, pager, sources, heading=()) -> bool:
        """True when a further page of a listing is kept: the same items, made from the same records (`sources`
        gives an item's (article id, number) pairs), the same neighbours, the same zone and industry names and the
        same `heading` (what else the page shows)."""
        if self.memo is None or sources is None or pager.first_page:
            return False
        parts = []
        for item in pager.items:
            for article_id, number in sources(item):
                if article_id not in self.hashes:
                    return False
                parts.append(f"{article_id}#{number}:{self.hashes[article_id]}")
        inputs = hashlib.sha1(json.dumps([self.links, pager.newer, pager.older, parts, list(heading)],
                                         ensure_ascii=False).encode("utf-8")).hexdigest()
        return self.memo.unchanged(pager.file, inputs, self.pages)

    def review_pages(self, review) -> None:
        """The review page, with the first items of each list (incomplete articles, conflicts, low figures), and
        each list's further pages `review/<list>/<n>.md`."""
        lists = {name: stable_pages(getattr(review, name), self.settings.per_page, "review.md", key,
                                    folder=f"review/{name.replace('_', '-')}")
                 for name, key in (("incomplete", _id), ("conflicts", _key), ("low_confidence", _figure_key))}
        heads = {name: pagers[0] for name, pagers in lists.items()}
        self.put("review.md", "review.md.j2", review=review, pager=heads["incomplete"], section=None, heads=heads)
        sources = {"incomplete": _article_source, "conflicts": _conflict_sources, "low_confidence": _figure_source}
        for name, pagers in lists.items():
            for pager in pagers[1:]:
                if not self.kept_listing(pager, sources[name]):
                    self.put(pager.file, "review.md.j2", review=review, pager=pager, section=name,
                             heads={name: pager})

    def term_pages(self, term, first: str) -> None:
        """A zone or industry page: its briefing on the first page, the further pages of its timeline after it
        (and a page leading there from each former id); kept as they are when made from the same inputs."""
        for old in term.formerly:
            self.put(f"{posixpath.dirname(first)}/{old}.md", "moved.md.j2", term=term, target=posixpath.basename(first))
        inputs = self.term_inputs(term) if self.memo else None
        if inputs is not None and self.memo.unchanged_files(first, inputs, self.pages):
            return
        files = self.render_term(term, first)
        if inputs is not None:
            self.memo.rendered(first, inputs, files)

    def term_inputs(self, term) -> str | None:
        """What a zone or industry page is made from: the zones' and industries' names and files, the term's own
        place (name, parent, children, twins), the records (by hash) of the articles filed under it and of each
        figure on it or on a twin's page (their series are one), and the listing page of each company and policy
        it names. None when an article's record hash is not known (the page is then rendered)."""
        hashes, digest = self.hashes, hashlib.sha1()
        group = [term, *(self.corpus.zones[z] for z in term.twins)] if term.kind == "zone" else [term]
        files = self.mention_files
        digest.update(json.dumps([self.links, term.name, term.name_en, term.parent, term.children, term.twins,
                                  term.provisional, [(k, files["company"].get(k)) for k in sorted(term.companies)],
                                  [(k, files["policy"].get(k)) for k in sorted(term.policies)]],
                                 ensure_ascii=False).encode("utf-8"))
        for page in group:
            for article_id in [a.id for a in page.articles] + [f.article for f in page.figures]:
                if article_id not in hashes:
                    return None
                digest.update(f"{article_id}\0{hashes[article_id]}\n".encode("utf-8"))
            digest.update(" ".join(str(f.n) for f in page.figures).encode() + b"\n")
        return digest.hexdigest()

    def render_term(self, term, first: str) -> list[str]:
        """Render a zone or industry page and the further pages of its timeline; the files written."""
        info = briefing(term, self.labels, self.industry_name if term.kind == "zone" else self.zone_name)
        root = relative_link("index.md", first)[:-8]
        kinds = self.env.globals["kind_labels"]
        charts = [chart for title, s in info.charts if (chart := series_chart(title, s, self.labels, kinds, root))]
        charted = {s.anchor for _, s in info.charts}
        pagers = stable_pages(info.timeline, self.settings.per_page, first, _timeline_key)
        heading = (term.name, term.name_en, term.provisional)   # what a further page of the timeline shows but it
        for pager in pagers:
            if self.kept_listing(pager, _timeline_sources, heading):
                continue
            self.put(pager.file, "term.md.j2", term=term, info=info, charts=charts, charted=charted,
                     zone_kinds=self.zone_kinds, firms=self.firms, pager=pager,
                     terms=self.corpus.zones if term.kind == "zone" else self.corpus.industries)
        return [pager.file for pager in pagers]

    def zone_name(self, zone_id: str | None) -> str:
        """A zone's name in the page script (its id when it has no page)."""
        page = self.corpus.zones.get(zone_id or "")
        return page.name if page else str(zone_id or "")

    def industry_name(self, industry_id: str | None) -> str:
        """An industry's name in the page script (its id when it has no page)."""
        page = self.corpus.industries.get(industry_id or "")
        return page.name if page else str(industry_id or "")

    @cached_property
    def figures_by_article(self) -> dict[str, list]:
        """The corpus's figures by article id."""
        by_article: dict[str, list] = {}
        for fig in self.corpus.figures:
            by_article.setdefault(fig.article, []).append(fig)
        return by_article

    def explorer_parts(self):
        """The explorer's data of each run of articles (datafiles.explorer_part), in order: kept by the records of
        its articles and the zones' and industries' names."""
        c, by_article = self.corpus, self.figures_by_article
        labels = (self.env.filters["kind_label"], self.labels.indicator)
        for run in stable_runs(c.articles, datafiles.RUN_SIZE, _id):
            figures = [fig for art in run for fig in by_article.get(art.id, ())]
            make = partial(datafiles.explorer_part, figures, c.zones, c.industries, *labels)
            yield make() if self.pieces is None else self.pieces.value(self.run_key(run), make)

    def run_key(self, articles: list) -> str | None:
        """A hash of what a run of articles' parts are made from: their records (by hash) and the zones' and
        industries' names (None when a record's hash is not known)."""
        if self.memo is None or any(art.id not in self.hashes for art in articles):
            return None
        text = self.links + "".join(f"\n{art.id}\0{self.hashes[art.id]}" for art in articles)
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    def articles(self) -> None:
        """One page per article (kept when its inputs are unchanged)."""
        links = self.links
        for art in self.corpus.articles:
            name = f"articles/{art.id}.md"
            if self.memo and art.id in self.hashes and self.memo.unchanged(name, self.article_inputs(art, links),
                                                                           self.pages):
                continue
            self.article_page(art)

    def article_page(self, art) -> None:
        """The page of one article: clean text with figures marked, figures table, links to its terms."""
        figures = self.figures_by_article.get(art.id, [])
        body, marked = body_html(art.body, figures)
        self.put(f"articles/{art.id}.md", "article.md.j2", art=art, meta=art.meta, figures=figures,
                 body=body, marked=marked, unmarked=[f for f in figures if f.n not in marked])

    @cached_property
    def links(self) -> str:
        """incremental.terms_digest of the corpus: what every page's links to zones and industries depend on."""
        return incremental.terms_digest(self.corpus.zones, self.corpus.industries) if self.memo else ""

    def article_inputs(self, art, links: str) -> str:
        """What an article page is made from: its record (by hash), the zones' and industries' names and files
        (`links`), and the listing page of each company and policy it names."""
        files = self.mention_files
        named = [files["company"].get(mention_key(str(c.get("name")))) for c in art.meta.companies or []
                 if isinstance(c, dict)]
        named += [files["policy"].get(mention_key(str(p.get("title")))) for p in art.meta.policies or []
                  if isinstance(p, dict)]
        return f"{self.hashes[art.id]} {links} {json.dumps(named, ensure_ascii=False)}"

    @staticmethod
    def article_url(article_id: str) -> str:
        """An article's page as the feed links it (relative to the site root)."""
        return f"articles/{article_id}.html"


_id = attrgetter("id")            # an article's, zone's or industry's place in a listing
_key = attrgetter("key")          # a policy's, company's or conflict's


def _timeline_key(entry: tuple) -> str:
    """A timeline entry's article id."""
    return entry[0].id


def _timeline_sources(entry: tuple) -> list[tuple[str, int]]:
    """What a timeline entry is made from: its article's record and the figures it lists."""
    art, figures = entry
    return [(art.id, 0), *((art.id, f.n) for f in figures)]


def _article_source(art) -> list[tuple[str, int]]:
    """What a listing's row of an article is made from: the article's record."""
    return [(art.id, 0)]


def _figure_source(figure) -> list[tuple[str, int]]:
    """What a row of a figure is made from: the figure of its article's record."""
    return [(figure.article, figure.n)]


def _conflict_sources(conflict) -> list[tuple[str, int]]:
    """What a conflict is made from: each of its figures (its series and period are in its key, in the page)."""
    return [(f.article, f.n) for f in conflict.figures]


def _figure_key(figure) -> str:
    """A figure's article and number."""
    return f"{figure.article}#{figure.n}"


class PageWriter:
    """Writes pages into a docs folder as they are rendered, leaving files whose content is unchanged
    untouched; `finish` removes the files no page was written to. Holding every page of 10,000
    articles in memory until the end cost ~370 MB."""

    def __init__(self, docs: Path):
        """A writer into `docs` (created when missing)."""
        docs.mkdir(parents=True, exist_ok=True)
        self.docs, self.found, self.written = docs, _file_names(str(docs)), set()

    def __setitem__(self, name: str, content: str | bytes) -> None:
        """Write page `name` (a path relative to the docs folder) unless it already holds `content`."""
        data = content.encode("utf-8") if isinstance(content, str) else content
        target = os.path.join(self.docs, name)
        self.written.add(name)
        if name in self.found and os.path.getsize(target) == len(data) and _read(target) == data:
            return
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as out:
            out.write(data)

    def write_together(self, pieces: dict) -> None:
        """Write pages from their bytes as they come (by name), each through a temporary file and only when its
        bytes changed, a piece of each page in turn (pages made from one `tee`d iterator, as the downloads from
        the records' runs read once, hold only what one is ahead)."""
        files = {name: self._open_part(name) for name in pieces}
        todo = {name: iter(chunks) for name, chunks in pieces.items()}
        while todo:
            for name, chunks in list(todo.items()):
                piece = next(chunks, None)
                if piece is not None:
                    files[name].write(piece)
                    continue
                del todo[name]
                files[name].close()
                self._finish_part(name)

    def _open_part(self, name: str):
        """The temporary file of page `name`, open for writing."""
        target = os.path.join(self.docs, name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        return open(target + ".part", "wb")

    def _finish_part(self, name: str) -> None:
        """Put page `name`'s written temporary file in its place, unless the page already holds its bytes."""
        target = os.path.join(self.docs, name)
        part = target + ".part"
        self.written.add(name)
        if name in self.found and filecmp.cmp(target, part, shallow=False):   # sizes first, then bytes
            os.unlink(part)
        else:
            os.replace(part, target)

    def keep(self, name: str) -> bool:
        """Count page `name` as written when it is on disk (left as it is); False when it is not."""
        if name not in self.found:
            return False
        self.written.add(name)
        return True

    def update(self, pages: dict[str, str | bytes]) -> None:
        """Write several pages."""
        for name, content in pages.items():
            self[name] = content

    def __len__(self) -> int:
        """How many pages were written (or found unchanged)."""
        return len(self.written)

    def finish(self) -> None:
        """Remove the files no page was written to, then the folders that are left empty."""
        for name in self.found - self.written:
            os.unlink(os.path.join(self.docs, name))
        for folder, _subfolders, _files in os.walk(self.docs, topdown=False):   # deepest first
            if folder != str(self.docs) and not os.listdir(folder):
                os.rmdir(folder)


def _file_names(folder: str, prefix: str = "") -> set[str]:
    """Every file under `folder`, by its path relative to it (with `/`; listed, not stat'ed: at 10,000 articles
    the size of each of 11,000 pages took 0.2 s)."""
    names = set()
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return names
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            names |= _file_names(entry.path, f"{prefix}{entry.name}/")
        else:
            names.add(prefix + entry.name)
    return names


def _read(path: str) -> bytes:
    """A file's bytes."""
    with open(path, "rb") as f:
        return f.read()
