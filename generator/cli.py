"""The `briefing` command: ingest, add, fetch, extract, build, serve, check, eval."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console

from . import __version__
from .paths import NotAProject, ProjectPaths, is_project, project_paths

err_console = Console(stderr=True, highlight=False)
NOT_A_PROJECT = 2   # the exit status outside a project (as for a usage error)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.version_option(__version__, "--version", prog_name="briefing", message="%(prog)s %(version)s")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Briefing: turn articles on regional industrial policy into a static briefing site.

    \b
    Example:
      briefing build          # ingest content/inbox/, render the pages, write site/

    Run it anywhere inside a project: the project is the nearest folder, from the
    working folder upwards, that holds mkdocs.yml and content/ (or $BRIEFING_ROOT).
    """
    ctx.obj = {"debug": debug}


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--refresh", is_flag=True, help="Re-extract records that are neither reviewed nor edited by hand.")
def ingest(paths: tuple[Path, ...], refresh: bool) -> None:
    """Read raw articles into records in content/articles/.

    PATHS are files or folders (default: content/inbox/). Records marked
    `reviewed: true` or edited by hand are never overwritten.

    \b
    Example:
      briefing ingest                         # everything in content/inbox/
      briefing ingest ~/Downloads/article.txt
    """
    from .pipeline import run_ingest
    report = run_ingest(project_paths(), list(paths), refresh=refresh, console=err_console)
    if report.failed:
        sys.exit(1)


@cli.command()
@click.argument("urls", nargs=-1, required=True)
def add(urls: tuple[str, ...]) -> None:
    """Fetch web pages by URL into content/inbox/web/, then ingest them.

    Each page is stored byte for byte with a fetch record (where and when it was fetched);
    a URL already in the corpus is not fetched again. A page that fails gets one line and the
    others go on; the exit status is 1 when any failed.

    \b
    Example:
      briefing add https://www.example.gov.cn/news/2025/0208/article_123.html
    """
    from .fetch import add_urls
    if not add_urls(project_paths(), list(urls), console=err_console):
        sys.exit(1)


@cli.command()
@click.option("--source", "names", multiple=True, metavar="NAME", help="Read only this source (repeatable).")
def fetch(names: tuple[str, ...]) -> None:
    """Read the sources of content/sources.yml; fetch and ingest the articles not seen before.

    Polite (robots.txt, one request at a time, a delay per host, conditional GET) and bounded
    (articles per source, page size, the run's time): see the comments in content/sources.yml.

    \b
    Example:
      briefing fetch
      briefing fetch --source "Example district news"
    """
    from .fetch import fetch_sources
    if not fetch_sources(project_paths(), list(names), console=err_console):
        sys.exit(1)


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True,
              help="Print JSON (SCHEMA.md's record, body included) instead of the record file's text.")
def extract(file: Path, as_json: bool) -> None:
    """Print the record of one raw FILE on stdout; writes nothing.

    Without --json: the record as a record file holds it (YAML front-matter, then
    the body), as ingest would write it to content/articles/. With --json: one JSON
    object, body included; for a file holding several articles (a feed, a JSON list,
    JSON Lines), a JSON list of such objects, in the file's order.

    \b
    Example:
      briefing extract content/inbox/cri-2025-02-08-huangpu.txt
      briefing extract --json content/inbox/cri-2025-02-08-huangpu.txt
    """
    from .pipeline import extract_file
    from .read import ReadError
    from .store import dump_record
    try:
        records = extract_file(_extract_paths(), file)
    except ReadError as err:
        raise click.ClickException(f"{err.path}: {err.reason}" + (f" (hint: {err.hint})" if err.hint else ""))
    fields = [(record.model_dump(exclude_unset=True), body) for record, body in records]
    if as_json:
        out = [dict(meta, body=body) for meta, body in fields]
        click.echo(json.dumps(out[0] if len(out) == 1 else out, ensure_ascii=False, indent=1))
        return
    for meta, body in fields:
        click.echo(dump_record(meta, body), nl=False)


def _extract_paths():
    """The project to extract with: the one around the working folder, else the one this program is installed from."""
    try:
        return project_paths()
    except NotAProject:
        home = Path(__file__).resolve().parent.parent
        if not is_project(home):
            raise
        err_console.print(f"note: not inside a Briefing project; extracting with the taxonomy of {home}",
                          markup=False, highlight=False, soft_wrap=True)
        return ProjectPaths(home)


@cli.command()
@click.option("--no-ingest", is_flag=True, help="Build from the records as they are.")
def build(no_ingest: bool) -> None:
    """Ingest what is new, render the pages and build site/ with MkDocs (--strict).

    \b
    Example:
      briefing build && python -m http.server -d site
    """
    from .pipeline import run_build
    ok = run_build(project_paths(), ingest_first=not no_ingest, console=err_console)
    if not ok:
        sys.exit(1)


