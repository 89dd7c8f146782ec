"""What one ingest run did, article by article, and its one-line summary."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class IngestReport:
    """The outcome of one ingest run: one list of labelled lines per kind of outcome."""

    ingested: list[str] = field(default_factory=list)    # new records written
    updated: list[str] = field(default_factory=list)     # "id: figures +2 −1; changed: summary"
    unchanged: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # same article as an existing record
    kept: list[str] = field(default_factory=list)        # reviewed or hand-edited records left alone
    conflicts: list[str] = field(default_factory=list)   # records ingest would rewrite but may not
    failed: list[str] = field(default_factory=list)      # "path: reason" lines
    notes: list[str] = field(default_factory=list)       # things done to the input, e.g. control characters removed
    bad_records: list[str] = field(default_factory=list)  # record files that cannot be read, "path:line: problem"
    orphaned: int = 0                                    # records whose raw files are all gone
    out_of_date: int = 0                                 # records not reviewed left with an older extraction
    extracted: int = 0                                   # raw articles run through the extractor
    seconds: float = 0.0

    def summary(self) -> str:
        """`ingested 12, unchanged 40, failed 1 in 2.3 s` (updated, duplicates, kept, conflicts, orphaned, out of
        date when any)."""
        parts = [f"ingested {len(self.ingested)}"]
        for name in ("updated",):
            if getattr(self, name):
                parts.append(f"{name} {len(getattr(self, name))}")
        parts.append(f"unchanged {len(self.unchanged)}")
        for name in ("duplicates", "kept", "conflicts"):
            if getattr(self, name):
                parts.append(f"{name} {len(getattr(self, name))}")
        parts.append(f"failed {len(self.failed)}")
        text = ", ".join(parts) + f" in {self.seconds:.1f} s"
        notes = [f"{n} {what}" for n, what in ((self.orphaned, "orphaned (raw file gone)"),
                                               (self.out_of_date, "out of date")) if n]
        return text + (f"; records {', '.join(notes)}: `briefing check` lists them" if notes else "")

    @property
    def ok(self) -> bool:
        """True when no input failed (conflicts and kept records are reported, not failures)."""
        return not self.failed
