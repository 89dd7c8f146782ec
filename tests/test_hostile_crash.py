"""Crashes and concurrency: kill -9 at the worst points of ingest and build (tests/killpoint.py) leaves records and
site/ whole and the next run completes; one writer at a time."""
from __future__ import annotations

import hashlib
import io
import os
import shutil
import signal
import subprocess
import sys
from contextlib import redirect_stderr
from pathlib import Path

from generator.lock import project_lock
from generator.paths import ProjectPaths
from generator.pipeline import run_ingest
from generator.store import RecordError, iter_records

ROOT = Path(__file__).resolve().parent.parent
KILLPOINT = Path(__file__).resolve().parent / "killpoint.py"
sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_ingest import numbered  # noqa: E402


def briefing(project: Path, *args: str) -> subprocess.Popen:
    """Start `briefing ARGS` on the scratch project in a subprocess."""
    env = dict(os.environ, BRIEFING_ROOT=str(project), PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-m", "generator.cli", *args], cwd=project, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(project: Path, *args: str) -> subprocess.CompletedProcess:
    """Run `briefing ARGS` to the end."""
    proc = briefing(project, *args)
    out, err = proc.communicate(timeout=300)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def kill_at(project: Path, point: str, *args: str, n: int = 1) -> None:
    """Run `briefing ARGS` until it reaches `point` (tests/killpoint.py), where it and its children are killed -9."""
    env = dict(os.environ, BRIEFING_ROOT=str(project), PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, str(KILLPOINT), point, str(n), "--", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=300, start_new_session=True)
    assert proc.returncode == -signal.SIGKILL, f"never reached {point} {n}: exit {proc.returncode}\n{proc.stderr}"


def count_records(project: Path) -> int:
    """How many record files the project has."""
    return len(list((project / "content/articles").glob("*.md")))


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` with the hash of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def contents(folder: Path) -> dict[str, tuple]:
    """Each record's fields and body, without the stamp of the code that extracted it (it may change mid-test)."""
    out = {}
    for item in iter_records(folder):
        assert not isinstance(item, RecordError), item
        meta = {k: v for k, v in item.meta.items() if k not in ("extracted_with", "fingerprint")}
        out[item.path.name] = (meta, item.body, item.edited)
    return out


def fill_inbox(project: Path, count: int) -> None:
    """Put `count` distinct articles in the project's inbox."""
    for n in range(count):
        (project / "content/inbox" / f"a{n:03d}.txt").write_text(numbered(n), encoding="utf-8")


def records(project: Path) -> dict:
    """The record files of the project, each parsed (a torn or half-written one fails the test)."""
    return contents(project / "content/articles")


def test_kill_during_ingest_leaves_only_whole_records_and_the_next_run_completes(scratch_project, tmp_path):
    reference = tmp_path / "reference"
    shutil.copytree(scratch_project, reference)
    for project in (scratch_project, reference):
        fill_inbox(project, 40)
    with redirect_stderr(io.StringIO()):
        assert run_ingest(ProjectPaths(reference), []).ok
    want = contents(reference / "content/articles")
    inbox = snapshot(scratch_project / "content/inbox")
    articles = scratch_project / "content/articles"
    start = count_records(scratch_project)
    kill_at(scratch_project, "record-unrenamed", "ingest", n=3)
    assert count_records(scratch_project) == start + 2 and len(list(articles.glob(".*.md.*.tmp"))) == 1
    kept = records(scratch_project)
    assert all(want[name] == record for name, record in kept.items()), "a record written before the kill is whole"
    kill_at(scratch_project, "record-renamed", "ingest", n=10)   # 2 written before, 10 now: 12
    assert count_records(scratch_project) == start + 12 and not list(articles.glob(".*.tmp")), "stale temporary removed"
    assert all(want[name] == record for name, record in records(scratch_project).items())
    kill_at(scratch_project, "index-unsaved", "ingest")
    assert records(scratch_project) == want, "every record written, though the index was not saved"
    result = finish(scratch_project, "ingest")
    assert result.returncode == 0, result.stderr
    assert "ingested 0," in result.stderr, "records written before a kill are known to the next run, not redone"
    assert records(scratch_project) == want
    assert not list(articles.glob(".*")), "no temporary file left behind"
    assert snapshot(scratch_project / "content/inbox") == inbox


def test_kill_during_build_leaves_the_previous_site_and_the_next_run_completes(scratch_project):
    assert finish(scratch_project, "build").returncode == 0
    site, aside = scratch_project / "site", scratch_project / ".site.previous"
    old = snapshot(site)
    (scratch_project / "content/inbox/new.txt").write_text(numbered(1), encoding="utf-8")
    kill_at(scratch_project, "site-aside", "build")
    assert not site.exists() and snapshot(aside) == old, "the previous site is kept aside, whole"
    for point in ("script-built", "site-unswapped"):
        kill_at(scratch_project, point, "build")
        assert snapshot(site) == old, f"killed at {point}: site/ is the previous site (put back after the first kill)"
        assert not aside.exists()
    kill_at(scratch_project, "site-swapped", "build")
    new = snapshot(site)
    assert new != old and any(name.endswith(".html") and name not in old for name in new), "a page for the new article"
    result = finish(scratch_project, "build")
    assert result.returncode == 0, result.stderr
    assert snapshot(site) == new, "the site swapped in before the kill was the complete new site"
    assert not [p for p in scratch_project.iterdir() if p.name.startswith(".site")]


def test_a_second_build_waits_for_nobody_and_says_why(scratch_project):
    with project_lock(scratch_project / "build", "build"):
        result = finish(scratch_project, "build")
    assert result.returncode == 75
    assert "another briefing run" in result.stderr and "wait for it to finish" in result.stderr
    assert not (scratch_project / "site").exists()
    assert finish(scratch_project, "ingest").returncode == 0, "the lock is free again once its holder is gone"
