"""`briefing serve`'s first answer to an edited or added record: that article's page, in every script, written
into the served site within a second or two, before the incremental build that follows remakes every page whose
inputs changed and swaps in a site equal to a cold build.

The page is made as the build makes it. An article's page needs its own record, the taxonomy, and the listing
page of each company and policy it names (the last render kept those: render.mention_files_memo); the record is
gathered alone, rendered through the same template, and built by MkDocs' own page steps with the configuration,
files and navigation of the last build, kept warm in the serving process (ScriptSite). A preview is written with
a modification time of 0, so the next build never takes it for a page it built.
"""
from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

from . import incremental
from .adapters import set_current_page
from .atomic import write_bytes_atomic
from .check import split_unknown_references
from .gather import gather
from .pages.localise import Converter
from .pages.settings import PLUGIN, Settings
from .paths import ProjectPaths
from .render import ScriptPages, mention_files_memo
from .store import read_record
from .taxonomy import load_taxonomy

MOST_PAGES = 20          # more records changed at once than this: no preview, the build shows them
RECORD_SUFFIX = ".md"
LOG = logging.getLogger("briefing.preview")


def record_stamps(folder: Path) -> dict[str, tuple[int, int]]:
    """Each record file's modification time (ns) and size, by file name ({} when the folder is missing)."""
    try:
        with os.scandir(folder) as entries:
            return {e.name: (s.st_mtime_ns, s.st_size) for e in entries
                    if e.name.endswith(RECORD_SUFFIX) and not e.name.startswith(".") and e.is_file()
                    for s in (e.stat(),)}
    except OSError:
        return {}


def changed_records(before: dict, now: dict) -> list[str]:
    """The record files added or changed from stamps `before` to `now`, in name order."""
    return sorted(name for name, stamp in now.items() if before.get(name) != stamp)


class ScriptSite:
    """One script's MkDocs build as the last build set it up (configuration, files, navigation, theme), kept to
    build single pages into that script's folder of the served site."""

    def __init__(self, paths: ProjectPaths, script: str, nav: list, site_dir: Path):
        """Load the configuration and run MkDocs' set-up steps and plugin events up to the pages, as a build does."""
        from mkdocs.config import load_config
        from mkdocs.structure.files import get_files, set_exclusions
        from mkdocs.structure.nav import get_navigation
        config = load_config(str(paths.mkdocs_yml))
        if PLUGIN not in config.plugins:
            raise ValueError(f"{paths.mkdocs_yml}: the `{PLUGIN}` plugin is not listed under `plugins:`")
        config.plugins[PLUGIN].assign(script, nav, str(site_dir))
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        self.nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
        self.env = config.plugins.on_env(env, config=config, files=files)
        self.config, self.files, self.script = config, files, script

    def page_html(self, src_uri: str, linked: list[str]) -> tuple[str, Path]:
        """The HTML of the page whose Markdown is `src_uri` in the docs folder, and the file it goes to (`linked`: the
        pages it links to that the build will make, known to MkDocs as the build will know them)."""
        from mkdocs.commands.build import get_context
        from mkdocs.structure.pages import Page
        config, files = self.config, self.files
        for uri in linked:
            self.known(uri)
        page = Page(None, self.known(src_uri), config)
        set_current_page(config, page)
        try:
            page = config.plugins.on_pre_page(page, config=config, files=files)
            page.read_source(config)
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
            page.render(config, files)
            page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
            page.active = True
            context = get_context(self.nav, files.documentation_pages(), config, page)
            template = self.env.get_template(page.meta.get("template", "main.html"))
            context = config.plugins.on_page_context(context, page=page, config=config, nav=self.nav)
            html = config.plugins.on_post_page(template.render(context), page=page, config=config)
        finally:
            page.active = False
            set_current_page(config, None)
        return html, Path(page.file.abs_dest_path)

    def known(self, src_uri: str):
        """The File of page `src_uri`, added to the files when it is new (an added article, a new zone's page), as
        the build will add it."""
        from mkdocs.structure.files import File, InclusionLevel
        file = self.files.get_file_from_path(src_uri)
        if file is None:
            config = self.config
            file = File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls,
                        inclusion=InclusionLevel.NOT_IN_NAV)
            self.files.append(file)
        return file


