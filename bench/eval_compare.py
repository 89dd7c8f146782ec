"""Compare key-figure extraction: Briefing vs a plain regex vs Microsoft Recognizers-Text, in one run.

All three read the same clean title and body (the project's reader and cleaner), are scored by
generator/evaluate.py on the same gold files, and are timed on the same text. Recognizers-Text is
not a dependency of the project: it runs in a throwaway virtualenv given by --library-python, e.g.

    python3 -m venv /tmp/evalvenv && /tmp/evalvenv/bin/pip install recognizers-text-suite "emoji<2"
    .venv/bin/python bench/eval_compare.py --library-python /tmp/evalvenv/bin/python \
        --update docs/evaluation.md

Without --library-python (or when it cannot run) the library's row says so. Gold files default to
tests/gold/ and, when present, ../shared/samples/gold/.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- eval-table:start -->", "<!-- eval-table:end -->"

# The plain regex baseline: qualifier, number, range, magnitude, unit, trailing qualifier.
REGEX = re.compile(
    r"(?P<q>超过|超過|超|逾|近|约|約|突破|不到)?(?P<n>\d+(?:\.\d+)?)(?:(?:-|至)(?P<n2>\d+(?:\.\d+)?))?"
    r"(?P<m>万亿|萬億|亿|億|万|萬)?(?P<u>美元|元|%|个|個|家|人|项|項|台|片|条|條|GWh|GW|平方米|亩|畝)?"
    r"(?P<p>以上|左右|多)?")
REGEX_EN = re.compile(r"(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?P<m>trillion|billion|million|bn)?\s*(?P<u>yuan|percent|%)")
MAGNITUDE = {"万亿": 1e12, "萬億": 1e12, "亿": 1e8, "億": 1e8, "万": 1e4, "萬": 1e4,
             "trillion": 1e12, "billion": 1e9, "bn": 1e9, "million": 1e6}
UNIT = {"元": "CNY", "美元": "USD", "%": "percent", "percent": "percent", "yuan": "CNY", "GW": "GW", "GWh": "GWh",
        "平方米": "m2", "亩": "mu", "畝": "mu"}
QUALIFIER = {"超过": "over", "超過": "over", "超": "over", "逾": "over", "突破": "over", "以上": "over", "多": "over",
             "近": "nearly", "约": "about", "約": "about", "左右": "about", "不到": "under"}
SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?|[^\n]+")


def sentences(text: str) -> list[str]:
    """The sentences of a text, the way the baselines see it (quote = sentence)."""
    return [s.strip() for s in SENTENCE.findall(text) if s.strip()]


def regex_figures(text: str) -> list[dict]:
    """Figures found by the plain regex: a number with a unit, or a number with 亿 (money)."""
    out = []
    for s in sentences(text):
        for m in REGEX.finditer(s):
            unit = UNIT.get(m["u"] or "", "count" if m["u"] else None)
            if unit is None and m["m"] in ("亿", "億", "万亿", "萬億"):
                unit = "CNY"
            if unit is None:
                continue
            factor = MAGNITUDE.get(m["m"] or "", 1)
            fig = {"text": m.group(), "quote": s, "unit": unit, "counter": m["u"] if unit == "count" else None,
                   "qualifier": QUALIFIER.get(m["q"] or m["p"] or ""), "value": float(m["n"]) * factor}
            if m["n2"]:
                fig.update(value=None, low=float(m["n"]) * factor, high=float(m["n2"]) * factor)
            out.append(fig)
        for m in REGEX_EN.finditer(s):
            value = float(m["n"].replace(",", "")) * MAGNITUDE.get(m["m"] or "", 1)
            out.append({"text": m.group(), "quote": s, "unit": UNIT[m["u"]], "value": value})
    return out


def recognizers_main() -> None:
    """Run inside the library's virtualenv: sentences as JSON on stdin → figures per sentence on stdout."""
    from importlib.metadata import version

    from recognizers_number import recognize_percentage
    from recognizers_number_with_unit import recognize_currency, recognize_dimension
    from recognizers_text import Culture
    iso = {"Dollar": "USD", "United States dollar": "USD", "Hong Kong dollar": "HKD", "Euro": "EUR"}
    dims = {"Square meter": "m2", "Square kilometer": "km2", "Kilowatt": "kW", "Megawatt": "MW", "Gigawatt": "GW",
            "Ton": "t", "Metric ton": "t"}
    items = json.load(sys.stdin)
    start, out = time.perf_counter(), []
    for item in items:
        culture = Culture.English if item["english"] else Culture.Chinese
        figs = []
        for r in recognize_currency(item["text"], culture):
            unit = r.resolution.get("isoCurrency") or iso.get(r.resolution.get("unit"), r.resolution.get("unit"))
            figs.append({"text": r.text, "unit": unit, "value": _float(r.resolution.get("value"))})
        for r in recognize_percentage(item["text"], culture):
            figs.append({"text": r.text, "unit": "percent",
                         "value": _float(str(r.resolution.get("value")).rstrip("%"))})
        for r in recognize_dimension(item["text"], culture):
            figs.append({"text": r.text, "unit": dims.get(r.resolution.get("unit"), r.resolution.get("unit")),
                         "value": _float(r.resolution.get("value"))})
        out.append(figs)
    json.dump({"figures": out, "seconds": time.perf_counter() - start,
               "version": version("recognizers-text-suite")}, sys.stdout)


