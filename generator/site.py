"""The MkDocs stage: build site/ (default script) and site/<script>/ from the records.

`briefing build` builds the scripts side by side, as many at once as there are cores (the
briefing plugin's `build_processes` in mkdocs.yml). For each script one process renders its
pages, then a fresh process runs MkDocs on them with the briefing plugin (generator/plugin.py)
told its script: each process holds one script's data only, and the memory the render needed is
given back before MkDocs starts (at 10,000 articles: MkDocs ~800 MB per script). Plain
`mkdocs build` builds the default script itself; the plugin then builds the others here.
"""
from __future__ import annotations

import json
import logging
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import incremental
from .adapters import is_strict_counter
from .atomic import remove_path
from .pages.settings import PLUGIN, Settings
from .paths import ProjectPaths
from .store import record_files

TIMES_FILE = "last-build.json"   # in build/cache/: what each script's build cost
# A process's peak memory before any build has measured it (MB, for a corpus of n records: base + n * per_record);
# from the benchmark's corpus on 2 December 2026 (render 180 MB at 1,000 records, 359 at 3,000; MkDocs 124, 161).
FIRST_ESTIMATE = {"render": (60.0, 0.1), "mkdocs": (105.0, 0.02)}


@dataclass
class ScriptBuild:
    """What building one script cost: its render process (gather included) and its MkDocs process."""

    script: str
    render_seconds: float
    mkdocs_seconds: float
    pages: int
    render_peak_mb: float
    mkdocs_peak_mb: float
    skipped: dict[str, list[str]] = field(default_factory=dict)   # records left out: their problem lines, by file
    nav: list = field(default_factory=list)
    reused: int = -1   # files hard-linked from the previous site (-1: a cold build)


def build_site(paths: ProjectPaths, site_dir: Path | None = None) -> list[ScriptBuild]:
    """Build every script into `site_dir` (default: mkdocs.yml's site_dir), in parallel processes."""
    settings = Settings.load(paths.mkdocs_yml)
    site_dir = Path(site_dir or _configured_site_dir(paths))
    key = incremental.build_key(paths)
    builds = build_scripts(paths, settings, settings.scripts, site_dir, _previous(paths, settings, site_dir, key))
    _save_times(paths, builds)
    incremental.save_build(paths, key, site_dir, {b.script: b.nav for b in builds})
    return builds


def build_scripts(paths: ProjectPaths, settings: Settings, scripts, site_dir: Path,
                  previous: dict[str, tuple[Path, list]] | None = None) -> list[ScriptBuild]:
    """Build `scripts` into site_dir (the default script) and site_dir/<script>/ (each other), in parallel
    (reusing the pages of `previous`: each script's folder in the last site/ and its navigation)."""
    incremental.forget_build(paths)   # whatever is built now, the last build's record no longer says what site/ is
    outputs = {script: site_dir if script == settings.default_script else _side_dir(site_dir, script)
               for script in scripts}
    if not outputs:
        return []
    for out in outputs.values():
        remove_path(out)
    try:
        builds = _run_all(paths, settings, outputs, previous or {})
        for script, out in outputs.items():
            if out != site_dir:
                remove_path(site_dir / script)
                os.replace(out, site_dir / script)
    finally:
        for out in outputs.values():
            if out != site_dir:
                remove_path(out)
    return builds


def _previous(paths: ProjectPaths, settings: Settings, site_dir: Path, key: str) -> dict[str, tuple[Path, list]]:
    """Each script's folder in the previous site/ and its navigation, when this build may reuse them
    (built into a staging folder, under the same build key); else {}."""
    site = paths.site.resolve()
    if site_dir.resolve() == site:
        return {}
    navs = incremental.previous_build(paths, key, site)
    return {script: (site if script == settings.default_script else site / script, nav)
            for script, nav in navs.items()}


