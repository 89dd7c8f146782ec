"""Datelines and credits of Chinese news: publication stamp, 來源, 編輯, 記者/作者, 攝影."""
from __future__ import annotations

import re
from functools import lru_cache

from ..read.rules import alternation, month_abbreviations, month_pattern, reading

MONTHS = tuple(name[:3].lower() for name in month_abbreviations())   # jan … dec: month_number's keys
EN_MONTH = month_pattern()
TIME = r"\d{1,2}:\d{2}(?::\d{2})?"
ORDINAL = f"(?:{alternation(reading('english_ordinal_suffixes'))})"   # May 20th
# A printed publication stamp: 2025-02-08 16:38:47, 2025年2月8日 16:38, 2017/09/08, 2004年10月21日14:18,
# and in English May 20, 2024 16:45 or 20 May 2024.
STAMP = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d|\s*[月個个])\s*日?"
    rf"(?:\s*(?P<time>{TIME}))?"
    rf"|\b(?P<em>{EN_MONTH})\.?\s+(?P<ed>\d{{1,2}}){ORDINAL}?,?\s+(?P<ey>(?:19|20)\d{{2}})(?!\d)"
    rf"(?:,?\s*(?:at\s+)?(?P<etime>{TIME}))?"
    rf"|(?<![\d:])(?P<fd>\d{{1,2}})\s+(?P<fm>{EN_MONTH})\.?,?\s+(?P<fy>(?:19|20)\d{{2}})(?!\d)"
    rf"(?:,?\s*(?:at\s+)?(?P<ftime>{TIME}))?"
    rf"|(?<!\d)(?P<sy>(?:19|20)\d{{2}})\s*(?P<sm>\d{{1,2}})/(?P<sd>\d{{1,2}})(?![\d/])(?:\s+(?P<stime>{TIME}))?")
# (the last form is a year printed apart from the day: <span>2024</span><span>07/02</span> 10:25:36)
HAN_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,5}$")
LATIN_NAME = re.compile(r"^[A-Z][a-z]+(?: [A-Z][a-z]+){0,3}$")
CAPS_NAME = re.compile(r"^[A-Z]{2,}(?: [A-Z]{2,}){1,3}$")        # By ZHONG NAN, as China Daily prints it
STAFF_CODE = re.compile(r"(?:_|\s+)[A-Z]{1,4}\d{2,6}\s*$")      # 责任编辑：刘万里 SF014, 王晓武_NF5619
SEPARATORS = re.compile(r"[\s、,，/／;；|｜丨]+")
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
    y, mo, d, time = stamp_parts(m)
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}" + (f" {time}" if time else "")


@lru_cache(maxsize=1)
def _yearless_stamp() -> re.Pattern:
    """A dateline that prints the day but no year ("Updated: Sept 12", "发布时间：2月19日 10:30")."""
    labels = alternation(reading("date_labels"))
    return re.compile(rf"^(?:(?:{labels})\s*[:：]?\s*)?(?:(?P<em>{EN_MONTH})\.?\s+(?P<ed>\d{{1,2}}){ORDINAL}?"
                      rf"|(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*[日号])(?:\s*,?\s*(?:at\s+)?{TIME})?\s*$", re.I)


def parse_yearless_stamp(line: str) -> str | None:
    """'MM-DD' of a line that is a dateline without a year, else None."""
    m = _yearless_stamp().match(line.strip())
    if not m:
        return None
    month = month_number(m.group("em")) if m.group("em") else int(m.group("m"))
    day = int(m.group("ed") or m.group("d"))
    return f"{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else None


def stamp_parts(m: re.Match) -> tuple[int, int, int, str | None]:
    """(year, month, day, time or None) of a STAMP match, numeric or English."""
    if m.group("y"):
        return int(m.group("y")), int(m.group("m")), int(m.group("d")), m.group("time")
    if m.group("ey"):
        return int(m.group("ey")), month_number(m.group("em")), int(m.group("ed")), m.group("etime")
    if m.group("sy"):
        return int(m.group("sy")), int(m.group("sm")), int(m.group("sd")), m.group("stime")
    return int(m.group("fy")), month_number(m.group("fm")), int(m.group("fd")), m.group("ftime")


def month_number(name: str) -> int:
    """1–12 for an English month name or its abbreviation."""
    return MONTHS.index(name[:3].lower()) + 1


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
        value = re.split(r"\s+[|｜]", _cut(value).lstrip(" :：/　|｜丨"))[0]  # By NAME | China Daily
        value = re.split(r"\s+in\s+[A-Z]", value)[0]                       # By NAME in Hefei
        value = STAFF_CODE.sub("", value)
        names = split_names(value)
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
        names = [n.title() if CAPS_NAME.match(n) else n for n in LATIN_SEPARATORS.split(value.strip())]
        return [n for n in names if LATIN_NAME.match(n) and not publisher_like(n)]
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
    core = STAFF_CODE.sub("", line.strip()).strip(OPEN + CLOSE + " ")
    if not core or len(core) > 60 or re.search(r"[。！？!?；;]", core):
        return False
    marks = list(role_regex().finditer(core))
    if not marks:
        return False
    prefix = core[: marks[0].start()].strip()
    if prefix and not (publisher_like(prefix) or _outlet_before_author(prefix, marks[0])):
        return False  # "開工現場 攝影 劉洋" is a caption, "科技日报记者 …" or "南方+ 记者 …" a credit
    rest = role_regex().sub(" ", core[marks[0].start():])
    tokens = [t for t in SEPARATORS.split(rest.replace(":", " ").replace("：", " ")) if t]
    return bool(tokens) and all(re.fullmatch(r"[\u4e00-\u9fff·]{1,5}", t) or _latin_name_word(t) or _no_name(t)
                                for t in tokens)


def _latin_name_word(token: str) -> bool:
    """A word of an English credit: a capitalised name, or 'and'/'in' between names ("Photo shows …" is no credit)."""
    return bool(re.fullmatch(r"[A-Z][A-Za-z.'-]*", token)) or token in ("and", "in")


def _outlet_before_author(prefix: str, first: re.Match) -> bool:
    """True for a short outlet name before a reporter's credit ("南方+ 记者 刘洋", "界面新闻记者 …")."""
    return first.lastgroup == "authors" and len(prefix) <= 8 and not re.search(r"[，,。：:]", prefix) \
        and not split_names(prefix)


def trailing_credit(paragraph: str) -> tuple[str, str] | None:
    """(text before, inside) of a parenthesised credit closing a paragraph: '…。(文 朱樺 曾妮)'."""
    m = re.search(r"[(（]([^()（）]{2,40})[)）]\s*$", paragraph)
    if not m:
        return None
    return paragraph[: m.start()].rstrip(), m.group(1).strip()


def publisher_like(text: str) -> bool:
    """True when a short text reads as a publisher's name (ends like 日報, 網, 局, Daily, Xinhua …)."""
    text = text.strip()
    if text.isascii():
        return bool(re.fullmatch(r"[A-Z][\w&'.-]*(?: [A-Z][\w&'.-]*){0,5}", text)) and len(text) <= 40 \
            and text.split()[-1] in reading("publisher_endings_en")
    if not (2 <= len(text) <= 20) or re.search(r"[\d，,。：:\s]", text):
        return False
    return any(text.endswith(e) for e in reading("publisher_endings"))
