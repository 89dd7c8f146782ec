"""The figure scorer of generator/evaluate.py and the `briefing eval` command."""
from __future__ import annotations

import json
from pathlib import Path

import yaml
from click.testing import CliRunner

from generator.cli import cli
from generator.evaluate import evaluate, metric_ok, norm, same_place, same_quantity, score_figures

GOLD = {
    "figures": [
        {"context": "固定資産投資超2000億元", "value": 2e11, "unit": "CNY", "qualifier": "over", "kind": ["actual"],
         "metric": ["固定資産投資"]},
        {"context": "3-5個1000億級", "low": 3, "high": 5, "unit": "count", "counter": "個", "kind": ["target"],
         "year": 2025, "metric": ["産業集群"]},
    ],
    "optional_figures": [{"context": "六大重點産業", "value": 6, "unit": "count"}],
}


def fig(**kw) -> dict:
    """A predicted figure with defaults."""
    base = {"value": None, "low": None, "high": None, "unit": "count", "counter": None, "qualifier": None,
            "metric": "", "kind": "fact", "year": None, "quote": "", "text": ""}
    return {**base, **kw}


def test_text_is_compared_across_scripts_and_width():
    assert norm("固定資産投資 “超”２０００億元") == norm("固定资产投资超2000亿元")


def test_quantity_and_place_must_both_match():
    gold = GOLD["figures"][0]
    good = fig(value=2e11, unit="CNY", quote="近兩年，固定资产投资超2000亿元。")
    assert same_quantity(good, gold) and same_place(good, gold)
    assert not same_quantity({**good, "unit": "USD"}, gold)
    assert not same_quantity({**good, "value": 2e10}, gold)
    assert not same_place({**good, "quote": "另一句话。"}, gold)


def test_metric_accepts_a_containing_or_contained_word():
    assert metric_ok("完成固定资产投资", ["固定資産投資"])
    assert metric_ok("项目", ["项目开工"])
    assert not metric_ok("投", ["投资"]) and not metric_ok("", ["投资"])


def test_score_counts_hits_strays_optional_and_attributes():
    preds = [
        fig(value=2e11, unit="CNY", qualifier="over", kind="actual", metric="固定资产投资",
            quote="固定資産投資超2000億元。"),
        fig(low=3, high=5, counter="個", kind="actual", year=2025, metric="新興産業集群",
            quote="力爭年內打造3-5個1000億級新興産業集群。"),
        fig(value=6, quote="成立六大重點産業發展辦公室"),
        fig(value=12218, quote="對接“12218”現代化産業體系"),
    ]
    s = score_figures(preds, GOLD)
    assert (s.gold, s.tp, s.fp) == (2, 2, 1)
    assert s.right == {"qualifier": 2, "kind": 1, "metric": 2, "counter": 1, "year": 1,
                       "indicator": 0, "measure": 0, "zone": 0}
    assert s.asked == {"qualifier": 2, "kind": 2, "metric": 2, "counter": 1, "year": 1,
                       "indicator": 0, "measure": 0, "zone": 0}
    summary = s.summary()
    assert summary["precision"] == 2 / 3 and summary["recall"] == 1.0 and summary["kind_accuracy"] == 0.5
    assert s.stray and "12218" in s.stray[0] and not s.missed


def test_evaluate_reads_gold_files_and_skips_those_without_figures(tmp_path: Path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.yml").write_text(yaml.safe_dump({"article": "a.txt", **GOLD}, allow_unicode=True), encoding="utf-8")
    (tmp_path / "b.yml").write_text(yaml.safe_dump({"article": "a.txt", "meta": {}}), encoding="utf-8")
    seen = []

    def extractor(path: Path) -> dict:
        """A stand-in extractor that records what it was asked for."""
        seen.append(path.name)
        return {"figures": [fig(value=2e11, unit="CNY", quote="固定资产投资超2000亿元")]}

    total, each = evaluate([tmp_path], extractor)
    assert seen == ["a.txt"] and list(each) == ["a.yml"]
    assert (total.tp, total.fp, total.gold) == (1, 0, 2)


def test_eval_command_prints_the_totals(root):
    gold = root / "tests" / "gold" / "cri-2025-02-08-huangpu.yml"
    result = CliRunner().invoke(cli, ["eval", str(gold)])
    assert result.exit_code == 0, result.output
    assert "cri-2025-02-08-huangpu.yml: 18/18 found" in result.output
    assert "precision" in result.output and "year_accuracy" in result.output
    as_json = json.loads(CliRunner().invoke(cli, ["eval", "--json", str(gold)]).output)
    assert as_json["summary"]["recall"] == 1.0


def test_indicator_measure_and_zone_are_scored_where_the_gold_states_them():
    gold = {"figures": [{"context": "固定資産投資超2000億元", "value": 2e11, "unit": "CNY",
                         "kind": ["fact"], "metric": ["固定资产投资"], "indicator": "fixed_asset_investment",
                         "measure": "level", "zone": ["黄埔区"]},
                        {"context": "全市投资增长5%", "value": 5, "unit": "percent",
                         "indicator": [None, "fixed_asset_investment"],
                         "measure": ["growth"], "zone": "none"}]}
    preds = [fig(value=2e11, unit="CNY", quote="固定資産投資超2000億元。", metric="固定资产投资",
                 indicator="fixed_asset_investment",
                 measure="level", zone="huangpu", confidence=0.9),
             fig(value=5, unit="percent", quote="全市投资增长5%。", indicator="gdp", measure="growth",
                 zone="huangpu", confidence=0.6)]
    s = score_figures(preds, gold, {"huangpu": ["黄埔区", "黃埔區", "Huangpu District"]})
    assert (s.right["indicator"], s.right["measure"], s.right["zone"]) == (1, 2, 1)
    assert s.judged == [(0.9, True), (0.6, False)]


def test_calibration_counts_the_right_share_on_each_side_of_a_threshold():
    from generator.evaluate import calibration
    rows = {r["threshold"]: r for r in calibration([(0.9, True), (0.8, True), (0.6, False), (0.4, True)], (0.7,))}
    assert rows[0.7] == {"threshold": 0.7, "above": 2, "precision_above": 1.0, "below": 2, "precision_below": 0.5}
