"""What each figure and company is about: the zone and industry its sentence speaks of, else the
article's own zone; and whether the article is about any zone or industry of the taxonomy at all.

A figure's zone is the zone named in its clause, else the nearest one before it in its sentence,
else the one its paragraph last spoke of, else the article's own zone ("该区" means that one too).
A clause that starts with a city, a province or the country (全市, 全省, 我国, China) is about no
zone. Zones listed before 分别 (respectively) take the figures after it one each, in order.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..figures.lexicon import load_lexicon
from ..figures.sentences import CLAUSE_MARKS, Sentence, clause_start, split_sentences
from ..scripts import fold, to_simplified
from ..taxonomy import Taxonomy
from .matcher import Span, resolve, term_index
from .rules import words

ZONE, PLACE, HERE = "zone", "place", "here"


@dataclass(frozen=True)
class Place(Span):
    """A zone, a city or province or country, or a word for "this zone", named at `start` in a sentence."""

    id: str | None = None


def assign_subjects(figures: list[dict], title: str, body: str, entities: dict, taxonomy: Taxonomy) -> str | None:
    """Fill each figure's `zone` and `industry` with what it is about; returns the article's own zone."""
    own, strong = _own_zone(title, body, entities, taxonomy)
    reader = _reader(taxonomy, entities)
    sentences = [(s, -1) for s in split_sentences(title)] + [(s, s.paragraph) for s in split_sentences(body)]
    by_text: dict[str, list[int]] = {}
    for n, (sentence, _) in enumerate(sentences):
        by_text.setdefault(sentence.text, []).append(n)
    placed = _place_figures(figures, sentences, by_text)
    with_figures = {sentences[n][1] for n in placed}
    carried: dict[int, str | None] = {}
    for n, (sentence, paragraph) in enumerate(sentences):
        if paragraph not in with_figures:
            continue
        figs, places = placed.get(n), reader.places(sentence.text)
        if figs:
            default = carried[paragraph] if paragraph in carried else _OWN
            for (fig, _), at, zone in zip(figs, *_figure_zones(sentence, figs, places, default, own)):
                fig["zone"] = _default_zone(fig, own, strong) if zone is _OWN else zone
                if zone is _OWN and fig["zone"]:
                    _lower_confidence(fig, ("zone_by_default",) + (() if strong else ("zone_in_passing",)))
                fig["industry"] = reader.industry(sentence.text, at, fig)
        if places:
            carried[paragraph] = _last_subject(places, carried.get(paragraph, own), own)
    _same_metric_industries(figures)
    if not entities.get("zones"):
        _unnamed_zones(figures, title, taxonomy)
    return own


def _unnamed_zones(figures: list[dict], title: str, taxonomy: Taxonomy) -> None:
    """Lower the confidence of the zoneless figures of an article that names no zone, where its headline or
    the figure's sentence speaks of a zone all the same (经开区上半年…, 園區廠商…): the zone is unknown."""
    endings = _pattern(words("zone_suffixes") + words("unnamed_zone_words"), ())
    in_title = endings.search(fold(title, taxonomy.wording).text) is not None
    for fig in figures:
        quote = fold(fig.get("quote") or "", taxonomy.wording).text
        if fig.get("zone") is None and (in_title or endings.search(quote)):
            _lower_confidence(fig, ("zone_unnamed",))


_OWN = object()   # "the article's own zone", settled per figure by _default_zone


def _default_zone(fig: dict, own: str | None, strong: bool) -> str | None:
    """The zone of a figure whose sentence and paragraph name no place: the article's own zone when the
    headline or lead names it; when only the body does, for the figures of a project (its investment,
    capacity, output) and no others (a city's budget article naming a zone in passing)."""
    if strong or fig.get("indicator") in words("weak_zone_indicators"):
        return own
    quote = to_simplified(str(fig.get("quote") or ""))
    return own if any(w in quote for w in words("project_words")) else None


