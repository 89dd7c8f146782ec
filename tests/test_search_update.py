"""The search files brought up to date from the last build's (generator/search/update.py, memo.py): after
each change they equal, byte for byte, the files written cold from the same records, and the update
reused the last build's postings and files (counted in the memo's state)."""
from __future__ import annotations

import hashlib
import json
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.gather import gather
from generator.pages.localise import Converter
from generator.record import Record
from generator.render import PageWriter
from generator.scripts import Wording
from generator.search import SearchMemo, settings, write_search
from generator.search.index import encode_postings
from generator.search.update import _seek
from generator.store import StoredRecord

WORDING = Wording.from_mapping({"積體電路": "集成电路"})
ZONES = [{"id": f"zone-{i}", "name": f"第{i}區"} for i in range(6)]
WORDS = "集成電路晶圓封裝測試投資產能項目園區企業研發製造設備材料"
OTHER_WORDS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"


def _record(number: int, day: int, words: int = 40, title: str = "", vocabulary: str = WORDS) -> StoredRecord:
    """An article of `words` words drawn (by its number) from `vocabulary`, under two zones, published on `day`."""
    rng = random.Random(number)
    body = "".join(rng.choice(vocabulary) + rng.choice(vocabulary) + ("。" if rng.random() < 0.1 else "")
                   for _ in range(words))
    meta = {"id": f"a-{number:03d}", "title": title or f"標題{number}",
            "published": f"2025-{1 + day // 28:02d}-{1 + day % 28:02d}T00:00:00+08:00", "script": "zh-Hant",
            "zones": rng.sample(ZONES, 2), "industries": [], "companies": [], "people": [], "policies": [],
            "figures": [], "content_hash": f"a-{number:03d}"}
    return StoredRecord(path=None, record=Record.model_validate(meta), body=body,
                        file_hash=hashlib.sha1(f"{meta}{body}".encode()).hexdigest())


def _newest_first(records: list[StoredRecord]) -> list[StoredRecord]:
    """The records as read_records lists them."""
    return sorted(records, key=lambda r: (r.meta["published"], r.meta["id"]), reverse=True)


def _write(records, folder, memo: SearchMemo | None) -> dict[str, str]:
    """Both scripts' search files of `records` written into `folder` (with what `memo`'s folder holds, read
    anew as a build does); every file's SHA-1."""
    memo = SearchMemo(memo.folder, memo.key) if memo else None
    for script in ("zh-Hant", "zh-Hans"):
        convert = Converter(script)
        writer = PageWriter(folder / script)
        write_search(gather(_newest_first(records), convert=convert), convert, None, WORDING, writer,
                     script == "zh-Hant", memo)
        writer.finish()
    return {p.relative_to(folder).as_posix(): hashlib.sha1(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _state(memo: SearchMemo, script: str = "zh-Hant") -> dict:
    """The state the last build left for `script`."""
    return json.loads((memo.folder / f"{script}.json").read_text(encoding="utf-8"))


@pytest.fixture()
def small_shards(monkeypatch):
    """Shards of about 2.5 KB: the 40 articles make 8, and the long one added makes them 16."""
    monkeypatch.setitem(settings(), "shard_bytes", 2500)


def test_each_change_equals_a_cold_build_and_reuses_the_last(tmp_path, small_shards):
    records = [_record(i, day=i) for i in range(40)]
    memo = SearchMemo(tmp_path / "cache", "key")
    _write(records, tmp_path / "site", memo)
    assert _state(memo)["reused"] == -1
    counts = {len(_state(memo)["terms"]["digests"])}
    steps = [("add the newest", lambda r: r + [_record(40, day=60)]),
             ("edit one", lambda r: [_record(7, day=7, title="改過的標題") if x.meta["id"] == "a-007" else x
                                     for x in r]),
             ("add one back-dated", lambda r: r + [_record(41, day=3)]),
             ("delete one", lambda r: [x for x in r if x.meta["id"] != "a-020"]),
             ("delete the newest", lambda r: [x for x in r if x.meta["id"] != "a-040"]),
             ("delete two apart", lambda r: [x for x in r if x.meta["id"] not in ("a-005", "a-030")]),
             ("delete one, add one later", lambda r: [x for x in r if x.meta["id"] != "a-003"] + [_record(44, day=25)]),
             ("four changes apart", lambda r: [x for x in r if x.meta["id"] not in ("a-002", "a-012", "a-025")]
              + [_record(43, day=18)]),   # more than update.MOVES: one merged window
             ("add a long one", lambda r: r + [_record(42, day=61, words=900, vocabulary=OTHER_WORDS)]),
             ("nothing", lambda r: r)]
    for name, change in steps:
        records = change(records)
        now = _write(records, tmp_path / "site", memo)
        assert now == _write(records, tmp_path / f"cold-{name}", None), name
        state = _state(memo)
        assert state["reused"] >= len(state["entries"]) - 9, (name, state["reused"])   # two zones an article
        assert _state(memo, "zh-Hans")["kept"] > 0, name
        counts.add(len(state["terms"]["digests"]))
    assert len(counts) > 1, "some change altered the number of shards"


def test_an_added_article_appends_and_decodes_only_the_terms_of_changed_zones(tmp_path, small_shards, monkeypatch):
    monkeypatch.setitem(settings(), "chunk", 4)
    records = [_record(i, day=i) for i in range(40)]
    memo = SearchMemo(tmp_path / "cache", "key")
    _write(records, tmp_path / "site", memo)
    records.append(_record(40, day=60))
    _write(records, tmp_path / "site", memo)
    state = _state(memo)
    zone_terms = sum(len(memo.entry_terms(d)) for d in state["entries"][:len(ZONES)])
    assert 0 < state["decoded"] <= zone_terms   # the new article's own terms were appended to, not decoded
    assert state["kept"] >= len(state["entries"]) - 2 - len(ZONES)
    # only the articles of the title files rewritten (4 entries a file here: the one holding the last zones,
    # and the last one, where the new article is) were made again: at most 2 + 2, and the new one
    assert 1 <= state["made"] <= 5 and 1 <= _state(memo, "zh-Hans")["made"] <= 5


def test_a_changed_shard_file_or_key_makes_the_build_cold_and_still_right(tmp_path, small_shards):
    records = [_record(i, day=i) for i in range(30)]
    memo = SearchMemo(tmp_path / "cache", "key")
    _write(records, tmp_path / "site", memo)
    shard = tmp_path / "site/zh-Hant/terms/0.js"
    shard.write_text(shard.read_text(encoding="utf-8").replace(":\"", ":\"0", 1), encoding="utf-8")
    records.append(_record(30, day=60))
    assert _write(records, tmp_path / "site", memo) == _write(records, tmp_path / "cold", None)
    assert _state(memo)["reused"] == -1
    other = SearchMemo(tmp_path / "cache", "another key")
    _write(records, tmp_path / "site", other)
    assert _state(other)["reused"] == -1 and _state(other, "zh-Hans")["kept"] == 0


@given(st.lists(st.tuples(st.integers(0, 200_000), st.integers(1, 63)), unique_by=lambda p: p[0], min_size=1),
       st.integers(0, 200_001))
def test_seeking_in_postings_finds_the_first_entry_at_or_after_a_number(pairs, low):
    pairs = sorted(pairs)
    text = encode_postings([x for pair in pairs for x in pair])
    at, previous = _seek(text, low)
    before = [p for p in pairs if p[0] < low]
    assert previous == (before[-1][0] if before else -1)
    assert at == len(encode_postings([x for pair in before for x in pair]))
