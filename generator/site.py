"""The MkDocs stage: build site/ (default script) and site/<script>/ from the generated pages;
the hook renders them first, builds the other scripts and sets SOURCE_DATE_EPOCH from the content."""
from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from .paths import ProjectPaths


def build_site(paths: ProjectPaths, site_dir: Path | None = None) -> None:
    """Run `mkdocs build --strict` on the project's mkdocs.yml, into `site_dir` when given (else its site_dir)."""
    paths.docs.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")   # Material's banner about MkDocs 2 (we pin mkdocs<2)
    _show_mkdocs_warnings()
    overrides = {"site_dir": str(site_dir)} if site_dir is not None else {}
    config = load_config(str(paths.mkdocs_yml), strict=True, **overrides)
    build(config)


def _show_mkdocs_warnings() -> None:
    """Print MkDocs' warnings (a broken link names its page) when nothing else shows its log."""
    logger = logging.getLogger("mkdocs")
    if not any(isinstance(h, logging.StreamHandler) and not isinstance(h, logging.FileHandler)
               for h in logger.handlers if type(h).__name__ != "CountHandler"):
        handler = logging.StreamHandler()
        handler.setLevel(logging.WARNING)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
