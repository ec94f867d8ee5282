"""The model runtime: what every generated model class is made of.

A generated model is a declaration::

    class Pool(Model):
        name: Optional[str] = Field(str)
        slots: Optional[int] = Field(int)
        occupied_slots: Optional[int] = Field(int, read_only=True)

``ModelMeta`` turns the ``Field`` entries into ``__slots__`` and a field table.
The behaviour lives here, once: checking the caller's values, encoding, equality,
repr, dict access. Decoding server JSON, the hot path, is in ``_decode``: a
straight-line decoder compiled per class on first use (one assignment per field,
like ``dataclasses`` does for ``__init__``), which never raises.

A field the server did not send reads as ``None`` but is left out of
``to_dict()``, so a decode/encode round trip gives back exactly what was sent.
"""
from __future__ import annotations

import datetime as _dt
import enum
import importlib
import json
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

from airflow_python_sdk._datetime import format_datetime, parse_datetime
from airflow_python_sdk.exceptions import ApiAttributeError, ApiKeyError, ApiTypeError, ApiValueError


class _Unset:
    """The "not given" sentinel: tells an omitted argument from an explicit ``None``."""

    __slots__ = ()
    _instance: Optional["_Unset"] = None

    def __new__(cls) -> "_Unset":
        if cls._instance is None:
            cls._instance = object.__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNSET"

    def __bool__(self) -> bool:
        return False

    def __reduce__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()


# --------------------------------------------------------------------------- field kinds

class ListOf:
    """Kind of a JSON array whose items have kind ``item``."""

    __slots__ = ("item",)

    def __init__(self, item: Any) -> None:
        self.item = item

    def __repr__(self) -> str:
        return f"ListOf({self.item!r})"


