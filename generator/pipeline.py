"""The stages wired together for the CLI: ingest, extract one file, check, build and serve."""
from __future__ import annotations

from pathlib import Path

from rich.console import Console

from .lock import project_lock
from .paths import ProjectPaths
from .taxonomy import load_taxonomy

PROGRESS_FROM = 50  # files: smaller batches get no progress bar


def cache_dir(paths: ProjectPaths) -> Path:
    """Where ingest keeps its index of records and raw files (git-ignored, safe to delete)."""
    return paths.cache


def run_ingest(paths: ProjectPaths, inputs: list[Path], refresh: bool = False, console: Console | None = None):
    """Ingest `inputs` (default: the inbox) under the project lock; print what happened; return the report."""
    console = console or Console(stderr=True)
    with project_lock(paths.build, "ingest"):
        return _ingest(paths, inputs, refresh, console)


def _ingest(paths: ProjectPaths, inputs: list[Path], refresh: bool, console: Console, bad_records: bool = True,
            apart: bool = False, taxonomy=None, on_small_batch=None):
    """Ingest with a progress bar on large batches, then print failures, conflicts, notes and the summary.

    The taxonomy is loaded first: with a problem in it (TaxonomyError) nothing is extracted.
    `bad_records=False` leaves out the lines of unusable records (the build names them as it skips them);
    `apart`: extraction in worker processes however few the files (ingest.ingest); `taxonomy`: the project's,
    when the caller has loaded it; `on_small_batch()`: called once the files to extract are known to be few.
    """
    from .ingest import extraction_version, ingest
    taxonomy = taxonomy or load_taxonomy(paths.taxonomy)
    with _progress(console) as progress:
        report = ingest(inputs or [paths.inbox], paths.articles, taxonomy,
                        refresh=refresh, cache_dir=cache_dir(paths), base=paths.root,
                        version=extraction_version(paths.taxonomy), progress=progress, apart=apart,
                        on_small_batch=on_small_batch)
    _print_report(report, console, bad_records)
    return report


def _print_report(report, console: Console, bad_records: bool = True) -> None:
    """One line per failure, conflict, bad record, duplicate, update and note, then the summary line."""
    for style, word, lines in (("red", "failed", report.failed),
                               ("red", "bad record", report.bad_records if bad_records else []),
                               ("yellow", "conflict", report.conflicts), ("yellow", "duplicate", report.duplicates),
                               ("cyan", "updated", report.updated), ("yellow", "note", report.notes)):
        for line in lines:
            console.print(f"[{style}]{word}[/{style}] ", end="", markup=True, highlight=False)
            console.print(line, markup=False, highlight=False, soft_wrap=True)
    console.print(report.summary(), markup=False, highlight=False, soft_wrap=True)


class _progress:
    """A rich progress bar for ingest on a terminal, shown once a batch has PROGRESS_FROM files to read."""

    def __init__(self, console: Console):
        self.console, self.bar, self.task = console, None, None

    def __enter__(self):
        return self.update

    def update(self, done: int, total: int) -> None:
        """Advance the bar (started on the first call of a large batch)."""
        if total < PROGRESS_FROM or not self.console.is_terminal:
            return
        if self.bar is None:
            from rich.progress import Progress
            self.bar = Progress(console=self.console, transient=True)
            self.bar.start()
            self.task = self.bar.add_task("extracting", total=total)
        self.bar.update(self.task, completed=done)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


def extract_file(paths: ProjectPaths, file: Path) -> list[tuple]:
    """The records of one raw file, each a validated `Record` with its body; nothing is written."""
    from .clean import clean_articles
    from .extract import build_record
    from .read import read_file
    taxonomy = load_taxonomy(paths.taxonomy)
    return [build_record(raw, taxonomy) for raw in clean_articles(read_file(file))]


def run_check(paths: ProjectPaths):
    """Check every record and taxonomy file: the CheckReport of `path:line: problem` problems and notes."""
    from .check import check_project
    return check_project(paths)


def run_build(paths: ProjectPaths, ingest_first: bool = True, console: Console | None = None) -> bool:
    """Ingest new articles, then build the site; True when nothing failed and no record was skipped.

    A taxonomy with a problem stops the build before anything is ingested or built (TaxonomyError):
    site/ is left as it was. Records that cannot be used are skipped with one line each (the
    lines `briefing check` prints), and the rest is built. The site is built into a folder beside
    site/ and swapped in whole, so a crash at any moment leaves the previous site/ as it was.
    """
    from .site import warm_stages
    console = console or Console(stderr=True)
    with project_lock(paths.build, "build"):
        taxonomy = load_taxonomy(paths.taxonomy)
        ok = True
        # the site build's processes start while a few new files are extracted (their cores are mostly idle then)
        with warm_stages(paths) as warm:
            if ingest_first:   # extraction apart: keeps this process small
                ok = _ingest(paths, [], False, console, bad_records=False, apart=True, taxonomy=taxonomy,
                             on_small_batch=warm.start).ok
            warm.start()
            return _build_reported(paths, console, warm) and ok


def _build_reported(paths: ProjectPaths, console: Console, warm=None) -> bool:
    """Build the site (in the stage processes `warm` started, where it did), then print each record skipped and
    where the site went; True when none was skipped."""
    skipped = build_site_atomically(paths, warm)
    for lines in skipped.values():
        for line in lines:
            console.print(f"skipped {line}", markup=False, highlight=False, soft_wrap=True)
    note = f" ({len(skipped)} record(s) skipped: fix them, `briefing check` lists them)" if skipped else ""
    console.print(f"site written to {paths.site}{note}", markup=False, highlight=False, soft_wrap=True)
    return not skipped


