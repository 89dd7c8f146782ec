"""What content/articles/ holds, without parsing every record each run: a small cached index.

The cache (build/cache/ingest-index.json) files a summary of each record (id, raw keys, content
hash, reviewed, edited, extractor version) under the SHA-1 of the record file's bytes, the key
the record cache uses too (the rules: ingest/writer.py). Beside the hash it keeps the file's
size and mtime, only to skip reading a file that has not changed: when they differ, or the file
was modified less than two seconds before the index was saved (so a same-size edit within one
timestamp tick cannot hide), the file is read and hashed, and parsed again (through the record
cache) when its hash differs. The cache also remembers, per raw file hash and extractor
version, how many articles the file held or why it failed, so an unchanged inbox is not even
read; and each raw file's SHA-256 under its path with its size and mtime, by the same rule, so
an unchanged inbox file is not even hashed. A missing, corrupt or old-format cache is rebuilt
from the records.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import write_atomic
from ..record_cache import read_cached
from ..scripts import Wording
from ..store import RecordError, StoredRecord, is_edited, read_record, record_files
from .similar import NearIndex
from .similar import sketch as sketch_of_body
from .sources import hash_file

FORMAT = 5  # bump when what a Summary means changes (e.g. the fingerprint rule)
RACY_NS = 2_000_000_000
KEY_PATTERN = re.compile(r"\b[0-9a-f]{24}#\d+\b")


@dataclass
class Summary:
    """What ingest needs to know of one record file."""

    id: str
    keys: list[str] = field(default_factory=list)        # raw_sources
    also: list[str] = field(default_factory=list)        # raw keys of also_sources
    content_hash: str = ""
    reviewed: bool = False
    edited: bool = False
    version: str = ""
    raw_path: str = ""
    also_paths: list[str] = field(default_factory=list)   # raw_path of also_sources
    error: list[str] = field(default_factory=list)       # RecordError lines when the file is unusable
    sketch: str | None = None                            # near-duplicate sketch of the body (None: not made yet)


def summarise(rec: StoredRecord) -> Summary:
    """The Summary of a readable record."""
    meta = rec.meta
    return summarise_meta(rec.id, meta, is_edited(meta, rec.body))


def summarise_meta(record_id: str, meta: dict, edited: bool, sketch: str | None = None) -> Summary:
    """The Summary of a record's fields (`sketch`: its body's, when known)."""
    sources = [s for s in meta.get("also_sources") or [] if isinstance(s, dict)]
    return Summary(id=record_id, keys=[str(k) for k in meta.get("raw_sources") or []],
                   also=[s["raw"] for s in sources if s.get("raw")],
                   content_hash=str(meta.get("content_hash") or ""), reviewed=meta.get("reviewed") is True,
                   edited=edited, version=str(meta.get("extracted_with") or ""),
                   raw_path=str(meta.get("raw_path") or ""),
                   also_paths=[str(s["raw_path"]) for s in sources if s.get("raw_path")], sketch=sketch)


def summarise_error(err: RecordError, base: Path | None = None) -> Summary:
    """The Summary of an unusable record: its errors (paths shown relative to `base`), the raw keys its text shows."""
    try:
        keys = sorted(set(KEY_PATTERN.findall(err.path.read_text(encoding="utf-8", errors="replace"))))
    except OSError:
        keys = []
    return Summary(id=err.path.stem, keys=keys, error=err.lines(base))


class RecordIndex:
    """The records of one folder, looked up by raw key, raw path and content hash."""

    def __init__(self, folder: Path, cache_file: Path | None = None, base: Path | None = None,
                 wording: Wording = Wording(), records_cache: Path | None = None):
        """The index of the records in `folder` (cached in `cache_file`; paths in messages relative to `base`;
        bodies compared in the taxonomy's `wording`; records parsed through the record cache `records_cache`)."""
        self.folder, self.cache_file, self.base, self.wording = folder, cache_file, base, wording
        self.records_cache = records_cache
        self.summaries: dict[str, Summary] = {}
        self._ids: set[str] = set()
        self.stats: dict[str, tuple[tuple[int, int], str]] = {}   # file name → ((size, mtime), file hash)
        self.raws: dict[str, dict] = {}
        self.noted: dict[str, str] = {}
        self.files: dict[str, list] = {}                          # raw file path → [size, mtime, sha256]
        self.seen_files: dict[str, list] = {}
        self.saved_ns = 0
        self.parsed = 0
        self._near: NearIndex | None = None
        self._load()

    def _load(self) -> None:
        """Fill the index from the cache where it is still valid, parsing the other records."""
        cache = self._read_cache()
        cached, saved_ns = cache.get("records", {}), cache.get("saved_ns", 0)
        self.raws, self.noted = cache.get("raws", {}), cache.get("noted", {})
        self.files, self.saved_ns = cache.get("files", {}), saved_ns
        for path in record_files(self.folder):
            stat, entry = _stat(path), cached.get(path.name)
            if entry and stat and tuple(entry["stat"]) == stat and stat[1] < saved_ns - RACY_NS:
                self._put(path, Summary(**entry["summary"]), stat, entry["sha1"])
            elif entry and stat and _file_hash(path) == entry["sha1"]:   # touched, not changed
                self._put(path, Summary(**entry["summary"]), stat, entry["sha1"])
            else:
                self.refresh(path)
        self._build_lookups()

    def _read_cache(self) -> dict:
        """The cache file's data, or an empty cache when it is missing, corrupt or of another format."""
        if self.cache_file is None or not self.cache_file.is_file():
            return {}
        try:
            data = json.loads(self.cache_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        folder = str(self.folder.resolve())
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("folder") != folder:
            return {}
        return data

    def file_digest(self, path: Path) -> str:
        """The SHA-256 of a raw file: the cached one while its size and mtime are those cached (and older than
        the save by RACY_NS), else read and hashed; OSError when it cannot be read."""
        name = os.path.abspath(path)
        stat, known = _stat(path), self.files.get(name)
        if stat and known and tuple(known[:2]) == stat and stat[1] < self.saved_ns - RACY_NS:
            digest = known[2]
        else:
            digest = hash_file(path)
        if stat:
            self.seen_files[name] = [*stat, digest]
        return digest

    def refresh(self, path: Path) -> Summary:
        """Parse the record at `path` again and index it; returns its Summary."""
        self.parsed += 1
        stat = _stat(path)
        item = read_cached(path, self.records_cache)[0] if self.records_cache else _read(path)
        if isinstance(item, RecordError):
            summary, file_hash = summarise_error(item, self.base), None
        else:
            summary, file_hash = summarise(item), item.file_hash
        self._put(path, summary, stat, file_hash)
        self._index(summary)
        return summary

    def note_written(self, path: Path, meta: dict, file_hash: str, sketch: str | None = None) -> None:
        """Index a record ingest has just written as bytes hashing to `file_hash` (not edited by hand, by
        construction); `sketch` of its body, None when the body is the one written before (an extra source added)."""
        old = self.summaries.get(path.name)
        if sketch is None and old is not None and old.content_hash == str(meta.get("content_hash") or ""):
            sketch = old.sketch
        summary = summarise_meta(path.stem, meta, edited=False, sketch=sketch)
        self._put(path, summary, _stat(path), file_hash)
        self._index(summary)
        if self._near is not None and sketch:
            self._near.add(summary.id, sketch)

    def near_twin(self, sketch: str) -> tuple[Summary, float] | None:
        """(the record, Jaccard) whose body the sketch of a new article nearly repeats, or None.

        The sketches are indexed on first use; a record whose sketch is not known yet is read for it.
        """
        if not sketch:
            return None
        found = self.index_sketches().twin(sketch)
        by_id = {s.id: s for s in self.summaries.values()} if found else {}
        return (by_id[found[0]], found[1]) if found and found[0] in by_id else None

    def index_sketches(self) -> NearIndex:
        """The near-duplicate index of every record's sketch, made on first use (ingest makes it while the
        workers extract: 0.5 s at 10,000 records)."""
        if self._near is None:
            self._near = NearIndex()
            for name, summary in sorted(self.summaries.items()):
                if not summary.error:
                    self._near.add(summary.id, self._sketch_of(self.folder / name, summary))
        return self._near

    def _sketch_of(self, path: Path, summary: Summary) -> str:
        """A record's sketch, made from its body when the summary lacks it."""
        if summary.sketch is None:
            try:
                summary.sketch = sketch_of_body(read_record(path).body, self.wording)
            except RecordError:
                summary.sketch = ""
        return summary.sketch

    def keys_with_prefix(self, prefix: str) -> set[str]:
        """The raw keys the index knows (record sources, extra sources, noted duplicates) of one file hash."""
        if not hasattr(self, "_prefixes"):
            self._prefixes: dict[str, set[str]] = {}
            for key in (*self.by_key, *self.by_also, *self.noted):
                self._prefixes.setdefault(key.split("#")[0], set()).add(key)
        return self._prefixes.get(prefix.rstrip("#"), set())

    def _put(self, path: Path, summary: Summary, stat: tuple[int, int] | None, file_hash: str | None) -> None:
        """Remember one record's summary, and the hash of the bytes it was taken from with their stat."""
        self.summaries[path.name] = summary
        self._ids.add(summary.id)
        if stat and file_hash:
            self.stats[path.name] = (stat, file_hash)
        else:
            self.stats.pop(path.name, None)

    def _build_lookups(self) -> None:
        """The maps from raw key, raw path and content hash to summaries."""
        self.by_key: dict[str, Summary] = {}
        self.by_also: dict[str, Summary] = {}
        self.by_path: dict[str, Summary] = {}
        self.by_hash: dict[str, Summary] = {}
        for summary in self.summaries.values():
            self._index(summary)

    def _index(self, summary: Summary) -> None:
        """Add one summary to the lookup maps (the first record of a hash or path wins)."""
        if not hasattr(self, "by_key"):
            return
        for key in summary.keys:
            self.by_key[key] = summary
        for key in summary.also:
            self.by_also[key] = summary
        if summary.error:
            return
        if summary.raw_path:
            self.by_path.setdefault(summary.raw_path, summary)
        if summary.content_hash:
            self.by_hash.setdefault(summary.content_hash, summary)

    @property
    def ids(self) -> set[str]:
        """Every id taken, unusable records' included."""
        return set(self._ids)

    def errors(self) -> list[str]:
        """`path:line: problem` for every record file that cannot be used."""
        return [line for s in self.summaries.values() for line in s.error]

    def orphaned(self, root: Path) -> list[Summary]:
        """The usable records that name raw files in the project (raw_path, also_sources) none of which is left."""
        return [s for s in self.summaries.values() if not s.error and (s.raw_path or s.also_paths)
                and not any((root / p).is_file() for p in (s.raw_path, *s.also_paths) if p)]

    def out_of_date(self, version: str) -> list[Summary]:
        """The usable records not reviewed whose extraction version is not `version`."""
        return [s for s in self.summaries.values() if not s.error and not s.reviewed and s.version != version]

    def free_id(self, wanted: str) -> str:
        """`wanted`, or `wanted-2`, `wanted-3` … when a record already has that id."""
        candidate, n = wanted, 1
        while candidate in self._ids:
            n += 1
            candidate = f"{wanted}-{n}"
        return candidate

    def path_of(self, summary: Summary) -> Path:
        """The record file of a summary."""
        return self.folder / f"{summary.id}.md"

    def save(self) -> None:
        """Write the cache file atomically (nothing when the index has no cache file)."""
        if self.cache_file is None:
            return
        records = {name: {"sha1": self.stats[name][1], "stat": list(self.stats[name][0]), "summary": s.__dict__}
                   for name, s in sorted(self.summaries.items()) if name in self.stats and not s.error}
        data = {"format": FORMAT, "folder": str(self.folder.resolve()), "saved_ns": time.time_ns(),
                "records": records, "raws": self.raws, "noted": self.noted,
                "files": self._files_to_keep()}
        write_atomic(self.cache_file, json.dumps(data, ensure_ascii=False, separators=(",", ":")))

    def _files_to_keep(self) -> dict[str, list]:
        """The raw files' hashes to cache: those met this run, and those met before that are still there."""
        kept = {name: entry for name, entry in self.files.items()
                if name not in self.seen_files and os.path.isfile(name)}
        return dict(sorted((kept | self.seen_files).items()))


def _read(path: Path) -> StoredRecord | RecordError:
    """The record at `path` (its file hash with it), or the error that keeps it out."""
    try:
        return read_record(path)
    except RecordError as err:
        return err


def _file_hash(path: Path) -> str | None:
    """The SHA-1 of a file's bytes (the key of ingest/writer.py), or None when it cannot be read."""
    try:
        return hashlib.sha1(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _stat(path: Path) -> tuple[int, int] | None:
    """(size, mtime in ns) of a file, links not followed; None when it is gone."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns
