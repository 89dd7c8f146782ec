"""The articles earlier builds gathered, kept by record: a record file unchanged since is not parsed, converted
or made into page figures again (at 10,000 articles that work was about 16 s of each script's render).

A record's entries are pickles in build/cache/gathered/<script>-<build key>/, named by the SHA-1 of the record
file: `<hash>.pickle`, the `Article` gather made of the record in that script (its fields converted, its
`PageFigure`s made, before any page was filed or rendered from it). Beside them, parts of files made from runs of
records (PieceMemo), each named by a hash of what it is made from: in `series/`, the series of each zone's
administration and each industry page (series.series_of; their figures' articles, numbers and record hashes),
the figures pickled as their place in that list; in `downloads/`, a run of records' parts of figures.csv,
figures.json and articles.json (datafiles.DownloadRun; the records' hashes); in `explorer/`, a run of articles'
part of the explorer's data (their record hashes and the zones' and industries' names). Everything an entry
is made from is the record's bytes and what the build key hashes (code, templates, taxonomy, wording,
mkdocs.yml, package versions): under another key a script's entries are dropped whole, and after each render
the entries it did not use are deleted. Writes are atomic; an entry that cannot be read is made again.
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
SUFFIX = ".pickle"
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
        """The memo of `script` in build/cache (`downloads`: the downloads are written in this script)."""
        self.folder = cache / FOLDER / f"{script}-{key[:16]}"
        self.script, self.downloads, self.used, self.parts, self.read = script, downloads, set(), {}, {}
        try:
            names = os.listdir(self.folder)
        except OSError:
            names = []
        self.names = {name[:-len(SUFFIX)] for name in names if name.endswith(SUFFIX)}

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
        return file_hash in self.names

    def article(self, item) -> object | None:
        """The Article kept for a record (a KnownRecord or StoredRecord), None when it must be made."""
        if item.file_hash is None or item.file_hash not in self.names:
            return None
        return self._load(item.file_hash, SUFFIX)

    def save(self, item: StoredRecord, article) -> None:
        """Keep the Article just made of record `item`."""
        if item.file_hash is not None:
            self._save(item.file_hash, SUFFIX, article)
            self.names.add(item.file_hash)

    def preload(self) -> None:
        """Read every article entry now (before the records are known: a warm render's start), to be taken as the
        records ask for them; an entry that cannot be read is left to be made again."""
        for file_hash in sorted(self.names):
            try:
                self.read[file_hash] = pickle.loads((self.folder / f"{file_hash}{SUFFIX}").read_bytes())
            except BAD_ENTRY:
                continue

    def _load(self, file_hash: str, suffix: str):
        """One entry loaded (None when it cannot be read), counted as used; an article preloaded is handed over."""
        value = self.read.pop(file_hash, None) if suffix == SUFFIX else None
        if value is None:
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
        if SERIES not in self.parts:
            self.parts[SERIES] = SeriesMemo(self.folder / SERIES)
        return self.parts[SERIES]

    def pieces(self, name: str) -> PieceMemo:
        """The parts kept beside the articles in the folder `name` (`downloads`, `explorer`)."""
        if name not in self.parts:
            self.parts[name] = PieceMemo(self.folder / name)
        return self.parts[name]

    def finish(self) -> None:
        """Delete the entries this render did not use, and the folders of this script under other build keys."""
        for part in self.parts.values():
            part.finish()
        for other in self.folder.parent.glob(f"{self.script}-*") if self.folder.parent.is_dir() else ():
            if other != self.folder and other.name[len(self.script) + 1:].isalnum():
                shutil.rmtree(other, ignore_errors=True)
        for name in self.names - self.used:
            (self.folder / f"{name}{SUFFIX}").unlink(missing_ok=True)
        self.read.clear()


def largest_memo_mb(cache: Path) -> float:
    """The size on disk of the largest script's gathered articles (MB; 0 when there are none)."""
    sizes = [0]
    for folder in (cache / FOLDER).iterdir() if (cache / FOLDER).is_dir() else ():
        with os.scandir(folder) as entries:
            sizes.append(sum(e.stat().st_size for e in entries if e.name.endswith(SUFFIX) and e.is_file()))
    return max(sizes) / 2**20


class PieceMemo:
    """Parts of files made from runs of records, each kept under a hash of what it is made from."""

    def __init__(self, folder: Path):
        self.folder, self.used = folder, set()
        try:
            self.names = {name[:-len(SUFFIX)] for name in os.listdir(folder) if name.endswith(SUFFIX)}
        except OSError:
            self.names = set()

    def value(self, key: str | None, make, *context):
        """What `make()` gives, kept under `key` by an earlier build when it is there, else made and kept (made
        and not kept when `key` is None: something it is made from is not known by hash)."""
        if key is None:
            return make()
        self.used.add(key)
        if key in self.names:
            try:
                return self._loads((self.folder / f"{key}{SUFFIX}").read_bytes(), *context)
            except BAD_ENTRY:
                pass
        made = make()
        self.folder.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(self.folder / f"{key}{SUFFIX}", self._dumps(made, *context), durable=False)
        self.names.add(key)
        return made

    def _loads(self, data: bytes, *context):
        """A kept part read back."""
        return pickle.loads(data)

    def _dumps(self, value, *context) -> bytes:
        """A part as kept."""
        return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)

    def finish(self) -> None:
        """Delete the entries this render did not use."""
        for name in self.names - self.used:
            (self.folder / f"{name}{SUFFIX}").unlink(missing_ok=True)


class SeriesMemo(PieceMemo):
    """The series of groups of figures (a zone's administration, an industry page), by the figures' identity."""

    def series(self, what: str, figures: list, hashes: dict[str, str | None], make) -> list:
        """The series `make()` gives of `figures` for the subject `what` (e.g. `zone:<group>`): kept from an
        earlier build when the same figures of the same records make them, else made and kept."""
        if any(hashes.get(f.article) is None for f in figures):
            return make()
        digest = hashlib.sha1(what.encode("utf-8") + b"\n")
        for fig in figures:
            digest.update(f"{fig.article}\0{fig.n}\0{hashes[fig.article]}\n".encode("utf-8"))
        return self.value(digest.hexdigest(), make, figures)

    def _loads(self, data: bytes, figures: list) -> list:
        """Series kept, their figures those of `figures`."""
        return _Loader(io.BytesIO(data), figures).load()

    def _dumps(self, value, figures: list) -> bytes:
        """Series as kept, each of `figures` in them written as its place in the list."""
        return _dumps(value, figures)


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
