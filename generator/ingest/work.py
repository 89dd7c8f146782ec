"""Reading and extraction of raw files, in worker processes for large batches (a map over files)."""
from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pydantic import ValidationError

from ..record import Record, validation_problems
from ..scripts import Wording
from .changes import strip_controls
from .similar import sketch
from .similar import warm_up as warm_up_sketches
from .sources import source_key
from .writer import Prepared, stored_fields
from .writer import prepare as prepare_fields

PARALLEL_FROM = 24     # files to extract before worker processes pay for their start-up
_TAXONOMY = None       # set in each worker by _start_worker


@dataclass
class Task:
    """One raw file to read: its path, label, byte hash, and the raw keys that need no extraction."""

    path: Path
    label: str
    digest: str
    skip: dict[str, str] = field(default_factory=dict)
    inside: bool = True     # the file lies inside the project (its path may go into records)


@dataclass
class Outcome:
    """One article of a file: its key and label, and either a prepared record, a skip state or an error."""

    key: str
    label: str
    entry: int
    number: int = 0                 # the entry's number in messages: its line in a JSON Lines file, else `entry`
    prepared: Prepared | None = None  # the record without body (control characters removed), and its dumps
    body: str = ""
    sketch: str = ""                # the body's near-duplicate sketch (similar.sketch)
    removed: int = 0                # control characters removed
    state: str = ""
    error: str = ""


@dataclass
class FileResult:
    """What reading and extracting one file gave: its articles, or the reason it could not be read."""

    task: Task
    outcomes: list[Outcome] = field(default_factory=list)
    error: str = ""


def process(task: Task, taxonomy) -> FileResult:
    """Read one raw file and extract each of its articles not listed in `task.skip`; never raises."""
    clean_articles, read_file, ReadError = stages()[:3]
    result = FileResult(task)
    try:
        raws = clean_articles(read_file(task.path))
    except ReadError as err:
        result.error = err.reason + (f" (hint: {err.hint})" if err.hint else "")
        return result
    except Exception as err:  # a reader bug is reported as this file's failure
        result.error = f"reading failed: {type(err).__name__}: {err}"
        return result
    entries = [raw.entry for raw in raws]
    if len(set(entries)) != len(entries):  # a reader that did not number its entries
        entries = list(range(len(raws)))
    for raw, entry in zip(raws, entries):
        key, number = source_key(task.digest, entry), raw.line or entry
        label = task.label + (f"#{number}" if len(raws) > 1 else "")
        outcome = Outcome(key=key, label=label, entry=entry, number=number)
        if key in task.skip:
            outcome.state = task.skip[key]
        else:
            try:
                prepare(outcome, *build_record(raw, taxonomy), taxonomy.wording)
            except ValidationError as err:   # extraction made a record the schema refuses
                outcome.error = f"the extracted record is not valid ({_first_problems(err)})"
            except ReadError as err:  # e.g. no article text once the page chrome is removed
                outcome.error = err.reason + (f" (hint: {err.hint})" if err.hint else "")
            except Exception as err:  # one bad article never stops the batch
                outcome.error = f"extraction failed: {type(err).__name__}: {err}"
        result.outcomes.append(outcome)
    return result


@lru_cache(maxsize=1)
def stages() -> tuple:
    """clean_articles, read_file, ReadError and extract's build_record, imported on first use: an ingest that
    finds nothing new to read never loads the read, clean and extract stages (about a second of imports)."""
    from ..clean import clean_articles
    from ..extract import build_record
    from ..read import ReadError, read_file
    return clean_articles, read_file, ReadError, build_record


def build_record(raw, taxonomy) -> tuple[Record, str]:
    """The record of one cleaned raw article and its body (extract.build_record)."""
    return stages()[3](raw, taxonomy)


def _first_problems(err: ValidationError) -> str:
    """The first three (field: reason) problems of a failed validation, on one line."""
    return "; ".join(f"{name}: {reason}" for name, reason in validation_problems(err)[:3])


def prepare(outcome: Outcome, record: Record, body: str, wording: Wording) -> None:
    """Clean and pre-dump an extracted record (writer.prepare), so the main process only adds its id and
    bookkeeping; a record that held control characters is validated again without them."""
    fields, removed = strip_controls(stored_fields(record))
    outcome.body, in_body = strip_controls(body or "")
    if removed:
        record = Record.model_validate(fields)
    outcome.removed = removed + in_body
    outcome.sketch = sketch(outcome.body, wording)
    outcome.prepared = prepare_fields(record, fields)


class EarlyWorker:
    """One worker process forked first and warmed up (the extraction's modules, jieba's dictionary, the
    sketches' permutations) while this process reads its index and lists and hashes the inbox: for
    `briefing build`, whose one or two new files would otherwise wait for that start-up (about 3 s)."""

    def __init__(self, taxonomy):
        self.pool = multiprocessing.get_context("fork").Pool(1, initializer=_start_warm_worker, initargs=(taxonomy,))

    def close(self) -> None:
        """Stop the worker (whether or not it was used)."""
        self.pool.terminate()
        self.pool.join()


def run_tasks(tasks: list[Task], taxonomy, workers: int | None = None, on_start=None, apart: bool = False,
              early: EarlyWorker | None = None, meanwhile=None):
    """FileResults of `tasks`, in the tasks' order; worker processes when the batch is large, or always when
    `apart` (this process then never loads the extraction's dictionaries: `briefing build` keeps its memory
    for the site build that follows). `early`: a warm worker to use for a batch too small for a pool;
    `meanwhile()` is called once the workers have the tasks, before the first result is waited for."""
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if early is not None and tasks and len(tasks) < PARALLEL_FROM:
        if on_start:
            on_start()
        results = early.pool.imap(_process_in_worker, tasks)
        if meanwhile:
            meanwhile()
        yield from results
        return
    if not tasks or (not apart and (workers <= 1 or len(tasks) < PARALLEL_FROM)):
        if on_start:
            on_start()
        for task in tasks:
            yield process(task, taxonomy)
        return
    if not apart:
        from ..entities import warm_up
        stages()           # imported before the fork, so the workers share the modules
        warm_up(taxonomy)  # load jieba's dictionary once, before the fork, so the workers share it
        warm_up_sketches()
    context = multiprocessing.get_context("fork")
    with context.Pool(max(1, min(workers, len(tasks))), initializer=_start_worker, initargs=(taxonomy,)) as pool:
        if on_start:
            on_start()  # after the fork: a progress bar's thread is never copied into the workers
        chunk = max(1, min(16, len(tasks) // (workers * 8)))
        results = pool.imap(_process_in_worker, tasks, chunksize=chunk)
        if meanwhile:
            meanwhile()
        yield from results


def _start_warm_worker(taxonomy) -> None:
    """Keep the taxonomy in the worker process, and load what extraction needs before the first task comes."""
    _start_worker(taxonomy)
    warm_up_extraction(taxonomy)


def warm_up_extraction(taxonomy) -> None:
    """Load what extraction needs (its modules, jieba's dictionary with the taxonomy's names, the sketches'
    permutations) in this process, before a first file is extracted here."""
    from ..entities import warm_up
    stages()
    warm_up(taxonomy)
    warm_up_sketches()


def _start_worker(taxonomy) -> None:
    """Keep the taxonomy in the worker process for every task it runs."""
    global _TAXONOMY
    _TAXONOMY = taxonomy


def _process_in_worker(task: Task) -> FileResult:
    """`process` with the worker's taxonomy."""
    return process(task, _TAXONOMY)
