"""The issue's done-when criteria, computed from benchmark results (bench/results.json's `runs`)."""
from __future__ import annotations

from dataclasses import asdict, dataclass

TARGET_SIZE = 10_000
LARGE_SIZE = 30_000   # run on demand (`--sizes 30000 --merge`): memory and linear size only
LINEAR_FROM = 1_000
MB = 2**20


@dataclass
class Criterion:
    """One criterion: what it asks, at which size it was measured, the value and the verdict."""

    name: str
    target: str
    size: int | None
    measured: str
    passed: bool | None      # None: not measured
    wanted: int = TARGET_SIZE   # the size the issue asks it at

    @property
    def verdict(self) -> str:
        """PASS, FAIL, or `not measured`; marked when measured at another size than the issue asks."""
        if self.passed is None:
            return "not measured"
        word = "PASS" if self.passed else "FAIL"
        return word if self.size == self.wanted else f"{word} (at {self.size:,}, not {self.wanted:,})"

    def as_dict(self) -> dict:
        """The criterion as JSON-ready data, verdict included."""
        return {**asdict(self), "verdict": self.verdict}


def full_build_seconds(run: dict) -> float:
    """`briefing build` from cold: ingest from cold plus the site build from no site (wall times)."""
    return run["ingest_cold"]["wall_s"] + run["build"]["wall_s"]


def added_wall_s(step: dict) -> float:
    """The wall time of `briefing build` after one article was added: its own process's (runs before 7 December
    2026 timed it in the step's process, whose wall also held the step's start-up and the site's digest)."""
    return step.get("command_wall_s", step["wall_s"])


def peak_mb(run: dict) -> float:
    """The largest resident memory of any step: process tree sum, or the largest single process."""
    return max(max(step["tree_peak_mb"], step["maxrss_mb"]) for step in measured_steps(run).values())


BROWSER_STEPS = ("search", "pagefind")   # a browser measuring the site, not Briefing's own work


def measured_steps(run: dict) -> dict[str, dict]:
    """The steps of a run that are Briefing's work (the corpus generator and the browser steps left out)."""
    return {name: step for name, step in run.items() if isinstance(step, dict) and "tree_peak_mb" in step
            and not name.startswith("corpus") and name not in BROWSER_STEPS}


def per_article_bytes(run: dict) -> float:
    """Bytes of site/ per article record."""
    return run["build"]["site_bytes"] / max(1, run["ingest_added"]["records"])


def generator_share(run: dict) -> tuple[float, str]:
    """Gather+render time over MkDocs' own build time, and how it was taken."""
    build = run["build"]
    if build.get("render_calls"):
        share = build["render_seconds"] / max(1e-9, build["mkdocs_seconds"])
        return share, "the build's render and MkDocs processes, summed"
    render = run["render"]["seconds"]
    return render / max(1e-9, build["seconds"] - render), "standalone render step"


def incremental_equal(run: dict) -> str:
    """`yes` when the site after adding one article equals a cold build of the same content, else `no`."""
    return "yes" if run["build_added"]["site_digest"] == run["build_cold"]["site_digest"] else "no"


def code_changed(run: dict) -> bool:
    """True when the extraction code or data changed between the run's ingest steps (edits mid-run)."""
    versions = {run[name].get("version") for name in ("ingest_cold", "ingest_again", "ingest_added") if name in run}
    return len(versions - {None}) > 1


def evaluate(runs: dict[int, dict]) -> list[Criterion]:
    """Every criterion: at 10,000 articles (else the largest size run), then memory and size at 30,000."""
    if not runs:
        return []
    size = TARGET_SIZE if TARGET_SIZE in runs else max(runs)
    run = runs[size]
    checks = [
        ("full `briefing build` from cold (ingest + build)", "≤ 300 s", lambda: _full_build(run, size)),
        ("peak memory (largest step)", "≤ 2,048 MB", lambda: _peak(run, size)),
        ("site build from cold, both scripts (`briefing build --no-ingest`, wall)", "≤ 180 s",
         lambda: _limit(size, _done(run, "build")["wall_s"], 180, "{:.1f} s")),
        ("site/ size (room under GitHub Pages' 1 GB)", "≤ 800 MB",
         lambda: _limit(size, _done(run, "build")["site_bytes"] / MB, 800, "{:.1f} MB")),
        ("site/ per article vs 1,000 articles (or the next size down)", "≤ 1.5 ×", lambda: _linear(runs, size)),
        ("search: bytes one query fetches after start-up (largest query, either script)", "≤ 500 KB",
         lambda: _limit(size, _largest_query(run) / 1024, 500, "{:.0f} KB")),
        ("gather+render / MkDocs build", "≤ 25 %", lambda: _share(run, size)),
        ("re-ingest, nothing changed (wall)", "≤ 5 s",
         lambda: _limit(size, _done(run, "ingest_again")["wall_s"], 5, "{:.2f} s")),
        ("re-ingest, nothing changed: articles re-extracted", "= 0",
         lambda: _count(size, _done(run, "ingest_again")["extracted"], 0)),
        ("after adding one article: articles re-extracted", "= 1",
         lambda: _count(size, _done(run, "ingest_added")["extracted"], 1)),
        ("add one article, `briefing build` (wall)", "≤ 15 s",
         lambda: _limit(size, added_wall_s(_done(run, "build_added")), 15, "{:.1f} s")),
        ("… the site equal to a cold build of the same content", "= yes",
         lambda: _equal(run, size)),
        ("serve: an edited article shown after", "≤ 5 s",
         lambda: _limit(size, _done(run, "serve")["seconds"], 5, "{:.1f} s")),
        ("serve: an article dropped into the inbox shown after", "≤ 5 s",
         lambda: _limit(size, _done(run, "serve")["added_seconds"], 5, "{:.1f} s")),
    ]
    return [_criterion(name, target, check) for name, target, check in checks] + large_criteria(runs)


