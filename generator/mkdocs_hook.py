"""MkDocs hook: render the briefing pages before the build, build each other script after it,
pass generated HTML through Markdown, and put the reader's search files (generator/search/) in
the site. Plain `mkdocs build` and `briefing build` both go through here (`briefing build` runs
one build per script, each told its script, navigation and site folder by generator/site.py)."""
from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from generator import render
from generator.pages import errorpage
from generator.pages.minify import plain_config, squeeze_html
from generator.pages.passthrough import OPEN, PassthroughExtension, anchor_ids, without_markers
from generator.pages.settings import Settings
from generator.paths import ProjectPaths
from generator.search import settings as search_settings
from generator.taxonomy import TaxonomyError, load_taxonomy

LOG = logging.getLogger("mkdocs.plugins.briefing")
THEME_LANGUAGE = {"zh-Hant": "zh-Hant", "zh-Hans": "zh"}
COMMAND = {"name": "build"}   # the MkDocs command this process runs (on_startup): `serve` ingests before each build
SCRIPT_NAME = {"zh-Hant": "繁體中文", "zh-Hans": "简体中文"}


def _paths(config) -> ProjectPaths:
    """The project whose mkdocs.yml is being built."""
    return ProjectPaths(Path(config.config_file_path).resolve().parent)


def _state(config) -> dict:
    """This build's entry in `extra.briefing`: which script it is and what the first build passed on."""
    extra = config.extra.get("briefing")
    if not isinstance(extra, dict):
        extra = config.extra["briefing"] = {}
    return extra


def on_startup(command, dirty, **kwargs) -> None:
    """Remember whether this process serves (the hook module lives for the whole `mkdocs serve`)."""
    COMMAND["name"] = command


@event_priority(100)
def on_config(config, **kwargs):
    """Point this build at its script: docs folder, site folder, theme language, alternates."""
    settings, state, paths = Settings.from_mapping(config), _state(config), _paths(config)
    script = state.setdefault("script", settings.default_script)
    docs = paths.docs / script
    docs.mkdir(parents=True, exist_ok=True)
    config.docs_dir = str(docs)
    if state.get("site_dir"):
        config.site_dir = state["site_dir"]
    elif script != settings.default_script:
        config.site_dir = os.path.join(state["parent_site_dir"], script)
    config.theme["language"] = THEME_LANGUAGE[script]
    config.extra["alternate"] = alternates(settings, script)
    config.extra["search_words"] = search_settings()["results_line"].get(script, {})
    config.markdown_extensions.append(PassthroughExtension())
    _taxonomy(paths)   # a taxonomy with problems stops the build here, with their lines
    return config


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


def on_pre_build(config, **kwargs) -> None:
    """Render every script's pages once (first build), then give this build its navigation."""
    state, paths = _state(config), _paths(config)
    if COMMAND["name"] == "serve" and state["script"] == Settings.from_mapping(config).default_script:
        _ingest_inbox(paths)
    if "navs" not in state:
        result = render.render_pages(paths, Settings.from_mapping(config))
        state["navs"] = getattr(result, "navs", result)
        epoch = getattr(result, "source_date_epoch", None)
        if epoch and "SOURCE_DATE_EPOCH" not in os.environ:
            os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
            state["set_epoch"] = True
    config.nav = state["navs"][state["script"]]


def on_files(files, config, **kwargs):
    """Remember the names at the site's root (folders and pages), for the 404 page to find the root by."""
    names = {f.dest_uri.split("/")[0] for f in files} | set(Settings.from_mapping(config).scripts)
    _state(config)["root_names"] = sorted(names | {"404.html", "sitemap.xml", "search"})
    return files


def on_template_context(context, template_name, config, **kwargs):
    """The 404 page with links relative to the site's root, not absolute from the host's root.

    MkDocs writes the error page's links from `/` (or site_url), which breaks under a sub-path
    (`user.github.io/briefing/`) and from disk. Relative links work from disk and wherever
    the file is served as itself; served in place of a missing page deeper down, the page's
    script sets the base to the site's root (templates/overrides/main.html, pages/errorpage.py).
    """
    if template_name == "404.html":
        context["base_url"] = "."
        context["site_root_names"] = _state(config).get("root_names", [])
    return context


def on_post_template(output, template_name, config, **kwargs):
    """The 404 page's stylesheets and scripts written by script, once its base is set (generator/pages/errorpage.py)."""
    return errorpage.relocatable(output) if template_name == "404.html" else output


def _ingest_inbox(paths: ProjectPaths) -> None:
    """Ingest what is new in content/inbox/ (while serving: a file dropped in becomes a record, then a page)."""
    from generator.lock import LockBusy
    from generator.pipeline import run_ingest
    _taxonomy(paths)   # its problems stop this build with their lines
    try:
        run_ingest(paths, [])
    except LockBusy as err:   # another briefing run writes the records: preview them as they are
        LOG.warning("briefing: inbox not ingested for this preview: %s", err)


def on_page_markdown(markdown, page, config, files):
    """Keep every page out of Material's own index: the reader's search has its own (generator/search/)."""
    page.meta["search"] = {"exclude": True}
    return markdown


def on_page_content(html, page, config, files):
    """Register the anchors of passed-through HTML; drop the page's Markdown and the templates' search markers.

    MkDocs keeps every page in memory until the end of the build: the page's Markdown source is
    dropped here (nothing reads it after rendering).
    """
    passed_through = OPEN in (page.markdown or "")
    page.markdown = ""
    if passed_through and page.present_anchor_ids is not None:   # MkDocs found the ids of the other HTML itself
        page.present_anchor_ids |= anchor_ids(html)
    return without_markers(html)


def on_post_page(output, page, config):
    """The page as written to site/: without the templates' indentation and blank lines, its configuration in UTF-8."""
    return plain_config(squeeze_html(output))


@event_priority(-200)
def on_post_build(config, **kwargs) -> None:
    """Put this script's search files in its site (over Material's); after the default script, build the others."""
    settings, state = Settings.from_mapping(config), _state(config)
    copy_search_files(_paths(config).search / state["script"], Path(config.site_dir) / "search")
    drop_source_maps(Path(config.site_dir))
    if state["script"] != settings.default_script or state.get("alone"):
        return
    try:
        for script in settings.scripts[1:]:
            other = load_config(config.config_file_path, strict=config.strict)
            _state(other).update(script=script, navs=state["navs"], parent_site_dir=config.site_dir)
            build(other)
    finally:
        if state.pop("set_epoch", False):
            os.environ.pop("SOURCE_DATE_EPOCH", None)


def drop_source_maps(site: Path) -> None:
    """Remove the theme's source maps (a megabyte a script, to debug its minified scripts; no reader loads them)."""
    for path in sorted((site / "assets" / "javascripts").glob("*.js.map")):
        path.unlink()


def copy_search_files(source: Path, target: Path) -> None:
    """Copy the rendered search files into the site's search/ folder (replacing what MkDocs' plugins wrote there)."""
    if source.is_dir():
        shutil.copytree(source, target, dirs_exist_ok=True)


def on_serve(server, config, builder, **kwargs):
    """Reload the preview when the hand-written documentation (docs/) changes too."""
    docs = _paths(config).root / "docs"
    if docs.is_dir():
        server.watch(str(docs))
    return server
