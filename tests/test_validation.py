"""What check passes, build survives (issue 14): one validation for `briefing check`, ingest and build.

A record with a bad date, a wrong type or an id the taxonomy lacks is named by check as
`path:line: field: problem`; the build skips it with the same line, builds the rest and exits 1,
without a traceback. A zone renamed with `formerly:` keeps its records and its old address.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.paths import ProjectPaths
from generator.pipeline import run_check
from generator.render import render_pages
from golden.sample_project import make_project

ROOT = Path(__file__).resolve().parent.parent
TARGETS = "content/articles/2025-02-08-huangpu-targets.md"
SUZHOU = "content/articles/2025-01-10-suzhou-low-altitude.md"
INVESTMENT = "content/articles/2024-01-15-huangpu-investment.md"


def edit(project: Path, name: str, old: str, new: str) -> None:
    """Replace the first `old` in a project file by `new`, as a hand editor would."""
    path = project / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(project: Path, name: str, needle: str, nth: int = 1) -> int:
    """The line number (from 1) of the `nth` line of a project file that holds `needle`."""
    lines = [i for i, line in enumerate((project / name).read_text(encoding="utf-8").splitlines(), 1) if needle in line]
    return lines[nth - 1]


def rename_huangpu(project: Path, formerly: bool) -> None:
    """Rename the zone `huangpu` to `huangpu-district` in the taxonomy (saying so with `formerly:` or not)."""
    edit(project, "content/taxonomy/zones.yml", "- id: huangpu\n",
         "- id: huangpu-district\n" + ("  formerly: [huangpu]\n" if formerly else ""))


def briefing(project: Path, *args: str) -> subprocess.CompletedProcess:
    """Run the `briefing` command on a project, as a user would."""
    env = dict(os.environ, BRIEFING_ROOT=str(project), PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=600)


def test_check_names_each_bad_date_with_file_line_and_field(tmp_path):
    project = make_project(tmp_path / "project")
    edit(project, TARGETS, "published: '2025-02-08T16:38:47+08:00'", "published: yesterday")
    edit(project, SUZHOU, "published: '2025-01-10T15:00:00+08:00'", "published: 2024-13-45")   # unquoted
    edit(project, INVESTMENT, "event_date: null", "event_date: soon")
    problems = run_check(ProjectPaths(project)).problems
    assert len(problems) == 3, problems
    assert problems[0].startswith(f"{INVESTMENT}:5: event_date: 'soon' is not an ISO date"), problems
    assert problems[1].startswith(f"{SUZHOU}:4: published: '2024-13-45' is not a real date"), problems
    assert problems[2].startswith(f"{TARGETS}:4: published: 'yesterday' is not an ISO date-time"), problems


def test_check_names_wrong_types_and_misspelt_fields(tmp_path):
    project = make_project(tmp_path / "project")
    edit(project, TARGETS, "  year: 2025\n", "  year: '2025'\n")
    edit(project, TARGETS, "reviewed: false", "reviewd: true")
    edit(project, SUZHOU, "title: ", "title: 2025\nsubtitle: ")
    lines = "\n".join(run_check(ProjectPaths(project)).problems)
    year_line = line_of(project, TARGETS, "  year: '2025'")
    assert re.search(rf"^{TARGETS}:{year_line}: figures\.2\.year: Input should be a valid integer, found .2025.$",
                     lines, re.M)
    assert re.search(rf"^{TARGETS}:\d+: reviewd: unknown field; did you mean 'reviewed'\?$", lines, re.M)
    assert re.search(rf"^{SUZHOU}:3: title: Input should be a valid string, found 2025$", lines, re.M)


def test_check_lists_records_naming_an_id_the_taxonomy_lacks(tmp_path):
    project = make_project(tmp_path / "project")
    rename_huangpu(project, formerly=False)
    problems = run_check(ProjectPaths(project)).problems
    named = sorted({line.split(":")[0] for line in problems})
    assert named == [INVESTMENT, "content/articles/2025-01-05-essay.md", "content/articles/2025-02-01-escaping.md",
                     TARGETS,
                     "content/articles/2025-03-01-huangpu-update.md"], problems
    assert f"{TARGETS}:{line_of(project, TARGETS, '- id: huangpu')}: zones.0.id: unknown zone id 'huangpu': " \
           "content/taxonomy/zones.yml has no such entry" \
           " (if it was renamed, add `formerly: [huangpu]` to the renamed entry)" in problems
    zone_line = line_of(project, TARGETS, 'zone: huangpu')
    unknown = f"{TARGETS}:{zone_line}: figures.0.zone: unknown zone id 'huangpu'"
    assert any(line.startswith(unknown) for line in problems)


def test_a_zone_renamed_with_formerly_keeps_its_records(tmp_path):
    project = make_project(tmp_path / "project")
    rename_huangpu(project, formerly=True)
    paths = ProjectPaths(project)
    assert run_check(paths).problems == []
    result = render_pages(paths, scripts=("zh-Hant",))
    assert result.skipped == {}
    zones = paths.docs / "zh-Hant" / "zones"
    page = (zones / "huangpu-district.md").read_text(encoding="utf-8")
    assert "2025-02-08-huangpu-targets" in page and "2600" in page and "暫定" not in page
    moved = (zones / "huangpu.md").read_text(encoding="utf-8")
    assert "redirect: huangpu-district.html" in moved and "(huangpu-district.md)" in moved
    article = (paths.docs / "zh-Hant" / "articles" / "2025-02-08-huangpu-targets.md").read_text(encoding="utf-8")
    assert "zones/huangpu-district.md" in article and "zones/huangpu.md" not in article


@pytest.fixture(scope="module")
def careless_build(tmp_path_factory):
    """The golden corpus with a bad date, an unknown industry id and a zone renamed with `formerly:`, built by CLI."""
    project = make_project(tmp_path_factory.mktemp("careless") / "project")
    edit(project, TARGETS, "published: '2025-02-08T16:38:47+08:00'", "published: yesterday")
    edit(project, SUZHOU, "- id: low-altitude-economy", "- id: low-altitude-econmy")
    rename_huangpu(project, formerly=True)
    (project / "site").mkdir()
    return ProjectPaths(project), briefing(project, "build", "--no-ingest")


def test_build_skips_what_check_names_and_builds_the_rest(careless_build):
    paths, result = careless_build
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "Error" not in result.stderr, result.stderr[-3000:]
    assert re.search(rf"^skipped {TARGETS}:4: published: 'yesterday' is not an ISO date-time", result.stderr, re.M)
    assert re.search(rf"^skipped {SUZHOU}:\d+: industries\.0\.id: unknown industry id 'low-altitude-econmy'",
                     result.stderr, re.M), result.stderr
    assert "(2 record(s) skipped: fix them, `briefing check` lists them)" in result.stderr
    for root in (paths.site, paths.site / "zh-Hans"):
        assert (root / "articles" / "2025-03-01-huangpu-update.html").is_file()
        assert not (root / "articles" / "2025-02-08-huangpu-targets.html").exists()
        assert not (root / "articles" / "2025-01-10-suzhou-low-altitude.html").exists()
    check = briefing(paths.root, "check")
    assert check.returncode == 1
    assert [line.split(":")[0] for line in check.stdout.splitlines() if ": note: " not in line] == [SUZHOU, TARGETS]


def test_the_old_address_of_a_renamed_zone_leads_to_its_page(careless_build):
    paths, _ = careless_build
    for root in (paths.site, paths.site / "zh-Hans"):
        old = (root / "zones" / "huangpu.html").read_text(encoding="utf-8")
        assert '<meta http-equiv="refresh" content="0; url=huangpu-district.html">' in old
        new = (root / "zones" / "huangpu-district.html").read_text(encoding="utf-8")
        assert "2025-03-01-huangpu-update.html" in new and "暫定" not in new and "暂定" not in new
