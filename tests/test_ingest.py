"""Ingest: never touches the inbox, never overwrites reviewed or hand-edited records, caches, reports."""
from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import pytest

import generator.ingest.work as work
from generator.ingest import INDEX_FILE, ingest
from generator.scripts import to_simplified
from generator.store import iter_records, read_record
from generator.taxonomy import load_taxonomy

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "content" / "inbox" / "cri-2025-02-08-huangpu.txt"


def page(title: str, paragraphs: list[str], when: str = "2025-03-01 10:00:00") -> str:
    """A page-text dump as copied from a news site: navigation, headline, dateline, body, footer."""
    body = "\n\n".join(f"  {p}" for p in paragraphs)
    return f"要聞 | 城市 | 大灣區\n{title}\n{when} 來源:測試新聞網編輯:王小明\n\n{body}\n\n責任編輯:王小明\n"


def numbered(n: int) -> str:
    """A distinct article for number `n`."""
    return page(f"測試開發區第{n}號公告", [f"測試開發區今年引進項目{n + 10}個,完成投資{n + 100}億元。",
                                         f"該區計劃到2026年建成產業園{n + 3}座。"])


class Project:
    """A scratch inbox, articles folder and cache, with an ingest that remembers its last report."""

    def __init__(self, root: Path):
        self.root = root
        self.inbox, self.articles, self.cache = root / "content/inbox", root / "content/articles", root / "build/cache"
        self.inbox.mkdir(parents=True)
        self.taxonomy = load_taxonomy(ROOT / "content" / "taxonomy")

    def add(self, name: str, text: str | bytes) -> Path:
        """Put a raw file in the inbox."""
        path = self.inbox / name
        path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
        return path

    def ingest(self, **kwargs):
        """Ingest the inbox (extraction version 'test:1' unless given)."""
        kwargs.setdefault("version", "test:1")
        return ingest([self.inbox], self.articles, self.taxonomy, cache_dir=self.cache, base=self.root, **kwargs)

    def records(self) -> dict[str, Path]:
        """The record files by id."""
        return {p.stem: p for p in sorted(self.articles.glob("*.md"))}

    def snapshot(self, folder: Path) -> dict[str, str]:
        """Every file under `folder` with the hash of its bytes."""
        return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path) -> Project:
    """A scratch project in tmp_path."""
    return Project(tmp_path)


def test_inbox_is_never_modified_and_a_second_ingest_changes_nothing(project):
    project.add("demo.txt", DEMO.read_bytes())
    for n in range(3):
        project.add(f"a{n}.txt", numbered(n))
    inbox_before = project.snapshot(project.inbox)
    first = project.ingest()
    assert len(first.ingested) == 4 and not first.failed, first.failed
    records = project.snapshot(project.articles)
    second = project.ingest()
    assert second.extracted == 0 and len(second.unchanged) == 4
    assert project.snapshot(project.articles) == records
    assert project.snapshot(project.inbox) == inbox_before
    assert second.summary().startswith("ingested 0, unchanged 4, failed 0 in ")


def test_adding_one_article_re_extracts_exactly_one(project):
    for n in range(5):
        project.add(f"a{n}.txt", numbered(n))
    assert project.ingest().extracted == 5
    project.add("a5.txt", numbered(5))
    report = project.ingest()
    assert report.extracted == 1 and report.ingested == ["content/inbox/a5.txt"]
    assert len(report.unchanged) == 5


def test_apart_extracts_even_one_file_in_a_worker_and_writes_the_same_records(project, tmp_path, monkeypatch):
    project.add("a0.txt", numbered(0))
    project.ingest()
    here = project.snapshot(project.articles)
    pids = tmp_path / "pids"
    extract = work.process

    def process(task, taxonomy):
        """Extract, noting which process did."""
        with pids.open("a") as out:
            out.write(f"{os.getpid()}\n")
        return extract(task, taxonomy)

    monkeypatch.setattr(work, "process", process)
    report = project.ingest(refresh=True, apart=True)
    assert report.extracted == 1 and project.snapshot(project.articles) == here
    assert pids.read_text().split() and str(os.getpid()) not in pids.read_text().split()


