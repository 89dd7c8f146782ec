"""Regenerate the golden pages: `.venv/bin/python tests/golden/regenerate.py` (then review the git diff)."""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from golden.sample_project import EXPECTED, make_project, rendered_files


def main() -> int:
    """Render the golden corpus and replace tests/golden/expected/ with the result."""
    with tempfile.TemporaryDirectory() as tmp:
        files = rendered_files(make_project(Path(tmp) / "project"))
        if EXPECTED.exists():
            shutil.rmtree(EXPECTED)
        for name, data in files.items():
            target = EXPECTED / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    print(f"wrote {len(files)} files to {EXPECTED}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
