"""What a model does: construction with checks, reading, dict access, equality, ``to_dict``,
JSON, pickling. Every generated model class is a ``Model`` (a collection a ``ListModel``,
a one-of schema a ``OneOf``); their declarations are in ``declare``.

A field the server did not send reads as ``None`` but is left out of ``to_dict()``, so a
decode/encode round trip gives back exactly what was sent. Fields the server sent that the
schema does not list are kept (``additional_properties``), readable as attributes or keys.
"""
from __future__ import annotations

import datetime as _dt
import json
from typing import Any, Dict, Generic, Iterator, List, Optional, TypeVar, Union, overload

from airflow_python_sdk._runtime import display, encoding
from airflow_python_sdk._runtime.checking import check_value
from airflow_python_sdk._runtime.declare import HIDDEN, ModelBase, OneOfBase, is_set
from airflow_python_sdk._runtime.decoding import choose_variant
from airflow_python_sdk._runtime.errors import ApiAttributeError, ApiKeyError, ApiTypeError, ApiValueError
from airflow_python_sdk._runtime.fast_decoding import converter, decoder_of
from airflow_python_sdk._runtime.fields import NO_DEFAULT, UNSET
from airflow_python_sdk._runtime.kinds import ListOf, field_kind, field_optional, variants_of
from airflow_python_sdk._runtime.timestamps import parse_date, parse_timestamp, seen
from airflow_python_sdk.compat.models import KEYWORDS as LEGACY_KEYWORDS
from airflow_python_sdk.compat.models import legacy_arguments

T = TypeVar("T")


