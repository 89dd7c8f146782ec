"""A gzip file joined from pieces compressed apart (generator/pages/gzipped.py)."""
from __future__ import annotations

import gzip
import random
import zlib

from generator.pages.gzipped import crc_combined, deflated, joined


def texts(seed: int, count: int) -> list[bytes]:
    """Texts of random sizes (some empty) that repeat themselves and each other, as figure rows do."""
    rng = random.Random(seed)
    words = ["2500億元", "黃埔區", '{"id":', "固定資產投資", "\n", ",", "2025", "target"]
    return ["".join(rng.choice(words) for _ in range(rng.choice([0, 1, 50, 3000, 40000]))).encode("utf-8")
            for _ in range(count)]


def test_pieces_joined_are_one_gzip_stream_of_their_bytes():
    parts = texts(1, 12)
    data = b"".join(joined(deflated(part) for part in parts))
    assert gzip.decompress(data) == b"".join(parts)
    whole = zlib.decompressobj(16 + zlib.MAX_WBITS)
    assert whole.decompress(data) == b"".join(parts) and whole.eof and not whole.unused_data   # one member


def test_a_piece_is_the_same_bytes_whatever_stands_before_it():
    first, second = texts(2, 2)
    assert deflated(second).data in b"".join(joined([deflated(first), deflated(second)]))
    assert deflated(second) == deflated(second)


def test_the_crc_of_two_texts_end_to_end_is_combined_from_theirs():
    for first, second in zip(texts(3, 6), texts(4, 6)):
        assert crc_combined(zlib.crc32(first), zlib.crc32(second), len(second)) == zlib.crc32(first + second)


def test_no_pieces_make_an_empty_file():
    assert gzip.decompress(b"".join(joined([]))) == b""
