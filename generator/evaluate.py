"""Score extracted key figures against gold files (the format of the evaluation README): precision, recall, accuracy."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml

from .scripts import to_simplified

Extractor = Callable[[Path], dict]
_DROP = str.maketrans("", "", " \t\r\n\u3000《》“”\"'「」")
ATTRIBUTES = ("qualifier", "kind", "metric", "counter", "year", "indicator", "measure", "zone")
THRESHOLDS = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9)


def norm(text) -> str:
    """Text as compared: NFKC, lower case, Simplified, no white space, no 《》 or quotes."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFKC", str(text)).lower()
    return to_simplified(text).translate(_DROP)


def _longest_common_run(a: str, b: str) -> int:
    """The length of the longest run of characters that `a` and `b` share."""
    best, prev = 0, [0] * (len(b) + 1)
    for ca in a:
        cur = [0] * (len(b) + 1)
        for j, cb in enumerate(b, 1):
            if ca == cb:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def _close(a, b) -> bool:
    """True when two numbers are equal up to rounding (or both absent)."""
    if a is None or b is None:
        return a is None and b is None
    try:
        a, b = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return abs(a - b) <= max(1e-9 * max(abs(a), abs(b)), 1e-9)


def _span(fig: dict) -> tuple:
    """(low, high) of a figure: its range, or its value twice."""
    if fig.get("low") is not None and fig.get("high") is not None:
        return fig["low"], fig["high"]
    return fig.get("value"), fig.get("value")


def same_quantity(pred: dict, gold: dict) -> bool:
    """True when a predicted figure has the gold unit and value (or range)."""
    units = gold.get("unit", "")
    units = units if isinstance(units, list) else [units]
    if str(pred.get("unit", "")).lower() not in [str(u).lower() for u in units]:
        return False
    (pl, ph), (gl, gh) = _span(pred), _span(gold)
    return _close(pl, gl) and _close(ph, gh)


def same_place(pred: dict, gold: dict) -> bool:
    """True when a predicted figure's quote overlaps the gold context."""
    ctx, quote = norm(gold.get("context")), norm(pred.get("quote")) or norm(pred.get("text"))
    if not ctx or not quote:
        return False
    return ctx in quote or quote in ctx or _longest_common_run(ctx, quote) >= min(8, len(ctx))


def metric_ok(pred_metric, alternatives) -> bool:
    """True when the predicted metric holds one of the accepted metric words (or lies within one)."""
    pm = norm(pred_metric)
    return len(pm) >= 2 and any(norm(a) in pm or pm in norm(a) for a in alternatives)


@dataclass
class FigureScore:
    """The figure counts of one article or of many."""

    gold: int = 0
    tp: int = 0
    fp: int = 0
    right: dict = field(default_factory=lambda: dict.fromkeys(ATTRIBUTES, 0))
    asked: dict = field(default_factory=lambda: dict.fromkeys(ATTRIBUTES, 0))
    missed: list = field(default_factory=list)
    stray: list = field(default_factory=list)
    wrong: list = field(default_factory=list)
    judged: list = field(default_factory=list)   # (confidence, right) of every prediction: see calibration

    def add(self, other: FigureScore) -> None:
        """Add another score's counts to this one."""
        self.gold, self.tp, self.fp = self.gold + other.gold, self.tp + other.tp, self.fp + other.fp
        for k in ATTRIBUTES:
            self.right[k] += other.right[k]
            self.asked[k] += other.asked[k]
        self.judged += other.judged

    def summary(self) -> dict:
        """Precision, recall, F1 and the accuracy of each attribute (None where no gold figure says it)."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        out = {"figures": self.gold, "precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}
        for k in ATTRIBUTES:
            out[f"{k}_accuracy"] = self.right[k] / self.asked[k] if self.asked[k] else None
        return out


def _match(preds: list, gold: list, optional: list) -> tuple[list, list]:
    """Greedy one-to-one matching: (pairs of prediction and gold, unmatched predictions)."""
    pairs, used, used_opt, stray = [], set(), set(), []
    for p in preds:
        hit = next((i for i, g in enumerate(gold) if i not in used and same_quantity(p, g) and same_place(p, g)), None)
        if hit is not None:
            used.add(hit)
            pairs.append((p, gold[hit]))
            continue
        opt = next((i for i, g in enumerate(optional)
                    if i not in used_opt and same_quantity(p, g) and same_place(p, g)), None)
        if opt is None:
            stray.append(p)
        else:
            used_opt.add(opt)
    return pairs, stray


def _accepted(value) -> list:
    """A gold attribute's accepted values: one value or a list of them."""
    return value if isinstance(value, list) else [value]


def _zone_ok(pred_zone, gold_zone, zone_names: dict) -> bool:
    """The figure's zone against the gold: `none` wants no zone; else one of the record's names for the
    zone equals or contains a name of the gold list (as ../shared/eval/score.py rules)."""
    if gold_zone in ("none", None):
        return not pred_zone
    names = zone_names.get(pred_zone, [pred_zone]) if pred_zone else []
    return any(norm(a) and norm(a) in norm(n) for n in names for a in _accepted(gold_zone))


