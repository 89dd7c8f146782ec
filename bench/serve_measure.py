"""The benchmark's serve step: how long after a record is edited `briefing serve` shows the edit.

`briefing serve` is started on a free port; once it serves (its first build done), the newest
record's title is changed and its page is fetched every 0.2 s until the new title is in it.
"""
from __future__ import annotations

import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

FIRST_BUILD_TIMEOUT = 3600.0   # seconds for the first build (cold at 10,000 articles on a busy machine)
SHOWN_TIMEOUT = 1200.0
MARK = "serve-edit"


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def edit_shown_after(root: Path) -> dict:
    """Serve the project at `root`, retitle its newest record, and time until its page shows the new title."""
    port, began = free_port(), time.perf_counter()
    env = {**os.environ, "BRIEFING_ROOT": str(root)}
    proc = subprocess.Popen([sys.executable, "-m", "generator.cli", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                            cwd=root, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stderr], daemon=True).start()
    try:
        _wait_for_line(lines, "Serving on", proc, FIRST_BUILD_TIMEOUT)
        first_build = time.perf_counter() - began
        record = sorted((root / "content" / "articles").glob("*.md"))[-1]
        title = f"{MARK} {int(time.time())}"
        text = record.read_text(encoding="utf-8")
        edited = time.perf_counter()
        record.write_text(re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.M), encoding="utf-8")
        url = f"http://127.0.0.1:{port}/articles/{record.stem}.html"
        while title not in _fetch(url):
            if time.perf_counter() - edited > SHOWN_TIMEOUT or proc.poll() is not None:
                raise RuntimeError(f"the edit of {record.name} was not shown at {url}")
            time.sleep(0.2)
        return {"seconds": time.perf_counter() - edited, "first_build_s": first_build, "article": record.stem}
    finally:
        proc.terminate()
        proc.wait(timeout=120)


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
