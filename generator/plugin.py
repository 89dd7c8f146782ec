"""The briefing MkDocs plugin: one MkDocs build of one script's pages, for `briefing build` and plain `mkdocs`.

Every script is built the same way: its pages are rendered (generator/render.py), then MkDocs
builds them with this plugin. `briefing build` (generator/site.py) renders each script in a
process of its own and tells the plugin of the MkDocs process which script it builds, with its
navigation and site folder (`assign`). Plain `mkdocs build` and `mkdocs serve` build the default
script: the plugin renders its pages before the build, and after it has generator/site.py build
the other scripts into site/<script>/, as `briefing build` does. The plugin also passes generated
HTML through Markdown and puts the reader's search files (generator/search/) in the site.
"""
from __future__ import annotations

import logging
import os
import shutil
import zlib
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from . import adapters, render
from .pages import errorpage
from .pages.localise import Converter
from .pages.minify import plain_config, squeeze_html
from .pages.passthrough import OPEN, PassthroughExtension, anchor_ids, without_markers
from .pages.settings import BriefingConfig, Settings
from .paths import ProjectPaths
from .search import settings as search_settings
from .taxonomy import TaxonomyError, load_taxonomy

LOG = logging.getLogger("mkdocs.plugins.briefing")
THEME_LANGUAGE = {"zh-Hant": "zh-Hant", "zh-Hans": "zh"}
SCRIPT_NAME = {"zh-Hant": "繁體中文", "zh-Hans": "简体中文"}


@dataclass(frozen=True)
class Assignment:
    """What generator/site.py tells a build: its script, the navigation its render gave, its site folder (and the
    script's folder in the previous site, when this build reuses it)."""

    script: str
    nav: list
    site_dir: str
    previous: str | None = None


class BriefingPlugin(BasePlugin[BriefingConfig]):
    """Build one script's site from the rendered pages (and, built by plain `mkdocs`, the other scripts after it)."""

    def __init__(self):
        """A plugin that has not been told anything (MkDocs keeps it for a whole `mkdocs serve`)."""
        self.command = "build"
        self.assignment: Assignment | None = None
        self.epoch_set = False
        self.root_names: list[str] = []
        self.held: dict[str, bytes] = {}   # each page's HTML, compressed, from its conversion until it is written

    def assign(self, script: str, nav: list, site_dir: str, previous: str | None = None) -> None:
        """Make the next build the one of `script` alone, its pages rendered already (generator/site.py)."""
        self.assignment = Assignment(script, nav, site_dir, previous)

    def on_startup(self, *, command, dirty) -> None:
        """Remember whether this process serves (`serve` ingests the inbox before each build)."""
        self.command = command

    def on_shutdown(self) -> None:
        """Forget the command: MkDocs keeps this plugin for the next build in the same process."""
        self.command = "build"

    @event_priority(100)
    def on_config(self, config):
        """Point this build at its script: docs folder, site folder, theme language, alternates."""
        self.paths = ProjectPaths(Path(config.config_file_path).resolve().parent)
        self.settings = Settings.from_options(self.config, config.site_name)
        self.job, self.assignment = self.assignment, None   # one assignment, for one build
        self.held = {}
        self.script = self.job.script if self.job else self.settings.default_script
        docs = self.paths.docs / self.script
        docs.mkdir(parents=True, exist_ok=True)
        config.docs_dir = str(docs)
        if self.job:
            config.site_dir = self.job.site_dir
        config.theme["language"] = THEME_LANGUAGE[self.script]
        config.site_name = Converter(self.script, self.paths.root)(self.settings.site_name)   # 产业政策简报 on zh-Hans
        config.extra["alternate"] = alternates(self.settings, self.script)
        config.extra["search_words"] = search_settings()["results_line"].get(self.script, {})
        config.markdown_extensions.append(PassthroughExtension())
        _taxonomy(self.paths)   # a taxonomy with problems stops the build here, with their lines
        return config

    def on_pre_build(self, config) -> None:
        """Give this build its navigation: the one it was told, or its script's pages rendered now."""
        if self.command == "serve":
            _ingest_inbox(self.paths)
        if self.job:
            config.nav = self.job.nav
            return
        result = render.render_pages(self.paths, self.settings, scripts=(self.script,))
        if result.source_date_epoch and "SOURCE_DATE_EPOCH" not in os.environ:
            os.environ["SOURCE_DATE_EPOCH"] = str(result.source_date_epoch)
            self.epoch_set = True
        config.nav = result.navs[self.script]

    def on_env(self, env, config, files):
        """Keep the theme's templates compiled between builds (build/cache/templates/theme/; Jinja checks each
        against its source): each build process compiled Material's 44 templates again, 0.3 s of an add."""
        env.bytecode_cache = render.compiled_templates(self.paths, "theme")
        return env

    def on_files(self, files, config):
        """Remember the names at the site's root (folders and pages), for the 404 page to find the root by."""
        names = {f.dest_uri.split("/")[0] for f in files} | set(self.settings.scripts)
        self.root_names = sorted(names | {"404.html", "sitemap.xml", "search"})
        return files

    def on_template_context(self, context, template_name, config):
        """The 404 page with links relative to the site's root, not absolute from the host's root.

        MkDocs writes the error page's links from `/` (or site_url), which breaks under a sub-path
        (`user.github.io/briefing/`) and from disk. Relative links work from disk and wherever
        the file is served as itself; served in place of a missing page deeper down, the page's
        script sets the base to the site's root (templates/overrides/main.html, pages/errorpage.py).
        """
        if template_name == "404.html":
            context["base_url"] = "."
            context["site_root_names"] = self.root_names
        return context

    def on_post_template(self, output_content, template_name, config):
        """The 404 page's stylesheets and scripts written by script, once its base is set (pages/errorpage.py)."""
        return errorpage.relocatable(output_content) if template_name == "404.html" else output_content

    def on_page_markdown(self, markdown, page, config, files):
        """Keep every page out of Material's own index: the reader's search has its own (generator/search/)."""
        page.meta["search"] = {"exclude": True}
        return markdown

    @event_priority(-100)
    def on_page_content(self, html, page, config, files):
        """Register the anchors of passed-through HTML; drop the page's Markdown and the templates' search markers;
        hold the HTML compressed until the page is written.

        MkDocs converts every page before it writes any, and keeps each page until the end of the build:
        the Markdown source is dropped here (nothing reads it after rendering), and the HTML, about 20 KB of
        memory an article page, is held zlib-compressed (a fifth of it) until on_page_context gives it back.
        """
        passed_through = OPEN in (page.markdown or "")
        page.markdown = ""
        if passed_through:
            adapters.add_anchor_ids(page, anchor_ids(html))
        self.held[page.file.src_uri] = zlib.compress(without_markers(html).encode("utf-8"), 1)
        return ""

    @event_priority(100)
    def on_page_context(self, context, page, config, nav):
        """Give the page its HTML back, just before its template is rendered (the first of the plugins)."""
        held = self.held.pop(page.file.src_uri, None)
        if held is not None:
            page.content = zlib.decompress(held).decode("utf-8")
        return context

    def on_post_page(self, output, page, config):
        """The page as written to site/: no indentation or blank lines of templates, its configuration in UTF-8;
        the page lets go of its HTML (MkDocs keeps the page to the end of the build, nothing reads it again)."""
        page.content = None
        return plain_config(squeeze_html(output))

    @event_priority(-200)
    def on_post_build(self, config) -> None:
        """Put this script's search files in its site (over Material's); built by plain `mkdocs`, build the others."""
        previous = Path(self.job.previous) / "search" if self.job and self.job.previous else None
        copy_search_files(self.paths.search / self.script, Path(config.site_dir) / "search", previous)
        drop_source_maps(Path(config.site_dir))
        try:
            if not self.job:
                self._build_other_scripts(Path(config.site_dir))
        finally:
            if self.epoch_set:
                os.environ.pop("SOURCE_DATE_EPOCH", None)
                self.epoch_set = False

    def _build_other_scripts(self, site_dir: Path) -> None:
        """Build every script but the default into site_dir/<script>/, as `briefing build` does (generator/site.py)."""
        from .site import SiteBuildError, build_scripts
        try:
            build_scripts(self.paths, self.settings, self.settings.scripts[1:], site_dir)
        except SiteBuildError as err:
            raise PluginError(str(err)) from None

    def on_serve(self, server, config, builder):
        """Reload the preview when the hand-written documentation (docs/) changes too."""
        docs = self.paths.root / "docs"
        if docs.is_dir():
            server.watch(str(docs))
        return server


