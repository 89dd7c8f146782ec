"""docs/architecture.md stays true: it names every module and package of generator/, its entry functions
exist, and no stage imports a later one beyond the exception the page lists."""
from __future__ import annotations

import importlib
import re
from pathlib import Path

from test_imports import import_graph

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "architecture.md"
PACKAGE = ROOT / "generator"


def page() -> str:
    """The architecture page."""
    return DOC.read_text(encoding="utf-8")


def stages(text: str) -> list[tuple[str, list[str]]]:
    """(stage, its modules as dotted names) of the stages table, in order."""
    table = text.split("## Stages, in order", 1)[1].split("\n\n", 2)[1]
    out = []
    for row in table.splitlines()[2:]:
        cells = [c.strip() for c in row.strip("|").split("|")]
        names = re.findall(r"`([a-z_]+)(?:\.py|/)`", cells[1])
        out.append((cells[0], [f"generator.{n}" for n in names]))
    return out


def exceptions(text: str) -> set[tuple[str, str]]:
    """The imports the page allows against the stage order: (importer, imported)."""
    line = next(ln for ln in text.splitlines() if ln.startswith("Exception:"))
    importer, imported = line.removeprefix("Exception:").split("→")
    source = re.search(r"`([\w.]+)`", importer).group(1)
    return {(source, target) for target in re.findall(r"`([\w.]+)`", imported)}


def stage_of(module: str, order: list[tuple[str, list[str]]]) -> int | None:
    """The position of the stage a module belongs to, or None for the modules around the stages."""
    for number, (_stage, modules) in enumerate(order):
        if any(module == m or module.startswith(m + ".") for m in modules):
            return number
    return None


def test_every_module_and_package_is_on_the_page():
    text = page()
    parts = sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").is_file()) + sorted(
        p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py")
    named = set(re.findall(r"`([a-z_]+(?:\.py|/))", text))
    missing = [p for p in parts if (p if p.endswith(".py") else p + "/") not in named]
    assert not missing, f"docs/architecture.md does not name: {missing}"


def test_every_entry_function_exists():
    found = re.findall(r"`([a-z_]+(?:\.[a-z_]+)+)\(\)`", page())
    assert len(found) >= 7
    for dotted in found:
        module, name = dotted.rsplit(".", 1)
        assert callable(getattr(importlib.import_module(f"generator.{module}"), name, None)), dotted


def test_the_stages_are_the_packages_layout():
    order = stages(page())
    assert [s for s, _ in order] == ["read", "clean", "extract", "store", "gather", "render", "site"]
    for _stage, modules in order:
        for module in modules:
            path = PACKAGE / module.split(".", 1)[1]
            assert path.is_dir() or path.with_suffix(".py").is_file(), module


def test_no_stage_imports_a_later_one():
    text = page()
    order, allowed = stages(text), exceptions(text)
    graph = import_graph()
    upward = sorted((a, b) for a, edges in graph.items() for b in edges
                    if (sa := stage_of(a, order)) is not None and (sb := stage_of(b, order)) is not None and sb > sa)
    assert [pair for pair in upward if pair not in allowed] == [], "a stage imports a later one"
    assert [pair for pair in allowed if pair not in upward] == [], "an exception on the page no longer holds"


def test_the_order_check_sees_an_upward_import():
    order = stages(page())
    assert stage_of("generator.read.html", order) < stage_of("generator.clean.headline", order)
    assert stage_of("generator.cli", order) is None
