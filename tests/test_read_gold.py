"""The reading stage scored on ../shared/samples/gold/ with ../shared/eval/score.py's own comparisons.

Pins the floors reached: metadata accuracy ≥ 0.95 and every body clean (all kept passages
present, no boilerplate passage left). Skipped when ../shared is absent.
"""
from __future__ import annotations

import importlib.util

import pytest
import yaml

from generator.read import read_file
from generator.read.meta import article_metadata, clean_article
from generator.scripts import detect_script

META_FLOOR = 0.95
pytestmark = pytest.mark.shared


def load_scorer(shared):
    """../shared/eval/score.py as a module."""
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def reading_record(path) -> dict:
    """The record fields the reading stage fills (metadata, script, body), as build_record sets them."""
    raw = read_file(path)[0]
    art = clean_article(raw)
    record = article_metadata(raw, art)
    record["script"] = detect_script(f"{record['title']}\n{art.body}")
    record["body"] = art.body
    return record


@pytest.fixture(scope="module")
def scored(shared):
    """(meta results, body results) per gold file."""
    score = load_scorer(shared)
    results = {}
    for gold_path in sorted((shared / "samples" / "gold").glob("*.yml")):
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        record = reading_record((gold_path.parent / gold["article"]).resolve())
        body = score.norm(record["body"])
        spec = gold.get("body", {})
        results[gold_path.name] = (
            score.score_meta(record, gold.get("meta")),
            [s for s in spec.get("must_contain", []) if score.norm(s) not in body],
            [s for s in spec.get("must_not_contain", []) if score.norm(s) in body],
        )
    assert len(results) >= 10, "the gold samples of ../shared were read"
    return results


def test_metadata_accuracy_floor(scored):
    checks = [ok for meta, _, _ in scored.values() for ok in meta.values()]
    wrong = {name: [k for k, ok in meta.items() if not ok] for name, (meta, _, _) in scored.items()}
    assert sum(checks) / len(checks) >= META_FLOOR, {k: v for k, v in wrong.items() if v}


def test_every_body_is_clean(scored):
    dirty = {name: (missing, leaked) for name, (_, missing, leaked) in scored.items() if missing or leaked}
    assert not dirty
