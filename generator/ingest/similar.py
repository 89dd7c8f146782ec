"""Near-duplicates: the same article reposted without its headline or lead paragraph, or with other chrome.

Each record's paragraphs (in Simplified, words only, as for content_hash) are cut into character
shingles and summed up in a MinHash sketch (datasketch); a locality-sensitive index finds the
records whose sketches are close to a new one. Two articles are one when their shingles mostly
agree (Jaccard ≥ SAME), or when nearly all of the smaller one lies in the larger (a repost lacking
the lead: containment ≥ CONTAINED) and they still share a good part (Jaccard ≥ CONTAINED_SAME) —
and when the numbers of one nearly all stand in the other (issues of a bulletin written to one
template differ in their numbers only).
"""
from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from functools import lru_cache

from ..scripts import Wording

NUM_PERM = 64                # permutations of a sketch: 256 bytes a record
BANDS, ROWS = 16, 4          # LSH bands × rows = NUM_PERM; candidates from a Jaccard of about 0.5
SHINGLE = 5                  # characters a shingle
MIN_SHINGLES = 40            # shorter bodies are compared by their content_hash only
SAME, CONTAINED, CONTAINED_SAME = 0.8, 0.9, 0.5
SEED = 1
MULTIPLIER = 0x9E3779B1      # of the shingles' polynomial hash (an odd 32-bit constant)
NUMBER = re.compile(r"\d+(?:\.\d+)?")
NUMBERS_SLACK = 0.1          # share of a body's numbers that the other may lack (a counter, a date of chrome)
SCHEME = "affine32"           # datasketch's 32-bit hash scheme (values fit 4 bytes)


def sketch(body: str, wording: Wording) -> str:
    """The sketch of a body, as 'shingle count:base64 of the MinHash', or '' for a body too short to compare."""
    from datasketch import MinHash  # imported on first use: it loads numpy and scipy

    from ..extract import comparable_words  # the extraction code loads in a second: only when a body is sketched
    shingles = shingle_hashes(comparable_words(body, wording))
    if len(shingles) < MIN_SHINGLES:
        return ""
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int, scheme=SCHEME, permutations=_permutations())
    minhash.update_batch(shingles.tolist())
    return f"{len(shingles)}:{base64.b64encode(minhash.hashvalues.astype('<u4').tobytes()).decode('ascii')}"


def shingle_hashes(words: str):
    """The distinct 32-bit hashes of the SHINGLE-character pieces of `words`, sorted (a numpy array).

    A polynomial hash over the characters' code points, computed for all pieces at once: hashing
    each piece in Python cost more than the rest of the sketch.
    """
    import numpy
    codes = numpy.frombuffer(words.encode("utf-32-le"), dtype="<u4").astype(numpy.uint64)
    count = len(codes) - SHINGLE + 1
    if count <= 0:
        return numpy.zeros(0, dtype=numpy.uint64)
    hashes = numpy.zeros(count, dtype=numpy.uint64)
    for offset in range(SHINGLE):
        hashes = (hashes * numpy.uint64(MULTIPLIER) + codes[offset:offset + count]) & numpy.uint64(0xFFFFFFFF)
    return numpy.unique(hashes)


def warm_up() -> None:
    """Load datasketch (with numpy and scipy, most of a second) and make the permutations now: worker
    processes forked afterwards share them instead of each loading them again."""
    _permutations()


@lru_cache(maxsize=1)
def _permutations():
    """The permutations of every sketch (made once: datasketch draws them from SEED for each new MinHash)."""
    from datasketch import MinHash
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


@dataclass
class Sketch:
    """A decoded sketch: the shingle count and the MinHash's values (a numpy array of NUM_PERM uint32)."""

    count: int
    values: object

    @classmethod
    def decode(cls, text: str) -> Sketch | None:
        """The Sketch of `sketch()`'s text, or None for '' or a malformed text."""
        import numpy
        count, _, data = (text or "").partition(":")
        try:
            values = numpy.frombuffer(base64.b64decode(data, validate=True), dtype="<u4").astype(numpy.uint32)
            if len(values) != NUM_PERM:
                return None
            return cls(int(count), values)
        except ValueError:
            return None

    def bands(self) -> list[bytes]:
        """The BANDS pieces of ROWS values each that the locality-sensitive index files the sketch under."""
        return [self.values[band * ROWS:(band + 1) * ROWS].tobytes() for band in range(BANDS)]

    def likeness(self, other: Sketch) -> tuple[float, float]:
        """(estimated Jaccard, estimated containment of the smaller shingle set in the larger)."""
        import numpy
        jaccard = float(numpy.count_nonzero(self.values == other.values)) / NUM_PERM  # MinHash.jaccard's estimate
        small = min(self.count, other.count)
        shared = jaccard * (self.count + other.count) / (1 + jaccard)
        return jaccard, min(1.0, shared / small) if small else 0.0


def same_article(jaccard: float, containment: float) -> bool:
    """True when two likeness estimates say one article."""
    return jaccard >= SAME or (containment >= CONTAINED and jaccard >= CONTAINED_SAME)


def numbers_agree(body: str, other: str) -> bool:
    """True when the numbers of one body nearly all stand in the other: a repost lacking a paragraph or
    carrying a counter agrees, two issues of a monthly bulletin written to one template do not."""
    mine, theirs = set(NUMBER.findall(body)), set(NUMBER.findall(other))
    extra = min(len(mine - theirs), len(theirs - mine))
    return extra <= max(1, NUMBERS_SLACK * min(len(mine), len(theirs)))


class NearIndex:
    """The sketches of the records, searched for the one a new article repeats.

    A locality-sensitive index as datasketch's MinHashLSH with BANDS × ROWS builds it: the candidates of a
    sketch are the records that share all ROWS values of at least one band with it. Kept in plain dicts
    (filing 10,000 sketches into MinHashLSH, with the import of datasketch, scipy and numpy it needs, took
    3 s of every ingest that met one new article).
    """

    def __init__(self):
        self.tables: list[dict[bytes, list[str]]] = [{} for _ in range(BANDS)]
        self.sketches: dict[str, Sketch] = {}

    def add(self, key: str, text: str) -> None:
        """Index the sketch text of the record `key` (ignored when empty, malformed or indexed already)."""
        found = Sketch.decode(text) if text else None
        if found is None or key in self.sketches:
            return
        self.sketches[key] = found
        for table, band in zip(self.tables, found.bands()):
            table.setdefault(band, []).append(key)

    def candidates(self, found: Sketch) -> set[str]:
        """The records sharing a band with the sketch `found`."""
        return {key for table, band in zip(self.tables, found.bands()) for key in table.get(band, ())}

    def twin(self, text: str) -> tuple[str, float] | None:
        """(key, Jaccard) of the indexed record the sketch `text` repeats (the most alike), or None."""
        found = Sketch.decode(text) if text else None
        if found is None:
            return None
        best = None
        for key in sorted(self.candidates(found)):
            jaccard, containment = found.likeness(self.sketches[key])
            if same_article(jaccard, containment) and (best is None or jaccard > best[1]):
                best = (key, round(jaccard, 2))
        return best
