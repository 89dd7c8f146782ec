"""Taxonomy names found in text: every name in either script (via folding), English names as whole
words, short forms only in context, never inside another word, longest first."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from typing import Callable

from pypinyin import lazy_pinyin

from ..scripts import fold
from ..taxonomy import Taxonomy, Term
from .rules import words
from .segment import Segmenter, WordBoundaries, segmenter

HAN = re.compile(r"[\u4e00-\u9fff]")
KINDS = ("zones", "industries", "companies")
SEGMENT_TAGS = {"zones": "ns", "industries": "n", "companies": "nt"}
CHECKED_LENGTH = 3  # Chinese names this short must start and end on word boundaries
FOUND_KEPT = 1024   # texts whose hits a TermIndex remembers


@dataclass(frozen=True)
class Span:
    """What was found from `start` to `end` of a text, of which kind (a name, a place)."""

    start: int
    end: int
    kind: str

    @property
    def length(self) -> int:
        """Characters covered."""
        return self.end - self.start


@dataclass(frozen=True)
class Hit(Span):
    """One name found in the folded text: where, of which kind, and the term (None for a rule's find)."""

    term: Term | None = None
    name: str = ""
    priority: int = 0  # on equal length, the lower wins (taxonomy 0, rules 1)
    short: bool = False  # found by a short form, which needs context
    check: Callable[[], bool] | None = field(default=None, compare=False, repr=False)  # see `holds`

    def holds(self) -> bool:
        """True when the hit stands: a short name's word-boundary `check` (slow: it segments the
        text) runs only when asked, so a hit that a longer one overlaps is never checked."""
        return self.check is None or self.check()

    def moved(self, **changes) -> Hit:
        """The hit with other fields (start, end, kind …), keeping its check."""
        return replace(self, **changes)


@dataclass(frozen=True)
class _Name:
    """One way of writing a term."""

    term: Term
    kind: str
    short: bool


def resolve(hits: list[Hit]) -> list[Hit]:
    """Hits that do not overlap and hold, chosen longest first (taxonomy before rules on a tie), in text order.

    Hits are tried longest first, so every hit with characters is chosen before any empty one, and
    those chosen never overlap: kept in order of their starts, their ends are in order too, and a
    hit overlaps one of them exactly when the last one starting before its end ends after its start.
    """
    starts: list[int] = []
    ends: list[int] = []
    chosen: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (-h.length, h.priority, h.start)):
        before = bisect_left(starts, hit.end)
        if before and ends[before - 1] > hit.start or not hit.holds():
            continue
        chosen.append(hit)
        if hit.end > hit.start:
            starts.insert(before, hit.start)
            ends.insert(before, hit.end)
    return sorted(chosen, key=lambda h: h.start)