def _lower_confidence(fig: dict, guesses: tuple[str, ...]) -> None:
    """Take the cost of the zone guesses made for a figure off its confidence (figures.yml's table)."""
    table = load_lexicon().raw["confidence"]
    fig["confidence"] = round(max(0.05, float(fig.get("confidence") or 0) - sum(table[g] for g in guesses)), 2)


def _place_figures(figures: list[dict], sentences: list[tuple[Sentence, int]],
                   by_text: dict[str, list[int]]) -> dict[int, list[tuple[dict, int]]]:
    """Each figure with where it stands, by sentence number: (figure, position in the sentence)."""
    placed: dict[int, list[tuple[dict, int]]] = {}
    last_sentence, last_end = -1, 0
    for fig in figures:
        numbers = by_text.get(fig.get("quote") or "", [])
        n = next((k for k in numbers if k >= last_sentence), numbers[0] if numbers else None)
        if n is None:
            continue
        text = sentences[n][0].text
        at = text.find(fig.get("text") or "", last_end if n == last_sentence else 0)
        at = at if at >= 0 else max(0, text.find(fig.get("text") or ""))
        placed.setdefault(n, []).append((fig, at))
        last_sentence, last_end = n, at + len(fig.get("text") or "")
    return placed


def _figure_zones(sentence: Sentence, figs: list[tuple[dict, int]], places: list[Place], default: str | None,
                  own: str | None) -> tuple[list[int], list[str | None]]:
    """The position and zone of each figure of one sentence."""
    positions = [at for _, at in figs]
    zones = [_zone_at(sentence.text, at, places, default, own) for at in positions]
    for i, zone in _respectively(sentence.text, positions, places).items():
        zones[i] = zone
    return positions, zones


def _zone_at(text: str, at: int, places: list[Place], default: str | None, own: str | None) -> str | None:
    """The zone a figure at `at` is about: the nearest subject before it, else a zone after it in its clause,
    else `default` (the paragraph's or the article's)."""
    before = [p for p in places if p.end <= at]
    if before:
        return _meaning(before[-1], own)
    end = _clause_end(text, at)
    after = [p for p in places if at <= p.start < end and p.kind == ZONE]
    return after[0].id if after else default


def _meaning(place: Place, own: str | None) -> str | None:
    """The zone a subject stands for: its own id, the article's zone for "该区", none for a city or country."""
    if place.kind == ZONE:
        return place.id
    return own if place.kind == HERE else None


def _last_subject(places: list[Place], current: str | None, own: str | None) -> str | None:
    """The zone a paragraph speaks of after a sentence naming `places`."""
    return _meaning(places[-1], own) if places else current


def _clause_end(text: str, pos: int) -> int:
    """Where the clause holding `pos` ends."""
    ends = [i for i in (text.find(ch, pos) for ch in CLAUSE_MARKS) if i >= 0]
    return min(ends) if ends else len(text)


def _respectively(text: str, positions: list[int], places: list[Place]) -> dict[int, str | None]:
    """Figure index → zone for the figures after each 分别 that match, one for one, the zones listed before
    the first one (甲区、乙区…分别为X和Y，分别增长A和B)."""
    marks = sorted(m.start() for word in words("respectively_words") for m in re.finditer(re.escape(word), text))
    if not marks:
        return {}
    first = clause_start(text, marks[0], "，,；;。")
    listed = [p for p in places if p.kind == ZONE and first <= p.start and p.end <= marks[0]]
    out: dict[int, str | None] = {}
    for n, at in enumerate(marks):
        end = min([*marks[n + 1:], _part_end(text, at)])
        group = [i for i, pos in enumerate(positions) if at <= pos < end]
        if len(listed) >= 2 and len(group) == len(listed):
            out.update({i: place.id for i, place in zip(group, listed)})
    return out


def _part_end(text: str, pos: int) -> int:
    """Where the part of a sentence holding `pos` ends (at a semicolon)."""
    ends = [i for i in (text.find(ch, pos) for ch in "；;") if i >= 0]
    return min(ends) if ends else len(text)


