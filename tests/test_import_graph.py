"""No import cycles in ``kiosk/``, and every module imports on its own.

Every import counts, the ones inside functions too: a function-level import that points back
at its importer is still a loop between two modules (neither can be read, tested or moved
without the other), and deferring an import is the usual way such a loop hides. Only imports
under ``if TYPE_CHECKING:`` are left out: a type checker follows them, the program never does.

``from kiosk.a import b`` depends on ``kiosk.a.b`` when that is a module, else on ``kiosk.a``;
either way on the packages above it too, whose ``__init__`` runs first. A second test loads
each module as the first of the package, the order a cycle of load-time imports breaks.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "kiosk"


def module_files(package: Path) -> dict[str, Path]:
    """Dotted name -> file, for every module and package under ``package``."""
    found = {}
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def counted_imports(tree: ast.Module) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement in the module except those under ``if TYPE_CHECKING:``."""
    pending: list[ast.AST] = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            pending.extend(node.orelse)
        else:
            pending.extend(ast.iter_child_nodes(node))


def _with_parents(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


def dependencies(name: str, path: Path, known: Iterable[str]) -> set[str]:
    """The modules of the package that loading ``name`` loads directly."""
    known = set(known)
    is_package = path.name == "__init__.py"
    here = name if is_package else name.rpartition(".")[0]
    targets: set[str] = set()
    for node in counted_imports(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
            continue
        base = node.module or ""
        if node.level:
            anchor = here.split(".")[: len(here.split(".")) - (node.level - 1)]
            base = ".".join([*anchor, *([base] if base else [])])
        targets.add(base)
        targets.update(f"{base}.{alias.name}" for alias in node.names)
    found: set[str] = set()
    for target in targets:
        found.update(t for t in _with_parents(target) if t in known)
    found.discard(name)
    return found


def import_graph(package: Path) -> dict[str, set[str]]:
    files = module_files(package)
    return {name: dependencies(name, path, files) for name, path in files.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted, longest first."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for dep in sorted(graph.get(node, ())):
            if dep not in index:
                visit(dep)
                low[node] = min(low[node], low[dep])
            elif dep in on_stack:
                low[node] = min(low[node], index[dep])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10 * len(graph) + 100))
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups, key=lambda g: (-len(g), g))


def cycle_path(graph: dict[str, set[str]], group: list[str]) -> str:
    """One loop through ``group``, as ``a -> b -> a``, for the failure message."""
    members = set(group)
    start = group[0]
    path = [start]
    seen = {start}
    node = start
    while True:
        nexts = sorted(d for d in graph[node] if d in members)
        if start in nexts and len(path) > 1:
            return " -> ".join([*path, start])
        step = next((d for d in nexts if d not in seen), None)
        if step is None:
            return " -> ".join([*path, nexts[0]])
        path.append(step)
        seen.add(step)
        node = step


def describe(graph: dict[str, set[str]], groups: list[list[str]]) -> str:
    return "\n".join(f"{', '.join(g)}\n    e.g. {cycle_path(graph, g)}" for g in groups)


# --- the package ------------------------------------------------------------------------------


def test_no_import_cycles() -> None:
    graph = import_graph(PACKAGE)
    assert "kiosk.core.loader" in graph, "the graph must cover the package"
    found = cycles(graph)
    assert not found, "import cycles:\n" + describe(graph, found)


# Each layer and the layers it must never import (data flows one way: core, then printing and
# the speech process, then the screens, then the commands that start them).
FORBIDDEN = {
    "kiosk.core": ("kiosk.printing", "kiosk.ui", "kiosk.speech", "kiosk.commands", "kiosk.cli"),
    "kiosk.printing": ("kiosk.ui", "kiosk.speech", "kiosk.commands", "kiosk.cli"),
    "kiosk.speech": ("kiosk.printing", "kiosk.ui", "kiosk.commands", "kiosk.cli"),
    "kiosk.ui": ("kiosk.commands", "kiosk.cli"),
}


def test_layers_import_only_downwards() -> None:
    graph = import_graph(PACKAGE)
    wrong = [
        f"{module} imports {dep}"
        for module, deps in sorted(graph.items())
        for layer, banned in FORBIDDEN.items()
        if module == layer or module.startswith(f"{layer}.")
        for dep in sorted(deps)
        if any(dep == b or dep.startswith(f"{b}.") for b in banned)
    ]
    assert not wrong, "\n".join(wrong)


def test_the_top_of_the_package_is_only_its_face() -> None:
    top = sorted(p.name for p in PACKAGE.iterdir() if p.suffix == ".py")
    assert top == ["__init__.py", "__main__.py", "cli.py", "paths.py"]


def test_every_module_imports_first_and_alone() -> None:
    """Each module loaded as the first of the package (a cycle can break only some orders)."""
    names = sorted(n for n in module_files(PACKAGE) if not n.endswith("__main__"))
    script = (
        "import importlib, sys, traceback\n"
        f"names = {names!r}\n"
        "failed = []\n"
        "for name in names:\n"
        "    for loaded in [m for m in sys.modules if m == 'kiosk' or m.startswith('kiosk.')]:\n"
        "        del sys.modules[loaded]\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except Exception as exc:\n"
        "        failed.append(f'{name}: {type(exc).__name__}: {exc}')\n"
        "print('\\n'.join(failed))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", result.stdout


# --- the finder itself ------------------------------------------------------------------------


def write_package(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "pkg"


def test_the_finder_sees_a_cycle_through_from_imports_and_packages(tmp_path: Path) -> None:
    package = write_package(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/a.py": "from pkg.sub import b\n",
            "pkg/sub/__init__.py": "",
            "pkg/sub/b.py": "try:\n    from .. import c\nexcept ImportError:\n    pass\n",
            "pkg/c.py": "import pkg.a\n",
            "pkg/d.py": "import pkg.c\n",
        },
    )
    graph = import_graph(package)
    assert cycles(graph) == [["pkg.a", "pkg.c", "pkg.sub.b"]]
    assert (
        cycle_path(graph, ["pkg.a", "pkg.c", "pkg.sub.b"]) == "pkg.a -> pkg.sub.b -> pkg.c -> pkg.a"
    )


def test_only_type_checking_imports_are_left_out(tmp_path: Path) -> None:
    package = write_package(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/a.py": "import pkg.b\n",
            "pkg/b.py": (
                "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.a import x\n"
            ),
            "pkg/c.py": "import pkg.d\n",
            "pkg/d.py": "class D:\n    def later(self):\n        from pkg import c\n",
            "pkg/e.py": (
                "import typing\nif typing.TYPE_CHECKING:\n    pass\nelse:\n    import pkg.a\n"
            ),
        },
    )
    graph = import_graph(package)
    assert graph["pkg.b"] == set()
    assert graph["pkg.e"] == {"pkg", "pkg.a"}
    assert cycles(graph) == [["pkg.c", "pkg.d"]], "an import inside a method still counts"
