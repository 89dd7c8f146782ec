"""The tests use passages written for them: no stretch of 20 Chinese characters in tests/ is copied from the
third-party sample articles in ../shared/samples/articles/ (SOURCES.md asks not to copy them into the project).

A sample the project ships itself (the user's demo article, content/inbox/) is not third-party text here.
Both sides are compared without white space and in Simplified script, so a passage copied and converted
to the other script is found too.
"""
from __future__ import annotations

import ast
import html
import re
from pathlib import Path

import pytest

from generator.scripts import to_simplified, to_traditional

ROOT = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent
RUN = 20                       # characters in a row, of which at least MIN_CJK are Chinese
MIN_CJK = 18
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def normalise(text: str) -> str:
    """`text` without white space, in Simplified script."""
    return to_simplified(re.sub(r"\s+", "", text))


def page_text(path: Path) -> str:
    """A sample's text: decoded (UTF-8, else GB18030), an HTML page's tags and scripts taken out."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("gb18030", errors="replace")
    if path.suffix.lower() in (".html", ".htm"):
        text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", text)
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return text


def runs(text: str):
    """Every stretch of RUN characters of `text` (normalised) that holds at least MIN_CJK Chinese characters."""
    text = normalise(text)
    marks = [1 if CJK.match(c) else 0 for c in text]
    count = sum(marks[:RUN])
    for start in range(len(text) - RUN + 1):
        if start:
            count += marks[start + RUN - 1] - marks[start - 1]
        if count >= MIN_CJK:
            yield start, text[start:start + RUN]


def third_party_runs(shared: Path) -> dict[str, str]:
    """Each RUN-character stretch of the third-party samples, with the sample it is from."""
    shipped = {p.read_bytes() for p in (ROOT / "content/inbox").rglob("*") if p.is_file()}
    out: dict[str, str] = {}
    for sample in sorted((shared / "samples/articles").iterdir()):
        if sample.is_file() and sample.read_bytes() not in shipped:
            for _, run in runs(page_text(sample)):
                out.setdefault(run, sample.name)
    return out


def literals(path: Path):
    """(line, text) of every string literal of a Python file, or of every line of any other text file."""
    source = path.read_text(encoding="utf-8")
    if path.suffix == ".py":
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                yield node.lineno, node.value
    else:
        yield from enumerate(source.splitlines(), 1)


def text_files(folder: Path = TESTS) -> list[Path]:
    """The text files under `folder` (Python sources, fixtures, gold and golden files)."""
    out = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            try:
                path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
            out.append(path)
    return out


def copies(files: list[Path], samples: dict[str, str]) -> list[str]:
    """`file:line: [sample] text` for each literal holding a stretch found in a sample."""
    found = []
    for path in files:
        for line, text in literals(path):
            hit = next(((run, samples[run]) for _, run in runs(text) if run in samples), None)
            if hit:
                found.append(f"{path.relative_to(folder_of(path))}:{line}: [{hit[1]}] {hit[0]}")
    return found


def folder_of(path: Path) -> Path:
    """The project root when `path` is inside it, else the path's own folder."""
    return ROOT if ROOT in path.parents else path.parent


def test_no_test_holds_text_copied_from_a_third_party_sample(shared):
    samples = third_party_runs(shared)
    assert len(samples) > 1000, "the samples were read"
    files = text_files()
    assert TESTS / "test_clean.py" in files and TESTS / "fixtures/read/dump_hans.txt" in files
    found = copies(files, samples)
    assert not found, "write a passage for the test instead (invented names, places, numbers):\n" + "\n".join(found)


@pytest.mark.parametrize("write", [
    lambda lead: f"TEXT = {lead!r}\n",                                      # a literal in a test
    lambda lead: f"TEXT = (\"{lead[:9]}\"\n        \"{lead[9:]}\")\n",    # split over two lines
])
def test_the_check_finds_a_copied_passage(shared, tmp_path, write):
    samples = third_party_runs(shared)
    name, lead = next((sample, run) for run, sample in samples.items() if sample.endswith(".txt"))
    (tmp_path / "test_copy.py").write_text(write(lead), encoding="utf-8")
    (tmp_path / "fixture.txt").write_text(f"前言。{to_traditional(lead)}後記。\n", encoding="utf-8")
    found = copies(text_files(tmp_path), samples)
    assert [line.split(":")[0] for line in found] == ["fixture.txt", "test_copy.py"] and name in found[1]
    (tmp_path / "test_copy.py").write_text(f"TEXT = {lead[:RUN - 3]!r}\n", encoding="utf-8")
    (tmp_path / "fixture.txt").write_text("本段文字为测试专门撰写，园区名称和数字均为虚构，与任何报道无关。\n", encoding="utf-8")
    assert copies(text_files(tmp_path), samples) == []

