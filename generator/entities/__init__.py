"""Entities an article names: zones, industries, companies, people and policies.

Zones, industries and curated companies are taxonomy terms matched on every name in either script
(text and names are folded: NFKC, OpenCC t2s, regional wording), English names as whole words,
longest name first, short Chinese names only on word boundaries and short forms only in context.
`name` of a zone or industry is the taxonomy's canonical Simplified name; companies, people and
provisional zones keep the name as the article writes it (companies and provisional zones in
Simplified characters, people and roles as written).
"""
from __future__ import annotations

from ..scripts import Folded, fold
from ..taxonomy import Taxonomy
from .companies import (
    company_ref,
    english_company_hits,
    example_company_hits,
    extend_brands,
    list_company_hits,
    media_named_as_publisher,
    project_company_hits,
    signing_company_hits,
    suffix_company_hits,
)
from .matcher import Hit, resolve, term_index
from .people import find_english_people, find_people
from .policies import find_policies
from .rules import words
from .zones import english_provisional_hits, provisional_ref, provisional_zone_hit, zone_endings

__all__ = ["find_entities", "warm_up"]


def find_entities(title: str, body: str, taxonomy: Taxonomy) -> dict:
    """The zones, industries, companies, people and policies named in an article."""
    text = f"{title}\n{body}"
    folded = fold(text, taxonomy.wording)
    term_hits = term_index(taxonomy).find(folded.text)
    named = _named_hits(folded, taxonomy, [h for h in term_hits if h.kind != "industries"])
    industries = resolve([h for h in term_hits if h.kind == "industries"])
    return {
        "zones": _unique([h.term.ref() if h.term else provisional_ref(text, folded, h)
                          for h in named if h.kind == "zones"]),
        "industries": _unique([h.term.ref() for h in industries]),
        "companies": _unique([company_ref(h, text, folded) for h in named if h.kind == "companies"],
                             key="name"),
        "people": find_people(text, folded) + find_english_people(folded.text, _english_places(taxonomy)),
        "policies": find_policies(text),
    }


def warm_up(taxonomy: Taxonomy) -> None:
    """Build the taxonomy's name index and load jieba's dictionary and tagger now (about a second and
    150 MB, otherwise paid by the first Chinese article): worker processes forked afterwards share them."""
    for prepare in (_curated_names, _vocabulary, _places, _english_places):
        prepare(taxonomy)
    term_index(taxonomy).segmenter.load()


def _named_hits(folded: Folded, taxonomy: Taxonomy, term_hits: list[Hit]) -> list[Hit]:
    """Zone and company hits that do not overlap, from taxonomy names (`term_hits`), provisional zones
    and company rules, chosen by `resolve`.

    A zone ending inside a taxonomy zone's name (开发区 of 广州开发区) gives a provisional zone no
    bigger than that name, which `resolve` drops while the name is chosen: its place words (tagging is
    slow) are read only when the name loses to another hit, and the hits are resolved again.
    """
    seg, text = term_index(taxonomy).segmenter, folded.text
    taxonomy_hits = extend_brands(term_hits, text, _curated_names(taxonomy))
    known_zones = [h for h in taxonomy_hits if h.kind == "zones"]
    endings = zone_endings(text)
    holders = [[z for z in known_zones if z.start <= m.start() and z.end == m.end()] for m in endings]
    zones = {n: provisional_zone_hit(text, m, _places(taxonomy), seg) for n, m in enumerate(endings) if not holders[n]}
    vetoed = _vocabulary(taxonomy)
    firms = (suffix_company_hits(text, vetoed, seg) + list_company_hits(text, vetoed)
             + example_company_hits(text, vetoed) + english_company_hits(text, vetoed))
    other_rules = (english_provisional_hits(text, set(words("english_leading_words")))
                   + [h for h in firms if not media_named_as_publisher(h, text)]
                   + project_company_hits(text, vetoed, seg) + signing_company_hits(text, vetoed, seg))
    chosen = resolve(_candidates(taxonomy_hits, [zones.get(n) for n in range(len(endings))] + other_rules))
    kept = {id(h) for h in chosen}
    pending = [n for n, held in enumerate(holders) if held and not any(id(z) in kept for z in held)]
    if not pending:
        return chosen
    zones.update({n: provisional_zone_hit(text, endings[n], _places(taxonomy), seg) for n in pending})
    return resolve(_candidates(taxonomy_hits, [zones.get(n) for n in range(len(endings))] + other_rules))


