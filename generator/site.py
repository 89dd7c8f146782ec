"""The MkDocs stage: build site/ (default script) and site/<script>/ from the records.

`briefing build` builds the scripts side by side, as many at once as there are cores (the
briefing plugin's `build_processes` in mkdocs.yml). For each script one process renders its
pages, then a fresh process runs MkDocs on them with the briefing plugin (generator/plugin.py)
told its script: each process holds one script's data only, and the memory the render needed is
given back before MkDocs starts (at 10,000 articles: MkDocs ~800 MB per script). Plain
`mkdocs build` builds the default script itself; the plugin then builds the others here.
"""
from __future__ import annotations

import gc
import json
import logging
import os
import resource
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import NamedTuple

from . import incremental
from .adapters import is_strict_counter
from .atomic import remove_path
from .gathered import largest_memo_mb
from .pages.settings import PLUGIN, Settings
from .paths import ProjectPaths
from .store import record_files
from .warm import STAGES, WarmStages, run_stage

TIMES_FILE = "last-build.json"   # in build/cache/: what each script's build cost
# A process's peak memory before any build has measured it (MB, for a corpus of n records: base + n * per_record);
# from the benchmark's corpus on 2 December 2026 (render 180 MB at 1,000 records, 359 at 3,000; MkDocs 124, 161).
FIRST_ESTIMATE = {"render": (60.0, 0.1), "mkdocs": (105.0, 0.02)}
# The memory ingest's one extraction worker holds beside stage processes started warm (MB; jieba's dictionary and
# the extraction's data: 320 MB measured 7 December 2026), and what a warm render holds per MB of the gathered articles'
# pickles it read (341 MB for 123 MB at 10,000 articles), before any warm build has measured it.
EXTRACTION_WORKER_MB = 330.0
WARM_RENDER_PER_MEMO_MB = 3.0
# How much less a warm stage process gets of a busy core than the ingest still running (the niceness it takes):
# the one file's ingest at 10,000 articles 4.4 s beside them at the same niceness, 3.7–3.9 s at 5.
WARM_NICE = 5


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
    render_warm_seconds: float = 0.0   # what each process made ready before its task came (0: not started warm)
    mkdocs_warm_seconds: float = 0.0
    render_warm_mb: float = 0.0        # and what it held then, waiting
    mkdocs_warm_mb: float = 0.0


def build_site(paths: ProjectPaths, site_dir: Path | None = None, warm: WarmStages | None = None) -> list[ScriptBuild]:
    """Build every script into `site_dir` (default: mkdocs.yml's site_dir), in parallel processes (those of `warm`
    where it started them)."""
    settings = Settings.load(paths.mkdocs_yml)
    site_dir = Path(site_dir or _configured_site_dir(paths))
    key = incremental.build_key(paths)
    builds = build_scripts(paths, settings, settings.scripts, site_dir, _previous(paths, settings, site_dir, key),
                           warm)
    _save_times(paths, builds)
    incremental.save_build(paths, key, site_dir, {b.script: b.nav for b in builds})
    return builds


