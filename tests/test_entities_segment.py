"""Word segmentation done block by block and on demand gives exactly jieba's cut of the whole text,
short names are checked only when a longer name does not already cover them, and English text never
loads jieba's dictionary."""
from __future__ import annotations

import dataclasses

import pytest

from generator.entities import find_entities
from generator.entities.matcher import Hit, TermIndex, resolve, term_index
from generator.entities.segment import Segmenter
from generator.taxonomy import load_taxonomy

TEXTS = [
    "2月7日，广州开发区、黄埔区召开高质量发展大会，以西区振兴为动力，广西区域协调发展。",
    "南沙群岛不是南沙；5G基站和AI芯片产值增长12.5%，C919大飞机、3D打印、co-founder、a+b#c&d_e.f。",
    "第一行\r\n第二行\n\n  空格  与\t制表符\r\r\n结束",
    "Guangzhou Development District's 2024 plan: EHang 亿航智能 and Xpeng 小鹏汽车 (广州) 有限公司",
    "",
    "单",
]


@pytest.fixture(scope="module")
def taxonomy(root):
    return load_taxonomy(root / "content" / "taxonomy")


@pytest.fixture(scope="module")
def seg(taxonomy) -> Segmenter:
    return term_index(taxonomy).segmenter


def whole_cut_edges(seg: Segmenter, text: str) -> set[int]:
    """Word edges of jieba's own cut of the whole text."""
    edges, pos = {0}, 0
    for word in seg.tokenizer.cut(text, HMM=True):
        pos += len(word)
        edges.add(pos)
    return edges


@pytest.mark.parametrize("text", TEXTS)
def test_boundaries_are_those_of_a_whole_cut(seg, text):
    found = {pos for pos in range(-1, len(text) + 2) if pos in seg.boundaries(text)}
    assert found == whole_cut_edges(seg, text)


@pytest.mark.parametrize("text", TEXTS)
def test_tagging_piece_by_piece_is_tagging_the_whole_text(seg, text):
    assert seg.tagged(text) == [(p.word, p.flag) for p in seg.tagger.cut(text, HMM=True)]


def test_block_cuts_are_remembered(seg):
    text = "以西区振兴为动力的西区产业园"
    assert 1 in seg.boundaries(text)
    before = seg._cut_block.cache_info()
    assert 1 in seg.boundaries(text) and 2 not in seg.boundaries(text)
    after = seg._cut_block.cache_info()
    assert (after.hits, after.misses) == (before.hits + 2, before.misses)


def test_a_covered_hit_is_never_checked():
    def fail() -> bool:
        raise AssertionError("a hit inside a chosen longer hit was checked")
    long, short = Hit(0, 5, "zones"), Hit(0, 2, "zones", check=fail)
    assert resolve([short, long]) == [long]


def test_a_hit_that_fails_its_check_gives_way():
    failing = Hit(0, 3, "zones", check=lambda: False)
    shorter = Hit(1, 3, "zones")
    assert resolve([failing, shorter]) == [shorter]


def test_english_text_never_loads_the_dictionary(taxonomy):
    index = TermIndex(taxonomy)
    index._segmenter = Segmenter(index._names)
    own = dataclasses.replace(taxonomy, cache={"term_index": index})
    found = find_entities("Xpeng expands in Guangzhou Development District",
                          "Vice Mayor Chen Jie said EHang Group and GAC Aion Co., Ltd. will invest.", own)
    assert found["zones"] and found["companies"]
    assert index.segmenter._tokenizer is None and index.segmenter._tagger is None
