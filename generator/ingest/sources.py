"""The raw files to ingest: listed safely (no hidden files or fetch records, no links out of the inbox) and hashed."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..read.fetched import is_sidecar


def list_raw_files(inputs: list[Path], failed: list[str], base: Path | None = None) -> list[Path]:
    """The regular files under `inputs`, sorted; links leaving their folder are refused into `failed`."""
    out: list[Path] = []
    for top in inputs:
        top = Path(top)
        if top.is_dir():
            out += _walk(top, failed, base)
        elif top.is_file():
            out.append(top)
        else:
            failed.append(f"{display(top, base)}: not a regular file or folder; not read")
    return out


def _walk(top: Path, failed: list[str], base: Path | None) -> list[Path]:
    """Files under the folder `top`, hidden ones skipped, symbolic links kept only when they stay inside."""
    real_top = top.resolve()
    found = []
    for folder, dirs, files in os.walk(top, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in list(dirs):
            path = Path(folder) / name
            if path.is_symlink():
                dirs.remove(name)
                if not _inside(path, real_top):
                    outside = display(top, base)
                    failed.append(f"{display(path, base)}: symbolic link to a folder outside {outside}; not read")
        for name in sorted(files):
            path = Path(folder) / name
            if name.startswith(".") or is_sidecar(name):  # a fetch record describes the page beside it
                continue
            if path.is_symlink() and not _inside(path, real_top):
                failed.append(f"{display(path, base)}: symbolic link to a file outside {display(top, base)}; not read")
            elif path.is_file():
                found.append(path)
            else:
                failed.append(f"{display(path, base)}: not a regular file (device, pipe or broken link); not read")
    return sorted(found)


def _inside(path: Path, folder: Path) -> bool:
    """True when `path`, links resolved, lies inside `folder`."""
    try:
        path.resolve().relative_to(folder)
        return True
    except (ValueError, OSError, RuntimeError):
        return False


def is_inside(path: Path, base: Path) -> bool:
    """True when `path` (as given, links not resolved) lies inside the folder `base`."""
    try:
        Path(os.path.abspath(path)).relative_to(os.path.abspath(base))
        return True
    except ValueError:
        return False


def display(path: Path, base: Path | None) -> str:
    """`path` relative to `base` (the project root) when inside it, else as given."""
    if base is not None:
        try:
            return Path(os.path.abspath(path)).relative_to(os.path.abspath(base)).as_posix()
        except ValueError:
            pass
    return str(path)


def hash_file(path: Path) -> str:
    """The sha256 of the file's bytes, read in blocks (a 50 MB file never sits in memory twice)."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def source_key(digest: str, entry: int) -> str:
    """The key of one raw article: its file's byte hash (24 hex digits) and its entry number."""
    return f"{digest[:24]}#{entry}"
