"""The one-way flow of DEVELOPERS.md, checked on the source: io -> model -> solvers ->
analyses -> report -> cli.  Every import (function-level ones included) points down or
sideways within a layer, and no two modules import each other, directly or in a ring."""

from __future__ import annotations

import ast
import itertools
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "gamesolve"

# lower number = lower layer; a module may import only modules of its own layer or below
LAYERS = {
    "errors": 0, "tolerance": 0, "numbers": 0, "names": 0, "extras": 0, "display": 0,
    "processes": 0,
    "model": 1,
    "io": 2,
    "solvers": 3,
    "analysis": 4, "claims": 4, "robustness": 4, "structure": 4, "sequential": 4,
    "learning": 4, "document": 4, "summary": 4,
    "report": 5, "convert": 5, "plot": 5, "plot_learning": 5,
    "cli": 6, "__init__": 6, "__main__": 6,
}


def _module_name(path: Path) -> str:
    rel = path.relative_to(SRC).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, module: str) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
                if node.module is None:
                    found.update(f"{target}.{a.name}".strip(".") for a in node.names)
                    continue
            elif node.module and node.module.startswith("gamesolve"):
                target = node.module.removeprefix("gamesolve").lstrip(".")
            else:
                continue
            found.add(target)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("gamesolve."):
                    found.add(alias.name.removeprefix("gamesolve."))
    return found


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in SRC.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for t in _imports(path, name):
            # resolve to the longest existing module name
            parts = t.split(".")
            while parts and ".".join(parts) not in modules:
                parts.pop()
            if parts and ".".join(parts) != name:
                targets.add(".".join(parts))
        graph[name] = targets
    return graph


def _layer(module: str) -> int:
    top = module.split(".")[0]
    assert top in LAYERS, f"module {module} has no layer: add its top-level name to LAYERS"
    return LAYERS[top]


def test_imports_point_down():
    wrong = [f"{m} imports {t}" for m, ts in _graph().items() for t in ts
             if _layer(t) > _layer(m)]
    assert wrong == [], "\n".join(wrong)


def test_no_import_cycles():
    graph = _graph()
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    # a package's __init__ re-exporting its own submodules is not a cycle of logic
    real = [c for c in cycles
            if not all(a.startswith(b + ".") or b.startswith(a + ".") or a == b
                       for a, b in itertools.pairwise(c))]
    assert real == [], "\n".join(" -> ".join(c) for c in real)
