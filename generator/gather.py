"""The gather phase: read every record once, then group articles and figures by zone, industry,
policy and company for one script's pages."""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field, make_dataclass
from functools import cached_property, lru_cache
from operator import attrgetter, itemgetter
from pathlib import Path

from .gathered import KnownRecord
from .ids import ID
from .pages import formats
from .pages.escape import html_text
from .pages.keyfigures import figure_order
from .pages.review import Review, find_review, metric_key
from .record import FIGURE_FIELDS, RECORD_FIELDS, Company, Record
from .record_cache import iter_cached_records
from .scripts import to_simplified
from .series import series_of
from .store import RecordError, StoredRecord, iter_records

SLUG_LENGTH = 151   # an id longer than this has a hash of it as its page's file name
FIGURE_NAMES, RECORD_NAMES = frozenset(FIGURE_FIELDS), frozenset(RECORD_FIELDS)
# What a PageFigure says of its place: its article (id, title, dates, source), its number there, its zone and industry.
ABOUT = ("n", "article", "article_title", "published", "date", "source", "url", "zone_id", "industry_id")


def is_slug(text: str) -> bool:
    """True for an id that can stand as a file name as it is: the id pattern (ids.py), not too long."""
    return bool(ID.match(text)) and len(text) <= SLUG_LENGTH


class _Extra:
    """Fields a person added to a record or figure beyond the model's, read as attributes (`extra`: by name)."""

    __slots__ = ()

    def __getattr__(self, name: str):
        """A field a person added (called only for names that are no slot or attribute)."""
        extra = object.__getattribute__(self, "extra") if name != "extra" else None
        if extra and name in extra:
            return extra[name]
        raise AttributeError(name)

    def __reduce__(self):
        """Pickled as its slots' values (a slotted dataclass's own pickling would leave a subclass's slots out)."""
        return _restored, (type(self), tuple(getattr(self, name, _UNSET) for name in _SLOTS[type(self)]))


# A record's fields as slots, made from the record model's field list (record.RECORD_FIELDS).
_RecordSlots = make_dataclass("_RecordSlots", [(name, object) for name in RECORD_FIELDS],
                              slots=True, eq=False, repr=False)
_RECORD_VALUES = itemgetter(*RECORD_FIELDS)


class PageRecord(_Extra, _RecordSlots):
    """A record's fields as the pages read them: page_fields in the page's script, every field of the record
    model an attribute (its figures, once gathered, the article's PageFigures), fields a person added too."""

    __slots__ = ("extra",)

    def __init__(self, fields: dict):
        super().__init__(*_RECORD_VALUES(fields))   # page_fields dumped every field
        more = len(fields) > len(RECORD_FIELDS)
        self.extra = {key: value for key, value in fields.items() if key not in RECORD_NAMES} if more else None


@dataclass
class Article:
    """One record as the pages show it: fields and body in the page's script.

    `file_hash` is the record file's StoredRecord.file_hash (the SHA-1 of its bytes): what the article's pages
    are made from, for a given taxonomy, code and script (None when the record was not read from a file).
    """

    meta: PageRecord
    body: str
    file_hash: str | None = field(default=None, compare=False)
    id: str = field(init=False)   # the record's id (its page is articles/<id>): read ~10⁶ times at 10,000 articles

    def __post_init__(self) -> None:
        """Take the record's id as the article's."""
        self.id = self.meta.id

    @property
    def date(self) -> str:
        """The day the article reports on, else the day it was published (ISO, may be '')."""
        return str(self.meta.event_date or self.meta.published or "")[:10]

    @property
    def on_topic(self) -> bool:
        """False for an article about no zone or industry of the taxonomy (kept out of the briefing pages
        until a person sets `on_topic: true` in its record)."""
        return self.meta.on_topic is not False


# A PageFigure's fields and place as slots: a dataclass made from the field lists, whose generated __init__
# assigns them twice as fast as setattr does (0.02 s against 0.04 s for 17,457 figures).
_FieldsAndPlace = make_dataclass("_FieldsAndPlace", [(name, object) for name in (*FIGURE_FIELDS, *ABOUT)],
                                 slots=True, eq=False, repr=False)
_FIGURE_VALUES, _PLACE_VALUES = itemgetter(*FIGURE_FIELDS), itemgetter(*ABOUT)


