"""Incremental builds (generator/incremental.py): after adding, editing or deleting an article, `briefing build`
reuses the previous site's unchanged pages, and its site/ equals, file for file, a cold build of the same content;
a template change makes the build cold."""
from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest

from generator.gather import gather
from generator.pages.localise import Converter
from generator.pages.settings import Settings
from generator.paths import ProjectPaths
from generator.pipeline import build_site_atomically
from generator.record import Record
from generator.render import ScriptPages
from generator.site import TIMES_FILE
from generator.store import StoredRecord
from generator.taxonomy import load_taxonomy
from golden.sample_project import make_project

NEWEST = "2025-03-01-huangpu-update.md"
EDITED = "2025-02-08-huangpu-targets.md"
DELETED = "2025-01-05-essay.md"


def _files(site: Path) -> dict[str, str]:
    """Every file of a site with its SHA-256."""
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def _project(dest: Path) -> ProjectPaths:
    """The golden corpus as a project, two rows a listing page (so that an article moves the pages after it)."""
    project = make_project(dest)
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"(\n\s+per_page:) \d+", r"\1 2", config.read_text(encoding="utf-8")), encoding="utf-8")
    return ProjectPaths(project)


def _reused(paths: ProjectPaths) -> list[int]:
    """How many files each script's last build hard-linked from the previous site (-1: built cold)."""
    return [s["reused"] for s in json.loads((paths.cache / TIMES_FILE).read_text(encoding="utf-8"))["scripts"]]


def _search_state(paths: ProjectPaths) -> dict:
    """What the last build of the default script's search files left (generator/search/memo.py): how many
    entries' postings it reused (-1: built cold) and how many entry files it kept."""
    return json.loads((paths.cache / "search" / "zh-Hant.json").read_text(encoding="utf-8"))


def _kept_pages(paths: ProjectPaths) -> list[str]:
    """The pages the default script's last render kept as they were (incremental.PageMemo)."""
    return json.loads((paths.cache / "pages-zh-Hant.json").read_text(encoding="utf-8"))["kept"]


def _cold_copy(paths: ProjectPaths, dest: Path) -> dict[str, str]:
    """The files of a cold build (a fresh project) of `paths`' records, templates and configuration."""
    cold = _project(dest)
    for part in ("content/articles", "templates"):
        shutil.rmtree(cold.root / part)
        shutil.copytree(paths.root / part, cold.root / part)
    build_site_atomically(cold)
    assert _reused(cold) == [-1, -1]
    return _files(cold.site)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> ProjectPaths:
    """The golden project without its newest article, built cold once."""
    paths = _project(tmp_path_factory.mktemp("incremental") / "project")
    shutil.move(paths.articles / NEWEST, paths.root / NEWEST)
    build_site_atomically(paths)
    assert _reused(paths) == [-1, -1]
    return paths


def _retitle(path: Path, title: str) -> None:
    """Give the record at `path` another title (its first `title:` line)."""
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.M), encoding="utf-8")


def _gathered(paths: ProjectPaths) -> dict[str, int]:
    """The entries of the gathered-articles memo (generator/gathered.py), each with the time it was written."""
    folder = paths.cache / "gathered"
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in sorted(folder.rglob("*"))
            if p.is_file() and "series" not in p.parts}


def _series_entries(paths: ProjectPaths) -> set[str]:
    """The series memo's entries (generator/gathered.py SeriesMemo), of both scripts."""
    return {p.relative_to(paths.cache).as_posix() for p in (paths.cache / "gathered").glob("*/series/*.pickle")}


