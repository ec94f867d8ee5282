"""Checking what the caller gives, before anything is sent.

A model built by the caller, or an argument of an Api method, is checked against its kind:
a wrong type, a value an enum does not list or a naive datetime fails here with the name of
the field or parameter; dicts where a model is expected become that model (checked too),
RFC 3339 text where a datetime is expected becomes a datetime, and a model of another class
whose fields the expected one has becomes the expected one (models of the same shape are
interchangeable: the 2.x client's ``UserCollectionItemRoles`` where a field holds ``Role``'s
shape, a decoded ``UserCollectionItem`` as a ``User`` body). What a server sends is never
checked: decoding (``decoding``) accepts anything.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, Tuple

from airflow_python_sdk._runtime.declare import ModelBase, StringAlias, ValueWrapper, set_fields
from airflow_python_sdk._runtime.errors import ApiTypeError, ApiValueError
from airflow_python_sdk._runtime.kinds import (
    ANY,
    ListOf,
    LiteralOf,
    MapOf,
    UnionOf,
    is_enum,
    is_model,
    is_one_of,
    is_wrapper,
    kind_name,
    variants_of,
    wrapped_kind,
)
from airflow_python_sdk._runtime.timestamps import parse_input_timestamp

SHORT_REPR = 200


def short_repr(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= SHORT_REPR else text[:SHORT_REPR - 3] + "..."


def where_of(path: Tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in path)


def check_value(kind: Any, value: Any, path: Tuple[Any, ...]) -> Any:
    """``value`` checked against ``kind`` (not None: the caller decides what None means);
    returns it, converted where the kind says so (dict -> model, text -> datetime, a value
    to the one-of wrapper a field holds)."""
    if is_wrapper(kind):
        return _check_wrapped(kind, value, path)
    if isinstance(value, ValueWrapper):
        value = value.actual_instance
        if value is None:
            raise ApiValueError(f"{where_of(path)}: the wrapper holds no value")
    if kind is ANY:
        return value
    if kind is str or (isinstance(kind, type) and issubclass(kind, StringAlias)):
        if isinstance(value, str):
            return value
    elif kind is bool:
        if isinstance(value, bool):
            return value
    elif kind is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif kind is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return value
    elif kind is dict:
        if isinstance(value, dict):
            return value
    elif kind is list:
        if isinstance(value, (list, tuple)):
            return list(value)
    elif kind is _dt.datetime:
        if isinstance(value, _dt.datetime):
            return value
        if isinstance(value, str):
            return parse_input_timestamp(value, where_of(path))
    elif kind is _dt.date:
        if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
            return value
        if isinstance(value, str):
            try:
                return _dt.date.fromisoformat(value)
            except ValueError:
                raise ApiValueError(f"{where_of(path)}: {value!r} is not a date (YYYY-MM-DD)") from None
    elif isinstance(kind, ListOf):
        if isinstance(value, (list, tuple)):
            return [check_item(kind.item, x, path + (i,)) for i, x in enumerate(value)]
    elif isinstance(kind, MapOf):
        if isinstance(value, dict):
            return {k: None if x is None else check_value(kind.value, x, path + (k,))
                    for k, x in value.items()}
    elif isinstance(kind, UnionOf):
        for option in kind.options:
            try:
                return check_value(option, value, path)
            except (ApiTypeError, ApiValueError):
                continue
    elif isinstance(kind, LiteralOf):
        if value in kind.values:
            return value
        raise ApiValueError(f"{where_of(path)}: {value!r} is not {kind_name(kind)}")
    elif is_enum(kind):
        if isinstance(value, kind):
            return value
        if isinstance(value, str):
            if value in kind._value2member_map_:
                return kind(value)
            raise ApiValueError(f"{where_of(path)}: {value!r} is not one of {list(kind.known_values())}")
    elif is_model(kind):
        if isinstance(value, kind):
            return value
        if isinstance(value, dict):
            return kind(**value)
        if isinstance(value, ModelBase):
            return adopt(kind, value, path)
    elif is_one_of(kind):
        variants = variants_of(kind)
        if isinstance(value, variants):
            return value
        if isinstance(value, dict):
            return kind(**value)
        if isinstance(value, ModelBase):
            return adopt(kind, value, path)
    else:
        return value
    raise ApiTypeError(f"{where_of(path)} must be {kind_name(kind)}, got {type(value).__name__} "
                       f"({short_repr(value)})")


def adopt(kind: Any, value: ModelBase, path: Tuple[Any, ...]) -> Any:
    """A model of another class as one of ``kind`` (a model or one-of class), when every field
    it holds is a field of ``kind``: its values by JSON name, checked, its extras kept."""
    cls = type(value)
    data = {f.wire: v for f, v in set_fields(value)}
    targets = variants_of(kind) if is_one_of(kind) else (kind,)
    for target in targets:
        unknown = [key for key in data if key not in target._sdk_by_wire]
        if unknown:
            continue
        try:
            return target(**data, additional_properties=value._extra)
        except (ApiTypeError, ApiValueError) as exc:
            raise type(exc)(f"{where_of(path)}: a {cls.__name__} taken as {target.__name__}: {exc}") from None
    first = targets[0]
    unknown = [key for key in data if key not in first._sdk_by_wire]
    raise ApiTypeError(f"{where_of(path)} must be {kind_name(kind)} or a model of its shape, got "
                       f"{cls.__name__}, whose field(s) {', '.join(map(repr, unknown))} "
                       f"{kind_name(first)} has not")


def _check_wrapped(kind: Any, value: Any, path: Tuple[Any, ...]) -> Any:
    """A one-of wrapper of ``kind``: the one given, or one made for a bare value (either way
    its value is checked)."""
    inner = value.actual_instance if isinstance(value, ValueWrapper) else value
    if inner is None:
        raise ApiValueError(f"{where_of(path)}: the wrapper holds no value")
    checked = check_value(wrapped_kind(kind), inner, path)
    if isinstance(value, kind) and checked is inner:
        return value
    wrapper = object.__new__(kind)
    wrapper.actual_instance = checked
    return wrapper


def check_item(kind: Any, value: Any, path: Tuple[Any, ...]) -> Any:
    if value is None:
        raise ApiValueError(f"{where_of(path)} may not be None")
    return check_value(kind, value, path)
