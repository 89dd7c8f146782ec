"""How many scripts `briefing build` builds at once, and how many of them render at once, within its memory bound."""
from __future__ import annotations

import json

import pytest

from generator.pages.settings import Settings
from generator.paths import ProjectPaths
from generator.site import FIRST_ESTIMATE, estimate_peaks, plan_processes


@pytest.mark.parametrize(("render", "mkdocs", "limit", "plan"), [
    (900, 700, 2048, (2, 2)),     # both scripts render side by side: 1,800 MB
    (1300, 600, 2048, (2, 1)),    # one renders while the other's MkDocs runs: 1,900 MB, never 2,600
    (1500, 600, 2048, (1, 1)),    # even one render beside one MkDocs is over: one script after the other
    (5000, 3000, 2048, (1, 1)),   # nothing fits: still built, one process at a time
    (5000, 3000, 0, (2, 2)),      # no bound
])
def test_the_plan_is_the_most_parallel_that_fits(render, mkdocs, limit, plan):
    settings = Settings(build_processes=2, build_memory_mb=limit)
    assert plan_processes(settings, {"render": render, "mkdocs": mkdocs}, scripts=2) == plan


def test_what_the_building_process_holds_counts_against_the_bound():
    settings, peaks = Settings(build_processes=2, build_memory_mb=2048), {"render": 960, "mkdocs": 290}
    assert plan_processes(settings, peaks, scripts=2) == (2, 2)
    assert plan_processes(settings, peaks, scripts=2, held=230) == (2, 1)   # 1,920 + 230 would pass 2 GB
    assert plan_processes(settings, peaks, scripts=2, held=4000) == (1, 1)


def test_no_more_processes_than_scripts_or_the_setting():
    peaks = {"render": 10, "mkdocs": 10}
    assert plan_processes(Settings(build_processes=4), peaks, scripts=2) == (2, 2)
    assert plan_processes(Settings(build_processes=1), peaks, scripts=2) == (1, 1)


def _project(tmp_path, records: int) -> ProjectPaths:
    paths = ProjectPaths(tmp_path)
    paths.articles.mkdir(parents=True)
    for n in range(records):
        (paths.articles / f"a-{n}.md").write_text("---\n---\n", encoding="utf-8")
    return paths


def test_before_any_build_the_estimate_grows_with_the_records(tmp_path):
    paths = _project(tmp_path, 10)
    base, per_record = FIRST_ESTIMATE["render"]
    assert estimate_peaks(paths)["render"] == pytest.approx(base + 10 * per_record)


def test_the_last_build_measured_is_scaled_by_the_records_added(tmp_path):
    paths = _project(tmp_path, 30)
    paths.cache.mkdir(parents=True)
    last = {"records": 10, "scripts": [{"render_peak_mb": 100.0, "mkdocs_peak_mb": 50.0},
                                       {"render_peak_mb": 80.0, "mkdocs_peak_mb": 60.0}]}
    (paths.cache / "last-build.json").write_text(json.dumps(last), encoding="utf-8")
    assert estimate_peaks(paths) == {"render": pytest.approx(300.0), "mkdocs": pytest.approx(180.0)}
