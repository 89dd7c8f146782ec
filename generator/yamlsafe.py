"""The YAML loader of records and taxonomy files: safe, dates kept as written, duplicate keys refused,
and the line of any value found again for messages.

- Safe: libyaml's safe loader when present (`!!python/…` tags are refused).
- Dates and times stay text (`published: 2025-02-08` is the string `2025-02-08`): the record model
  checks that they are real ISO dates, and an impossible one (`2024-13-45`) is a message naming
  its field, not an error deep in the YAML library.
- A key written twice in one mapping is an error at the line of the second one: PyYAML would keep
  the last value and drop the first without a word.
"""
from __future__ import annotations

import yaml

BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
TIMESTAMP = "tag:yaml.org,2002:timestamp"


class SafeLoader(BASE):
    """The safe loader, without implicit timestamps, refusing duplicate keys."""

    yaml_implicit_resolvers = {first: [(tag, regexp) for tag, regexp in resolvers if tag != TIMESTAMP]
                               for first, resolvers in BASE.yaml_implicit_resolvers.items()}

    def construct_mapping(self, node, deep=False):
        """A mapping; a ConstructorError at the second of two equal keys."""
        seen = set()
        for key_node, _value in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key = self.construct_scalar(key_node)
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key {key!r}: the field is written twice (keep one)",
                        key_node.start_mark)
                seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load(text: str):
    """The data of a YAML text, loaded with SafeLoader."""
    return yaml.load(text, Loader=SafeLoader)  # SafeLoader is a safe loader


def load_data(text: str):
    """The data of one of the generator's own YAML files (generator/data/*.yml): what yaml.safe_load gives,
    through libyaml when present (the lexicon alone took 0.4 s of each process's start in pure Python)."""
    return yaml.load(text, Loader=BASE)  # BASE is a safe loader


def compose(text: str):
    """The node tree of a YAML text (positions of every key and value), or None when it cannot be parsed."""
    try:
        return yaml.compose(text, Loader=SafeLoader)
    except yaml.YAMLError:
        return None


def line_of(node, place) -> int | None:
    """The 1-based line of the value at `place` (keys and list indexes) in the composed `node`: its key's line
    in a mapping; as far down as the tree goes when `place` leaves it; None without a tree."""
    if node is None:
        return None
    line = node.start_mark.line + 1
    for step in place:
        found = _child(node, step)
        if found is None:
            break
        key_node, node = found
        line = (key_node or node).start_mark.line + 1
    return line


def _child(node, step):
    """(key node or None, value node) under key or index `step` of a mapping or sequence node; None when absent."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(step):
                return key_node, value_node
    elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
        return None, node.value[step]
    return None


def error_line(err: yaml.YAMLError) -> int | None:
    """The 1-based line a YAML error points at, if it says."""
    mark = getattr(err, "problem_mark", None)
    return mark.line + 1 if mark is not None else None


def error_reason(err: yaml.YAMLError, text: str) -> str:
    """What a YAML error says, with a hint when its line holds a tab (YAML indents with spaces only)."""
    reason = getattr(err, "problem", None) or str(err).splitlines()[0]
    line = error_line(err)
    lines = text.split("\n")
    if line is not None and 0 < line <= len(lines) and "\t" in lines[line - 1]:
        reason += " (this line holds a tab: YAML indents with spaces only)"
    return reason