class TermIndex:
    """Every name of the zones, industries and companies of a taxonomy, ready to search folded text."""

    def __init__(self, taxonomy: Taxonomy):
        """Index the names of `taxonomy` (folded with its wording table)."""
        self.wording = taxonomy.wording
        self.chinese: dict[str, list[_Name]] = {}
        self.english: list[tuple[re.Pattern, str, _Name]] = []  # pattern, first word (lower case), name
        self.context: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        self._segment_names: set[tuple[str, str]] = set()
        by_id = {t.id: t for t in taxonomy.zones}
        for kind in KINDS:
            for term in getattr(taxonomy, kind):
                self._add_term(term, kind)
                if term.short_forms:
                    self.context[term.id] = self._context_of(term, by_id)
        self._names = tuple(sorted(self._segment_names))
        self._segmenter: Segmenter | None = None
        self._found: dict[str, list[Hit]] = {}   # text → its hits before context (a text is searched by several stages)
        self.lengths: dict[str, list[int]] = {}
        for key in self.chinese:
            self.lengths.setdefault(key[0], []).append(len(key))
        self.lengths = {ch: sorted(set(sizes), reverse=True) for ch, sizes in self.lengths.items()}
        self.heads = {key[:2] for key in self.chinese}  # every name's first two characters (or the one)
        self.checked = {key for key in self.chinese if len(HAN.findall(key)) <= CHECKED_LENGTH}
        self.first_chars = re.compile("[" + "".join(map(re.escape, sorted(self.lengths))) + "]" if self.lengths
                                      else "(?!)")
        self.needles: dict[str, set[str]] = {}  # first character → first words of English names
        self.by_needle: dict[str, list[int]] = {}  # first word → positions in self.english
        for n, (_, needle, _) in enumerate(self.english):
            self.needles.setdefault(needle[:1], set()).add(needle)
            self.by_needle.setdefault(needle, []).append(n)

    def _add_term(self, term: Term, kind: str) -> None:
        """Index every name of one term."""
        names = [(n, False) for n in (*term.chinese_names, *term.english_names)]
        names += [(n, True) for n in term.short_forms]
        for name, short in names:
            entry = _Name(term, kind, short)
            if HAN.search(name):
                key = fold(name, self.wording).text
                self.chinese.setdefault(key, []).append(entry)
                self._segment_names.add((key, SEGMENT_TAGS[kind]))
            else:
                needle = re.split(r"[\s\-]+", name.strip())[0].lower()
                self.english.append((english_pattern(name, case_sensitive=kind == "companies"), needle, entry))

    @property
    def segmenter(self) -> Segmenter:
        """The word segmenter that knows this taxonomy's names (its dictionary loads on first use)."""
        if self._segmenter is None:
            self._segmenter = segmenter(self._names)
        return self._segmenter

    def _context_of(self, term: Term, zones: dict[str, Term]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(Chinese, English lower-case) words whose presence lets a short form of `term` count."""
        related, current = [term], zones.get(term.parent or "")
        while current is not None and current not in related:
            related.append(current)
            current = zones.get(current.parent or "")
        chinese = [n for t in related for n in t.chinese_names]
        english = [n.lower() for t in related for n in t.english_names]
        for place in (term.city, term.province):
            if place:
                chinese.append(place)
                english.append("".join(lazy_pinyin(place)).lower())
        short = set(term.short_forms)
        return (tuple(fold(n, self.wording).text for n in chinese if n not in short),
                tuple(n for n in english if n not in {s.lower() for s in short}))

    def find(self, text: str, known: frozenset[str] = frozenset()) -> list[Hit]:
        """Every acceptable hit in folded `text` (overlapping; pass through `resolve`).

        Short forms count in context, or when their term's id is in `known` (terms the whole
        article names, for a sentence taken out of it). Short Chinese names come with a word-boundary
        check (see `Hit.holds`): ask it before using such a hit other than through `resolve`.
        """
        hits = self._found.get(text)
        if hits is None:
            if len(self._found) >= FOUND_KEPT:
                self._found.clear()
            hits = self._found[text] = self._chinese_hits(text) + self._english_hits(text)
        lower = text.lower()
        return [h for h in hits if not h.short or h.term.id in known or self._in_context(h.term, text, lower)]

    def _chinese_hits(self, text: str) -> list[Hit]:
        """Chinese names at every position, short ones only on word boundaries (checked when asked)."""
        hits, cuts = [], None
        for m in self.first_chars.finditer(text):
            i = m.start()
            if text[i:i + 2] not in self.heads and text[i] not in self.heads:
                continue
            for size in self.lengths[text[i]]:
                if i + size > len(text):
                    continue
                entries = self.chinese.get(text[i:i + size])
                if not entries or not _ascii_edges_free(text, i, i + size):
                    continue
                if text[i:i + size] not in self.checked:
                    hits += [Hit(i, i + size, e.kind, e.term, short=e.short) for e in entries]
                    continue
                cuts = self.segmenter.boundaries(text) if cuts is None else cuts
                hits += [Hit(i, i + size, e.kind, e.term, short=e.short,
                             check=_on_word_edges(cuts, i, i + size, e.kind))
                         for e in entries]
        return hits

    def _english_hits(self, text: str) -> list[Hit]:
        """English names as whole words."""
        lower = text.lower()
        present = {n for ch in self.needles.keys() & {"", *lower} for n in self.needles[ch] if n in lower}
        ranks = sorted(n for needle in present for n in self.by_needle[needle])
        return [Hit(m.start(), m.end(), e.kind, e.term, short=e.short)
                for pattern, _, e in map(self.english.__getitem__, ranks) for m in pattern.finditer(text)]

    def _in_context(self, term: Term, text: str, lower: str) -> bool:
        """True when the article also names the term otherwise, its parent, city or province."""
        chinese, english = self.context.get(term.id, ((), ()))
        return any(c in text for c in chinese) or any(e in lower for e in english)


def _on_word_edges(cuts: WordBoundaries, start: int, end: int, kind: str) -> Callable[[], bool]:
    """The check of a short name at start..end: a word starts there and ends there (a firm's name may
    also run on into a firm's ending or business word: 华为|公司)."""
    def check() -> bool:
        """True when the name stands on word boundaries."""
        if start not in cuts:
            return False
        return end in cuts or kind == "companies" and _firm_word_follows(cuts.text, end)
    return check


def _firm_word_follows(text: str, end: int) -> bool:
    """True when a firm's ending or business word follows (华为|公司, 中兴|能源): the brand ends there."""
    return text.startswith(words("company_suffixes") + words("company_brand_extensions"), end)


def english_pattern(name: str, case_sensitive: bool = False) -> re.Pattern:
    """A whole-word pattern for an English name: spaces and hyphens interchangeable; acronyms as written."""
    parts = [re.escape(p) for p in re.split(r"[\s\-]+", name.strip()) if p]
    body = r"[\s\-]+".join(parts)
    flags = 0 if case_sensitive or name.isupper() else re.IGNORECASE
    return re.compile(rf"(?<![A-Za-z0-9]){body}(?![A-Za-z0-9])", flags)


def _ascii_edges_free(text: str, start: int, end: int) -> bool:
    """False when a name starting or ending in a Latin letter or digit runs on into another one."""
    def alnum(ch: str) -> bool:
        """A Latin letter or digit."""
        return ch.isascii() and ch.isalnum()
    if alnum(text[start]) and start > 0 and alnum(text[start - 1]):
        return False
    return not (alnum(text[end - 1]) and end < len(text) and alnum(text[end]))


def term_index(taxonomy: Taxonomy) -> TermIndex:
    """The (cached) index of a taxonomy's names."""
    if "term_index" not in taxonomy.cache:
        taxonomy.cache["term_index"] = TermIndex(taxonomy)
    return taxonomy.cache["term_index"]
