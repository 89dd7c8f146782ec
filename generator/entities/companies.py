"""Companies: curated names (content/taxonomy/companies.yml), names with a firm's ending
(…有限公司, …集团, …科技), lists of firms (支持A、B、C等重点企业), and English names."""
from __future__ import annotations

import re
from functools import lru_cache

from ..scripts import Folded, to_simplified
from .matcher import Hit
from .rules import any_word, words
from .segment import Segmenter

RULE_PRIORITY = 1
MAX_LEGAL_PREFIX = 16
MAX_BRAND_PREFIX = 6
HARD_STOP = re.compile(r"[^\u4e00-\u9fffA-Za-z]")


@lru_cache(maxsize=1)
def _suffix_pattern() -> re.Pattern:
    """Any firm ending, longest first."""
    return re.compile(any_word("company_suffixes"))


@lru_cache(maxsize=1)
def _stop_pattern() -> re.Pattern:
    """Words a company name never runs back across: function words and verbs of introducing."""
    verbs = [v for v in words("company_list_verbs") if len(v) >= 2 and v not in words("company_name_verbs")]
    stops = sorted({*words("company_prefix_stop"), *verbs}, key=lambda w: (-len(w), w))
    return re.compile("|".join(map(re.escape, stops)))


def suffix_company_hits(text: str, vetoed: frozenset[str], seg: Segmenter) -> list[Hit]:
    """Names ending like a firm (粤芯半导体技术有限公司, 创维集团, 孚能科技); `vetoed` are known non-firms."""
    hits = []
    for m in _suffix_pattern().finditer(text):
        legal = m.group(0) in words("company_legal_endings")
        prefix = _prefix(text[max(0, m.start() - MAX_LEGAL_PREFIX):m.start()], legal, seg)
        name = prefix + m.group(0)
        if legal and prefix or _brand_name(prefix, m.group(0), vetoed, seg):
            hits.append(Hit(m.start() - len(prefix), m.end(), "companies", None, name=name, priority=RULE_PRIORITY))
    return hits


def _prefix(window: str, legal: bool, seg: Segmenter) -> str:
    """The characters before a firm ending that can belong to its name."""
    cut = max((m.end() for m in HARD_STOP.finditer(window)), default=0)
    cut = max([cut] + [m.end() for m in _stop_pattern().finditer(window)])
    prefix = window[cut:]
    if legal:
        return prefix
    prefix = prefix[max((m.end() for m in _brand_stop_pattern().finditer(prefix)), default=0):]
    return "".join(word for word, _ in _brand_tokens(_tail_tokens(prefix[-MAX_BRAND_PREFIX - 2:], seg)))


def _tail_tokens(text: str, seg: Segmenter) -> list[tuple[str, str]]:
    """The tagged words at the end of `text`, pieces tagged from the end until one stops a brand name."""
    stop_flags = set(words("company_prefix_stop_flags"))
    tokens: list[tuple[str, str]] = []
    for piece in reversed(seg.pieces(text)):
        tagged = seg.tagged(piece)
        tokens[:0] = tagged
        if any(_stops_brand(word, flag, stop_flags) for word, flag in tagged):
            break
    return tokens


def _stops_brand(word: str, flag: str, stop_flags: set[str]) -> bool:
    """True for a word a brand name never runs back across: a verb, preposition, number … of two or more
    characters (single characters of such kinds may be pieces of an unknown name)."""
    return flag in stop_flags and (len(word) >= 2 or flag not in words("company_split_name_flags"))


@lru_cache(maxsize=1)
def _brand_stop_pattern() -> re.Pattern:
    """Verbs of policy prose that a short brand name never holds (大力发展科技 is no firm)."""
    return re.compile(any_word("brand_prefix_stop"))