def large_criteria(runs: dict[int, dict]) -> list[Criterion]:
    """Peak memory and linear size at 30,000 articles (not measured unless that size was run)."""
    run = runs.get(LARGE_SIZE)

    def not_run() -> tuple:
        """The check of a size that was not run."""
        raise NotMeasured(f"run `--sizes {LARGE_SIZE} --merge` on demand")

    checks = [(f"peak memory at {LARGE_SIZE:,} articles (largest step)", "≤ 2,048 MB",
               (lambda: _peak(run, LARGE_SIZE)) if run else not_run),
              (f"site/ per article at {LARGE_SIZE:,} vs 1,000 articles (or the next size down)", "≤ 1.5 ×",
               (lambda: _linear(runs, LARGE_SIZE)) if run else not_run)]
    return [_criterion(name, target, check, LARGE_SIZE) for name, target, check in checks]


def _criterion(name: str, target: str, check, wanted: int = TARGET_SIZE) -> Criterion:
    """One criterion from its check (a function giving size, measured text and verdict, or raising NotMeasured)."""
    try:
        measured_size, measured, passed = check()
    except (KeyError, TypeError, ValueError, ZeroDivisionError, NotMeasured) as err:
        measured_size, measured, passed = None, f"not measured ({err})", None
    return Criterion(name, target, measured_size, measured, passed, wanted)


class NotMeasured(Exception):
    """A criterion whose steps did not run or did not finish."""


def _done(run: dict, step: str) -> dict:
    """A step's results; NotMeasured when it did not run or was stopped."""
    if step not in run:
        raise NotMeasured(f"no {step} step")
    if run[step].get("timed_out"):
        raise NotMeasured(f"{step} stopped after {run[step]['wall_s']:.0f} s")
    return run[step]


def _full_build(run: dict, size: int) -> tuple:
    """Cold ingest + build ≤ 300 s; a stopped step that already took longer fails it."""
    steps = [run.get("ingest_cold"), run.get("build")]
    if any(s is None for s in steps):
        raise NotMeasured("ingest or build missing")
    seconds = sum(s["wall_s"] for s in steps)
    if any(s.get("timed_out") for s in steps):
        if seconds <= 300:
            raise NotMeasured("a step was stopped")
        return size, f"> {seconds:.0f} s (stopped)", False
    return _limit(size, seconds, 300, "{:.1f} s")


def _peak(run: dict, size: int) -> tuple:
    """Peak memory ≤ 2 GB; a lower bound when a step was stopped before its end."""
    peak = peak_mb(run)
    stopped = any(s.get("timed_out") for s in measured_steps(run).values()) or "build" not in run
    if stopped and peak <= 2048:
        return size, f"≥ {peak:.0f} MB (not every step finished)", None
    return size, f"{peak:.0f} MB" + (" (not every step finished)" if stopped else ""), peak <= 2048


def _share(run: dict, size: int) -> tuple:
    """Gather+render over MkDocs' time ≤ 25 %, with how it was taken."""
    _done(run, "build")
    share, how = generator_share(run)
    return size, f"{share * 100:.1f} % ({how})", share <= 0.25


def _equal(run: dict, size: int) -> tuple:
    """The incrementally built site equal to the cold build of the same content."""
    _done(run, "build_added")
    _done(run, "build_cold")
    same = incremental_equal(run)
    return size, same, same == "yes"


def _limit(size: int, value: float, limit: float, fmt: str) -> tuple:
    """(size, measured, passed) of a criterion `value ≤ limit`."""
    return size, fmt.format(value), value <= limit


def _count(size: int, value: int, wanted: int) -> tuple:
    """(size, measured, passed) of a criterion `value == wanted` on a count."""
    return size, str(value), value == wanted


def search_queries(run: dict) -> list[dict]:
    """Every query the search step measured, over both scripts."""
    step = _done(run, "search")
    if step.get("skipped"):
        raise NotMeasured(step["skipped"])
    return [script[name] for script in step["scripts"].values() for name in sorted(script) if name.startswith("query")]


def _largest_query(run: dict) -> int:
    """Bytes fetched by the costliest query the search step measured."""
    return max(q["bytes"] for q in search_queries(run))


def _linear(runs: dict[int, dict], size: int) -> tuple:
    """Site bytes per article at the largest size ≤ 1.5 × at 1,000 (or the next size down)."""
    smaller = [s for s in runs if s < size and "build" in runs[s] and not runs[s]["build"].get("timed_out")]
    if not smaller:
        raise NotMeasured("needs two sizes")
    base = LINEAR_FROM if LINEAR_FROM in smaller else max(smaller)
    _done(runs[size], "build")
    ratio = per_article_bytes(runs[size]) / per_article_bytes(runs[base])
    label = (f"{ratio:.2f} × ({per_article_bytes(runs[size]) / 1024:.1f} KB vs "
             f"{per_article_bytes(runs[base]) / 1024:.1f} KB at {base:,})")
    return size, label, ratio <= 1.5