def _run_all(paths: ProjectPaths, settings: Settings, outputs: dict[str, Path],
             previous: dict[str, tuple[Path, list]]) -> list[ScriptBuild]:
    """Build the scripts, as many at once as `plan_processes` allows; fail after all ended if any failed."""
    lanes, renders = plan_processes(settings, estimate_peaks(paths), len(outputs), _own_memory_mb("VmRSS"))
    render_slots = threading.BoundedSemaphore(renders)
    with tempfile.TemporaryDirectory(prefix="briefing-build-") as scratch, ThreadPoolExecutor(lanes) as pool:
        jobs = {script: pool.submit(_build_one, paths, script, out, Path(scratch), previous.get(script), render_slots)
                for script, out in outputs.items()}
        results = {script: job.result() for script, job in jobs.items()}
    failed = [script for script, build in results.items() if build is None]
    if failed:
        raise SiteBuildError(f"the site build failed for {', '.join(failed)} (MkDocs' messages are above)")
    return list(results.values())


def plan_processes(settings: Settings, peaks: dict[str, float], scripts: int, held: float = 0.0) -> tuple[int, int]:
    """(scripts built at once, of them rendering at once): the most that `build_memory_mb`, less the `held` MB of
    this process, holds by `peaks` (each kind of process's expected peak, MB), at most `build_processes` (0: one per
    core) and `scripts`.

    A script's render process is the larger; while one script renders, another's MkDocs may run beside it.
    """
    most = max(1, min(scripts, settings.build_processes or len(os.sched_getaffinity(0))))
    limit = max(1.0, settings.build_memory_mb - held) if settings.build_memory_mb else 0.0   # 0: no bound
    render, mkdocs = peaks["render"], peaks["mkdocs"]
    for lanes in range(most, 0, -1):
        for renders in range(lanes, 0, -1):
            if not limit or renders * render + (lanes - renders) * mkdocs <= limit and lanes * mkdocs <= limit:
                return lanes, renders
    return 1, 1


def estimate_peaks(paths: ProjectPaths) -> dict[str, float]:
    """The peak memory (MB) a render and a MkDocs process of this build should reach: the last build's, scaled
    by the number of records now against then; before any build, FIRST_ESTIMATE."""
    records = len(record_files(paths.articles)) if paths.articles.is_dir() else 0
    try:
        last = json.loads((paths.cache / TIMES_FILE).read_text(encoding="utf-8"))
        scale = records / last["records"] if last["records"] else 1.0
        return {kind: max(s[f"{kind}_peak_mb"] for s in last["scripts"]) * max(scale, 1.0)
                for kind in FIRST_ESTIMATE}
    except (OSError, ValueError, KeyError, TypeError, ZeroDivisionError):
        return {kind: base + records * per_record for kind, (base, per_record) in FIRST_ESTIMATE.items()}


class SiteBuildError(Exception):
    """A script's build process failed (its messages went to standard error)."""


def _build_one(paths: ProjectPaths, script: str, out: Path, scratch: Path,
               previous: tuple[Path, list] | None, render_slots: threading.BoundedSemaphore) -> ScriptBuild | None:
    """One script: a process renders its pages (when one of `render_slots` is free), then a fresh process runs MkDocs
    on them (reusing the pages of `previous`, the script's last site folder and navigation, when the navigation is
    the same); None when one failed."""
    rendered, built = scratch / f"{script}.render.json", scratch / f"{script}.mkdocs.json"
    with render_slots:
        if not _run_stage(paths, "render", script, rendered, []):
            return None
    first = json.loads(rendered.read_text(encoding="utf-8"))
    reuse = [str(previous[0])] if previous and previous[1] == first["nav"] and previous[0].is_dir() else []
    if not _run_stage(paths, "mkdocs", script, built, [str(out), str(rendered), *reuse]):
        return None
    second = json.loads(built.read_text(encoding="utf-8"))
    return ScriptBuild(script, first["seconds"], second["seconds"], first["pages"], first["peak_mb"],
                       second["peak_mb"], first["skipped"], first["nav"], second.get("reused", -1))


def _run_stage(paths: ProjectPaths, stage: str, script: str, report: Path, args: list[str]) -> bool:
    """Run `python -m generator.site STAGE ROOT SCRIPT REPORT …` (this package importable, output to our stderr)."""
    package_parent = str(Path(__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (package_parent, os.environ.get("PYTHONPATH")) if p)}
    argv = [sys.executable, "-m", "generator.site", stage, str(paths.root), script, str(report), *args]
    return subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, check=False).returncode == 0 and report.is_file()