class MapOf:
    """Kind of a JSON object used as a map from string to ``value``."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __repr__(self) -> str:
        return f"MapOf({self.value!r})"


ANY = object  # kind of a value the spec leaves open


class Field:
    """One declared field of a model. ``kind`` is a type, a model/enum name, ListOf or MapOf."""

    __slots__ = ("kind", "wire", "attr", "required", "nullable", "read_only", "write_only",
                 "secret", "slot")

    def __init__(self, kind: Any, *, wire: Optional[str] = None, required: bool = False,
                 nullable: bool = False, read_only: bool = False, write_only: bool = False,
                 secret: bool = False) -> None:
        self.kind = kind
        self.wire = wire
        self.attr = ""
        self.required = required
        self.nullable = nullable
        self.read_only = read_only
        self.write_only = write_only
        self.secret = secret
        self.slot: Any = None

    def __repr__(self) -> str:
        return f"Field({self.attr!r}, {self.kind!r})"


# --------------------------------------------------------------------------- registry

_REGISTRY: Dict[str, Any] = {}


def resolve(kind: Any) -> Any:
    """A kind named by string (``"SLAMiss"``) -> its class, importing its module on demand."""
    if not isinstance(kind, str):
        return kind
    found = _REGISTRY.get(kind)
    if found is None:
        from airflow_python_sdk.models import MODEL_MODULES

        module = MODEL_MODULES.get(kind)
        if module is None:
            raise ApiTypeError(f"unknown model {kind!r}")
        importlib.import_module(f"airflow_python_sdk.model.{module}")
        found = _REGISTRY[kind]
    return found


# --------------------------------------------------------------------------- enums and aliases

class ApiEnum(str, enum.Enum):
    """An enum of the API. A value the SDK does not know becomes a new member, never an error."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        _REGISTRY.setdefault(cls.__name__, cls)

    def __str__(self) -> str:
        return str.__str__(self)

    def __format__(self, spec: str) -> str:
        return str.__format__(self, spec)

    @classmethod
    def _missing_(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value.upper()
        member._value_ = value
        cls._value2member_map_[value] = member  # later lookups find it like any other
        return member

    @classmethod
    def known_values(cls) -> Tuple[str, ...]:
        return tuple(m.value for m in cls.__members__.values())


class StringAlias(str):
    """A named string schema (``Color``, ``Timezone``); values decode as plain ``str``."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        _REGISTRY.setdefault(cls.__name__, cls)

    @property
    def value(self) -> str:
        return str(self)


class OneOf:
    """A schema that is one of several models; constructing it builds the matching variant."""

    variants: Tuple[str, ...] = ()
    discriminator: Optional[str] = None

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        data = dict(*args, **kwargs)
        return cls._choose(data)(**data)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        _REGISTRY[cls.__name__] = cls

    @classmethod
    def _choose(cls, data: Dict[str, Any]) -> Any:
        by_tag = cls.__dict__.get("_by_tag")
        if by_tag is None:  # resolved on first use: the variants' modules load lazily
            by_tag = {name: resolve(name) for name in cls.variants}
            cls._by_tag = by_tag
        if cls.discriminator:
            tag = data.get(cls.discriminator)
            if tag is None:
                tag = data.get(cls.discriminator.lstrip("_"))
            found = by_tag.get(tag)
            if found is not None:
                return found
        return max(by_tag.values(), key=lambda k: sum(1 for key in data if key in k._by_wire))

    @classmethod
    def _decode(cls, data: Any) -> Any:
        if data.__class__ is not dict:
            return data
        return cls._choose(data)._decode(data)

    @classmethod
    def from_dict(cls, data: Any) -> Any:
        return cls._decode(copy_json(data))


# --------------------------------------------------------------------------- models

class _LazyDecode:
    """``cls._decode`` until first use: compiling every decoder at import would cost start-up
    time for models a program never receives."""

    def __get__(self, obj: Any, cls: Any) -> Callable[[Any], Any]:
        from airflow_python_sdk._decode import install

        return install(cls)


class ModelMeta(type):
    def __new__(mcls, name: str, bases: Tuple[type, ...], ns: Dict[str, Any]) -> Any:
        own = {key: value for key, value in ns.items() if isinstance(value, Field)}
        for key in own:
            del ns[key]
        ns.setdefault("__slots__", tuple(own))
        cls = super().__new__(mcls, name, bases, ns)
        fields: Dict[str, Field] = {}
        for base in reversed(cls.__mro__[1:]):
            fields.update(getattr(base, "_fields", {}))
        for attr, field in own.items():
            field.attr = attr
            field.wire = field.wire or attr
            field.slot = cls.__dict__[attr]
        fields.update(own)
        cls._fields = fields
        by_wire = {f.wire: f for f in fields.values()}
        for f in fields.values():  # from_dict also takes python names (``type`` for ``__type``)
            by_wire.setdefault(f.attr, f)
        cls._by_wire = by_wire
        cls._required = tuple(f for f in fields.values() if f.required)
        if "_decode" not in ns:
            cls._decode = _LazyDecode()  # compiled on first use, see _decode.install
        if not name.startswith("_") and name != "Model":
            _REGISTRY.setdefault(name, cls)
        return cls


_COMPAT_KWARGS = frozenset({"_spec_property_naming", "_path_to_item", "_configuration",
                            "_visited_composed_classes", "_check_type"})


class Model(metaclass=ModelMeta):
    """Base of every model: typed fields, unknown fields kept, dict-style access."""

    __slots__ = ("_extra",)
    _fields: Dict[str, Field] = {}
    _by_wire: Dict[str, Field] = {}
    _required: Tuple[Field, ...] = ()

    def __init__(self, *args: Any, additional_properties: Optional[Dict[str, Any]] = None,
                 **kwargs: Any) -> None:
        cls = type(self)
        check = kwargs.get("_check_type", True)
        self._extra = dict(additional_properties) if additional_properties else None
        if args:  # 1.0.1 took required fields positionally
            if len(args) > len(cls._required):
                raise ApiTypeError(f"{cls.__name__}() takes {len(cls._required)} positional "
                                   f"argument(s) but {len(args)} were given")
            for field, value in zip(cls._required, args):
                if field.attr in kwargs:
                    raise ApiTypeError(f"{cls.__name__}() got multiple values for {field.attr!r}")
                kwargs[field.attr] = value
        for key, value in kwargs.items():
            if key in _COMPAT_KWARGS:
                continue
            field = cls._fields.get(key) or cls._by_wire.get(key)
            if field is None:
                raise ApiTypeError(f"{cls.__name__}() got an unexpected keyword argument "
                                   f"{key!r}{_did_you_mean(key, cls._fields)}")
            if value is UNSET:
                continue
            if check:
                value = check_value(field.kind, value, field.nullable, (cls.__name__, field.attr))
            field.slot.__set__(self, value)
        if check:
            for field in cls._required:
                if not _is_set(self, field):
                    raise ApiTypeError(f"{cls.__name__}() missing required argument {field.attr!r}")

    # -- construction from server-shaped data
    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> Any:
        """Build from JSON-shaped data (wire names) without checks, as a response is decoded."""
        if not isinstance(data, dict):
            raise ApiTypeError(f"{cls.__name__}.from_dict() takes a dict, got {type(data).__name__}")
        return cls._decode(copy_json(data))  # decoding fills lists in place: not the caller's

    @classmethod
    def from_json(cls, text: Any) -> Any:
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ApiTypeError(f"{cls.__name__}.from_json() takes a JSON object, got {type(data).__name__}")
        return cls._decode(data)

    # -- reading
    def __getattr__(self, name: str) -> Any:
        # Only called when normal lookup failed: an unset slot, or an unknown name.
        cls = type(self)
        if name in cls._fields:
            return None
        if not name.startswith("__"):
            try:
                extra = object.__getattribute__(self, "_extra")
            except AttributeError:
                extra = None
            if extra and name in extra:
                return extra[name]
        raise ApiAttributeError(f"{cls.__name__} has no field {name!r}")

    @property
    def additional_properties(self) -> Dict[str, Any]:
        """Fields the server sent that this SDK's schema does not list."""
        if self._extra is None:
            self._extra = {}
        return self._extra

    def _items(self) -> Iterator[Tuple[Field, Any]]:
        for field in type(self)._fields.values():
            try:
                yield field, field.slot.__get__(self, None)
            except AttributeError:
                continue

    def __getitem__(self, key: str) -> Any:
        field = type(self)._by_wire.get(key)
        if field is not None:
            try:
                return field.slot.__get__(self, None)
            except AttributeError:
                return None
        if self._extra and key in self._extra:
            return self._extra[key]
        raise ApiKeyError(f"{type(self).__name__} has no key {key!r}")

    def __setitem__(self, key: str, value: Any) -> None:
        field = type(self)._by_wire.get(key)
        if field is None:
            self.additional_properties[key] = value
        else:
            field.slot.__set__(self, value)

    def __contains__(self, key: object) -> bool:
        field = type(self)._by_wire.get(key)  # type: ignore[call-overload]
        if field is not None:
            return _is_set(self, field)
        return bool(self._extra) and key in self._extra  # type: ignore[operator]

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key in self else default

    def keys(self) -> List[str]:
        return list(self.to_dict())

    # -- writing out
    def to_dict(self) -> Dict[str, Any]:
        """Plain data by wire name: what was set or sent, nested models as dicts, extras kept."""
        return to_plain(self)

    def to_json(self, **dumps_kwargs: Any) -> str:
        return json.dumps(to_wire(self, "", None, allow_naive=True), **dumps_kwargs)

    def to_str(self) -> str:
        import pprint

        return pprint.pformat(self.to_dict())

    # -- comparing and showing
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Model):
            return NotImplemented
        return self.to_dict() == other.to_dict() and (
            isinstance(other, type(self)) or isinstance(self, type(other)))

    def __ne__(self, other: object) -> bool:
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        parts = [f"{f.attr}={'***' if f.secret else _short_repr(v)}" for f, v in self._items()]
        if self._extra:
            parts += [f"{k}={_short_repr(v)}" for k, v in self._extra.items()]
        return f"{type(self).__name__}({', '.join(parts)})"

    def __reduce__(self) -> Any:
        return (_rebuild, (type(self), self.to_dict()))

    def _repr_html_(self) -> str:
        from airflow_python_sdk._display import model_html  # notebooks only: imported on use

        return model_html(self)


