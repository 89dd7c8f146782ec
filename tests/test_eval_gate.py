"""The evaluation gate: floors on figure precision, recall and attribute accuracy (like trafilatura's eval_gate).

The project's own gold files (tests/gold/) are scored always; the development samples in
../shared/samples/gold/ when ../shared is present. Raise a floor when the extractor gets better;
never lower one to make a change pass.
"""
from __future__ import annotations

import pytest

from generator.evaluate import evaluate, project_extractor

OWN_FLOORS = {"precision": 0.98, "recall": 0.98, "qualifier_accuracy": 0.97, "kind_accuracy": 0.95,
              "metric_accuracy": 0.95, "counter_accuracy": 0.97, "year_accuracy": 0.95,
              "indicator_accuracy": 0.93, "measure_accuracy": 0.97, "zone_accuracy": 0.87}
# The floors on the development samples: indicator ≥ 0.90, measure ≥ 0.95, zone ≥ 0.90.
SHARED_FLOORS = {"precision": 0.95, "recall": 0.95, "qualifier_accuracy": 0.90, "kind_accuracy": 0.90,
                 "metric_accuracy": 0.90, "counter_accuracy": 0.90, "year_accuracy": 0.90,
                 "indicator_accuracy": 0.90, "measure_accuracy": 0.95, "zone_accuracy": 0.90}


def _check(summary: dict, floors: dict) -> list[str]:
    """The floors a summary falls below, as readable lines."""
    return [f"{k} {summary[k]} < {floor}" for k, floor in floors.items() if summary[k] is None or summary[k] < floor]


def test_own_gold_files_meet_the_floors(root):
    total, each = evaluate([root / "tests" / "gold"], project_extractor(root))
    assert len(each) >= 34 and total.gold >= 470
    assert not _check(total.summary(), OWN_FLOORS), (_check(total.summary(), OWN_FLOORS),
                                                     {n: (s.missed, s.stray, s.wrong) for n, s in each.items()})


@pytest.mark.shared
def test_shared_samples_meet_the_floors(root, shared):
    total, each = evaluate([shared / "samples" / "gold"], project_extractor(root))
    assert total.gold >= 50
    assert not _check(total.summary(), SHARED_FLOORS), (_check(total.summary(), SHARED_FLOORS),
                                                        {n: (s.missed, s.stray, s.wrong) for n, s in each.items()})
