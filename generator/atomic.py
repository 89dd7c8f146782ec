"""Crash-safe writes: a file or a whole folder is replaced in one step, never left half-written."""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import tempfile
from pathlib import Path

RENAME_EXCHANGE = 2  # renameat2 flag (Linux): swap two paths in one atomic step
AT_FDCWD = -100


def write_atomic(path: Path, text: str, durable: bool = True) -> None:
    """Write `text` to `path` so a crash leaves either the old file or the new one, never a torn one."""
    write_bytes_atomic(path, text.encode("utf-8"), durable)


def write_bytes_atomic(path: Path, data: bytes, durable: bool = True) -> None:
    """Write `data` to `path` through a temporary file in the same folder, then rename it over `path`.

    With `durable` the data is fsynced before the rename (safe against power loss, not only
    against a killed process); a batch writer may skip it and call `sync_to_disk` once at the end.
    """
    tmp = _temporary_copy(path, data, durable)
    try:
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def create_exclusive(path: Path, data: bytes) -> None:
    """Write a new file whole (through a temporary file and a hard link); FileExistsError if it exists."""
    tmp = _temporary_copy(path, data, durable=True)
    try:
        os.link(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def _temporary_copy(path: Path, data: bytes, durable: bool) -> str:
    """A temporary file beside `path` holding `data` (fsynced when `durable`), removed again if writing fails."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def sync_to_disk(folder: Path) -> None:
    """Flush what a batch of non-durable writes left in the page cache, and the folder's entries, to disk."""
    os.sync()
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Delete the `.NAME.XXXX.tmp` files a killed writer left in `folder`; returns them."""
    stale = [p for p in folder.glob(".*.tmp") if p.is_file() and not p.is_symlink()]
    for path in stale:
        path.unlink(missing_ok=True)
    return stale


def swap_in_folder(new: Path, target: Path) -> None:
    """Put the finished folder `new` at `target` in one step; the old `target` is deleted afterwards.

    On Linux both paths are exchanged with renameat2(RENAME_EXCHANGE), so at every instant
    `target` is either the complete old folder or the complete new one. Where that call is
    missing, the old folder is first renamed aside to `<target>.previous` (which
    `recover_folder` puts back after a crash) and the new one renamed in.
    """
    if target.exists() and _exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)
        return
    aside = previous_of(target)
    shutil.rmtree(aside, ignore_errors=True)
    if target.exists():
        os.rename(target, aside)
    os.rename(new, target)
    shutil.rmtree(aside, ignore_errors=True)


def remove_path(path: Path) -> None:
    """Delete a leftover file, link or folder (a link itself, never what it points to)."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path, ignore_errors=True)


def previous_of(target: Path) -> Path:
    """Where `swap_in_folder` keeps the old folder for a moment when it cannot exchange atomically."""
    return target.with_name(f".{target.name}.previous")


def recover_folder(target: Path) -> bool:
    """After a crash between the two renames of the fallback swap, put the old folder back; True if it did."""
    aside = previous_of(target)
    if aside.is_dir() and not target.exists():
        os.rename(aside, target)
        return True
    return False


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with renameat2; False when the system or filesystem cannot."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    result = renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    return result == 0