def main(argv: list[str]) -> None:
    """A build process: `render ROOT SCRIPT REPORT` or `mkdocs ROOT SCRIPT REPORT SITE_DIR RENDER_REPORT`."""
    stage, root, script, report, *rest = argv
    began = time.perf_counter()
    data = render_stage(root, script) if stage == "render" else mkdocs_stage(root, script, *rest)
    data |= {"seconds": time.perf_counter() - began,
             "peak_mb": own_peak_mb()}
    Path(report).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def own_peak_mb() -> float:
    """This process's peak resident memory in MB since it started its program (Linux: VmHWM of /proc/self/status).

    Not getrusage's ru_maxrss: it survives exec, so a build process would report the parent's size at the fork."""
    return _own_memory_mb("VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _own_memory_mb(field_name: str) -> float:
    """A memory line of /proc/self/status in MB (VmRSS: resident now, VmHWM: its peak); 0 where it cannot be read."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0.0


def render_stage(root: str, script: str) -> dict:
    """Render one script's pages into build/docs/<script>/; what the MkDocs stage needs from it."""
    from . import render
    result = render.render_pages(ProjectPaths(Path(root)), scripts=(script,))
    return {"pages": result.pages, "nav": result.navs[script], "source_date_epoch": result.source_date_epoch,
            "skipped": result.skipped}


def mkdocs_stage(root: str, script: str, site_dir: str, rendered: str, previous: str | None = None) -> dict:
    """Run MkDocs on one script's rendered pages into `site_dir`, the briefing plugin told its script and nav
    (with `previous`, only the pages changed since that site folder was built; the others are hard-linked from it)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    paths, pages = ProjectPaths(Path(root)), json.loads(Path(rendered).read_text(encoding="utf-8"))
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")   # Material's banner about MkDocs 2 (we pin mkdocs<2)
    if pages["source_date_epoch"] and "SOURCE_DATE_EPOCH" not in os.environ:
        os.environ["SOURCE_DATE_EPOCH"] = str(pages["source_date_epoch"])
    _show_mkdocs_warnings()
    config = load_config(str(paths.mkdocs_yml), strict=True)
    if PLUGIN not in config.plugins:
        raise SystemExit(f"{paths.mkdocs_yml}: the `{PLUGIN}` plugin is not listed under `plugins:`")
    config.plugins[PLUGIN].assign(script, pages["nav"], site_dir, previous)
    reuse = incremental.Reuse(Path(previous)) if previous else None
    if reuse:
        reuse.install()
    build(config, dirty=reuse is not None)
    return {"reused": reuse.link_unchanged(Path(site_dir)) if reuse else -1}


def _configured_site_dir(paths: ProjectPaths) -> Path:
    """The site_dir of the project's mkdocs.yml, as MkDocs resolves it."""
    from mkdocs.config import load_config
    return Path(load_config(str(paths.mkdocs_yml)).site_dir)


def _side_dir(site_dir: Path, script: str) -> Path:
    """Where a non-default script is built before it is moved into site_dir/<script>/."""
    return site_dir.with_name(f"{site_dir.name}-{script}")


def _save_times(paths: ProjectPaths, builds: list[ScriptBuild]) -> None:
    """Write what each script's build cost to build/cache/last-build.json."""
    folder = paths.cache
    folder.mkdir(parents=True, exist_ok=True)
    records = len(record_files(paths.articles)) if paths.articles.is_dir() else 0
    data = {"records": records,
            "scripts": [{k: v for k, v in asdict(b).items() if k not in ("skipped", "nav")} for b in builds]}
    (folder / TIMES_FILE).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _show_mkdocs_warnings() -> None:
    """Print MkDocs' warnings (a broken link names its page) when nothing else shows its log."""
    logger = logging.getLogger("mkdocs")
    if not any(isinstance(h, logging.StreamHandler) and not isinstance(h, logging.FileHandler)
               for h in logger.handlers if not is_strict_counter(h)):
        handler = logging.StreamHandler()
        handler.setLevel(logging.WARNING)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)


if __name__ == "__main__":
    main(sys.argv[1:])
