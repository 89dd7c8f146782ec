"""Build the sample site into a temporary folder and check its pages (Pelican-style functional test)."""
from __future__ import annotations

import re

from generator.paths import ProjectPaths
from generator.pipeline import run_build


def test_sample_site_builds_with_every_page(scratch_project):
    paths = ProjectPaths(scratch_project)
    assert run_build(paths)
    site = paths.site
    assert (site / "index.html").is_file()
    articles = list((site / "articles").glob("*/index.html"))
    assert articles, "no article page"
    html_files = list(site.rglob("*.html"))
    for page in html_files:
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"<(?:script|link|img)[^>]+(?:src|href)=[\"']https?://", text), page
