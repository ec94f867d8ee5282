"""How a model field is declared, and what the runtime knows about it.

A generated model declares each field once, with its type::

    class Pool(Model):
        name: str = UNSET                                   # optional in the constructor
        occupied_slots: int = field(default=UNSET, read_only=True)
        description: Optional[str] = field(default=UNSET, nullable=True)
        type: str = field(wire="__type")                    # required in the constructor

The annotation is the type both for a type checker and for the runtime (``kinds`` reads
it on first use). ``field()`` adds what the annotation cannot say: the name on the wire,
whether the server takes ``null`` for it, whether it is read-only (left out of requests)
or secret (masked wherever the SDK shows it), or, for a list the server sends as a map
(``from_map``), read from that map. A field without a default must be given.
"""
from __future__ import annotations

from typing import Any, Optional, Tuple


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


#: The default of every optional field and parameter: "not given", as opposed to ``None``.
UNSET: Any = _Unset()


class _NoDefault:
    __slots__ = ()

    def __repr__(self) -> str:
        return "NO_DEFAULT"


NO_DEFAULT: Any = _NoDefault()


class FieldSpec:
    """What ``field()`` declared: the default and the wire facts of one field."""

    __slots__ = ("default", "wire", "nullable", "read_only", "write_only", "secret", "from_map")

    def __init__(self, default: Any = NO_DEFAULT, wire: Optional[str] = None, nullable: bool = False,
                 read_only: bool = False, write_only: bool = False, secret: bool = False,
                 from_map: Optional[Tuple[str, str]] = None) -> None:
        self.default = default
        self.wire = wire
        self.nullable = nullable
        self.read_only = read_only
        self.write_only = write_only
        self.secret = secret
        self.from_map = from_map


def field(*, default: Any = NO_DEFAULT, wire: Optional[str] = None, nullable: bool = False,
          read_only: bool = False, write_only: bool = False, secret: bool = False,
          from_map: Optional[Tuple[str, str]] = None, init: bool = True) -> Any:
    """Declare a model field with facts its annotation cannot carry.

    ``default=UNSET`` makes it optional in the constructor. ``wire``: its JSON name when
    that is not a Python name (``__type``, ``schema``). ``nullable``: ``None`` is sent as
    JSON null (for other fields ``None`` means "leave it out"). ``read_only``: never sent
    in a request. ``secret``: masked in reprs and logs. ``from_map=(key, value)``: a list field
    the server sends as a map instead (``{"Link": "https://..."}``); while the field itself was
    not sent, it reads as the map's entries, each an item with ``key`` and ``value`` set (the
    map stays as sent, in the extras). ``init`` is for type checkers only (False: not a
    constructor parameter).
    """
    return FieldSpec(default, wire, nullable, read_only, write_only, secret, from_map)


class Field:
    """One field of a model class, as the runtime uses it.

    What values it holds and whether it admits ``None`` come from its annotation, read the
    first time ``kinds.field_kind`` is asked (model modules load lazily, so an annotation
    can name a model that is not imported yet).
    """

    __slots__ = ("attr", "wire", "annotation", "owner", "default", "nullable", "read_only",
                 "write_only", "secret", "from_map", "slot", "store", "_kind", "_optional")

    def __init__(self, attr: str, annotation: str, owner: type, spec: FieldSpec, slot: Any,
                 store: str = "") -> None:
        self.attr = attr
        self.wire = spec.wire or attr
        self.annotation = annotation
        self.owner = owner  # the class that declared it: its module resolves the annotation
        self.default = spec.default
        self.nullable = spec.nullable
        self.read_only = spec.read_only
        self.write_only = spec.write_only
        self.secret = spec.secret
        self.from_map = spec.from_map
        self.slot = slot  # reads (raising AttributeError when unset) and writes the value
        self.store = store or attr  # the slot the value is kept in (decoders write it directly)
        self._kind: Any = NO_DEFAULT  # filled in by kinds.field_kind
        self._optional = False

    @property
    def required(self) -> bool:
        """Whether the constructor needs it."""
        return self.default is NO_DEFAULT

    def __repr__(self) -> str:
        return f"Field({self.attr!r}: {self.annotation})"
