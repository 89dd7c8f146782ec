"""A throw-away Briefing project holding the golden corpus, for the golden, site and browser tests."""
from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parent / "corpus"
EXPECTED = Path(__file__).resolve().parent / "expected"


def make_project(dest: Path, corpus: Path = CORPUS, with_docs: bool = False) -> Path:
    """Lay out a project at `dest`: the corpus's records and taxonomy, the real templates and mkdocs.yml."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(corpus / "articles", dest / "content" / "articles")
    shutil.copytree(corpus / "taxonomy", dest / "content" / "taxonomy")
    shutil.copytree(ROOT / "templates", dest / "templates")
    if with_docs and (ROOT / "docs").is_dir():
        shutil.copytree(ROOT / "docs", dest / "docs")
    write_config(dest)
    return dest


def write_config(dest: Path) -> None:
    """The project's mkdocs.yml in `dest` (its plugin is the installed package's) and an empty build/docs/."""
    shutil.copyfile(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    (dest / "build" / "docs").mkdir(parents=True, exist_ok=True)


def rendered_files(project: Path) -> dict[str, bytes]:
    """Render the project's pages (no MkDocs) and return every generated file but the copied documentation."""
    from generator.paths import ProjectPaths
    from generator.render import render_pages

    paths = ProjectPaths(project)
    render_pages(paths)
    return {p.relative_to(paths.docs).as_posix(): p.read_bytes()
            for p in sorted(paths.docs.rglob("*"))
            if p.is_file() and "documentation" not in p.relative_to(paths.docs).parts[1:2]}
