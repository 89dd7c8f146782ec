"""Shared fixtures: the project root, ../shared when present, and a scratch copy of the project."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from golden.sample_project import write_config

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared, or skip the test when it is absent."""
    if not (SHARED / "samples").is_dir():
        pytest.skip("../shared is absent")
    return SHARED


@pytest.fixture
def scratch_project(tmp_path: Path) -> Path:
    """A copy of the project's content, templates and mkdocs.yml in a temporary folder."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("content", "templates"):
        shutil.copytree(ROOT / name, project / name)
    write_config(project)
    return project