def test_an_extractor_change_re_extracts_everything(project):
    for n in range(3):
        project.add(f"a{n}.txt", numbered(n))
    project.ingest()
    report = project.ingest(version="test:2")
    assert report.extracted == 3
    assert all(read_record(p).meta["extracted_with"] == "test:2" for p in project.records().values())


def test_cache_is_rebuilt_when_missing_or_corrupt(project):
    for n in range(3):
        project.add(f"a{n}.txt", numbered(n))
    project.ingest()
    (project.cache / INDEX_FILE).write_text("{not json")
    assert project.ingest().extracted == 0
    (project.cache / INDEX_FILE).unlink()
    assert project.ingest().extracted == 0


def test_a_changed_raw_file_is_re_read_and_its_record_updated_in_place(project):
    path = project.add("a.txt", numbered(1))
    project.ingest()
    (record_id,) = project.records()
    path.write_text(numbered(1).replace("完成投資101億元", "完成投資999億元"), encoding="utf-8")
    report = project.ingest()
    assert report.extracted == 1 and list(project.records()) == [record_id]
    assert report.updated and report.updated[0].startswith(record_id)
    assert "999" in read_record(project.records()[record_id]).body


def test_reviewed_record_is_never_rewritten(project):
    project.add("a.txt", numbered(1))
    project.ingest()
    (path,) = project.records().values()
    path.write_text(path.read_text(encoding="utf-8").replace("reviewed: false", "reviewed: true"), encoding="utf-8")
    before = path.read_bytes()
    for kwargs in ({}, {"refresh": True}, {"version": "test:2"}, {"version": "test:3", "refresh": True}):
        report = project.ingest(**kwargs)
        assert path.read_bytes() == before, kwargs
        assert not report.failed
    assert report.kept and f"content/articles/{path.name}" in report.kept[0]


def test_hand_edited_record_is_not_overwritten_and_the_conflict_is_reported(project):
    project.add("a.txt", numbered(1))
    project.ingest()
    (path,) = project.records().values()
    path.write_text(path.read_text(encoding="utf-8").replace("測試開發區今年", "(校訂)測試開發區今年"),
                    encoding="utf-8")
    before = path.read_bytes()
    assert project.ingest().conflicts == [], "an unchanged extraction has nothing to overwrite"
    report = project.ingest(refresh=True)
    assert path.read_bytes() == before
    assert len(report.conflicts) == 1
    assert "edited by hand" in report.conflicts[0] and f"content/articles/{path.name}" in report.conflicts[0]
    assert list(project.records()) == [path.stem], "no second record for the same article"


def test_refresh_re_extracts_plain_records_and_reports_what_changed(project, monkeypatch):
    project.add("a.txt", numbered(1))
    project.add("b.txt", numbered(2))
    project.ingest()
    paths = project.records()
    reviewed = paths[sorted(paths)[1]]
    reviewed.write_text(reviewed.read_text(encoding="utf-8").replace("reviewed: false", "reviewed: true"))
    real = work.build_record

    def improved(raw, taxonomy):
        """The real record with one figure dropped, one added twice, and a new summary."""
        record, body = real(raw, taxonomy)
        added = record.figures[0].model_copy(update={"text": "新數字", "value": 1})
        return record.model_copy(update={"figures": record.figures[1:] + [added] * 2, "summary": "改進的摘要"}), body

    monkeypatch.setattr(work, "build_record", improved)
    report = project.ingest(refresh=True)
    assert report.extracted == 1 and len(report.kept) == 1
    (line,) = report.updated
    assert line.startswith(sorted(paths)[0]) and "figures +1 −1" in line and "summary" in line
    assert read_record(paths[sorted(paths)[0]]).meta["summary"] == "改進的摘要"


