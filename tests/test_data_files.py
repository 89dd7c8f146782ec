"""Word lists in YAML hold words: an unquoted `on`, `no` or `yes` read as a boolean is a silent loss."""
from __future__ import annotations

import yaml


def _booleans_in_lists(value, path=""):
    """Paths of booleans that stand inside a list (where words are expected)."""
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _booleans_in_lists(v, f"{path}/{k}")]
    if isinstance(value, list):
        return [f"{path}[{i}]" for i, v in enumerate(value) if isinstance(v, bool)] + [
            p for i, v in enumerate(value) for p in _booleans_in_lists(v, f"{path}[{i}]")]
    return []


def test_no_word_list_holds_a_boolean(root):
    files = sorted((root / "generator" / "data").glob("*.yml")) + sorted((root / "content" / "taxonomy").glob("*.yml"))
    assert files
    found = [f"{f.name}{p}" for f in files for p in _booleans_in_lists(yaml.safe_load(f.read_text(encoding="utf-8")))]
    assert not found, f"unquoted yes/no/on/off read as booleans: {found}"


def test_the_check_finds_a_boolean():
    assert _booleans_in_lists(yaml.safe_load("words: [In, On, At]")) == ["/words[1]"]
