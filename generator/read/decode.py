"""Bytes to text: UTF-8 (with or without BOM), GB18030/GBK and Big5, detected."""
from __future__ import annotations

from pathlib import Path

from charset_normalizer import from_bytes

from . import ReadError


def decode_bytes(data: bytes, path: Path) -> str:
    """The text of a raw file's bytes; raises ReadError when no encoding fits."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data[:4096]:
        raise ReadError(path, "binary file (NUL bytes)", "only text, HTML, Markdown, JSON and feeds are read")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise ReadError(path, "bytes decode in no known encoding", "save the file as UTF-8")
    encoding = best.encoding
    if encoding.lower() in ("gb2312", "gbk"):
        encoding = "gb18030"
    return data.decode(encoding, errors="replace")