def test_same_article_in_the_other_script_becomes_an_extra_source(project):
    text = numbered(7)
    project.add("trad.txt", text)
    project.add("simp.txt", to_simplified(text).replace("測試新聞網", "另一个网站"))
    report = project.ingest()
    assert len(project.records()) == 1, report
    assert len(report.duplicates) == 1 and len(report.ingested) == 1
    (path,) = project.records().values()
    rec = read_record(path)
    (extra,) = rec.meta["also_sources"]
    assert extra["raw_path"] == "content/inbox/trad.txt" and extra["raw"].endswith("#0")
    assert not rec.edited
    assert project.ingest().extracted == 0, "the extra source is remembered"


def test_a_repost_with_other_page_chrome_becomes_an_extra_source(project):
    original = numbered(7)
    repost = (original.replace("要聞 | 城市 | 大灣區", "首頁 > 新聞中心 > 地方動態\n分享到:微信 微博")
              .replace("責任編輯:王小明", "版權所有 © 2025 測試新聞網 保留所有權利\n責任編輯:李四"))
    project.add("a.txt", original)
    project.add("b-repost.txt", repost)
    report = project.ingest()
    assert len(project.records()) == 1 and len(report.duplicates) == 1, report
    (path,) = project.records().values()
    assert [s["raw_path"] for s in read_record(path).meta["also_sources"]] == ["content/inbox/b-repost.txt"]


def test_a_duplicate_of_a_reviewed_record_is_reported_not_written(project):
    text = numbered(8)
    project.add("a.txt", text)
    project.ingest()
    (path,) = project.records().values()
    path.write_text(path.read_text(encoding="utf-8").replace("reviewed: false", "reviewed: true"))
    before = path.read_bytes()
    project.add("b.txt", to_simplified(text))
    report = project.ingest()
    assert path.read_bytes() == before and len(project.records()) == 1
    assert "reviewed" in report.duplicates[0]


@pytest.mark.parametrize("slug, expected", [("2025-03-01-same-title", "2025-03-01-same-title"),
                                            ("../../../etc/passwd", "etc-passwd"), ("/abs", "abs"), ("", "article-")])
def test_two_articles_with_the_same_slug_get_distinct_safe_ids(project, monkeypatch, slug, expected):
    real = work.build_record
    def with_slug(raw, taxonomy):
        """The real record under the id `slug`."""
        record, body = real(raw, taxonomy)
        return record.model_copy(update={"id": slug}), body

    monkeypatch.setattr(work, "build_record", with_slug)
    project.add("a.txt", numbered(1))
    project.add("b.txt", numbered(2))
    report = project.ingest()
    ids = sorted(project.records(), key=len)
    assert len(ids) == 2 and all(i.startswith(expected) for i in ids), (ids, report.failed)
    assert expected == "article-" or ids[1] == ids[0] + "-2"
    assert all(p.parent == project.articles for p in project.articles.rglob("*.md"))
    assert {read_record(p).meta["id"] for p in project.records().values()} == set(ids)


def test_bad_inputs_fail_one_line_each_and_never_stop_the_batch(project):
    project.add("a.txt", numbered(1))
    project.add("empty.txt", b"")
    project.add("binary.txt", bytes(range(256)) * 10)
    project.add("notes.pdf", b"%PDF-1.4")
    project.add("z.txt", numbered(2))
    report = project.ingest()
    assert len(report.ingested) == 2
    assert len(report.failed) == 3
    for name, line in zip(["binary.txt", "empty.txt", "notes.pdf"], sorted(report.failed)):
        assert line.startswith(f"content/inbox/{name}: ") and "\n" not in line
    assert not report.ok
    assert len(project.ingest().failed) == 3, "failures are reported again on the next run"


def test_symlinks_leaving_the_inbox_are_not_read(project, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(numbered(9), encoding="utf-8")
    os.symlink(secret, project.inbox / "link.txt")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "b.txt").write_text(numbered(10), encoding="utf-8")
    os.symlink(tmp_path / "outside", project.inbox / "folder")
    os.symlink(project.inbox / "missing.txt", project.inbox / "dangling.txt")
    report = project.ingest()
    assert not project.records()
    assert sorted(line.split(":")[0] for line in report.failed) == [
        "content/inbox/dangling.txt", "content/inbox/folder", "content/inbox/link.txt"]
    assert any("outside" in line for line in report.failed)