class Preview:
    """What serve keeps between builds: the records as the last build saw them and each script's warm MkDocs."""

    def __init__(self, paths: ProjectPaths):
        """No build seen yet: nothing to compare with, no preview."""
        self.paths, self.stamps, self.sites, self.key = paths, None, {}, None
        self.warming: threading.Thread | None = None
        self.extraction_warm, self.taxonomy, self.taxonomy_stamps = False, None, None

    def after_build(self) -> None:
        """Take the records as this build saw them, and make each script's MkDocs state again in the background."""
        self.stamps = record_stamps(self.paths.articles)
        self.sites, self.key = {}, None
        self.warming = threading.Thread(target=self._warm, name="briefing-preview", daemon=True)
        self.warming.start()

    def wait(self) -> None:
        """Wait until the state of the last build is made (a build must not start beside it)."""
        if self.warming is not None:
            self.warming.join()

    def taxonomy_now(self):
        """The project's taxonomy: the one kept (its name index and jieba's dictionary loaded with it) while its
        files are unchanged, else loaded again."""
        stamps = {path: (info.st_mtime_ns, info.st_size) for path in sorted(self.paths.taxonomy.rglob("*"))
                  for info in (path.stat(),)}
        if self.taxonomy is None or stamps != self.taxonomy_stamps:
            self.taxonomy, self.taxonomy_stamps = load_taxonomy(self.paths.taxonomy), stamps
            self.extraction_warm = False
        return self.taxonomy

    def _warm_extraction(self) -> None:
        """Load the extraction in this process once, so that a file dropped into the inbox is read at once."""
        from .ingest.work import warm_up_extraction
        if not self.extraction_warm:
            warm_up_extraction(self.taxonomy)
            self.extraction_warm = True

    def _warm(self) -> None:
        """Each script's ScriptSite for the site the last build left (none when it cannot be reused), with the
        settings, taxonomy and company and policy listing pages the render used."""
        try:
            key = incremental.build_key(self.paths)
            site = self.paths.site.resolve()
            navs = incremental.previous_build(self.paths, key, site)
            self.settings = Settings.load(self.paths.mkdocs_yml)
            self.taxonomy_now()
            with _quiet_mkdocs():
                self.sites = {script: ScriptSite(self.paths, script, nav, _script_folder(site, self.settings, script))
                              for script, nav in navs.items()}
            self.mentions = {script: incremental.load_memo(mention_files_memo(self.paths, script), key)
                             for script in self.sites}
            self.key = key
            self._warm_extraction()
        except Exception as err:   # a preview is a courtesy: the build that follows is what counts
            LOG.debug("no preview state: %s", err)
            self.sites = {}

    def show(self) -> list[Path]:
        """Write the pages of the records changed since the last build (and not shown as they are now) into the
        served site; the files written."""
        if self.stamps is None:
            return []
        now = record_stamps(self.paths.articles)
        names = changed_records(self.stamps, now)
        if not names or len(names) > MOST_PAGES:
            return []
        self.stamps = {**self.stamps, **{name: now[name] for name in names}}   # each version shown once
        self.wait()
        if not self.sites or self.key != incremental.build_key(self.paths):
            return []
        written = []
        with _quiet_mkdocs():
            for name in names:
                try:
                    written += self._show_record(self.paths.articles / name)
                except Exception as err:   # a record mid-edit, a template error: the build names the problem
                    LOG.debug("no preview of %s: %s", name, err)
        return written

    def _show_record(self, path: Path) -> list[Path]:
        """The page of one record in every script, written into the served site."""
        record, written = read_record(path), []
        for script, site in self.sites.items():
            made = article_markdown(self.paths, self.settings, self.taxonomy, script, record, self.mentions[script])
            if made is None:
                return written
            markdown, linked = made
            src_uri = f"articles/{record.record.id}.md"
            _write_file(Path(site.config.docs_dir) / src_uri, markdown.encode("utf-8"), dated_zero=False)
            html, target = site.page_html(src_uri, linked)
            _write_file(target, html.encode("utf-8", errors="xmlcharrefreplace"), dated_zero=True)
            written.append(target)
        return written


def article_markdown(paths: ProjectPaths, settings: Settings, taxonomy, script: str, stored,
                     mentions: dict) -> tuple[str, list[str]] | None:
    """The Markdown page of one record's article in `script`, as the render makes it, linking companies and
    policies to the listing pages of `mentions`, and the pages of the zones and industries it names (None when the
    record is not an article of the site: an unknown reference, no usable id)."""
    records, unknown = split_unknown_references([stored], taxonomy)
    convert = Converter(script, paths.root)
    corpus = gather(records, taxonomy, convert, settings.review_confidence_below)
    if unknown or not corpus.articles:
        return None
    pages = ScriptPages(paths, settings, convert, corpus, {})
    pages.mention_files = {kind: mentions.get(kind, {}) for kind in ("policy", "company")}
    pages.article_page(corpus.articles[0])
    linked = [f"{kind}/{term.id}.md" for kind, terms in (("zones", corpus.zones), ("industries", corpus.industries))
              for term in terms.values()]
    return pages.pages[f"articles/{corpus.articles[0].id}.md"], linked


def _script_folder(site: Path, settings: Settings, script: str) -> Path:
    """A script's folder in the site: the site itself for the default script, site/<script>/ for another."""
    return site if script == settings.default_script else site / script


def _write_file(path: Path, data: bytes, dated_zero: bool) -> None:
    """Replace `path` with `data` in one rename (a reader sees the old file or the new); `dated_zero`: modified at
    time 0, so that the next build makes this page again rather than keep it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(path, data, durable=False)
    if dated_zero:
        os.utime(path, (0, 0))


class _quiet_mkdocs:
    """MkDocs' and the plugins' log held back in this thread while a preview is made (the build that follows
    reports); the messages of the other threads (the server's address, a build's warnings) still go out."""

    def __enter__(self):
        self.filter = _OtherThreads(threading.get_ident())
        self.handlers = list(logging.getLogger("mkdocs").handlers)
        for handler in self.handlers:
            handler.addFilter(self.filter)
        return self

    def __exit__(self, *exc) -> None:
        for handler in self.handlers:
            handler.removeFilter(self.filter)


class _OtherThreads(logging.Filter):
    """Passes the log records of every thread but one."""

    def __init__(self, thread: int):
        """Hold back the records of `thread`."""
        super().__init__()
        self.thread = thread

    def filter(self, record: logging.LogRecord) -> bool:
        """True for a record of another thread."""
        return record.thread != self.thread
