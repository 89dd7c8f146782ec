"""The extraction version a record was made with: EXTRACTOR_VERSION, the extraction code and data, the taxonomy.

A record made with another version is re-extracted (unless reviewed or edited by hand), so
an improved extractor, a new rule in generator/data/ or a new alias in content/taxonomy/
reaches every record on the next ingest, and an unchanged setup re-extracts nothing.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

EXTRACTOR_VERSION = "1"   # bump to re-extract every record though no extraction code or data changed
PACKAGE = Path(__file__).resolve().parent.parent
# The code and data whose change changes what a raw file extracts to (ingest, store and pages do not).
EXTRACTION_PARTS = ["adapters.py", "controls.py", "read/**/*.py", "clean/**/*.py", "extract.py", "figures/**/*.py",
                    "entities/**/*.py", "scripts.py", "taxonomy.py", "record.py", "data/**/*.yml", "data/**/*.yaml",
                    "data/**/*.txt"]


def extraction_version(taxonomy_dir: Path | None = None) -> str:
    """`EXTRACTOR_VERSION:hash` where the hash covers the extraction code, its data and the taxonomy files."""
    digest = hashlib.sha256()
    for path in _files(PACKAGE, EXTRACTION_PARTS):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    if taxonomy_dir is not None and taxonomy_dir.is_dir():
        for path in _files(taxonomy_dir, ["**/*.yml", "**/*.yaml"]):
            digest.update(b"taxonomy/" + path.relative_to(taxonomy_dir).as_posix().encode() + b"\0" + path.read_bytes())
    return f"{EXTRACTOR_VERSION}:{digest.hexdigest()[:12]}"


def _files(folder: Path, patterns: list[str]) -> list[Path]:
    """The files under `folder` matching any of `patterns`, sorted, without duplicates."""
    return sorted({p for pattern in patterns for p in folder.glob(pattern) if p.is_file()})
