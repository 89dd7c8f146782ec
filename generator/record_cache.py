"""Parsed records kept as JSON, so a build reads unchanged records without parsing their YAML.

Parsing a record's front matter with libyaml costs about 2-4 ms; loading the same record from
JSON about 0.1 ms. The cache folder (build/cache/records/, git-ignored, safe to delete) holds
one `<record file name>.json` per valid record: its meta, body and the SHA-1 of the record
file's bytes it was parsed from.

Decisions, measured at 9,824 generated records (about 12 KB each, 2 shared cores): read_records
took 22.6 s without the cache, 28.5 s filling it (first build only: encoding, checking and
writing the entries), 1.2 s from it (18x faster), and 1.2 s after one record was edited.

- Key: the SHA-1 of the file's bytes, not (size, mtime_ns). Reading and hashing a record costs
  about 15 µs against 4 µs for a stat (0.1 s more per 10,000 records), and a hash cannot miss
  an edit that keeps the size and the timestamp. The bytes hashed are the bytes parsed on a
  miss, so an entry always describes exactly the content it is filed under. The ingest index
  files its summaries under the same hash (ingest/writer.py states the rules).
- One file per record, not one file for the folder: JSON decoding dominates loading (about
  80 µs a record), so 10,000 files load in 1.0 s against 1.6 s for one 108 MB file, and after
  an edit only that record's file is rewritten (one file: 1.0 s to rewrite it all). Writes are
  atomic (temporary file + os.replace), not fsynced: a torn entry is corrupt, and a corrupt or
  foreign entry is ignored (the record is parsed again).
- An entry is valid only for the code that made it: a stamp of this module, store.py,
  yamlsafe.py and record.py, and the PyYAML, pydantic and Python versions is stored in it, so
  a change to the parser or the schema re-parses everything once.
- An entry is loaded as a `Record`, validated again: its JSON text is parsed and validated in one pass
  (`Entry.model_validate_json`, 0.12 s for 983 entries against 0.09 s for json.loads alone and 0.15 s for
  json.loads and model_validate; rebuilding the models without validation measured slower still), so the
  build only ever sees valid records.
- JSON keeps str, int, float, bool, None, lists and str-keyed mappings exactly; dates and
  datetimes are written as ISO text and their places listed beside the meta, to be turned back.
  Before an entry is written it is decoded again and compared (types, key order, time zone
  offsets included); a record whose data would not come back identical (sets, bytes, non-string
  keys, …) is not cached and is parsed every time. Records that fail to parse (RecordError) are
  never cached, so they are reported on every build.
- Entries of records no longer in the folder, or no longer valid, are deleted after each read
  (one listing of the cache folder), with temporaries a killed writer left behind.
- Ingest writes the entry of every record it writes, from the fields it has just dumped
  (ingest/writer.py, where the rules are written down), so the first build after an ingest finds
  the cache warm instead of parsing every new record (reading 10,000 new records cold costs more
  than not caching at all). Nothing is parsed back: for data of `exact_types` (a walk, about
  60 µs for a 10 KB record, against 220 µs for encoding and decoding again) the entry equals what
  parsing gives. At 9,824 generated records this cost ingest about 2 s of CPU in the main process
  and 1 s in the workers; the first read then took 1.5 s, not 30 s.
"""
from __future__ import annotations

import hashlib
import json
import os
import platform
import sys
from collections.abc import Iterator
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

import pydantic
import yaml
from pydantic import BaseModel, ConfigDict

from . import record as record_module
from . import store, yamlsafe
from .atomic import write_bytes_atomic
from .store import RecordError, StoredRecord

FORMAT = 1      # bump when the layout of an entry changes
SUFFIX = ".json"
DECODERS = {"date": date.fromisoformat, "datetime": datetime.fromisoformat}
PLAIN = frozenset((str, int, float, bool, type(None)))
JSON = json.JSONEncoder(ensure_ascii=False)   # json.dumps(..., ensure_ascii=False) without making an encoder each time
BAD_ENTRY = (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError, RecursionError)


class Entry(BaseModel):
    """A cache entry as entry_text writes it, its meta validated into a Record straight from the JSON text."""

    model_config = ConfigDict(strict=True)

    stamp: str
    sha1: str
    special: list
    meta: record_module.Record
    body: str


class Unsupported(Exception):
    """A value JSON cannot carry exactly: the record is not cached."""


