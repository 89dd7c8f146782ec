"""Chinese search: a jieba dictionary per script, and index entries that also carry the words
inside compounds (电路 in 集成电路) and the other regional wording (積體電路 ↔ 集成電路)."""
from __future__ import annotations

import hashlib
import json
import logging
import re
from pathlib import Path

import jieba
import opencc

from .localise import Converter, wording_variants

_TOKEN = re.compile(r"[\s\u200b]+")
_HAN = re.compile(r"^[\u3400-\u9fff]+$")
TERM_FREQ = 20000   # jieba frequency given to taxonomy names so they stay whole words
jieba.setLogLevel(logging.WARNING)   # no "Building prefix dict" lines on every build


def jieba_source() -> Path:
    """jieba's own dictionary file (shipped in the package)."""
    return Path(jieba.__file__).resolve().parent / "dict.txt"


def taxonomy_words(taxonomy) -> list[str]:
    """Names and aliases of every zone and industry in the taxonomy (read defensively)."""
    words = []
    for term in list(getattr(taxonomy, "zones", None) or []) + list(getattr(taxonomy, "industries", None) or []):
        for name in (getattr(term, "name", ""), getattr(term, "name_hant", ""), *(getattr(term, "aliases", ()) or ())):
            if isinstance(name, str) and name.strip() and _HAN.match(name.strip()):
                words.append(name.strip())
    return words


def dictionary_for(script: str, folder: Path, taxonomy=None, root: Path | None = None) -> Path:
    """jieba's dictionary in `script` plus the taxonomy's names, generated once under `folder`."""
    convert = Converter(script, root)
    extra = sorted({convert(w) for w in taxonomy_words(taxonomy)}
                   | {w for pair in wording_variants(script, root) for w in pair})
    source = jieba_source()
    key = hashlib.sha256("\n".join([script, str(source.stat().st_size), *extra]).encode("utf-8")).hexdigest()[:16]
    target = folder / f"jieba.{script}.{key}.txt"
    if not target.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        text = _dictionary_text(source.read_text(encoding="utf-8"), script)
        text += "".join(f"{w} {TERM_FREQ} n\n" for w in extra)
        tmp = target.with_suffix(".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)
    return target


def _dictionary_text(source: str, script: str) -> str:
    """jieba's dictionary text in `script`: for Traditional, both character and Taiwan-phrase forms."""
    if script != "zh-Hant":
        return source if source.endswith("\n") else source + "\n"
    chars = opencc.OpenCC("s2t").convert(source).splitlines()
    phrases = opencc.OpenCC("s2twp").convert(source).splitlines()
    lines = []
    for a, b in zip(chars, phrases):
        lines.append(a)
        if b.split(" ", 1)[0] != a.split(" ", 1)[0]:
            lines.append(b)
    return "\n".join(lines) + "\n"


def subwords(text: str, variants: list[tuple[str, str]]) -> list[str]:
    """Words a reader may search for that the index would miss: parts of compounds, other wording."""
    seen: dict[str, None] = {}
    tokens = [t for t in _TOKEN.split(text) if len(t) >= 3 and _HAN.match(t)]
    for token in dict.fromkeys(tokens):
        for word in jieba.cut_for_search(token):
            if word != token and len(word) >= 2 and _HAN.match(word):
                seen.setdefault(word, None)
    for regional, mainland in variants:
        if regional in text:
            seen.setdefault(mainland, None)
        if mainland in text:
            seen.setdefault(regional, None)
    return list(seen)


def compact_index(folder: Path) -> None:
    """Rewrite the search index (and the offline plugin's inlined copy) with Chinese as UTF-8, not `\\uXXXX`."""
    index = folder / "search_index.json"
    if not index.is_file():
        return
    data = json.dumps(json.loads(index.read_text(encoding="utf-8")), ensure_ascii=False, separators=(",", ":"))
    index.write_text(data, encoding="utf-8")
    inlined = folder / "search_index.js"
    if inlined.is_file():
        inlined.write_text(f"var __index = {data}", encoding="utf-8")
