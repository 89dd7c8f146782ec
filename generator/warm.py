"""The build's stage processes (`python -m generator.site STAGE …`), and stage processes started warm.

Each script's render and its MkDocs run in fresh Python processes (generator/site.py). A warm stage process
is started while `briefing build` still ingests its few new files (the cores mostly wait on the one extraction
worker then): it imports its modules and makes ready what does not depend on the records (a render: the build
key and every article earlier builds gathered, read from the memo; MkDocs: its configuration), then waits for
its task, one JSON line on its standard input. Closing that input without a task ends it, so a build that
stops early (or is killed) leaves none behind. The build starts them only when all of them fit together in
`build_memory_mb` (site.warm_stages): a waiting render holds what it read.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .paths import ProjectPaths

STAGES = ("render", "mkdocs")


def stage_command(paths: ProjectPaths, *args: str) -> tuple[list[str], dict]:
    """The argv and environment of `python -m generator.site ARGS…` for this project (this package importable)."""
    package_parent = str(Path(__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (package_parent, os.environ.get("PYTHONPATH")) if p)}
    return [sys.executable, "-m", "generator.site", *args], env


class WarmStage:
    """One stage process of one script, started ahead and waiting for its task."""

    def __init__(self, paths: ProjectPaths, stage: str, script: str):
        """Start `python -m generator.site warm STAGE ROOT SCRIPT` (its output goes to ours, as a stage's does)."""
        argv, env = stage_command(paths, "warm", stage, str(paths.root), script)
        self.process = subprocess.Popen(argv, env=env, stdin=subprocess.PIPE)

    def run(self, report: Path, args: list[str]) -> bool:
        """Give the process its task (the report file to write and the stage's arguments) and wait for it: True
        when it ended well and wrote its report."""
        try:
            self.process.stdin.write(json.dumps({"report": str(report), "args": args}).encode("utf-8") + b"\n")
            self.process.stdin.close()
        except OSError:   # it had already ended (its messages went to standard error)
            pass
        return self.process.wait() == 0 and report.is_file()

    def close(self) -> None:
        """End the process without a task (it exits on the end of its input)."""
        if not self.process.stdin.closed:
            try:
                self.process.stdin.close()
            except OSError:
                pass
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class WarmStages:
    """The stage processes of one build started ahead of it (none when `scripts` is empty), by stage and script."""

    def __init__(self, paths: ProjectPaths, scripts: tuple[str, ...] = (), choose=None):
        """Stages to start for `scripts` when `start()` is called (`choose()`: the scripts, asked the first time
        they are needed)."""
        self.paths, self._scripts, self._choose, self.started = paths, tuple(scripts), choose, {}

    @property
    def scripts(self) -> tuple[str, ...]:
        """The scripts whose stages are started ahead (chosen on first use)."""
        if self._choose is not None:
            self._scripts, self._choose = tuple(self._choose()), None
        return self._scripts

    def start(self) -> None:
        """Start every script's render, then every script's MkDocs process (once; the renders are needed first)."""
        if self.started or not self.scripts:
            return
        for stage in STAGES:
            for script in self.scripts:
                self.started[stage, script] = WarmStage(self.paths, stage, script)

    def take(self, stage: str, script: str) -> WarmStage | None:
        """The warm process for this stage of this script, once; None when there is none."""
        return self.started.pop((stage, script), None)

    def close(self) -> None:
        """End the processes no build took."""
        for warm in self.started.values():
            warm.close()
        self.started.clear()

    def __enter__(self) -> WarmStages:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def run_stage(paths: ProjectPaths, stage: str, script: str, report: Path, args: list[str],
              warm: WarmStages | None = None) -> bool:
    """Run one stage of one script: in its warm process when `warm` has one, else in a fresh
    `python -m generator.site STAGE ROOT SCRIPT REPORT …` (output to our stderr); True when it wrote its report."""
    ready = warm.take(stage, script) if warm is not None else None
    if ready is not None and ready.process.poll() is None:   # one that ended before its task is not waited on
        return ready.run(report, args)
    argv, env = stage_command(paths, stage, str(paths.root), script, str(report), *args)
    return subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, check=False).returncode == 0 and report.is_file()
