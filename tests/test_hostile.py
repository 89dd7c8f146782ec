"""Hostile and broken input: every file either becomes a valid record or fails with one clear ReadError.

The fixtures in tests/fixtures/hostile/: empty.txt, blank.md (whitespace), binary.txt (PNG bytes),
truncated-utf8.txt (the demo cut inside a character), truncated.html (cut inside a tag),
undecodable.txt (high bytes in no encoding), mixed-encoding.txt (UTF-8, GBK and Big5 lines),
utf16-bom.txt, deep-nesting.html (3,000 levels), not-object.json / scalar.json / string.json /
broken.json, mixed-lines.jsonl (an object, then a list), broken-feed.xml (cut off),
lone-surrogate.json ("\ud800" escapes), yaml-breakers.json (`: `, `---`, `#`, `&a`, `*a`,
`!!python/object`, tab, NUL in the fields), and injection.txt / .md / .html (<script>,
<img onerror>, javascript: links, <iframe>, </title> breakout, raw HTML in Markdown, {{ 7*7 }}
and {% include %}). The 50 MB file, the 100,000-level HTML and the 10,000-entry feed are made
at run time in tmp_path.
"""
from __future__ import annotations

import hashlib
import html
import io
import re
import shutil
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.clean import clean_articles
from generator.extract import build_record
from generator.ingest import ingest
from generator.paths import ProjectPaths
from generator.pipeline import run_build
from generator.read import ReadError, read_file
from generator.record import record_problems
from generator.store import dump_record, iter_records, parse_record
from generator.taxonomy import load_taxonomy
from golden.sample_project import write_config

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "hostile"
INJECTIONS = ["injection.txt", "injection.md", "injection.html"]


@pytest.fixture(scope="module")
def taxonomy():
    """The project's taxonomy."""
    return load_taxonomy(ROOT / "content" / "taxonomy")


def outcome(path: Path, taxonomy) -> list[dict]:
    """The records of a raw file, each checked valid and round-tripped through the store; ReadError passes through."""
    records = []
    for raw in clean_articles(read_file(path)):
        extracted, body = build_record(raw, taxonomy)
        record = dict(extracted.model_dump(exclude_unset=True), id="2025-01-01-x")
        stored = parse_record(Path("2025-01-01-x.md"), dump_record(_printable(record), _printable(body)))
        assert record_problems(stored.meta) == []
        records.append(record)
    return records


def _printable(value):
    """What ingest writes: control characters and lone surrogates removed."""
    from generator.ingest.changes import strip_controls
    return strip_controls(value)[0]


def assert_clear(err: ReadError, path: Path) -> None:
    """A ReadError is clear: it names the file and gives a reason on one line."""
    assert err.path.name == path.name
    assert err.reason and "\n" not in err.reason and len(err.reason) < 300
    assert "Traceback" not in str(err)


# What each fixture gives: the headline of each record read from it, or the reason it fails with.
OUTCOMES = {
    "binary.txt": "binary file (it holds NUL bytes)",
    "blank.md": "empty file",
    "broken-feed.xml": "no article text found after removing page chrome",
    "broken.json": "invalid JSON at line 2, column 1",
    "deep-nesting.html": "no article text found after removing page chrome",
    "empty.txt": "empty file",
    "injection.html": ["HTML注入測試公告"],
    "injection.md": ["Markdown注入<script>alert(\"xss-md-title\")</script>"],
    "injection.txt": ["該區今年引進項目12個<script>alert(\"xss-script\")</"],   # a derived title, cut at its length
    "lone-surrogate.json": ["壞字標題"],
    "mixed-encoding.txt": "the bytes decode in no known encoding",
    "mixed-lines.jsonl": "line 2: not a JSON object",
    "not-object.json": "entry 0: not a JSON object",
    "scalar.json": "JSON holds neither an object nor a list of objects",
    "string.json": "JSON holds neither an object nor a list of objects",
    "truncated-utf8.txt": ["廣州開發區、黃埔區:成立六大重點産業發展辦公室 聚力打造五大“增長極”"],
    "truncated.html": ["黃埔區成立六大重點產業發展辦公室"],
    "undecodable.txt": "the bytes decode in no known encoding",
    "utf16-bom.txt": ["黃埔區成立六大重點產業發展辦公室"],
    "yaml-breakers.json": ["標題: 冒號 --- # 井號 &a *a !!python/object:os.system\t製表空字符"],
}


