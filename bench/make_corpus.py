"""Synthetic corpora for the benchmark: page-text dumps of industrial-policy news, both scripts, from a seed.

Every page is a pure function of (vocabulary, seed, page number), so the same seed and size give a
byte-identical corpus and a corpus of 1,000 pages is the first 1,000 pages of the corpus of 10,000.

    .venv/bin/python -m bench.make_corpus /tmp/corpus --size 1000 --seed 8
"""
from __future__ import annotations

import argparse
import random
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path

import opencc
import yaml

VOCABULARY = Path(__file__).with_name("vocabulary.yml")
DEFAULT_SEED = 8
PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass
class Story:
    """What a page reports, before any outlet's chrome: headline, time, credits and body blocks."""

    title: str
    published: datetime
    blocks: list[tuple[str, str]]          # (kind, text): kind is para, subhead or caption
    authors: list[str]
    editors: list[str]
    city: str


@dataclass
class Page:
    """One file of the corpus: its name, its text and the story and script it carries."""

    name: str
    text: str
    story: int
    script: str


@dataclass
class Manifest:
    """What a corpus run wrote: the pages and how many distinct stories they carry."""

    pages: list[Page] = field(default_factory=list)

    @property
    def stories(self) -> int:
        """The number of distinct stories (reposts carry a story already printed)."""
        return len({p.story for p in self.pages})


@lru_cache(maxsize=None)
def load_vocabulary(path: Path = VOCABULARY) -> dict:
    """The generator's vocabulary (bench/vocabulary.yml)."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _converter(config: str) -> opencc.OpenCC:
    """One cached OpenCC converter per configuration (s2t, s2hk, s2tw)."""
    return opencc.OpenCC(config)


class Filler:
    """Fills template placeholders for one story: entities fixed per story, figures drawn afresh."""

    def __init__(self, vocab: dict, rng: random.Random, published: date):
        """Draw the story's entities (zone, industries, companies, people, dates) from `rng`."""
        self.vocab, self.rng = vocab, rng
        zone = rng.choice(vocab["zones"])
        industries = rng.sample(vocab["industries"], 2)
        companies = rng.sample(vocab["companies"], 2)
        self.fixed = {
            "zone": zone["name"], "zone_short": zone["short"], "city": zone["city"],
            "province": zone["province"], "part": rng.choice(zone["parts"]),
            "industry": industries[0]["name"], "industry2": industries[1]["name"],
            "product": rng.choice(industries[0]["products"]), "capacity": industries[0]["capacity"],
            "company": companies[0], "company2": companies[1],
            "official": self.name(), "official_title": rng.choice(zone["offices"]),
            "person": self.name(), "year": str(published.year), "last_year": str(published.year - 1),
            "target_year": str(published.year + rng.choice([1, 2, 3, 5, 5, 10])),
            "quarter": rng.choice(vocab["quarters"]), "event": rng.choice(vocab["events"]),
            "action": rng.choice(vocab["actions"]), "nth": rng.choice(vocab["nths"][2:]),
        }
        event_day = published - timedelta(days=rng.randint(0, 4))
        self.fixed.update(month=str(event_day.month), day=str(event_day.day))
        self.fixed["policy"] = self.fill(rng.choice(vocab["policies"]))

    def name(self) -> str:
        """A person's name: a surname and one or two given characters."""
        given = self.rng.sample(self.vocab["given_chars"], self.rng.choice([1, 2, 2, 2]))
        return self.rng.choice(self.vocab["surnames"]) + "".join(given)

    def fill(self, template: str, memo: dict | None = None) -> str:
        """The template with every placeholder filled; `memo` keeps figures equal across calls."""
        def value(m: re.Match) -> str:
            """The text of one placeholder."""
            key = m.group(1)
            if key in self.fixed:
                return self.fixed[key]
            if memo is not None and key in memo:
                return memo[key]
            out = self.figure(key)
            if memo is not None:
                memo[key] = out
            return out
        return PLACEHOLDER.sub(value, template)

    def figure(self, key: str) -> str:
        """A freshly drawn figure (money, percentage, count) or a fresh person's name."""
        bare = key.endswith("_bare") or key in self.vocab["figures"]["unqualified"]
        key = key.removesuffix("_bare")
        if key in ("person", "author", "author2", "editor", "editor2"):
            return self.name()
        qualifier = "" if bare else self.rng.choice(self.vocab["figures"]["qualifiers"])
        return qualifier + self.quantity(key)

    def quantity(self, key: str) -> str:
        """The number and unit of a figure placeholder, without qualifier."""
        fig, rng = self.vocab["figures"], self.rng
        if key in ("money", "money2", "money_small"):
            scales = fig["money_small" if key == "money_small" else "money"]
            low, high, unit, decimal_share, _ = rng.choices(scales, weights=[s[4] for s in scales])[0]
            return self.number(low, high, decimal_share) + unit
        if key in ("pct", "pct2"):
            return f"{rng.uniform(*fig['pct']):.1f}%"
        if key == "points":
            return f"{rng.uniform(*fig['points']):.1f}"
        if key in ("projects", "count"):
            return str(rng.choice([rng.randint(2, 60), rng.randint(60, 600), rng.randint(100, 3000)]))
        if key == "firms":
            return str(rng.choice([rng.randint(5, 300), rng.randint(100, 6000)])) + "家"
        if key == "few":
            return str(rng.randint(2, 30))
        if key == "people":
            low, high, unit = rng.choice(fig["people"])
            return str(rng.randint(low, high)) + unit
        raise KeyError(f"unknown placeholder {{{key}}}")

    def number(self, low: int, high: int, decimal_share: float) -> str:
        """A number between low and high, with one or two decimals for `decimal_share` of draws."""
        value = self.rng.randint(low, high)
        if self.rng.random() < decimal_share:
            return f"{value + self.rng.randint(1, 99) / 100:.{self.rng.choice([1, 2])}f}"
        return str(value)


