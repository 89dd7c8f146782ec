"""Bytes to text: UTF-8 (with or without BOM), UTF-16, GB18030/GBK and Big5, declared or detected."""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from charset_normalizer import from_bytes

from ..controls import IN_TEXT
from . import ReadError

# Encodings a Chinese or English article comes in; detection is limited to these so that
# short Big5 text is not taken for Shift-JIS.
CANDIDATES = ["utf_8", "gb18030", "big5hkscs", "big5", "utf_16", "cp1252"]
# Declared names mapped to the superset that decodes them (GB2312 ⊂ GBK ⊂ GB18030).
SUPERSET = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
            "big5": "big5hkscs", "cp950": "big5hkscs", "x-euc-tw": "big5hkscs"}
DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
BOMS = [(codecs.BOM_UTF8, "utf_8"), (codecs.BOM_UTF16_LE, "utf_16"), (codecs.BOM_UTF16_BE, "utf_16")]
# Single-byte Western charsets that servers send by default, whatever the page is in.
WESTERN = {"iso8859_1", "cp1252", "ascii"}
BINARY_HINT = "only text, HTML, Markdown, JSON and RSS/Atom files are read"


def decode_bytes(data: bytes, path: Path, transport: str | None = None) -> str:
    """The text of a raw file's bytes; raises ReadError when no encoding fits.

    `transport` is the charset a web server sent with the page (HTTP Content-Type), which
    comes before the page's own declaration unless the bytes or the page contradict it.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, path)
    if b"\x00" in data[:8192]:
        raise ReadError(path, "binary file (it holds NUL bytes)", BINARY_HINT)
    for encoding in _transport_first(data, transport) + _tries(data):
        try:
            return _checked(data.decode(encoding), path)
        except (UnicodeDecodeError, LookupError):
            continue
    if (cut := _utf8_cut_short(data)) is not None:
        return _checked(cut, path)
    best = from_bytes(data[:400_000], cp_isolation=CANDIDATES).best()
    if best is None:
        raise ReadError(path, "the bytes decode in no known encoding (UTF-8, GB18030, Big5)",
                        "save the file as UTF-8")
    return _checked(data.decode(best.encoding, errors="replace"), path)


def _utf8_cut_short(data: bytes) -> str | None:
    """The text of UTF-8 bytes cut off inside their last character (a download or copy cut short), that
    character dropped; None for bytes with any other fault."""
    try:
        data.decode("utf_8")
    except UnicodeDecodeError as err:
        if err.reason == "unexpected end of data" and len(data) - err.start < 4 and err.start > 0:
            return data[:err.start].decode("utf_8")
    return None


def _tries(data: bytes) -> list[str]:
    """UTF-8 first, then the encoding the file declares (HTML meta, XML prolog), if any."""
    tries = ["utf_8"]
    if name := _declared(data):
        tries.append(SUPERSET.get(name, name))
    return tries


def _transport_first(data: bytes, transport: str | None) -> list[str]:
    """[the server's charset] when it is to be tried first, else [].

    As in a browser the HTTP charset outranks the page's <meta>, with two exceptions where
    servers are often wrong: a Western single-byte charset (a server's default) gives way to
    a page that declares another or whose bytes are UTF-8 text, and bytes that are UTF-8
    text in a page that declares UTF-8 are UTF-8 whatever the header says.
    """
    name = _codec(transport)
    if name is None:
        return []
    declared = _codec(_declared(data))
    if name in WESTERN and (declared not in (None, name) or _utf8_text(data)):
        return []
    if name != "utf_8" and declared == "utf_8" and _utf8_text(data):
        return []
    return [name]


def _utf8_text(data: bytes) -> bool:
    """True when the bytes hold non-ASCII characters and are valid UTF-8 (improbable by chance)."""
    if data.isascii():
        return False
    try:
        data.decode("utf_8")
        return True
    except UnicodeDecodeError:
        return False


def _declared(data: bytes) -> str | None:
    """The charset the file declares in its first 4 KB (HTML meta, XML prolog), lower case."""
    m = DECLARED.search(data[:4096])
    return m.group(1).decode("ascii", "ignore").lower() if m else None


def _codec(name: str | None) -> str | None:
    """Python's codec name for a declared charset (its superset for GB2312, GBK, Big5), or None if unknown."""
    if not name:
        return None
    try:
        return codecs.lookup(SUPERSET.get(name.lower(), name)).name.replace("-", "_")
    except LookupError:
        return None


def _strict(data: bytes, encoding: str, path: Path) -> str:
    """Decode with a known encoding (from a byte-order mark), failing clearly."""
    try:
        return _checked(data.decode(encoding).lstrip("\ufeff"), path)
    except UnicodeDecodeError as err:
        raise ReadError(path, f"bytes invalid in {encoding} although the file starts with its mark",
                        "save the file as UTF-8") from err


def _checked(text: str, path: Path) -> str:
    """The decoded text, unless control characters show it was binary after all."""
    sample = text[:20000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    if sample and controls / len(sample) > 0.02:
        raise ReadError(path, "binary file (control characters, not text)", BINARY_HINT)
    return IN_TEXT.sub(" ", text)