@lru_cache(maxsize=None)
def code_stamp() -> str:
    """A hash of the code and library versions that decide what parsing a record gives."""
    parts = [str(FORMAT), yaml.__version__, store.LOADER.__name__, pydantic.VERSION,
             platform.python_implementation(), "%d.%d" % sys.version_info[:2]]
    digest = hashlib.sha1("\n".join(parts).encode())
    for module in (sys.modules[__name__], store, record_module, yamlsafe):
        digest.update(_source_bytes(module))
    return digest.hexdigest()[:16]


def _source_bytes(module) -> bytes:
    """The source file of `module`, or its name when the file cannot be read."""
    try:
        return Path(module.__file__).read_bytes()
    except (OSError, TypeError):
        return module.__name__.encode()


def iter_cached_records(folder: Path, cache_dir: Path, known=None) -> Iterator:
    """Every record file in `folder`, in name order, as StoredRecord or RecordError, read through the cache
    (with `known`, a function of a file's path and SHA-1: what it gives for a file, when not None, instead of
    parsing it; its cache entry is kept)."""
    kept: set[str] = set()
    for path in store.record_files(folder):
        item, entry = read_cached(path, cache_dir, known)
        if entry is not None:
            kept.add(entry.name)
        yield item
    prune(cache_dir, kept)


def entry_name(path: Path) -> str:
    """The name of the cache entry for the record file at `path`."""
    return path.name + SUFFIX


def read_cached(path: Path, cache_dir: Path, known=None) -> tuple:
    """The record at `path` (from its entry when the file is unchanged, else parsed; what `known` gives for it,
    when it gives something) and its current entry, if any."""
    data = _regular_file_bytes(path)
    if data is None:
        return _parse_file(path), None
    digest = hashlib.sha1(data).hexdigest()
    entry = cache_dir / entry_name(path)
    stand_in = known(path, digest) if known is not None else None
    if stand_in is not None:
        return stand_in, entry
    cached = load_entry(entry, path, digest)
    if cached is not None:
        return cached, entry
    try:
        record = store.parse_record(path, data.decode("utf-8"))
    except UnicodeDecodeError:
        return _parse_file(path), None   # read_record words the error
    except RecordError as err:
        return err, None
    record.file_hash = digest
    return record, (entry if save_entry(entry, record, digest) else None)


def _regular_file_bytes(path: Path) -> bytes | None:
    """The bytes of `path` when it is a readable regular file (not a link), else None."""
    if path.is_symlink() or not path.is_file():
        return None
    try:
        return path.read_bytes()
    except OSError:
        return None


def _parse_file(path: Path) -> StoredRecord | RecordError:
    """The record at `path` read without the cache, or the error that keeps it out."""
    try:
        return store.read_record(path)
    except RecordError as err:
        return err


def load_entry(entry: Path, path: Path, digest: str) -> StoredRecord | None:
    """The record kept in `entry` when it was made by this code from bytes hashing to `digest`; None otherwise."""
    try:
        text = entry.read_bytes()
        fast = _validated_entry(text)
        if fast is not None:
            fresh = fast.stamp == code_stamp() and fast.sha1 == digest
            return StoredRecord(path, record_module.compact(fast.meta), fast.body, fast.sha1) if fresh else None
        data = json.loads(text.decode("utf-8", "surrogatepass"))
        if data["stamp"] != code_stamp() or data["sha1"] != digest:
            return None
        return decode(data, path)
    except BAD_ENTRY:   # missing, torn, foreign or of another format: parse again
        return None


def _validated_entry(text: bytes) -> Entry | None:
    """The Entry of an entry's JSON text, parsed and validated in one pass (pydantic's JSON parser: 0.12 s for
    983 entries, against 0.15 s for json.loads and model_validate); None for one with dates to turn back or
    values that parser refuses (NaN, lone surrogates …): decode reads those."""
    try:
        found = Entry.model_validate_json(text)
    except pydantic.ValidationError:
        return None
    return found if not found.special else None


def decode(data: dict, path: Path) -> StoredRecord:
    """The StoredRecord an entry's data describes (dates and datetimes turned back from ISO text), its Record
    validated again (a ValidationError, a ValueError, for an entry that does not hold a valid record)."""
    meta, body = data["meta"], data["body"]
    if not isinstance(meta, dict) or not isinstance(body, str):
        raise TypeError("not a record entry")
    for place, kind in data["special"]:
        *parents, last = place
        holder = meta
        for key in parents:
            holder = holder[key]
        holder[last] = DECODERS[kind](holder[last])
    return StoredRecord(path=path, record=record_module.compact(record_module.Record.model_validate(meta)), body=body,
                        file_hash=data.get("sha1"))


