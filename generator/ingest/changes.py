"""Small helpers on extracted records: control characters removed, and what a re-extraction changed."""
from __future__ import annotations

import json

from .. import record
from ..controls import IN_RECORD

BOOKKEEPING = set(record.BOOKKEEPING) - {"id"}   # ingest's own fields: not what a re-extraction changes


def strip_controls(value):
    """`value` with control characters (NUL and the like) removed from every string; returns (value, count)."""
    if isinstance(value, str):
        cleaned, count = IN_RECORD.subn("", value)
        return cleaned, count
    if isinstance(value, dict):
        out, total = {}, 0
        for key, item in value.items():
            out[key], count = strip_controls(item)
            total += count
        return out, total
    if isinstance(value, (list, tuple)):
        pairs = [strip_controls(item) for item in value]
        return [item for item, _ in pairs], sum(count for _, count in pairs)
    return value, 0


def describe_changes(old: dict, new: dict, old_body: str, new_body: str) -> str:
    """What changed between two versions of a record: `figures +2 −1; changed: summary, zones` ('' if nothing)."""
    parts = []
    old_figures = {_figure_key(f) for f in old.get("figures") or []}
    new_figures = {_figure_key(f) for f in new.get("figures") or []}
    added, removed = len(new_figures - old_figures), len(old_figures - new_figures)
    if added or removed:
        parts.append(f"figures +{added} −{removed}")
    elif (old.get("figures") or []) != (new.get("figures") or []):
        parts.append("figures revised")
    keys = sorted((set(old) | set(new)) - BOOKKEEPING - {"figures"})
    changed = [k for k in keys if old.get(k) != new.get(k)]
    if old_body.strip() != new_body.strip():
        changed.append("body")
    if changed:
        parts.append("changed: " + ", ".join(changed))
    return "; ".join(parts)


def _figure_key(figure) -> tuple:
    """A figure's identity across extractions: what it says and where."""
    if not isinstance(figure, dict):
        return (str(figure),)
    return (figure.get("text"), figure.get("quote"), figure.get("value"), figure.get("unit"))


def same_content(new: dict, new_body: str, old: dict, old_body: str) -> bool:
    """True when two versions of a record say the same (bookkeeping fields aside)."""
    def canonical(meta: dict, body: str) -> str:
        """A record's fields (bookkeeping aside) and body as one comparable text."""
        fields = {k: v for k, v in meta.items() if k not in BOOKKEEPING}
        return json.dumps(fields, ensure_ascii=False, sort_keys=True, default=str) + "\n" + body.strip()
    try:
        return canonical(new, new_body) == canonical(old, old_body)
    except (TypeError, ValueError):
        return False