def _same_metric_industries(figures: list[dict]) -> None:
    """A figure of no industry that shares its sentence and metric with the figure before it (688亿元，同比
    增长12%) is about that figure's industry."""
    for prev, fig in zip(figures, figures[1:]):
        if fig.get("industry") is None and prev.get("industry") and prev.get("quote") == fig.get("quote") \
                and prev.get("metric") == fig.get("metric"):
            fig["industry"] = prev["industry"]


READER_KEPT = 2048        # sentences whose hits and places a reader remembers
_LAST_READER: list = []   # [(key, reader)]: the reader of the article whose figures, then companies, are placed


def _reader(taxonomy: Taxonomy, entities: dict) -> _Reader:
    """The reader for an article's zones and industries (the same one for its figures and its companies)."""
    known, provisional = _named(taxonomy, entities)
    key = (id(taxonomy), known, provisional)
    if not _LAST_READER or _LAST_READER[0][0] != key or _LAST_READER[0][1].taxonomy is not taxonomy:
        _LAST_READER[:] = [(key, _Reader(taxonomy, known, provisional))]
    return _LAST_READER[0][1]


def _named(taxonomy: Taxonomy, entities: dict) -> tuple[frozenset, tuple]:
    """The ids of the zones and industries an article names, and its provisional zones (folded name, id)."""
    known = frozenset(str(z.get("id")) for z in entities.get("zones") or [] if isinstance(z, dict))
    known |= frozenset(str(i.get("id")) for i in entities.get("industries") or [] if isinstance(i, dict))
    provisional = tuple((fold(str(z.get("name") or ""), taxonomy.wording).text, str(z["id"]))
                        for z in entities.get("zones") or [] if isinstance(z, dict) and z.get("provisional"))
    return known, provisional


class _Reader:
    """Finds zones, places and industries in the sentences of one article."""

    def __init__(self, taxonomy: Taxonomy, known: frozenset, provisional: tuple):
        """A reader for an article naming the terms `known` and the `provisional` zones."""
        self.taxonomy, self.index = taxonomy, term_index(taxonomy)
        self.known, self.provisional = known, provisional
        self.place_names = _place_names(taxonomy)
        self._hits: dict[str, tuple] = {}
        self._places: dict[str, list] = {}

    def hits(self, text: str):
        """The folded sentence and its resolved taxonomy hits (remembered: a sentence holds several figures)."""
        found = self._hits.get(text)
        if found is None:
            if len(self._hits) >= READER_KEPT:
                self._hits.clear()
            folded = fold(text, self.taxonomy.wording)
            found = self._hits[text] = (folded, resolve(self.index.find(folded.text, self.known)))
        return found

    def places(self, text: str) -> list[Place]:
        """Zones, places and "this zone" words of a sentence that can be what its figures are about, in order
        (remembered, as a new list each time)."""
        if text not in self._places:
            if len(self._places) >= READER_KEPT:   # a reader may serve many articles that name the same terms
                self._places.clear()
            self._places[text] = self._find_places(text)
        return list(self._places[text])

    def _find_places(self, text: str) -> list[Place]:
        """places() without remembering."""
        folded, hits = self.hits(text)
        found = [Place(*folded.source_span(h.start, h.end), ZONE, h.term.id) for h in hits if h.kind == "zones"]
        for name, zone_id in self.provisional:
            for m in re.finditer(re.escape(name), folded.text) if name else ():
                found.append(Place(*folded.source_span(m.start(), m.end()), ZONE, zone_id))
        taken = [(p.start, p.end) for p in found] + [folded.source_span(h.start, h.end) for h in hits]
        for kind, pattern in ((PLACE, _scope_words()), (PLACE, self.place_names), (HERE, _here_words())):
            for m in pattern.finditer(folded.text):
                span = folded.source_span(m.start(), m.end())
                starts = pattern is not self.place_names or _starts_clause(folded.text, m.start())
                if starts and not any(a < span[1] and span[0] < b for a, b in taken) and _is_subject(folded.text, m):
                    found.append(Place(*span, kind))
                    taken.append(span)
        return sorted(_longest(found), key=lambda p: p.start)

    def industry(self, text: str, at: int, fig: dict) -> str | None:
        """The industry a figure at `at` is about: the one its metric names (1855家化妝品生產企業: the words
        after a number say what it counts), else the one its clause names before it; none when several."""
        if fig.get("metric"):
            in_metric = list(dict.fromkeys(h.term.id for h in self.hits(fig["metric"])[1] if h.kind == "industries"))
            if len(in_metric) == 1:
                return in_metric[0]
        folded, hits = self.hits(text)
        start = clause_start(text, at)
        named = [h for h in hits if h.kind == "industries" and start <= folded.source_span(h.start, h.end)[0] < at]
        ids = list(dict.fromkeys(h.term.id for h in named))
        return ids[0] if len(ids) == 1 else None


