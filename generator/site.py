"""The MkDocs stage: build site/ from the generated pages (the hook renders them first)."""
from __future__ import annotations

from mkdocs.commands.build import build
from mkdocs.config import load_config

from .paths import ProjectPaths


def build_site(paths: ProjectPaths) -> None:
    """Run `mkdocs build --strict` on the project's mkdocs.yml."""
    paths.docs.mkdir(parents=True, exist_ok=True)
    config = load_config(str(paths.mkdocs_yml), strict=True)
    build(config)
