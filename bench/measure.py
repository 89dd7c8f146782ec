"""Run one benchmark step in a child process: its wall time, its peak memory and the JSON it prints.

Wall time is time.perf_counter around the whole child (interpreter start and imports included).
Peak memory is measured two ways: `tree_peak_mb`, the largest sum of resident set sizes of the
child and all its descendants (worker pools included), sampled from /proc every 50 ms; and
`maxrss_mb`, the kernel's peak RSS of the child's largest single process (os.wait4 rusage),
which sampling cannot miss.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")
SAMPLE_SECONDS = 0.05


@dataclass
class StepRun:
    """What one child step cost and reported."""

    wall_s: float
    tree_peak_mb: float
    maxrss_mb: float
    returncode: int
    output: dict = field(default_factory=dict)
    log: str = ""
    timed_out: bool = False


def _parents() -> dict[int, int]:
    """pid → parent pid for every process visible in /proc."""
    out = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        out[int(entry.name)] = int(stat[stat.rindex(")") + 2:].split()[1])
    return out


def _tree_rss(root: int) -> int:
    """Bytes resident in process `root` and all its descendants right now."""
    parents = _parents()
    tree, grew = {root}, True
    while grew:
        new = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= new
        grew = bool(new)
    total = 0
    for pid in tree:
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_BYTES
        except (OSError, IndexError, ValueError):
            continue
    return total


class TreeSampler(threading.Thread):
    """A background thread recording the peak resident memory of a process tree."""

    def __init__(self, pid: int):
        """A sampler of the tree rooted at `pid` (start it with .start())."""
        super().__init__(daemon=True)
        self.pid, self.peak, self.done = pid, 0, threading.Event()

    def run(self) -> None:
        """Sample until stopped."""
        while not self.done.is_set():
            self.peak = max(self.peak, _tree_rss(self.pid))
            self.done.wait(SAMPLE_SECONDS)


def _stop(pid: int, flag: threading.Event) -> None:
    """Stop the process group of `pid` (the step and its workers): SIGTERM, then SIGKILL 5 s later."""
    flag.set()
    for sig, wait in ((signal.SIGTERM, 5.0), (signal.SIGKILL, 0.0)):
        try:
            os.killpg(pid, sig)
        except ProcessLookupError:
            return
        time.sleep(wait)


def run_step(argv: list[str], cwd: Path, log: Path, env: dict | None = None,
             timeout: float | None = None) -> StepRun:
    """Run `argv` (a step printing one JSON object as its last stdout line), measured; stopped after `timeout` s."""
    log.parent.mkdir(parents=True, exist_ok=True)
    stopped = threading.Event()
    with open(log, "wb") as err:
        start = time.perf_counter()
        child = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=err, env=env, start_new_session=True)
        sampler = TreeSampler(child.pid)
        sampler.start()
        timer = threading.Timer(timeout, _stop, (child.pid, stopped)) if timeout else None
        if timer:
            timer.daemon = True
            timer.start()
        stdout = child.stdout.read()
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        if timer:
            timer.cancel()
        sampler.done.set()
        sampler.join()
    child.returncode = os.waitstatus_to_exitcode(status)
    lines = stdout.decode("utf-8", "replace").strip().splitlines()
    output = json.loads(lines[-1]) if child.returncode == 0 and lines else {}
    return StepRun(wall_s=round(wall, 3), tree_peak_mb=round(sampler.peak / 2**20, 1),
                   maxrss_mb=round(usage.ru_maxrss / 1024, 1), returncode=child.returncode,
                   output=output, log=str(log), timed_out=stopped.is_set())