class PageFigure(_Extra, _FieldsAndPlace):
    """One figure as the pages show it: its fields (in the page's script, ids current), its article, number, zone
    and industry, and the strings and keys the pages derive from them, computed once for every page (its sort
    order on first use); fields a person added to the figure are read as attributes too.

    Slots, not its Figure: a copy of the Figure in the page's script cost 1.8 KB (its set of given fields alone
    1.2 KB), the record's own would keep every record alive after gather; these slots cost 0.3 KB, the dict
    the pages read before 0.9 KB."""

    __slots__ = ("extra", "written", "written_html", "label", "when", "metric_key", "sort_value", "_order")

    def __init__(self, fields: dict, periods: formats.PeriodWords | None = None, **about):
        super().__init__(*_FIGURE_VALUES(fields), *_PLACE_VALUES(about))   # page_fields dumped every field
        more = len(fields) > len(FIGURE_FIELDS)
        self.extra = {key: value for key, value in fields.items() if key not in FIGURE_NAMES} if more else None
        # `2,500億元 (¥250.0 bn)`, as text and as HTML
        self.written, self.written_html = _remembered(_written, self.text, self.value, self.low, self.high,
                                                      self.unit, self.qualifier)
        # `固定資產投資 · Fixed-asset investment`, and what it measures, the same in either script
        self.label, self.metric_key = _remembered(_metric, self.metric, self.metric_en, self.unit)
        self.when = (periods or formats.period_words(None)).when(fields)   # `2021 上半年 H1`, or ''
        self.sort_value = formats.sort_value(fields)             # its value, else the middle of its range

    @property
    def order(self) -> tuple:
        """keyfigures.figure_order, computed on first use (only figures that are sorted need a readable date)."""
        try:
            return self._order
        except AttributeError:
            self._order = figure_order(self)
            return self._order


_UNSET = "\0unset"   # a slot never assigned (a PageFigure's `_order` before it is asked for)
# How each class is made again: the dataclass of its fields (whose generated __init__ sets them fastest), and
# the names of its own slots after them; and the names of all its slots, in the order they are pickled.
_MADE_FROM = {PageRecord: (_RecordSlots, PageRecord.__slots__), PageFigure: (_FieldsAndPlace, PageFigure.__slots__)}
_SLOTS = {cls: (*fields.__dataclass_fields__, *own) for cls, (fields, own) in _MADE_FROM.items()}


def _restored(cls, values: tuple):
    """A PageRecord or PageFigure made again from its pickled slot values (no field derived again)."""
    item = cls.__new__(cls)
    fields, own = _MADE_FROM[cls]
    fields.__init__(item, *values[:-len(own)])
    for name, value in zip(own, values[-len(own):]):
        if not (type(value) is str and value == _UNSET):   # unpickled: an equal string, not the same one
            object.__setattr__(item, name, value)
    return item


def _remembered(function, *fields):
    """`function(*fields)`, remembered for fields seen before (figures repeat their wording and metrics)."""
    try:
        return function(*fields)
    except TypeError:   # a malformed record's unhashable field: computed without remembering
        return function.__wrapped__(*fields)


@lru_cache(maxsize=1 << 17, typed=True)
def _written(text, value, low, high, unit, qualifier) -> tuple[str, str]:
    """A figure as written and normalised, as text and as HTML (from the fields they read)."""
    written = formats.as_written_and_normalised({"text": text, "value": value, "low": low, "high": high,
                                                 "unit": unit, "qualifier": qualifier})
    return written, html_text(written)


@lru_cache(maxsize=1 << 16, typed=True)
def _metric(metric, metric_en, unit) -> tuple[str, str]:
    """A figure's metric label and metric key (from the fields they read)."""
    fields = {"metric": metric, "metric_en": metric_en, "unit": unit}
    return formats.metric_label(fields), metric_key(fields)


# The keys the pages sort and group figures by, read from a PageFigure instead of computed again.
FIGURE_KEY = attrgetter("metric_key")


