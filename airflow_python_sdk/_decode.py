"""Decoding server JSON into models: compiled once per class, tolerant of any shape.

The first ``cls._decode`` of a model class compiles its decoder here (``install``). A
decoder never raises: unknown fields go to the instance's extras, values of an unexpected
type are kept as sent, unknown enum values become readable members.

A decoder owns the JSON it is given: the SDK parsed it a moment ago and nobody else holds
it, so a list whose items become models is filled in place instead of copied (one
allocation fewer per list, and fewer allocations is fewer garbage collector runs while the
parsed tree is alive). ``Model.from_dict``, which takes the caller's data, copies first.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, Callable, Dict, List, Optional, Tuple

from airflow_python_sdk._datetime import parse_date, parse_datetime
from airflow_python_sdk._model import ApiEnum, ListOf, MapOf, Model, OneOf, resolve

MAX_SHAPES = 16  # distinct key sets per class that get their own compiled decoder
INLINE_MAX_FIELDS = 8  # a nested model this small, with plain fields, is built in its parent


def _compile_decoder(cls: Any) -> Callable[[Any], Any]:
    """Build ``cls._decode``.

    The decoder is one straight-line function over the declared fields, converting the kinds
    that need it inline with direct C calls (``datetime.fromisoformat`` behind a cache of
    seen timestamps, a dict lookup for enums, ``map`` over lists). Small nested models
    (``Tag``, ``CronExpression``) are built right there too, without a call per object. An
    object that lacks a declared key goes to a function compiled for its exact key tuple
    ("shape": a server sends the same keys for every object of a kind), unknown keys going
    to the extras. A value the inline calls cannot take raises, and the tolerant keyed loop
    takes over for that object. Past ``MAX_SHAPES`` shapes (data not from a server), every
    such object takes the loop. Every conversion leaves an already converted value as it is,
    so a fallback may run over an object that was partly converted in place.
    """
    converters: Dict[str, Any] = {}
    kinds: Dict[str, Any] = {}
    for field in cls._fields.values():
        entry = (field, _converter(field.kind))
        converters[field.wire] = entry
        kinds[field.wire] = resolve(field.kind)
    for field in cls._fields.values():  # python names accepted too (``type`` for ``__type``)
        converters.setdefault(field.attr, converters[field.wire])
        kinds.setdefault(field.attr, kinds[field.wire])
    new = object.__new__

    def slow(data: Dict[str, Any]) -> Any:
        obj = new(cls)
        extra = None
        for key, value in data.items():
            entry = converters.get(key)
            if entry is None:
                if extra is None:
                    extra = {}
                extra[key] = value
                continue
            field, conv = entry
            field.slot.__set__(obj, value if conv is None or value is None else conv(value))
        obj._extra = extra
        return obj

    def compile_shape(shape: Tuple[str, ...], entry: bool = False) -> Callable[[Dict[str, Any]], Any]:
        """Straight-line code for objects with exactly these keys. ``entry``: the class's
        decoder itself, for the declared keys, checking first that the object can have them."""
        env: Dict[str, Any] = {"new": new, "cls": cls, "slow": slow, "by_shape": by_shape,
                               "fromiso": _parse_timestamp, "seen": _TIMESTAMPS.get,
                               "n": len(shape), "known": frozenset(shape)}
        lines = ["def shaped(d):"]
        if entry:
            lines += ["    if d.__class__ is not dict:", "        return d",
                      "    if len(d) < n:", "        return by_shape(d)"]
        lines += ["    o = new(cls)", "    try:", "        pass"]
        extras = []
        for i, key in enumerate(shape):
            known_field = converters.get(key)
            if known_field is None:
                extras.append(key)
                continue
            field, conv = known_field
            if conv is None:
                lines.append(f"        o.{field.attr} = d[{key!r}]")
                continue
            lines.append(f"        v = d[{key!r}]")
            lines += _field_code(kinds[key], conv, env, f"_{i}", "        ")
            lines.append(f"        o.{field.attr} = v")
        lines += ["    except KeyError:",
                  "        return by_shape(d)",
                  "    except (ValueError, TypeError):",
                  "        return slow(d)"]
        if entry:
            lines.append("    o._extra = None if len(d) == n else "
                         "({k: v for k, v in d.items() if k not in known} or None)")
        else:
            lines.append("    o._extra = " + ("{" + ", ".join(f"{k!r}: d[{k!r}]" for k in extras) + "}"
                                            if extras else "None"))
        lines.append("    return o")
        exec("\n".join(lines), env)  # noqa: S102 - code built from our own field table
        return env["shaped"]  # type: ignore[no-any-return]

    shapes: Dict[Tuple[str, ...], Callable[[Dict[str, Any]], Any]] = {}

    def by_shape(data: Dict[str, Any]) -> Any:
        shape = tuple(data)
        shaped = shapes.get(shape)
        if shaped is None:
            if len(shapes) >= MAX_SHAPES:
                return slow(data)
            shaped = shapes[shape] = compile_shape(shape)
        return shaped(data)

    # The usual case first: every declared field present, in one straight-line function;
    # a missing key sends the object to the shape-specialized path.
    decode = compile_shape(tuple(f.wire for f in cls._fields.values()), entry=True)
    return decode


def _field_code(kind: Any, conv: Callable[[Any], Any], env: Dict[str, Any], tag: str,
                pad: str) -> List[str]:
    """Lines that turn the raw value in ``v`` into the field's value, left in ``v``."""
    if kind is _dt.datetime:
        return [f"{pad}if v is not None:", f"{pad}    v = seen(v) or fromiso(v)"]
    if isinstance(kind, ListOf):  # items converted into the same list (see the module's docstring)
        item = resolve(kind.item)
        env[f"c{tag}"] = _converter(item)
        lines = [f"{pad}if v.__class__ is list:"]
        fields = _flat_fields(item)
        if fields is not None:  # build each item here: no call per item
            lines += [f"{pad}    i = 0", f"{pad}    for x in v:"]
            lines += _inline_model(item, fields, "x", f"c{tag}", env, tag, pad + "        ")
            lines += [f"{pad}        v[i] = t", f"{pad}        i += 1"]
        else:  # map() in C over the items
            lines.append(f"{pad}    v[:] = map(c{tag}, v)")
        return lines
    env[f"c{tag}"] = conv
    if isinstance(kind, type) and issubclass(kind, ApiEnum):
        env[f"m{tag}"] = kind._value2member_map_.get
        return [f"{pad}if v is not None:", f"{pad}    v = m{tag}(v) or c{tag}(v)"]
    fields = _flat_fields(kind)
    if fields is not None:
        return _inline_model(kind, fields, "v", f"c{tag}", env, tag, pad) + [f"{pad}v = t"]
    if isinstance(kind, type) and issubclass(kind, OneOf) and kind.discriminator:
        variants = [(name, resolve(name)) for name in kind.variants]
        flat = [(name, model, fields) for name, model in variants
                if (fields := _flat_fields(model)) is not None]
        if flat:  # pick the variant by its tag, then build it here
            lines = [f"{pad}if v.__class__ is dict:", f"{pad}    k = v.get({kind.discriminator!r})"]
            for j, (name, model, fields) in enumerate(flat):
                lines.append(f"{pad}    {'if' if j == 0 else 'elif'} k == {name!r}:")
                lines += _inline_model(model, fields, "v", f"c{tag}", env, f"{tag}_{j}", pad + "        ")
            lines += [f"{pad}    else:", f"{pad}        t = c{tag}(v)", f"{pad}    v = t"]
            return lines
    return [f"{pad}if v is not None:", f"{pad}    v = c{tag}(v)"]


