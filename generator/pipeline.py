"""The stages wired together for the CLI: ingest, extract one file, check, build and serve."""
from __future__ import annotations

from pathlib import Path

from rich.console import Console

from .paths import ProjectPaths
from .taxonomy import load_taxonomy


def run_ingest(paths: ProjectPaths, inputs: list[Path], refresh: bool = False, console: Console | None = None):
    """Ingest `inputs` (default: the inbox), print every failure and the summary line; return the report."""
    from .ingest import ingest
    console = console or Console(stderr=True)
    report = ingest(inputs or [paths.inbox], paths.articles, load_taxonomy(paths.taxonomy), refresh=refresh)
    for line in report.failed:
        console.print(f"[red]failed[/red] {line}", markup=True, highlight=False)
    for line in report.kept + report.duplicates:
        console.print(f"[yellow]note[/yellow] {line}", markup=True, highlight=False)
    console.print(report.summary(), highlight=False)
    return report


def extract_file(paths: ProjectPaths, file: Path) -> list[dict]:
    """The records of one raw file, body included; nothing is written."""
    from .extract import build_record
    from .read import read_file
    taxonomy = load_taxonomy(paths.taxonomy)
    return [build_record(raw, taxonomy) for raw in read_file(file)]


def run_check(paths: ProjectPaths) -> list[str]:
    """`path: field: reason` for every invalid record or taxonomy file."""
    from .record import record_problems
    from .store import RecordError, iter_records
    problems = []
    for item in iter_records(paths.articles):
        if isinstance(item, RecordError):
            problems.append(f"{item.path}{':' + str(item.line) if item.line else ''}: front-matter: {item.reason}")
            continue
        for field, reason in record_problems(item.meta):
            problems.append(f"{item.path}: {field}: {reason}")
    return problems


def run_build(paths: ProjectPaths, ingest_first: bool = True, console: Console | None = None) -> bool:
    """Ingest new articles, then build the site with MkDocs (the hook renders the pages); True on success."""
    from .site import build_site
    console = console or Console(stderr=True)
    ok = True
    if ingest_first:
        ok = not run_ingest(paths, [], console=console).failed
    build_site(paths)
    console.print(f"site written to {paths.site}", highlight=False)
    return ok


def run_serve(paths: ProjectPaths, dev_addr: str) -> None:
    """Serve the site with MkDocs' live reload (the hook watches content/ and templates/)."""
    from mkdocs.commands.serve import serve
    paths.docs.mkdir(parents=True, exist_ok=True)
    serve(config_file=str(paths.mkdocs_yml), dev_addr=dev_addr, livereload=True)
