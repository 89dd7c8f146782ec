"""The word lists of generator/data/figures.yml, with Traditional forms added and regexes compiled."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import opencc

from ..read.rules import alternation
from ..yamlsafe import load_data

DATA = Path(__file__).resolve().parent.parent / "data" / "figures.yml"


@lru_cache(maxsize=None)
def _s2t() -> opencc.OpenCC:
    """The cached Simplified → Traditional converter."""
    return opencc.OpenCC("s2t")


@lru_cache(maxsize=None)
def _local_converters() -> tuple[opencc.OpenCC, ...]:
    """Simplified → Traditional as written in Taiwan and Hong Kong (为 → 為 where OpenCC's s2t gives 爲)."""
    return opencc.OpenCC("s2tw"), opencc.OpenCC("s2hk")


def variants(word: str, extra: dict[str, str]) -> list[str]:
    """`word` as written plus its Traditional forms (OpenCC s2t, then the extra character variants)."""
    forms = {word}
    for simple, other in extra.items():
        forms |= {form.replace(simple, other) for form in forms}
    forms |= {conv.convert(form) for form in forms for conv in (_s2t(), *_local_converters())}
    return sorted(forms, key=lambda w: (-len(w), w))


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Everything the extractor looks up: word → meaning tables and compiled patterns."""

    raw: dict
    table: dict[str, dict[str, object]]
    lists: dict[str, frozenset[str]]
    patterns: dict[str, re.Pattern]
    particles: dict[str, str]   # the grammar words of figures.yml's `particles`, by what each does

    def get(self, name: str, word: str):
        """The meaning of `word` in table `name`, or None."""
        return self.table[name].get(word)


TABLES = ("magnitudes", "currencies", "units", "percent_words", "qualifiers_before", "qualifiers_between",
          "qualifiers_after", "rates", "rate_prefixes", "period_words", "recent_years_words", "verb_metrics",
          "currency_signs", "home_currencies")
LISTS = ("metric_keep_ends", "flow_words", "purpose_words", "money_only_magnitudes", "renminbi_words",
         "concrete_counters", "bound_words", "counters", "tier_words", "ordinal_before", "rank_after", "target_cues",
         "actual_cues", "fact_cues",
         "fact_cue_exceptions", "fact_metrics", "not_fact_metrics", "bare_count_metrics", "this_year_words",
         "generic_year_words", "last_year_words", "next_year_words",
         "metric_splitters", "metric_trim_start", "metric_trim_end", "metric_right_stops",
         "metric_frame_verbs", "metric_lead_verbs", "not_figure_phrases", "abstract_nouns", "cue_exceptions",
         "firm_and_people_counters", "countable_nouns", "range_joins", "change_words", "growth_cues",
         "growth_exceptions", "level_growth_cues", "completion_words", "support_words",
         "industry_words", "value_of_count_words", "continuation_words", "support_verbs", "duration_words",
         "same_period_words", "plan_words", "share_of_verbs", "share_nouns", "lone_one_numerals",
         "bare_numeral_starts", "hundred_million_digits")


def _expand_table(table: dict, extra: dict) -> dict:
    """A word table with every Traditional form of each word as a key."""
    out = {}
    for word, meaning in (table or {}).items():
        for form in variants(str(word), extra):
            out.setdefault(form, meaning)
    return out


def _expand_list(words: list, extra: dict) -> frozenset[str]:
    """A word list with every Traditional form of each word."""
    return frozenset(form for w in words or [] for form in variants(str(w), extra))


def _both_scripts(patterns: list[str]) -> list[str]:
    """Regular expressions written in Simplified, with their Traditional forms added."""
    return sorted({form for p in patterns for form in (p, _s2t().convert(p))})


# The patterns that are one alternation of a word table's keys or a word list: name → (where, which).
PLAIN = {
    "magnitude": ("table", "magnitudes"), "between": ("table", "qualifiers_between"), "rate": ("table", "rates"),
    "tier": ("lists", "tier_words"), "after": ("table", "qualifiers_after"), "join": ("lists", "range_joins"),
    "currency": ("table", "currencies"), "flow": ("lists", "flow_words"),
    "home_currency": ("table", "home_currencies"), "renminbi": ("lists", "renminbi_words"),
    "fact": ("lists", "fact_cues"), "fact_exception": ("lists", "fact_cue_exceptions"),
    "period": ("table", "period_words"), "recent_years": ("table", "recent_years_words"),
    "completion": ("lists", "completion_words"), "splitter": ("lists", "metric_splitters"),
    "lead_verb": ("lists", "metric_lead_verbs"), "not_fact_metric": ("lists", "not_fact_metrics"),
    "countable": ("lists", "countable_nouns"), "abstract_noun": ("lists", "abstract_nouns"),
    "cue_exception": ("lists", "cue_exceptions"),
}


def _compile(raw: dict, table: dict, lists: dict) -> dict[str, re.Pattern]:
    """The regexes the scanners use, built from the word lists."""
    cn_digits = "".join(sorted(set(raw["chinese_digits"]) | set(_s2t().convert(raw["chinese_digits"]))))
    unit_words = [*table["percent_words"], *table["currencies"], *table["units"], *lists["counters"]]
    particles = raw["particles"]
    named_before = [w for w in table["currencies"] if not w.endswith(particles["yuan"])]   # 新臺幣, 人民币: not 美元
    bound = alternation(lists["bound_words"])
    possessive, may = re.escape(particles["possessive"]), re.escape(particles["may"])
    en = raw
    patterns = {
        "number": re.compile(r"(?<![A-Za-z0-9.])(?:[0-9]+(?:,[0-9]{3})+(?![0-9])|[0-9]+)(?:\.[0-9]+)?"
                             rf"|[{cn_digits}]+(?:点[{cn_digits}]+)?"),
        "percent_of": re.compile(rf"百分之([{cn_digits}]+(?:点[{cn_digits}]+)?|[0-9]+(?:\.[0-9]+)?)"),
        "fraction": re.compile(rf"([{cn_digits}]+)分之([{cn_digits}]+)"),
        "unit": re.compile(rf"(?!{alternation(lists['duration_words'])})(?:{alternation(unit_words)})"),
        "metric_noise": re.compile("|".join(f"(?:{p})" for p in _both_scripts(raw["metric_noise_patterns"]))),
        "keep_end": re.compile(rf"(?:{alternation(lists['metric_keep_ends'])})$"),
        "purpose": re.compile(rf"(?:{alternation(lists['purpose_words'])})"),
        "currency_before": re.compile(rf"(?:{alternation(named_before)})$"),
        "bound_phrase": re.compile(rf"({bound})[^，,。；;：:、！？\s0-9]{{1,10}}{possessive}$"),
        "bound_verb": re.compile(rf"({bound})(?:{may})?(?:{alternation(lists['support_verbs'])})$"),
        "before": re.compile(rf"(?:{alternation(table['qualifiers_before'])})$"),
        "sign": re.compile(rf"(?:{alternation(table['currency_signs'])})\s?$"),
        "not_figure": re.compile("|".join([*(f"(?:{p})" for p in raw["not_figure_patterns"]),
                                           alternation(lists["not_figure_phrases"])])),
        "target": re.compile("|".join([alternation(lists["target_cues"]), *raw["target_patterns"]])),
        "actual": re.compile("|".join([alternation(lists["actual_cues"]), *raw.get("actual_patterns", [])])),
        "year": re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?:\s*[-–至到~]\s*((?:19|20)[0-9]{2}))?年"
                           rf"({alternation(raw['year_since_words'])})?"),
        "relative_year": re.compile("|".join([alternation(lists["this_year_words"]),
                                              alternation(lists["last_year_words"]),
                                              alternation(lists["next_year_words"])])),
        "window": re.compile(raw["year_window_pattern"]),
        "plan": re.compile(rf"“?({alternation(_both_scripts(list(raw['plan_periods'])))})”?"
                           rf"(?:{alternation(raw['plan_period_after'])})"),
        "months": re.compile(rf"([0-9]{{1,2}})\s*[-–至到~]\s*([0-9]{{1,2}})月"
                             rf"|前([0-9]{{1,2}}|[{cn_digits}]{{1,3}})[个個]?月"),
        "change": re.compile(rf"(?:{alternation(lists['change_words'])})$"),
        "trim_start": re.compile(rf"^(?:{alternation(lists['metric_trim_start'])})(?=.)"),
        "trim_end": re.compile(rf"(?:{alternation(lists['metric_trim_end'])})$"),
        "rate_prefix": re.compile(rf"(?:{alternation(table['rate_prefixes'])})$"),
        "en_target": re.compile(rf"\b(?:{alternation(en['english_target_cues'])})(?![a-z])", re.I),
        "en_actual": re.compile(rf"\b(?:{alternation(en['english_actual_cues'])})\b", re.I),
        "en_year": re.compile(rf"\b({alternation(en['english_year_before'])})?\s*((?:19|20)[0-9]{{2}})\b", re.I),
        "en_relative_year": re.compile(rf"\b({alternation(en['english_relative_years'])}) year\b", re.I),
        "en_clause_join": re.compile(rf";\s+|,\s+(?:{alternation(en['english_clause_joins'])})\s+"),
        "en_relative_clause": re.compile(rf",\s*(?:{alternation(en['english_relative_words'])})\b[^,;]*"),
        "en_auxiliary": re.compile(rf"^\s*(?:{alternation(en['english_auxiliaries'])})\s+", re.I),
        "en_determiner": re.compile(rf"\b(?:{alternation(en['english_determiners'])})\s+$", re.I),
    }
    words = {"table": table, "lists": lists}
    return patterns | {name: re.compile(alternation(words[source][key])) for name, (source, key) in PLAIN.items()}


@lru_cache(maxsize=None)
def load_lexicon(path: Path = DATA) -> Lexicon:
    """The extractor's lexicon, read once from `path` (generator/data/figures.yml)."""
    raw = load_data(path.read_text(encoding="utf-8"))
    extra = raw.get("extra_variants") or {}
    table = {name: _expand_table(raw.get(name), extra) for name in TABLES}
    lists = {name: _expand_list(raw.get(name), extra) for name in LISTS}
    return Lexicon(raw=raw, table=table, lists=lists, patterns=_compile(raw, table, lists),
                   particles=dict(raw["particles"]))
