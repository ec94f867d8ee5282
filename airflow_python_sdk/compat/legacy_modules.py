"""The module paths of airflow-python-sdk 1.0.1 that this SDK keeps only for old imports.

``airflow_python_sdk.model.dag_collection_all_of``, ``...model.clear_task_instance``, ...: no
file holds them. A finder on ``sys.meta_path`` (installed when the package is imported) makes
each such module when it is first imported, from the names ``v1_models.MODULES`` lists, so
``import`` and ``from ... import`` work as before. (Type checkers do not see these paths;
the same classes are typed as ``airflow_python_sdk.models.<Name>``.)
"""
from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import types
from typing import Any, Dict, Optional, Sequence, Tuple


def _table() -> Dict[str, Tuple[str, Tuple[str, ...]]]:
    """Module path -> (where its names are, the names)."""
    from airflow_python_sdk.compat.v1_models import MODULES

    return {module: ("airflow_python_sdk.compat.v1_models", names) for module, names in MODULES.items()}


class _Loader(importlib.abc.Loader):
    def __init__(self, source: str, names: Tuple[str, ...]) -> None:
        self.source = source
        self.names = names

    def exec_module(self, module: types.ModuleType) -> None:
        source = importlib.import_module(self.source)
        names = self.names
        for name in names:
            setattr(module, name, getattr(source, name))
        module.__all__ = list(names)  # type: ignore[attr-defined]
        module.__doc__ = f"Kept for code written for airflow-python-sdk 1.0.1: see {self.source}."


class LegacyFinder(importlib.abc.MetaPathFinder):
    """Finds the legacy module paths listed in this module."""

    _table: Optional[Dict[str, Tuple[str, Tuple[str, ...]]]] = None

    def find_spec(self, fullname: str, path: Optional[Sequence[str]] = None,
                  target: Any = None) -> Optional[importlib.machinery.ModuleSpec]:
        if not fullname.startswith("airflow_python_sdk.model"):
            return None
        if self._table is None:
            self._table = _table()
        entry = self._table.get(fullname)
        if entry is None:
            return None
        return importlib.machinery.ModuleSpec(fullname, _Loader(*entry))


def install() -> None:
    """Put the finder on ``sys.meta_path`` (once)."""
    if not any(isinstance(finder, LegacyFinder) for finder in sys.meta_path):
        sys.meta_path.append(LegacyFinder())
