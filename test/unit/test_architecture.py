"""The layering holds: the runtime imports no generated module, and no two modules of the
SDK import each other in a circle.

Every import statement counts, at module level or inside a function, under TYPE_CHECKING or
not: a lazy import is still a dependency.
"""
from __future__ import annotations

import ast
import os
import sys
from typing import Dict, List, Set

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PACKAGE = os.path.join(ROOT, "airflow_python_sdk")
sys.path.insert(0, os.path.join(ROOT, "tools"))

import generate  # noqa: E402

# Generated packages (everything under them) and modules, and the hand-written code that
# stands on a surface.
GENERATED = set()
GENERATED_MODULES = set()
for _surface in generate.SURFACES:
    _rules = generate.SURFACES[_surface]()
    GENERATED |= {_rules.models_package, _rules.models_index, _rules.api_package, _rules.apis_index}
    if getattr(_rules, "compat_module", None):
        GENERATED_MODULES.add(_rules.compat_module)
    if getattr(_rules, "ROOT_EXPORTS", None) is not None:
        GENERATED_MODULES.add(_rules.package)  # the surface's root index
SURFACE_LEVEL = {"airflow_python_sdk", "airflow_python_sdk.waiting", "airflow_python_sdk.v2.waiting",
                 "airflow_python_sdk.v2.api_client",  # finds v2 models by name for response_deserialize
                 "airflow_python_sdk.compat.legacy_modules"}


def module_name(path: str) -> str:
    rel = os.path.relpath(path, ROOT)[:-3].replace(os.sep, ".")
    return rel[: -len(".__init__")] if rel.endswith(".__init__") else rel


def is_generated(name: str) -> bool:
    return name in GENERATED_MODULES or any(name == g or name.startswith(g + ".") for g in GENERATED)


def all_modules() -> Dict[str, str]:
    out = {}
    for dirpath, _, filenames in os.walk(PACKAGE):
        for filename in filenames:
            if filename.endswith(".py"):
                path = os.path.join(dirpath, filename)
                out[module_name(path)] = path
    return out


def imports_of(path: str, name: str, known: Set[str]) -> Set[str]:
    """The SDK modules a module imports (a ``from package import name`` of a submodule
    counts as importing that submodule)."""
    with open(path, encoding="utf-8") as handle:
        tree = ast.parse(handle.read())
    package = name if path.endswith("__init__.py") else name.rpartition(".")[0]
    found: Set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for target in targets:
            if target.startswith("airflow_python_sdk"):
                while target and target not in known:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    found.add(target)
    return found


def graph() -> Dict[str, Set[str]]:
    modules = all_modules()
    return {name: imports_of(path, name, set(modules)) for name, path in modules.items()}


def is_surface_level(name: str) -> bool:
    # the bridge serves v1 operations through v2 ones: it stands on both surfaces
    return name in SURFACE_LEVEL or name == "airflow_python_sdk.bridge" or name.startswith("airflow_python_sdk.bridge.")


def runtime_modules(edges: Dict[str, Set[str]]) -> List[str]:
    return sorted(n for n in edges if not is_generated(n) and not is_surface_level(n))


def test_the_runtime_imports_no_generated_module() -> None:
    edges = graph()
    runtime = runtime_modules(edges)
    assert "airflow_python_sdk._runtime.client" in runtime and len(runtime) > 30
    bad = [f"{name} imports {target}" for name in runtime for target in sorted(edges[name])
           if is_generated(target) or is_surface_level(target)]
    assert bad == []


def test_no_import_cycles() -> None:
    edges = graph()
    cycles: List[List[str]] = []
    state: Dict[str, int] = {}  # 1: on the path, 2: done

    def visit(node: str, path: List[str]) -> None:
        state[node] = 1
        for target in sorted(edges.get(node, ())):
            if state.get(target) == 1:
                cycles.append(path[path.index(target):] + [target])
            elif target not in state:
                visit(target, path + [target])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    assert cycles == []


def test_the_graph_walker_sees_lazy_and_type_checking_imports() -> None:
    edges = graph()
    # an import inside a function and one under TYPE_CHECKING are both edges
    assert "airflow_python_sdk.api.dag_run_api" in edges["airflow_python_sdk.waiting"]  # in a function
    assert "airflow_python_sdk.model.dag_run" in edges["airflow_python_sdk.waiting"]  # TYPE_CHECKING
