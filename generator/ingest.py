"""The ingest stage: raw files in content/inbox/ → records in content/articles/, never losing an edit."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from .extract import EXTRACTOR_VERSION, build_record
from .read import READERS, ReadError, read_file
from .store import RecordError, StoredRecord, dump_record, iter_records, record_path, write_atomic
from .taxonomy import Taxonomy


@dataclass
class IngestReport:
    """What one ingest run did, file by file, and its one-line summary."""

    ingested: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)        # reviewed or hand-edited records left alone
    failed: list[str] = field(default_factory=list)      # "path: reason" lines
    seconds: float = 0.0

    def summary(self) -> str:
        """`ingested 12, unchanged 40, failed 1 in 2.3 s` (and duplicates/kept when there are any)."""
        parts = [f"ingested {len(self.ingested)}", f"unchanged {len(self.unchanged)}"]
        if self.duplicates:
            parts.append(f"duplicates {len(self.duplicates)}")
        if self.kept:
            parts.append(f"kept {len(self.kept)}")
        parts.append(f"failed {len(self.failed)}")
        return ", ".join(parts) + f" in {self.seconds:.1f} s"


def raw_files(paths: list[Path]) -> list[Path]:
    """The readable raw files under the given files and folders, sorted, hidden files skipped."""
    out = []
    for path in paths:
        if path.is_dir():
            out += [p for p in sorted(path.rglob("*")) if p.is_file() and not _hidden(p, path)]
        else:
            out.append(path)
    return out


def _hidden(path: Path, top: Path) -> bool:
    """True for files under a dot-folder or named with a leading dot (editor and OS droppings)."""
    return any(part.startswith(".") for part in path.relative_to(top).parts)


class RecordIndex:
    """The records already in content/articles/, looked up by raw source and by content hash."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.by_source: dict[str, StoredRecord] = {}
        self.by_hash: dict[str, StoredRecord] = {}
        self.ids: set[str] = set()
        for item in iter_records(folder):
            if isinstance(item, RecordError):
                self.ids.add(item.path.stem)
                continue
            self.add(item)

    def add(self, rec: StoredRecord) -> None:
        """Index one stored record."""
        self.ids.add(rec.path.stem)
        for key in rec.meta.get("raw_sources") or []:
            self.by_source[key] = rec
        if rec.meta.get("content_hash"):
            self.by_hash.setdefault(rec.meta["content_hash"], rec)

    def free_id(self, wanted: str) -> str:
        """`wanted`, or `wanted-2`, `wanted-3` … when a record already has that id."""
        candidate, n = wanted, 1
        while candidate in self.ids:
            n += 1
            candidate = f"{wanted}-{n}"
        return candidate


def ingest(paths: list[Path], articles: Path, taxonomy: Taxonomy, refresh: bool = False,
           progress=None) -> IngestReport:
    """Read every raw file under `paths` and write or update its records; returns the report."""
    start = time.perf_counter()
    report, index = IngestReport(), RecordIndex(articles)
    files = raw_files(paths)
    for path in files:
        if progress:
            progress(path)
        try:
            raws = read_file(path)
        except ReadError as err:
            report.failed.append(f"{err.path}: {err.reason}" + (f" (hint: {err.hint})" if err.hint else ""))
            continue
        for raw in raws:
            _ingest_one(raw, index, taxonomy, refresh, report)
    report.seconds = time.perf_counter() - start
    return report


def source_key(raw) -> str:
    """The cache key of one raw article: its file's byte hash and its entry number."""
    return f"{raw.raw_bytes_hash[:24]}#{raw.entry}"


def _ingest_one(raw, index: RecordIndex, taxonomy: Taxonomy, refresh: bool, report: IngestReport) -> None:
    """Write the record of one raw article unless an equal, reviewed or hand-edited one is there."""
    key, label = source_key(raw), f"{raw.path}" + (f"#{raw.entry}" if raw.entry else "")
    existing = index.by_source.get(key)
    if existing and existing.meta.get("extractor_version") == EXTRACTOR_VERSION and not refresh:
        report.unchanged.append(label)
        return
    if existing and (existing.meta.get("reviewed") or existing.edited):
        report.kept.append(f"{existing.path}: {'reviewed' if existing.meta.get('reviewed') else 'edited by hand'}; not overwritten")
        return
    try:
        record = build_record(raw, taxonomy)
    except Exception as err:  # noqa: BLE001 - one bad article never stops the batch
        report.failed.append(f"{label}: extraction failed: {type(err).__name__}: {err}")
        return
    twin = index.by_hash.get(record["content_hash"])
    if twin is not None and twin is not existing:
        report.duplicates.append(f"{label}: same article as {twin.path.name}")
        return
    record_id = existing.path.stem if existing else index.free_id(record["id"])
    record["id"] = record_id
    record["raw_sources"] = [key]
    record["extractor_version"] = EXTRACTOR_VERSION
    body = record.pop("body")
    path = record_path(index.folder, record_id)
    write_atomic(path, dump_record(record, body))
    from .store import read_record
    index.add(read_record(path))
    report.ingested.append(label)


def known_suffixes() -> list[str]:
    """The file suffixes some reader handles."""
    from .read import text  # noqa: F401
    return sorted(READERS)