def build_site_atomically(paths: ProjectPaths, warm=None) -> dict[str, list[str]]:
    """Build into `.site.building` beside site/ (in the stage processes `warm` started, where it did), then swap it
    in; leftovers of a killed build are cleared first.

    Returns the records left out of the site: the `path:line: problem` lines of each, by file.
    """
    from .atomic import recover_folder, remove_path, swap_in_folder
    from .site import build_site
    site = paths.site.resolve() if paths.site.is_symlink() else paths.site  # a link to a deploy folder: swap there
    recover_folder(site)
    staging = site.with_name(f".{site.name}.building")
    remove_path(staging)
    try:
        builds = build_site(paths, site_dir=staging, warm=warm)
        swap_in_folder(staging, site)
    finally:
        remove_path(staging)
    return builds[0].skipped if builds else {}


def run_serve(paths: ProjectPaths, dev_addr: str, console: Console | None = None) -> None:
    """Build the site, serve site/ with live reload, and build again (incrementally) on every change.

    The taxonomy is checked first, as for a build. On a change the inbox is ingested (in this process, so the
    extraction stays loaded between changes), the page of each record added or changed is written into the served
    site at once and the browsers reloaded (generator/preview.py), then the build runs as `briefing build`'s: only
    the pages whose inputs changed are made again, site/ is swapped whole, and the browsers reload again. A build
    that fails leaves the last site served.
    """
    from .preview import Preview
    console = console or Console(stderr=True)
    load_taxonomy(paths.taxonomy)
    _show_mkdocs_messages()
    console.print(f"previewing {paths.root} at http://{dev_addr}/ once the first build is done (Ctrl+C stops); "
                  "files dropped into content/inbox/ are ingested and the site rebuilt", markup=False,
                  highlight=False, soft_wrap=True)
    preview = Preview(paths)
    host, _, port = dev_addr.rpartition(":")
    server = _live_reload_server()(builder=lambda: server.build_shown(lambda: _serve_build(
        paths, console, preview, server.show_now)), host=host or "127.0.0.1", port=int(port), root=str(paths.site))
    _serve_build(paths, console, preview, lambda: None)
    for watched in (paths.root / "content", paths.templates, paths.root / "docs", paths.mkdocs_yml):
        if watched.exists():
            server.watch(str(watched))
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


def _serve_build(paths: ProjectPaths, console: Console, preview, shown) -> None:
    """One build of serve: ingest, the changed articles' pages shown (`shown()` reloads the browsers), then the
    incremental build; a failure is one line (the preview keeps the last site)."""
    from .lock import LockBusy
    from .site import SiteBuildError
    from .taxonomy import TaxonomyError
    try:
        preview.wait()
        with project_lock(paths.build, "build"):
            if preview.show():   # the records edited: shown before the inbox is read
                shown()
            _ingest(paths, [], False, console, bad_records=False, taxonomy=preview.taxonomy_now())
            if preview.show():   # the records the inbox's new files gave
                shown()
            _build_reported(paths, console)
    except (LockBusy, SiteBuildError, TaxonomyError) as err:
        console.print(f"not rebuilt: {err}", markup=False, highlight=False, soft_wrap=True)
    finally:
        preview.after_build()


def _live_reload_server():
    """MkDocs' live-reload server, told to reload the browsers when a preview is shown and watching by inotify."""
    from mkdocs.livereload import LiveReloadServer

    class PreviewServer(LiveReloadServer):
        """LiveReloadServer that can reload the browsers mid-build (`show_now`), watching files by inotify where
        the system has it (MkDocs polls every file of content/ twice a second: 20,000 at 10,000 articles)."""

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            try:
                self.observer = _changes_observer()
            except (ImportError, OSError):
                pass

        def show_now(self) -> None:
            """Serve the site as it is now and reload the browsers, mid-build (MkDocs would hold every request
            until the build ends)."""
            from .adapters import show_site_now
            show_site_now(self)

        def build_shown(self, build) -> None:
            """Run `build`; the browsers reload when it ends, also after a page was shown mid-build."""
            from .adapters import reload_after_this_build
            build()
            reload_after_this_build(self)

    return PreviewServer


def _changes_observer():
    """A watchdog inotify observer that reports only changes (created, modified, moved, deleted, closed after a
    write): a file merely opened or read, as every build reads content/, must not start another build."""
    from watchdog import events
    from watchdog.observers import Observer
    changes = [events.FileCreatedEvent, events.FileModifiedEvent, events.FileMovedEvent, events.FileDeletedEvent,
               events.FileClosedEvent, events.DirCreatedEvent, events.DirMovedEvent, events.DirDeletedEvent]

    class ChangesObserver(Observer):
        """Observer whose every watch is filtered to the changes."""

        def schedule(self, event_handler, path, *, recursive=False, event_filter=None):
            """Watch `path` for changes only."""
            return super().schedule(event_handler, path, recursive=recursive, event_filter=event_filter or changes)

    return ChangesObserver()


def _show_mkdocs_messages() -> None:
    """Print MkDocs' log (INFO and above: the serving address, rebuilds, warnings) on standard error."""
    import logging
    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
