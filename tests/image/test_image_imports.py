"""The image stage's modules import one another in one direction, at their tops."""

from __future__ import annotations

import ast
from pathlib import Path

import mapgen.image

FOLDER = Path(mapgen.image.__file__).parent


def _imports(path: Path) -> tuple[set[str], list[int]]:
    """The image modules a module imports at its top, and the lines of any mapgen import
    inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top, inside = set(), []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        ours = {n.removeprefix("mapgen.image.") for n in names if n.startswith("mapgen.image.")}
        if node in tree.body:
            top |= {n for n in ours if (FOLDER / f"{n}.py").exists()}
        elif any(n.startswith("mapgen") for n in names):
            inside.append(node.lineno)
    return top, inside


def test_no_import_circle_and_no_import_hidden_in_a_function():
    graph = {}
    for path in sorted(FOLDER.glob("*.py")):
        graph[path.stem], inside = _imports(path)
        assert not inside, f"{path.name}: mapgen imported inside a function, line {inside}"
    order: list[str] = []  # a module after every module it imports
    while len(order) < len(graph):
        ready = [m for m in graph if m not in order and graph[m] <= set(order)]
        assert ready, f"an import circle among {sorted(set(graph) - set(order))}"
        order += sorted(ready)
    assert graph["style"] == set() and "png" not in graph["sheets"]