def test_every_hostile_fixture_has_its_outcome_written_down():
    assert sorted(OUTCOMES) == sorted(p.name for p in FIXTURES.iterdir())


@pytest.mark.parametrize("name, expected", sorted(OUTCOMES.items()))
def test_each_hostile_fixture_reads_or_fails_clearly(name, expected, taxonomy):
    path = FIXTURES / name
    if isinstance(expected, str):
        with pytest.raises(ReadError) as err:
            outcome(path, taxonomy)
        assert_clear(err.value, path)
        assert err.value.reason.startswith(expected), err.value.reason
    else:
        assert [_printable(record["title"]) for record in outcome(path, taxonomy)] == expected


@pytest.mark.parametrize("name, must_fail", [("empty.txt", "empty"), ("binary.txt", "binary"),
                                             ("not-object.json", ""), ("scalar.json", ""), ("broken.json", "")])
def test_inputs_that_cannot_be_articles_fail(name, must_fail, taxonomy):
    path = FIXTURES / name
    with pytest.raises(ReadError) as err:
        outcome(path, taxonomy)
    assert must_fail in err.value.reason
    assert_clear(err.value, path)


def test_yaml_breaking_fields_are_stored_exactly(taxonomy, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(FIXTURES / "yaml-breakers.json", inbox)
    report = ingest([inbox], tmp_path / "articles", taxonomy, version="t")
    assert report.ingested, report.failed
    (rec,) = list(iter_records(tmp_path / "articles"))
    assert rec.meta["title"] == "標題: 冒號 --- # 井號 &a *a !!python/object:os.system\t製表空字符"
    assert rec.meta["source"] == "!!python/object/apply:os.system ['echo pwned']"
    assert report.notes and "control character" in report.notes[0], "the NUL was removed, with a note"


def test_fifty_megabyte_file_fails_fast_or_reads(tmp_path, taxonomy):
    big = tmp_path / "big.txt"
    line = ("廣州開發區全年引進優質項目400個,完成600億元工業投資。" * 4 + "\n").encode("utf-8")
    with open(big, "wb") as handle:
        for _ in range(50 * 2**20 // len(line) + 1):
            handle.write(line)
    assert big.stat().st_size >= 50 * 2**20
    start = time.perf_counter()
    with pytest.raises(ReadError) as err:
        read_file(big)
    assert_clear(err.value, big)
    assert "too large" in err.value.reason
    assert time.perf_counter() - start < 30


def test_deeply_nested_html_generated_at_run_time(tmp_path, taxonomy):
    deep = tmp_path / "deep.html"
    deep.write_text("<html><body>" + "<div><span>" * 50_000 + "<p>黃埔區全年引進優質項目400個。</p>"
                    + "</span></div>" * 50_000 + "</body></html>", encoding="utf-8")
    with pytest.raises(ReadError) as err:   # lxml stops at 256 levels: the page is refused, not a crash or a hang
        outcome(deep, taxonomy)
    assert_clear(err.value, deep)


def test_feed_with_ten_thousand_entries_generated_at_run_time(tmp_path, taxonomy):
    feed = tmp_path / "big-feed.xml"
    items = "".join(f"<item><title>第{n}號公告</title><link>https://example.org/{n}</link>"
                    f"<pubDate>Sat, 08 Feb 2025 08:00:00 GMT</pubDate>"
                    f"<description>該區今年引進項目{n}個。</description></item>" for n in range(10_000))
    feed.write_text(f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
                    f"{items}</channel></rss>", encoding="utf-8")
    raws = read_file(feed)
    assert len(raws) == 10_000
    assert len({raw.entry for raw in raws}) == 10_000, "each entry has its own number (its cache key)"
    for raw in clean_articles(raws[:3] + raws[-2:]):
        build_record(raw, taxonomy)


def test_ingesting_the_hostile_folder_never_stops_and_never_touches_it(tmp_path, taxonomy):
    inbox = tmp_path / "inbox"
    shutil.copytree(FIXTURES, inbox)
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in inbox.iterdir()}
    report = ingest([inbox], tmp_path / "articles", taxonomy, version="t", base=tmp_path)
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in inbox.iterdir()}
    assert after == before
    assert report.failed, "some fixtures cannot be articles"
    for line in report.failed:
        assert line.startswith("inbox/") and "\n" not in line and "Traceback" not in line
    for item in iter_records(tmp_path / "articles"):
        assert not isinstance(item, Exception), item


