"""The one way ingest puts a record on disk: its file and its record-cache entry, written from one object.

The rules that make ingest fast and still exact, written down here only (docs/architecture.md
sums them up):

1. One key. A record file is known by the SHA-1 of its bytes (`file_hash`). The cache entry
   (record_cache, `build/cache/records/<name>.json`) and the ingest index's summary
   (ingest/index.py, `build/cache/ingest-index.json`) are both filed under it: a file whose
   bytes hash otherwise is parsed again. The index keeps the file's (size, mtime) beside the
   hash only to skip reading an unchanged file (a stat older than two seconds when saved).
2. One object. `write` takes a `Record` (record.py), valid by construction: extraction validated
   it (extract.build_record), a record read from a file was validated when read, and ingest adds
   only its own bookkeeping (record.BOOKKEEPING, with `model_copy(update=...)`). It dumps the
   record once (the fields it was given, in the model's order, extras last: the order ingest has
   always written), turns that into the stored form (store.stored_form: fresh fingerprint last)
   and makes the file's bytes, the entry and the index's summary from that same mapping.
3. Work done in the workers. A worker `prepare`s the record it extracted: it dumps the
   record's fields as YAML and as JSON in one go (`Prepared`). The main process only adds
   ingest's bookkeeping and the id, and `write` pastes the worker's text between the
   bookkeeping's (a top-level mapping is the concatenation of its entries) when `in_place`
   confirms that the worker's fields are still the very values it dumped, one run in the same
   order, and no other schema field was added; otherwise `write` dumps everything itself.
4. An entry only when exact. The entry is written when every value is of
   record_cache.exact_types (str, int, float, bool, None in lists and str-keyed dicts): the safe
   YAML dump and JSON both give such data back exactly, so the entry equals what parsing the
   file gives, with no parse. Any other record is left to the next read, which parses it.
5. Crash safety. The record is written atomically (temporary file, rename; ingest syncs the
   folder once at the end), then its entry (atomic, not synced), then the index learns it; the
   index file is saved last. A crash in between leaves files whose hashes no longer match what
   the caches say, so they are parsed again: never a stale record. A failure to write an entry
   never fails ingest (logged at debug level; no entry is written for the rest of the run).
"""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

from .. import record_cache
from ..atomic import write_bytes_atomic
from ..record import SCHEMA_FIELDS, Record
from ..store import dump_front, record_path, record_text, stored_form

LOG = logging.getLogger(__name__)
_ABSENT = object()


@dataclass
class Prepared:
    """A worker's extracted record (validated, no body), with the YAML and JSON of its fields but the id, made there."""

    record: Record
    yaml: dict[str, str] = field(default_factory=dict)   # the text under the first field's name, "" under the others
    json: dict[str, str] = field(default_factory=dict)   # the same for JSON ({}: not of exact_types)


def prepare(record: Record, fields: dict | None = None) -> Prepared:
    """Dump a record's extracted fields (all but its `id`, a placeholder) in a worker; `fields`: its dump, if made."""
    fields = fields if fields is not None else stored_fields(record)
    rest = {key: value for key, value in fields.items() if key != "id"}
    return Prepared(record, _runs(rest, dump_front(rest)), _runs(rest, _json_text(rest)))


def stored_fields(record: Record) -> dict:
    """The fields of `record` as a file stores them: those it was given (defaults left out), in the model's order,
    fields the model does not know last."""
    return record.model_dump(exclude_unset=True)


def _runs(fields: dict, text: str | None) -> dict[str, str]:
    """`text` filed under the first of `fields`, "" under the others ({} when there is no text)."""
    if text is None:
        return {}
    return {key: (text if n == 0 else "") for n, key in enumerate(fields)}


def _json_text(fields: dict) -> str | None:
    """The JSON of `fields` without its braces, or None when they are not of exact_types."""
    if not record_cache.exact_or_false(fields):
        return None
    try:
        return record_cache.JSON.encode(fields)[1:-1]
    except (ValueError, RecursionError):   # an int too long to write out
        return None


