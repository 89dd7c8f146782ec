"""What `briefing check` reports, and the record checks the build shares with it.

Problems (check exits 1; the build leaves such a record out, with the same line): a record the
record model refuses (generator/record.py), a taxonomy file with a bad entry, a record naming a
zone or industry id the taxonomy does not know. Notes (the record is valid and built): records
whose raw file is gone (orphaned), records not reviewed whose extraction is out of date, and zones
found under a provisional id (candidates for zones.yml). Every line is `path:line: problem`, the
path relative to the project root.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .paths import ProjectPaths
from .record import reference_problems
from .store import RecordError, StoredRecord, display_path, field_line, front_matter, problems_error


@dataclass
class CheckReport:
    """What check found: problems (failures) and notes, one `path:line: problem` line each."""

    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """`2 problem(s), 3 note(s)`, or that everything is valid."""
        if not self.problems and not self.notes:
            return "all records and taxonomy files are valid"
        return f"{len(self.problems)} problem(s), {len(self.notes)} note(s)"


def check_project(paths: ProjectPaths) -> CheckReport:
    """Check every record and taxonomy file of the project."""
    from .ingest import extraction_version
    from .record_cache import iter_cached_records
    from .taxonomy import load_with_problems
    taxonomy, taxonomy_lines = load_with_problems(paths.taxonomy, paths.root)
    items = list(iter_cached_records(paths.articles, paths.records_cache))
    records = [i for i in items if not isinstance(i, RecordError)]
    errors = [i for i in items if isinstance(i, RecordError)]
    if not taxonomy_lines:   # ids are judged against a whole taxonomy only
        records, unknown = split_unknown_references(records, taxonomy)
        errors += unknown
    report = CheckReport(problems=taxonomy_lines + [line for err in sorted(errors, key=lambda e: str(e.path))
                                                    for line in err.lines(paths.root)])
    report.notes += orphaned(records, paths.root) + out_of_date(records, extraction_version(paths.taxonomy), paths.root)
    report.notes += provisional_candidates(records, paths.root)
    return report


def split_unknown_references(records: list[StoredRecord], taxonomy) -> tuple[list[StoredRecord], list[RecordError]]:
    """The records whose zone and industry ids the taxonomy knows, and a RecordError for each of the others."""
    known, unknown = [], []
    for record in records:
        if not isinstance(record, StoredRecord):   # a gathered.KnownRecord: checked when gathered, same taxonomy
            known.append(record)
            continue
        problems = reference_problems(record.record, taxonomy)
        if problems:
            unknown.append(problems_error(record.path, front_matter(record.path), problems, record.meta))
        else:
            known.append(record)
    return known, unknown


def orphaned(records: list[StoredRecord], root: Path) -> list[str]:
    """Notes for records whose raw files (raw_path and those of also_sources) are all gone from the project."""
    out = []
    for record in records:
        raws = [record.record.raw_path] + [s.raw_path for s in record.record.also_sources]
        raws = [r for r in raws if r]
        if raws and not any((root / r).is_file() for r in raws):
            out.append(f"{display_path(record.path, root)}:{_line(record, 'raw_path')}: note: orphaned: its raw file "
                       f"{raws[0]} is gone (put it back, or delete the record to take the article off the site)")
    return out


def out_of_date(records: list[StoredRecord], version: str, root: Path) -> list[str]:
    """Notes for records not reviewed that were extracted by another version of the extraction than `version`."""
    out = []
    for record in records:
        made_with = record.record.extracted_with
        if record.reviewed or not made_with or made_with == version:
            continue
        why = ("edited by hand, so ingest keeps it: set `reviewed: true` to keep it, or delete it to re-extract it"
               if record.edited else "`briefing ingest` re-extracts it")
        out.append(f"{display_path(record.path, root)}:{_line(record, 'extracted_with')}: note: out of date: "
                   f"extracted with {made_with}, the extraction is now {version}; {why}")
    return out


def provisional_candidates(records: list[StoredRecord], root: Path) -> list[str]:
    """Notes for zones found under a provisional id (candidates for zones.yml), at their first record."""
    first: dict[str, tuple[StoredRecord, int, str]] = {}
    counts: dict[str, int] = {}
    for record in records:
        for n, zone in enumerate(record.record.zones):
            if zone.provisional:
                first.setdefault(zone.id, (record, n, zone.name))
                counts[zone.id] = counts.get(zone.id, 0) + 1
    return [f"{display_path(record.path, root)}:{_line(record, f'zones.{n}')}: note: zone {name} ({zone_id}, "
            f"{counts[zone_id]} article(s)) is not in the taxonomy; candidate for content/taxonomy/zones.yml"
            for zone_id, (record, n, name) in sorted(first.items())]


def _line(record: StoredRecord, name: str) -> int:
    """The line of the field at dotted place `name` in a record file (1 when it cannot be found)."""
    return field_line(front_matter(record.path), name) or 1
