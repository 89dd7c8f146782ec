"""Script conversion and regional wording: Simplified, Traditional and Taiwan wording fold to one form."""
from __future__ import annotations

import pytest
import yaml

from generator.scripts import (Wording, detect_script, fold, normalise, project_wording, to_simplified,
                               to_traditional)

# The pairs the issue names: what a Taiwan-style conversion writes → mainland wording.
REGIONAL_PAIRS = [
    ("積體電路", "集成电路"),
    ("具身智慧", "具身智能"),
    ("腦機介面", "脑机接口"),
    ("高品質", "高质量"),
    ("智慧網聯", "智能网联"),
    ("晶片", "芯片"),
    ("億航智慧", "亿航智能"),
    ("智慧製造", "智能制造"),
]


@pytest.fixture(scope="module")
def wording(root):
    return Wording.load(root / "content" / "taxonomy" / "wording.yml")


@pytest.mark.parametrize("regional, mainland", REGIONAL_PAIRS)
def test_each_regional_pair_normalises_to_mainland_wording(wording, regional, mainland):
    assert normalise(regional, wording) == mainland
    assert normalise(f"發展{regional}產業", wording) == normalise(f"发展{mainland}产业", wording)


def test_every_pair_in_the_wording_file_folds_both_sides_alike(root, wording):
    table = yaml.safe_load((root / "content" / "taxonomy" / "wording.yml").read_text(encoding="utf-8"))
    assert len(table) >= 20
    for regional, mainland in table.items():
        assert normalise(regional, wording) == normalise(mainland, wording), regional


def test_opencc_alone_does_not_fix_wording():
    assert to_simplified("積體電路") == "积体电路"
    assert to_simplified("腦機介面") == "脑机介面"


def test_simplified_and_traditional_articles_normalise_the_same(wording):
    hant = "廣州開發區召開高品質發展大會，揭牌設立半導體和積體電路、具身智慧機器人辦公室。"
    hans = "广州开发区召开高质量发展大会，揭牌设立半导体和集成电路、具身智能机器人办公室。"
    assert normalise(hant, wording) == normalise(hans, wording)
    assert normalise(to_traditional(hans), wording) == normalise(hans, wording)


def test_mainland_智慧_is_left_alone(wording):
    assert normalise("智慧城市", wording) == "智慧城市"


def test_fold_keeps_where_each_character_came_from(wording):
    text = "推動電動車和積體電路"
    folded = fold(text, wording)
    start = folded.text.index("电动汽车")
    a, b = folded.source_span(start, start + len("电动汽车"))
    assert text[a:b] == "電動車"
    start = folded.text.index("集成电路")
    assert text[slice(*folded.source_span(start, start + 4))] == "積體電路"


def test_fold_applies_nfkc():
    assert fold("ＡＩ產業").text == "AI产业"


@pytest.mark.parametrize("text", ["全角标点：（一）ＡＩ產業，", "面积１２㎡，①号ﬁle", "積體電路和晶片", "", "乾隆年間"])
@pytest.mark.parametrize("with_wording", [True, False])
def test_folding_in_place_equals_folding_character_by_character(wording, text, with_wording):
    from generator.scripts import Folded, _nfkc, _reword, _t2s
    table = wording if with_wording else None
    chars, origin = _t2s(*_nfkc(text))
    if table is not None:
        chars, origin = _reword(chars, origin, table)
    assert fold(text, table) == Folded("".join(chars), tuple(origin))


def test_project_wording_is_read_from_the_project(root):
    assert ("积体电路", "集成电路") in project_wording(root).pairs


def test_empty_wording_table_changes_nothing():
    assert Wording().apply("积体电路") == "积体电路"
    assert Wording.from_mapping({"積體電路": "集成电路"}).apply("积体电路产业") == "集成电路产业"


@pytest.mark.parametrize("text, script", [
    ("廣州開發區、黃埔區召開高品質發展大會，揭牌設立六大重點產業發展辦公室，聚力打造增長極。", "zh-Hant"),
    ("广州开发区、黄埔区召开高质量发展大会，揭牌设立六大重点产业发展办公室，聚力打造增长极。", "zh-Hans"),
    ("Riverside district has named 140 major projects for 2022 with a yearly budget.", "en"),
])
def test_detect_script(text, script):
    assert detect_script(text) == script


def test_lone_surrogates_do_not_break_conversion():
    assert to_simplified("壞\ud800字") == "坏\ufffd字"
    assert fold("壞\udfff字").text == "坏\ufffd字"


def test_unreadable_wording_file_gives_an_empty_table(tmp_path):
    path = tmp_path / "wording.yml"
    path.write_text("積體電路: [\n", encoding="utf-8")
    assert Wording.load(path) == Wording()
