"""Decoding what a server sent: the reference decoder, plain and readable.

``decode(kind, data)`` turns JSON data into the kind's Python values. It never raises: a
field the schema does not list goes to the model's extras, a value of an unexpected type is
kept as sent, an enum value the SDK does not know becomes a readable member, a one-of
picks its variant by the discriminator or else by the keys the data has.

``fast_decoding`` compiles a straight-line decoder per model class for speed; this module
is the definition of what any decoder must produce (a property test checks that the two
agree on every model of every surface), and the fallback the compiled one uses for data of
an unusual shape.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, Dict, Optional, Sequence

from airflow_python_sdk._runtime.kinds import (
    ListOf,
    LiteralOf,
    MapOf,
    UnionOf,
    field_kind,
    is_alias,
    is_enum,
    is_model,
    is_one_of,
    is_wrapper,
    variants_of,
    wrapped_kind,
)
from airflow_python_sdk._runtime.timestamps import parse_date, parse_timestamp

_new = object.__new__


def decode(kind: Any, data: Any) -> Any:
    """``data`` (parsed JSON, handed over) as values of ``kind``."""
    if data is None:
        return None
    if kind is _dt.datetime:
        return parse_timestamp(data)
    if kind is _dt.date:
        return parse_date(data)
    if isinstance(kind, ListOf):
        return [decode(kind.item, x) for x in data] if data.__class__ is list else data
    if isinstance(kind, MapOf):
        return ({k: decode(kind.value, x) for k, x in data.items()}
                if data.__class__ is dict else data)
    if isinstance(kind, UnionOf):
        return decode_union(kind, data)
    if is_enum(kind):
        return enum_member(kind, data) if data.__class__ is str else data
    if is_alias(kind):
        return kind(data) if data.__class__ is str else data
    if is_model(kind):
        return decode_model(kind, data) if data.__class__ is dict else data
    if is_one_of(kind):
        if data.__class__ is not dict:
            return data
        return decode_model(choose_variant(variants_of(kind), kind.discriminator, data), data)
    if is_wrapper(kind):
        return wrap(kind, decode(wrapped_kind(kind), data))
    return data  # str, numbers, bools, dict, list, ANY: as sent


def wrap(kind: Any, value: Any) -> Any:
    """A one-of wrapper of ``kind`` holding ``value``."""
    wrapper = _new(kind)
    wrapper.actual_instance = value
    return wrapper


def decode_model(cls: Any, data: Dict[str, Any]) -> Any:
    """A model instance from a JSON object: known keys to fields, the others to extras."""
    obj = _new(cls)
    extra: Optional[Dict[str, Any]] = None
    by_wire = cls._sdk_by_wire
    for key, value in data.items():
        field = by_wire.get(key)
        if field is None:
            if extra is None:
                extra = {}
            extra[key] = value
        else:
            field.slot.__set__(obj, decode(field_kind(field), value))
    obj._extra = extra
    return obj


def enum_member(kind: Any, value: str) -> Any:
    """The member for ``value``, a new one when the SDK does not know it."""
    return kind._value2member_map_.get(value) or kind(value)


def choose_variant(variants: Sequence[Any], discriminator: Optional[str], data: Dict[str, Any]) -> Any:
    """Which model class a one-of's data is: the one its discriminator names, else the one
    that knows most of its keys (on a tie, the one missing fewest required fields, then the
    first declared)."""
    if discriminator is not None:
        tag = data.get(discriminator)
        if tag is None and discriminator.startswith("_"):
            tag = data.get(discriminator.lstrip("_"))
        for variant in variants:
            if variant.__name__ == tag:
                return variant

    def score(variant: Any) -> Any:
        known = variant._sdk_by_wire
        matched = sum(1 for key in data if key in known)
        missing = sum(1 for f in variant._sdk_required if f.wire not in data and f.attr not in data)
        return (matched, -missing)

    best = variants[0]
    best_score = score(best)
    for variant in variants[1:]:
        current = score(variant)
        if current > best_score:
            best, best_score = variant, current
    return best


def decode_union(kind: UnionOf, data: Any) -> Any:
    """A value of one of several kinds: the first kind that takes its JSON type (among
    several models, the one that knows most of its keys)."""
    options = [option for option in kind.options if takes(option, data)]
    if not options:
        return data
    if data.__class__ is dict and len(options) > 1:
        models = [option for option in options if is_model(option)]
        for option in options:
            if is_one_of(option):
                models.extend(variants_of(option))
        if models:
            return decode_model(choose_variant(models, None, data), data)
    return decode(options[0], data)


def takes(kind: Any, data: Any) -> bool:
    """Whether JSON data of ``data``'s type can be a value of ``kind``."""
    cls = data.__class__
    if cls is dict:
        return kind is dict or kind is object or isinstance(kind, MapOf) or is_model(kind) or is_one_of(kind)
    if cls is list:
        if kind is list or kind is object:
            return True
        if isinstance(kind, ListOf):
            return not data or data[0] is None or takes(kind.item, data[0])
        return False
    if isinstance(kind, LiteralOf):
        return data in kind.values
    if cls is str:
        if kind is _dt.datetime:
            return parse_timestamp(data) is not data
        return kind in (str, object, _dt.date) or is_enum(kind) or (
            isinstance(kind, type) and issubclass(kind, str))
    if cls is bool:
        return kind in (bool, object)
    if cls is int:
        return kind in (int, float, object)
    if cls is float:
        return kind in (float, object)
    return kind is object
