"""Crashes and concurrency: kill -9 during ingest and build leaves records and site/ whole; one writer at a time."""
from __future__ import annotations

import hashlib
import io
import os
import shutil
import signal
import subprocess
import sys
import time
from contextlib import redirect_stderr
from pathlib import Path

from generator.lock import project_lock
from generator.paths import ProjectPaths
from generator.pipeline import run_ingest
from generator.store import RecordError, iter_records

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_ingest import numbered  # noqa: E402 - after sys.path names tests/ above


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


def kill_when(project: Path, ready, delay: float, *args: str) -> bool:
    """Start `briefing ARGS`, wait until `ready()` holds, then `delay` seconds, and kill -9 it; True if killed."""
    proc = briefing(project, *args)
    deadline = time.monotonic() + 120
    while not ready() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    time.sleep(delay)
    killed = proc.poll() is None
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    return killed


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


def test_kill_during_ingest_leaves_only_whole_records_and_the_next_run_completes(scratch_project, tmp_path):
    reference = tmp_path / "reference"
    shutil.copytree(scratch_project, reference)
    for project in (scratch_project, reference):
        fill_inbox(project, 40)
    with redirect_stderr(io.StringIO()):
        assert run_ingest(ProjectPaths(reference), []).ok
    inbox = snapshot(scratch_project / "content/inbox")
    start = count_records(scratch_project)
    for target in (start + 2, start + 12, start + 25):
        assert kill_when(scratch_project, lambda: count_records(scratch_project) >= target, 0, "ingest")
        assert count_records(scratch_project) < start + 40, "the kill came after the end of ingest"
        for item in iter_records(scratch_project / "content/articles"):
            assert not isinstance(item, RecordError), item
    result = finish(scratch_project, "ingest")
    assert result.returncode == 0, result.stderr
    articles = scratch_project / "content/articles"
    assert contents(articles) == contents(reference / "content/articles")
    assert not list(articles.glob(".*")), "no temporary file left behind"
    assert snapshot(scratch_project / "content/inbox") == inbox


def test_kill_during_build_leaves_the_previous_site_and_the_next_run_completes(scratch_project):
    assert finish(scratch_project, "build").returncode == 0
    site = scratch_project / "site"
    old = snapshot(site)
    (scratch_project / "content/inbox/new.txt").write_text(numbered(1), encoding="utf-8")
    seen, staging = [], scratch_project / ".site.building"
    kills = [(staging.exists, delay) for delay in (0.0, 0.3)]
    for ready, delay in kills:
        if kill_when(scratch_project, ready, delay, "build"):
            seen.append(snapshot(site))
    assert len(seen) >= 2, "most kills should land during the build"
    result = finish(scratch_project, "build")
    assert result.returncode == 0, result.stderr
    new = snapshot(site)
    assert new != old and any(name.endswith(".html") and name not in old for name in new), "a page for the new article"
    for state in seen:
        assert state in (old, new), "site/ was neither the previous nor the next complete site"
    assert not [p for p in scratch_project.iterdir() if p.name.startswith(".site")]


def test_a_second_build_waits_for_nobody_and_says_why(scratch_project):
    with project_lock(scratch_project / "build", "build"):
        result = finish(scratch_project, "build")
    assert result.returncode == 75
    assert "another briefing run" in result.stderr and "wait for it to finish" in result.stderr
    assert not (scratch_project / "site").exists()
    assert finish(scratch_project, "ingest").returncode == 0, "the lock is free again once its holder is gone"
