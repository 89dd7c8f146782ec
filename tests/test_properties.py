"""Property-based: random and mutated inputs never crash the readers or the extractor (only ReadError is allowed).

Thousands of cases in total: random bytes under every reader's suffix, the demo article with
bytes flipped, inserted and cut, random text inside a page, and random JSON values.
Under CI the examples are derandomised, so a run is reproducible.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.clean import clean_articles
from generator.extract import build_record
from generator.ingest.changes import strip_controls
from generator.read import READERS, ReadError, read_file
from generator.record import record_problems
from generator.store import dump_record, parse_record
from generator.taxonomy import load_taxonomy

ROOT = Path(__file__).resolve().parent.parent
DEMO = (ROOT / "content" / "inbox" / "cri-2025-02-08-huangpu.txt").read_bytes()
SUFFIXES = sorted(READERS) or [".txt"]
TAXONOMY = load_taxonomy(ROOT / "content" / "taxonomy")
FAST = dict(deadline=None, derandomize=bool(os.environ.get("CI")),
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SCRATCH = Path(tempfile.mkdtemp(prefix="briefing-properties-"))


def run(data: bytes, suffix: str) -> None:
    """Read `data` as a file with `suffix` and extract each article; anything but ReadError fails the test."""
    path = SCRATCH / f"case{suffix}"
    path.write_bytes(data)
    try:
        for raw in clean_articles(read_file(path)[:20]):
            check_record(*build_record(raw, TAXONOMY))
    except ReadError as err:
        assert err.reason and "\n" not in err.reason and len(err.reason) < 400, repr(err.reason)


def check_record(extracted, body: str) -> None:
    """An extracted record, as ingest writes it, is valid and survives the store's round trip."""
    record, _ = strip_controls(dict(extracted.model_dump(exclude_unset=True), id="2025-01-01-case"))
    body, _ = strip_controls(body)
    assert isinstance(body, str) and isinstance(record["title"], str)
    assert record_problems(record) == [], record_problems(record)
    stored = parse_record(Path("2025-01-01-case.md"), dump_record(record, body))
    assert stored.meta["title"] == record["title"] and stored.meta["figures"] == record["figures"]


@settings(max_examples=1200, **FAST)
@given(st.binary(max_size=2000), st.sampled_from(SUFFIXES))
def test_random_bytes_under_every_suffix(data, suffix):
    run(data, suffix)


@st.composite
def mutated_demo(draw) -> bytes:
    """The demo article with a few bytes flipped, inserted or cut."""
    data = bytearray(DEMO)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["flip", "insert", "cut", "truncate"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if kind == "flip" and data:
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif kind == "cut":
            del data[at: at + draw(st.integers(1, 400))]
        elif kind == "truncate":
            del data[at:]
    return bytes(data)


@settings(max_examples=300, **FAST)
@given(mutated_demo())
def test_mutated_demo_article(data):
    run(data, ".txt")


@settings(max_examples=150, **FAST)
@given(mutated_demo(), st.sampled_from([s for s in SUFFIXES if s != ".txt"] or [".txt"]))
def test_mutated_demo_article_under_other_readers(data, suffix):
    run(data, suffix)


PAGES = [
    (".txt", "{t}\n2025-02-08 16:38:47 來源:測試網\n\n  {b}\n"),
    (".html", "<html><head><title>{t}</title></head><body><h1>{t}</h1><p>{b}</p></body></html>"),
    (".md", "---\ntitle: {t}\n---\n\n# {t}\n\n{b}\n"),
    (".json", '{{"title": {tj}, "text": {bj}}}'),
    (".xml", '<?xml version="1.0"?><rss><channel><item><title>{t}</title><description>{b}</description>'
             "</item></channel></rss>"),
]


@settings(max_examples=600, **FAST)
@given(st.sampled_from(PAGES), st.text(max_size=80), st.text(max_size=600))
def test_random_text_inside_pages(page, title, body):
    suffix, template = page
    text = template.format(t=title, b=body, tj=json.dumps(title), bj=json.dumps(body))
    run(text.encode("utf-8", "surrogatepass"), suffix if suffix in READERS else ".txt")


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(
        st.sampled_from(["title", "text", "html", "date", "published", "source", "url", "author", "articles",
                         "items", "content", "x"]) | st.text(max_size=8), inner, max_size=6),
    max_leaves=30)


@settings(max_examples=500, **FAST)
@given(JSON_VALUES, st.sampled_from([".json", ".jsonl"]))
def test_random_json_values(value, suffix):
    run(json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass"), suffix)


@pytest.fixture(scope="module", autouse=True)
def _scratch_cleanup():
    """Remove the scratch folder after the module."""
    yield
    for path in SCRATCH.iterdir():
        path.unlink()
    SCRATCH.rmdir()