def _company_industries(text: str, at: int, industries: list[tuple[int, str]]) -> list[str]:
    """The industries a company is of: those named in its clause, else the one its sentence names (a
    sentence listing several industries and several firms does not say which firm is of which)."""
    start, end = clause_start(text, at), _clause_end(text, at)
    own = [i for pos, i in industries if start <= pos < end]
    ids = list(dict.fromkeys(own or [i for _, i in industries]))
    return ids if own or len(ids) == 1 else []


def _longest(places: list[Place]) -> list[Place]:
    """Places that no longer one overlaps."""
    out = []
    for p in sorted(places, key=lambda p: (p.start - p.end, p.start)):
        if not any(p.start < q.end and q.start < p.end for q in out):
            out.append(p)
    return out


def _is_subject(text: str, m: re.Match) -> bool:
    """True when a place word is what its clause speaks of, not a comparison or a rank (占全市, 全国第三)."""
    before = text[clause_start(text, m.start()):m.start()]
    if before.endswith(words("place_comparison_before")):
        return False
    return not text.startswith(words("place_rank_after"), m.end())


_YEAR = re.compile(r"(?:19|20)[0-9]{2}年(?:[0-9]{1,2}月)?(?:[0-9]{1,2}日)?|[0-9]{1,2}月(?:[0-9]{1,2}日)?")


def _starts_clause(text: str, pos: int) -> bool:
    """True when a place name at `pos` begins its clause, after at most a date and a leading word (在, 据)."""
    before = _YEAR.sub("", text[clause_start(text, pos):pos]).strip()
    return not before or before in words("place_lead_words")


@lru_cache(maxsize=1)
def _scope_words() -> re.Pattern:
    """The scope words (全市, 全国 …), as one pattern."""
    return _pattern(words("scope_words"), words("english_place_words"))


def _place_names(taxonomy: Taxonomy) -> re.Pattern:
    """Place names (cities, provinces, countries), folded, as one pattern (longest first)."""
    key = "subject_place_names"
    if key not in taxonomy.cache:
        names = set(words("place_words"))
        for zone in taxonomy.zones:
            for place, suffixes in ((zone.city, words("city_suffixes")), (zone.province, words("province_suffixes"))):
                if place:
                    names |= {fold(place + suffix, taxonomy.wording).text for suffix in ("", *suffixes)}
        taxonomy.cache[key] = _pattern(names, [*words("english_places"), "China's"])
    return taxonomy.cache[key]


@lru_cache(maxsize=1)
def _here_words() -> re.Pattern:
    """The words for "this zone", as one pattern."""
    return _pattern(words("here_words"), words("english_here_words"))


def _pattern(chinese, english) -> re.Pattern:
    """One pattern for Chinese words anywhere and English words as whole words, longest first."""
    parts = [re.escape(w) for w in sorted(set(chinese), key=lambda w: (-len(w), w))]
    parts += [rf"\b{re.escape(w)}\b" for w in sorted(set(english), key=lambda w: (-len(w), w))]
    return re.compile("|".join(parts) or "(?!)")


def article_zone(title: str, body: str, entities: dict, taxonomy: Taxonomy) -> str | None:
    """The zone the article is about (see _own_zone)."""
    return _own_zone(title, body, entities, taxonomy)[0]