def _attribute_ok(name: str, pred: dict, gold: dict, zone_names: dict | None = None) -> bool | None:
    """Whether a matched prediction has the gold attribute right (None when the gold does not say)."""
    if name == "qualifier":
        return (pred.get("qualifier") or None) == (gold.get("qualifier") or None)
    if name == "kind":
        return pred.get("kind") in gold.get("kind", [])
    if name == "metric":
        return metric_ok(pred.get("metric"), gold.get("metric", []))
    if name not in gold:
        return None
    if name == "counter":
        return norm(pred.get("counter")) == norm(gold["counter"])
    if name == "zone":
        return _zone_ok(pred.get("zone"), gold["zone"], zone_names or {})
    if name in ("indicator", "measure"):
        return pred.get(name) in _accepted(gold[name])
    return pred.get(name) == gold[name]


def record_zone_names(record: dict) -> dict[str, list[str]]:
    """The record's zone ids → every name the record gives the zone."""
    return {str(z["id"]): [str(z[k]) for k in ("name", "name_hant", "name_en", "id") if z.get(k)]
            for z in record.get("zones") or [] if isinstance(z, dict) and z.get("id")}


def score_figures(figures: list[dict], gold: dict, zone_names: dict | None = None) -> FigureScore:
    """The score of one article's extracted figures against its gold file (`zone_names`: record_zone_names)."""
    wanted = gold.get("figures") or []
    pairs, stray = _match(figures, wanted, gold.get("optional_figures") or [])
    score = FigureScore(gold=len(wanted), tp=len(pairs), fp=len(stray))
    for p, g in pairs:
        right = True
        for name in ATTRIBUTES:
            ok = _attribute_ok(name, p, g, zone_names)
            if ok is not None:
                score.asked[name] += 1
                score.right[name] += int(ok)
            if ok is False:
                right = False
                score.wrong.append(f"{name}: {p.get(name)!r} for {g.get('context')} (gold {g.get(name)!r})")
        score.judged.append((_number(p.get("confidence")), right))
    score.judged += [(_number(p.get("confidence")), False) for p in stray]
    matched = {id(g) for _, g in pairs}
    score.missed = [g.get("context") for g in wanted if id(g) not in matched]
    score.stray = [f"{p.get('text')} | {str(p.get('quote', ''))[:40]}" for p in stray]
    return score


def _number(value) -> float:
    """A confidence as a number (0 when missing)."""
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


def calibration(judged: list[tuple[float, bool]], thresholds=THRESHOLDS) -> list[dict]:
    """For each threshold: how many predictions lie at or above it and below it, and the share of each that is
    entirely right (the figure is a gold figure and every attribute the gold states is right)."""
    rows = []
    for t in thresholds:
        above = [ok for c, ok in judged if c >= t]
        below = [ok for c, ok in judged if c < t]
        rows.append({"threshold": t, "above": len(above), "precision_above": sum(above) / len(above) if above else None,
                     "below": len(below), "precision_below": sum(below) / len(below) if below else None})
    return rows


def calibration_lines(judged: list[tuple[float, bool]]) -> list[str]:
    """calibration() as a text table."""
    def share(x):
        """A share as text."""
        return "n/a" if x is None else f"{x:.3f}"
    lines = ["threshold  above  right_above  below  right_below"]
    lines += [f"{r['threshold']:<9}  {r['above']:>5}  {share(r['precision_above']):>11}  {r['below']:>5}  "
              f"{share(r['precision_below']):>11}" for r in calibration(judged)]
    return lines


def gold_files(paths: list[Path]) -> list[Path]:
    """The gold files named, folders expanded to their *.yml files, sorted."""
    out = []
    for path in paths:
        out += sorted(path.glob("*.yml")) if path.is_dir() else [path]
    return out


def evaluate(paths: list[Path], extractor: Extractor) -> tuple[FigureScore, dict[str, FigureScore]]:
    """The total figure score over the gold files (those that annotate figures) and each file's score."""
    total, each = FigureScore(), {}
    for path in gold_files(paths):
        gold = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if "figures" not in gold:
            continue
        record = extractor((path.parent / gold["article"]).resolve())
        each[path.name] = score_figures(record.get("figures") or [], gold, record_zone_names(record))
        total.add(each[path.name])
    return total, each


def project_extractor(root: Path) -> Extractor:
    """An extractor that builds the record of an article file with the project's own pipeline."""
    from .paths import ProjectPaths
    from .pipeline import extract_file

    paths = ProjectPaths(root)

    def extract(article: Path) -> dict:
        """The fields of the record of `article` (the first, for a file that holds several), as a file stores them."""
        record, _body = extract_file(paths, article)[0]
        return record.model_dump(exclude_unset=True)

    return extract


def report(total: FigureScore, each: dict[str, FigureScore], verbose: bool = True) -> list[str]:
    """The evaluation as text lines: per article what was missed, stray or wrong, then the totals."""
    lines = []
    for name, s in each.items():
        lines.append(f"{name}: {s.tp}/{s.gold} found, {s.fp} stray")
        if verbose:
            lines += [f"    missed: {c}" for c in s.missed]
            lines += [f"    stray:  {c}" for c in s.stray]
            lines += [f"    wrong:  {c}" for c in s.wrong]
    lines.append("")
    lines += [f"{k:20} {v:.3f}" if isinstance(v, float) else f"{k:20} {'n/a' if v is None else v}"
              for k, v in total.summary().items()]
    return lines