def test_cli_exit_status_says_something_failed(tmp_path):
    project = tmp_path / "p"
    (project / "content" / "articles").mkdir(parents=True)
    shutil.copytree(ROOT / "content" / "taxonomy", project / "content" / "taxonomy")
    shutil.copytree(FIXTURES, project / "content" / "inbox")
    (project / "mkdocs.yml").write_text("site_name: t\n")
    env = {"BRIEFING_ROOT": str(project), "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-m", "generator.cli", "ingest"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert "empty.txt" in result.stderr and "binary.txt" in result.stderr
    assert re.search(r"ingested \d+, .*failed \d+ in [\d.]+ s", result.stderr)
    assert "Traceback" not in result.stderr


BROKEN = "---\nid: 2025-01-01-broken\ntitle: [unclosed\npublished: null\n---\nbody\n"


def test_check_names_file_line_and_problem_of_a_broken_record(scratch_project):
    broken = scratch_project / "content" / "articles" / "2025-01-01-broken.md"
    broken.write_text(BROKEN, encoding="utf-8")
    env = {"BRIEFING_ROOT": str(scratch_project), "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-m", "generator.cli", "check"], cwd=scratch_project, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    (line,) = [ln for ln in result.stdout.splitlines() if "2025-01-01-broken.md" in ln]
    assert line.startswith("content/articles/2025-01-01-broken.md:4: front-matter YAML") and "line 3" in line


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    """One scratch project built with the injection fixtures and a broken record: (paths, ok, messages)."""
    from rich.console import Console
    project = tmp_path_factory.mktemp("hostile") / "project"
    project.mkdir()
    for name in ("content", "templates"):
        shutil.copytree(ROOT / name, project / name)
    write_config(project)
    for name in INJECTIONS:
        shutil.copy(FIXTURES / name, project / "content" / "inbox" / name)
    (project / "content" / "articles" / "2025-01-01-broken.md").write_text(BROKEN, encoding="utf-8")
    out = io.StringIO()
    paths = ProjectPaths(project)
    ok = run_build(paths, console=Console(file=out, width=100))
    return paths, ok, out.getvalue()


def test_build_skips_a_broken_record_says_why_and_builds_the_rest(hostile_build):
    paths, ok, messages = hostile_build
    assert not ok, "the exit status tells that a record was skipped"
    assert "skipped content/articles/2025-01-01-broken.md:4: front-matter YAML" in messages
    assert "1 record(s) skipped" in messages
    assert (paths.site / "index.html").is_file()
    assert [p for p in paths.site.rglob("*.html") if "2025-02-08-guang-zhou" in str(p)], "the rest is built"
    assert not list(paths.site.rglob("*broken*"))


class LiveMarkup(HTMLParser):
    """Collects what would run in a browser: script text, event-handler attributes, javascript: URLs, frames."""

    CDATA_CONTENT_ELEMENTS = ("script", "style", "title", "textarea")  # text up to their end tag, as browsers read it

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        """Note event handlers, javascript: URLs and frames of the article's payloads."""
        self.in_script = tag == "script"
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and "alert" in value:
                self.found.append(f"<{tag} {name}={value!r}>")
            if value.strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag in ("iframe", "embed", "object"):
            self.found.append(f"<{tag}>")

    def handle_endtag(self, tag):
        """Leave a script element."""
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        """Note script text that came from an article."""
        if self.in_script and "xss-" in data:
            self.found.append(f"<script>{data[:60]}")


def visible_text(page: str) -> str:
    """The text a reader sees on a page: scripts and tags dropped, entities decoded."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S | re.I)
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def test_built_site_shows_injections_as_text_and_runs_none(hostile_build):
    paths, _, _ = hostile_build
    pages = {p: p.read_text(encoding="utf-8") for p in paths.site.rglob("*.html")}
    for path, page in pages.items():
        parser = LiveMarkup()
        parser.feed(page)
        assert parser.found == [], f"{path}: article markup became live: {parser.found[:3]}"
    text = "\n".join(visible_text(page) for page in pages.values())
    assert "49結束" not in text, "template syntax in an article was rendered"
    assert "模板測試{{ 7*7 }}結束" in text, "template syntax should show literally"
    assert 'alert("xss-script")' in text, "the script of the article should show as text"