def _published(vocab: dict, rng: random.Random) -> datetime:
    """A publication time spread evenly over the vocabulary's years, in office hours."""
    first, last = vocab["years"]
    start, end = date(first, 1, 1), date(last, 12, 31)
    day = start + timedelta(days=rng.randint(0, (end - start).days))
    return datetime(day.year, day.month, day.day, rng.randint(7, 22), rng.randint(0, 59), rng.randint(0, 59))


def make_story(vocab: dict, seed: int, number: int) -> Story:
    """Story `number` of the corpus of `seed`: a deterministic function of both."""
    rng = random.Random(f"{seed}:story:{number}")
    published = _published(vocab, rng)
    filler = Filler(vocab, rng, published.date())
    memo: dict = {}
    lead = filler.fill(rng.choice(vocab["leads"]), memo)
    title = filler.fill(rng.choice(vocab["titles"]), memo)
    blocks = [("para", lead)] + _body_blocks(vocab, rng, filler)
    authors = [filler.name() for _ in range(rng.randint(1, 4))]
    editors = [filler.name() for _ in range(2)]
    return Story(title=title, published=published, blocks=blocks, authors=authors, editors=editors,
                 city=filler.fixed["city"])


def _body_blocks(vocab: dict, rng: random.Random, filler: Filler) -> list[tuple[str, str]]:
    """The body after the lead: paragraphs of figure sentences, a quote, maybe a subhead and captions."""
    deck = rng.sample(vocab["sentences"], len(vocab["sentences"]))   # no sentence twice in a story
    blocks = []
    for _ in range(rng.randint(*vocab["paragraphs"])):
        taken = [deck.pop() for _ in range(rng.randint(*vocab["sentences_per_paragraph"])) if deck]
        if taken:
            blocks.append(("para", "".join(filler.fill(s) for s in taken)))
    blocks.insert(rng.randint(0, len(blocks)), ("para", filler.fill(rng.choice(vocab["quotes"]))))
    if rng.random() < 0.4:
        blocks.insert(rng.randint(1, len(blocks)), ("subhead", filler.fill(rng.choice(vocab["subheads"]))))
    for _ in range(rng.choice([0, 0, 1, 1, 2])):
        blocks.insert(rng.randint(0, len(blocks)), ("caption", filler.fill(rng.choice(vocab["captions"]))))
    return blocks


def _pick_outlet(vocab: dict, seed: int, number: int) -> tuple[random.Random, dict]:
    """The random stream of page `number` and the outlet printing it (its first draw)."""
    rng = random.Random(f"{seed}:page:{number}")
    outlets = vocab["outlets"]
    return rng, rng.choices(outlets, weights=[o["weight"] for o in outlets])[0]


def make_page(vocab: dict, seed: int, number: int, width: int = 5) -> Page:
    """Page `number` of the corpus of `seed`: a story in an outlet's chrome, in one script."""
    rng, outlet = _pick_outlet(vocab, seed, number)
    traditional = rng.random() < outlet.get("traditional", 0)
    story_no = number
    if number and rng.random() < vocab["repost_rate"]:
        story_no = rng.randrange(number)
        if rng.random() < 0.5:          # the same outlet's other-script edition
            outlet = _pick_outlet(vocab, seed, story_no)[1]
            traditional = not traditional if outlet.get("traditional", 0) else False
    story = make_story(vocab, seed, story_no)
    text = render_page(vocab, outlet, story, rng)
    if traditional:
        text = _converter(outlet.get("opencc", "s2t")).convert(text)
        for plain, variant in (outlet.get("variants") or {}).items():
            text = text.replace(plain, variant)
    name = f"{outlet['slug']}-{story.published:%Y-%m-%d}-{number:0{width}d}.txt"
    return Page(name=name, text=text, story=story_no, script="zh-Hant" if traditional else "zh-Hans")