@dataclass
class TermPage:
    """What one zone or industry page shows: the term, its neighbours, and the articles and figures about it."""

    id: str
    name: str
    name_en: str | None
    kind: str = "zone"
    parent: str | None = None
    children: list[str] = field(default_factory=list)
    provisional: bool = False
    formerly: tuple[str, ...] = ()    # the ids it had before a rename: their pages lead to this one
    articles: list[Article] = field(default_factory=list)
    figures: list[PageFigure] = field(default_factory=list)
    related: Counter = field(default_factory=Counter)
    companies: Counter = field(default_factory=Counter)
    people: dict = field(default_factory=dict)
    policies: Counter = field(default_factory=Counter)
    names: dict = field(default_factory=dict)
    term: object = None                                   # the taxonomy's Term (None for a provisional zone)
    twins: list[str] = field(default_factory=list)        # zones that are one administration with this one
    series: list = field(default_factory=list)            # series.Series about the term (and its twins)

    @cached_property
    def slug(self) -> str:
        """The page's file name: the id when it is a safe ASCII slug, else a hash of it (linked ~10⁵ times)."""
        return self.id if is_slug(self.id) else "t-" + hashlib.sha1(self.id.encode("utf-8")).hexdigest()[:10]


@dataclass
class NamedEntity:
    """A policy or company and the articles naming it, newest first."""

    key: str
    name: str
    articles: list[Article] = field(default_factory=list)
    zones: Counter = field(default_factory=Counter)


@dataclass
class Corpus:
    """Every record, grouped for rendering one script."""

    articles: list[Article] = field(default_factory=list)
    zones: dict[str, TermPage] = field(default_factory=dict)
    industries: dict[str, TermPage] = field(default_factory=dict)
    figures: list[PageFigure] = field(default_factory=list)
    policies: list[NamedEntity] = field(default_factory=list)
    companies: list[NamedEntity] = field(default_factory=list)
    review: Review | None = None
    skipped: list[RecordError] = field(default_factory=list)
    off_topic: list[Article] = field(default_factory=list)
    indicators: dict = field(default_factory=dict)        # indicator id → its indicators.yml entry

    @property
    def records_hash(self) -> str:
        """A hash of every article's id and file hash, in order: the same records give the same hash."""
        digest = hashlib.sha1()
        for art in self.articles:
            digest.update(f"{art.id}\0{art.file_hash or ''}\n".encode("utf-8"))
        return digest.hexdigest()


def read_records(articles_dir: Path, cache_dir: Path | None = None,
                 known=None) -> tuple[list[StoredRecord], list[RecordError]]:
    """Every record in `articles_dir`, newest first, and the files that could not be read.

    An article that states no publication date is placed by its event date, else after all the dated
    ones. With `cache_dir`, unchanged records are loaded from their parsed copies there (see record_cache),
    and a record `known(path, file_hash)` gives a stand-in for (gathered.KnownRecord) is not parsed.
    """
    records, skipped = [], []
    items = iter_cached_records(articles_dir, cache_dir, known) if cache_dir is not None else iter_records(articles_dir)
    for item in items:
        (skipped if isinstance(item, RecordError) else records).append(item)
    records.sort(key=lambda r: (r.record.published or r.record.event_date or "", r.record.id), reverse=True)
    return records, skipped


def gather(records: list[StoredRecord], taxonomy=None, convert=None, confidence_below: float = 0.6,
           memo=None) -> Corpus:
    """Group the records (their validated `Record`s, converted by `convert` into the page script) into the pages'
    model (with `memo`, a gathered.ArticleMemo: the articles of records gathered before taken from it, the others
    kept in it)."""
    convert = convert or _Identity()
    terms = TermNames(taxonomy, convert)
    corpus = Corpus(articles=[made_article(r, terms, convert, memo) for r in records if is_slug(r.record.id)])
    for art in corpus.articles:
        _file_article(corpus, art, terms)
    terms.add_ancestors(corpus.zones)
    terms.add_twins(corpus.zones)
    on_topic = [a for a in corpus.articles if a.on_topic]
    corpus.off_topic = [a for a in corpus.articles if not a.on_topic]
    corpus.policies = _mentions(on_topic, "policies", "title", terms)
    corpus.companies = _mentions(on_topic, "companies", "name", terms)
    corpus.indicators = {str(i["id"]): i for i in getattr(taxonomy, "indicators", None) or []
                         if isinstance(i, dict) and i.get("id")}
    _add_series(corpus, terms, memo.series if memo is not None else None)
    corpus.review = find_review(corpus, confidence_below, key=FIGURE_KEY)
    return corpus