def _float(text) -> float | None:
    """A number from the library's resolution text, or None."""
    try:
        return float(str(text).replace(",", ""))
    except ValueError:
        return None


def run_recognizers(python: str | None, texts: list[str]) -> tuple[list[list[dict]] | None, float, str]:
    """Per text, the library's figures (quote = sentence), its seconds, and its version; None when it cannot run."""
    if not python:
        return None, 0.0, "not run (no --library-python)"
    from generator.figures.sentences import is_english
    from generator.scripts import to_simplified
    items, owner = [], []
    for k, text in enumerate(texts):
        for s in sentences(text):
            items.append({"text": s if is_english(s) else to_simplified(s), "english": is_english(s), "quote": s})
            owner.append(k)
    proc = subprocess.run([python, __file__, "--recognizers"], input=json.dumps(items), capture_output=True,
                          text=True, timeout=1800)
    if proc.returncode != 0:
        return None, 0.0, f"failed: {proc.stderr.strip()[-200:]}"
    data = json.loads(proc.stdout)
    per_text: list[list[dict]] = [[] for _ in texts]
    for item, k, figs in zip(items, owner, data["figures"]):
        per_text[k] += [{**f, "quote": item["quote"]} for f in figs]
    return per_text, data["seconds"], data["version"]


def gold_sets(args_gold: list[Path]) -> list[Path]:
    """The gold folders or files to score."""
    if args_gold:
        return args_gold
    shared = ROOT.parent / "shared" / "samples" / "gold"
    return [ROOT / "tests" / "gold"] + ([shared] if shared.is_dir() else [])


def load_articles(paths: list[Path]) -> list[tuple[dict, dict, str]]:
    """(gold, record, title+body) for every gold file that annotates figures."""
    import yaml

    from generator.evaluate import gold_files, project_extractor
    extract = project_extractor(ROOT)
    out = []
    for path in gold_files(paths):
        gold = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if "figures" in gold:
            record = extract((path.parent / gold["article"]).resolve())
            out.append((gold, record, f"{record.get('title') or ''}\n\n{record.get('body') or ''}"))
    return out