def test_add_edit_delete_equal_a_cold_build(project, tmp_path):
    steps = [("add", lambda: shutil.move(project.root / NEWEST, project.articles / NEWEST)),
             ("edit", lambda: _retitle(project.articles / EDITED, "改過的標題 An edited title")),
             ("delete", lambda: (project.articles / DELETED).unlink())]
    for name, change in steps:
        before, entries, series = _files(project.site), _gathered(project), _series_entries(project)
        change()
        build_site_atomically(project)
        made_again = _series_entries(project) - series   # the series of the changed record's groups only
        assert len(made_again) < len(series) and (made_again or name == "delete"), (name, made_again)
        now = _gathered(project)   # only the changed record was gathered again: one entry per script, and its run
        new, gone = set(now) - set(entries), set(entries) - set(now)   # of the downloads and of each explorer
        assert len(new) == {"add": 5, "edit": 5, "delete": 3}[name] and len(gone) == {"add": 3, "edit": 5,
                                                                                   "delete": 5}[name], (name, new, gone)
        assert len([e for e in new if "/downloads/" in e]) == 1 and len([e for e in new if "/explorer/" in e]) == 2
        assert all(now[entry] == entries[entry] for entry in set(now) & set(entries)), name
        reused = _reused(project)
        assert all(n > 0 for n in reused), (name, reused)          # the previous site's pages were reused
        after = _files(project.site)
        assert after != before, name
        assert after == _cold_copy(project, tmp_path / name), name
        if name == "add":   # the newest article: the archive's further pages stay (pages/pager.py), one may link anew
            further = [f for f in before if re.match(r"(zh-Hans/)?archive/\d+\.html$", f)]
            moved = [f for f in further if after.get(f) != before[f]]
            assert further and len(moved) <= 2, moved
        kept = _kept_pages(project)                                   # pages made from unchanged inputs were kept
        if name == "edit":   # the edited article's zone is made again, but its timeline's further pages are kept
            assert any(re.match(r"zones/[^/]+/\d+\.md$", page) for page in kept), kept
        if name != "add":   # adding the newest article moves every company's listing page (two a page): all change
            folders = {p.split("/")[0] for p in kept}   # and further listing pages made from the same records
            assert {"articles", "zones", "industries"} <= folders <= {"articles", "zones", "industries", "archive",
                                                                     "review"}, (name, kept)
        search = _search_state(project)                               # the search files were brought up to date
        assert search["reused"] >= len(search["entries"]) - 4 and search["kept"] > 0, (name, search["reused"])


def test_a_template_change_makes_the_build_cold(project, tmp_path):
    template = project.templates / "pages" / "article.md.j2"
    template.write_text(template.read_text(encoding="utf-8").replace("## 全文 Text", "## 全文 Full text"),
                        encoding="utf-8")
    build_site_atomically(project)
    assert _reused(project) == [-1, -1] and _search_state(project)["reused"] == -1
    site = _files(project.site)
    assert site == _cold_copy(project, tmp_path / "cold")
    build_site_atomically(project)                                   # and the next build reuses it again
    assert all(n > 0 for n in _reused(project))
    assert _files(project.site) == site


def _zone_record(rid: str, zone: str, value: int) -> StoredRecord:
    """A record about one zone with one figure about it."""
    return StoredRecord(path=None, body="正文", record=Record.model_validate({
        "id": rid, "title": rid, "published": "2025-01-01T00:00:00+08:00", "script": "zh-Hans", "content_hash": rid,
        "zones": [{"id": zone, "name": zone}],
        "figures": [{"text": f"{value}亿元", "quote": f"{value}亿元", "unit": "CNY", "value": value * 10 ** 8,
                     "zone": zone, "indicator": "fixed_asset_investment", "kind": "actual", "year": 2024,
                     "metric_en": "fixed-asset investment"}]}))


def test_a_zone_page_is_made_again_when_a_figure_of_its_twin_changes():
    """Zones of one administration share their series (content/taxonomy: 广州开发区 and 黄埔区), so a zone page's
    inputs hold its twins' figures' records: an article about the twin alone changes the page's inputs."""
    root = Path(__file__).resolve().parent.parent
    taxonomy = load_taxonomy(root / "content" / "taxonomy")
    paths = ProjectPaths(root)

    def inputs(twin_hash: str) -> str:
        records = [_zone_record("a", "huangpu", 1), _zone_record("b", "guangzhou-development-district", 2)]
        corpus = gather(records, taxonomy, Converter("zh-Hant"))
        pages = ScriptPages(paths, Settings.load(paths.mkdocs_yml), Converter("zh-Hant"), corpus, {})
        pages.memo, pages.hashes = object(), {"a": "hash-a", "b": twin_hash}
        assert corpus.zones["huangpu"].twins == ["guangzhou-development-district"]
        return pages.term_inputs(corpus.zones["huangpu"])

    assert inputs("hash-b") == inputs("hash-b") and inputs("hash-b") != inputs("hash-b, edited")