def render_page(vocab: dict, outlet: dict, story: Story, rng: random.Random) -> str:
    """The page text of `story` as `outlet` prints it: header, headline, dateline, body, credits, footer."""
    filler = _chrome_filler(vocab, outlet, story, rng)
    indent = outlet.get("indent", "  ")
    lines = list(outlet.get("header") or []) + [story.title, filler(outlet["dateline"])]
    lines += list(outlet.get("after_dateline") or [])
    for key in ("byline", "image_note"):
        if outlet.get(key):
            lines.append(filler(outlet[key]))
    lines += _body_lines(outlet, story, rng, filler, indent)
    for key in ("source_line", "editor_line"):
        if outlet.get(key):
            lines.append(filler(outlet[key]))
    lines += [filler(line) for line in outlet.get("footer") or []]
    separator = "\n\n" if outlet.get("blank", True) else "\n"
    return separator.join(lines) + "\n"


def _body_lines(outlet: dict, story: Story, rng: random.Random, filler, indent: str) -> list[str]:
    """The story's blocks as the outlet lays them out (indent, repeated headline, credit line)."""
    lines = []
    paragraphs = [i for i, (kind, _) in enumerate(story.blocks) if kind == "para"]
    for i, (kind, text) in enumerate(story.blocks):
        if kind == "caption":
            if rng.random() < outlet.get("repeat_title", 0):
                lines.append(story.title)
            lines.append(text)
            continue
        if i == 0 and outlet.get("lead_prefix"):
            text = filler(outlet["lead_prefix"]) + text
        if i == paragraphs[-1] and outlet.get("credit"):
            text += filler(outlet["credit"])
        lines.append(indent + text)
        if i == 0 and outlet.get("lead_twice"):
            lines.append(indent + text)
    return lines


def _chrome_filler(vocab: dict, outlet: dict, story: Story, rng: random.Random):
    """A function filling the outlet's chrome templates (dateline, credits, related links) for a story."""
    when = story.published
    values = {
        "date": f"{when:%Y-%m-%d}", "date_cn": f"{when.year}年{when.month:02d}月{when.day:02d}日",
        "time": f"{when:%H:%M:%S}", "source": outlet["source"], "city": story.city,
        "month": str(when.month), "day": str(when.day), "editor": story.editors[0],
        "editor2": story.editors[1], "author": story.authors[0],
        "author2": story.authors[-1], "authors": " ".join(story.authors),
        "original": rng.choice(vocab["originals"]),
    }
    related = Filler(vocab, rng, when.date())

    def fill(template: str) -> str:
        """The chrome template filled; {related} becomes another story's headline."""
        text = PLACEHOLDER.sub(lambda m: values.get(m.group(1), "{" + m.group(1) + "}"), template)
        return related.fill(rng.choice(vocab["related"])) if text == "{related}" else text
    return fill


def write_corpus(folder: Path, size: int, seed: int = DEFAULT_SEED, start: int = 0,
                 vocabulary: Path = VOCABULARY) -> Manifest:
    """Write pages start … start+size-1 of the corpus of `seed` into `folder` as UTF-8 text files."""
    vocab = load_vocabulary(vocabulary)
    folder.mkdir(parents=True, exist_ok=True)
    manifest = Manifest()
    for number in range(start, start + size):
        page = make_page(vocab, seed, number)
        (folder / page.name).write_bytes(page.text.encode("utf-8"))
        manifest.pages.append(page)
    return manifest


def main(argv: list[str] | None = None) -> None:
    """Command line: write a corpus of --size pages for --seed into FOLDER."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--size", type=int, default=100, help="number of pages (default 100)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    parser.add_argument("--start", type=int, default=0, help="number of the first page (default 0)")
    args = parser.parse_args(argv)
    manifest = write_corpus(args.folder, args.size, args.seed, args.start)
    scripts = sum(p.script == "zh-Hant" for p in manifest.pages)
    print(f"wrote {len(manifest.pages)} pages ({manifest.stories} stories, {scripts} Traditional) to {args.folder}")


if __name__ == "__main__":
    main()
