"""The compiled decoder: what ``decoding`` produces, at close to the cost of ``json.loads``.

The first time a model class decodes, a straight-line function is compiled for it from its
field table, the way ``dataclasses`` writes ``__init__``: all declared keys are read in one
``itemgetter`` call, then one store per field, converting inline only the kinds that need it
(timestamps through the bounded table of ``timestamps``, enums by a dict lookup, lists of
models filled in place through ``map``). Small nested models made of plain fields (``Tag``,
``CronExpression``) are built right there, without a call per object.

Data that lacks a declared key goes to a function compiled for its exact key tuple (a
"shape": a server sends the same keys for every object of a kind), unknown keys going to
the extras. Past ``MAX_SHAPES`` shapes per class (data that did not come from a server),
objects take the reference decoder's loop. Nothing here raises on odd data: every value
that is not what the field expects is kept as sent, exactly as ``decoding`` does, and the
property tests check that both decoders agree on every model of every surface.

The decoder owns the JSON it is given: the SDK parsed it a moment ago and nobody else holds
it, so a list whose items become models is filled in place instead of copied (fewer
allocations, fewer garbage collector runs while the parsed tree is alive). ``from_dict``,
which takes the caller's data, copies it first.
"""
from __future__ import annotations

import datetime as _dt
import operator
import threading
from typing import Any, Callable, Dict, List, Optional, Set, Tuple