def made_article(item, terms: TermNames, convert, memo=None) -> Article:
    """The Article of one record in the page script, its figures PageFigures: from `memo` when it has it, else
    made (and kept there)."""
    if isinstance(item, KnownRecord) and memo is not None and item.script == memo.script:
        return item.article
    article = memo.article(item) if memo is not None else None
    if article is None:
        item = item.parsed() if isinstance(item, KnownRecord) else item
        meta = PageRecord(convert.record(terms.current_ids(page_fields(item.record))))
        article = Article(meta, convert.body(item.body, item.record.script), item.file_hash)
        # the article's figures are its page figures: the converted dicts let go
        meta.figures = _figures(article, formats.period_words(getattr(convert, "script", None)))
        if memo is not None:
            memo.save(item, article)
    return article


def _add_series(corpus: Corpus, terms: TermNames, memo=None) -> None:
    """Give every zone page the series of its figures (shared with the zones of one administration), one for
    the zone as a whole and one per industry its figures count apart (28 of its projects in new energy storage),
    and every industry page the series of its figures, one per zone (`memo`, a gathered.SeriesMemo: series made
    of the same figures of the same records by an earlier build are taken from it)."""
    hashes = {a.id: a.file_hash for a in corpus.articles}

    def made(what: str, figures: list, subject_of) -> list:
        """The series of `figures` (from the memo when it has them)."""
        def make() -> list:
            """The series computed."""
            return series_of(figures, subject_of, corpus.indicators)
        return memo.series(what, figures, hashes, make) if memo is not None else make()

    done: dict[tuple, list] = {}
    for page in corpus.zones.values():
        group = terms.administration(page.id)
        if group not in done:
            figures = [f for z in group if z in corpus.zones for f in corpus.zones[z].figures]
            done[group] = made(f"zone:{group}", figures, lambda f, g=group: ("zone", g[0], f.industry_id or ""))
        page.series = done[group]
    for page in corpus.industries.values():
        page.series = made(f"industry:{page.id}", page.figures, lambda f, p=page: (
            "industry", p.id, terms.administration(f.zone_id)[0] if f.zone_id else ""))


def page_fields(record: Record) -> dict:
    """A record's fields as the pages read them: every field, the model's default where the file leaves one out,
    and what the model cannot say: names stripped, people, policies, companies and credits without a name left
    out, a person's missing role '', a company its name and the zones and industries it is named with."""
    out = record.model_dump()
    out["people"] = [{"name": p["name"], "role": p["role"] or ""} for p in out["people"] if p["name"]]
    out["companies"] = [c for c in map(_company, record.companies) if c["name"]]
    out["policies"] = [{"title": title} for title in _names(out["policies"], "title")]
    for key in ("editors", "authors", "photographers"):
        out[key] = [v for v in out[key] if v]
    return out


def _company(item: str | Company) -> dict:
    """A company as the pages read it: its name, and the zones and industries it is named with when recorded."""
    if isinstance(item, str):
        return {"name": item.strip()}
    named_with = {key: list(getattr(item, key)) for key in ("zones", "industries") if key in item.model_fields_set}
    return {"name": item.name.strip(), **named_with}


class _Identity:
    """The converter used when no script is asked for: everything stays as written."""

    def __call__(self, text):
        """The text unchanged."""
        return text

    def record(self, meta):
        """The record unchanged."""
        return meta

    def body(self, text, script):
        """The body unchanged."""
        return text