def in_place(record: Record, names: list[str], prepared: Prepared) -> bool:
    """True when the prepared fields are, in `record`, the values the worker dumped (the same objects), one run in
    the same order among the stored fields `names`, and the other fields are ingest's bookkeeping (so the worker's
    dump holds for `record`)."""
    keys = list(prepared.yaml)
    if not keys or keys[0] not in names:
        return False
    start = names.index(keys[0])
    dumped = prepared.record
    if names[start:start + len(keys)] != keys or not all(
            getattr(record, key, _ABSENT) is getattr(dumped, key, _ABSENT) for key in keys):
        return False
    return not SCHEMA_FIELDS.intersection(names[:start] + names[start + len(keys):])


@dataclass
class Written:
    """A record just written: where, its stored fields and body, and the hash of the file's bytes."""

    path: Path
    meta: dict
    body: str
    file_hash: str


class RecordWriter:
    """Writes records into `folder` and their entries into the record cache `cache_dir` (None: no entries)."""

    def __init__(self, folder: Path, cache_dir: Path | None):
        self.folder, self.cache_dir = folder, cache_dir

    def write(self, record: Record, body: str, prepared: Prepared | None = None) -> Written:
        """Write the record file atomically and its cache entry from one stored form of `record`.

        The worker's YAML and JSON of the fields it `prepared` are pasted in when they are still in place.
        """
        path = record_path(self.folder, record.id)
        meta, body = stored_form(stored_fields(record), body)
        usable = prepared if prepared is not None and in_place(record, list(meta), prepared) else None
        data = record_bytes(meta, body, usable)
        write_bytes_atomic(path, data, durable=False)  # ingest syncs once at the end
        written = Written(path, meta, body, hashlib.sha1(data).hexdigest())
        self._save_entry(written, usable)
        return written

    def _save_entry(self, written: Written, prepared: Prepared | None) -> None:
        """Write the cache entry of a record just written, when its data is exact; never raises."""
        if self.cache_dir is None:
            return
        parts = prepared.json if prepared is not None else None
        if prepared is not None and list(parts) != list(prepared.yaml):
            return   # the worker's fields are not of exact_types
        rest = {key: value for key, value in written.meta.items() if key not in (parts or ())}
        if type(written.body) is not str or not record_cache.exact_or_false(rest):
            return
        try:
            meta_json = _paste(written.meta, parts, lambda fields: record_cache.JSON.encode(fields)[1:-1], ", ")
            text = record_cache.entry_text("{" + meta_json + "}", written.body, written.file_hash, [])
            write_bytes_atomic(self.cache_dir / record_cache.entry_name(written.path),
                               text.encode("utf-8", "surrogatepass"), durable=False)
        except Exception as err:  # the cache only saves time: ingest goes on without it
            LOG.debug("no record cache entries written from %s on: %s", written.path.name, err)
            self.cache_dir = None


def record_bytes(meta: dict, body: str, prepared: Prepared | None = None) -> bytes:
    """The bytes of the record file of a stored form, with the YAML of the `prepared` fields (in place) pasted in."""
    return record_text(meta, body, _paste(meta, prepared.yaml if prepared else None, dump_front, "")).encode("utf-8")


def _paste(meta: dict, parts: dict[str, str] | None, dump, joiner: str) -> str:
    """The text of `meta` with the runs of fields in `parts` taken from there and the others made by `dump`.

    `dump(fields)` gives the text of a mapping's entries (YAML lines, or JSON members without braces), and
    `joiner` what stands between two pieces ("" for YAML lines, ", " for JSON members).
    """
    if not parts:
        return dump(meta)
    pieces = []
    for pasted, group in groupby(meta.items(), key=lambda item: item[0] in parts):
        pieces += [parts[key] for key, _ in group] if pasted else [dump(dict(group))]
    return joiner.join(piece for piece in pieces if piece)