class Model(ModelBase):
    """Base of every model: typed fields, unknown fields kept, dict-style access."""

    __slots__ = ()

    @staticmethod
    def _sdk_deferred_property(attr: str, annotation: str) -> property:
        return deferred_property(attr, annotation)

    def __init__(self, *args: Any, additional_properties: Optional[Dict[str, Any]] = None,
                 **kwargs: Any) -> None:
        cls = type(self)
        check = True
        if args or kwargs.keys() & LEGACY_KEYWORDS:
            kwargs, check = legacy_arguments(cls, args, kwargs)
        self._extra = dict(additional_properties) if additional_properties else None
        by_name = cls._sdk_by_wire
        for key, value in kwargs.items():
            field = by_name.get(key)
            if field is None:
                raise ApiTypeError(f"{cls.__name__}() got an unexpected keyword argument "
                                   f"{key!r}{did_you_mean(key, cls._sdk_fields)}")
            if value is UNSET:
                continue
            if value is None:
                if not field.nullable:
                    if field_optional(field):
                        continue  # None for a field the API takes no null in: leave it out
                    if check:
                        raise ApiValueError(f"{cls.__name__}.{field.attr} may not be None")
            elif check:
                value = check_value(field_kind(field), value, (cls.__name__, field.attr))
            field.slot.__set__(self, value)
        for field in cls._sdk_fields.values():
            if field.default is UNSET or is_set(self, field):
                continue
            if field.default is NO_DEFAULT:
                if check:
                    raise ApiTypeError(f"{cls.__name__}() missing required argument {field.attr!r}")
            else:  # a constant the API needs sent (``"action": "create"``), or null
                field.slot.__set__(self, field.default)

    # -- from server-shaped data
    @classmethod
    def from_dict(cls: Any, data: Any) -> Any:
        """Build from JSON-shaped data (wire or Python names) without checks, as an answer is
        decoded. The data is copied first: the decoder fills lists in place."""
        if not isinstance(data, dict):
            raise ApiTypeError(f"{cls.__name__}.from_dict() takes a dict, got {type(data).__name__}")
        return decoder_of(cls)(copy_json(data))

    @classmethod
    def _from_openapi_data(cls: Any, *args: Any, **kwargs: Any) -> Any:
        """A model as the older clients' deserializer built one (code faking answers calls it):
        fields by Python or JSON name, required ones also positionally, read-only ones too,
        nothing checked."""
        kwargs.setdefault("_check_type", False)
        return cls(*args, **kwargs)

    @classmethod
    def from_json(cls: Any, text: Union[str, bytes]) -> Any:
        """Build from JSON text, as an answer is decoded."""
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ApiTypeError(f"{cls.__name__}.from_json() takes a JSON object, got {type(data).__name__}")
        return decoder_of(cls)(data)

    # -- reading
    def __getattr__(self, name: str) -> Any:
        # Only called when normal lookup failed: an unset slot, or an unknown name.
        cls = type(self)
        declared = cls._sdk_fields.get(name)
        if declared is not None:
            return None if declared.from_map is None else map_entries(self, declared)
        if not name.startswith("__"):
            try:
                extra = object.__getattribute__(self, "_extra")
            except AttributeError:
                extra = None
            if extra and name in extra:
                return extra[name]
        raise ApiAttributeError(f"{cls.__name__} has no field {name!r}")

    @property
    def actual_instance(self) -> "Model":
        """The model itself: what code written for the 3.3.2 client reads from a one-of's value."""
        return self

    @property
    def additional_properties(self) -> Dict[str, Any]:
        """Fields the server sent that this SDK's schema does not list."""
        if self._extra is None:
            self._extra = {}
        return self._extra

    def __getitem__(self, key: str) -> Any:
        field = type(self)._sdk_by_wire.get(key)
        if field is not None:
            try:
                return field.slot.__get__(self, None)
            except AttributeError:
                return None if field.from_map is None else map_entries(self, field)
        if self._extra and key in self._extra:
            return self._extra[key]
        raise ApiKeyError(f"{type(self).__name__} has no key {key!r}")

    def __setitem__(self, key: str, value: Any) -> None:
        field = type(self)._sdk_by_wire.get(key)
        if field is None:
            self.additional_properties[key] = value
        else:
            field.slot.__set__(self, value)

    def __contains__(self, key: object) -> bool:
        field = type(self)._sdk_by_wire.get(key) if isinstance(key, str) else None
        if field is not None:
            return is_set(self, field)
        return bool(self._extra) and key in self._extra  # type: ignore[operator]

    def get(self, key: str, default: Any = None) -> Any:
        """The value of a field or extra by name, ``default`` when it holds none."""
        return self[key] if key in self else default

    def keys(self) -> List[str]:
        """The names (wire spelling) of the fields that hold a value, then of the extras."""
        return list(encoding.model_items(self))

    def as_datetime(self, name: str, *,
                    assume_timezone: _dt.tzinfo = _dt.timezone.utc) -> Optional[_dt.datetime]:
        """Field ``name`` (Python or JSON name) as a timezone-aware ``datetime``, None when it
        holds no value. For the timestamps the spec keeps as text (``ti.start_date``,
        ``user.last_login``: ``str``, as the older clients have them) this parses the text;
        a ``datetime`` field comes back as it is. Text without an offset (the server sends
        user timestamps so) is read in ``assume_timezone``. Text that is no timestamp raises
        ``ApiValueError``."""
        value = self[name]
        if value is None:
            return None
        parsed = parse_timestamp(value) if isinstance(value, str) else value
        if not isinstance(parsed, _dt.datetime):
            raise ApiValueError(f"{type(self).__name__}.{name} is not a timestamp: {value!r}")
        if parsed.tzinfo is None or parsed.tzinfo.utcoffset(parsed) is None:
            parsed = parsed.replace(tzinfo=assume_timezone)
        return parsed

    # -- writing out
    def to_dict(self) -> Dict[str, Any]:
        """Plain data by wire name: what was set or sent, nested models as dicts, extras kept."""
        return encoding.to_plain(self)  # type: ignore[no-any-return]

    def to_json(self, **dumps_options: Any) -> str:
        """JSON text of ``to_dict()``, timestamps in RFC 3339."""
        return encoding.dumps(self, allow_naive=True, **dumps_options)

    def to_str(self) -> str:
        """``to_dict()``, pretty-printed."""
        import pprint

        return pprint.pformat(self.to_dict())

    # -- comparing, showing, copying
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Model):
            return NotImplemented
        return (isinstance(other, type(self)) or isinstance(self, type(other))) and (
            self.to_dict() == other.to_dict())

    def __ne__(self, other: object) -> bool:
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    __hash__ = None  # type: ignore[assignment]  # mutable: compared by content, not hashable

    def __repr__(self) -> str:
        return display.model_repr(self)

    def compact_repr(self) -> str:
        """The short form, ``Pool(name='p', slots=2)`` (long values cut), where ``repr()`` and
        ``str()`` of a v1 model print all of ``to_dict()`` as the older clients did."""
        return display.compact_repr(self)

    def _repr_html_(self) -> str:
        return display.model_html(self)

    def __reduce__(self) -> Any:
        return (_rebuild, (type(self), self.to_dict()))


