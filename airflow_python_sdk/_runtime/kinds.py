"""What values a field or parameter holds ("kinds"), read from annotations on first use.

A kind is one of:

- a Python type: ``str``, ``int``, ``float``, ``bool``, ``datetime``, ``date``, ``dict``
  (any JSON object), ``list`` (any JSON array), or ``ANY`` (any JSON value);
- a schema class: a model, an ``ApiEnum``, a ``StringAlias``, a one-of, or a one-of wrapper
  (its value, of the kind ``wrapped_kind`` reads, held in ``actual_instance``);
- ``ListOf(kind)``, ``MapOf(kind)`` (a JSON object used as a map), ``UnionOf(kinds)`` (one
  of several kinds, none of them null), ``LiteralOf(values)`` (a constant).

Model annotations name other models of their surface (``List[Tag]``); those names are looked
up through the surface, which imports the model's module then. Operation records name models
the same way, by string (``"Pool"``), resolved by ``resolve``.
"""
from __future__ import annotations

import collections.abc
import datetime as _dt
import sys
import typing
from typing import Any, Dict, Optional, Tuple

from airflow_python_sdk._runtime.declare import ApiEnum, ModelBase, OneOfBase, StringAlias, ValueWrapper
from airflow_python_sdk._runtime.errors import ApiTypeError
from airflow_python_sdk._runtime.fields import NO_DEFAULT, Field
from airflow_python_sdk._runtime.surface import Surface, surface_of

ANY = object  # a value the spec leaves open: kept as decoded from JSON


class ListOf:
    """A JSON array whose items have kind ``item``."""

    __slots__ = ("item",)

    def __init__(self, item: Any) -> None:
        self.item = item

    def __repr__(self) -> str:
        return f"ListOf({self.item!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ListOf) and other.item == self.item

    def __hash__(self) -> int:
        return hash(("ListOf", self.item))


class MapOf:
    """A JSON object used as a map from string to values of kind ``value``."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __repr__(self) -> str:
        return f"MapOf({self.value!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MapOf) and other.value == self.value

    def __hash__(self) -> int:
        return hash(("MapOf", self.value))


class UnionOf:
    """A value of one of several kinds (never null: optionality is kept apart)."""

    __slots__ = ("options",)

    def __init__(self, options: Tuple[Any, ...]) -> None:
        self.options = tuple(options)

    def __repr__(self) -> str:
        return f"UnionOf({self.options!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, UnionOf) and other.options == self.options

    def __hash__(self) -> int:
        return hash(("UnionOf", self.options))


class LiteralOf:
    """One of a few constant values (``Literal["create"]``)."""

    __slots__ = ("values",)

    def __init__(self, values: Tuple[Any, ...]) -> None:
        self.values = tuple(values)

    def __repr__(self) -> str:
        return f"LiteralOf({self.values!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LiteralOf) and other.values == self.values

    def __hash__(self) -> int:
        return hash(("LiteralOf", self.values))


SCALARS = (str, int, float, bool, _dt.datetime, _dt.date, dict, list)
_SEQUENCES = {list, collections.abc.Sequence, collections.abc.MutableSequence,
              collections.abc.Iterable, collections.abc.Collection}
_MAPPINGS = {dict, collections.abc.Mapping, collections.abc.MutableMapping}


def is_model(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, ModelBase)


def is_enum(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, ApiEnum)


def is_one_of(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, OneOfBase)


def is_wrapper(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, ValueWrapper) and kind.candidates is not None


def wrapped_kind(cls: Any) -> Any:
    """The kind of the value a one-of wrapper class holds (read from its ``candidates``)."""
    found = cls.__dict__.get("_sdk_wrapped")
    if found is None:
        found = annotation_kind(cls.candidates, cls)[0]
        type.__setattr__(cls, "_sdk_wrapped", found)
    return found


def is_alias(kind: Any) -> bool:
    """A named string schema (``Color``): where a field holds one, values decode to it."""
    return isinstance(kind, type) and issubclass(kind, StringAlias)


def is_string(kind: Any) -> bool:
    return kind is str or (isinstance(kind, type) and issubclass(kind, StringAlias))


# --------------------------------------------------------------------------- from annotations

#: What generated annotations are written with, found even where a module does not import it
_ANNOTATION_NAMES: Dict[str, Any] = {
    **{name: getattr(typing, name) for name in ("Any", "Dict", "List", "Literal", "Optional", "Union")},
    "datetime": _dt.datetime, "date": _dt.date,
}


class _SurfaceNames(Dict[str, Any]):
    """The names an annotation may use beyond its module's globals: the surface's models,
    and the names of ``typing`` and ``datetime`` generated annotations use."""

    def __init__(self, surface: Optional[Surface]) -> None:
        super().__init__()
        self.surface = surface

    def __missing__(self, name: str) -> Any:
        if self.surface is not None and name in self.surface.models:
            value = self.surface.model(name)
            self[name] = value
            return value
        if name in _ANNOTATION_NAMES:
            return _ANNOTATION_NAMES[name]
        raise KeyError(name)


def annotation_kind(annotation: Any, owner: type) -> Tuple[Any, bool]:
    """``(kind, optional)`` of an annotation written in ``owner``'s module."""
    namespace = _SurfaceNames(surface_of(owner))
    module = sys.modules.get(owner.__module__)
    globals_ = dict(vars(module)) if module is not None else {}
    if isinstance(annotation, str):
        try:
            annotation = eval(annotation, globals_, namespace)  # noqa: S307 - our own annotations
        except Exception as exc:  # a generated annotation that does not evaluate is a bug
            raise ApiTypeError(f"{owner.__name__}: cannot read the annotation {annotation!r} "
                               f"({exc.__class__.__name__}: {exc})") from None
    return kind_of(annotation, globals_, namespace)