def _flat_fields(kind: Any) -> Optional[Tuple[Any, ...]]:
    """The fields of a model small enough to build inline, all kept as sent; else None."""
    if not (isinstance(kind, type) and issubclass(kind, Model)) or kind in _COMPILING:
        return None
    fields = tuple(kind._fields.values())
    if len(fields) > INLINE_MAX_FIELDS or any(_converter(f.kind) is not None for f in fields):
        return None
    return fields


def _inline_model(model: Any, fields: Tuple[Any, ...], src: str, fallback: str,
                  env: Dict[str, Any], tag: str, pad: str) -> List[str]:
    """Lines that build ``model`` (its ``_flat_fields``) from the dict in ``src`` into ``t``:
    straight stores when the dict has exactly the declared keys, else the model's own
    decoder (``fallback``)."""
    env[f"M{tag}"] = model
    return ([f"{pad}if {src}.__class__ is dict and len({src}) == {len(fields)}:",
             f"{pad}    try:",
             f"{pad}        t = new(M{tag})"]
            + [f"{pad}        t.{f.attr} = {src}[{f.wire!r}]" for f in fields]
            + [f"{pad}        t._extra = None",
               f"{pad}    except KeyError:",
               f"{pad}        t = {fallback}({src})",
               f"{pad}else:",
               f"{pad}    t = {fallback}({src})"])


