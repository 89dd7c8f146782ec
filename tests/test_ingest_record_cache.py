"""Ingest fills the build's parsed-record cache as it writes records: the next build parses no YAML."""
from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import generator.ingest.work as work
import generator.ingest.writer as writer
import generator.record_cache as record_cache
import generator.store as store
from generator.gather import read_records
from generator.ingest import INDEX_FILE, RECORDS_CACHE, RecordIndex
from generator.ingest.writer import Prepared, RecordWriter, in_place, prepare
from generator.paths import ProjectPaths
from generator.pipeline import cache_dir, run_ingest
from generator.record import Record
from generator.scripts import Wording, to_simplified
from generator.store import dump_record, parse_record, read_record
from test_ingest import DEMO, numbered
from test_record_cache import assert_identical, no_parsing

TRICKY_STRINGS = ["yes", "No", "~", "null", "1e3", "0o17", "1_000", "+12", ".inf", "2025-02-08", "12:30:00",
                  " lead", "trail ", "a\n---\nb", "a\n\n b", "\u2028\u2029\ufeff", "\t", "'", '"', "#", "- x",
                  "? x", "[1, 2]", "{a: 1}", "&a *b !!python/object", "", "-", "=", "<<", "---", "...", "標題: ---"]
TRICKY_NUMBERS = [0.0, -0.0, 1e16, 1e-7, 5e-324, 1.7976931348623157e308, math.inf, -math.inf, math.nan, 10 ** 30, -1,
                  True, False, None]
UNCACHEABLE = {"c.txt": date(2025, 2, 8), "d.txt": b"\x00bytes", "e.txt": {1: "a"}}   # tuples become lists earlier


def paths_of(project: Path) -> ProjectPaths:
    """The project's paths, with the demo record gone from content/articles/ so ingest writes it again."""
    paths = ProjectPaths(project)
    for record in paths.articles.glob("*.md"):
        record.unlink()
    return paths


def render_cache(paths: ProjectPaths) -> Path:
    """The cache folder the site build reads records through (generator/render.py)."""
    return paths.records_cache


def fill_inbox(paths: ProjectPaths, count: int = 4) -> None:
    """Numbered articles beside the demo, and one the other script makes a duplicate of (an extra source)."""
    for n in range(count):
        (paths.inbox / f"a{n}.txt").write_text(numbered(n), encoding="utf-8")
    duplicate = to_simplified(numbered(1)).replace("測試新聞網", "另一个网站")
    (paths.inbox / "dup.txt").write_text(duplicate, encoding="utf-8")


def ingest(paths: ProjectPaths):
    """`briefing ingest` of the inbox, as the CLI runs it."""
    report = run_ingest(paths, [])
    assert not report.failed, report.failed
    return report


def with_tricky_fields(real):
    """build_record with values YAML or JSON could get wrong added, and uncacheable ones in some files."""
    def build(raw, taxonomy):
        """The real record plus tricky fields."""
        record, body = real(raw, taxonomy)
        more = {"title": record.title + " yes: --- #x",
                "notes": {"strings": TRICKY_STRINGS, "numbers": TRICKY_NUMBERS,
                          **{s: s for s in TRICKY_STRINGS}, "deep": [[{"a": [{"b": [None, {}]}]}], []]}}
        if raw.path.name in UNCACHEABLE:
            more["odd"] = UNCACHEABLE[raw.path.name]
        return record.model_copy(update=more), body
    return build


def test_the_cache_folder_is_the_one_the_build_reads():
    paths = ProjectPaths(Path("/p"))
    assert cache_dir(paths) / RECORDS_CACHE == render_cache(paths)


@pytest.mark.parametrize("parallel", [False, True], ids=["serial", "workers"])
def test_a_read_after_ingest_parses_no_yaml_and_gives_what_parsing_gives(scratch_project, monkeypatch, parallel):
    monkeypatch.setattr(work, "PARALLEL_FROM", 2 if parallel else 10 ** 6)
    paths = paths_of(scratch_project)
    fill_inbox(paths)
    report = ingest(paths)
    assert len(report.ingested) == 5 and len(report.duplicates) == 1
    want, skipped = read_records(paths.articles)
    assert len(want) == 5 and not skipped
    assert any(r.meta.get("raw_path") == "content/inbox/" + DEMO.name for r in want)
    assert any(r.meta.get("also_sources") for r in want)   # rewritten by the duplicate: its entry too
    no_parsing(monkeypatch)
    got, skipped = read_records(paths.articles, render_cache(paths))
    assert_identical(got, want)
    assert got == want and not skipped


