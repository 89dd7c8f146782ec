"""`briefing check` lists orphaned records (raw file gone) and records whose extraction is out of date,
and ingest's summary counts both (issue 14, item 4); every line is `path:line: problem`, relative."""
from __future__ import annotations

import re
import shutil

from generator.ingest import extraction_version, ingest
from generator.paths import ProjectPaths
from generator.pipeline import run_check, run_ingest
from generator.taxonomy import load_taxonomy

DEMO = "content/articles/2025-02-08-guang-zhou-kai-fa-qu-huang-pu-qu.md"
RAW = "content/inbox/cri-2025-02-08-huangpu.txt"


def ingest_with(paths: ProjectPaths, version: str):
    """Ingest the inbox as extraction `version` would have."""
    return ingest([paths.inbox], paths.articles, load_taxonomy(paths.taxonomy), cache_dir=paths.cache,
                  base=paths.root, version=version)


def line_of(paths: ProjectPaths, record: str, key: str) -> int:
    """The line of the top-level field `key` in a record file."""
    lines = (paths.root / record).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if line.startswith(f"{key}:"))


def test_a_record_whose_raw_file_is_gone_is_listed_and_counted(scratch_project):
    paths = ProjectPaths(scratch_project)
    assert run_ingest(paths, []).ok
    assert run_check(paths).notes == []
    (paths.root / RAW).unlink()
    report = run_check(paths)
    assert report.problems == []
    assert report.notes == [f"{DEMO}:{line_of(paths, DEMO, 'raw_path')}: note: orphaned: its raw file {RAW} is gone "
                            "(put it back, or delete the record to take the article off the site)"]
    summary = run_ingest(paths, []).summary()
    assert re.fullmatch(r"ingested 0, unchanged 0, failed 0 in [\d.]+ s; records 1 orphaned \(raw file gone\): "
                        r"`briefing check` lists them", summary), summary


def test_a_record_of_an_older_extraction_is_listed_until_ingest_refreshes_it(scratch_project):
    paths = ProjectPaths(scratch_project)
    shutil.rmtree(paths.articles)
    ingest_with(paths, "1:older")
    current = extraction_version(paths.taxonomy)
    (note,) = run_check(paths).notes
    assert note == (f"{DEMO}:{line_of(paths, DEMO, 'extracted_with')}: note: out of date: extracted with 1:older, "
                    f"the extraction is now {current}; `briefing ingest` re-extracts it")
    (paths.root / RAW).rename(paths.root / "kept-aside.txt")
    report = run_ingest(paths, [])
    assert "records 1 orphaned (raw file gone), 1 out of date: `briefing check` lists them" in report.summary()
    (paths.root / "kept-aside.txt").rename(paths.root / RAW)
    report = run_ingest(paths, [])
    assert "orphaned" not in report.summary() and "out of date" not in report.summary()
    assert run_check(paths).notes == []


def test_a_hand_edited_record_out_of_date_says_ingest_keeps_it(scratch_project):
    paths = ProjectPaths(scratch_project)
    shutil.rmtree(paths.articles)
    ingest_with(paths, "1:older")
    record = paths.root / DEMO
    record.write_text(record.read_text(encoding="utf-8").replace("source: ", "source: 編者改 ", 1), encoding="utf-8")
    (note,) = run_check(paths).notes
    assert "note: out of date: extracted with 1:older" in note
    assert note.endswith("edited by hand, so ingest keeps it: set `reviewed: true` to keep it, "
                         "or delete it to re-extract it")
    report = run_ingest(paths, [])
    assert report.conflicts and "records 1 out of date" in report.summary()
