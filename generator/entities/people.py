"""Officials and managers named with their title in front (黄埔区委书记陈杰指出 → 陈杰, 黄埔区委书记).
Reporters, editors and photographers are credits, not people: their role words are not titles here."""
from __future__ import annotations

import re
from functools import lru_cache

from ..scripts import Folded
from .rules import any_word, words

CLAUSE_END = re.compile(r"[。！？!?；;：:）)】」\n]")
TITLE_CHAIN_SEPARATORS = "，,"
CLOSING_QUOTES = "”’」』\"'"


@lru_cache(maxsize=1)
def _title_name() -> re.Pattern:
    """A title followed by a surname: where a name may start."""
    roles = any_word("person_roles")
    surnames = any_word("surnames")
    return re.compile(rf"(?P<role>{roles})(?=(?P<surname>{surnames}))")


def find_people(source_text: str, folded: Folded) -> list[dict]:
    """{name, role} for every person named with a title before the name (区委书记陈杰) or after it (陈杰书记),
    names as written, in order of first mention; a fuller title found later replaces a title said after the name."""
    text, found = folded.text, {}
    for start, end, role in [*_titled_before(text), *_titled_after(text)]:
        name = _source(source_text, folded, start, end)
        role = _source(source_text, folded, *role)
        if name not in found:
            found[name] = (start, role)
        elif len(role) > len(found[name][1]) and found[name][1] in role:
            found[name] = (found[name][0], role)
    return [{"name": name, "role": role} for name, (_, role) in sorted(found.items(), key=lambda kv: kv[1][0])]


def _titled_before(text: str) -> list[tuple[int, int, tuple[int, int]]]:
    """(name start, name end, role span) of names after their titles (广州市委常委、黄埔区委书记陈杰)."""
    out, last_end = [], 0
    for m in _title_name().finditer(text):
        name_end = _name_end(text, m.end(), len(m.group("surname")))
        if name_end is None:
            continue
        role_start = _after_previous_name(text, max(_title_chain_start(text, m.start()), last_end), m.start())
        out.append((m.end(), name_end, (role_start, m.end())))
        last_end = name_end
    return out


def _after_previous_name(text: str, start: int, role_start: int) -> int:
    """Where a title starts at the earliest: after the name before it and a joining word (张三和市长李四)."""
    joins = words("person_name_joins")   # longest first: 以及 before 及
    while start < role_start and (join := next((j for j in joins if text.startswith(j, start)), None)):
        start += len(join)
    return start


@lru_cache(maxsize=1)
def _name_title() -> re.Pattern:
    """A surname, one or two characters and a title said after a name, then a cue (陈杰书记指出)."""
    surnames = any_word("surnames")
    titles = any_word("person_titles_after")
    by_length: dict[int, list[str]] = {}
    for word in words("person_before_words"):
        by_length.setdefault(len(word), []).append(re.escape(word))
    before = "|".join(f"(?<={'|'.join(group)})" for group in by_length.values())
    cues = "|".join(map(re.escape, words("person_cues") + words("person_adverbs")))
    return re.compile(rf"(?:^|(?<=[^\u4e00-\u9fff])|{before})(?P<name>(?:{surnames})[\u4e00-\u9fff]{{1,2}}?)"
                      rf"(?P<role>{titles})(?={cues}|$)", re.M)


def _titled_after(text: str) -> list[tuple[int, int, tuple[int, int]]]:
    """(name start, name end, role span) of names followed by their title (陈杰书记, 李明副区长)."""
    stop = set(words("person_name_stop"))
    out = []
    for m in _name_title().finditer(text):
        name = m.group("name")
        surname = next(s for s in words("surnames") if name.startswith(s))
        if len(name) > len(surname) and not any(ch in stop for ch in name[len(surname):]):
            out.append((m.start("name"), m.end("name"), m.span("role")))
    return out


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
    while start < role_start and (text[start].isspace() or text[start] in CLOSING_QUOTES):
        start += 1   # the end of a quotation before the speaker (“……”广州市黄埔区区长冼银崧说)
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
    roles, any_case = any_word("english_person_roles"), any_word("english_person_roles_any_case")
    after = re.compile(rf"(?<![A-Za-z]){ENGLISH_NAME},\s+(?P<role>(?:the\s+|a\s+)?(?:[A-Za-z-]+\s+){{0,2}}?"
                       rf"(?:{roles})\b[^.,;:!?]{{0,80}})")
    before = re.compile(rf"(?<![A-Za-z])(?P<role>(?:{roles.title()}|(?i:{any_case})))\s+{ENGLISH_NAME}"
                        r"(?![A-Za-z])")
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