def _taxonomy(paths: ProjectPaths):
    """The project's taxonomy; a taxonomy with problems stops the build with their lines (no traceback)."""
    try:
        return load_taxonomy(paths.taxonomy)
    except TaxonomyError as err:
        raise PluginError("the taxonomy has problems; nothing is built:\n" + "\n".join(err.problems)) from None


def alternates(settings: Settings, script: str) -> list[dict]:
    """Material's language switch: every script's site root, relative to this build's root."""
    here = "" if script == settings.default_script else "../"
    return [{"name": SCRIPT_NAME[s], "lang": s,
             "link": ("./" if s == script else here + ("" if s == settings.default_script else f"{s}/")) or "./"}
            for s in settings.scripts]


def _ingest_inbox(paths: ProjectPaths) -> None:
    """Ingest what is new in content/inbox/ (while serving: a file dropped in becomes a record, then a page)."""
    from .lock import LockBusy
    from .pipeline import run_ingest
    _taxonomy(paths)   # its problems stop this build with their lines
    try:
        run_ingest(paths, [])
    except LockBusy as err:   # another briefing run writes the records: preview them as they are
        LOG.warning("briefing: inbox not ingested for this preview: %s", err)


def drop_source_maps(site: Path) -> None:
    """Remove the theme's source maps (a megabyte a script, to debug its minified scripts; no reader loads them)."""
    for path in sorted((site / "assets" / "javascripts").glob("*.js.map")):
        path.unlink()


def copy_search_files(source: Path, target: Path, previous: Path | None = None) -> None:
    """Copy the rendered search files into the site's search/ folder (replacing what MkDocs' plugins wrote there);
    with `previous` (the search/ folder of the last site), a file not rewritten since it was copied there is
    hard-linked from it instead (at 10,000 articles: 10,000 files, 2.4 s of copying)."""
    for folder, _, names in os.walk(source):
        rel = os.path.relpath(folder, source)
        os.makedirs(os.path.join(target, rel), exist_ok=True)
        for name in names:
            src, dest = os.path.join(folder, name), os.path.join(target, rel, name)
            if os.path.lexists(dest):
                os.unlink(dest)
            if previous is None or not _link_if_copied(src, os.path.join(previous, rel, name), dest):
                shutil.copy2(src, dest)


def _link_if_copied(src: str, before: str, dest: str) -> bool:
    """Hard-link `before` to `dest` when it is the copy of `src` made by an earlier build (copy2 kept the time
    `src` was written: a file the render rewrote since is newer); False when it is not."""
    try:
        was, now = os.stat(before), os.stat(src)
    except OSError:
        return False
    if was.st_size != now.st_size or was.st_mtime_ns < now.st_mtime_ns:
        return False
    os.link(before, dest)
    return True