def _address(ctx, param, value: str) -> str:
    """`value` when it is HOST:PORT with a port from 1 to 65535 (else click's one-line usage error)."""
    host, colon, port = value.rpartition(":")
    if not (colon and port.isdigit() and 0 < int(port) < 65536):
        raise click.BadParameter(f"{value!r} is not HOST:PORT, such as 127.0.0.1:8001")
    return value


@cli.command()
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, callback=_address,
              help="Address to serve on (HOST:PORT).")
def serve(dev_addr: str) -> None:
    """Live preview: build the site, serve it, and rebuild on every change.

    Prints the address it serves on. A file dropped into content/inbox/ while it
    runs is ingested and the site rebuilt; edits to records, content/taxonomy/,
    templates/ and docs/ rebuild it too. Ctrl+C stops it.

    \b
    Example:
      briefing serve --dev-addr 127.0.0.1:8001
    """
    from .pipeline import run_serve
    run_serve(project_paths(), dev_addr, console=err_console)


@cli.command()
def check() -> None:
    """Validate every record and taxonomy file; print one `path:line: problem` line each.

    Problems: records the build would skip (bad fields, broken YAML, zone or
    industry ids the taxonomy lacks) and taxonomy entries with a mistake. Notes:
    records whose raw file is gone (orphaned), records not reviewed whose
    extraction is out of date, and zones found under a provisional id. Exits 1
    when there is any problem (notes alone exit 0).

    \b
    Example:
      briefing check
    """
    from .pipeline import run_check
    report = run_check(project_paths())
    for line in report.problems + report.notes:
        click.echo(line)
    err_console.print(report.summary(), markup=False, highlight=False)
    if report.problems:
        sys.exit(1)


@cli.command(name="eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as one JSON object.")
@click.option("--quiet", is_flag=True, help="Totals and one line per article only.")
@click.option("--calibrate", is_flag=True,
              help="Also print, per confidence threshold, how many figures lie above and below it and the share "
                   "of each that is entirely right (to set review_confidence_below in mkdocs.yml).")
def eval_command(gold: tuple[Path, ...], as_json: bool, quiet: bool, calibrate: bool) -> None:
    """Score key-figure extraction against GOLD files (or folders of *.yml).

    Gold files follow the format of the evaluation README (article path, figures,
    optional_figures). Prints per article the figures missed, stray and wrong,
    then precision, recall, F1 and the accuracy of qualifier, kind, metric,
    counter, year, indicator, measure and zone.

    \b
    Example:
      briefing eval tests/gold/
      briefing eval --calibrate --quiet tests/gold/ ../shared/samples/gold/
      briefing eval --json ../shared/samples/gold/
    """
    from .evaluate import calibration, calibration_lines, evaluate, project_extractor, report
    total, each = evaluate(list(gold), project_extractor(project_paths().root))
    if as_json:
        out = {"summary": total.summary(), "calibration": calibration(total.judged) if calibrate else None,
               "articles": {name: {"found": s.tp, "gold": s.gold, "stray": s.stray, "missed": s.missed,
                                   "wrong": s.wrong} for name, s in each.items()}}
        click.echo(json.dumps(out, ensure_ascii=False, indent=1))
        return
    for line in report(total, each, verbose=not quiet) + ([""] + calibration_lines(total.judged) if calibrate else []):
        click.echo(line)


def main() -> None:
    """Entry point of the `briefing` console command: one clean line per error unless --debug."""
    from .lock import LockBusy
    from .taxonomy import TaxonomyError
    debug = "--debug" in sys.argv
    try:
        cli.main(standalone_mode=False)
    except NotAProject as err:
        err_console.print(f"briefing: {err}", markup=False, highlight=False, soft_wrap=True)
        sys.exit(NOT_A_PROJECT)
    except TaxonomyError as err:
        for line in err.problems:
            click.echo(line, err=True)
        err_console.print(f"{len(err.problems)} problem(s) in content/taxonomy/: nothing was ingested or built "
                          "(fix them and run again; `briefing check` lists them too)", markup=False, highlight=False,
                          soft_wrap=True)
        sys.exit(1)
    except click.exceptions.Abort:
        err_console.print("aborted")
        sys.exit(130)
    except click.ClickException as err:
        err.show()
        sys.exit(err.exit_code)
    except LockBusy as err:
        click.echo(f"Error: {err}", err=True)
        sys.exit(LockBusy.exit_code)
    except SystemExit:
        raise
    except Exception as err:  # the CLI boundary turns errors into one line
        if debug:
            raise
        err_console.print(f"error: {type(err).__name__}: {err} (run with --debug for the traceback)")
        sys.exit(1)


if __name__ == "__main__":
    main()