def test_broken_record_is_reported_and_not_duplicated(project):
    project.add("a.txt", numbered(1))
    project.ingest()
    (path,) = project.records().values()
    path.write_text(path.read_text(encoding="utf-8").replace("title: ", "title: [", 1), encoding="utf-8")
    report = project.ingest(version="test:2")
    assert list(project.records()) == [path.stem], "no second record next to the broken one"
    assert report.bad_records and report.bad_records[0].startswith(f"content/articles/{path.name}:")
    assert report.conflicts and "cannot be read" in report.conflicts[0]


def test_hand_edit_after_the_index_was_saved_is_noticed(project):
    project.add("a.txt", numbered(1))
    project.ingest()
    (path,) = project.records().values()
    old = os.stat(path)
    os.utime(path, ns=(old.st_atime_ns - 10**10, old.st_mtime_ns - 10**10))  # an old, trusted entry
    project.ingest()
    text = path.read_text(encoding="utf-8")
    same_size = text.replace("測試開發區今年", "試驗開發區今年")
    assert len(same_size.encode()) == len(text.encode())
    path.write_text(same_size, encoding="utf-8")
    report = project.ingest(version="test:2")
    assert report.conflicts and path.read_text(encoding="utf-8") == same_size


def test_control_characters_never_reach_a_record_and_ingest_notes_what_it_removed(project, monkeypatch):
    project.add("a.txt", numbered(1).replace("該區計劃", "該區\x07計劃\x1b[0m"))  # a NUL would make it binary
    project.add("b.txt", numbered(2))
    real = work.build_record

    def with_controls(raw, taxonomy):  # as a JSON input can carry them: "\u0000" in a field
        """The real record with control characters and a lone surrogate in b.txt's fields."""
        record, body = real(raw, taxonomy)
        if raw.path.name == "b.txt":
            record = record.model_copy(update={"title": record.title + "\x00\x1b[31m", "source": "\ud800來源"})
        return record, body

    monkeypatch.setattr(work, "build_record", with_controls)
    report = project.ingest()
    assert len(report.ingested) == 2
    assert len(report.notes) == 1 and report.notes[0].startswith("content/inbox/b.txt: 3 control character")
    for path in project.records().values():
        text = path.read_text(encoding="utf-8")
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f]", text), path
        assert "\\0" not in text and "\\e" not in text


def test_parallel_extraction_gives_the_same_records_in_the_same_order(tmp_path, monkeypatch):
    monkeypatch.setattr(work, "PARALLEL_FROM", 2)
    outputs = []
    for workers in (1, 2):
        project = Project(tmp_path / f"w{workers}")
        for n in range(6):
            project.add(f"a{n}.txt", numbered(n))
        project.add("dup.txt", to_simplified(numbered(3)))
        project.add("bad.txt", b"")
        report = project.ingest(workers=workers)
        outputs.append((project.snapshot(project.articles), report.ingested, report.duplicates, report.failed))
    assert outputs[0] == outputs[1]
    assert len(outputs[0][1]) == 6


def test_every_written_record_is_valid(project):
    project.add("demo.txt", DEMO.read_bytes())
    project.ingest()
    items = list(iter_records(project.articles))
    assert items and all(not isinstance(item, Exception) for item in items), items