class TermNames:
    """Zones and industries of the taxonomy by id, with names in the page script (read defensively)."""

    def __init__(self, taxonomy, convert):
        self.convert = convert
        self.zones = {t.id: t for t in getattr(taxonomy, "zones", None) or []}
        self.industries = {t.id: t for t in getattr(taxonomy, "industries", None) or []}
        self.renamed = {kind: {old: t.id for t in terms.values() for old in getattr(t, "formerly", ())}
                        for kind, terms in (("zone", self.zones), ("industry", self.industries))}
        self.groups: dict[str, tuple[str, ...]] = {}   # each zone's administration, found once (asked ~10⁵ times)

    def current_ids(self, meta: dict) -> dict:
        """A record's page_fields with the zone and industry ids the taxonomy lists as `formerly` made current."""
        if not self.renamed["zone"] and not self.renamed["industry"]:
            return meta
        for key, kind in (("zones", "zone"), ("industries", "industry")):
            renamed, seen, refs = self.renamed[kind], set(), []
            for ref in meta[key]:
                ref = dict(ref, id=renamed[ref["id"]]) if ref["id"] in renamed else ref
                if ref["id"] not in seen:
                    seen.add(ref["id"])
                    refs.append(ref)
            meta[key] = refs
        for fig in meta["figures"]:   # page_fields dumped each figure into a new dict
            for kind in ("zone", "industry"):
                if fig.get(kind) in self.renamed[kind]:
                    fig[kind] = self.renamed[kind][fig[kind]]
        return meta

    def page(self, pages: dict, ref: dict, kind: str) -> TermPage:
        """The page of the term `ref` names, made on first use."""
        tid = str(ref["id"])
        if tid not in pages:
            pages[tid] = self._new_page(tid, ref, kind)
        return pages[tid]

    def _new_page(self, tid: str, ref: dict, kind: str) -> TermPage:
        """A page for one term with names from the taxonomy, else from the article's reference."""
        term = (self.zones if kind == "zone" else self.industries).get(tid)
        name = (getattr(term, "name_hant", "") if self.convert_is_traditional() else "") or getattr(term, "name", "")
        name = self.convert(name or str(ref.get("name") or tid))
        english = getattr(term, "name_en", "") or ref.get("name_en")
        parent = getattr(term, "parent", None) if kind == "zone" else None
        return TermPage(tid, name, english or None, kind, parent=parent or None, term=term,
                        provisional=bool(ref.get("provisional")) or (term is None and kind == "zone"),
                        formerly=tuple(getattr(term, "formerly", ())))

    def administration(self, zone_id: str) -> tuple[str, ...]:
        """The zones that are one administration with `zone_id` (itself included, sorted; the first names the group)."""
        if zone_id not in self.groups:
            self.groups[zone_id] = self._administration(zone_id)
        return self.groups[zone_id]

    def _administration(self, zone_id: str) -> tuple[str, ...]:
        """The administration of `zone_id`, found from the taxonomy's `same_administration` lists."""
        group, todo = {zone_id}, [zone_id]
        while todo:
            current = self.zones.get(todo.pop())
            for other in getattr(current, "same_administration", ()) or ():
                if other not in group:
                    group.add(other)
                    todo.append(other)
        for zid, term in self.zones.items():
            if zid not in group and set(getattr(term, "same_administration", ()) or ()) & group:
                group.add(zid)
        return tuple(sorted(group))

    def add_twins(self, zones: dict[str, TermPage]) -> None:
        """Link the zone pages that are one administration with each other, both ways."""
        for zid, page in zones.items():
            page.twins = [z for z in self.administration(zid) if z != zid and z in zones]

    def convert_is_traditional(self) -> bool:
        """True when the pages are in Traditional characters."""
        return getattr(self.convert, "script", "") == "zh-Hant"

    def ancestors(self, zone_id: str) -> list[str]:
        """The parent, grandparent … of a zone in the taxonomy (cycles cut)."""
        out, seen = [], {zone_id}
        parent = getattr(self.zones.get(zone_id), "parent", None)
        while parent and parent not in seen:
            out.append(parent)
            seen.add(parent)
            parent = getattr(self.zones.get(parent), "parent", None)
        return out

    def add_ancestors(self, zones: dict[str, TermPage]) -> None:
        """Give every zone with a page the pages of its ancestors, and every parent its children."""
        for zid in list(zones):
            for anc in self.ancestors(zid):
                if anc not in zones and anc in self.zones:
                    zones[anc] = self._new_page(anc, {"id": anc}, "zone")
        for zid, page in zones.items():
            if page.parent in zones:
                zones[page.parent].children.append(zid)
        for page in zones.values():
            page.children.sort()


