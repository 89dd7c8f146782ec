"""Entity recall and precision on the gold samples of ../shared, scored by ../shared/eval/score.py."""
from __future__ import annotations

import importlib.util

import pytest
import yaml

from generator.paths import ProjectPaths
from generator.pipeline import extract_file

KINDS = ("zones", "industries", "companies", "people", "policies")
TARGETS = {"zones": (0.95, 0.90), "industries": (0.95, 0.90), "companies": (0.90, 0.85),
           "people": (0.90, 0.85), "policies": (0.90, 0.85)}


@pytest.fixture(scope="module")
def scores(shared, root):
    spec = importlib.util.spec_from_file_location("gold_score", shared / "eval" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    totals = {k: {"gold": 0, "found": 0, "predicted": 0, "good": 0} for k in KINDS}
    for gold_file in sorted((shared / "samples" / "gold").glob("*.yml")):
        gold = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
        if not any(gold.get(k) for k in KINDS):
            continue
        extracted, _body = extract_file(ProjectPaths(root), (gold_file.parent / gold["article"]).resolve())[0]
        record = extracted.model_dump(exclude_unset=True)
        for kind in KINDS:
            spec_ = gold.get(kind) or {}
            groups = {k: [g if isinstance(g, list) else [g] for g in spec_.get(k, [])]
                      for k in ("required", "optional")}
            for key, value in score.score_entities(record.get(kind), groups).items():
                totals[kind][key] += value
    return totals


@pytest.mark.shared
@pytest.mark.parametrize("kind", KINDS)
def test_entity_targets_on_gold(scores, kind):
    t = scores[kind]
    assert t["gold"] and t["predicted"], f"no {kind} annotated or found in the gold samples: nothing measured"
    recall, precision = t["found"] / t["gold"], t["good"] / t["predicted"]
    want_recall, want_precision = TARGETS[kind]
    assert recall >= want_recall and precision >= want_precision, (kind, t)
