"""MkDocs hook: render the briefing pages before each build, and watch content/ and templates/."""
from __future__ import annotations

from pathlib import Path

from generator.paths import ProjectPaths
from generator.render import render_pages


def _paths(config) -> ProjectPaths:
    """The project whose mkdocs.yml is being built."""
    return ProjectPaths(Path(config.config_file_path).resolve().parent)


def on_pre_build(config, **kwargs) -> None:
    """Write the generated Markdown pages into docs_dir before MkDocs reads it."""
    render_pages(_paths(config))


def on_serve(server, config, builder, **kwargs):
    """Reload the preview when content/ or templates/ change."""
    paths = _paths(config)
    for folder in (paths.content, paths.templates):
        server.watch(str(folder))
    return server
