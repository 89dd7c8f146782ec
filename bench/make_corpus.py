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
    shape: Shape | None = None             # the profile it was drawn to


@dataclass
class Page:
    """One file of the corpus: its name, its text and the story and script it carries."""

    name: str
    text: str
    story: int
    script: str
    paragraphs: int = 0        # the story's paragraphs and their characters, as drawn
    body_chars: int = 0
    credits: bool = False
    figures_per_1000: float = 0.0


@dataclass
class Manifest:
    """What a corpus run wrote: the pages and how many distinct stories they carry."""

    pages: list[Page] = field(default_factory=list)

    @property
    def stories(self) -> int:
        """The number of distinct stories (reposts carry a story already printed)."""
        return len({p.story for p in self.pages})

    def shape(self) -> dict:
        """The corpus's distribution as drawn, in the terms of the vocabulary's measured summary."""
        pages = self.pages
        paragraphs = sorted(p.paragraphs for p in pages)
        chars = sorted(p.body_chars for p in pages)
        return {"paragraphs_median": paragraphs[len(pages) // 2], "paragraphs_mean": sum(paragraphs) / len(pages),
                "paragraph_chars_mean": sum(chars) / max(1, sum(paragraphs)),
                "body_chars_median": chars[len(pages) // 2], "body_chars_mean": sum(chars) / len(pages),
                "figures_per_1000_chars": sum(p.figures_per_1000 * p.body_chars for p in pages) / max(1, sum(chars)),
                "credits_share": sum(p.credits for p in pages) / len(pages),
                "traditional_share": sum(p.script == "zh-Hant" for p in pages) / len(pages)}


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


def _news_published(vocab: dict, drawn: datetime, days: int) -> datetime:
    """A news story's time: `days` days after the corpus' last year ends, at the hour drawn for it."""
    day = date(vocab["years"][1] + 1, 1, 1) + timedelta(days=days)
    return datetime(day.year, day.month, day.day, drawn.hour, drawn.minute, drawn.second)


FIGURE_KEYS = ("money", "money2", "money_small", "pct", "pct2", "points", "projects", "firms", "people",
               "count", "few")


@dataclass
class Shape:
    """How heavy one story is: drawn from a measured article's profile (vocabulary `distribution`)."""

    paragraphs: int
    paragraph_chars: int
    headings: int
    captions: int
    figures_per_1000: float
    credits: bool


def draw_shape(vocab: dict, rng: random.Random) -> Shape:
    """One measured profile drawn at random, each number varied by up to a quarter either way."""
    dist = vocab["distribution"]
    p = dict(zip(dist["profile_fields"], rng.choice(dist["profiles"])))

    def vary(x: float) -> float:
        """x times a factor between 0.75 and 1.25."""
        return x * rng.uniform(0.75, 1.25)
    return Shape(paragraphs=max(1, round(vary(p["paragraphs"]))),
                 paragraph_chars=max(30, round(vary(p["paragraph_chars"]))),
                 headings=round(vary(p["headings"])), captions=round(vary(p["captions"])),
                 figures_per_1000=vary(p["figures_per_1000"]), credits=bool(p["credits"]))


def figure_count(template: str) -> int:
    """How many figure placeholders a template holds ({money}, {pct_bare} …)."""
    return sum(key.removesuffix("_bare") in FIGURE_KEYS for key in PLACEHOLDER.findall(template))


class Deck:
    """Templates drawn without repeats until all were used, then reshuffled (long stories reuse them)."""

    def __init__(self, templates: list[str], rng: random.Random):
        """A deck over `templates` shuffled with `rng`."""
        self.templates, self.rng, self.cards = list(templates), rng, []

    def draw(self) -> str:
        """The next template."""
        if not self.cards:
            self.cards = self.rng.sample(self.templates, len(self.templates))
        return self.cards.pop()


def make_story(vocab: dict, seed: int, number: int, news_from: int | None = None) -> Story:
    """Story `number` of the corpus of `seed`: a deterministic function of both (and `news_from`: see make_page)."""
    rng = random.Random(f"{seed}:story:{number}")
    published = _published(vocab, rng)
    if news_from is not None and number >= news_from:
        published = _news_published(vocab, published, number - news_from)
    filler = Filler(vocab, rng, published.date())
    shape = draw_shape(vocab, rng)
    memo: dict = {}
    leads = vocab["leads"] if shape.figures_per_1000 > 0 else vocab["plain_leads"]
    lead_template = rng.choice(leads)
    lead = filler.fill(lead_template, memo)
    title = filler.fill(rng.choice(vocab["titles"] if shape.figures_per_1000 > 0 else vocab["plain_titles"]), memo)
    blocks = _body_blocks(vocab, rng, filler, shape, lead, figure_count(lead_template))
    authors = [filler.name() for _ in range(rng.randint(1, 4))]
    editors = [filler.name() for _ in range(2)]
    return Story(title=title, published=published, blocks=blocks, authors=authors if shape.credits else [],
                 editors=editors if shape.credits else [], city=filler.fixed["city"], shape=shape)


def _body_blocks(vocab: dict, rng: random.Random, filler: Filler, shape: Shape, lead: str,
                 lead_figures: int) -> list[tuple[str, str]]:
    """The body: `shape`'s paragraphs (the first opening with `lead`), their length and figure density,
    a quote, subheads and captions."""
    figured = Deck([s for s in vocab["sentences"] if figure_count(s)], rng)
    plain = Deck([s for s in vocab["sentences"] if not figure_count(s)] + vocab["plain_sentences"], rng)
    chars, figures = 0, lead_figures
    blocks = []
    for number in range(shape.paragraphs):
        target, text = shape.paragraph_chars * rng.uniform(0.7, 1.3), lead if number == 0 else ""
        while not text or len(text) < target:
            wanted = shape.figures_per_1000 * (chars + len(text) + 40) / 1000
            template = figured.draw() if figures < wanted else plain.draw()
            figures += figure_count(template)
            text += filler.fill(template)
        chars += len(text)
        blocks.append(("para", text))
    first, blocks = blocks[0], blocks[1:]
    if blocks:
        blocks[rng.randrange(len(blocks))] = ("para", filler.fill(rng.choice(vocab["quotes"])))
    subheads = Deck(vocab["subheads"], rng)
    for _ in range(shape.headings):
        blocks.insert(rng.randint(min(1, len(blocks)), len(blocks)), ("subhead", filler.fill(subheads.draw())))
    for _ in range(shape.captions):
        blocks.insert(rng.randint(0, len(blocks)), ("caption", filler.fill(rng.choice(vocab["captions"]))))
    return [first] + blocks


def _pick_outlet(vocab: dict, seed: int, number: int) -> tuple[random.Random, dict, bool]:
    """The random stream of page `number`, its script (Traditional or not) and the outlet printing it.

    The script is drawn first, at the measured articles' share of Traditional; the outlet then
    among those that print that script, by weight times the share they print in it.
    """
    rng = random.Random(f"{seed}:page:{number}")
    traditional = rng.random() < traditional_share(vocab)
    outlets = vocab["outlets"]
    weights = [o["weight"] * (o.get("traditional", 0) if traditional else 1 - o.get("traditional", 0))
               for o in outlets]
    return rng, rng.choices(outlets, weights=weights)[0], traditional


def traditional_share(vocab: dict) -> float:
    """The share of measured articles in Traditional script."""
    scripts = [dict(zip(vocab["distribution"]["profile_fields"],
                        p))["script"] for p in vocab["distribution"]["profiles"]]
    return scripts.count("zh-Hant") / len(scripts)


def chrome_targets(vocab: dict) -> list[int]:
    """The characters of page chrome measured around each text-dump article."""
    fields = vocab["distribution"]["profile_fields"]
    return [c for c in (dict(zip(fields,
                                 p))["chrome_chars"] for p in vocab["distribution"]["profiles"]) if c is not None]


def make_page(vocab: dict, seed: int, number: int, width: int = 5, news_from: int | None = None) -> Page:
    """Page `number` of the corpus of `seed`: a story in an outlet's chrome, in one script. From page `news_from`
    on, pages are news: a new story each (no repost), published after every page before `news_from`, one a day."""
    rng, outlet, traditional = _pick_outlet(vocab, seed, number)
    story_no = number
    news = news_from is not None and number >= news_from
    if number and not news and rng.random() < vocab["repost_rate"]:
        story_no = rng.randrange(number)
        if rng.random() < 0.5:          # the same outlet's other-script edition
            _, outlet, traditional = _pick_outlet(vocab, seed, story_no)
            traditional = not traditional if 0 < outlet.get("traditional", 0) < 1 else traditional
    story = make_story(vocab, seed, story_no, news_from)
    text = render_page(vocab, outlet, story, rng)
    if traditional:
        text = _converter(outlet.get("opencc", "s2t")).convert(text)
        for plain, variant in (outlet.get("variants") or {}).items():
            text = text.replace(plain, variant)
    name = f"{outlet['slug']}-{story.published:%Y-%m-%d}-{number:0{width}d}.txt"
    paragraphs = [text for kind, text in story.blocks if kind == "para"]
    return Page(name=name, text=text, story=story_no, script="zh-Hant" if traditional else "zh-Hans",
                paragraphs=len(paragraphs), body_chars=sum(map(len, paragraphs)), credits=bool(story.authors),
                figures_per_1000=story.shape.figures_per_1000)


def render_page(vocab: dict, outlet: dict, story: Story, rng: random.Random) -> str:
    """The page text of `story` as `outlet` prints it: header, headline, dateline, body, credits, footer.

    Credits appear only when the story has them (`Story.authors`); lines of the vocabulary's
    `boilerplate` (related links, notices) follow the outlet's footer until the page's chrome is
    as long as a measured page's.
    """
    filler = _chrome_filler(vocab, outlet, story, rng)
    credits = bool(story.authors)
    plain = {} if credits else outlet.get("uncredited") or {}
    indent = outlet.get("indent", "  ")
    lines = list(outlet.get("header") or []) + [story.title, filler(plain.get("dateline", outlet["dateline"]))]
    lines += list(outlet.get("after_dateline") or [])
    for key in ("byline", "image_note"):
        if outlet.get(key) and (credits or key != "byline"):
            lines.append(filler(outlet[key]))
    lines += _body_lines(outlet, story, rng, filler, indent, plain)
    for key in ("source_line", "editor_line"):
        if outlet.get(key) and (credits or key != "editor_line"):
            lines.append(filler(outlet[key]))
    lines += [filler(line) for line in outlet.get("footer") or []]
    separator = "\n\n" if outlet.get("blank", True) else "\n"
    body = len(story.title) + sum(len(text) + 2 for _, text in story.blocks)   # as the reader's body counts
    target = rng.choice(chrome_targets(vocab))
    extra = Deck(vocab["boilerplate"], rng)
    while len(separator.join(lines)) - body < target:
        lines.append(filler(extra.draw()))
    return separator.join(lines) + "\n"


def _body_lines(outlet: dict, story: Story, rng: random.Random, filler, indent: str, plain: dict) -> list[str]:
    """The story's blocks as the outlet lays them out (indent, repeated headline, credit line)."""
    lines = []
    paragraphs = [i for i, (kind, _) in enumerate(story.blocks) if kind == "para"]
    for i, (kind, text) in enumerate(story.blocks):
        if kind == "caption":
            if rng.random() < outlet.get("repeat_title", 0):
                lines.append(story.title)
            lines.append(text)
            continue
        prefix = plain.get("lead_prefix", outlet.get("lead_prefix"))
        if i == 0 and prefix:
            text = filler(prefix) + text
        if i == paragraphs[-1] and outlet.get("credit") and story.authors:
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
        "month": str(when.month), "day": str(when.day), "editor": (story.editors or [""])[0],
        "editor2": (story.editors or [""])[-1], "author": (story.authors or [""])[0],
        "author2": (story.authors or [""])[-1], "authors": " ".join(story.authors),
        "original": rng.choice(vocab["originals"]),
    }
    related = Filler(vocab, rng, when.date())

    def fill(template: str) -> str:
        """The chrome template filled; {related} becomes another story's headline."""
        text = PLACEHOLDER.sub(lambda m: values.get(m.group(1), "{" + m.group(1) + "}"), template)
        return related.fill(rng.choice(vocab["related"])) if text == "{related}" else text
    return fill


def write_corpus(folder: Path, size: int, seed: int = DEFAULT_SEED, start: int = 0,
                 vocabulary: Path = VOCABULARY, news: bool = False) -> Manifest:
    """Write pages start … start+size-1 of the corpus of `seed` into `folder` as UTF-8 text files (`news`: as
    news arriving after the pages before `start`, make_page)."""
    vocab = load_vocabulary(vocabulary)
    folder.mkdir(parents=True, exist_ok=True)
    manifest = Manifest()
    for number in range(start, start + size):
        page = make_page(vocab, seed, number, news_from=start if news else None)
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
    parser.add_argument("--news", action="store_true", help="new stories dated after the pages before --start")
    args = parser.parse_args(argv)
    manifest = write_corpus(args.folder, args.size, args.seed, args.start, news=args.news)
    scripts = sum(p.script == "zh-Hant" for p in manifest.pages)
    print(f"wrote {len(manifest.pages)} pages ({manifest.stories} stories, {scripts} Traditional) to {args.folder}")


if __name__ == "__main__":
    main()