def _candidates(taxonomy_hits: list[Hit], rule_hits: list[Hit | None]) -> list[Hit]:
    """Taxonomy hits and the rule hits (None for none) that hold no curated company and end no known zone."""
    curated = [h for h in taxonomy_hits if h.kind == "companies" and h.term is not None]
    known_zones = [h for h in taxonomy_hits if h.kind == "zones"]
    return taxonomy_hits + [h for h in rule_hits if h is not None and not _covers(h, curated)
                            and not _ends_in_known_zone(h, known_zones)]


def _covers(hit: Hit, curated: list[Hit]) -> bool:
    """True when a rule's company name holds a curated company (广州粤芯半导体技术有限公司 ⊃ 粤芯)."""
    return hit.kind == "companies" and any(hit.start <= c.start and c.end <= hit.end and c.holds() for c in curated)


def _ends_in_known_zone(hit: Hit, zones: list[Hit]) -> bool:
    """True when a provisional zone is a place name before a taxonomy zone (东莞 + 松山湖科学城)."""
    return hit.kind == "zones" and any(hit.start <= z.start and z.end == hit.end and z.holds() for z in zones)


def _curated_names(taxonomy: Taxonomy) -> set[str]:
    """Folded Chinese names of the curated companies."""
    if "curated_names" not in taxonomy.cache:
        taxonomy.cache["curated_names"] = {key for key, names in term_index(taxonomy).chinese.items()
                                           if any(n.kind == "companies" for n in names)}
    return taxonomy.cache["curated_names"]


def _vocabulary(taxonomy: Taxonomy) -> frozenset[str]:
    """Folded names of every zone and industry: words a rule must not take for a firm."""
    if "vocabulary" not in taxonomy.cache:
        index = term_index(taxonomy)
        chinese = {key for key, names in index.chinese.items() if any(n.kind != "companies" for n in names)}
        taxonomy.cache["vocabulary"] = frozenset(chinese | {n for t in (*taxonomy.zones, *taxonomy.industries)
                                                            for n in (*t.english_names, *t.short_forms)
                                                            if n.isascii()})
    return taxonomy.cache["vocabulary"]


def _english_places(taxonomy: Taxonomy) -> set[str]:
    """English place names and zone names: capitalised words that are no person."""
    if "english_places" not in taxonomy.cache:
        taxonomy.cache["english_places"] = set(words("english_places")) | {
            n for t in taxonomy.zones for n in t.english_names} | {
            n for t in taxonomy.zones for n in t.short_forms if n.isascii()}
    return taxonomy.cache["english_places"]


def _places(taxonomy: Taxonomy) -> frozenset[str]:
    """Words accepted as place names before a zone ending: zone names and their cities and provinces."""
    if "places" not in taxonomy.cache:
        index = term_index(taxonomy)
        zone_names = {key for key, names in index.chinese.items() if any(n.kind == "zones" for n in names)}
        cities = {p for t in taxonomy.zones for p in (t.city, t.province) if p}
        taxonomy.cache["places"] = frozenset(zone_names | cities)
    return taxonomy.cache["places"]


def _unique(items: list[dict], key: str = "id") -> list[dict]:
    """Items with a new `key` value, in order."""
    seen, out = set(), []
    for item in items:
        if item[key] not in seen:
            seen.add(item[key])
            out.append(item)
    return out