def deferred_property(attr: str, annotation: str) -> property:
    """The property of a deferred field (``declare.is_deferred``): it reads the text the decoder
    stored as sent in ``_t_<attr>``, parses it on first read and keeps the result (a value
    that is not a timestamp or date stays as it was sent)."""
    hidden = HIDDEN + attr
    parse = parse_date if annotation.endswith("date]") or annotation == "date" else parse_timestamp
    env: Dict[str, Any] = {"seen": seen if parse is parse_timestamp else (lambda v: None),
                           "parse": parse}
    source = "\n".join([
        "def get(self):",
        f"    v = self.{hidden}",
        "    if v.__class__ is str:",
        "        p = seen(v) or parse(v)",
        "        if p is not v:",
        f"            self.{hidden} = p",
        "        return p",
        "    return v",
        "def put(self, value):",
        f"    self.{hidden} = value"])
    exec(source, env)  # noqa: S102 - built from the field's own name
    return property(env["get"], env["put"])


def map_entries(model: Model, declared: Any) -> List[Any]:
    """A ``from_map`` list field that was not sent, read from the map the server sent instead
    (kept in the extras): one item per entry whose value is text or null, key and value set."""
    key, value = declared.from_map
    kind = field_kind(declared)
    make = decoder_of(kind.item) if isinstance(kind, ListOf) else dict
    return [make({key: name, value: target}) for name, target in (model._extra or {}).items()
            if target is None or isinstance(target, str)]


def _rebuild(cls: Any, data: Dict[str, Any]) -> Any:
    return decoder_of(cls)(data)  # to_dict() built it for this call: the decoder may own it


class ListModel(Model, Generic[T]):
    """A collection answer (``DAGCollection``, ``PoolCollection``...): a model whose one list
    field holds the items. It iterates, sizes and indexes over that list; field names
    still work as keys (``collection["dags"]``, ``collection["total_entries"]``)."""

    __slots__ = ()

    @classmethod
    def _items_field(cls) -> str:
        name = cls.__dict__.get("_sdk_items")
        if name is None:
            lists = [f for f in cls._sdk_fields.values() if isinstance(field_kind(f), ListOf)
                     or field_kind(f) is list]
            if len(lists) != 1:
                raise ApiTypeError(f"{cls.__name__} has {len(lists)} list fields, not one")
            name = lists[0].attr
            type.__setattr__(cls, "_sdk_items", name)
        return str(name)

    def _items(self) -> List[T]:
        items = getattr(self, type(self)._items_field())
        return items if isinstance(items, list) else []

    def __iter__(self) -> Iterator[T]:
        return iter(self._items())

    def __len__(self) -> int:
        return len(self._items())

    @overload
    def __getitem__(self, key: int) -> T: ...

    @overload
    def __getitem__(self, key: slice) -> List[T]: ...

    @overload
    def __getitem__(self, key: str) -> Any: ...

    def __getitem__(self, key: Union[int, slice, str]) -> Any:
        if isinstance(key, (int, slice)):
            return self._items()[key]
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str) and (key in type(self)._sdk_by_wire or (self._extra and key in self._extra)):
            return super().__contains__(key)
        return key in self._items()


class OneOf(OneOfBase):
    """A schema that is one of several models. Building it builds the matching variant (by
    the discriminator, else by the keys given); decoding picks the variant the same way."""

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        data = dict(*args, **kwargs)
        return choose_variant(variants_of(cls), cls.discriminator, data)(**data)

    @classmethod
    def from_dict(cls, data: Any) -> Any:
        conv = converter(cls)
        return conv(copy_json(data)) if conv is not None else data


def copy_json(value: Any) -> Any:
    """A copy of JSON-shaped data down to its scalars (dict subclasses become dicts, tuples
    lists): the caller's data stays untouched by a decoder that fills lists in place."""
    if isinstance(value, dict):
        return {key: copy_json(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [copy_json(item) for item in value]
    return value


def did_you_mean(name: str, known: Any) -> str:
    import difflib  # only on the error path: keeps it out of start-up

    close = difflib.get_close_matches(name, list(known), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""
