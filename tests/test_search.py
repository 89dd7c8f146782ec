"""The reader's search index: folding, terms, postings, entries and shards (generator/search/)."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.gather import gather
from generator.pages.localise import Converter
from generator.record import Record
from generator.scripts import Wording
from generator.search.documents import entries, plain_text
from generator.search.fold import Folder, character_table, shard_of, terms
from generator.search.index import build_terms, decode_postings, encode_postings, entry_files
from generator.store import StoredRecord

WORDING = Wording.from_mapping({"積體電路": "集成电路", "智慧型手機": "智能手机"})


def test_every_script_and_regional_wording_folds_to_one_form():
    fold = Folder.for_wording(WORDING)
    assert {fold(w) for w in ("積體電路", "集成电路", "集成電路", "积体电路")} == {"集成电路"}
    assert fold("廣州開發區") == fold("广州开发区") == "广州开发区"
    assert fold("智慧型手機和ＡＢＣ①") == "智能手机和abc1"


def test_the_character_table_maps_one_utf16_unit_to_one():
    table = character_table()
    assert table["體"] == "体" and table["Ａ"] == "a"
    assert all(len(k) == len(v) == 1 and v <= "\uffff" for k, v in table.items())


def test_terms_are_han_characters_their_pairs_and_latin_words():
    assert terms("集成电路 5g") == ["集", "成", "电", "路", "集成", "成电", "电路", "5g"]


def test_shards_are_chosen_by_utf16_units_as_in_the_browser():
    assert shard_of("电路", 1) == 0
    assert 0 <= shard_of("\U00020000", 64) < 64   # a surrogate pair hashes as two units
    assert len({shard_of(f"词{i}", 64) for i in range(500)}) > 50


@given(st.lists(st.tuples(st.integers(0, 2_000_000), st.integers(1, 63)), unique_by=lambda p: p[0]))
def test_postings_come_back_as_written(pairs):
    pairs = sorted(pairs)
    flat = [x for pair in pairs for x in pair]
    assert decode_postings(encode_postings(flat)) == pairs


def _record(rid, title, body, zones=(), published="2025-01-01T00:00:00+08:00"):
    meta = {"id": rid, "title": title, "published": published, "script": "zh-Hant", "zones": list(zones),
            "industries": [], "companies": [{"name": "粵芯半導體"}], "people": [], "policies": [], "figures": [],
            "content_hash": rid}
    return StoredRecord(path=None, record=Record.model_validate(meta), body=body)


def test_entries_are_zones_and_industries_then_the_articles_oldest_first():
    zone = {"id": "huangpu", "name": "黄埔区", "name_en": "Huangpu District"}
    newest_first = [_record("a-2", "乙", "正文", published="2025-02-01T00:00:00+08:00"),   # as read_records lists them
                    _record("a-1", "甲", "## 小標題\n\n第一段**積體電路**。\n\n- 一項", [zone])]
    corpus = gather(newest_first, convert=Converter("zh-Hant"))
    found = entries(corpus, Converter("zh-Hant"))
    assert [e.location for e in found] == ["zones/huangpu.html", "articles/a-1.html", "articles/a-2.html"]
    first = found[1]
    assert first.text.startswith("小標題\n第一段積體電路。\n一項") and "企業 粵芯半導體" in first.text
    assert first.where == "黃埔區" and first.date == "2025-01-01"
    assert found[0].title == "黃埔區" and "Huangpu District" in found[0].text


def test_a_word_in_the_middle_of_a_body_is_in_its_terms_shard():
    fold = Folder.for_wording(WORDING)
    corpus = gather([_record(f"a-{i}", f"標題{i}", f"第{i}段。" + "填充文字" * 50 + ("積體電路" if i == 7 else ""))
                     for i in range(20)], convert=Converter("zh-Hant"))
    found = entries(corpus, Converter("zh-Hant"))
    index = build_terms(found, fold, shard_bytes=500)
    assert len(index.shards) > 1 and len(index.shards) & (len(index.shards) - 1) == 0
    number = next(n for n, e in enumerate(found) if e.location == "articles/a-7.html")
    for term in ("集成", "成电", "电路"):
        assert number in {n for n, _ in decode_postings(index.shards[shard_of(term, len(index.shards))][term])}
    assert len(entry_files(found)) == len(found) + -(-len(found) // 32)


def test_plain_text_keeps_words_and_drops_markup():
    assert plain_text("# 標題\n\n> 圖 ![說明](x.png)\n\n[鏈接](http://a) *強調*") == "標題\n圖 說明\n鏈接 強調"
