"""Property test (hypothesis): records mutated as a careless hand editor would (bad dates, wrong types,
unknown ids, broken YAML, keys written twice, tabs) are each named by `briefing check` as
`path:line: problem`, and the build's render completes for the rest, leaving out just those.

Each example renders one script of the golden corpus without MkDocs (about half a second); the
whole build with MkDocs, CLI and exit status is tested once in test_validation.py.
"""
from __future__ import annotations

import os
import re
import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.paths import ProjectPaths
from generator.pipeline import run_check
from generator.render import render_pages
from generator.taxonomy import load_taxonomy
from golden.sample_project import CORPUS, make_project

RECORDS = sorted(p.name for p in (CORPUS / "articles").glob("*.md"))
TAXONOMY = load_taxonomy(CORPUS / "taxonomy")
KNOWN_IDS = {t.id for t in TAXONOMY.zones + TAXONOMY.industries}
NOT_DATES = ["yesterday", "soon", "2024-13-45", "2025-02-30", "2025/02/08", "08.02.2025", "2025-2-8",
             "2025-02-08T25:00:00+08:00", "2025-02-08T10:00", "Feb 8, 2025", "20250208"]
WRONG_TYPES = {"title": ["123", "[a, b]", "{a: 1}", "true"], "summary": ["[1, 2]", "12.5"],
               "script": ["zh", "1", "[zh-Hans]"], "reviewed": ["'yes'", "3", "[true]"],
               "zones": ["huangpu", "3", "{id: huangpu}"], "figures": ["none at all", "{text: a}"],
               "authors": ["甲乙", "{name: 甲}"], "content_hash": ["123", "[x]"]}
SLUG = st.from_regex(r"\A[a-z][a-z0-9-]{2,20}\Z").filter(lambda s: s not in KNOWN_IDS)
FAST = dict(deadline=None, max_examples=25, derandomize=bool(os.environ.get("CI")),
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def front_lines(text: str) -> tuple[list[str], str]:
    """A record file's front-matter lines (without the fences) and the rest of the file."""
    _, front, rest = text.split("---\n", 2)
    return front.splitlines(), rest


def top_level(lines: list[str], key: str) -> int:
    """The index of the top-level field `key` among the front-matter lines."""
    return next(n for n, line in enumerate(lines) if line.startswith(f"{key}:"))


@st.composite
def mutations(draw):
    """A mutation: (name, function of the front-matter lines giving new lines and the text check must show)."""
    kind = draw(st.sampled_from(["date", "type", "unknown id", "broken yaml", "duplicate key", "tab"]))
    if kind == "date":
        key = draw(st.sampled_from(["published", "event_date"]))
        value = draw(st.sampled_from(NOT_DATES))
        return kind, lambda lines: (_set(lines, key, value), f"{key}: ")
    if kind == "type":
        key = draw(st.sampled_from(sorted(WRONG_TYPES)))
        value = draw(st.sampled_from(WRONG_TYPES[key]))
        return kind, lambda lines: (_set(lines, key, value), f"{key}")
    if kind == "unknown id":
        new_id = draw(SLUG)
        return kind, lambda lines: _unknown_id(lines, new_id)
    if kind == "broken yaml":
        where = draw(st.integers(min_value=1, max_value=200))
        junk = draw(st.sampled_from(["title: [unclosed", "summary: \"open", "zones: {a: 1", "- {stray: [item",
                                     "  bad: indent: here", "key without colon"]))
        return kind, lambda lines: (lines[:where % len(lines)] + [junk] + lines[where % len(lines):],
                                    "front-matter YAML")
    if kind == "duplicate key":
        key = draw(st.sampled_from(["title", "published", "summary", "reviewed", "script", "zones"]))
        return kind, lambda lines: (lines + [lines[top_level(lines, key)]], f"duplicate key '{key}'")
    pick = draw(st.integers(min_value=0, max_value=10_000))
    return kind, lambda lines: _tab(lines, pick)


def _set(lines: list[str], key: str, value: str) -> list[str]:
    """The lines with the top-level field `key` set to `value` as written (its nested lines dropped)."""
    n = top_level(lines, key)
    end = n + 1
    while end < len(lines) and lines[end].startswith(("  ", "- ")):
        end += 1
    return lines[:n] + [f"{key}: {value}"] + lines[end:]


def _unknown_id(lines: list[str], new_id: str) -> tuple[list[str], str]:
    """The lines with the first zone or industry id replaced by `new_id`, which the taxonomy lacks."""
    for key in ("zones", "industries"):
        start = top_level(lines, key)
        if start + 1 < len(lines) and lines[start + 1].startswith("- id: "):
            kind = "zone" if key == "zones" else "industry"
            provisional = start + 4 < len(lines) and lines[start + 4].strip() == "provisional: true"
            if not provisional:
                return lines[:start + 1] + [f"- id: {new_id}"] + lines[start + 2:], f"unknown {kind} id '{new_id}'"
    return _set(lines, "script", "klingon"), "script: "


def _tab(lines: list[str], pick: int) -> tuple[list[str], str]:
    """The lines with the indentation of one nested `key: value` line made a tab."""
    nested = [n for n, line in enumerate(lines) if re.match(r"^  [a-z_]+:", line)]
    n = nested[pick % len(nested)]
    return lines[:n] + ["\t" + lines[n][2:]] + lines[n + 1:], "tab"


@settings(**FAST)
@given(st.lists(st.tuples(st.sampled_from(RECORDS), mutations()), min_size=2, max_size=4,
                unique_by=lambda item: item[0]))
def test_check_names_each_careless_edit_and_the_build_renders_the_rest(tmp_path_factory, edits):
    project = make_project(tmp_path_factory.mktemp("careless") / "project")
    paths = ProjectPaths(project)
    expected = {}
    for name, (kind, mutate) in edits:
        path = paths.articles / name
        lines, rest = front_lines(path.read_text(encoding="utf-8"))
        lines, shown = mutate(lines)
        path.write_text("---\n" + "\n".join(lines) + "\n---\n" + rest, encoding="utf-8")
        expected[f"content/articles/{name}"] = (kind, shown)
    problems = run_check(paths).problems
    named = {line.split(":")[0] for line in problems}
    assert named == set(expected), (problems, edits)
    for where, (kind, shown) in expected.items():
        lines = [line for line in problems if line.startswith(f"{where}:")]
        assert all(re.match(rf"^{re.escape(where)}:\d+: \S", line) for line in lines), lines
        assert any(shown in line for line in lines), (kind, shown, lines)
    result = render_pages(paths, scripts=("zh-Hant",))
    assert set(result.skipped) == set(expected)
    for name in RECORDS:
        page = paths.docs / "zh-Hant" / "articles" / name
        assert page.is_file() == (f"content/articles/{name}" not in expected), name
    shutil.rmtree(project)
