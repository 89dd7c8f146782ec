"""Deciding, article by article, what to write: a new record, an update, an extra source, or nothing."""
from __future__ import annotations

from pathlib import Path

from ..record import Record, Source
from ..store import RecordError, display_path, read_record, safe_id
from .changes import describe_changes, same_content
from .index import RecordIndex, Summary
from .report import IngestReport
from .similar import numbers_agree
from .work import FileResult, Outcome
from .writer import Prepared, RecordWriter, stored_fields


def key_state(index: RecordIndex, key: str, version: str, refresh: bool) -> str:
    """What to do with one raw article: '' to extract it, else unchanged, reviewed, edited or broken."""
    summary = index.by_key.get(key)
    if summary is None:
        known = key in index.by_also or index.noted.get(key) == version
        return "unchanged" if known else ""
    if summary.error:
        return "broken"
    if not refresh and summary.version == version:
        return "unchanged"
    if summary.reviewed:
        return "reviewed"
    return "edited" if summary.edited else ""


class Applier:
    """Applies the results of extraction to content/articles/, one article at a time, in input order."""

    def __init__(self, index: RecordIndex, report: IngestReport, version: str, extractor_version: str,
                 refresh: bool, records_cache: Path | None = None):
        self.index, self.report, self.version = index, report, version
        self.extractor_version, self.refresh = extractor_version, refresh
        self.writer = RecordWriter(index.folder, records_cache)  # records and their entries in the build's cache
        self.written = 0

    def skip_states(self, digest: str) -> dict[str, str]:
        """The raw keys of a file (by its hash) that need no extraction, with their state."""
        keys = self.index.keys_with_prefix(digest[:24])
        states = {k: key_state(self.index, k, self.version, self.refresh) for k in keys}
        return {k: s for k, s in states.items() if s}

    def known_file(self, digest: str, label: str) -> bool:
        """Report a file from the cache without reading it, when nothing in it needs extraction; True if done."""
        info = self.index.raws.get(digest)
        if not info or info.get("v") != self.version:
            return False
        if info.get("error"):
            self.report.failed.append(f"{label}: {info['error']}")
            return True
        entries = info.get("entries") or []
        numbers = info.get("numbers") or entries
        states = self.skip_states(digest)
        keys = [f"{digest[:24]}#{e}" for e in entries]
        if not entries or not all(k in states for k in keys):
            return False
        for entry, number, key in zip(entries, numbers, keys):
            self.report_state(Outcome(key=key, label=label + (f"#{number}" if len(entries) > 1 else ""),
                                      entry=entry, number=number, state=states[key]))
        return True

    def apply_file(self, result: FileResult) -> None:
        """Record what one file gave, article by article."""
        task = result.task
        self.index.raws[task.digest] = {"v": self.version, "entries": [o.entry for o in result.outcomes],
                                        "numbers": [o.number for o in result.outcomes], "error": result.error or None}
        if result.error:
            self.report.failed.append(f"{task.label}: {result.error}")
            return
        single = len(result.outcomes) == 1
        for outcome in result.outcomes:
            if outcome.state:
                self.report_state(outcome)
            elif outcome.error:
                self.report.extracted += 1
                self.report.failed.append(f"{outcome.label}: {outcome.error}")
            else:
                self.report.extracted += 1
                self.apply_record(outcome, task.label if task.inside else "", single)

    def report_state(self, outcome: Outcome, summary: Summary | None = None) -> None:
        """Report an article that was not extracted, by its state (`summary`: the record concerned)."""
        if outcome.state == "unchanged":
            self.report.unchanged.append(outcome.label)
            return
        summary = summary or self.index.by_key.get(outcome.key)
        where = display_path(self.index.path_of(summary), self.index.base) if summary else None
        if outcome.state == "reviewed":
            self.report.kept.append(f"{where}: reviewed; not re-extracted from {outcome.label}")
        elif outcome.state == "edited":
            self.report.conflicts.append(
                f"{where}: edited by hand and not marked reviewed; not re-extracted from {outcome.label} "
                "(set `reviewed: true` to keep your edits for good, or delete the record to re-extract it)")
        elif outcome.state == "broken":
            self.report.conflicts.append(f"{where}: cannot be read, so {outcome.label} is not re-extracted "
                                         "over it: fix the record (`briefing check` shows the problem)")

    def apply_record(self, outcome: Outcome, raw_path: str, single: bool) -> None:
        """Write the record of a freshly extracted article: new, an update, or an extra source of a twin.

        `raw_path` is the file's path in the project ('' for a file from elsewhere, whose local
        path is not written into a record); a file holding one article finds its record by it
        when its bytes changed.
        """
        body = outcome.body
        if outcome.removed:
            self.report.notes.append(f"{outcome.label}: {outcome.removed} control character(s) (NUL and the like) "
                                     "removed from the text")
        bookkeeping = {"raw_sources": [outcome.key], **({"raw_path": outcome.label} if raw_path else {}),
                       "extractor_version": self.extractor_version, "extracted_with": self.version}
        record = outcome.prepared.record.model_copy(update=bookkeeping)
        by_path = self.index.by_path.get(raw_path) if raw_path and single else None
        existing = self.index.by_key.get(outcome.key) or by_path
        if existing is not None:
            self.update(existing, record, body, outcome)
            return
        twin = self.index.by_hash.get(record.content_hash)
        if twin is not None:
            self.add_source(twin, record, outcome)
            return
        near = self.near_twin(outcome.sketch, body)
        if near is not None:
            self.add_source(near[0], record, outcome, similarity=near[1])
            return
        self.create(record, body, outcome)

    def near_twin(self, sketch: str, body: str) -> tuple[Summary, float] | None:
        """(record, similarity) of the record a new article's body nearly repeats, its numbers agreeing; or None."""
        near = self.index.near_twin(sketch)
        if near is None:
            return None
        try:
            return near if numbers_agree(body, read_record(self.index.path_of(near[0])).body) else None
        except RecordError:
            return None

    def create(self, record: Record, body: str, outcome: Outcome) -> None:
        """Write a new record under a free, safe id."""
        fallback = "article-" + record.content_hash.split(":")[-1][:10]
        record = record.model_copy(update={"id": self.index.free_id(safe_id(record.id or "", fallback=fallback))})
        self.write(record, body, outcome.prepared, sketch=outcome.sketch)
        self.report.ingested.append(outcome.label)

    def update(self, existing: Summary, record: Record, body: str, outcome: Outcome) -> None:
        """Re-extract over an existing record, unless it is reviewed or edited by hand; report what changed."""
        path = self.index.path_of(existing)
        if existing.reviewed:
            self.index.noted[outcome.key] = self.version  # settled: not extracted again while unchanged
            shown = display_path(path, self.index.base)
            self.report.kept.append(f"{shown}: reviewed; not overwritten by {outcome.label}")
            return
        if existing.edited or existing.error:
            state = "edited" if existing.edited else "broken"
            self.report_state(Outcome(key=outcome.key, label=outcome.label, entry=outcome.entry, state=state),
                              existing)
            return
        old = read_record(path)
        kept = {"also_sources": old.record.also_sources} if old.record.also_sources else {}
        record = record.model_copy(update={"id": existing.id, **kept})
        fields, old_fields = stored_fields(record), old.meta
        if same_content(fields, body, old_fields, old.body) and record.extracted_with == existing.version:
            self.report.unchanged.append(outcome.label)
            return
        changes = describe_changes(old_fields, fields, old.body, body)
        self.write(record, body, outcome.prepared, sketch=outcome.sketch)
        target = self.report.updated if changes else self.report.unchanged
        target.append(f"{existing.id}: {changes}" if changes else outcome.label)

    def add_source(self, twin: Summary, record: Record, outcome: Outcome, similarity: float | None = None) -> None:
        """The same article again (other script or chrome, or a repost lacking the headline or the lead, whose
        `similarity` to the twin is given): list it in the twin's also_sources."""
        if twin.reviewed or twin.edited:
            why = "reviewed" if twin.reviewed else "edited by hand"
            self.index.noted[outcome.key] = self.version
            self.report.duplicates.append(f"{outcome.label}: same article as {twin.id}, which is {why}: "
                                          "its extra source is not recorded there")
            return
        old = read_record(self.index.path_of(twin))
        entry = {"source": record.source, "url": record.url, "raw": outcome.key, "raw_path": record.raw_path,
                 "script": record.script} | ({"similarity": similarity} if similarity is not None else {})
        twin_record = old.record.model_copy(update={"also_sources": [*old.record.also_sources,
                                                                     Source.model_validate(entry)]})
        how = f"nearly the same article (similarity {similarity:.2f})" if similarity is not None else "same article"
        self.write(twin_record, old.body)
        self.report.duplicates.append(f"{outcome.label}: {how} as {twin.id}; recorded as an extra source")

    def write(self, record: Record, body: str, prepared: Prepared | None = None, sketch: str | None = None) -> None:
        """Write one record (and its cache entry: writer.py) and index it.

        `prepared`: the worker's dumps of the record's extracted fields; `sketch`: the near-duplicate sketch of
        `body` (None: the body the record had).
        """
        written = self.writer.write(record, body, prepared)
        self.index.note_written(written.path, written.meta, written.file_hash, sketch)
        self.written += 1