def _brand_tokens(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The tagged words at the end of `tokens` up to a verb, preposition, number … of two or more characters."""
    stop_flags = set(words("company_prefix_stop_flags"))
    kept: list[tuple[str, str]] = []
    for word, flag in reversed(tokens):
        if _stops_brand(word, flag, stop_flags):
            break
        kept.insert(0, (word, flag))
    return kept


def _brand_name(prefix: str, ending: str, vetoed: frozenset[str], seg: Segmenter) -> bool:
    """True when `prefix` + a short ending (科技, 公司 …) reads as a firm: a name, no common word or industry."""
    name = prefix + ending
    if not 2 <= len(prefix) <= MAX_BRAND_PREFIX or name in words("company_stop"):
        return False
    vetoed_words = _words_pattern(vetoed)
    if vetoed_words is not None and vetoed_words.search(name):
        return False
    tokens = seg.tagged(prefix)
    name_flags = set(words("company_name_flags"))
    singles = sum(1 for w, _ in tokens if len(w) == 1)
    return singles >= 2 or any(f in name_flags or seg.frequency(w) == 0 for w, f in tokens if len(w) >= 2)


@lru_cache(maxsize=4)
def _words_pattern(vetoed: frozenset[str]) -> re.Pattern | None:
    """One alternation of the words of `vetoed` two or more characters long (None when there is none)."""
    long = sorted((v for v in vetoed if len(v) >= 2), key=lambda w: (-len(w), w))
    return re.compile("|".join(map(re.escape, long))) if long else None


@lru_cache(maxsize=1)
def _list_pattern() -> re.Pattern:
    """`<verb> A、B、C 等 … <firm word>`: a list of firms."""
    verbs = any_word("company_list_verbs")
    heads = any_word("company_list_heads")
    item = r"[^、，,。；;：:\s“”\"（）()]{2,14}"
    closers = any_word("company_list_closers")
    return re.compile(rf"(?:{verbs})(?P<items>{item}(?:、{item})*)(?:{closers})[^，,。；;]{{0,10}}?(?:{heads})")


def list_company_hits(text: str, vetoed: set[str]) -> list[Hit]:
    """Items of firm lists (支持小鹏、百济神州、粤芯等重点企业) that are not industries or places."""
    hits = []
    for m in _list_pattern().finditer(text):
        pos = m.start("items")
        for item in m.group("items").split("、"):
            if _is_firm_item(item, vetoed):
                hits.append(Hit(pos, pos + len(item), "companies", None, name=item, priority=RULE_PRIORITY))
            pos += len(item) + 1
    return hits


def _is_firm_item(item: str, vetoed: set[str]) -> bool:
    """True for a list item that can be a firm's name."""
    return (2 <= len(item) <= 14 and item not in vetoed and not re.search(r"\d", item)
            and not item.endswith(words("company_item_stop_endings")))


ITEM = r"[^、，,。；;：:\s“”\"（）()]{2,14}"


@lru_cache(maxsize=1)
def _example_patterns() -> tuple[re.Pattern, re.Pattern]:
    """(以A、B为代表的…企业, A、B等企业 opening a clause): lists of firms without a verb before them."""
    heads = any_word("company_list_heads")
    examples, closers = any_word("company_example_heads"), any_word("company_list_closers")
    openers, possessive = any_word("company_example_openers"), any_word("possessive_words")
    led = re.compile(rf"(?:{openers})(?P<items>{ITEM}(?:、{ITEM})*?)(?:{closers})?(?:{examples})(?:{possessive})?"
                     rf"[^，,。；;]{{0,12}}?(?:{heads})")
    bare = re.compile(rf"(?:^|(?<=[，,。；;：:\s]))(?P<items>{ITEM}(?:、{ITEM})+)(?:{closers})[^，,。；;]{{0,10}}?"
                      rf"(?:{heads})", re.M)
    return led, bare


def example_company_hits(text: str, vetoed: frozenset[str]) -> list[Hit]:
    """Items of lists such as 以华为、小米为代表的龙头企业 and 京东方、宝洁等外资企业 that are no industry or place."""
    verbs = tuple(v for v in words("company_list_verbs") if len(v) >= 2)
    hits = []
    for pattern in _example_patterns():
        for m in pattern.finditer(text):
            pos = m.start("items")
            for n, item in enumerate(m.group("items").split("、")):
                lead = next((v for v in verbs if n == 0 and item.startswith(v)), "")
                name = item[len(lead):]
                if _is_firm_item(name, vetoed):
                    hits.append(Hit(pos + len(lead), pos + len(item), "companies", None, name=name,
                                    priority=RULE_PRIORITY))
                pos += len(item) + 1
    return hits


@lru_cache(maxsize=1)
def _project_pattern() -> re.Pattern:
    """`引进 A…项目、B…项目`: projects named after their firms."""
    verbs = any_word("project_list_verbs")
    item = rf"[^、，,。；;：:\s“”\"（）()]{{2,30}}?(?:{any_word('project_list_endings')})"
    return re.compile(rf"(?:{verbs})(?:{any_word('perfective_words')})?(?P<items>{item}(?:、{item})*)")


@lru_cache(maxsize=1)
def _project_object() -> re.Pattern:
    """The words of what a project makes or builds (project_object_words)."""
    return re.compile(any_word("project_object_words"))


def project_company_hits(text: str, vetoed: frozenset[str], seg: Segmenter) -> list[Hit]:
    """The firms of project lists (引进宁德时代储能电池项目、比亚迪研发中心项目): each item up to its object,
    when that reads as a name (a proper noun or a word the dictionary does not know)."""
    hits = []
    industries = _words_pattern(vetoed)
    for m in _project_pattern().finditer(text):  # a media firm named here owns the project: it stays a company
        pos = m.start("items")
        for item in m.group("items").split("、"):
            cuts = [x.start() for x in (_project_object().search(item), industries and industries.search(item)) if x]
            name = item[:min(cuts, default=0)]
            if 2 <= len(name) <= 10 and _is_firm_item(name, vetoed) and not _project_prefix_stop(name) \
                    and _reads_as_name(name, seg):
                hits.append(Hit(pos, pos + len(name), "companies", None, name=name, priority=RULE_PRIORITY))
            pos += len(item) + 1
    return hits


@lru_cache(maxsize=1)
def _signing_pattern() -> re.Pattern:
    """`与 X 签署`: a partner named between a word of partnering and a verb of signing."""
    partners = "".join(map(re.escape, words("signing_partners")))
    return re.compile(rf"(?:{any_word('signing_partners')})(?P<name>[^，,。；;：:、\s“”\"（）(){partners}]{{2,12}}?)"
                      rf"(?:{any_word('signing_adverbs')})?(?:{any_word('signing_verbs')})")


def signing_company_hits(text: str, vetoed: frozenset[str], seg: Segmenter) -> list[Hit]:
    """Firms named as the party a zone signs with (与欣旺达签署战略合作协议), when the name reads as one."""
    hits = []
    for m in _signing_pattern().finditer(text):
        name = m.group("name")
        if name.endswith(words("signing_not_firm_endings")) or not _is_firm_item(name, vetoed):
            continue
        places = all(flag == "ns" for _, flag in seg.tagged(name))   # 与广州签约: a city, no firm
        if _reads_as_name(name, seg) and not places and not _stop_pattern().search(name):
            hits.append(Hit(m.start("name"), m.end("name"), "companies", None, name=name, priority=RULE_PRIORITY))
    return hits


def _reads_as_name(name: str, seg: Segmenter) -> bool:
    """True when a word reads as a name: a proper noun, a word the dictionary does not know, or single characters."""
    tokens = seg.tagged(name)
    name_flags = set(words("company_name_flags"))
    singles = sum(1 for w, _ in tokens if len(w) == 1)
    return singles >= 2 or any(f in name_flags or seg.frequency(w) == 0 for w, f in tokens if len(w) >= 2)


def _project_prefix_stop(name: str) -> bool:
    """True for a project item's start that names no firm (一批, 总投资, 年产 …, or a function word)."""
    return bool(_stop_pattern().search(name)) or name.startswith(words("project_item_stop_starts"))


def media_named_as_publisher(hit: Hit, text: str) -> bool:
    """True for a newspaper, agency or broadcaster named as one (南方日报, 新华社, Guangdong Daily reported), not as the
    owner of a project or building ("Guangdong Daily's culture center", which names the firm behind it)."""
    if not is_media(hit.name):
        return False
    after = text[hit.end:hit.end + 40]
    owns = re.match(r"['’]s\s+(?!(?:" + any_word("english_media_reporting") + r")\b)", after)
    return not owns


def is_media(name: str) -> bool:
    """True for a newspaper, agency or broadcaster (南方日报, 新华社, Guangdong Daily): no company."""
    simplified = to_simplified(name)
    if simplified in words("media_names") or simplified.endswith(words("media_endings")):
        return True
    english = name.split()
    return name in words("english_media_names") or bool(english) and english[-1] in words("english_media_endings")


@lru_cache(maxsize=1)
def _english_patterns() -> tuple[re.Pattern, re.Pattern]:
    """(capitalised name + firm ending, capitalised name + 's) patterns for English text."""
    cap = r"[A-Z][A-Za-z0-9&.\-]*"
    endings = "|".join(re.escape(w) for w in words("english_company_suffixes"))
    named = re.compile(rf"(?<![A-Za-z])((?:{cap}\s+){{1,4}}(?:{endings}))(?![A-Za-z])")
    possessive = re.compile(rf"(?<![A-Za-z])((?:{cap}\s+){{0,3}}{cap})['’]s\b")
    return named, possessive


def english_company_hits(text: str, vetoed: set[str]) -> list[Hit]:
    """English firm names: `X Y Group`, `X Co., Ltd.`, and owners in `X's plant` that are no place."""
    places, leading = set(words("english_places")), set(words("english_leading_words"))
    no_firm = places | vetoed | set(words("english_company_suffixes"))
    hits = []
    for pattern in _english_patterns():
        for m in pattern.finditer(text):
            start, parts = m.start(1), m.group(1).split()
            while parts and parts[0] in leading:
                start = text.index(parts[1], start + len(parts[0])) if len(parts) > 1 else m.end(1)
                parts = parts[1:]
            name = " ".join(parts)
            if parts and name not in no_firm and not (len(parts) == 1 and parts[0] in places):
                hits.append(Hit(start, start + len(name), "companies", None, name=name, priority=RULE_PRIORITY))
    return hits


def company_ref(hit: Hit, source_text: str, folded: Folded) -> dict:
    """The record entry of a company hit: the curated canonical name, or the name as written (Simplified)."""
    if hit.term is not None:
        return {"name": hit.term.name, "name_en": hit.term.name_en or None, "id": hit.term.id}
    start, end = folded.source_span(hit.start, hit.end)
    return {"name": to_simplified(source_text[start:end])}


def extend_brands(hits: list[Hit], text: str, curated_names: set[str]) -> list[Hit]:
    """Curated short names followed by a business word name a sister firm (中兴 + 能源 → 中兴能源)."""
    return [_extended(hit, text, curated_names) if hit.kind == "companies" else hit for hit in hits]


def _extended(hit: Hit, text: str, curated_names: set[str]) -> Hit:
    """A company hit, run on into the business word after it when it is a curated short name."""
    tail = text[hit.end:hit.end + 4]
    ending = next((e for e in words("company_brand_extensions") if tail.startswith(e)), None)
    short = hit.term is not None and hit.length < len(hit.term.name) and text[hit.start:hit.end] != hit.term.name
    extended = text[hit.start:hit.end + len(ending)] if ending else ""
    if short and ending and extended not in curated_names:
        return hit.moved(end=hit.end + len(ending), term=None, name=extended, priority=RULE_PRIORITY, short=False)
    return hit
