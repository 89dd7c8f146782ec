"""The benchmark's serve step: how long after a record is edited, and after an article is dropped into the inbox,
`briefing serve` shows it.

`briefing serve` is started on a free port; once it serves (its first build done), the newest record's title is
changed and its page fetched every 0.2 s until the new title is in it; once that build is done the record is put
back as it was, and once that one is done a new article is written into the inbox and the page of the record it
gives fetched until it is served.
"""
from __future__ import annotations

import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Callable

FIRST_BUILD_TIMEOUT = 3600.0   # seconds for the first build (cold at 10,000 articles on a busy machine)
SHOWN_TIMEOUT = 1200.0
MARK = "serve-edit"
BUILT = "Reloading browsers"   # MkDocs' line when a build of serve is done


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def edit_shown_after(root: Path, add_article: Callable[[Path], None] | None = None) -> dict:
    """Serve the project at `root`, retitle its newest record and time until its page shows the new title; then,
    with `add_article` (writes one article into the inbox folder it is given), time until the new record's page is
    served."""
    port, began = free_port(), time.perf_counter()
    env = {**os.environ, "BRIEFING_ROOT": str(root)}
    proc = subprocess.Popen([sys.executable, "-m", "generator.cli", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                            cwd=root, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stderr], daemon=True).start()
    articles = root / "content" / "articles"
    try:
        _wait_for_line(lines, "Serving on", proc, FIRST_BUILD_TIMEOUT)
        out = {"first_build_s": time.perf_counter() - began}
        record = sorted(articles.glob("*.md"))[-1]
        title = f"{MARK} {int(time.time())}"
        text = record.read_text(encoding="utf-8")
        edited = time.perf_counter()
        record.write_text(re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.M), encoding="utf-8")
        try:
            _wait_for_page(f"http://127.0.0.1:{port}/articles/{record.stem}.html", title, proc)
            out |= {"seconds": time.perf_counter() - edited, "article": record.stem}
            _wait_for_line(lines, BUILT, proc, SHOWN_TIMEOUT)
        finally:
            record.write_text(text, encoding="utf-8")   # the corpus as it was: the next run edits the same record
        _wait_for_line(lines, BUILT, proc, SHOWN_TIMEOUT)
        if add_article is not None:
            out |= _added_shown_after(root, port, add_article, proc)
        return out
    finally:   # serve and the build processes it runs: none may go on writing into the project after this step
        _stop_group(proc)


def _stop_group(proc: subprocess.Popen) -> None:
    """Stop `proc` and every process of its session (SIGTERM, then SIGKILL after 60 s)."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    except ProcessLookupError:
        proc.wait()
    try:
        os.killpg(proc.pid, signal.SIGKILL)   # what is left of the group after serve ended
    except ProcessLookupError:
        pass


def _added_shown_after(root: Path, port: int, add_article: Callable[[Path], None], proc) -> dict:
    """Seconds from an article written into the inbox until the page of the record it gives is served."""
    articles = root / "content" / "articles"
    before = {path.name for path in articles.glob("*.md")}
    added = time.perf_counter()
    add_article(root / "content" / "inbox")
    while not (new := sorted({path.name for path in articles.glob("*.md")} - before)):
        if time.perf_counter() - added > SHOWN_TIMEOUT or proc.poll() is not None:
            raise RuntimeError("the article added to the inbox gave no record")
        time.sleep(0.1)
    stem = Path(new[0]).stem
    _wait_for_page(f"http://127.0.0.1:{port}/articles/{stem}.html", "</html>", proc)
    return {"added_seconds": time.perf_counter() - added, "added_article": stem}


def _wait_for_page(url: str, wanted: str, proc) -> None:
    """Fetch `url` every 0.2 s until its text contains `wanted` (fails when serve ends or it takes too long)."""
    began = time.perf_counter()
    while wanted not in _fetch(url):
        if time.perf_counter() - began > SHOWN_TIMEOUT or proc.poll() is not None:
            raise RuntimeError(f"{url} did not show {wanted!r}")
        time.sleep(0.2)


def _fetch(url: str) -> str:
    """The page at `url` as text, '' when it cannot be fetched."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return ""


def _wait_for_line(lines: queue.Queue, wanted: str, proc: subprocess.Popen, timeout: float) -> None:
    """Wait until the process prints a line containing `wanted` (fails when it ends or takes too long)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            if proc.poll() is not None:
                raise RuntimeError("briefing serve ended before it served") from None
            continue
        if wanted in line:
            return
    raise RuntimeError(f"briefing serve printed no {wanted!r} in {timeout:.0f} s")
