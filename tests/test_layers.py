"""The package's shape: layers import downward only, no cycles, no private names across modules.

The layers, lowest first: ``errors`` and ``vocab``; ``model``; ``storage``; ``analysis``;
``render`` and ``coding``; ``testing``; ``cli``. A module may import its own layer and any
layer below it, never one above. The rules are read from the package's own source with
:mod:`ast`, so an import inside a function counts as much as one at the top.
"""

from __future__ import annotations

import ast
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

import policytrack

PACKAGE = Path(policytrack.__file__).parent

RANK = {
    "errors": 0,
    "vocab": 0,
    "_moved": 0,
    "files": 0,
    "collector": 0,
    "model": 1,
    "storage": 2,
    "analysis": 3,
    "render": 4,
    "coding": 4,
    "importers": 4,
    "testing": 5,
    "cli": 6,
    "__init__": 7,
    "__main__": 7,
}
"""Each top-level module or package of ``policytrack`` and its floor."""

MAX_LINES = 600

GENERATED = {"storage/builders.py"}
"""Modules a generator writes, each compared with its output by a test: a reader reads the
generator (``storage/buildgen.py``), which keeps to the limit."""

LAZY_EDGES = {"policytrack.model.edges": "policytrack.render."}
"""The one allowance: a module whose methods hand a value to the render layer (DataFrames,
notebook display) may import render inside a function, never at module level. Such an import
runs only when the method is called, so the model still loads without render; it is left out
of the layer and cycle checks, and any other upward import, lazy or not, is still a failure."""


def _module_name(path: Path, package: Path) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _lazy(tree: ast.Module) -> set[int]:
    """The lines of the imports made inside a function body."""
    return {
        node.lineno
        for func in ast.walk(tree)
        if isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef)
        for node in ast.walk(func)
        if isinstance(node, ast.Import | ast.ImportFrom)
    }


def _imports(path: Path, name: str) -> list[tuple[str, tuple[str, ...], int]]:
    """Every ``policytrack`` import in one file: (module, names taken, line).

    The lazy imports :data:`LAZY_EDGES` allows are left out.
    """
    tree = ast.parse(path.read_text("utf-8"))
    found = []
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    allowed = LAZY_EDGES.get(name)
    lazy = _lazy(tree) if allowed else set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(a.name, (), node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, module] if module else base)
            found.append((module, tuple(a.name for a in node.names), node.lineno))
    if allowed:
        found = [f for f in found if not (f[2] in lazy and f[0].startswith(allowed))]
    return [f for f in found if f[0] == "policytrack" or f[0].startswith("policytrack.")]


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _graph(package: Path) -> dict[str, list[tuple[str, tuple[str, ...], int]]]:
    names = {path: _module_name(path, package) for path in sorted(package.rglob("*.py"))}
    return {name: _imports(path, name) for path, name in names.items()}


def _violations(package: Path) -> list[str]:
    """Every broken rule in a package laid out like ``policytrack``."""
    graph = _graph(package)
    modules = set(graph)
    problems = []
    for module, imports in graph.items():
        for target, names, line in imports:
            # The command line may read the package root's ``__version__``; nothing else may.
            if target == "policytrack" and module != "policytrack":
                if _layer(module) != "cli" or names != ("__version__",):
                    problems.append(f"{module}:{line} imports the package root")
                continue
            # ``from policytrack.storage import build`` names a module, not a private name.
            taken = [n for n in names if f"{target}.{n}" not in modules]
            here, there = _layer(module), _layer(target)
            if here in RANK and there in RANK and RANK[there] > RANK[here]:
                problems.append(f"{module}:{line} imports {target}, a layer above ({there})")
            private = [n for n in taken if n.startswith("_") and not n.startswith("__")]
            if private and target != module:
                problems.append(f"{module}:{line} takes {', '.join(private)} from {target}")
            if target.startswith("policytrack.") and target not in modules:
                problems.append(f"{module}:{line} imports {target}, which does not exist")
    problems += [f"import cycle: {' -> '.join(cycle)}" for cycle in _cycles(graph)]
    return problems


def _cycles(graph: dict[str, list[tuple[str, tuple[str, ...], int]]]) -> list[list[str]]:
    """The import cycles between modules (a package's ``__init__`` counts as its module)."""
    edges: dict[str, set[str]] = defaultdict(set)
    for module, imports in graph.items():
        for target, names, _line in imports:
            if module == "policytrack" or target == "policytrack":
                continue
            for n in names or ("",):
                full = f"{target}.{n}" if n and f"{target}.{n}" in graph else target
                if full != module and full in graph:
                    edges[module].add(full)
    cycles, state = [], dict.fromkeys(graph, 0)

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges[node]):
            if state[nxt] == 1:
                cycles.append([*stack[stack.index(nxt) :], nxt])
            elif state[nxt] == 0:
                visit(nxt, stack)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if state[node] == 0:
            visit(node, [])
    return cycles


def test_the_package_keeps_its_layers() -> None:
    """Imports run downward only, with no cycle and no private name taken across modules."""
    assert _violations(PACKAGE) == []


def test_every_top_level_module_has_a_layer() -> None:
    """A new top-level module or package is given its floor here before it is used."""
    modules = {p.stem for p in PACKAGE.glob("*.py")}
    packages = {p.parent.name for p in PACKAGE.glob("*/*.py")} - {"data"}
    assert modules | packages <= set(RANK)


def test_no_module_is_longer_than_a_reader_can_hold() -> None:
    """No module runs past about 600 lines, but for the generated ones."""
    long = {
        str(p.relative_to(PACKAGE)): n
        for p in PACKAGE.rglob("*.py")
        if str(p.relative_to(PACKAGE)) not in GENERATED
        and (n := len(p.read_text("utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


@pytest.mark.parametrize(
    ("path", "source", "expected"),
    [
        (
            "model/records.py",
            "from policytrack.analysis.index import index\n",
            "imports policytrack.analysis.index, a layer above (analysis)",
        ),
        (
            "analysis/index.py",
            "from policytrack.model.dates import _parse\n",
            "takes _parse from policytrack.model.dates",
        ),
        ("model/dates.py", "from policytrack.model import records\n", "import cycle"),
        (
            "model/edges.py",
            "from policytrack.render.frames import to_pandas\n",
            "imports policytrack.render.frames, a layer above (render)",
        ),
        (
            "model/dataset.py",
            "def f():\n    from policytrack.render.frames import to_pandas\n",
            "imports policytrack.render.frames, a layer above (render)",
        ),
    ],
)
def test_the_rules_fail_when_broken(tmp_path: Path, path: str, source: str, expected: str) -> None:
    """Each rule fails on a copy of the package with one bad import added."""
    copy = tmp_path / "policytrack"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.json"))
    target = copy / path
    target.write_text(target.read_text("utf-8") + source, "utf-8")
    problems = _violations(copy)
    assert any(expected in p for p in problems), problems