def kind_of(tp: Any, globals_: Optional[Dict[str, Any]] = None,
            namespace: Optional[Dict[str, Any]] = None) -> Tuple[Any, bool]:
    """``(kind, optional)`` of an evaluated annotation."""
    if isinstance(tp, typing.ForwardRef):
        tp = eval(tp.__forward_arg__, globals_ or {}, {} if namespace is None else namespace)  # noqa: S307
    if isinstance(tp, str):
        tp = eval(tp, globals_ or {}, {} if namespace is None else namespace)  # noqa: S307
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Union or (sys.version_info >= (3, 10) and origin is _union_type()):
        options = [a for a in args if a is not type(None)]
        optional = len(options) < len(args)
        kinds = tuple(kind_of(a, globals_, namespace)[0] for a in options)
        return (kinds[0] if len(kinds) == 1 else UnionOf(kinds)), optional
    if tp is None or tp is type(None):
        return ANY, True
    if origin in _SEQUENCES:
        item = args[0] if args else typing.Any
        return (list if item is typing.Any else ListOf(kind_of(item, globals_, namespace)[0])), False
    if origin is tuple:
        return list, False  # a JSON array of fixed shape (prefixItems): kept as decoded
    if origin in _MAPPINGS:
        value = args[1] if len(args) == 2 else typing.Any
        return (dict if value is typing.Any else MapOf(kind_of(value, globals_, namespace)[0])), False
    if origin is typing.Literal:
        return LiteralOf(args), False
    if tp is typing.Any or tp is object:
        return ANY, False
    if tp in SCALARS or isinstance(tp, type):
        return tp, False
    raise ApiTypeError(f"no kind for the annotation {tp!r}")


def _union_type() -> Any:
    import types

    return types.UnionType


def field_kind(field: Field) -> Any:
    """The kind of a model field (read from its annotation the first time)."""
    if field._kind is NO_DEFAULT:
        field._kind, field._optional = annotation_kind(field.annotation, field.owner)
    return field._kind


def field_optional(field: Field) -> bool:
    """Whether a field's annotation admits ``None``."""
    field_kind(field)
    return field._optional


# --------------------------------------------------------------------------- named kinds

def resolve(kind: Any, surface: Optional[Surface]) -> Any:
    """A kind with model names (``"Pool"``, ``ListOf("Tag")``) replaced by their classes."""
    if isinstance(kind, str):
        if surface is None:
            raise ApiTypeError(f"model {kind!r} named without a surface to find it in")
        return surface.model(kind)
    if isinstance(kind, ListOf):
        item = resolve(kind.item, surface)
        return kind if item is kind.item else ListOf(item)
    if isinstance(kind, MapOf):
        value = resolve(kind.value, surface)
        return kind if value is kind.value else MapOf(value)
    if isinstance(kind, UnionOf):
        return UnionOf(tuple(resolve(option, surface) for option in kind.options))
    return kind


def named_kind(name: str, surface: Optional[Surface]) -> Any:
    """The kind a type written as text names, as generated clients write them:
    ``"PoolResponse"``, ``"List[DAGResponse]"``, ``"Dict[str, int]"``, ``"datetime"``, ``"object"``."""
    try:
        return kind_of(name, {}, _SurfaceNames(surface))[0]
    except (NameError, SyntaxError, KeyError, TypeError, ApiTypeError):
        raise ApiTypeError(f"unknown response type {name!r}") from None


def variants_of(kind: Any) -> Tuple[Any, ...]:
    """The model classes a one-of schema may be, in declared order."""
    cached = kind.__dict__.get("_sdk_variant_classes")
    if cached is None:
        surface = surface_of(kind)
        cached = tuple(resolve(name, surface) for name in kind.variants)
        kind._sdk_variant_classes = cached
    return cached  # type: ignore[no-any-return]


def kind_name(kind: Any) -> str:
    """How an error message names a kind."""
    if isinstance(kind, ListOf):
        return f"a list of {kind_name(kind.item)}"
    if isinstance(kind, MapOf):
        return f"a dict of {kind_name(kind.value)}"
    if isinstance(kind, UnionOf):
        return " or ".join(kind_name(option) for option in kind.options)
    if isinstance(kind, LiteralOf):
        return " or ".join(repr(v) for v in kind.values)
    if is_wrapper(kind):
        return f"{kind.__name__} ({kind_name(wrapped_kind(kind))})"
    if kind is _dt.datetime:
        return "a timezone-aware datetime"
    if kind is ANY:
        return "any JSON value"
    return getattr(kind, "__name__", str(kind))