def briefing_figures(articles: list[tuple[dict, dict, str]]) -> tuple[list[list[dict]], float]:
    """Briefing's figures for each article (title and body, as build_record does) and the seconds it took."""
    from datetime import date

    from generator.figures import FigureContext, article_figures, home_currency
    out, start = [], time.perf_counter()
    for _, record, _ in articles:
        published = date.fromisoformat(record["published"][:10]) if record.get("published") else None
        script, title, body = record.get("script") or "zh-Hans", record.get("title") or "", record.get("body") or ""
        ctx = FigureContext(published=published, script=script, currency=home_currency(f"{title}\n{body}", script))
        out.append(article_figures(title, body, ctx))
    return out, time.perf_counter() - start


def score(articles, figures_per_article) -> dict:
    """The summary of a system's figures over all articles."""
    from generator.evaluate import FigureScore, score_figures
    total = FigureScore()
    for (gold, _, _), figs in zip(articles, figures_per_article):
        total.add(score_figures(figs, gold))
    return total.summary()


def table(rows: list[tuple[str, str, dict | None, float]], n_articles: int, n_figures: int, sets: str) -> str:
    """The comparison as a Markdown table with a header line."""
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    head = ("| system | version | precision | recall | F1 | qualifier | kind | metric | counter | year"
            " | articles/s (one pass) |\n"
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n")
    lines = []
    for name, version, s, seconds in rows:
        if s is None:
            lines.append(f"| {name} | {version} | – | – | – | – | – | – | – | – | – |")
            continue
        cells = [s["precision"], s["recall"], s["f1"]] + [s[f"{k}_accuracy"] for k in
                                                           ("qualifier", "kind", "metric", "counter", "year")]
        speed = f"{n_articles / seconds:,.0f}" if seconds else "–"
        lines.append(f"| {name} | {version} | " + " | ".join("–" if c is None else f"{c:.2f}" for c in cells)
                     + f" | {speed} |")
    return (f"Measured {now} on {n_articles} articles with {n_figures} gold figures ({sets}), "
            f"Python {sys.version.split()[0]}.\n\n" + head + "\n".join(lines) + "\n")


def compare(path: Path, library_python: str | None, our_version: str) -> str:
    """The comparison table of the three systems on one gold folder (or file)."""
    articles = load_articles([path])
    texts = [t for _, _, t in articles]
    ours, ours_s = briefing_figures(articles)
    start = time.perf_counter()
    regex = [regex_figures(t) for t in texts]
    regex_s = time.perf_counter() - start
    lib, lib_s, lib_version = run_recognizers(library_python, texts)
    rows = [("Briefing", our_version, score(articles, ours), ours_s),
            ("plain regex (in bench/eval_compare.py)", "–", score(articles, regex), regex_s),
            ("Recognizers-Text (currency, percentage, dimension)", lib_version,
             score(articles, lib) if lib is not None else None, lib_s)]
    name = (str(path.relative_to(ROOT)) if path.is_relative_to(ROOT)
            else f"../{path.relative_to(ROOT.parent)}" if path.is_relative_to(ROOT.parent) else str(path))
    return table(rows, len(articles), sum(len(g.get("figures") or []) for g, _, _ in articles), name)


def main(argv: list[str] | None = None) -> None:
    """Score the three systems on the gold files and print (or write into a page) the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="*", type=Path)
    ap.add_argument("--library-python", help="python of a virtualenv with recognizers-text-suite")
    ap.add_argument("--update", type=Path, help=f"write the table between {START} and {END} in this page")
    ap.add_argument("--recognizers", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.recognizers:
        return recognizers_main()
    sys.path.insert(0, str(ROOT))
    from importlib.metadata import version
    out = "\n".join(compare(path, args.library_python, version("briefing")) for path in gold_sets(args.gold))
    if args.update:
        page = args.update.read_text(encoding="utf-8")
        before, rest = page.split(START, 1)
        args.update.write_text(f"{before}{START}\n{out}{END}{rest.split(END, 1)[1]}", encoding="utf-8")
    print(out)


if __name__ == "__main__":
    main()