def _own_zone(title: str, body: str, entities: dict, taxonomy: Taxonomy) -> tuple[str | None, bool]:
    """(zone, strong): of the zones the article names, the one named in the headline, else in the lead, else
    most often (strong: named in the headline or lead); when each is named once in the body, the first
    taxonomy zone (not strong); None when it names none."""
    zones = entities.get("zones") or []
    scores = _term_scores(title, body, zones, taxonomy)
    central = {tid: s for tid, s in scores.items() if s[0] or s[1] or s[2] >= 2}
    if central:
        best = max(sorted(central), key=lambda tid: central[tid])
        return best, bool(central[best][0] or central[best][1])
    named = [str(z["id"]) for z in zones if isinstance(z, dict) and not z.get("provisional") and z.get("id")]
    return (named[0], False) if named else (None, False)


def on_topic(title: str, body: str, entities: dict, taxonomy: Taxonomy) -> bool:
    """True when the article is about a zone or industry of the taxonomy: one named in its headline or lead,
    or named twice or more (a name mentioned once in passing does not make it a briefing article)."""
    refs = [r for r in (entities.get("zones") or []) + (entities.get("industries") or [])
            if isinstance(r, dict) and not r.get("provisional")]
    scores = _term_scores(title, body, refs, taxonomy)
    return any(s[0] or s[1] or s[2] >= 2 for s in scores.values())


def _term_scores(title: str, body: str, refs: list[dict], taxonomy: Taxonomy) -> dict[str, tuple[int, int, int]]:
    """Per term id: (named in the headline, named in the lead, times named in all) for the terms `refs` lists."""
    ids = {str(r["id"]) for r in refs if isinstance(r, dict) and r.get("id")}
    names = {str(r["id"]): fold(str(r.get("name") or ""), taxonomy.wording).text
             for r in refs if isinstance(r, dict) and r.get("provisional")}
    lead = next((p for p in body.split("\n\n") if p.strip() and not p.startswith(("#", "*", "!"))), "")
    counts = {}
    for part, text in (("title", title), ("lead", lead), ("all", f"{title}\n{body}")):
        folded = fold(text, taxonomy.wording).text
        hits = resolve(term_index(taxonomy).find(folded, frozenset(ids)))
        found = [h.term.id for h in hits if h.term is not None and h.term.id in ids]
        found += [tid for tid, name in names.items() if name for _ in range(folded.count(name))]
        counts[part] = found
    return {tid: (counts["title"].count(tid), counts["lead"].count(tid), counts["all"].count(tid)) for tid in ids}


def company_subjects(companies: list[dict], title: str, body: str, own: str | None, taxonomy: Taxonomy,
                     entities: dict) -> None:
    """Give each company the zones and industries of the sentences naming it (the article's zone when they
    name no place)."""
    reader = _reader(taxonomy, entities)
    names = [(c, fold(str(c.get("name") or ""), taxonomy.wording).text) for c in companies if isinstance(c, dict)]
    found: dict[int, tuple[list, list]] = {id(c): ([], []) for c, _ in names}
    for sentence in split_sentences(title) + split_sentences(body):
        folded = fold(sentence.text, taxonomy.wording).text
        named = [(c, name) for c, name in names if name and name in folded]
        if not named:
            continue
        places, (folded_sentence, hits) = reader.places(sentence.text), reader.hits(sentence.text)
        zones = [_meaning(p, own) for p in places] or [own]
        industries = [(folded_sentence.source_span(h.start, h.end)[0], h.term.id)
                      for h in hits if h.kind == "industries"]
        for company, name in named:
            found[id(company)][0].extend(zones)
            at = folded_sentence.text.find(name)
            at = folded_sentence.source_span(at, at + len(name))[0] if at >= 0 else 0
            found[id(company)][1].extend(_company_industries(sentence.text, at, industries))
    for company, _ in names:
        zones, industries = found[id(company)]
        company["zones"] = [z for z in dict.fromkeys(zones) if z]
        company["industries"] = list(dict.fromkeys(industries))