def test_tricky_values_are_cached_exactly_and_uncacheable_ones_left_to_parsing(scratch_project, monkeypatch):
    monkeypatch.setattr(work, "build_record", with_tricky_fields(work.build_record))
    paths = paths_of(scratch_project)
    fill_inbox(paths)
    for n, name in enumerate(UNCACHEABLE, start=10):
        (paths.inbox / name).write_text(numbered(n), encoding="utf-8")
    ingest(paths)
    want, _ = read_records(paths.articles)
    assert len(want) == 8 and all(r.meta["notes"]["strings"] == TRICKY_STRINGS for r in want)
    parsed = []
    real = store.parse_record
    monkeypatch.setattr(store, "parse_record", lambda *args: parsed.append(args[0].name) or real(*args))
    got, _ = read_records(paths.articles, render_cache(paths))
    assert_identical(got, want)
    assert sorted(parsed) == sorted(r.path.name for r in want if "odd" in r.meta) and len(parsed) == 3


def test_ingest_writes_what_dump_record_writes(scratch_project):
    paths = paths_of(scratch_project)
    fill_inbox(paths)
    ingest(paths)
    for path in paths.articles.glob("*.md"):
        rec = read_record(path)
        assert path.read_text(encoding="utf-8") == dump_record(rec.meta, rec.body)
        assert not rec.edited


def test_an_updated_record_gets_a_new_entry_and_a_hand_edit_is_parsed(scratch_project, monkeypatch):
    paths = paths_of(scratch_project)
    raw = paths.inbox / "a.txt"
    raw.write_text(numbered(1), encoding="utf-8")
    ingest(paths)
    read_records(paths.articles, render_cache(paths))
    raw.write_text(numbered(1).replace("完成投資101億元", "完成投資999億元"), encoding="utf-8")
    assert ingest(paths).updated
    with monkeypatch.context() as patch:
        no_parsing(patch)
        got, _ = read_records(paths.articles, render_cache(paths))
    assert sum("999" in r.body for r in got) == 1
    (path,) = [r.path for r in got if "999" in r.body]
    path.write_text(path.read_text(encoding="utf-8").replace("999", "998"), encoding="utf-8")
    got, _ = read_records(paths.articles, render_cache(paths))
    assert [r for r in got if r.path == path][0].body == read_record(path).body and "998" in read_record(path).body


def test_a_cache_that_cannot_be_written_never_fails_ingest(scratch_project, monkeypatch, caplog):
    paths = paths_of(scratch_project)
    fill_inbox(paths)
    render_cache(paths).parent.mkdir(parents=True)
    render_cache(paths).write_text("a file where the folder should be", encoding="utf-8")
    calls = []
    real = writer.write_bytes_atomic

    def counted(path, *args, **kwargs):
        """write_bytes_atomic, the writes of cache entries counted."""
        if path.name.endswith(".md.json"):
            calls.append(path)
        return real(path, *args, **kwargs)
    monkeypatch.setattr(writer, "write_bytes_atomic", counted)
    with caplog.at_level(logging.DEBUG, logger="generator.ingest.writer"):
        report = ingest(paths)
    assert len(report.ingested) == 5 and len(list(paths.articles.glob("*.md"))) == 5
    assert len(calls) == 1, "the first failure turns the cache off for the run"
    assert any("no record cache entries" in r.getMessage() and r.levelno == logging.DEBUG for r in caplog.records)


