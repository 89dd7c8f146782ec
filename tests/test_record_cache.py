"""The parsed-record cache: what it returns is exactly what parsing gives, and it notices every change."""
from __future__ import annotations

import json
import math
import os
import shutil
from pathlib import Path

import pytest

import generator.record_cache as record_cache
import generator.store as store
from generator.gather import read_records
from generator.store import RecordError, dump_record, read_record

ROOT = Path(__file__).resolve().parent.parent
REAL_FOLDERS = [ROOT / "content" / "articles", ROOT / "tests" / "golden" / "corpus" / "articles"]
HEAD = "id: {id}\ntitle: t\npublished: '2025-02-08T16:38:47+08:00'\nscript: zh-Hans\ncontent_hash: sha256:0\n"
TRICKY = {
    "2025-01-01-dates": """seen: 2025-02-08
stamps:
- 2025-02-08T16:38:47+08:00
- 2025-02-08 16:38:47Z
- 2025-02-08T16:38:47.123456-05:30
- 2025-02-08t16:38:47
- 2025-02-08 16:38:47.5 +01:00
- 2025-02-08T00:00:00+00:00
- '2025-02-08'
nested: {when: [2024-12-31, {at: 2024-12-31T23:59:59.999999+14:00}]}
""",
    "2025-01-02-numbers": """figures:
- {text: a, quote: a, unit: '', value: 1.0e+3, low: 1000.0, high: 1000, year: 2025, confidence: 0.1}
- {text: b, quote: b, unit: '', value: -0.0, low: 0x10, high: 1_000, confidence: 1}
big: 123456789012345678901234567890
floats: [.inf, -.inf, 1.5, 3.0, 0.1]
plain: [1e3, 017, +12, 0o17, yes, no, on, off, ~, null, '', true]
""",
    "2025-01-03-shapes": """url: null
editors: []
people: [{name: 甲, role: null}, {name: 乙}]
deep: [[[[1, [2, [3, {a: [{b: [null]}]}]]]]]]
empty: {}
unicode: "\\u2028 line sep, \\t tab, NUL \\0, emoji \\U0001F600, 漢字"
""",
}
# Values JSON cannot carry exactly: these records are parsed every time, never cached.
UNCACHEABLE = {
    "2025-02-01-int-keys": "by_year: {2024: 1, 2025: 2}\n",
    "2025-02-02-bool-keys": "flags: {yes: 1}\n",
    "2025-02-03-set": "tags: !!set {a, b}\n",
    "2025-02-04-binary": "blob: !!binary aGVsbG8=\n",
    "2025-02-05-pairs": "pairs: !!pairs [a: 1, b: 2]\n",
    "2025-02-06-deep": "deep: " + "[" * 600 + "]" * 600 + "\n",   # deeper than the cache's checks recurse
}
BAD = {
    "2025-03-01-bad-yaml.md": "---\nid: 2025-03-01-bad-yaml\ntitle: [unclosed\n---\nBody\n",
    "2025-03-02-bad-id.md": "---\n" + HEAD.format(id="something-else") + "---\nBody\n",
    "2025-03-03-no-front.md": "Just text\n",
    "2025-03-04-not-utf8.md": None,
}


def write_text_record(folder: Path, record_id: str, extra: str, body: str = "Body.\n") -> Path:
    """A record file written by hand: the common head, `extra` YAML lines and a body."""
    path = folder / f"{record_id}.md"
    path.write_text("---\n" + HEAD.format(id=record_id) + extra + "---\n\n" + body, encoding="utf-8")
    return path


