"""Where a Briefing project keeps its inputs, records, templates and outputs."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

RECORDS_CACHE = "records"   # under the cache folder: the parsed records ingest writes and the build reads


class _Below:
    """A project path: `parts` below another of its paths (`base`, e.g. "root" or "content")."""

    def __init__(self, base: str, *parts: str):
        """Remember the path it is below and the names under it."""
        self.base, self.parts = base, parts

    def __get__(self, paths, owner=None):
        """The path for one ProjectPaths (the descriptor itself on the class)."""
        return self if paths is None else getattr(paths, self.base).joinpath(*self.parts)


@dataclass(frozen=True)
class ProjectPaths:
    """The folders of one Briefing project, all derived from its root."""

    root: Path

    content = _Below("root", "content")
    inbox = _Below("content", "inbox")
    articles = _Below("content", "articles")
    taxonomy = _Below("content", "taxonomy")
    templates = _Below("root", "templates")
    build = _Below("root", "build")
    # ingest's index, the parsed-record cache and the last build's times (git-ignored, safe to delete)
    cache = _Below("build", "cache")
    records_cache = _Below("cache", RECORDS_CACHE)   # the JSON entries of the parsed records (record_cache.py)
    docs = _Below("build", "docs")   # the generated Markdown pages that MkDocs builds (git-ignored)
    # the reader's search files of each script, copied into site/ after MkDocs (git-ignored)
    search = _Below("build", "search")
    site = _Below("root", "site")
    mkdocs_yml = _Below("root", "mkdocs.yml")


class NotAProject(Exception):
    """The folder is not inside a Briefing project (no mkdocs.yml with content/ beside it, here or above)."""


def is_project(folder: Path) -> bool:
    """True when `folder` is a project's root: it holds mkdocs.yml and content/."""
    return (folder / "mkdocs.yml").is_file() and (folder / "content").is_dir()


def find_root(start: Path | None = None) -> Path:
    """The project root, found as git finds its top: $BRIEFING_ROOT, else the nearest folder from `start`
    (default: the working directory) upwards that holds mkdocs.yml and content/; NotAProject when none does."""
    env = os.environ.get("BRIEFING_ROOT")
    if env:
        root = Path(env).resolve()
        if not is_project(root):
            raise NotAProject(f"BRIEFING_ROOT={env} is not a Briefing project (it needs mkdocs.yml and content/)")
        return root
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_project(folder):
            return folder
    raise NotAProject(f"not inside a Briefing project: no folder from {here} upwards holds mkdocs.yml and "
                      "content/ (run briefing in a project, or set BRIEFING_ROOT)")


def project_paths(start: Path | None = None) -> ProjectPaths:
    """The ProjectPaths of the project that holds `start` (default: the working directory)."""
    return ProjectPaths(find_root(start))