def _file_article(corpus: Corpus, art: Article, terms: TermNames) -> None:
    """Add one article and its figures to the pages of its zones and industries."""
    zones = [z for z in art.meta.zones or [] if isinstance(z, dict) and z.get("id")]
    industries = [i for i in art.meta.industries or [] if isinstance(i, dict) and i.get("id")]
    figures = art.meta.figures
    corpus.figures += figures
    if not art.on_topic:
        return
    for ref in zones:
        page = terms.page(corpus.zones, ref, "zone")
        _add(page, art, [f for f in figures if f.zone_id == page.id], industries)
    named = {str(z["id"]) for z in zones}
    for fig in figures:   # a figure about a zone the article does not list: filed under that zone too
        if fig.zone_id and fig.zone_id not in named and fig.zone_id in terms.zones:
            terms.page(corpus.zones, {"id": fig.zone_id}, "zone").figures.append(fig)
    named_industries = {str(i["id"]) for i in industries}
    for fig in figures:   # a figure about an industry the article does not list: filed under it too
        if fig.industry_id and fig.industry_id not in named_industries and fig.industry_id in terms.industries:
            terms.page(corpus.industries, {"id": fig.industry_id}, "industry").figures.append(fig)
    for ref in industries:
        page = terms.page(corpus.industries, ref, "industry")
        _add(page, art, [f for f in figures if f.industry_id == page.id], zones)


def _figures(art: Article, periods: formats.PeriodWords) -> list[PageFigure]:
    """The article's figures with their article and number, the zone and industry each is about (as the
    record says: a figure about no zone is filed under none, whatever else its article names) and its period
    in the page's words."""
    meta, out = art.meta, []
    about = {"article": art.id, "article_title": meta.title, "published": str(meta.published or ""),
             "date": art.date, "source": meta.source, "url": meta.url}
    for n, fig in enumerate(meta.figures or [], start=1):
        if not isinstance(fig, dict):
            continue
        out.append(PageFigure(fig, periods, n=n, **about, zone_id=_text_or_none(fig.get("zone")),
                          industry_id=_text_or_none(fig.get("industry"))))
    return out


def _text_or_none(value) -> str | None:
    """A term id as text, or None."""
    return str(value) if isinstance(value, (str, int)) and str(value) else None


def _add(page: TermPage, art: Article, figures: list[PageFigure], others: list[dict]) -> None:
    """File the article under a term page with what it says about the term."""
    page.articles.append(art)
    page.figures += figures
    page.related.update(str(o["id"]) for o in others)
    for name in dict.fromkeys(_names(art.meta.policies, "title")):
        page.policies[mention_key(name)] += 1
        page.names.setdefault(mention_key(name), name)
    for name in dict.fromkeys(c["name"] for c in art.meta.companies if _company_about(c, page)):
        page.companies[mention_key(name)] += 1
        page.names.setdefault(mention_key(name), name)
    for person in art.meta.people or []:
        if isinstance(person, dict) and person.get("name"):
            page.people.setdefault(str(person["name"]), str(person.get("role") or ""))


def _company_about(company: dict, page: TermPage) -> bool:
    """True when the sentences naming a company speak of the page's zone or industry (records made before
    companies carried their zones and industries: every company of the article)."""
    if "zones" not in company:
        return True
    about = company["zones"] if page.kind == "zone" else company.get("industries", [])
    return page.id in about or bool(set(page.twins) & set(about))


def _names(items, key: str) -> list[str]:
    """The names in a list of `{key: name}` mappings or plain strings."""
    out = []
    for item in items or []:
        name = item.get(key) if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip():
            out.append(name.strip())
    return out


def _mentions(articles: list[Article], field_name: str, key: str, terms: TermNames) -> list[NamedEntity]:
    """Policies or companies with the articles naming them, most recently named first."""
    found: dict[str, NamedEntity] = {}
    for art in articles:
        for name in dict.fromkeys(_names(getattr(art.meta, field_name), key)):
            mention = found.setdefault(mention_key(name), NamedEntity(mention_key(name), name))
            mention.articles.append(art)
            zones = art.meta.zones or []
            mention.zones.update(str(z["id"]) for z in zones if isinstance(z, dict) and z.get("id"))
    return sorted(found.values(), key=lambda m: (m.articles[0].date, m.key), reverse=True)


@lru_cache(maxsize=65536)
def mention_key(name: str) -> str:
    """A stable ASCII anchor for a policy or company name, the same in both scripts."""
    folded = "".join(to_simplified(name).split())
    return "m-" + hashlib.sha1(folded.encode("utf-8")).hexdigest()[:10]

