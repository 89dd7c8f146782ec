"""The render phase: Jinja templates in templates/ → Markdown pages in the docs folder MkDocs builds."""
from __future__ import annotations

import shutil
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .gather import Corpus, gather
from .paths import ProjectPaths


def make_environment(templates: Path) -> Environment:
    """The Jinja environment of the page templates (templates/pages/)."""
    env = Environment(loader=FileSystemLoader(str(templates / "pages")), undefined=StrictUndefined,
                      keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True, autoescape=False)
    env.filters["md_text"] = markdown_text
    return env


def markdown_text(value) -> str:
    """Article data as literal text in Markdown: HTML and Markdown syntax characters escaped."""
    text = "" if value is None else str(value)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for ch in "\\`*_[]|#":
        text = text.replace(ch, "\\" + ch)
    return text


def render_pages(paths: ProjectPaths) -> Corpus:
    """Gather the records and write every generated page into paths.docs; returns the corpus."""
    corpus = gather(paths.articles)
    env = make_environment(paths.templates)
    pages = {"index.md": env.get_template("home.md.j2").render(corpus=corpus)}
    for zone in corpus.zones.values():
        pages[f"zones/{zone.id}.md"] = env.get_template("zone.md.j2").render(term=zone, corpus=corpus)
    for industry in corpus.industries.values():
        pages[f"industries/{industry.id}.md"] = env.get_template("industry.md.j2").render(term=industry, corpus=corpus)
    for rec in corpus.articles:
        pages[f"articles/{rec.meta['id']}.md"] = env.get_template("article.md.j2").render(rec=rec, meta=rec.meta)
    write_pages(paths.docs, pages)
    return corpus


def write_pages(docs: Path, pages: dict[str, str]) -> None:
    """Replace the generated pages in `docs` with `pages`, leaving unchanged files untouched."""
    docs.mkdir(parents=True, exist_ok=True)
    wanted = {docs / name for name in pages}
    for old in docs.rglob("*.md"):
        if old not in wanted:
            old.unlink()
    for name, text in pages.items():
        target = docs / name
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for folder in sorted((p for p in docs.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            shutil.rmtree(folder)
