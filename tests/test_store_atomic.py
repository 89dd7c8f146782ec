"""Atomic replacement of a file and of a whole folder (site/), and recovery after a crash mid-swap."""
from __future__ import annotations

import os

import generator.atomic as atomic
from generator.atomic import previous_of, recover_folder, remove_stale_temporaries, swap_in_folder, write_atomic


def make(folder, name, text):
    """A folder holding one file."""
    folder.mkdir()
    (folder / name).write_text(text)
    return folder


def test_swap_puts_the_new_folder_in_place_and_drops_the_old(tmp_path):
    site, new = make(tmp_path / "site", "old.html", "old"), make(tmp_path / ".site.building", "new.html", "new")
    swap_in_folder(new, site)
    assert sorted(os.listdir(site)) == ["new.html"] and not new.exists()


def test_swap_without_renameat2_uses_two_renames_and_recovers_after_a_crash_between_them(tmp_path, monkeypatch):
    monkeypatch.setattr(atomic, "_exchange", lambda a, b: False)
    site, new = make(tmp_path / "site", "old.html", "old"), make(tmp_path / ".site.building", "new.html", "new")
    swap_in_folder(new, site)
    assert sorted(os.listdir(site)) == ["new.html"] and not previous_of(site).exists()
    os.rename(site, previous_of(site))  # as if killed after the first rename
    assert recover_folder(site) and (site / "new.html").read_text() == "new"
    assert not recover_folder(site), "nothing to recover when site/ is there"


def test_first_swap_when_there_is_no_site_yet(tmp_path):
    new = make(tmp_path / ".site.building", "index.html", "x")
    swap_in_folder(new, tmp_path / "site")
    assert (tmp_path / "site" / "index.html").read_text() == "x"


def test_write_atomic_leaves_no_temporary_and_stale_ones_are_removed(tmp_path):
    target = tmp_path / "a.md"
    write_atomic(target, "one")
    write_atomic(target, "two", durable=False)
    assert target.read_text() == "two" and sorted(os.listdir(tmp_path)) == ["a.md"]
    (tmp_path / ".a.md.x1y2.tmp").write_text("torn")
    assert [p.name for p in remove_stale_temporaries(tmp_path)] == [".a.md.x1y2.tmp"]
    assert sorted(os.listdir(tmp_path)) == ["a.md"]


def test_the_project_lock_admits_one_writer_and_names_the_holder(tmp_path):
    import pytest

    from generator.lock import LockBusy, project_lock
    with project_lock(tmp_path, "build"):
        with pytest.raises(LockBusy) as err:
            with project_lock(tmp_path, "ingest"):
                pass
        assert f"pid {os.getpid()}, build started" in str(err.value)
        assert err.value.exit_code == 75
    with project_lock(tmp_path, "ingest"):
        pass
