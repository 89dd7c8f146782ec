"""Records on disk: YAML front-matter Markdown files in content/articles/, written atomically.

Front-matter is written with a safe dumper and read with a safe loader only: any string
survives the round trip exactly (`: `, `---`, `#`, `&a`, `!!python/object`, tabs, NUL and
other control characters are quoted or escaped). Anchors and aliases are refused when
reading, so a hand-edited file cannot blow up into a huge or endless structure. The body
is text: its line ends are normalised to `\\n` and leading and trailing blank lines dropped.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from . import yamlsafe
from .controls import IN_YAML
from .ids import ID, MAX_ID_LENGTH

if TYPE_CHECKING:
    from .record import Record

FENCE = "---\n"
LOADER = yamlsafe.SafeLoader   # safe, dates kept as text, duplicate keys refused


class RecordError(Exception):
    """A record file that cannot be used, with the line and the problem (and any further problems)."""

    def __init__(self, path: Path, reason: str, line: int | None = None,
                 more: list[tuple[int | None, str]] | None = None, meta: dict | None = None):
        self.path, self.reason, self.line = Path(path), reason, line
        self.problems = [(line, reason), *(more or [])]
        self.meta = meta  # the fields, when the YAML was readable but the record is not valid
        super().__init__("; ".join(self.lines()))

    def lines(self, base: Path | None = None) -> list[str]:
        """One `path:line: problem` line per problem (the path relative to `base`, the project root, when given)."""
        where = display_path(self.path, base)
        return [f"{where}{f':{line}' if line else ''}: {reason}" for line, reason in self.problems]


def display_path(path: Path, base: Path | None) -> str:
    """`path` relative to `base` when it lies inside it, else as it is."""
    if base is not None:
        try:
            return Path(path).absolute().relative_to(Path(base).absolute()).as_posix()
        except ValueError:
            pass
    return str(path)


@dataclass
class StoredRecord:
    """A record as read from disk: its validated `Record` (record.py), its body and where it lives.

    `file_hash` is the SHA-1 (hex) of the file's bytes when they were read (None for a text parsed from
    elsewhere): the one key of the record cache and the ingest index (ingest/writer.py), and a stable hash
    of everything the record says.
    """

    path: Path
    record: Record
    body: str
    file_hash: str | None = field(default=None, compare=False)

    @property
    def id(self) -> str:
        """The record's id (its file name without .md)."""
        return self.record.id

    @property
    def meta(self) -> dict:
        """The front-matter fields as the file states them, in the order ingest writes them (the model's, fields it
        does not know after, the fingerprint last): a new mapping, dumped from the record at each call."""
        meta = self.record.model_dump(exclude_unset=True)
        if "fingerprint" in meta:
            meta["fingerprint"] = meta.pop("fingerprint")
        return meta

    @property
    def reviewed(self) -> bool:
        """True when a person marked the record `reviewed: true`."""
        return self.record.reviewed is True

    @property
    def edited(self) -> bool:
        """True when the file no longer matches the fingerprint written with it: a person changed it."""
        return is_edited(self.meta, self.body)


def is_edited(meta: dict, body: str) -> bool:
    """True when a record's fields and body no longer match the fingerprint written with them."""
    stamp = meta.get("fingerprint")
    return stamp != fingerprint(meta, body) and stamp != _first_fingerprint(meta, body)


class _RecordDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """The safe dumper (libyaml's when present), without anchors, double-quoting strings that need escapes."""

    def ignore_aliases(self, data) -> bool:
        """Never write anchors or aliases: every value is written out in full."""
        return True


