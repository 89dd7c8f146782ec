"""Records on disk: YAML front-matter Markdown files in content/articles/, written atomically."""
from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

FENCE = "---\n"


class RecordError(Exception):
    """A record file that cannot be read, with the line and the problem."""

    def __init__(self, path: Path, reason: str, line: int | None = None):
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {reason}")
        self.path, self.reason, self.line = path, reason, line


@dataclass
class StoredRecord:
    """A record as read from disk: its front-matter fields, its body and where it lives."""

    path: Path
    meta: dict
    body: str

    @property
    def edited(self) -> bool:
        """True when the file no longer matches the fingerprint written with it: a person changed it."""
        return self.meta.get("fingerprint") != fingerprint(self.meta, self.body)


def fingerprint(meta: dict, body: str) -> str:
    """Hash of a record's fields (fingerprint excluded) and body, to notice hand edits."""
    fields = {k: v for k, v in meta.items() if k != "fingerprint"}
    text = yaml.safe_dump(fields, allow_unicode=True, sort_keys=True) + body
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def dump_record(meta: dict, body: str) -> str:
    """The text of a record file: front-matter (with a fresh fingerprint) and body."""
    fields = {k: v for k, v in meta.items() if k not in ("body", "fingerprint")}
    fields["fingerprint"] = fingerprint(fields, body.rstrip("\n") + "\n")
    front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=1000)
    return FENCE + front + FENCE + "\n" + body.rstrip("\n") + "\n"


def parse_record(path: Path, text: str) -> StoredRecord:
    """Split a record file into front-matter and body; raises RecordError naming line and problem."""
    if not text.startswith(FENCE):
        raise RecordError(path, "no front-matter: the file must start with a '---' line", 1)
    end = text.find("\n" + FENCE, len(FENCE) - 1)
    if end < 0:
        raise RecordError(path, "front-matter is not closed by a '---' line", 1)
    try:
        meta = yaml.safe_load(text[len(FENCE): end + 1])
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark else None
        raise RecordError(path, f"YAML: {getattr(err, 'problem', None) or err}", line) from err
    if not isinstance(meta, dict):
        raise RecordError(path, "front-matter is not a mapping of fields", 2)
    body = text[end + 1 + len(FENCE):].lstrip("\n")
    return StoredRecord(path=path, meta=meta, body=body)


def read_record(path: Path) -> StoredRecord:
    """The record stored at `path`."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise RecordError(path, f"cannot read: {err}") from err
    return parse_record(path, text)


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` so a crash leaves either the old file or the new one, never a torn one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def record_path(folder: Path, record_id: str) -> Path:
    """Where the record with `record_id` lives; refuses ids that would leave `folder`."""
    if not record_id or "/" in record_id or "\\" in record_id or record_id.startswith("."):
        raise ValueError(f"unsafe record id {record_id!r}")
    return folder / f"{record_id}.md"


def iter_records(folder: Path):
    """Every record file in `folder`, in name order, as StoredRecord or RecordError."""
    for path in sorted(folder.glob("*.md")):
        try:
            yield read_record(path)
        except RecordError as err:
            yield err