def test_a_file_from_outside_the_project_leaves_no_local_path_in_its_record(project, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("Downloads")
    (elsewhere / "article.txt").write_text(numbered(3), encoding="utf-8")
    report = ingest([elsewhere / "article.txt"], project.articles, project.taxonomy, cache_dir=project.cache,
                    base=project.root, version="test:1")
    assert report.ingested == [str(elsewhere / "article.txt")]
    (path,) = project.records().values()
    assert str(elsewhere) not in path.read_text(encoding="utf-8")
    assert "raw_path" not in read_record(path).meta


def test_a_changed_raw_file_of_a_reviewed_record_is_reported_once_and_not_re_extracted(project):
    path = project.add("a.txt", numbered(1))
    project.ingest()
    (record,) = project.records().values()
    record.write_text(record.read_text(encoding="utf-8").replace("reviewed: false", "reviewed: true"))
    before = record.read_bytes()
    path.write_text(numbered(1).replace("完成投資101億元", "完成投資999億元"), encoding="utf-8")
    report = project.ingest()
    assert report.extracted == 1 and len(report.kept) == 1 and record.read_bytes() == before
    assert list(project.records()) == [record.stem]
    assert project.ingest().extracted == 0


def test_an_unchanged_inbox_file_is_not_hashed_again_and_a_changed_one_is(project, monkeypatch):
    import generator.ingest.index as index_module
    paths = [project.add(f"a{n}.txt", numbered(n)) for n in range(3)]
    long_ago = 1_700_000_000
    for path in paths:
        os.utime(path, (long_ago, long_ago))       # older than the index by far more than a timestamp tick
    assert project.ingest().extracted == 3
    hashed = []
    real_hash = index_module.hash_file
    monkeypatch.setattr(index_module, "hash_file", lambda path: hashed.append(path.name) or real_hash(path))
    again = project.ingest()
    assert again.extracted == 0 and len(again.unchanged) == 3 and hashed == []
    project.add("a1.txt", numbered(7))               # new bytes, a new mtime
    changed = project.ingest()
    assert hashed == ["a1.txt"] and changed.extracted == 1
    recent = project.add("a2.txt", numbered(2) + "\n")
    os.utime(recent, ns=(os.stat(recent).st_atime_ns, os.stat(paths[0]).st_mtime_ns))   # an old mtime, new size
    hashed.clear()
    assert project.ingest().extracted == 1 and "a2.txt" in hashed and "a0.txt" not in hashed
    # a1.txt was written less than a timestamp tick's margin before the index was saved: hashed again


def test_the_near_duplicate_index_finds_what_datasketch_lsh_finds():
    import base64

    import numpy
    from datasketch import MinHash, MinHashLSH

    from generator.ingest.similar import BANDS, NUM_PERM, ROWS, SCHEME, SEED, NearIndex, Sketch
    random = numpy.random.default_rng(5)
    base = random.integers(0, 2**32, NUM_PERM, dtype=numpy.uint32)
    texts = {}
    for n in range(60):                              # variants of one sketch: each value kept with a falling chance
        keep = random.random(NUM_PERM) < (n % 12) / 11
        values = numpy.where(keep, base, random.integers(0, 2**32, NUM_PERM, dtype=numpy.uint32)).astype("<u4")
        texts[f"r{n:02d}"] = f"{100 + n}:{base64.b64encode(values.tobytes()).decode('ascii')}"
    ours, theirs = NearIndex(), MinHashLSH(num_perm=NUM_PERM, params=(BANDS, ROWS))
    for key, text in texts.items():
        ours.add(key, text)
        theirs.insert(key, MinHash(seed=SEED, hashvalues=Sketch.decode(text).values, scheme=SCHEME))
    shared = 0
    for text in texts.values():
        found = Sketch.decode(text)
        expected = set(theirs.query(MinHash(seed=SEED, hashvalues=found.values, scheme=SCHEME)))
        assert ours.candidates(found) == expected
        shared += len(expected) > 1
        for key in expected:
            other = MinHash(seed=SEED, hashvalues=ours.sketches[key].values, scheme=SCHEME)
            assert found.likeness(ours.sketches[key])[0] == MinHash(seed=SEED, hashvalues=found.values,
                                                                    scheme=SCHEME).jaccard(other)
    assert shared > 10                                # the variants do meet: the comparison is not empty
    assert ours.twin(texts["r11"]) == ("r11", 1.0)
