"""The record cache's entry of every record ingest writes, made from the fields it dumped: no parsing back.

The first build after an ingest would otherwise parse every new record's YAML to fill the
cache (see record_cache). Here the entry is written beside the record, from the fields and
body that were dumped. It equals what parsing the file gives because:

- the fields are the ones dumped, in the file's order, fingerprint last (store.stored_form and
  store.record_text, which store.dump_record is made of; the fingerprint is computed once);
- fields a worker dumped beforehand (`Outcome.parts`) are still, in the record, the very values
  it dumped, one after the other as dump_front assumes (`parts_in_place`), and the worker's
  schema check still holds: the fields added since are ingest's bookkeeping (record.BOOKKEEPING:
  raw sources, paths, versions and the fingerprint, valid by construction, and also_sources copied
  from a record that was parsed and checked), and the record's id is a safe id (record_path)
  matching its file name;
- every value is of record_cache.exact_types (checked by the worker for its fields), which
  the safe dump and JSON both give back exactly.

Anything else is not cached (the next read parses it). A failure to write an entry never fails
ingest: it is logged at debug level and no entry is written for the rest of the run.
"""
from __future__ import annotations

import logging
from pathlib import Path

from .. import record_cache
from ..record import BOOKKEEPING, Record
from .work import Outcome

LOG = logging.getLogger(__name__)
SCHEMA_FIELDS = frozenset(Record.model_fields) - set(BOOKKEEPING)   # the fields a worker's check covers
_ABSENT = object()


def parts_in_place(meta: dict, parts: dict[str, str], dumped: dict) -> bool:
    """True when the fields in `parts` are, in `meta`, the values `dumped` had, in one run in the same order, and
    the other fields are ingest's bookkeeping (so the worker's dump and schema check hold for `meta`)."""
    keys, names = list(parts), list(meta)
    if not keys or keys[0] not in meta:
        return False
    start = names.index(keys[0])
    if names[start:start + len(keys)] != keys or not all(meta[key] is dumped.get(key, _ABSENT) for key in keys):
        return False
    return not SCHEMA_FIELDS.intersection(names[:start] + names[start + len(keys):])


class EntryWriter:
    """Writes the cache entries of the records ingest writes, into the folder the build reads them from."""

    def __init__(self, folder: Path | None):
        self.folder = folder

    def save(self, path: Path, data: bytes, meta: dict, body: str, parts: dict | None, outcome: Outcome) -> None:
        """Cache the record just written at `path` as `data` (from `meta`, `body`, `parts`); never raises."""
        if self.folder is None:
            return
        json_parts = outcome.entry_parts if parts else None
        if parts and not (list(json_parts) == list(parts) and parts_in_place(meta, parts, outcome.record or {})):
            return
        try:
            record_cache.save_written(self.folder, path, data, meta, body, json_parts)
        except Exception as err:  # the cache only saves time: ingest goes on without it
            LOG.debug("no record cache entries written from %s on: %s", path.name, err)
            self.folder = None
