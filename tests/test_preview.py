"""serve's preview (generator/preview.py): the page of an edited or added record written into the served site at
once, the same bytes the incremental build then writes; no preview where the build alone can say what a page is."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.paths import ProjectPaths
from generator.pipeline import build_site_atomically
from generator.preview import MOST_PAGES, Preview, changed_records, record_stamps
from golden.sample_project import make_project

NEWEST = "2025-03-01-huangpu-update.md"
EDITED = "2025-02-08-huangpu-targets.md"


@pytest.fixture
def built(tmp_path) -> ProjectPaths:
    """The golden project without its newest article, built, with a preview of that build ready."""
    paths = ProjectPaths(make_project(tmp_path / "project"))
    shutil.move(paths.articles / NEWEST, paths.root / NEWEST)
    build_site_atomically(paths)
    return paths


def _ready(paths: ProjectPaths) -> Preview:
    """A preview that has seen the last build (its warm state made)."""
    preview = Preview(paths)
    preview.after_build()
    preview.warming.join()
    return preview


def _pages(paths: ProjectPaths, stem: str) -> list[Path]:
    """An article's page in each script's folder of the site."""
    return [paths.site / "articles" / f"{stem}.html", paths.site / "zh-Hans" / "articles" / f"{stem}.html"]


def _retitle(path: Path, title: str, sentence: str) -> None:
    """Give a record a new title and a new last paragraph."""
    text = path.read_text(encoding="utf-8")
    head, _, rest = text.partition("\ntitle: ")
    old_title, _, rest = rest.partition("\n")
    path.write_text(f"{head}\ntitle: {title}\n{rest.rstrip()}\n\n{sentence}\n", encoding="utf-8")


def test_an_edited_record_is_shown_at_once_as_the_build_then_makes_it(built):
    preview = _ready(built)
    before = {page: page.read_bytes() for page in _pages(built, EDITED[:-3])}
    _retitle(built.articles / EDITED, "黃埔區修訂目標", "園區計劃新增產業基金80億元。")
    written = preview.show()
    assert written == _pages(built, EDITED[:-3])
    shown = {page: page.read_bytes() for page in written}
    assert all(shown[page] != before[page] for page in written)
    assert "黃埔區修訂目標".encode() in shown[written[0]] and "黄埔区修订目标".encode() in shown[written[1]]
    assert all(os.stat(page).st_mtime == 0 for page in written)   # the next build makes them again
    build_site_atomically(built)
    assert {page: page.read_bytes() for page in written} == shown


def test_an_added_record_is_shown_before_the_build_adds_it(built):
    preview = _ready(built)
    shutil.move(built.root / NEWEST, built.articles / NEWEST)
    written = preview.show()
    assert written == _pages(built, NEWEST[:-3])
    shown = {page: page.read_bytes() for page in written}
    build_site_atomically(built)
    assert {page: page.read_bytes() for page in written} == shown


def test_no_preview_before_a_build_after_a_template_change_or_for_a_broken_record(built):
    assert Preview(built).show() == []                                   # no build seen: nothing to compare with
    preview = _ready(built)
    assert preview.show() == []                                          # nothing changed
    record = built.articles / EDITED
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("\ntitle: ", "\ntitle: [unclosed ", 1), encoding="utf-8")
    assert preview.show() == []                                          # the build names the problem
    record.write_text(text.replace("\ntitle: ", "\ntitle: 新標題 ", 1), encoding="utf-8")
    template = built.templates / "pages" / "article.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert preview.show() == []                                          # a cold build: every page may change


def test_changed_records_are_the_added_and_the_modified(tmp_path):
    for name in ("a.md", "b.md", ".hidden.md", "notes.txt"):
        (tmp_path / name).write_text(name, encoding="utf-8")
    before = record_stamps(tmp_path)
    assert sorted(before) == ["a.md", "b.md"]
    (tmp_path / "b.md").write_text("longer text", encoding="utf-8")
    (tmp_path / "c.md").write_text("c", encoding="utf-8")
    (tmp_path / "a.md").unlink()
    assert changed_records(before, record_stamps(tmp_path)) == ["b.md", "c.md"]
    assert record_stamps(tmp_path / "missing") == {} and MOST_PAGES >= 1


def test_serve_watches_for_changes_not_reads(tmp_path):
    """A build reads every record: the watcher must not take a read for a change (serve would build for ever)."""
    import threading

    from watchdog.events import FileSystemEventHandler

    from generator.pipeline import _changes_observer
    record = tmp_path / "a.md"
    record.write_text("one", encoding="utf-8")
    seen, changed = [], threading.Event()

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event):
            seen.append(type(event).__name__)
            changed.set()

    observer = _changes_observer()
    observer.schedule(Handler(), str(tmp_path), recursive=True)
    observer.start()
    try:
        for _ in range(3):
            record.read_text(encoding="utf-8")
        assert not changed.wait(1.0), seen
        record.write_text("two", encoding="utf-8")
        assert changed.wait(5.0)
    finally:
        observer.stop()
        observer.join()


def test_a_quiet_preview_does_not_silence_the_other_threads(caplog):
    """The preview holds back its own thread's MkDocs messages, never another thread's (the server's address)."""
    import logging
    import threading

    from generator.preview import _quiet_mkdocs
    logger = logging.getLogger("mkdocs.test")
    caplog.set_level(logging.INFO, logger="mkdocs")
    handler = caplog.handler
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        with _quiet_mkdocs():
            logger.info("held back")
            other = threading.Thread(target=lambda: logger.info("still shown"))
            other.start()
            other.join()
        logger.info("shown after")
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    messages = [r.getMessage() for r in caplog.records]
    assert "held back" not in messages and "still shown" in messages and "shown after" in messages