def _converter(kind: Any) -> Optional[Callable[[Any], Any]]:
    """How to turn a decoded JSON value into the field's Python value; None: keep as is."""
    kind = resolve(kind)
    if kind is _dt.datetime:
        return _conv_datetime
    if kind is _dt.date:
        return lambda v: parse_date(v) if v.__class__ is str else v
    if isinstance(kind, ListOf):
        item = _converter(kind.item)
        if item is None:
            return None
        return lambda v: _fill(v, map(item, v)) if v.__class__ is list else v  # item() passes None
    if isinstance(kind, MapOf):
        value_conv = _converter(kind.value)
        if value_conv is None:
            return None
        return lambda v: ({k: value_conv(x) if x is not None else x for k, x in v.items()}
                          if v.__class__ is dict else v)
    if isinstance(kind, type):
        if issubclass(kind, ApiEnum):
            members = kind._value2member_map_
            return lambda v: (members.get(v) or kind(v)) if v.__class__ is str else v
        if issubclass(kind, Model):
            current = kind.__dict__.get("_decode")
            if isinstance(current, staticmethod):
                return current.__func__  # type: ignore[no-any-return]
            if kind in _COMPILING:  # a model that contains itself: look it up per call
                return lambda v: kind._decode(v)
            return install(kind)
        if issubclass(kind, OneOf):
            return _one_of_converter(kind)
    return None


def _one_of_converter(kind: Any) -> Callable[[Any], Any]:
    """Pick the variant by its discriminator (``__type``), else by the best key overlap."""
    decoders = {name: _converter(name) for name in kind.variants}
    disc = kind.discriminator

    def conv(value: Any) -> Any:
        if value.__class__ is not dict:
            return value
        if disc is not None:
            decoder = decoders.get(value.get(disc))
            if decoder is not None:
                return decoder(value)
        return kind._decode(value)

    return conv


def _fill(items: List[Any], values: Any) -> List[Any]:
    items[:] = values  # the decoder owns the list: see the module's docstring
    return items


def _conv_datetime(value: Any) -> Any:
    return parse_datetime(value) if value.__class__ is str else value


_COMPILING: set = set()

# Timestamps repeat within a response (every task instance of a run has the run's
# execution_date; a run's logical_date is its data_interval_end): parsed ones are kept,
# a few thousand at most. datetimes are immutable, so sharing one is safe.
_TIMESTAMPS: Dict[str, _dt.datetime] = {}
_TIMESTAMPS_MAX = 4096
_fromisoformat = _dt.datetime.fromisoformat


def _parse_timestamp(text: str) -> _dt.datetime:
    """Parse a server timestamp (raises on bad input: the caller falls back) and remember it."""
    value = _fromisoformat(text)
    if len(_TIMESTAMPS) >= _TIMESTAMPS_MAX:
        _TIMESTAMPS.clear()
    _TIMESTAMPS[text] = value
    return value


def install(cls: Any) -> Callable[[Any], Any]:
    _COMPILING.add(cls)
    try:
        decoder = _compile_decoder(cls)
    finally:
        _COMPILING.discard(cls)
    cls._decode = staticmethod(decoder)
    return decoder


_CONVERTERS: Dict[Any, Any] = {}


def decoder_for(kind: Any) -> Callable[[Any], Any]:
    """A function decoding JSON data into ``kind``; built once per kind."""
    cacheable = isinstance(kind, (str, type))  # ListOf/MapOf instances may be short-lived
    found = _CONVERTERS.get(kind) if cacheable else None
    if found is None:
        conv = _converter(kind)
        found = (lambda data: data) if conv is None else (
            lambda data: None if data is None else conv(data))
        if cacheable:
            _CONVERTERS[kind] = found
    return found  # type: ignore[no-any-return]


def decode(kind: Any, data: Any) -> Any:
    """Decode JSON data into ``kind`` (a model/enum name or class, ListOf, MapOf, a type).
    The data is handed over: lists in it are filled in place."""
    return decoder_for(kind)(data)
