"""Datelines and credits of Chinese news: publication stamp, 來源, 編輯, 記者/作者, 攝影."""
from __future__ import annotations

import re
from functools import lru_cache

from .rules import alternation, reading

# A printed publication stamp: 2025-02-08 16:38:47, 2025年2月8日 16:38, 2017/09/08, 2004年10月21日14:18.
STAMP = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d)\s*日?"
    r"(?:\s*(?P<time>\d{1,2}:\d{2}(?::\d{2})?))?")
HAN_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,5}$")
LATIN_NAME = re.compile(r"^[A-Z][a-z]+(?: [A-Z][a-z]+){0,3}$")
SEPARATORS = re.compile(r"[\s、,，/;；|｜丨]+")
LATIN_SEPARATORS = re.compile(r"\s*(?:[,;、，；/|]|\band\b)\s*")
ENGLISH_SOURCE = re.compile(r"\bSource\s*:\s*(?P<v>[A-Z][\w&'.-]*(?: [A-Z][\w&'.-]*){0,5})")
OPEN, CLOSE = "(（[【", ")）]】"


@lru_cache(maxsize=None)
def role_regex() -> re.Pattern:
    """Any role word of reading.yml, captured with its role; ASCII words need a word boundary."""
    parts = []
    for role, words in reading("roles").items():
        han = [w for w in words if not w.isascii() and len(w) > 1]
        single = [w for w in words if not w.isascii() and len(w) == 1]
        latin = [w for w in words if w.isascii()]
        alts = [alternation(han)]
        if single:  # 文, 圖: a role only as a word of its own ("文 朱樺", "圖/新華社"), never inside a name
            alts.append(rf"(?<![\u4e00-\u9fff])(?:{alternation(single)})(?=[\s:：/|｜丨])")
        if latin:
            alts.append(rf"\b(?:{alternation(latin)})\b")
        parts.append(f"(?P<{role}>{'|'.join(alts)})")
    return re.compile("|".join(parts))


@lru_cache(maxsize=None)
def source_regex() -> re.Pattern:
    """A source label with its value: 來源:中央廣電總臺國際在線 (value up to a role word or date)."""
    labels = alternation(reading("source_labels"))
    return re.compile(rf"(?<![\u4e00-\u9fff])(?:{labels})\s*[:：]\s*[【\[]?(?P<v>[^\s|｜:：()（）【】\[\]]{{2,40}})")


def parse_stamp(line: str) -> str | None:
    """'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM[:SS]' for the first publication stamp in a line."""
    m = STAMP.search(line)
    if not m:
        return None
    y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}" + (f" {m.group('time')}" if m.group("time") else "")


def find_source(line: str) -> str | None:
    """The publisher a 來源/来源 label names in a line, cut before any role word or stamp."""
    m = source_regex().search(line)
    if m and m.group(0).startswith("Source"):
        m = ENGLISH_SOURCE.search(line) or m
    if not m:
        return None
    value = m.group("v")
    for cut in (role_regex().search(value), STAMP.search(value)):
        if cut and cut.start() > 0:
            value = value[: cut.start()]
    return value.strip(" -—·") or None


def find_credits(line: str) -> dict[str, list[str]]:
    """Names after each role word in a line: {'authors': [...], 'editors': [...], ...}."""
    out: dict[str, list[str]] = {}
    marks = list(role_regex().finditer(line))
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(line)
        value = line[m.end():end]
        value = _cut(value)
        names = split_names(value.lstrip(" :：/　|｜丨"))
        if names:
            role = m.lastgroup
            out.setdefault(role, []).extend(n for n in names if n not in out.get(role, []))
    return out


def _cut(value: str) -> str:
    """A credit value up to a closing bracket, a source label or a stamp."""
    value = re.split(r"[)）\]】]", value)[0]
    for stop in (source_regex().search(value), STAMP.search(value)):
        if stop:
            value = value[: stop.start()]
    return value


def split_names(value: str) -> list[str]:
    """Person names in a credit value: split on spaces, 、 and commas; '叶 青' is one name."""
    if re.fullmatch(r"[A-Za-z .,;'&/|-]+", value.strip() or "-"):
        return [n for n in LATIN_SEPARATORS.split(value.strip()) if LATIN_NAME.match(n)]
    tokens = [t for t in SEPARATORS.split(value.strip()) if t]
    names, single = [], ""
    for token in tokens:
        if len(token) == 1 and re.match(r"[\u4e00-\u9fff]", token):
            single += token
            if len(single) == 2:
                names.append(single)
                single = ""
            continue
        if single:
            names.append(single)
            single = ""
        names.append(token)
    if single:
        names.append(single)
    return [n for n in names if (HAN_NAME.match(n) or LATIN_NAME.match(n)) and not _no_name(n)]


def _no_name(word: str) -> bool:
    """True for words that follow credits but name nobody (报道, 北京报道, 新华社电)."""
    return word in reading("not_names") or word.endswith(tuple(reading("not_name_endings")))


def is_credit_line(line: str) -> bool:
    """True when a whole line is a credit: role words and names, nothing else."""
    core = line.strip().strip(OPEN + CLOSE + " ")
    if not core or len(core) > 60 or re.search(r"[。！？!?；;]", core):
        return False
    marks = list(role_regex().finditer(core))
    if not marks:
        return False
    prefix = core[: marks[0].start()].strip()
    if prefix and not publisher_like(prefix):  # "開工現場 攝影 劉洋" is a caption, "科技日报记者 …" a credit
        return False
    rest = role_regex().sub(" ", core[marks[0].start():])
    tokens = [t for t in SEPARATORS.split(rest.replace(":", " ").replace("：", " ")) if t]
    return bool(tokens) and all(re.fullmatch(r"[\u4e00-\u9fff·]{1,5}", t) or re.fullmatch(r"[A-Za-z.'-]+", t) or _no_name(t) for t in tokens)


def trailing_credit(paragraph: str) -> tuple[str, str] | None:
    """(text before, inside) of a parenthesised credit closing a paragraph: '…。(文 朱樺 曾妮)'."""
    m = re.search(r"[(（]([^()（）]{2,40})[)）]\s*$", paragraph)
    if not m:
        return None
    return paragraph[: m.start()].rstrip(), m.group(1).strip()


def publisher_like(text: str) -> bool:
    """True when a short text reads as a publisher's name (ends like 日報, 網, 局 …)."""
    text = text.strip()
    if not (2 <= len(text) <= 20) or re.search(r"[\d，,。：:\s]", text):
        return False
    return any(text.endswith(e) for e in reading("publisher_endings"))