def fill(folder: Path, records: dict[str, str]) -> list[Path]:
    """Write the hand-made records `records` (id → extra YAML) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    return [write_text_record(folder, rid, extra) for rid, extra in records.items()]


def write_bad(folder: Path) -> None:
    """Write records that cannot be read into `folder`."""
    for name, text in BAD.items():
        if text is None:
            (folder / name).write_bytes(b"---\nid: x\ntitle: \xff\xfe\n---\n")
        else:
            (folder / name).write_text(text, encoding="utf-8")


def assert_identical(got: list, want: list) -> None:
    """Same records in the same order, with the same values, types, key order and time zones."""
    assert [r.path for r in got] == [r.path for r in want]
    for a, b in zip(got, want):
        assert repr(a.meta) == repr(b.meta), a.path   # repr shows types (1 vs 1.0 vs True, date vs datetime, tzinfo)
        assert a.body == b.body
        assert type(a) is type(b)


def no_parsing(monkeypatch) -> None:
    """Make any YAML parsing fail loudly."""
    def refuse(*args, **kwargs):
        raise AssertionError("the YAML parser was called")
    monkeypatch.setattr(store, "load_front", refuse)
    monkeypatch.setattr(store, "parse_record", refuse)


def entries(cache: Path) -> set[str]:
    """The names of the cache entries in `cache`."""
    return {p.name for p in cache.iterdir()} if cache.is_dir() else set()


@pytest.mark.parametrize("folder", REAL_FOLDERS, ids=lambda p: p.parent.name)
def test_real_records_come_back_identical(tmp_path, folder, monkeypatch):
    assert list(folder.glob("*.md")), folder
    want, want_skipped = read_records(folder)
    first, _ = read_records(folder, tmp_path / "cache")
    no_parsing(monkeypatch)
    second, skipped = read_records(folder, tmp_path / "cache")
    assert_identical(first, want)
    assert_identical(second, want)
    assert second == want
    assert [str(e) for e in skipped] == [str(e) for e in want_skipped]
    assert len(entries(tmp_path / "cache")) == len(want)


def test_tricky_values_come_back_identical(tmp_path, monkeypatch):
    articles = tmp_path / "articles"
    fill(articles, TRICKY)
    want, skipped = read_records(articles)
    assert not skipped and len(want) == len(TRICKY)
    read_records(articles, tmp_path / "cache")
    assert len(entries(tmp_path / "cache")) == len(TRICKY)   # all of them cached
    no_parsing(monkeypatch)
    got, _ = read_records(articles, tmp_path / "cache")
    assert_identical(got, want)
    dates = next(r for r in got if r.id.endswith("dates")).meta
    assert dates["stamps"][1] == "2025-02-08 16:38:47Z" and dates["seen"] == "2025-02-08"   # dates stay as written
    numbers = next(r for r in got if r.id.endswith("numbers")).meta
    assert math.copysign(1, numbers["figures"][1]["value"]) == -1 and numbers["floats"][0] == math.inf


def test_a_nan_comes_back_as_a_nan(tmp_path, monkeypatch):
    articles = tmp_path / "articles"
    fill(articles, {"2025-01-04-nan": "odd: .nan\n"})
    read_records(articles, tmp_path / "cache")
    no_parsing(monkeypatch)
    (got,), _ = read_records(articles, tmp_path / "cache")
    assert type(got.meta["odd"]) is float and math.isnan(got.meta["odd"])


def test_values_json_cannot_carry_are_parsed_every_time(tmp_path):
    articles = tmp_path / "articles"
    fill(articles, UNCACHEABLE | TRICKY)
    want, skipped = read_records(articles)
    assert not skipped
    first, _ = read_records(articles, tmp_path / "cache")
    second, _ = read_records(articles, tmp_path / "cache")
    assert_identical(first, want)
    assert_identical(second, want)
    assert entries(tmp_path / "cache") == {f"{rid}.md.json" for rid in TRICKY}


def test_a_second_read_does_not_parse(tmp_path, monkeypatch):
    articles = tmp_path / "articles"
    shutil.copytree(REAL_FOLDERS[1], articles)
    want, _ = read_records(articles, tmp_path / "cache")
    no_parsing(monkeypatch)
    got, _ = read_records(articles, tmp_path / "cache")
    assert got == want
    with pytest.raises(AssertionError, match="YAML parser"):
        read_records(articles)   # without the cache the parser is needed


def test_same_size_same_mtime_edit_is_noticed(tmp_path):
    articles = tmp_path / "articles"
    (path,) = fill(articles, {"2025-01-05-edit": "note: before\n"})
    read_records(articles, tmp_path / "cache")
    stat = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("before", "after!"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns
    (got,), _ = read_records(articles, tmp_path / "cache")
    assert got.meta["note"] == "after!"
    (again,), _ = read_records(articles, tmp_path / "cache")
    assert again.meta["note"] == "after!"


def test_an_edited_body_is_noticed_and_only_its_entry_rewritten(tmp_path):
    articles, cache = tmp_path / "articles", tmp_path / "cache"
    paths = fill(articles, {f"2025-01-{n:02d}-r": "" for n in range(10, 20)})
    read_records(articles, cache)
    before = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    paths[3].write_text(paths[3].read_text(encoding="utf-8") + "More.\n", encoding="utf-8")
    got, _ = read_records(articles, cache)
    assert next(r for r in got if r.path == paths[3]).body == "Body.\nMore.\n"
    after = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    assert [n for n in after if after[n] != before[n]] == [paths[3].name + ".json"]


def test_deleted_records_disappear_and_their_entries_are_pruned(tmp_path):
    articles, cache = tmp_path / "articles", tmp_path / "cache"
    paths = fill(articles, {"2025-01-06-keep": "", "2025-01-07-gone": ""})
    read_records(articles, cache)
    assert entries(cache) == {"2025-01-06-keep.md.json", "2025-01-07-gone.md.json"}
    (cache / ".2025-01-06-keep.md.json.abc123.tmp").write_text("half", encoding="utf-8")  # a killed writer's
    (cache / "README.txt").write_text("not ours", encoding="utf-8")
    paths[1].unlink()
    got, skipped = read_records(articles, cache)
    assert [r.id for r in got] == ["2025-01-06-keep"] and not skipped
    assert entries(cache) == {"2025-01-06-keep.md.json", "README.txt"}


CORRUPT = {
    "garbage": b"\x00\xff not json",
    "truncated": None,
    "list": b"[]",
    "wrong-stamp": None,
    "meta-not-mapping": None,
    "bad-special": None,
    "empty": b"",
}


@pytest.mark.parametrize("kind", CORRUPT)
def test_a_corrupt_or_foreign_entry_is_ignored(tmp_path, kind):
    articles, cache = tmp_path / "articles", tmp_path / "cache"
    fill(articles, {"2025-01-01-dates": TRICKY["2025-01-01-dates"]})
    want, _ = read_records(articles)
    read_records(articles, cache)
    entry = cache / "2025-01-01-dates.md.json"
    good = json.loads(entry.read_text(encoding="utf-8"))
    data = CORRUPT[kind]
    if kind == "truncated":
        data = entry.read_bytes()[:200]
    elif kind == "wrong-stamp":
        data = json.dumps(good | {"stamp": "0" * 16, "meta": {"id": "forged"}}).encode()
    elif kind == "meta-not-mapping":
        data = json.dumps(good | {"meta": ["x"]}).encode()
    elif kind == "bad-special":
        data = json.dumps(good | {"special": [[["nowhere"], "date"]]}).encode()
    entry.write_bytes(data)
    got, skipped = read_records(articles, cache)
    assert_identical(got, want)
    assert not skipped
    assert json.loads(entry.read_text(encoding="utf-8")) == good   # written again, correctly


def test_entries_of_other_code_are_ignored(tmp_path, monkeypatch):
    articles, cache = tmp_path / "articles", tmp_path / "cache"
    fill(articles, {"2025-01-08-code": ""})
    read_records(articles, cache)
    monkeypatch.setattr(record_cache, "code_stamp", lambda: "another-version")
    calls = []
    real = store.parse_record
    monkeypatch.setattr(store, "parse_record", lambda *a: calls.append(a) or real(*a))
    read_records(articles, cache)
    assert len(calls) == 1


def test_bad_records_are_reported_every_time_and_never_cached(tmp_path):
    articles, cache = tmp_path / "articles", tmp_path / "cache"
    fill(articles, TRICKY)
    write_bad(articles)
    (articles / "2025-03-05-link.md").symlink_to(articles / "2025-01-01-dates.md")
    want, want_skipped = read_records(articles)
    assert len(want_skipped) == len(BAD) + 1
    for _ in range(2):
        got, skipped = read_records(articles, cache)
        assert_identical(got, want)
        assert [(type(e), str(e), e.problems) for e in skipped] == [(type(e), str(e), e.problems) for e in want_skipped]
    assert entries(cache) == {f"{rid}.md.json" for rid in TRICKY}


def test_a_record_that_turns_bad_loses_its_entry(tmp_path):
    articles, cache = tmp_path / "articles", tmp_path / "cache"
    (path,) = fill(articles, {"2025-01-09-turns": ""})
    read_records(articles, cache)
    path.write_text(path.read_text(encoding="utf-8").replace("title: t", "title: [t"), encoding="utf-8")
    got, skipped = read_records(articles, cache)
    assert not got and len(skipped) == 1 and isinstance(skipped[0], RecordError)
    assert entries(cache) == set()


def test_an_unwritable_cache_folder_still_reads(tmp_path):
    articles = tmp_path / "articles"
    fill(articles, TRICKY)
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x", encoding="utf-8")
    want, _ = read_records(articles)
    got, skipped = read_records(articles, blocked / "cache")
    assert_identical(got, want)
    assert not skipped


def test_records_written_by_ingest_round_trip(tmp_path, monkeypatch):
    articles = tmp_path / "articles"
    articles.mkdir()
    meta = {"id": "2025-01-10-ingest", "title": "標題: ---", "published": "2025-01-10T08:00:00+08:00",
            "script": "zh-Hant", "content_hash": "sha256:1", "reviewed": False,
            "figures": [{"text": "1億", "quote": "1億元", "value": 100000000.0, "unit": "元", "confidence": 0.9}]}
    (articles / "2025-01-10-ingest.md").write_text(dump_record(meta, "Body\r\nline\n"), encoding="utf-8")
    want = read_record(articles / "2025-01-10-ingest.md")
    read_records(articles, tmp_path / "cache")
    no_parsing(monkeypatch)
    (got,), _ = read_records(articles, tmp_path / "cache")
    assert_identical([got], [want])
    assert got.edited is False
