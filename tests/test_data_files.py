"""Word lists in YAML hold words: an unquoted `on`, `no` or `yes` read as a boolean is a silent loss, and so is a
key named twice in one mapping (the last wins)."""
from __future__ import annotations

import pytest
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


class _NoDuplicateKeys(yaml.SafeLoader):
    """A safe loader that refuses a mapping naming a key twice (plain YAML keeps the last, silently)."""

    def construct_mapping(self, node, deep=False):
        """The mapping of `node`, refused when it names a key twice."""
        keys = [self.construct_object(key, deep=deep) for key, _ in node.value]
        twice = sorted({k for k in keys if keys.count(k) > 1}, key=str)
        if twice:
            raise yaml.constructor.ConstructorError(None, None, f"keys named twice: {twice}", node.start_mark)
        return super().construct_mapping(node, deep=deep)


def test_no_data_file_names_a_key_twice(root):
    files = sorted((root / "generator" / "data").glob("*.yml")) + sorted((root / "content" / "taxonomy").glob("*.yml"))
    for f in files:
        yaml.load(f.read_text(encoding="utf-8"), Loader=_NoDuplicateKeys)   # raises, naming the key and its line


def test_the_check_finds_a_key_named_twice():
    with pytest.raises(yaml.constructor.ConstructorError, match="project_words"):
        yaml.load("project_words: [a]\nother: [b]\nproject_words: [c]\n", Loader=_NoDuplicateKeys)
