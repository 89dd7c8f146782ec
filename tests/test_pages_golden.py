"""Golden build: the pages of tests/golden/corpus compared file by file with tests/golden/expected/.

Regenerate after an intended change with `.venv/bin/python tests/golden/regenerate.py` and review the diff."""
from __future__ import annotations

import difflib

from golden.sample_project import EXPECTED, make_project, rendered_files


def test_generated_pages_match_the_golden_files(tmp_path):
    got = rendered_files(make_project(tmp_path / "project"))
    want = {p.relative_to(EXPECTED).as_posix(): p.read_bytes() for p in sorted(EXPECTED.rglob("*")) if p.is_file()}
    assert sorted(got) == sorted(want), "files differ: run tests/golden/regenerate.py and review the diff"
    for name in sorted(want):
        if got[name] != want[name]:
            diff = "".join(difflib.unified_diff(want[name].decode("utf-8", "replace").splitlines(True),
                                                got[name].decode("utf-8", "replace").splitlines(True),
                                                f"expected/{name}", f"generated/{name}", n=2))
            raise AssertionError(f"{name} differs from the golden file:\n{diff[:4000]}")