def test_parts_are_trusted_only_in_place():
    extracted = Record.model_validate({"id": "placeholder", "title": "t", "published": None, "script": "zh-Hans",
                                       "summary": "s", "figures": [], "content_hash": "h"})
    prepared = prepare(extracted)
    assert list(prepared.yaml) == ["title", "published", "script", "summary", "figures", "content_hash"]
    record = extracted.model_copy(update={"id": "a", "raw_sources": ["k"]})
    names = list(writer.stored_fields(record)) + ["fingerprint"]
    assert in_place(record, names, prepared)
    assert not in_place(record.model_copy(update={"figures": []}), names, prepared)   # replaced since dumped
    assert not in_place(record, ["id", "summary", "title", *names[3:]], prepared)     # not in the order dumped
    assert not in_place(record, [*names, "reviewed"], prepared)                       # a schema field not dumped
    assert not in_place(record, [n for n in names if n != "title"], prepared)
    assert not in_place(record, names, Prepared(extracted))


def test_a_record_whose_prepared_fields_moved_is_dumped_again(tmp_path):
    extracted = Record.model_validate({"id": "placeholder", "title": "t", "published": None, "script": "zh-Hans",
                                       "content_hash": "h"})
    prepared = prepare(extracted)
    record = extracted.model_copy(update={"id": "2025-01-01-a", "title": "other"})   # not the value the worker dumped
    written = RecordWriter(tmp_path, tmp_path / "cache").write(record, "b", prepared)
    assert read_record(written.path).meta["title"] == "other"
    assert written.path.read_text(encoding="utf-8") == dump_record(written.meta, "b")


TEXT = st.characters(blacklist_categories=("Cs",))
EXACT = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(TEXT),
                     lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(TEXT, max_size=8), inner,
                                                                                  max_size=4),
                     max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(TEXT, max_size=10), EXACT, max_size=4), st.text(TEXT, max_size=40),
       st.text(TEXT, max_size=200))
def test_an_entry_made_from_dumped_fields_equals_a_parse(extra, title, body):
    record = Record.model_validate({"id": "2025-01-01-a", "title": title, "published": None, "script": "zh-Hans",
                                    "content_hash": "h", **{f"x-{k}": v for k, v in extra.items()}})
    with tempfile.TemporaryDirectory() as folder:
        written = RecordWriter(Path(folder), Path(folder) / "cache").write(record, body, prepare(record))
        path, data = written.path, written.path.read_bytes()
        got = record_cache.load_entry(Path(folder) / "cache" / record_cache.entry_name(path), path,
                                      record_cache.hashlib.sha1(data).hexdigest())
    want = parse_record(path, data.decode("utf-8"))
    assert written.file_hash == record_cache.hashlib.sha1(data).hexdigest()
    assert record_cache.same(written.meta, want.meta)
    assert got is not None and record_cache.same(got.meta, want.meta) and repr(got.meta) == repr(want.meta)
    assert got.body == want.body and list(got.meta) == list(want.meta)


def test_the_index_and_the_cache_share_one_key(scratch_project):
    paths = paths_of(scratch_project)
    fill_inbox(paths)
    ingest(paths)
    cache = cache_dir(paths)
    index_data = json.loads((cache / INDEX_FILE).read_text(encoding="utf-8"))["records"]
    for path in paths.articles.glob("*.md"):
        entry = json.loads((render_cache(paths) / record_cache.entry_name(path)).read_text(encoding="utf-8"))
        assert index_data[path.name]["sha1"] == entry["sha1"] == hashlib.sha1(path.read_bytes()).hexdigest()


def test_a_touched_record_is_hashed_and_an_edited_one_parsed(scratch_project):
    paths = paths_of(scratch_project)
    fill_inbox(paths)
    ingest(paths)
    cache = cache_dir(paths)
    touched, edited = sorted(paths.articles.glob("*.md"))[:2]
    os.utime(touched, ns=(touched.stat().st_mtime_ns + 10**10,) * 2)   # the same bytes, another mtime
    edited.write_text(edited.read_text(encoding="utf-8").replace("reviewed: false", "reviewed: true"),
                      encoding="utf-8")
    index = RecordIndex(paths.articles, cache / INDEX_FILE, paths.root, Wording(), render_cache(paths))
    assert index.parsed == 1
    assert index.summaries[edited.name].reviewed and not index.summaries[touched.name].reviewed
