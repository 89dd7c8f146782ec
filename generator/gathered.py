"""The articles earlier builds gathered, kept by record: a record file unchanged since is not parsed, converted
or made into page figures again (at 10,000 articles that work was about 16 s of each script's render).

A record's entries are pickles in build/cache/gathered/<script>-<build key>/, named by the SHA-1 of the record
file: `<hash>.pickle`, the `Article` gather made of the record in that script (its fields converted, its
`PageFigure`s made, before any page was filed or rendered from it), and, for the script that writes the
downloads, `<hash>.lines`, the record's lines of figures.csv, figures.json and articles.json
(render.download_lines); and in `series/`, the series of each zone's administration and each industry page
(series.series_of), named by a hash of the figures they are made from (their articles, numbers and record
hashes), the figures pickled as their place in that list. Everything an entry is made from is the
record's bytes and what the build key hashes (code, templates, taxonomy, wording, mkdocs.yml, package
versions): under another key a script's entries are dropped whole, and after each render the entries of
records no longer in the folder are deleted. Writes are atomic; an entry that cannot be read is made again.
The folder is a cache of this program's own making, safe to delete (pickle runs what it loads: it holds
nothing but what this code wrote).
"""
from __future__ import annotations

import hashlib
import io
import os
import pickle
import shutil
from dataclasses import dataclass
from pathlib import Path

from .atomic import write_bytes_atomic
from .record_cache import read_cached
from .store import StoredRecord

FOLDER = "gathered"   # in build/cache/
SUFFIX, LINES = ".pickle", ".lines"   # an Article; a record's download lines
SERIES = "series"     # the series of each group of figures, in a folder of the memo
BAD_ENTRY = (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError, TypeError,
             ValueError)


@dataclass
class KnownRecord:
    """A record file whose entries are in every memo of this render: read from them, not parsed. It stands in
    for the StoredRecord before gather with the first memo's Article (`record`: its PageRecord; the id, dates
    and script read there are never converted)."""

    path: Path
    file_hash: str
    article: object
    script: str         # the script of `article`
    cache_dir: Path

    @property
    def record(self):
        """The fields the render reads of a record before gather (id, published, event_date)."""
        return self.article.meta

    @property
    def id(self) -> str:
        """The record's id."""
        return self.article.id

    def parsed(self) -> StoredRecord:
        """The record read from its file after all (an entry of a later memo could not be read)."""
        item, _ = read_cached(self.path, self.cache_dir)
        if not isinstance(item, StoredRecord) or item.file_hash != self.file_hash:
            raise RuntimeError(f"{self.path}: changed while the site was being built")
        return item