def copy_json(value: Any) -> Any:
    """A copy of JSON-shaped data down to its scalars (dict subclasses become dicts, tuples
    lists): the caller's data stays untouched by a decoder that fills lists in place."""
    if isinstance(value, dict):
        return {key: copy_json(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [copy_json(item) for item in value]
    return value


def _rebuild(cls: Any, data: Dict[str, Any]) -> Any:
    return cls._decode(data)  # to_dict() built it for this call: the decoder may own it


def _short_repr(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 200 else text[:197] + "..."


def _is_set(obj: Any, field: Field) -> bool:
    try:
        field.slot.__get__(obj, None)
        return True
    except AttributeError:
        return False


def _did_you_mean(name: str, known: Any) -> str:
    import difflib  # only on the error path: keeps it out of start-up

    close = difflib.get_close_matches(name, list(known), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


# --------------------------------------------------------------------------- checking input

def check_value(kind: Any, value: Any, nullable: bool, path: Tuple[Any, ...]) -> Any:
    """Check a value the caller gave against ``kind``; return it (dicts become models)."""
    where = ".".join(str(p) for p in path)
    if value is None:
        if nullable:
            return None
        raise ApiValueError(f"{where} may not be None")
    kind = resolve(kind)
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
            parsed = parse_datetime(value)
            if isinstance(parsed, _dt.datetime):
                return parsed
            raise ApiValueError(f"{where}: {value!r} is not an RFC 3339 timestamp")
    elif kind is _dt.date:
        if isinstance(value, _dt.date):
            return value
    elif isinstance(kind, ListOf):
        if isinstance(value, (list, tuple)):
            return [check_value(kind.item, x, False, path + (i,)) for i, x in enumerate(value)]
    elif isinstance(kind, MapOf):
        if isinstance(value, dict):
            return {k: check_value(kind.value, x, True, path + (k,)) for k, x in value.items()}
    elif isinstance(kind, type) and issubclass(kind, ApiEnum):
        if isinstance(value, kind):
            return value
        if isinstance(value, str):
            if value in kind._value2member_map_:
                return kind(value)
            raise ApiValueError(f"{where}: {value!r} is not one of {list(kind.known_values())}")
    elif isinstance(kind, type) and issubclass(kind, Model):
        if isinstance(value, kind):
            return value
        if isinstance(value, dict):
            return kind(**value)
    elif isinstance(kind, type) and issubclass(kind, OneOf):
        if isinstance(value, Model) and type(value).__name__ in kind.variants:
            return value
        if isinstance(value, dict):
            return kind(**value)
    else:
        return value
    raise ApiTypeError(f"{where} must be {_kind_name(kind)}, got {type(value).__name__} "
                       f"({_short_repr(value)})")


def _kind_name(kind: Any) -> str:
    if isinstance(kind, ListOf):
        return f"a list of {_kind_name(resolve(kind.item))}"
    if isinstance(kind, MapOf):
        return f"a dict of {_kind_name(resolve(kind.value))}"
    if kind is _dt.datetime:
        return "a timezone-aware datetime"
    return getattr(kind, "__name__", str(kind))


# --------------------------------------------------------------------------- encoding

def to_plain(value: Any) -> Any:
    """Models (nested too) as dicts by wire name; other values as they are."""
    if isinstance(value, Model):
        out = {f.wire: to_plain(v) for f, v in value._items()}
        if value._extra:
            out.update(value._extra)
        return out
    if isinstance(value, list):
        return [to_plain(x) for x in value]
    if isinstance(value, dict):
        return {k: to_plain(x) for k, x in value.items()}
    if isinstance(value, enum.Enum):
        return value.value
    return value


def to_wire(value: Any, where: str, assume_tz: Optional[_dt.tzinfo], *,
            allow_naive: bool = False, for_request: bool = False) -> Any:
    """JSON-ready data: datetimes as RFC 3339, enums as their value, models by wire name.

    ``for_request`` leaves out read-only fields (the server answers 400 to them), so a
    model read from the server can be changed and sent back as it is.
    """
    if isinstance(value, Model):
        out: Dict[str, Any] = {}
        for field, item in value._items():
            if for_request and field.read_only:
                continue
            out[field.wire] = to_wire(item, f"{where}.{field.attr}" if where else field.attr,
                                      assume_tz, allow_naive=allow_naive, for_request=for_request)
        if value._extra:
            for key, item in value._extra.items():
                out[key] = to_wire(item, f"{where}.{key}", assume_tz, allow_naive=allow_naive,
                                   for_request=for_request)
        return out
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, _dt.datetime):
        if allow_naive and value.tzinfo is None:
            return value.isoformat()
        return format_datetime(value, where or "value", assume_tz)
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [to_wire(x, f"{where}[{i}]", assume_tz, allow_naive=allow_naive,
                        for_request=for_request) for i, x in enumerate(value)]
    if isinstance(value, dict):
        return {k: to_wire(x, f"{where}.{k}", assume_tz, allow_naive=allow_naive,
                           for_request=for_request) for k, x in value.items()}
    return value

