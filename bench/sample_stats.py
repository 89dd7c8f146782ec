"""Measure how heavy real articles are, as numbers only: the profile the synthetic corpus copies.

Reads a folder of raw articles with the project's own reader and extractor and prints, per
article and in all, what decides the size of the site built from them: body paragraphs and
their characters, headings and captions, figures per 1,000 characters of body, whether the
page names authors or editors, the characters of page chrome around the body (text dumps
only: an HTML page's markup is not chrome a text dump would carry) and the script.
With `--write` the numbers go into the `distribution` section of bench/vocabulary.yml, which
bench/make_corpus.py draws from. No text of the articles is written anywhere.

    .venv/bin/python -m bench.sample_stats ../shared/samples/articles --write
    .venv/bin/python -m bench.sample_stats /tmp/corpus        # the same numbers for a synthetic corpus
"""
from __future__ import annotations

import argparse
import re
import statistics
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from generator.clean import clean_articles  # noqa: E402 - after sys.path names the project above
from generator.extract import build_record  # noqa: E402 - after sys.path names the project above
from generator.read import read_file  # noqa: E402 - after sys.path names the project above
from generator.taxonomy import load_taxonomy  # noqa: E402 - after sys.path names the project above

VOCABULARY = ROOT / "bench" / "vocabulary.yml"
SECTION = re.compile(r"^# --- distribution \(bench/sample_stats\.py\).*\Z", re.M | re.S)
TEXT_DUMPS = (".txt", ".text")


def profile(path: Path, taxonomy) -> list[dict]:
    """The numbers of each article in one raw file (a list: a feed holds several)."""
    out = []
    for checked in clean_articles(read_file(path)):
        (extracted, body), raw = build_record(checked, taxonomy), checked.raw
        record = dict(extracted.model_dump(exclude_unset=True), body=body)
        blocks = [b for b in record["body"].split("\n\n") if b.strip()]
        paragraphs = [b for b in blocks if not b.startswith(("#", "*"))]
        body_chars = sum(len(b) for b in paragraphs)
        chrome = len(raw.text) - len(record["body"]) - len(record["title"]) if path.suffix in TEXT_DUMPS else None
        out.append({
            "paragraphs": len(paragraphs),
            "paragraph_chars": round(body_chars / max(1, len(paragraphs))),
            "headings": sum(b.startswith("#") for b in blocks),
            "captions": sum(b.startswith("*") for b in blocks),
            "body_chars": body_chars,
            "figures": len(record["figures"]),
            "figures_per_1000": round(1000 * len(record["figures"]) / max(1, body_chars), 1),
            "credits": bool(record["authors"] or record["editors"]),
            "chrome_chars": max(0, chrome) if chrome is not None else None,
            "script": record["script"],
        })
    return out


def measure(folder: Path) -> list[dict]:
    """The profiles of every article in `folder`, in file-name order."""
    taxonomy = load_taxonomy(ROOT / "content" / "taxonomy")
    profiles = []
    for path in sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")):
        profiles += profile(path, taxonomy)
    return profiles


def summary(profiles: list[dict]) -> dict:
    """The distribution in all: medians, means, shares."""
    def col(key):
        """The values of one column (articles that have it)."""
        return [p[key] for p in profiles if p[key] is not None]
    chars = sum(col("body_chars"))
    scripts = {s: round(col("script").count(s) / len(profiles), 3) for s in sorted(set(col("script")))}
    return {
        "articles": len(profiles),
        "paragraphs_median": statistics.median(col("paragraphs")),
        "paragraphs_mean": round(statistics.mean(col("paragraphs")), 1),
        "paragraph_chars_median": statistics.median(col("paragraph_chars")),
        "body_chars_median": statistics.median(col("body_chars")),
        "body_chars_mean": round(statistics.mean(col("body_chars"))),
        "figures_median": statistics.median(col("figures")),
        "figures_mean": round(statistics.mean(col("figures")), 1),
        "figures_per_1000_chars": round(1000 * sum(col("figures")) / max(1, chars), 1),
        "figures_per_1000_median": statistics.median(col("figures_per_1000")),
        "credits_share": round(sum(col("credits")) / len(profiles), 3),
        "chrome_chars_median": statistics.median(col("chrome_chars")) if col("chrome_chars") else None,
        "scripts": scripts,
    }


def write_distribution(profiles: list[dict], vocabulary: Path = VOCABULARY) -> None:
    """Replace the distribution section at the end of the vocabulary with these numbers."""
    keys = ("paragraphs", "paragraph_chars", "headings", "captions", "figures_per_1000", "credits",
            "chrome_chars", "script")
    data = {"distribution": {"summary": summary(profiles),
                             "profiles": [[p[k] for k in keys] for p in profiles],
                             "profile_fields": list(keys)}}
    text = vocabulary.read_text(encoding="utf-8")
    text = SECTION.sub("", text).rstrip("\n") + "\n\n"
    text += ("# --- distribution (bench/sample_stats.py): measured on the sample articles, numbers only.\n"
             "# Regenerate: .venv/bin/python -m bench.sample_stats ../shared/samples/articles --write\n"
             "# One profile per article: " + ", ".join(keys) + " (chrome_chars null for HTML pages).\n")
    text += yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None, width=110)
    vocabulary.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    """Command line: measure FOLDER, print the table and the summary, optionally write the vocabulary."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--write", action="store_true", help="write the numbers into bench/vocabulary.yml")
    args = parser.parse_args(argv)
    profiles = measure(args.folder)
    for p in profiles:
        print(" ".join(f"{k}={v}" for k, v in p.items()))
    print(yaml.safe_dump(summary(profiles), allow_unicode=True, sort_keys=False))
    if args.write:
        write_distribution(profiles)
        print(f"wrote the distribution into {VOCABULARY}")


if __name__ == "__main__":
    main()