class ArticleMemo:
    """The entries of one script under one build key: looked up by record file hash, added as articles are made."""

    def __init__(self, cache: Path, script: str, key: str, downloads: bool = False):
        """The memo of `script` in build/cache (`downloads`: it keeps each record's download lines too)."""
        self.folder = cache / FOLDER / f"{script}-{key[:16]}"
        self.script, self.downloads, self.used = script, downloads, set()
        try:
            names = os.listdir(self.folder)
        except OSError:
            names = []
        self.names = {name[:-len(SUFFIX)] for name in names if name.endswith(SUFFIX)}
        self.line_names = {name[:-len(LINES)] for name in names if name.endswith(LINES)}

    def known(self, others: list[ArticleMemo], cache_dir: Path):
        """The `known` of gather.read_records: a KnownRecord for a record file every memo (this one and `others`)
        holds, with this one's Article; else None."""
        def known(path: Path, file_hash: str) -> KnownRecord | None:
            """The stand-in for the record file at `path`, None when it must be parsed."""
            if not all(file_hash in memo for memo in (self, *others)):
                return None
            article = self._load(file_hash, SUFFIX)
            return KnownRecord(path, file_hash, article, self.script, cache_dir) if article is not None else None
        return known

    def __contains__(self, file_hash) -> bool:
        """True when the entries for the record file of `file_hash` are on disk."""
        return file_hash in self.names and (not self.downloads or file_hash in self.line_names)

    def article(self, item) -> object | None:
        """The Article kept for a record (a KnownRecord or StoredRecord), None when it must be made."""
        if item.file_hash is None or item.file_hash not in self.names:
            return None
        return self._load(item.file_hash, SUFFIX)

    def lines(self, file_hash: str | None) -> tuple | None:
        """The download lines kept for a record file, None when they must be made."""
        if file_hash is None or file_hash not in self.line_names:
            return None
        return self._load(file_hash, LINES)

    def save(self, item: StoredRecord, article) -> None:
        """Keep the Article just made of record `item`."""
        if item.file_hash is not None:
            self._save(item.file_hash, SUFFIX, article)
            self.names.add(item.file_hash)

    def save_lines(self, file_hash: str | None, lines: tuple) -> None:
        """Keep the download lines just made of a record file."""
        if file_hash is not None:
            self._save(file_hash, LINES, lines)
            self.line_names.add(file_hash)

    def _load(self, file_hash: str, suffix: str):
        """One entry loaded (None when it cannot be read), counted as used."""
        try:
            value = pickle.loads((self.folder / f"{file_hash}{suffix}").read_bytes())
        except BAD_ENTRY:
            return None
        self.used.add(file_hash)
        return value

    def _save(self, file_hash: str, suffix: str, value) -> None:
        """Write one entry (atomically: a torn entry is never read)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(self.folder / f"{file_hash}{suffix}", pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL),
                           durable=False)
        self.used.add(file_hash)

    @property
    def series(self) -> SeriesMemo:
        """The series kept beside the articles."""
        if not hasattr(self, "_series"):
            self._series = SeriesMemo(self.folder / SERIES)
        return self._series

    def finish(self) -> None:
        """Delete the entries this render did not use, and the folders of this script under other build keys."""
        if hasattr(self, "_series"):
            self._series.finish()
        for other in self.folder.parent.glob(f"{self.script}-*") if self.folder.parent.is_dir() else ():
            if other != self.folder and other.name[len(self.script) + 1:].isalnum():
                shutil.rmtree(other, ignore_errors=True)
        for name in (self.names | self.line_names) - self.used:
            for suffix in (SUFFIX, LINES):
                (self.folder / f"{name}{suffix}").unlink(missing_ok=True)


class SeriesMemo:
    """The series of groups of figures (a zone's administration, an industry page), by the figures' identity."""

    def __init__(self, folder: Path):
        self.folder, self.used = folder, set()
        try:
            self.names = {name[:-len(SUFFIX)] for name in os.listdir(folder) if name.endswith(SUFFIX)}
        except OSError:
            self.names = set()

    def series(self, what: str, figures: list, hashes: dict[str, str | None], make) -> list:
        """The series `make()` gives of `figures` for the subject `what` (e.g. `zone:<group>`): kept from an
        earlier build when the same figures of the same records make them, else made and kept."""
        if any(hashes.get(f.article) is None for f in figures):
            return make()
        digest = hashlib.sha1(what.encode("utf-8") + b"\n")
        for fig in figures:
            digest.update(f"{fig.article}\0{fig.n}\0{hashes[fig.article]}\n".encode("utf-8"))
        key = digest.hexdigest()
        self.used.add(key)
        if key in self.names:
            found = self._load(key, figures)
            if found is not None:
                return found
        made = make()
        self.folder.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(self.folder / f"{key}{SUFFIX}", _dumps(made, figures), durable=False)
        self.names.add(key)
        return made

    def _load(self, key: str, figures: list) -> list | None:
        """The series kept under `key`, their figures those of `figures` (None when the entry cannot be read)."""
        try:
            return _Loader(io.BytesIO((self.folder / f"{key}{SUFFIX}").read_bytes()), figures).load()
        except BAD_ENTRY:
            return None

    def finish(self) -> None:
        """Delete the entries this render did not use."""
        for name in self.names - self.used:
            (self.folder / f"{name}{SUFFIX}").unlink(missing_ok=True)


def _dumps(value, figures: list) -> bytes:
    """`value` pickled with each of `figures` in it written as its place in the list."""
    buffer = io.BytesIO()
    _Dumper(buffer, figures).dump(value)
    return buffer.getvalue()


class _Dumper(pickle.Pickler):
    """A pickler writing the figures of a list as their places (pickle's persistent ids)."""

    def __init__(self, file, figures: list):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.places = {id(fig): n for n, fig in enumerate(figures)}

    def persistent_id(self, obj):
        """A figure's place in the list (None for anything else: pickled as usual)."""
        return self.places.get(id(obj))


class _Loader(pickle.Unpickler):
    """The unpickler of _Dumper: each place read back as the figure of this build at that place."""

    def __init__(self, file, figures: list):
        super().__init__(file)
        self.figures = figures

    def persistent_load(self, pid):
        """The figure at place `pid`."""
        return self.figures[pid]