def test_gathered_articles_come_back_whole_from_their_memo(tmp_path):
    """An article kept in the memo (generator/gathered.py) is the article gather makes: every field, every figure's
    slots (those it derives too, and a field a person added); an entry that cannot be read is made again."""
    from generator.gathered import ArticleMemo
    rec = _zone_record("a", "huangpu", 3)
    rec.record.figures[0].__pydantic_extra__ = {"checked_by": "某人"}
    rec.file_hash = "f" * 40
    made = gather([rec], None, Converter("zh-Hant"), memo=ArticleMemo(tmp_path, "zh-Hant", "k" * 40)).articles[0]
    memo = ArticleMemo(tmp_path, "zh-Hant", "k" * 40)
    kept = gather([rec], None, Converter("zh-Hant"), memo=memo).articles[0]
    assert memo.used == {"f" * 40} and kept is not made
    slots = [*type(made.meta).__dataclass_fields__, "extra"]
    assert [getattr(kept.meta, n) for n in slots if n != "figures"] == [getattr(made.meta, n) for n in slots
                                                                          if n != "figures"]
    [fig], [again] = made.meta.figures, kept.meta.figures
    names = [*type(fig).__dataclass_fields__, "extra", "written", "written_html", "label", "when", "metric_key",
             "sort_value"]
    assert [getattr(again, n) for n in names] == [getattr(fig, n) for n in names]
    assert again.checked_by == "某人" and again.written and again.order == fig.order and kept.body == made.body
    entry = next((tmp_path / "gathered").rglob("*.pickle"))
    entry.write_bytes(b"not a pickle")
    memo = ArticleMemo(tmp_path, "zh-Hant", "k" * 40)
    assert gather([rec], None, Converter("zh-Hant"), memo=memo).articles[0].meta.title == made.meta.title
    assert entry.read_bytes() != b"not a pickle"   # made again and kept


def _series_shape(corpus) -> dict:
    """Every page's series as plain values: keys, points (period, kind, values, conflict) and figures' places."""
    pages = [*corpus.zones.values(), *corpus.industries.values()]
    return {(p.kind, p.id): [(s.key, [(pt.period, pt.kind, pt.value, pt.low, pt.high, pt.conflict,
                                       [(id(f), f.article, f.n) for f in pt.figures]) for pt in s.points])
                             for s in p.series] for p in pages}


def _without_ids(shape: dict) -> dict:
    """A _series_shape with each figure as its article and number only."""
    return {page: [(key, [(*point[:6], [f[1:] for f in point[6]]) for point in points]) for key, points in series]
            for page, series in shape.items()}


def test_series_come_back_from_their_memo_made_of_this_builds_figures(tmp_path, monkeypatch):
    import generator.gather as gather_module
    from generator.gathered import ArticleMemo
    from generator.store import iter_records
    project = ProjectPaths(make_project(tmp_path / "project"))
    records, taxonomy = list(iter_records(project.articles)), load_taxonomy(project.taxonomy)
    made = gather(records, taxonomy, Converter("zh-Hant"), memo=ArticleMemo(tmp_path, "zh-Hant", "k" * 40))
    assert any(p.series for p in made.zones.values()), "the golden corpus has series"
    calls = []
    real = gather_module.series_of
    monkeypatch.setattr(gather_module, "series_of", lambda *args: calls.append(1) or real(*args))
    kept = gather(records, taxonomy, Converter("zh-Hant"), memo=ArticleMemo(tmp_path, "zh-Hant", "k" * 40))
    assert calls == []                                     # every series from the memo
    in_kept = {id(f) for f in kept.figures}
    assert all(fid in in_kept for shape in _series_shape(kept).values() for _, points in shape
               for *_, figs in points for fid, _, _ in figs)   # the memo's series hold this build's figures
    assert _without_ids(_series_shape(kept)) == _without_ids(_series_shape(made))
    changed = next(r for r in records if r.record.figures and r.record.zones)
    changed.file_hash = "0" * 40                            # one record changed: its groups' series made again
    gather(records, taxonomy, Converter("zh-Hant"), memo=ArticleMemo(tmp_path, "zh-Hant", "k" * 40))
    assert 0 < len(calls) < len(made.zones) + len(made.industries)
