"""The shape of the package, checked from its source (nothing is imported): no import cycle
between its modules, and no module or class too big to read in one sitting.

An import counts wherever it is written: at the top, inside a function or under
`if TYPE_CHECKING:`. Those last two are how a cycle is usually hidden rather than broken."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "cities4cities"
MAX_MODULE_LINES = 400
MAX_CLASS_LINES = 200


@dataclass(frozen=True)
class Import:
    """One module of the package importing another, as written in `path` at `line`."""

    source: str
    target: str
    path: Path
    line: int

    def __str__(self) -> str:
        return f"{self.source} → {self.target} (line {self.line} of {self.path.name})"


def module_name(path: Path, package: Path = PACKAGE) -> str:
    """cities4cities/site/views.py -> cities4cities.site.views; a package's __init__.py is the
    package itself."""
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(package: Path = PACKAGE) -> dict[str, Path]:
    return {module_name(path, package): path for path in sorted(package.rglob("*.py"))}


def parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def imports(name: str, path: Path, known: dict[str, Path]) -> Iterator[Import]:
    """Every import of a module of the package in this module, at any depth of its tree."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]

    def within(target: str) -> str | None:
        """The module a dotted name stands for: itself if it is one, else its nearest
        enclosing module (`pkg.mod.Class` -> `pkg.mod`), or None outside the package."""
        while target and target not in known:
            target = target.rpartition(".")[0]
        return target or None

    for node in ast.walk(parse(path)):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # `from ..x import y` in a.b.c: a.x
                parts = package.split(".")
                parts = parts[: max(len(parts) - (node.level - 1), 0)]
                base = ".".join([*parts, *([node.module] if node.module else [])])
            # `from pkg import name`: the submodule pkg.name if there is one, else pkg itself.
            targets = [f"{base}.{alias.name}" for alias in node.names]
        for target in targets:
            module = within(target)
            if module and module != name:
                yield Import(name, module, path, node.lineno)


def import_graph(package: Path = PACKAGE) -> dict[str, dict[str, Import]]:
    """module -> {imported module: the first import of it}."""
    known = modules(package)
    graph: dict[str, dict[str, Import]] = {name: {} for name in known}
    for name, path in known.items():
        for edge in imports(name, path, known):
            graph[name].setdefault(edge.target, edge)
    return graph


def strongly_connected(graph: dict[str, dict[str, Import]]) -> list[list[str]]:
    """Tarjan's algorithm: the groups of modules that all reach each other."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return components


def cycle_in(component: list[str], graph: dict[str, dict[str, Import]]) -> list[Import]:
    """The shortest cycle through the component's first module, as the imports that make it."""
    start = component[0]
    members = set(component)
    came_by: dict[str, Import] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for target, edge in sorted(graph[node].items()):
                if target not in members or target in came_by:
                    continue
                came_by[target] = edge
                if target == start:
                    cycle = [edge]
                    while cycle[0].source != start:
                        cycle.insert(0, came_by[cycle[0].source])
                    return cycle
                following.append(target)
        frontier = following
    raise AssertionError(f"no cycle through {start} in {component}")  # not for a true component


def describe(cycle: list[Import]) -> str:
    names = " → ".join([edge.source for edge in cycle] + [cycle[0].source])
    return names + "".join(f"\n      {edge}" for edge in cycle)


def test_imports_are_read_in_every_form_and_a_cycle_is_spelled_out(tmp_path: Path) -> None:
    """The check is only as good as its reading of imports: try it on a made-up package with
    every form (the real one may have none of them, or a cycle)."""
    package = tmp_path / "cities4cities"
    (package / "sub").mkdir(parents=True)
    files = {
        "__init__.py": "from .sub import thing\n",
        "a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .b import B\n",
        "b.py": "def f():\n    from . import c\n",
        "c.py": "import cities4cities.sub.inner as inner\nfrom cities4cities import VERSION\n",
        "d.py": "from .a import A\nfrom cities4cities.sub.inner import x\n",
        "sub/__init__.py": "from ..a import A\nfrom . import inner, CONSTANT\n",
        "sub/inner.py": "from ...elsewhere import x\nimport os\nfrom .. import d\n",
    }
    for name, text in files.items():
        (package / name).write_text(text, encoding="utf-8")
    graph = import_graph(package)
    assert {(a, b) for a in graph for b in graph[a]} == {
        ("cities4cities", "cities4cities.sub"),
        ("cities4cities.a", "cities4cities.b"),
        ("cities4cities.b", "cities4cities.c"),
        ("cities4cities.c", "cities4cities.sub.inner"),
        ("cities4cities.c", "cities4cities"),
        ("cities4cities.d", "cities4cities.a"),
        ("cities4cities.d", "cities4cities.sub.inner"),
        ("cities4cities.sub", "cities4cities.a"),
        ("cities4cities.sub", "cities4cities.sub.inner"),
        ("cities4cities.sub.inner", "cities4cities.d"),
    }
    cycles = [c for c in strongly_connected(graph) if len(c) > 1]
    assert len(cycles) == 1
    assert set(cycles[0]) == set(graph)
    assert describe(cycle_in(cycles[0], graph)).splitlines() == [
        "cities4cities → cities4cities.sub → cities4cities.a → cities4cities.b → cities4cities.c"
        " → cities4cities",
        "      cities4cities → cities4cities.sub (line 1 of __init__.py)",
        "      cities4cities.sub → cities4cities.a (line 1 of __init__.py)",
        "      cities4cities.a → cities4cities.b (line 3 of a.py)",
        "      cities4cities.b → cities4cities.c (line 2 of b.py)",
        "      cities4cities.c → cities4cities (line 2 of c.py)",
    ]


def import_cycles(package: Path = PACKAGE) -> list[str]:
    graph = import_graph(package)
    return [describe(cycle_in(c, graph)) for c in strongly_connected(graph) if len(c) > 1]


def too_long(package: Path = PACKAGE) -> list[str]:
    """Each module over MAX_MODULE_LINES and each class over MAX_CLASS_LINES, with its size."""
    offenders = []
    for name, path in modules(package).items():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_MODULE_LINES:
            offenders.append(f"{name}: {lines} lines (at most {MAX_MODULE_LINES} for a module)")
        for node in ast.walk(parse(path)):
            if isinstance(node, ast.ClassDef):
                start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                size = (node.end_lineno or node.lineno) - start + 1
                if size > MAX_CLASS_LINES:
                    offenders.append(
                        f"{name}.{node.name} (line {node.lineno}): {size} lines"
                        f" (at most {MAX_CLASS_LINES} for a class)"
                    )
    return offenders


def test_no_import_cycle_in_the_package() -> None:
    if cycles := import_cycles():
        pytest.fail(
            "import cycles (break them; an import moved into a function or under"
            " TYPE_CHECKING only hides one):\n" + "\n".join(f"  {cycle}" for cycle in cycles),
            pytrace=False,
        )


def test_no_module_or_class_is_too_long() -> None:
    if offenders := too_long():
        pytest.fail(
            "too long to read in one sitting; split by role:\n"
            + "\n".join(f"  {offender}" for offender in offenders),
            pytrace=False,
        )
