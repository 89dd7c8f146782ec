"""The committed demo record is exactly what the current code extracts from the demo article (issue 14, item 7).

Every change to the extraction code, generator/data/ or content/taxonomy/ changes the extraction
version the record carries, so a change that does not re-extract the demo record leaves a fresh
clone's `make site` rewriting a tracked file. `make demo` re-extracts it; commit it with the change.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from generator.ingest import extraction_version, ingest
from generator.taxonomy import load_taxonomy

ROOT = Path(__file__).resolve().parent.parent


def test_the_committed_demo_record_is_what_the_code_extracts(tmp_path):
    project = tmp_path / "project"
    for folder in ("content/inbox", "content/taxonomy"):
        shutil.copytree(ROOT / folder, project / folder)
    articles = project / "content" / "articles"
    report = ingest([project / "content" / "inbox"], articles, load_taxonomy(project / "content" / "taxonomy"),
                    cache_dir=project / "build" / "cache", base=project,
                    version=extraction_version(project / "content" / "taxonomy"))
    assert report.ok and report.ingested
    fresh = {p.name: p.read_bytes() for p in sorted(articles.glob("*.md"))}
    committed = {p.name: p.read_bytes() for p in sorted((ROOT / "content" / "articles").glob("*.md"))}
    assert list(fresh) == list(committed), "content/articles/ holds other records than content/inbox/ gives"
    for name, data in fresh.items():
        assert committed[name] == data, (f"content/articles/{name} is not what the current code extracts: "
                                         "run `make demo` and commit the record with the change")
