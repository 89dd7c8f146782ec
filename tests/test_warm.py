"""Stage processes started warm (generator/warm.py): `briefing build` starts each script's render and MkDocs
process while it ingests a few new files; they read what does not depend on the records, then wait for their
task. A build through them equals a cold build byte for byte, keeps the memos as a plain build does, and none
is left running when no task comes."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import render, site
from generator.gathered import ArticleMemo, largest_memo_mb
from generator.incremental import build_key
from generator.pipeline import build_site_atomically, run_build
from generator.warm import WarmStages
from test_incremental import DELETED, NEWEST, _cold_copy, _files, _gathered, _project, _reused


def _last_build(paths) -> list[dict]:
    """What each script's last build reported (build/cache/last-build.json)."""
    return json.loads((paths.cache / site.TIMES_FILE).read_text(encoding="utf-8"))["scripts"]


@pytest.fixture()
def project(tmp_path):
    """The golden project without its newest article, built cold once (not warm)."""
    paths = _project(tmp_path / "project")
    shutil.move(paths.articles / NEWEST, paths.root / NEWEST)
    build_site_atomically(paths)
    assert _reused(paths) == [-1, -1]
    return paths


def test_a_build_in_warm_processes_equals_a_cold_build(project, tmp_path):
    for name, change in [("add", lambda: shutil.move(project.root / NEWEST, project.articles / NEWEST)),
                         ("delete", lambda: (project.articles / DELETED).unlink())]:
        entries = _gathered(project)
        change()
        assert run_build(project, ingest_first=False)
        for build in _last_build(project):   # both stages of both scripts ran in processes started warm
            assert build["render_warm_seconds"] > 0 and build["mkdocs_warm_seconds"] > 0, (name, build)
            assert build["reused"] > 0, name
        now = _gathered(project)   # the articles read ahead count as used only where a record asked for them
        assert len(set(entries) - set(now)) == {"add": 3, "delete": 5}[name], (name, set(entries) - set(now))
        assert all(now[e] == entries[e] for e in set(now) & set(entries)), name
        assert _files(project.site) == _cold_copy(project, tmp_path / name), name


def test_warm_processes_given_no_task_end_and_write_nothing(project):
    warm = WarmStages(project, ("zh-Hant", "zh-Hans"))
    with warm:
        warm.start()
        processes = [w.process for w in warm.started.values()]
        assert len(processes) == 4
    assert all(p.returncode == 0 for p in processes) and not warm.started


def test_warm_processes_start_only_when_they_fit_in_the_build_memory(project, monkeypatch):
    monkeypatch.setattr(site, "_own_memory_mb", lambda field: 100.0)
    monkeypatch.setattr(site, "estimate_waiting", lambda paths: {"render": 300.0, "mkdocs": 100.0})
    assert site.warm_stages(project).scripts == ("zh-Hant", "zh-Hans")   # 2 × 400 + 100 + the worker's 330
    monkeypatch.setattr(site, "estimate_waiting", lambda paths: {"render": 700.0, "mkdocs": 200.0})
    assert site.warm_stages(project).scripts == ()                      # 2 × 900 + 400 > 2,048 MB


def test_what_warm_processes_hold_is_estimated_from_the_memo_then_measured(project):
    memo = largest_memo_mb(project.cache)
    assert memo > 0 and site.estimate_waiting(project) == {   # the fixture's build was not warm
        "render": site.FIRST_ESTIMATE["render"][0] + site.WARM_RENDER_PER_MEMO_MB * memo,
        "mkdocs": site.FIRST_ESTIMATE["mkdocs"][0]}
    shutil.move(project.root / NEWEST, project.articles / NEWEST)
    assert run_build(project, ingest_first=False)
    held = {kind: max(s[f"{kind}_warm_mb"] for s in _last_build(project)) for kind in ("render", "mkdocs")}
    assert all(mb > 20 for mb in held.values()) and site.estimate_waiting(project) == held


def test_a_warm_start_under_another_build_key_is_not_used(project):
    warm = render.warm_start(project, ("zh-Hant",))
    key = build_key(project)
    assert warm.key == key and warm.memos[0].read   # every article the cold build gathered, read ahead
    stale = render.WarmStart("another key", warm.scripts, warm.memos)
    render.render_pages(project, scripts=("zh-Hant",), warm=stale)
    assert warm.memos[0].read and not warm.memos[0].used   # a memo of its own was read instead
    render.render_pages(project, scripts=("zh-Hant",), warm=warm)
    assert not warm.memos[0].read and warm.memos[0].used


