"""One writer at a time: an fcntl lock on build/briefing.lock around ingest and build.

The lock is held by an open file, so the system releases it when the process ends, even
after kill -9: a crashed run never leaves a stale lock behind.
"""
from __future__ import annotations

import fcntl
import os
import time
from contextlib import contextmanager
from pathlib import Path


class LockBusy(Exception):
    """Another briefing run holds the project's lock (the command exits with status 75, "try again later")."""

    exit_code = 75


@contextmanager
def project_lock(build_dir: Path, what: str):
    """Hold the project's lock for `what` (e.g. 'build'); raise LockBusy at once if another run holds it."""
    build_dir.mkdir(parents=True, exist_ok=True)
    path = build_dir / "briefing.lock"
    handle = open(path, "a+", encoding="utf-8")  # held open for the lock's lifetime
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise LockBusy(_busy_message(path)) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()} {what} {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
        handle.flush()
        yield path
    finally:
        handle.close()


def _busy_message(path: Path) -> str:
    """The message for the second run: who holds the lock, since when, and what to do."""
    try:
        holder = path.read_text(encoding="utf-8").split()
    except OSError:
        holder = []
    who = f" (pid {holder[0]}, {holder[1]} started {' '.join(holder[2:4])})" if len(holder) >= 4 else ""
    return (f"another briefing run is writing this project{who}; wait for it to finish and run again "
            f"(lock: {path})")
