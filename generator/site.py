"""The MkDocs stage: build site/ (default script) and site/<script>/ from the records.

`briefing build` builds each script in a process of its own, as many at once as there are cores
(`extra.briefing.build_processes`): the process renders that script's pages, then runs MkDocs
on them. A fresh process per script keeps each build's memory to one script's pages and lets two
cores build two scripts at the same time. Plain `mkdocs build` still works: its hook renders every
script and builds the others one after the other (generator/mkdocs_hook.py).
"""
from __future__ import annotations

import json
import logging
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from .pages.settings import Settings
from .paths import ProjectPaths

TIMES_FILE = "last-build.json"   # in build/cache/: what each script's build cost


@dataclass
class ScriptBuild:
    """What building one script cost: render (gather included) and MkDocs, in its own process."""

    script: str
    render_seconds: float
    mkdocs_seconds: float
    pages: int
    peak_rss_mb: float


def build_site(paths: ProjectPaths, site_dir: Path | None = None) -> list[ScriptBuild]:
    """Build every script into `site_dir` (default: mkdocs.yml's site_dir), in parallel processes."""
    settings = Settings.load(paths.mkdocs_yml)
    site_dir = Path(site_dir or _configured_site_dir(paths))
    outputs = {script: site_dir if script == settings.default_script else _side_dir(site_dir, script)
               for script in settings.scripts}
    for out in outputs.values():
        _clear(out)
    try:
        builds = _run_all(paths, settings, outputs)
        for script, out in outputs.items():
            if out != site_dir:
                os.replace(out, site_dir / script)
    finally:
        for out in outputs.values():
            if out != site_dir:
                _clear(out)
    _save_times(paths, builds)
    return builds


def _run_all(paths: ProjectPaths, settings: Settings, outputs: dict[str, Path]) -> list[ScriptBuild]:
    """Run one fresh process per script, `processes` at a time; fail after all ended if any failed."""
    processes = settings.build_processes or len(os.sched_getaffinity(0))
    waiting, running, builds, failed = list(outputs.items()), [], [], []
    with tempfile.TemporaryDirectory(prefix="briefing-build-") as scratch:
        while waiting or running:
            while waiting and len(running) < max(1, processes):
                script, out = waiting.pop(0)
                report = Path(scratch) / f"{script}.json"
                running.append((script, report, _start(paths, script, out, report)))
            script, report, child = running.pop(0)
            if child.wait() != 0 or not report.is_file():
                failed.append(script)
            else:
                builds.append(ScriptBuild(**json.loads(report.read_text(encoding="utf-8"))))
    if failed:
        raise SiteBuildError(f"the site build failed for {', '.join(failed)} (MkDocs' messages are above)")
    return builds


class SiteBuildError(Exception):
    """A script's build process failed (its messages went to standard error)."""


def _start(paths: ProjectPaths, script: str, out: Path, report: Path) -> subprocess.Popen:
    """Start the process that builds one script (this package importable in it, output to our stderr)."""
    package_parent = str(Path(__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (package_parent, os.environ.get("PYTHONPATH")) if p)}
    argv = [sys.executable, "-m", "generator.site", str(paths.root), script, str(out), str(report)]
    return subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL)


def main(argv: list[str]) -> None:
    """The build process of one script: `python -m generator.site ROOT SCRIPT SITE_DIR REPORT_JSON`."""
    root, script, site_dir, report = argv
    build = build_script(root, script, site_dir)
    Path(report).write_text(json.dumps(asdict(build)), encoding="utf-8")


def build_script(root: str, script: str, site_dir: str) -> ScriptBuild:
    """In a build process: render one script's pages, then run MkDocs on them into `site_dir`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from . import render
    paths = ProjectPaths(Path(root))
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")   # Material's banner about MkDocs 2 (we pin mkdocs<2)
    _show_mkdocs_warnings()
    began = time.perf_counter()
    result = render.render_pages(paths, scripts=(script,))
    rendered = time.perf_counter()
    if result.source_date_epoch and "SOURCE_DATE_EPOCH" not in os.environ:
        os.environ["SOURCE_DATE_EPOCH"] = str(result.source_date_epoch)
    config = load_config(str(paths.mkdocs_yml), strict=True)
    config.extra.setdefault("briefing", {}).update(script=script, navs=result.navs, site_dir=site_dir, alone=True)
    build(config)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return ScriptBuild(script, rendered - began, time.perf_counter() - rendered, result.pages, peak)


def _configured_site_dir(paths: ProjectPaths) -> Path:
    """The site_dir of the project's mkdocs.yml, as MkDocs resolves it."""
    from mkdocs.config import load_config
    return Path(load_config(str(paths.mkdocs_yml)).site_dir)


def _side_dir(site_dir: Path, script: str) -> Path:
    """Where a non-default script is built before it is moved into site_dir/<script>/."""
    return site_dir.with_name(f"{site_dir.name}-{script}")


def _clear(folder: Path) -> None:
    """Remove a folder left by an earlier build (a link itself, never what it points to)."""
    if folder.is_symlink() or folder.is_file():
        folder.unlink()
    elif folder.exists():
        shutil.rmtree(folder)


def _save_times(paths: ProjectPaths, builds: list[ScriptBuild]) -> None:
    """Write what each script's build cost to build/cache/last-build.json."""
    folder = paths.build / "cache"
    folder.mkdir(parents=True, exist_ok=True)
    data = {"scripts": [asdict(b) for b in builds]}
    (folder / TIMES_FILE).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _show_mkdocs_warnings() -> None:
    """Print MkDocs' warnings (a broken link names its page) when nothing else shows its log."""
    logger = logging.getLogger("mkdocs")
    if not any(isinstance(h, logging.StreamHandler) and not isinstance(h, logging.FileHandler)
               for h in logger.handlers if type(h).__name__ != "CountHandler"):
        handler = logging.StreamHandler()
        handler.setLevel(logging.WARNING)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)


if __name__ == "__main__":
    main(sys.argv[1:])
