"""Package attributes imported on first use (PEP 562): index modules (``models``, ``apis``)
re-export every class without importing every module at start-up."""
from __future__ import annotations

import importlib
import importlib.util
import sys
from typing import Any, Callable, Dict, List, Tuple


def lazy_exports(package: str, modules_package: str,
                 modules: Dict[str, str]) -> Tuple[Callable[[str], Any], Callable[[], List[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``: name -> ``modules_package.<module>``
    (with ``modules_package`` empty, the table holds whole module paths); any other name that
    is a submodule of ``package`` imports it."""

    def __getattr__(name: str) -> Any:
        module = modules.get(name)
        if module is None:
            # A submodule is an attribute once imported; code written for generated clients
            # expects it after importing the package alone (``client.models.Pool``).
            if not name.startswith("__") and importlib.util.find_spec(f"{package}.{name}") is not None:
                return importlib.import_module(f"{package}.{name}")
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        path = f"{modules_package}.{module}" if modules_package else module
        value = getattr(importlib.import_module(path), name)
        setattr(sys.modules[package], name, value)  # found directly from now on
        return value

    def __dir__() -> List[str]:
        return sorted(set(vars(sys.modules[package])) | set(modules))

    return __getattr__, __dir__