def test_a_preloaded_entry_that_cannot_be_read_is_made_again(project):
    memo = ArticleMemo(project.cache, "zh-Hant", build_key(project))
    broken = sorted(memo.names)[0]
    (memo.folder / f"{broken}.pickle").write_bytes(b"not a pickle")
    memo.preload()
    assert broken not in memo.read and len(memo.read) == len(memo.names) - 1
    warm = render.WarmStart(build_key(project), ("zh-Hant",), [memo])
    render.render_pages(project, scripts=("zh-Hant",), warm=warm)
    again = ArticleMemo(project.cache, "zh-Hant", build_key(project))
    again.preload()
    assert broken in again.read   # the record's article was made and kept again


def test_a_warm_process_that_ended_before_its_task_is_replaced(project):
    shutil.move(project.root / NEWEST, project.articles / NEWEST)
    warm = WarmStages(project, ("zh-Hant", "zh-Hans"))
    with warm:
        warm.start()
        for process in [w.process for w in warm.started.values()]:
            process.kill()
            process.wait()
        assert build_site_atomically(project, warm) == {}
    assert all(b["render_warm_seconds"] == 0 and b["reused"] > 0 for b in _last_build(project))


def test_a_warm_mkdocs_configuration_is_loaded_again_after_mkdocs_yml_changed(project):
    ready = site.warm_up("mkdocs", str(project.root), "zh-Hant")
    assert ready.config.site_name and ready.source == project.mkdocs_yml.read_bytes()
    text = project.mkdocs_yml.read_text(encoding="utf-8")
    project.mkdocs_yml.write_text(text.replace(f"site_name: {ready.config.site_name}", "site_name: Another name", 1),
                                  encoding="utf-8")
    assert "Another name" in project.mkdocs_yml.read_text(encoding="utf-8")
    paths = project
    rendered = paths.cache / "rendered.json"
    render_report = site.render_stage(str(paths.root), "zh-Hant")
    rendered.write_text(json.dumps(render_report, ensure_ascii=False), encoding="utf-8")
    site.mkdocs_stage(str(paths.root), "zh-Hant", str(paths.root / "out"), str(rendered), ready=ready)
    title = re.search(r"<title>(.*?)</title>", (paths.root / "out" / "zones.html").read_text(encoding="utf-8"))
    assert title and title.group(1).endswith("Another name"), title   # the theme's frame: MkDocs' site_name


def test_a_stage_process_ends_when_the_build_that_started_it_is_gone(tmp_path):
    """A build killed mid-way leaves no stage process writing on (site.end_with_parent)."""
    pid_file = tmp_path / "child.pid"
    child = (f"import os, time; from generator.site import end_with_parent; end_with_parent(os.getppid(), 0.1); "
             f"open({str(pid_file)!r}, 'w').write(str(os.getpid())); time.sleep(60)")
    parent = (f"import subprocess, sys, time, os; subprocess.Popen([sys.executable, '-c', {child!r}]); "
              f"[time.sleep(0.1) for _ in range(100) if not os.path.exists({str(pid_file)!r})]; os._exit(0)")
    subprocess.run([sys.executable, "-c", parent], check=True, timeout=60,
                   env={**os.environ, "PYTHONPATH": str(Path(site.__file__).resolve().parent.parent)})
    pid = int(pid_file.read_text())
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and Path(f"/proc/{pid}").exists() and "zombie" not in _state(pid):
        time.sleep(0.1)
    assert not Path(f"/proc/{pid}").exists() or "zombie" in _state(pid)


def _state(pid: int) -> str:
    """The state line of a process (empty when it is gone)."""
    try:
        return next(line for line in Path(f"/proc/{pid}/status").read_text().splitlines() if line.startswith("State"))
    except (OSError, StopIteration):
        return ""


def test_no_warm_processes_for_a_build_that_will_be_cold(project):
    assert site.warm_stages(project).scripts == ("zh-Hant", "zh-Hans")   # built before, under the same key
    template = project.templates / "pages" / "article.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert site.warm_stages(project).scripts == ()
