"""Operations as records: what a generated Api method hands to the runtime.

An ``Operation`` says everything the wire needs: HTTP method, path template, each parameter
with where it goes (path, query, header, body) and its kind, what a success answers. A
generated method is a typed signature and one call that passes its arguments by name; all
behaviour is in the runtime (``request`` builds the request, ``answers`` reads the answer).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Generic, Optional, Sequence, Tuple, TypeVar

if TYPE_CHECKING:
    from airflow_python_sdk._runtime.surface import Surface

T = TypeVar("T")

PATH = "path"
QUERY = "query"
HEADER = "header"
BODY = "body"


class Param:
    """One parameter of an operation: where it goes on the wire and what it takes.

    ``kind`` is as for model fields (a type, ``ListOf(...)``, or a model name). ``explode``
    False sends a query array comma-separated (``style: form, explode: false``). ``aliases``
    are older names a caller may still use; ``compatible`` other model names a body accepts.
    ``nullable``: the API takes ``null`` (a body or query value of None is sent as such).
    """

    __slots__ = ("name", "location", "kind", "required", "explode", "wire", "aliases",
                 "compatible", "nullable")

    def __init__(self, name: str, location: str, kind: Any, *, required: bool = False,
                 explode: bool = True, wire: Optional[str] = None, aliases: Sequence[str] = (),
                 compatible: Sequence[str] = (), nullable: bool = False) -> None:
        self.name: str = name
        self.location: str = location
        self.kind: Any = kind
        self.required: bool = required
        self.explode: bool = explode
        self.wire: str = wire or name
        self.aliases: Tuple[str, ...] = tuple(aliases)
        self.compatible: Tuple[str, ...] = tuple(compatible)
        self.nullable: bool = nullable

    def __repr__(self) -> str:
        return f"Param({self.name!r}, {self.location!r}, {self.kind!r})"


class Operation(Generic[T]):
    """One API operation of a surface.

    ``response``: what a success answers, as a kind (usually a model name), a tuple of model
    names (one of them), or None for no content. ``text``: the operation can also answer
    ``text/plain``. ``stream``: it answers NDJSON, one JSON value per line.
    """

    __slots__ = ("surface", "operation_id", "method", "path", "params", "response", "text",
                 "stream", "summary", "body", "_by_name")

    def __init__(self, surface: "Surface", operation_id: str, method: str, path: str,
                 params: Sequence[Param] = (), response: Any = None, *, text: bool = False,
                 stream: bool = False, summary: str = "") -> None:
        self.surface: Surface = surface
        self.operation_id: str = operation_id
        self.method: str = method
        self.path: str = path
        self.params: Tuple[Param, ...] = tuple(params)
        self.response: Any = response
        self.text: bool = text
        self.stream: bool = stream
        self.summary: str = summary
        self._by_name: Dict[str, Param] = {}
        self.body: Optional[Param] = None
        for param in self.params:
            self._by_name[param.name] = param
            for alias in param.aliases:
                self._by_name[alias] = param
            if param.location == BODY:
                self.body = param

    def __repr__(self) -> str:
        return f"<Operation {self.surface.name}.{self.operation_id}: {self.method} {self.path}>"

    def param(self, name: str) -> Optional[Param]:
        """The parameter called ``name`` (or one of its older names)."""
        return self._by_name.get(name)
