"""Officials and managers named with their title in front (黄埔区委书记陈杰指出 → 陈杰, 黄埔区委书记).
Reporters, editors and photographers are credits, not people: their role words are not titles here."""
from __future__ import annotations

import re
from functools import lru_cache

from ..scripts import Folded
from .rules import words

CLAUSE_END = re.compile(r"[。！？!?；;：:）)】」\n]")
TITLE_CHAIN_SEPARATORS = "，,"


@lru_cache(maxsize=1)
def _title_name() -> re.Pattern:
    """A title followed by a surname: where a name may start."""
    roles = "|".join(map(re.escape, words("person_roles")))
    surnames = "|".join(map(re.escape, words("surnames")))
    return re.compile(rf"(?P<role>{roles})(?=(?P<surname>{surnames}))")


def find_people(source_text: str, folded: Folded) -> list[dict]:
    """{name, role} for every person named after a title, names as written, in order of appearance."""
    text, people, seen = folded.text, [], set()
    for m in _title_name().finditer(text):
        name_end = _name_end(text, m.end(), len(m.group("surname")))
        if name_end is None:
            continue
        role_start = _title_chain_start(text, m.start())
        name = _source(source_text, folded, m.end(), name_end)
        if name not in seen:
            seen.add(name)
            people.append({"name": name, "role": _source(source_text, folded, role_start, m.end())})
    return people


def _name_end(text: str, start: int, surname: int) -> int | None:
    """Where a name starting at `start` ends: surname plus one or two characters, then a cue word."""
    stop, cues = set(words("person_name_stop")), words("person_cues") + words("person_adverbs")
    adverb_after_short = text.startswith(words("person_adverbs"), start + surname + 1)
    for given in ((1, 2) if adverb_after_short else (2, 1)):
        end = start + surname + given
        name = text[start:end]
        if end > len(text) or not all("\u4e00" <= ch <= "\u9fff" for ch in name):
            continue
        if any(ch in stop for ch in name[surname:]):
            continue
        if end == len(text) or text.startswith(cues, end):
            return end
    return None


def _title_chain_start(text: str, role_start: int) -> int:
    """Start of the titles before a name: comma-joined pieces that each end in a title, in one clause."""
    clause_start = max((m.end() for m in CLAUSE_END.finditer(text, 0, role_start)), default=0)
    start = _piece_start(text, clause_start, role_start)
    while start > clause_start:
        previous = _piece_start(text, clause_start, start - 1)
        if not text[previous:start - 1].endswith(words("person_roles")):
            break
        start = previous
    while start < role_start and text[start].isspace():
        start += 1
    return start


def _piece_start(text: str, clause_start: int, end: int) -> int:
    """Just after the last comma before `end` (or the clause start)."""
    return max((i + 1 for i in range(clause_start, end) if text[i] in TITLE_CHAIN_SEPARATORS), default=clause_start)


def _source(source_text: str, folded: Folded, start: int, end: int) -> str:
    """Folded characters start..end as written in the source."""
    a, b = folded.source_span(start, end)
    return source_text[a:b].strip()


ENGLISH_NAME = r"(?P<name>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,2})"


@lru_cache(maxsize=1)
def _english_patterns() -> tuple[re.Pattern, re.Pattern]:
    """(`Name, title of …`, `Title Name`) patterns over English text."""
    roles = "|".join(map(re.escape, words("english_person_roles")))
    after = re.compile(rf"(?<![A-Za-z]){ENGLISH_NAME},\s+(?P<role>(?:the\s+|a\s+)?(?:[A-Za-z-]+\s+){{0,2}}?"
                       rf"(?:{roles})\b[^.,;:!?]{{0,80}})")
    before = re.compile(rf"(?<![A-Za-z])(?P<role>(?:{roles.title()}))\s+{ENGLISH_NAME}(?![A-Za-z])")
    return after, before


def find_english_people(text: str, places: set[str]) -> list[dict]:
    """{name, role} for people an English text names with their title; `places` are names to skip."""
    people, seen = [], set()
    for pattern in _english_patterns():
        for m in pattern.finditer(text):
            name = m.group("name")
            if name in seen or name in places or any(part in places for part in name.split()):
                continue
            seen.add(name)
            people.append({"name": name, "role": m.group("role").strip()})
    return sorted(people, key=lambda p: text.index(p["name"]))
