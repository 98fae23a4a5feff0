"""The loading side never imports the layers: the layers declare what they read and the
pipeline hands the declarations down (mapgen.layers.inputs). Read from the source, so an
import hidden in a function body counts too."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "mapgen"


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module(p) for p in PACKAGE.rglob("*.py")}


def _imports(path: Path) -> set[str]:
    """Every mapgen module ``path`` imports, at the top or inside a function
    (``from mapgen.inputs import kinds`` imports the module ``mapgen.inputs.kinds``)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = {f"{node.module}.{alias.name}" for alias in node.names}
            found |= (names & MODULES) or {node.module}
            found |= {node.module} if names - MODULES else set()
    return {name for name in found if name.split(".")[0] == "mapgen"} - {_module(path)}


def _graph(folders: tuple[str, ...]) -> dict[str, set[str]]:
    files = [p for folder in folders for p in (PACKAGE / folder).rglob("*.py")]
    modules = {_module(p): p for p in files}
    return {name: _imports(path) & set(modules) for name, path in modules.items()}


def test_no_module_of_the_inputs_imports_the_layers():
    for path in sorted((PACKAGE / "inputs").rglob("*.py")):
        wrong = sorted(n for n in _imports(path) if n.startswith("mapgen.layers"))
        assert not wrong, f"{path.relative_to(ROOT)} imports {', '.join(wrong)}"


def test_no_import_circle_in_the_inputs_and_the_layers():
    graph = _graph(("inputs", "layers"))
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> None:
        assert name not in path, "import circle: " + " -> ".join([*path, name])
        if name in done:
            return
        for imported in sorted(graph[name]):
            if imported != name.rpartition(".")[0]:  # a module may use its own package
                visit(imported, [*path, name])
        done.add(name)

    for name in sorted(graph):
        visit(name, [])