def encode(record: StoredRecord, digest: str) -> bytes:
    """The entry for `record` as JSON bytes; raises when its data would not come back identical."""
    special: list[tuple[list, str]] = []
    meta = record.meta
    _find_special(meta, [], special)
    text = entry_text(json.dumps(meta, ensure_ascii=False, default=_iso), record.body, digest, special)
    back = decode(json.loads(text), record.path)
    if not same(back.meta, meta) or back.body != record.body:
        raise Unsupported("the data does not survive JSON")
    return text.encode("utf-8", "surrogatepass")


def entry_text(meta_json: str, body: str, digest: str, special: list) -> str:
    """The JSON text of an entry, around the JSON text of its meta."""
    head = json.dumps({"stamp": code_stamp(), "sha1": digest, "special": special}, ensure_ascii=False)
    return f'{head[:-1]}, "meta": {meta_json}, "body": {JSON.encode(body)}}}'


def _iso(value) -> str:
    """A date or datetime as ISO text, for json.dumps."""
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


def _find_special(value, place: list, found: list) -> None:
    """Add to `found` the place of every date and datetime in `value`; Unsupported for types JSON cannot carry."""
    kind = type(value)
    if kind in PLAIN:
        return
    if kind is dict:
        for key, item in value.items():
            if type(key) is not str:
                raise Unsupported(f"key {key!r} is not a string")
            _find_in(item, place, key, found)
    elif kind is list:
        for n, item in enumerate(value):
            _find_in(item, place, n, found)
    elif kind in (datetime, date):
        found.append((list(place), kind.__name__))
    else:
        raise Unsupported(f"{kind.__name__} value")


def _find_in(item, place: list, key, found: list) -> None:
    """_find_special for the member `key` of the list or mapping at `place`."""
    if type(item) in PLAIN:
        return
    place.append(key)
    _find_special(item, place, found)
    place.pop()


def same(a, b) -> bool:
    """True when `a` and `b` are equal with the same types, key order and time zone offsets."""
    if type(a) is not type(b):
        return False
    if type(a) is str:
        return a == b
    if type(a) is dict:
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if type(a) is list:
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if type(a) is float:
        return repr(a) == repr(b)
    if type(a) is datetime:
        return a == b and a.utcoffset() == b.utcoffset() and a.replace(tzinfo=None) == b.replace(tzinfo=None)
    return a == b


def save_entry(entry: Path, record: StoredRecord, digest: str) -> bool:
    """Write the cache entry of a freshly parsed record; False when JSON cannot carry it or the write fails."""
    try:
        write_bytes_atomic(entry, encode(record, digest), durable=False)
    except (Unsupported, *BAD_ENTRY):   # OSError: a read-only or full disk; the others: data JSON cannot carry
        return False
    return True


def prune(cache_dir: Path, kept: set[str]) -> None:
    """Delete the entries not in `kept` and the temporaries of killed writers (other files are left alone)."""
    try:
        names = os.listdir(cache_dir)
    except OSError:
        return
    for name in names:
        stale_entry = name.endswith(".md" + SUFFIX) and not name.startswith(".") and name not in kept
        temporary = name.startswith(".") and name.endswith(".tmp") and ".md" + SUFFIX + "." in name
        if stale_entry or temporary:
            try:
                (cache_dir / name).unlink()
            except OSError:
                pass


def exact_types(value) -> bool:
    """True when `value` holds only str, int, float, bool and None in lists and str-keyed dicts, subclasses excluded.

    The safe YAML dump of a record and JSON both give such data back exactly (types, key order,
    -0.0, inf and nan included): an entry made from them equals what parsing the dump gives.
    """
    kind = type(value)
    if kind is dict:
        return all(type(key) is str and (type(item) in PLAIN or exact_types(item)) for key, item in value.items())
    if kind is list:
        return all(type(item) in PLAIN or exact_types(item) for item in value)
    return kind in PLAIN


def exact_or_false(value) -> bool:
    """exact_types, False for data nested too deeply to check."""
    try:
        return exact_types(value)
    except RecursionError:
        return False
