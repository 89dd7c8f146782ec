"""No import cycle among the modules of generator/: the imports walked from the source, as Python runs them.

Every `import` and `from … import` counts, at module level and inside functions alike (an import
put into a function to dodge a cycle is still the cycle, only later); those under `if TYPE_CHECKING:`
do not, since they never run. Importing `a.b.c` runs `a` and `a.b` first, so it counts as importing
those packages too, except the packages the importing module stands in (they are already being
imported when it runs).
"""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "generator"


def modules(root: Path = ROOT) -> dict[str, tuple[Path, bool]]:
    """Dotted name → (file, whether it is a package's __init__) for every module of generator/."""
    out = {}
    for path in sorted((root / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        out[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return out


def _absolute(module: str | None, level: int, here: str, is_package: bool) -> str:
    """The dotted name a (relative) `from` import names."""
    if not level:
        return module or ""
    base = here.split(".") if is_package else here.split(".")[:-1]
    base = base[:len(base) - level + 1]
    return ".".join(base + ([module] if module else []))


def _type_checking_only(tree: ast.AST) -> set[int]:
    """The ids of the import nodes under `if TYPE_CHECKING:`."""
    skipped = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped |= {id(n) for child in node.body for n in ast.walk(child)}
    return skipped


def imported_names(path: Path, here: str, is_package: bool) -> set[str]:
    """Every dotted name the module's import statements name (a `from` import: the module and module.name)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    skipped, names = _type_checking_only(tree), set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node.module, node.level, here, is_package)
            names |= {base} | {f"{base}.{alias.name}" for alias in node.names}
    return names


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """Module → the modules of generator/ that importing it runs."""
    found = modules(root)
    graph = {}
    for name, (path, is_package) in found.items():
        edges = set()
        for target in imported_names(path, name, is_package):
            parts = target.split(".")
            for end in range(1, len(parts) + 1):
                module = ".".join(parts[:end])
                if module in found and module != name and not name.startswith(module + "."):
                    edges.add(module)
        graph[name] = edges
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted, and self-imports."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node: str) -> None:
        """Tarjan's step for one node (the graph is small: recursion is fine)."""
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in graph[node]:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def describe(group: list[str], graph: dict[str, set[str]]) -> str:
    """One cycle as the imports that make it."""
    return "; ".join(f"{a} → {', '.join(sorted(b for b in graph[a] if b in group))}" for a in group)


def test_no_import_cycle_among_generator_modules():
    graph = import_graph()
    found = cycles(graph)
    assert not found, "import cycles:\n" + "\n".join(describe(g, graph) for g in found)


def test_the_walk_sees_cycles_of_every_kind(tmp_path):
    package = tmp_path / PACKAGE
    (package / "sub").mkdir(parents=True)
    files = {
        "__init__.py": "",
        "a.py": "from .b import x\n",                       # a → b → a, b's import inside a function
        "b.py": "def f():\n    from . import a\n",
        "c.py": "from .sub.d import y\n",                   # c → sub.d, and so → sub (its __init__) → c
        "sub/__init__.py": "import generator.c\n",
        "sub/d.py": "from . import e\n",                    # sub.d → sub.e: no cycle with sub itself
        "sub/e.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .d import y\n",
    }
    for name, text in files.items():
        (package / name).write_text(text, encoding="utf-8")
    graph = import_graph(tmp_path)
    assert cycles(graph) == [["generator.a", "generator.b"], ["generator.c", "generator.sub"]]
    assert graph["generator.sub.d"] == {"generator.sub.e"} and graph["generator.sub.e"] == set()


def test_nothing_imports_the_command_line():
    graph = import_graph()
    assert not sorted(name for name, edges in graph.items() if "generator.cli" in edges), \
        "the command line (generator/cli.py) is the top: no module imports it"
