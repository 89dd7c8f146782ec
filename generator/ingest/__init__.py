"""The ingest stage: raw files in content/inbox/ → records in content/articles/, never losing an edit.

Raw files are only read (never modified, moved or deleted). An article is extracted when no
record holds it yet or its record was made by another extraction version (or with
--refresh); a record marked `reviewed: true` or edited by hand is never overwritten — the
conflict is reported instead. The same article in another script or with other page chrome
(same content_hash) becomes an extra source of the existing record.
"""
from __future__ import annotations

import time
from pathlib import Path

from ..atomic import remove_stale_temporaries, sync_to_disk
from ..paths import RECORDS_CACHE
from .apply import Applier
from .index import RecordIndex
from .report import IngestReport
from .sources import display, is_inside, list_raw_files, source_key
from .version import EXTRACTOR_VERSION, extraction_version
from .work import PARALLEL_FROM, EarlyWorker, Task, run_tasks

INDEX_FILE = "ingest-index.json"

__all__ = ["IngestReport", "ingest", "source_key", "extraction_version", "INDEX_FILE", "RECORDS_CACHE"]


def ingest(inputs: list[Path], articles: Path, taxonomy, *, refresh: bool = False, cache_dir: Path | None = None,
           base: Path | None = None, version: str | None = None, workers: int | None = None,
           progress=None, apart: bool = False, on_small_batch=None) -> IngestReport:
    """Read every raw file under `inputs` and write or update its records; returns the report.

    `cache_dir` holds the index that spares re-reading unchanged records, and the build's parsed
    copies of the records written (record_cache); `base` is the project root that paths are
    shown relative to; `progress(done, total)` is called per file; `apart`: extract in worker
    processes however few the files (this process stays small); `on_small_batch()` is called once the files to
    extract are known to be fewer than PARALLEL_FROM (extracted by the one early worker, or none).
    """
    start = time.perf_counter()
    early = EarlyWorker(taxonomy) if apart else None   # warms up while the index is read and the inbox hashed
    try:
        report = _ingest_files(inputs, articles, taxonomy, refresh, cache_dir, base, version, workers, progress,
                               apart, early, on_small_batch)
    finally:
        if early is not None:
            early.close()
    report.seconds = time.perf_counter() - start
    return report


def _ingest_files(inputs, articles, taxonomy, refresh, cache_dir, base, version, workers, progress, apart,
                  early, on_small_batch=None) -> IngestReport:
    """`ingest`'s work, with `early` (a warm worker, or None) for a small batch."""
    report = IngestReport()
    articles.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(articles)
    records_cache = cache_dir / RECORDS_CACHE if cache_dir else None
    index = RecordIndex(articles, cache_dir / INDEX_FILE if cache_dir else None, base, taxonomy.wording,
                        records_cache)
    report.bad_records = index.errors()
    applier = Applier(index, report, version or extraction_version(), EXTRACTOR_VERSION, refresh, records_cache)
    tasks = _tasks(inputs, base, applier, report, index)
    if on_small_batch is not None and len(tasks) < PARALLEL_FROM:
        on_small_batch()
    done = 0
    for result in run_tasks(tasks, taxonomy, workers, on_start=lambda: progress and progress(0, len(tasks)),
                            apart=apart, early=early, meanwhile=index.index_sketches):
        applier.apply_file(result)
        done += 1
        if progress:
            progress(done, len(tasks))
    if applier.written:
        sync_to_disk(articles)
    index.save()
    if base is not None:
        report.orphaned = len(index.orphaned(base))
    report.out_of_date = len(index.out_of_date(applier.version))
    return report


def _tasks(inputs: list[Path], base: Path | None, applier: Applier, report: IngestReport,
           index: RecordIndex) -> list[Task]:
    """The files that must be read, hashed first (unless the index knows their hash); files the cache settles
    are reported at once."""
    tasks = []
    for path in list_raw_files(inputs, report.failed, base):
        label = display(path, base)
        try:
            digest = index.file_digest(path)
        except OSError as err:
            report.failed.append(f"{label}: cannot read file: {err.strerror}")
            continue
        if not applier.known_file(digest, label):
            inside = base is not None and is_inside(path, base)
            tasks.append(Task(path, label, digest, applier.skip_states(digest), inside))
    return tasks