def build_scripts(paths: ProjectPaths, settings: Settings, scripts, site_dir: Path,
                  previous: dict[str, tuple[Path, list]] | None = None,
                  warm: WarmStages | None = None) -> list[ScriptBuild]:
    """Build `scripts` into site_dir (the default script) and site_dir/<script>/ (each other), in parallel
    (reusing the pages of `previous`: each script's folder in the last site/ and its navigation; in the stage
    processes `warm` started)."""
    incremental.forget_build(paths)   # whatever is built now, the last build's record no longer says what site/ is
    outputs = {script: site_dir if script == settings.default_script else _side_dir(site_dir, script)
               for script in scripts}
    if not outputs:
        return []
    for out in outputs.values():
        remove_path(out)
    try:
        builds = _run_all(paths, settings, outputs, previous or {}, warm)
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
             previous: dict[str, tuple[Path, list]], warm: WarmStages | None = None) -> list[ScriptBuild]:
    """Build the scripts, as many at once as `plan_processes` allows; fail after all ended if any failed."""
    lanes, renders = plan_processes(settings, estimate_peaks(paths), len(outputs), _own_memory_mb("VmRSS"))
    render_slots = threading.BoundedSemaphore(renders)
    with tempfile.TemporaryDirectory(prefix="briefing-build-") as scratch, ThreadPoolExecutor(lanes) as pool:
        jobs = {script: pool.submit(_build_one, paths, script, out, Path(scratch), previous.get(script), render_slots,
                                    warm)
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
    measured, records = _last_build_scaled(paths, "peak_mb")
    return measured or {kind: base + records * per_record for kind, (base, per_record) in FIRST_ESTIMATE.items()}


def _last_build_scaled(paths: ProjectPaths, measure: str) -> tuple[dict[str, float] | None, int]:
    """Each kind of process's `measure` (`peak_mb`, `warm_mb`) in the last build, the largest of its scripts,
    scaled up by the records now against then (None where the last build did not measure it); and the records now."""
    records = len(record_files(paths.articles)) if paths.articles.is_dir() else 0
    try:
        last = json.loads((paths.cache / TIMES_FILE).read_text(encoding="utf-8"))
        scale = records / last["records"] if last["records"] else 1.0
        measured = {kind: max(s[f"{kind}_{measure}"] for s in last["scripts"]) * max(scale, 1.0) for kind in STAGES}
    except (OSError, ValueError, KeyError, TypeError, ZeroDivisionError):
        return None, records
    return (measured if all(measured.values()) else None), records


class SiteBuildError(Exception):
    """A script's build process failed (its messages went to standard error)."""


def _build_one(paths: ProjectPaths, script: str, out: Path, scratch: Path, previous: tuple[Path, list] | None,
               render_slots: threading.BoundedSemaphore, warm: WarmStages | None = None) -> ScriptBuild | None:
    """One script: a process renders its pages (when one of `render_slots` is free), then a fresh process runs MkDocs
    on them (reusing the pages of `previous`, the script's last site folder and navigation, when the navigation is
    the same); None when one failed. `warm`: the processes started ahead, used where it has them."""
    rendered, built = scratch / f"{script}.render.json", scratch / f"{script}.mkdocs.json"
    with render_slots:
        if not run_stage(paths, "render", script, rendered, [], warm):
            return None
    first = json.loads(rendered.read_text(encoding="utf-8"))
    reuse = [str(previous[0])] if previous and previous[1] == first["nav"] and previous[0].is_dir() else []
    if not run_stage(paths, "mkdocs", script, built, [str(out), str(rendered), *reuse], warm):
        return None
    second = json.loads(built.read_text(encoding="utf-8"))
    return ScriptBuild(script, first["seconds"], second["seconds"], first["pages"], first["peak_mb"],
                       second["peak_mb"], first["skipped"], first["nav"], second.get("reused", -1),
                       first.get("warm_seconds", 0.0), second.get("warm_seconds", 0.0),
                       first.get("warm_mb", 0.0), second.get("warm_mb", 0.0))


def warm_stages(paths: ProjectPaths) -> WarmStages:
    """The stage processes to start ahead of this build, chosen when they are started (`warm_scripts`: not before
    ingest forks its extraction worker)."""
    return WarmStages(paths, choose=lambda: warm_scripts(paths))


def warm_scripts(paths: ProjectPaths) -> tuple[str, ...]:
    """The scripts whose render and MkDocs processes to start ahead: all when the build will be incremental (a cold
    one gains nothing from them, and its processes need the memory), every render would run at once anyway
    (plan_processes) and, waiting, they all fit in `build_memory_mb` together with this process and ingest's
    extraction worker; else none."""
    settings = Settings.load(paths.mkdocs_yml)
    if not incremental.previous_build(paths, incremental.build_key(paths), paths.site.resolve()):
        return ()
    scripts, held = settings.scripts, _own_memory_mb("VmRSS")
    _, renders = plan_processes(settings, estimate_peaks(paths), len(scripts), held)
    waiting = estimate_waiting(paths)
    room = settings.build_memory_mb - held - EXTRACTION_WORKER_MB if settings.build_memory_mb else float("inf")
    fits = renders == len(scripts) and len(scripts) * (waiting["render"] + waiting["mkdocs"]) <= room
    return scripts if fits else ()


def estimate_waiting(paths: ProjectPaths) -> dict[str, float]:
    """What a render and a MkDocs process started warm should hold while they wait (MB): the last warm build's,
    scaled by the records now against then; before one, from the size of the gathered articles a render reads."""
    measured, _ = _last_build_scaled(paths, "warm_mb")
    return measured or {"render": FIRST_ESTIMATE["render"][0] + WARM_RENDER_PER_MEMO_MB * largest_memo_mb(paths.cache),
            "mkdocs": FIRST_ESTIMATE["mkdocs"][0]}


def main(argv: list[str]) -> None:
    """A build process: `render ROOT SCRIPT REPORT` or `mkdocs ROOT SCRIPT REPORT SITE_DIR RENDER_REPORT`; or
    `warm STAGE ROOT SCRIPT`: ready the stage, then run the task read from standard input (none: end)."""
    end_with_parent(os.getppid())
    ready, warm_seconds, warm_mb = None, 0.0, 0.0
    if argv[0] == "warm":
        _, stage, root, script = argv
        os.nice(WARM_NICE)   # the ingest that runs meanwhile comes first
        gc.disable()         # what it reads stays until the process ends (exit_now): nothing to collect
        began = time.perf_counter()
        ready = warm_up(stage, root, script)
        warm_seconds, warm_mb = time.perf_counter() - began, _own_memory_mb("VmRSS")
        line = sys.stdin.readline()
        if not line.strip():
            return
        task = json.loads(line)
        report, rest = task["report"], task["args"]
    else:
        stage, root, script, report, *rest = argv
    began = time.perf_counter()
    if stage == "render":
        data = render_stage(root, script, ready)
    else:
        data = mkdocs_stage(root, script, *rest, ready=ready)
    data |= {"seconds": time.perf_counter() - began, "warm_seconds": warm_seconds, "warm_mb": warm_mb,
             "peak_mb": own_peak_mb()}
    Path(report).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def warm_up(stage: str, root: str, script: str):
    """What a stage can make ready before its task comes (render.WarmStart, or MkDocs' configuration); None when
    that failed (the stage then does it all after all, and reports the problem there)."""
    try:
        if stage == "render":
            from . import render
            return render.warm_start(ProjectPaths(Path(root)), (script,))
        paths = ProjectPaths(Path(root))
        source = paths.mkdocs_yml.read_bytes()
        return ReadyConfig(_mkdocs_config(paths), source)
    except Exception:   # whatever it is, the stage itself meets it again and says it
        return None


def end_with_parent(parent: int, every: float = 0.5) -> threading.Thread:
    """End this process when `parent` (the build that started it) is gone: a build killed mid-way (SIGTERM, or
    killed outright) leaves no stage process writing into build/docs/ while the next build runs."""
    def watch() -> None:
        """Poll the parent; end at once when this process was handed to another."""
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(1)
    watcher = threading.Thread(target=watch, name="end-with-parent", daemon=True)
    watcher.start()
    return watcher


def exit_now() -> None:
    """End this build process at once, its output flushed: the render's million objects are not freed one by one
    (about 1 s at 10,000 articles), nor MkDocs' (its files are all written and closed by now)."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


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


def render_stage(root: str, script: str, ready=None) -> dict:
    """Render one script's pages into build/docs/<script>/ (from `ready`, a render.WarmStart, when there is one);
    what the MkDocs stage needs from it."""
    from . import render
    result = render.render_pages(ProjectPaths(Path(root)), scripts=(script,), warm=ready)
    return {"pages": result.pages, "nav": result.navs[script], "source_date_epoch": result.source_date_epoch,
            "skipped": result.skipped}


def mkdocs_stage(root: str, script: str, site_dir: str, rendered: str, previous: str | None = None,
                 ready=None) -> dict:
    """Run MkDocs on one script's rendered pages into `site_dir`, the briefing plugin told its script and nav
    (with `previous`, only the pages changed since that site folder was built; the others are hard-linked from it;
    `ready`: a ReadyConfig loaded before the pages were rendered, used while mkdocs.yml is still what it read)."""
    from mkdocs.commands.build import build
    paths, pages = ProjectPaths(Path(root)), json.loads(Path(rendered).read_text(encoding="utf-8"))
    if pages["source_date_epoch"] and "SOURCE_DATE_EPOCH" not in os.environ:
        os.environ["SOURCE_DATE_EPOCH"] = str(pages["source_date_epoch"])
    config = ready.config if ready and ready.source == paths.mkdocs_yml.read_bytes() else _mkdocs_config(paths)
    if PLUGIN not in config.plugins:
        raise SystemExit(f"{paths.mkdocs_yml}: the `{PLUGIN}` plugin is not listed under `plugins:`")
    config.plugins[PLUGIN].assign(script, pages["nav"], site_dir, previous)
    reuse = incremental.Reuse(Path(previous)) if previous else None
    if reuse:
        reuse.install()
    build(config, dirty=reuse is not None)
    return {"reused": reuse.link_unchanged(Path(site_dir)) if reuse else -1}


class ReadyConfig(NamedTuple):
    """A MkDocs configuration a warm process loaded, and the bytes of the mkdocs.yml it loaded it from."""

    config: object
    source: bytes


def _mkdocs_config(paths: ProjectPaths):
    """The project's MkDocs configuration as a build process loads it (strict; MkDocs' warnings shown)."""
    import mkdocs.commands.build  # noqa: F401 - the build's modules, loaded with the configuration's
    from mkdocs.config import load_config
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")   # Material's banner about MkDocs 2 (we pin mkdocs<2)
    _show_mkdocs_warnings()
    return load_config(str(paths.mkdocs_yml), strict=True)


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
    exit_now()
