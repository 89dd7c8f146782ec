"""ruff (pinned in requirements.lock, configured in pyproject.toml) finds nothing in generator/, tests/ and bench/."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ("generator", "tests", "bench")
NOQA = re.compile(r"#\s*noqa\b(?::\s*[A-Z]+[0-9]+(?:\s*,\s*[A-Z]+[0-9]+)*)?(?P<reason>.*)$")


def ruff(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run the ruff installed next to this Python (or on PATH), without its cache and colour."""
    found = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if not found:
        pytest.fail("ruff is not installed: run `make test` (it installs requirements.lock)")
    return subprocess.run([found, "check", "--no-cache", "--output-format", "concise", *args],
                          cwd=cwd, capture_output=True, text=True, timeout=300, env={"NO_COLOR": "1", "PATH": ""})


def python_files() -> list[Path]:
    """The Python files ruff checks."""
    return sorted(p for folder in CHECKED for p in (ROOT / folder).rglob("*.py") if "__pycache__" not in p.parts)


def test_ruff_finds_nothing():
    result = ruff(*CHECKED)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_configuration_catches_what_it_is_for(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import sys\nimport os\n\n\ndef f():\n    x = 1\n    return '" + "a" * 120 + "'  \n",
                      encoding="utf-8")
    found = ruff("--config", str(ROOT / "pyproject.toml"), str(sample), cwd=tmp_path).stdout
    codes = set(re.findall(r": ([A-Z]+[0-9]+) ", found))
    assert {"I001", "F401", "F841", "E501", "W291"} <= codes, found


def test_every_noqa_says_why():
    bare = []
    for path in python_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = NOQA.search(line)
            if match and not re.search(r"\w{3}", match.group("reason")):
                bare.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not bare, "a `# noqa` without its reason on the line:\n" + "\n".join(bare)
