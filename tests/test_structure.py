"""The house's shape: no import circle in mapgen, no oversized file."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "mapgen"
MAX_PY_LINES, MAX_JS_LINES = 400, 300


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _not_on_import(node: ast.AST) -> bool:
    """``if TYPE_CHECKING:`` (annotations only) and ``if __name__ == "__main__":`` (a module
    run as a command is another module object, ``__main__``): neither runs on import."""
    if not isinstance(node, ast.If):
        return False
    test = ast.unparse(node.test)
    return "TYPE_CHECKING" in test or "__main__" in test


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The mapgen modules a file imports, anywhere in it (a function-body import is an arrow
    too), except where it never runs on import (:func:`_not_on_import`)."""
    tree = ast.parse(path.read_text())
    skipped = {id(n) for b in ast.walk(tree) if _not_on_import(b) for n in ast.walk(b)}
    here = _module(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1] + [base]
                ).strip(".")
            subs = [f"{base}.{a.name}" for a in node.names]
            # ``from pkg import module`` imports the module; ``from module import name`` it
            names = [n for n in subs if n in modules] or [base]
            if len(names) < len(subs) and base in modules:
                names.append(base)
        else:
            continue
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name and name != here:
                found.add(name)
    return found


def import_graph() -> dict[str, set[str]]:
    files = {_module(p): p for p in PACKAGE.rglob("*.py")}
    return {m: _imports(p, set(files)) for m, p in files.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            part = []
            while True:
                w = stack.pop()
                on.discard(w)
                part.append(w)
                if w == v:
                    break
            if len(part) > 1:
                out.append(sorted(part))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_import_circle():
    assert cycles(import_graph()) == []


def test_no_file_too_long():
    long_py = {
        str(p.relative_to(PACKAGE.parent)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text().splitlines())) > MAX_PY_LINES
    }
    long_js = {
        str(p.relative_to(PACKAGE.parent)): n
        for p in (PACKAGE / "templates").rglob("*.js")
        if (n := len(p.read_text().splitlines())) > MAX_JS_LINES
    }
    assert long_py == {} and long_js == {}
