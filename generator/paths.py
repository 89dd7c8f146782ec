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


def find_root(start: Path | None = None) -> Path:
    """The project root: $BRIEFING_ROOT, else the nearest folder above `start` holding mkdocs.yml and content/."""
    env = os.environ.get("BRIEFING_ROOT")
    if env:
        return Path(env).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "content").is_dir():
            return folder
    return here


def project_paths(start: Path | None = None) -> ProjectPaths:
    """The ProjectPaths of the project that holds `start` (default: the working directory)."""
    return ProjectPaths(find_root(start))
