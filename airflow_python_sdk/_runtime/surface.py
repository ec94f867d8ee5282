"""Surfaces: the generated APIs the runtime serves, known to it only by registration.

A surface is one generated API (v1 for Airflow 2.x, v2 for Airflow 3.x). Its models package
declares it when imported::

    SURFACE = Surface("v1", package=__name__, path_prefix="/api/v1",
                      models={"Pool": "pool", ...}, problem_model="Error")

From then on the runtime can find any of its models by name (importing the model's module
on first use, so importing a surface costs nothing per model), knows the path prefix its
operations live under, and which model, if any, error bodies decode into. The runtime never
imports a generated module by its name.
"""
from __future__ import annotations

import importlib
from typing import Any, Dict, Iterator, List, Mapping, Optional

from airflow_python_sdk._runtime.errors import ApiTypeError


class Surface:
    """One generated API: its models by name, its path prefix, its error schema."""

    def __init__(self, name: str, *, package: str, models: Mapping[str, str],
                 path_prefix: str = "", problem_model: Optional[str] = None,
                 error_models: Optional[Mapping[int, str]] = None, exceptions: Optional[str] = None,
                 client: Optional[str] = None, auth: str = "basic", repr_style: str = "fields",
                 bridge: Optional[str] = None, register: bool = True) -> None:
        self.name = name
        self.package = package  # models live in <package>.<module>
        self.models: Dict[str, str] = dict(models)
        self.path_prefix = path_prefix
        self.problem_model = problem_model
        # status -> the model an error body decodes into (``ApiException.data``); 0: any other
        self.error_models: Dict[int, str] = dict(error_models or {})
        self.exceptions = exceptions  # the module of the surface's own exception family, if any
        self.client = client  # the module whose ApiClient.get_default() serves Api classes made bare
        self.auth = auth  # how username and password authenticate: "basic", or "jwt" (a token)
        # how its models print: "dict" (to_dict() pretty-printed) or "fields" (Pool(name='p'))
        self.repr_style = repr_style
        # the module that serves this surface's operations on a server of the other API (v1
        # calls on Airflow 3: ``airflow_python_sdk.bridge``); None: served only natively
        self.bridge = bridge
        self._bridge_module: Any = None
        self._classes: Dict[str, Any] = {}
        self._family: Any = None
        if register:
            _BY_PACKAGE[package] = self
            _ALL[name] = self

    def __repr__(self) -> str:
        return f"<Surface {self.name}: {len(self.models)} models under {self.package}>"

    def model(self, name: str) -> Any:
        """The class of model ``name``, importing its module the first time."""
        found = self._classes.get(name)
        if found is None:
            module = self.models.get(name)
            if module is None:
                raise ApiTypeError(f"the {self.name} API has no model {name!r}")
            found = getattr(importlib.import_module(f"{self.package}.{module}"), name)
            self._classes[name] = found
        return found

    def model_names(self) -> List[str]:
        return sorted(self.models)

    def exception_family(self) -> Any:
        """The ``ApiException`` whose family this surface raises (its ``exceptions`` module's,
        imported the first time; else the SDK-wide one)."""
        if self._family is None:
            if self.exceptions:
                self._family = importlib.import_module(self.exceptions).ApiException
            else:
                from airflow_python_sdk._runtime.errors import ApiException

                self._family = ApiException
        return self._family

    def default_client(self) -> Any:
        """The client an Api class made without one uses: the surface's shared default (its
        ``client`` module's ``ApiClient.get_default()``), or None for a new client each time."""
        if not self.client:
            return None
        return importlib.import_module(self.client).ApiClient.get_default()

    def bridge_module(self) -> Any:
        """The imported ``bridge`` module (its ``call`` serves an operation by translation)."""
        if self._bridge_module is None and self.bridge:
            self._bridge_module = importlib.import_module(self.bridge)
        return self._bridge_module

    def error_model(self, status: int) -> Optional[str]:
        """The name of the model an error body of this status decodes into, if any."""
        return self.error_models.get(status) or self.error_models.get(0)


_BY_PACKAGE: Dict[str, Surface] = {}
_ALL: Dict[str, Surface] = {}


def surfaces() -> Iterator[Surface]:
    """Every surface registered so far (a surface registers when its package is imported)."""
    return iter(list(_ALL.values()))


def surface_of(cls: type) -> Optional[Surface]:
    """The surface a model class belongs to: the one named by its ``__surface__`` attribute,
    else the one whose models package holds the class's module."""
    explicit = getattr(cls, "__surface__", None)
    if isinstance(explicit, Surface):
        return explicit
    module = cls.__module__
    while "." in module:
        module = module.rpartition(".")[0]
        found = _BY_PACKAGE.get(module)
        if found is not None:
            return found
    return None
