"""Where a Briefing project keeps its inputs, records, templates and outputs."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

RECORDS_CACHE = "records"   # under the cache folder: the parsed records ingest writes and the build reads


@dataclass(frozen=True)
class ProjectPaths:
    """The folders of one Briefing project, all derived from its root."""

    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def inbox(self) -> Path:
        return self.content / "inbox"

    @property
    def articles(self) -> Path:
        return self.content / "articles"

    @property
    def taxonomy(self) -> Path:
        return self.content / "taxonomy"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def build(self) -> Path:
        return self.root / "build"

    @property
    def cache(self) -> Path:
        """Ingest's index, the parsed-record cache and the last build's times (git-ignored, safe to delete)."""
        return self.build / "cache"

    @property
    def records_cache(self) -> Path:
        """The JSON entries of the parsed records (generator/record_cache.py)."""
        return self.cache / RECORDS_CACHE

    @property
    def docs(self) -> Path:
        """The generated Markdown pages that MkDocs builds (git-ignored)."""
        return self.build / "docs"

    @property
    def search(self) -> Path:
        """The reader's search files of each script, copied into site/ after MkDocs (git-ignored)."""
        return self.build / "search"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"


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
