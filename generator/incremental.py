"""Incremental site builds: the build key that says when a build must be cold, and MkDocs building only
the pages whose Markdown changed since the previous site/, the others hard-linked from it.

The key hashes everything global a page depends on (the code, templates, mkdocs.yml, taxonomy, the
versions of the packages that write pages); it is kept in build/cache/site-build.json with each
script's navigation and the identity of the site/ folder that build swapped in. Only when all three
match is the previous site reused (docs/scaling.md, "Incremental builds").
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import platform
from importlib import metadata
from pathlib import Path

from .paths import ProjectPaths

STATE_FILE = "site-build.json"   # in build/cache/
PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "opencc", "jieba", "pyyaml")
CODE = Path(__file__).resolve().parent   # generator/: its code and data
DIRTY_WARNING = "A 'dirty' build is being performed"


def build_key(paths: ProjectPaths) -> str:
    """A hash of everything global the pages depend on: code, templates, mkdocs.yml, taxonomy, versions."""
    digest = hashlib.sha1()
    for folder in (CODE, paths.templates, paths.taxonomy):
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(f"{path.relative_to(folder).as_posix()}\0".encode() + path.read_bytes() + b"\0")
    digest.update(paths.mkdocs_yml.read_bytes())
    digest.update(platform.python_version().encode())
    for name in PACKAGES:
        try:
            digest.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none\0".encode())
    return digest.hexdigest()


def folder_id(folder: Path) -> list[int] | None:
    """The device and inode of a folder (kept by the rename that swaps a staged site in), None when missing."""
    try:
        info = os.stat(folder)
    except OSError:
        return None
    return [info.st_dev, info.st_ino]


def previous_build(paths: ProjectPaths, key: str, site: Path) -> dict:
    """The navigations by script of the build that made `site`, when it was made under `key`; else {}."""
    try:
        state = json.loads((paths.cache / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if state.get("key") != key or state.get("site") != folder_id(site) or folder_id(site) is None:
        return {}
    return state.get("navs") or {}


def save_build(paths: ProjectPaths, key: str, staged: Path, navs: dict) -> None:
    """Remember the key and navigations of the build in `staged` (the folder about to become site/)."""
    paths.cache.mkdir(parents=True, exist_ok=True)
    state = {"key": key, "site": folder_id(staged), "navs": navs}
    (paths.cache / STATE_FILE).write_text(json.dumps(state, ensure_ascii=False) + "\n", encoding="utf-8")


def forget_build(paths: ProjectPaths) -> None:
    """Drop the record of the last build (a build is about to write into a site folder: the next one is cold
    unless this one finishes and records itself)."""
    (paths.cache / STATE_FILE).unlink(missing_ok=True)


class Reuse:
    """MkDocs' dirty mode against a previous site: a file is built only when its source is newer than its
    output in `previous`; `link_unchanged` then hard-links the outputs of the others into the new site."""

    def __init__(self, previous: Path):
        """Judge files against the site folder `previous` (this process's MkDocs build only)."""
        self.previous, self.unchanged = previous, []

    def install(self) -> None:
        """Replace MkDocs' File.is_modified (public; what its dirty mode asks of every file) in this build process,
        so that it asks the previous site; silence MkDocs' warning about dirty builds."""
        from mkdocs.structure.files import File
        reuse = self

        def is_modified(file) -> bool:
            """True when `file` must be written: generated content, or a source newer than its previous output."""
            if file.abs_src_path is None:   # content a plugin generated: always written
                return True
            try:
                before = os.stat(os.path.join(reuse.previous, file.dest_uri)).st_mtime
            except OSError:
                return True
            if before < os.stat(file.abs_src_path).st_mtime:
                return True
            reuse.unchanged.append(file.dest_uri)
            return False

        File.is_modified = is_modified
        logging.getLogger("mkdocs.commands.build").addFilter(_not_dirty_warning)

    def link_unchanged(self, site: Path) -> int:
        """Hard-link every unchanged output from the previous site into `site`; how many were linked."""
        linked = 0
        for uri in dict.fromkeys(self.unchanged):
            target = os.path.join(site, uri)
            if os.path.lexists(target):
                continue
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.link(os.path.join(self.previous, uri), target)
            linked += 1
        return linked


def _not_dirty_warning(record: logging.LogRecord) -> bool:
    """False for MkDocs' warning that a dirty build is inexact (this one is checked against cold builds)."""
    return DIRTY_WARNING not in record.getMessage()


class PageMemo:
    """What each page of one script was rendered from (a hash of its inputs), kept in build/cache/ between
    builds: a page whose inputs hash the same under the same build key is left as the render wrote it."""

    def __init__(self, file: Path, key: str):
        """The memo in `file` for pages rendered under build key `key` (empty when the key differs)."""
        self.file, self.key = file, key
        self.before, self.now = load_memo(file, key), {}
        self.kept: list[str] = []   # the pages kept as they were (saved with the memo, for the record)

    def unchanged(self, name: str, inputs: str, pages) -> bool:
        """True when page `name` is on disk from the same `inputs` (it is then kept); remembers `inputs`."""
        self.now[name] = inputs
        if self.before.get(name) == inputs and pages.keep(name):
            self.kept.append(name)
            return True
        return False

    def unchanged_files(self, name: str, inputs: str, pages) -> bool:
        """True when the files last rendered as page `name` (a listing and its further pages) are on disk from
        the same `inputs` (they are then kept, and remembered with their inputs)."""
        before = self.before.get(name)
        if isinstance(before, list) and before[0] == inputs and all([pages.keep(file) for file in before[1]]):
            self.now[name] = before
            self.now.update({file: self.before[file] for file in before[1] if file in self.before})   # their own
            self.kept.append(name)
            return True
        return False

    def rendered(self, name: str, inputs: str, files: list[str]) -> None:
        """Remember that page `name` was rendered from `inputs` into `files`."""
        self.now[name] = [inputs, files]

    def save(self) -> None:
        """Write the memo of this render (after its pages were written)."""
        save_memo(self.file, self.key, self.now, kept=self.kept)


def load_memo(file: Path, key: str) -> dict:
    """The values kept in `file` by a build under `key` ({} when there are none, or under another key)."""
    try:
        state = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state.get("values", {}) if isinstance(state, dict) and state.get("key") == key else {}


def save_memo(file: Path, key: str, values: dict, **more) -> None:
    """Keep `values` in `file` for the next build under `key` (with `more` for the record)."""
    file.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"key": key, "values": values, **more}, ensure_ascii=False, separators=(",", ":"))
    file.write_text(text + "\n", encoding="utf-8")


def record_hashes(records) -> dict[str, str]:
    """A hash of each record file's bytes (its `file_hash` when read from disk), by record id (records sharing an id:
    one hash of all their hashes)."""
    digests: dict = {}
    for record in records:
        key = record.id
        digest = digests.setdefault(key, hashlib.sha1())
        digest.update((record.file_hash or hashlib.sha1(record.path.read_bytes()).hexdigest()).encode())
    return {key: digest.hexdigest() for key, digest in digests.items()}


def terms_digest(zones: dict, industries: dict) -> str:
    """A hash of every zone's and industry's id, name and page file: what an article page's links depend on."""
    digest = hashlib.sha1()
    for pages in (zones, industries):
        for term_id in sorted(pages):
            digest.update(f"{term_id}\0{pages[term_id].name}\0{pages[term_id].slug}\n".encode("utf-8"))
    return digest.hexdigest()
