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


def _ingest(paths: ProjectPaths, inputs: list[Path], refresh: bool, console: Console):
    """Ingest with a progress bar on large batches, then print failures, conflicts, notes and the summary."""
    from .ingest import extraction_version, ingest
    with _progress(console) as progress:
        report = ingest(inputs or [paths.inbox], paths.articles, load_taxonomy(paths.taxonomy),
                        refresh=refresh, cache_dir=cache_dir(paths), base=paths.root,
                        version=extraction_version(paths.taxonomy), progress=progress)
    _print_report(report, console)
    return report


def _print_report(report, console: Console) -> None:
    """One line per failure, conflict, bad record, duplicate, update and note, then the summary line."""
    for style, word, lines in (("red", "failed", report.failed), ("red", "bad record", report.bad_records),
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


def extract_file(paths: ProjectPaths, file: Path) -> list[dict]:
    """The records of one raw file, body included; nothing is written."""
    from .extract import build_record
    from .read import read_file
    taxonomy = load_taxonomy(paths.taxonomy)
    return [build_record(raw, taxonomy) for raw in read_file(file)]


def run_check(paths: ProjectPaths) -> list[str]:
    """`path:line: problem` for bad records and taxonomy entries; provisional zones are printed as notes."""
    from .entities import provisional_candidates
    from .store import RecordError, iter_records
    from .taxonomy import taxonomy_problems
    items = list(iter_records(paths.articles))
    candidates = provisional_candidates([(i.path, i.meta) for i in items if not isinstance(i, RecordError)])
    for line in candidates:  # notes, not failures: zones to consider adding to the taxonomy
        Console(stderr=True, soft_wrap=True).print(f"note {line}", markup=False, highlight=False)
    return ([line for item in items if isinstance(item, RecordError) for line in item.lines()]
            + taxonomy_problems(paths.taxonomy))


def run_build(paths: ProjectPaths, ingest_first: bool = True, console: Console | None = None) -> bool:
    """Ingest new articles, then build the site; True when nothing failed and no record was skipped.

    Records that cannot be read are skipped with one line each, and the rest is built. The
    site is built into a folder beside site/ and swapped in whole, so a crash at any moment
    leaves the previous site/ as it was.
    """
    console = console or Console(stderr=True)
    with project_lock(paths.build, "build"):
        ok, bad = True, None
        if ingest_first:
            report = _ingest(paths, [], False, console)
            ok, bad = report.ok, report.bad_records
        if bad is None:
            from .ingest.index import RecordIndex
            from .ingest import INDEX_FILE
            bad = RecordIndex(paths.articles, cache_dir(paths) / INDEX_FILE).errors()
            for line in bad:
                console.print(f"skipped {line}", markup=False, highlight=False, soft_wrap=True)
        build_site_atomically(paths)
        skipped = f" ({len(bad)} record(s) skipped: fix them, `briefing check` lists them)" if bad else ""
        console.print(f"site written to {paths.site}{skipped}", markup=False, highlight=False, soft_wrap=True)
        return ok and not bad


def build_site_atomically(paths: ProjectPaths) -> None:
    """Build into `.site.building` beside site/, then swap it in; leftovers of a killed build are cleared first."""
    from .atomic import recover_folder, remove_path, swap_in_folder
    from .site import build_site
    site = paths.site.resolve() if paths.site.is_symlink() else paths.site  # a link to a deploy folder: swap there
    recover_folder(site)
    staging = site.with_name(f".{site.name}.building")
    remove_path(staging)
    try:
        build_site(paths, site_dir=staging)
        swap_in_folder(staging, site)
    finally:
        remove_path(staging)


def run_serve(paths: ProjectPaths, dev_addr: str) -> None:
    """Serve the site with MkDocs' live reload (the hook watches content/ and templates/)."""
    from mkdocs.commands.serve import serve
    paths.docs.mkdir(parents=True, exist_ok=True)
    serve(config_file=str(paths.mkdocs_yml), dev_addr=dev_addr, livereload=True)