def _represent_str(dumper: yaml.SafeDumper, value: str):
    """Strings with control or line-separator characters double-quoted (escaped), others as usual."""
    style = '"' if IN_YAML.search(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_RecordDumper.add_representer(str, _represent_str)


def dump_front(fields: dict) -> str:
    """Front-matter YAML for `fields`, in their order, safe and exact (a top-level mapping: its entries one after
    the other, so the YAML of some fields may be dumped apart and pasted in: see ingest/writer.py)."""
    return yaml.dump(fields, Dumper=_RecordDumper, allow_unicode=True, sort_keys=False, width=1000)


def load_front(text: str):
    """The data of a front-matter YAML text, loaded safely (tags like !!python/object are refused)."""
    return yamlsafe.load(text)


def normal_body(body: str) -> str:
    """The body as stored: `\\n` line ends, no leading or trailing blank lines, one final newline."""
    body = body.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    return body + "\n" if body else ""


def fingerprint(meta: dict, body: str) -> str:
    """Hash of a record's fields (fingerprint excluded) and body, to notice hand edits.

    It depends on the data, not on how the YAML is written: re-quoting or reordering fields
    is not an edit; changing a value, a figure or the body is.
    """
    fields = {k: v for k, v in meta.items() if k != "fingerprint"}
    try:
        text = json.dumps(fields, ensure_ascii=False, sort_keys=True, default=str)
    except (TypeError, ValueError):  # keys of mixed types in a hand-edited file
        text = repr(sorted((str(k), repr(v)) for k, v in fields.items()))
    data = text + "\n" + normal_body(body)
    return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _first_fingerprint(meta: dict, body: str) -> str | None:
    """The fingerprint as the first version of Briefing wrote it (YAML of the fields), so its records stay unedited."""
    fields = {k: v for k, v in meta.items() if k != "fingerprint"}
    try:
        text = yaml.safe_dump(fields, allow_unicode=True, sort_keys=True) + normal_body(body)
    except yaml.YAMLError:
        return None
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def dump_record(meta: dict, body: str) -> str:
    """The text of a record file: front-matter (with a fresh fingerprint) and body."""
    return record_text(*stored_form(meta, body))


def stored_form(meta: dict, body: str) -> tuple[dict, str]:
    """The fields (fresh fingerprint last) and body a record file holds for `meta` and `body`, as parsing gives them."""
    fields = {k: v for k, v in meta.items() if k not in ("body", "fingerprint")}
    body = normal_body(body)
    fields["fingerprint"] = fingerprint(fields, body)
    return fields, body


def record_text(fields: dict, body: str, front: str | None = None) -> str:
    """The file for the fields and body of stored_form (no second fingerprint); `front`: their YAML, when made."""
    return FENCE + (dump_front(fields) if front is None else front) + FENCE + "\n" + body


def parse_record(path: Path, text: str) -> StoredRecord:
    """Split a record file into front-matter and body and check it; raises RecordError naming line and problem."""
    path = Path(path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.startswith(FENCE):
        raise RecordError(path, "no front-matter: the file must start with a '---' line", 1)
    end = text.find("\n" + FENCE, len(FENCE) - 1)
    if end < 0 and text.endswith("\n---"):
        end = len(text) - 4
    if end < 0:
        raise RecordError(path, "front-matter is not closed by a '---' line", 1)
    front = text[len(FENCE): end + 1]
    meta = _load_meta(path, front)
    body = text[end + 1 + len(FENCE):]
    return StoredRecord(path=path, record=_check_meta(path, meta, front), body=normal_body(body))


def _load_meta(path: Path, front: str) -> dict:
    """The front-matter fields; RecordError on YAML errors, aliases or anything but a mapping."""
    try:
        meta = load_front(front)
    except yaml.YAMLError as err:
        mark, context = getattr(err, "problem_mark", None), getattr(err, "context_mark", None)
        line = mark.line + 2 if mark else None
        reason = f"front-matter YAML: {yamlsafe.error_reason(err, front) if mark else err}"
        if context is not None and getattr(err, "context", None) and context.line + 2 != line:
            reason += f" ({err.context} on line {context.line + 2})"
        raise RecordError(path, reason, line) from err
    except (ValueError, TypeError, RecursionError) as err:   # a value the safe constructor cannot make
        raise RecordError(path, f"front-matter YAML: {err}", None) from err
    if not isinstance(meta, dict):
        raise RecordError(path, "front-matter is not a mapping of fields (`name: value` lines)", 2)
    if _has_shared_nodes(meta):
        raise RecordError(path, "front-matter uses YAML anchors/aliases (&name, *name); write values out in full", 2)
    return meta


def _has_shared_nodes(data) -> bool:
    """True when a list or mapping appears twice in `data` (YAML aliases, possibly recursive)."""
    seen: set[int] = set()
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, (dict, list)):
            if id(item) in seen:
                return True
            seen.add(id(item))
            stack.extend(item.values() if isinstance(item, dict) else item)
    return False


def _check_meta(path: Path, meta: dict, front: str) -> Record:
    """The validated record of the fields; refuses a record whose id is unsafe or not its file name, or whose
    fields break the schema."""
    from .record import validated
    record_id = meta.get("id")
    if record_id != path.stem:
        raise RecordError(path, f"id {record_id!r} does not match the file name {path.name!r}: "
                          f"the id must be the file name without .md", _line_of(front, "id"), meta=meta)
    record, found = validated(meta)
    if found:
        raise problems_error(path, front, found, meta)
    return record


def problems_error(path: Path, front: str, problems: list[tuple[str, str]], meta: dict | None = None) -> RecordError:
    """The RecordError of a record's (field, reason) problems, each at the line of its field in the file."""
    tree = yamlsafe.compose(front)
    (line, reason), *more = [(field_line(front, name, tree), f"{name}: {reason}") for name, reason in problems]
    return RecordError(path, reason, line, more, meta=meta)


def field_line(front: str, name: str, tree=None) -> int | None:
    """The line in the record file of the field at the dotted place `name` (`figures.3.year`) of its front-matter."""
    place = [int(p) if p.isdigit() else p for p in name.split(".")]
    line = yamlsafe.line_of(tree if tree is not None else yamlsafe.compose(front), place)
    return line + 1 if line is not None else _line_of(front, place[0])


def front_matter(path: Path) -> str:
    """The front-matter text of a record file (to find the lines of its fields); '' when it cannot be read."""
    try:
        text = Path(path).read_text(encoding="utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except (OSError, UnicodeDecodeError):
        return ""
    end = text.find("\n" + FENCE, len(FENCE) - 1)
    return text[len(FENCE): end + 1] if text.startswith(FENCE) and end > 0 else ""


def _line_of(front: str, key) -> int | None:
    """The line number in the record file of the top-level field `key`, if it is there."""
    match = re.search(rf"^{re.escape(str(key))}\s*:", front, re.M)
    return front.count("\n", 0, match.start()) + 2 if match else None


def read_record(path: Path) -> StoredRecord:
    """The record stored at `path`; symbolic links and other non-regular files are refused."""
    path = Path(path)
    if path.is_symlink():
        raise RecordError(path, "is a symbolic link: records must be regular files inside content/articles/")
    if not path.is_file():
        raise RecordError(path, "is not a regular file")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise RecordError(path, f"cannot read: {err.strerror}") from err
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise RecordError(path, f"not UTF-8 text (byte {err.start}); save the file as UTF-8", line) from err
    record = parse_record(path, text)
    record.file_hash = hashlib.sha1(data).hexdigest()
    return record


def safe_id(wanted: str, fallback: str = "article") -> str:
    """`wanted` made into a safe record id: lower-case ASCII letters, digits and dashes, at most 100 characters."""
    slug = re.sub(r"[^a-z0-9]+", "-", str(wanted).lower()).strip("-")
    if len(slug) > MAX_ID_LENGTH:
        slug = slug[:MAX_ID_LENGTH].rsplit("-", 1)[0] or slug[:MAX_ID_LENGTH]
    return slug or fallback


def record_path(folder: Path, record_id: str) -> Path:
    """Where the record with `record_id` lives; refuses ids that would leave `folder` or are not slugs."""
    if not isinstance(record_id, str) or not ID.match(record_id) or len(record_id) > MAX_ID_LENGTH:
        raise ValueError(f"unsafe record id {record_id!r}: use lower-case letters, digits and dashes")
    return folder / f"{record_id}.md"


def record_files(folder: Path) -> list[Path]:
    """The record files in `folder` (`*.md`, hidden files skipped), in name order."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.md") if not p.name.startswith("."))


def iter_records(folder: Path):
    """Every record file in `folder`, in name order, as StoredRecord or RecordError."""
    for path in record_files(folder):
        try:
            yield read_record(path)
        except RecordError as err:
            yield err