from airflow_python_sdk._runtime import decoding
from airflow_python_sdk._runtime.kinds import (
    ListOf,
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
from airflow_python_sdk._runtime.timestamps import parse_date, parse_timestamp, seen

MAX_SHAPES = 16  # distinct key sets per class that get their own compiled function
INLINE_MAX_FIELDS = 8  # a nested model this small, with plain fields only, is built inline
POP_DECLARED_MAX = 4  # up to this many declared fields, extras are the parsed dict minus them

Decoder = Callable[[Any], Any]
_LOCK = threading.RLock()
_COMPILING: Set[type] = set()


def decoder_of(cls: Any) -> Decoder:
    """The compiled decoder of a model class, compiled on first use."""
    found = cls.__dict__.get("_sdk_decode")
    if found is None:
        found = _install(cls)
    return found  # type: ignore[no-any-return]


def _install(cls: Any) -> Decoder:
    with _LOCK:  # two threads meeting a class first at once compile it once
        found = cls.__dict__.get("_sdk_decode")
        if found is not None:
            return found  # type: ignore[no-any-return]
        _COMPILING.add(cls)
        try:
            decoder = _compile(cls)
        finally:
            _COMPILING.discard(cls)
        type.__setattr__(cls, "_sdk_decode", decoder)
        return decoder


_KIND_DECODERS: Dict[Any, Decoder] = {}


def decoder_for(kind: Any) -> Decoder:
    """A function decoding JSON data into ``kind`` (a resolved kind); made once per kind."""
    found = _KIND_DECODERS.get(kind)
    if found is None:
        found = converter(kind) or _same
        _KIND_DECODERS[kind] = found
    return found


def _same(value: Any) -> Any:
    return value


# --------------------------------------------------------------------------- converters

def converter(kind: Any) -> Optional[Decoder]:
    """A function from a JSON value to the kind's value, None when values stay as sent.
    Every converter takes any value (None, or one of an unexpected type, comes back as is)
    and leaves an already converted value alone."""
    if kind is _dt.datetime:
        return parse_timestamp
    if kind is _dt.date:
        return parse_date
    if isinstance(kind, ListOf):
        item = converter(kind.item)
        if item is None:
            return None
        return lambda v: _fill(v, map(item, v)) if v.__class__ is list else v
    if isinstance(kind, MapOf):
        value = converter(kind.value)
        if value is None:
            return None
        return lambda v: {k: value(x) for k, x in v.items()} if v.__class__ is dict else v
    if isinstance(kind, UnionOf):
        return _union_converter(kind)
    if is_enum(kind):
        members = kind._value2member_map_.get
        return lambda v: (members(v) or kind(v)) if v.__class__ is str else v
    if is_alias(kind):
        return lambda v: kind(v) if v.__class__ is str else v
    if is_model(kind):
        if kind in _COMPILING:  # a model that holds itself: look its decoder up per call
            return lambda v: decoder_of(kind)(v)
        return decoder_of(kind)
    if is_one_of(kind):
        return _one_of_converter(kind)
    if is_wrapper(kind):
        inner = converter(wrapped_kind(kind)) or _same
        new = object.__new__

        def wrap(v: Any) -> Any:
            if v is None:
                return None
            wrapper = new(kind)
            wrapper.actual_instance = inner(v)
            return wrapper

        return wrap
    return None


def _union_converter(kind: UnionOf) -> Decoder:
    """A union's value, by ``decoding.decode_union``'s rule, through the compiled converter
    of the option it picks (a task log's 12,000 records decode at compiled speed)."""
    options = [(option, converter(option) or _same) for option in kind.options]
    takes = decoding.takes

    def conv(v: Any) -> Any:
        if v is None:
            return None
        chosen = None
        for option, option_conv in options:
            if takes(option, v):
                if chosen is not None and v.__class__ is dict:  # several could: pick by keys
                    return decoding.decode_union(kind, v)
                if chosen is None:
                    chosen = option_conv
        return v if chosen is None else chosen(v)

    return conv


def _one_of_converter(kind: Any) -> Decoder:
    variants = variants_of(kind)
    by_name: Dict[str, Decoder] = {variant.__name__: decoder_of(variant) for variant in variants}
    disc = kind.discriminator

    def conv(value: Any) -> Any:
        if value.__class__ is not dict:
            return value
        tag = value.get(disc) if disc is not None else None
        found = by_name.get(tag) if isinstance(tag, str) else None
        if found is None:
            found = by_name[decoding.choose_variant(variants, disc, value).__name__]
        return found(value)

    return conv


def _fill(items: List[Any], values: Any) -> List[Any]:
    items[:] = values  # the decoder owns the list: see the module's docstring
    return items


# --------------------------------------------------------------------------- compiling

def _flat_fields(kind: Any) -> Optional[Tuple[Any, ...]]:
    """The fields of a model small enough to build inline, all kept as sent; else None."""
    if not is_model(kind) or kind in _COMPILING:
        return None
    fields = tuple(kind._sdk_fields.values())
    if len(fields) > INLINE_MAX_FIELDS or any(
            f.store == f.attr and converter(field_kind(f)) is not None for f in fields):
        return None  # (a lazy timestamp is stored as sent: plain here)
    return fields


class _Code:
    """Source lines and the names they use, for one compiled function."""

    def __init__(self, env: Dict[str, Any]) -> None:
        self.lines: List[str] = []
        self.env = env

    def add(self, line: str) -> None:
        self.lines.append(line)

    def name(self, prefix: str, value: Any) -> str:
        key = f"{prefix}{len(self.env)}"
        self.env[key] = value
        return key


def _compile(cls: Any) -> Decoder:
    fields = tuple(cls._sdk_fields.values())
    kinds = {f.wire: field_kind(f) for f in fields}
    by_key = {f.wire: f for f in fields}
    for f in fields:  # data may also use python names (``type`` for ``__type``)
        by_key.setdefault(f.attr, f)
        kinds.setdefault(f.attr, kinds[f.wire])
    shapes: Dict[Tuple[str, ...], Decoder] = {}
    reference = decoding.decode_model

    def by_shape(data: Dict[str, Any]) -> Any:
        shape = tuple(data)
        shaped = shapes.get(shape)
        if shaped is None:
            if len(shapes) >= MAX_SHAPES:
                return reference(cls, data)
            shaped = shapes[shape] = _compile_shape(cls, shape, by_key, kinds, by_shape, entry=False)
        return shaped(data)

    return _compile_shape(cls, tuple(f.wire for f in fields), by_key, kinds, by_shape, entry=True)


def _compile_shape(cls: Any, shape: Tuple[str, ...], by_key: Dict[str, Any], kinds: Dict[str, Any],
                   by_shape: Decoder, *, entry: bool) -> Decoder:
    """Straight-line code for objects with exactly the keys ``shape`` (``entry``: the class's
    own decoder, for objects that have every declared key and maybe more)."""
    known = [key for key in shape if key in by_key]
    extras = [key for key in shape if key not in by_key]
    env: Dict[str, Any] = {"new": object.__new__, "cls": cls, "by_shape": by_shape,
                           "seen": seen, "parse": parse_timestamp, "n": len(shape),
                           "declared": frozenset(shape)}
    code = _Code(env)
    code.add("def decode(d):")
    if entry:
        code.add("    if d.__class__ is not dict:")
        code.add("        return d")
        code.add("    if len(d) < n:")
        code.add("        return by_shape(d)")
    names = [f"a{i}" for i in range(len(known))]
    if len(known) == 1:
        read = f"{names[0]} = d[{known[0]!r}]"
    elif known:
        env["get"] = operator.itemgetter(*known)
        read = f"{', '.join(names)} = get(d)"
    else:
        read = ""
    if read and entry:  # every key is read before anything is converted: a missing key
        code.add("    try:")  # sends the object on whole, nothing half done
        code.add(f"        {read}")
        code.add("    except KeyError:")
        code.add("        return by_shape(d)")
    elif read:
        code.add(f"    {read}")
    code.add("    o = new(cls)")
    for name, key in zip(names, known):
        field = by_key[key]
        if field.store == field.attr:
            _convert(code, kinds[key], name, "    ")
        # else a timestamp kept as sent until first read (see declare.LAZY_TIMESTAMPS)
        code.add(f"    o.{field.store} = {name}")
    if entry and 0 < len(known) <= POP_DECLARED_MAX:
        # unknown fields beside a few declared ones (a log record: 2 declared, 10 more): the
        # parsed dict, which the decoder owns, becomes the extras once the declared keys go
        code.add("    if len(d) == n:")
        code.add("        o._extra = None")
        code.add("    else:")
        for key in known:
            code.add(f"        del d[{key!r}]")
        code.add("        o._extra = d")
    elif entry:
        code.add("    o._extra = None if len(d) == n else "
                 "({k: v for k, v in d.items() if k not in declared} or None)")
    elif extras:
        code.add("    o._extra = {" + ", ".join(f"{k!r}: d[{k!r}]" for k in extras) + "}")
    else:
        code.add("    o._extra = None")
    code.add("    return o")
    exec("\n".join(code.lines), env)  # noqa: S102 - built from our own field table
    return env["decode"]  # type: ignore[no-any-return]


def _convert(code: _Code, kind: Any, var: str, pad: str) -> None:
    """Lines that turn the JSON value in ``var`` into the field's value, in ``var``."""
    if kind is _dt.datetime:
        code.add(f"{pad}if {var}.__class__ is str:")
        code.add(f"{pad}    {var} = seen({var}) or parse({var})")
        return
    if is_enum(kind):
        members = code.name("m", kind._value2member_map_.get)
        make = code.name("e", kind)
        code.add(f"{pad}if {var}.__class__ is str:")
        code.add(f"{pad}    {var} = {members}({var}) or {make}({var})")
        return
    if isinstance(kind, ListOf):
        item_conv = converter(kind.item)
        if item_conv is None:
            return
        conv = code.name("c", item_conv)
        fields = _flat_fields(kind.item)
        code.add(f"{pad}if {var}.__class__ is list:")
        if fields is not None:  # build each item here: no call per item
            code.add(f"{pad}    i = 0")
            code.add(f"{pad}    for x in {var}:")
            _inline_model(code, kind.item, fields, "x", conv, pad + "        ")
            code.add(f"{pad}        {var}[i] = t")
            code.add(f"{pad}        i += 1")
        else:
            code.add(f"{pad}    {var}[:] = map({conv}, {var})")
        return
    fields = _flat_fields(kind)
    if fields is not None:
        conv = code.name("c", converter(kind))
        code.add(f"{pad}if {var} is not None:")  # null nested objects are common: no call
        _inline_model(code, kind, fields, var, conv, pad + "    ")
        code.add(f"{pad}    {var} = t")
        return
    if is_one_of(kind) and kind.discriminator:
        flat = [(variant, fields) for variant in variants_of(kind)
                if (fields := _flat_fields(variant)) is not None]
        if flat:  # pick the variant by its tag, then build it here
            conv = code.name("c", converter(kind))
            code.add(f"{pad}if {var}.__class__ is dict:")
            code.add(f"{pad}    k = {var}.get({kind.discriminator!r})")
            for j, (variant, fields) in enumerate(flat):
                code.add(f"{pad}    {'if' if j == 0 else 'elif'} k == {variant.__name__!r}:")
                _inline_model(code, variant, fields, var, conv, pad + "        ")
            code.add(f"{pad}    else:")
            code.add(f"{pad}        t = {conv}({var})")
            code.add(f"{pad}    {var} = t")
            return
    conv_fn = converter(kind)
    if conv_fn is not None:
        conv = code.name("c", conv_fn)
        code.add(f"{pad}if {var} is not None:")
        code.add(f"{pad}    {var} = {conv}({var})")


def _inline_model(code: _Code, model: Any, fields: Tuple[Any, ...], src: str, fallback: str,
                  pad: str) -> None:
    """Lines that build ``model`` from the dict in ``src`` into ``t``: plain stores when it has
    exactly the declared keys, else the model's own decoder (``fallback``)."""
    cls = code.name("M", model)
    code.add(f"{pad}if {src}.__class__ is dict and len({src}) == {len(fields)}:")
    code.add(f"{pad}    try:")
    code.add(f"{pad}        t = new({cls})")
    for f in fields:
        code.add(f"{pad}        t.{f.store} = {src}[{f.wire!r}]")
    code.add(f"{pad}        t._extra = None")
    code.add(f"{pad}    except KeyError:")
    code.add(f"{pad}        t = {fallback}({src})")
    code.add(f"{pad}else:")
    code.add(f"{pad}    t = {fallback}({src})")
