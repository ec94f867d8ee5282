"""Declaring models: the metaclass that turns annotated fields into slots and a field table,
and the bases every generated schema class starts from (models, enums, string aliases,
one-ofs).

Only the declaration is here. What a model does (construction with checks, reading, dict
access, equality, ``to_dict``...) is in ``model``; checking, encoding and decoding each have
their own module, and all of them work on what this module declares.
"""
from __future__ import annotations

import enum
import sys
from typing import (
    TYPE_CHECKING,
    Any,
    ClassVar,
    Dict,
    Iterator,
    Literal,
    Optional,
    SupportsIndex,
    Tuple,
    Union,
    overload,
)

from airflow_python_sdk._runtime.errors import ApiKeyError
from airflow_python_sdk._runtime.fields import NO_DEFAULT, Field, FieldSpec, field

if TYPE_CHECKING:
    from typing_extensions import LiteralString, dataclass_transform
elif sys.version_info >= (3, 11):
    from typing import dataclass_transform
else:  # pragma: no cover - Python 3.9/3.10: the decorator only informs type checkers
    def dataclass_transform(**_: Any) -> Any:
        return lambda target: target


# A timestamp field keeps the text the server sent until it is first read. Parsing timestamps
# is most of what decoding an answer costs beyond json.loads (a run carries seven); this way
# it is paid for the timestamps a program reads, once each. The value lives in the slot
# "_t_<name>"; "<name>" is a property over it (``model.deferred_property``). Everything else
# (enums, nested models, lists of them) is converted while decoding.
DEFERRED_ANNOTATIONS = frozenset({"datetime", "Optional[datetime]", "date", "Optional[date]"})
HIDDEN = "_t_"


def is_deferred(annotation: str) -> bool:
    """Whether a field with this annotation converts on first read (see above)."""
    return annotation in DEFERRED_ANNOTATIONS


def _annotation_text(annotation: Any) -> str:
    return annotation if isinstance(annotation, str) else getattr(annotation, "__name__", repr(annotation))


def _facts(f: Field) -> str:
    """What ``help()`` says of a field beyond its type."""
    facts = [f"JSON name {f.wire!r}"] if f.wire != f.attr else []
    facts += [name for name, on in (("required", f.required), ("null allowed", f.nullable),
                                    ("read-only", f.read_only), ("write-only", f.write_only),
                                    ("secret", f.secret)) if on]
    return f"  ({', '.join(facts)})" if facts else ""


@dataclass_transform(kw_only_default=True, field_specifiers=(field,))
class ModelMeta(type):
    """Makes a model class from its annotated fields.

    Each annotated name of the class body is a field: its default (``UNSET``, ``field(...)``,
    or none) is taken out of the class, the field gets a slot (a subclass reuses the slots
    of the fields it inherits), and the class gets its field table. Annotations stay text
    until first use (``kinds``), so defining a model imports none of the models it names.
    """

    def __new__(mcls, name: str, bases: Tuple[type, ...], ns: Dict[str, Any], **kwargs: Any) -> Any:
        specs: Dict[str, Tuple[str, FieldSpec]] = {}
        for attr, annotation in ns.get("__annotations__", {}).items():
            if attr.startswith("_"):
                continue  # runtime attributes of the base classes, not fields
            value = ns.pop(attr, NO_DEFAULT)
            spec = value if isinstance(value, FieldSpec) else FieldSpec(default=value)
            specs[attr] = (_annotation_text(annotation), spec)
        inherited: Dict[str, Field] = {}
        for base in reversed(bases):
            for klass in reversed(base.__mro__):
                inherited.update(klass.__dict__.get("_sdk_fields", {}))
        new = [a for a in specs if a not in inherited]
        lazy = [a for a in new if is_deferred(specs[a][0])]
        ns.setdefault("__slots__", tuple(HIDDEN + a if a in lazy else a for a in new))
        cls = super().__new__(mcls, name, bases, ns, **kwargs)
        if lazy:  # Model (in model.py) makes the properties: it knows how to convert
            make = getattr(cls, "_sdk_deferred_property")  # ModelBase declares it
            for attr in lazy:
                setattr(cls, attr, make(attr, specs[attr][0]))
        fields = dict(inherited)
        for attr, (annotation, spec) in specs.items():
            known = inherited.get(attr)
            store = HIDDEN + attr if attr in lazy else (known.store if known is not None else attr)
            fields[attr] = Field(attr, annotation, cls, spec, getattr(cls, attr), store)
        by_wire = {f.wire: f for f in fields.values()}
        for f in fields.values():  # data may also use python names (``type`` for ``__type``)
            by_wire.setdefault(f.attr, f)
        cls._sdk_fields = fields
        cls._sdk_by_wire = by_wire
        cls._sdk_required = tuple(f for f in fields.values() if f.required)
        if fields and specs:
            cls.__doc__ = (cls.__doc__ or "").rstrip() + "\n\nFields:\n" + "\n".join(
                f"    {f.attr}: {f.annotation}{_facts(f)}" for f in fields.values())
        return cls

    _sdk_fields: Dict[str, Field]
    _sdk_by_wire: Dict[str, Field]
    _sdk_required: Tuple[Field, ...]

    @property
    def __signature__(cls) -> Any:
        """What ``help()`` and IDEs show for the constructor: the fields as keywords."""
        import inspect

        params = [inspect.Parameter(f.attr, inspect.Parameter.KEYWORD_ONLY,
                                    default=inspect.Parameter.empty if f.required else f.default,
                                    annotation=f.annotation)
                  for f in cls.__dict__.get("_sdk_fields", {}).values()]
        return inspect.Signature(params, return_annotation=None)


class ModelBase(metaclass=ModelMeta):
    """What every model instance is: slots for its fields, and ``_extra`` for the fields the
    server sent that the schema does not list (None until there is one)."""

    _sdk_fields: ClassVar[Dict[str, Field]] = {}
    _sdk_by_wire: ClassVar[Dict[str, Field]] = {}
    _sdk_required: ClassVar[Tuple[Field, ...]] = ()
    @staticmethod
    def _sdk_deferred_property(attr: str, annotation: str) -> property:
        """The property of a field that converts on first read (``model.Model`` makes it)."""
        raise TypeError(f"the field {attr!r} ({annotation}) needs a Model base to be declared")

    if TYPE_CHECKING:  # a slot, not a field: no constructor parameter for it
        _extra: Optional[Dict[str, Any]] = field(init=False)
    else:
        __slots__ = ("_extra",)


def set_fields(obj: ModelBase) -> Iterator[Tuple[Field, Any]]:
    """The fields of a model instance that hold a value (set by the caller or sent by the
    server), with their values, in declared order."""
    for declared in type(obj)._sdk_fields.values():
        try:
            yield declared, declared.slot.__get__(obj, None)
        except AttributeError:  # never set: the slot is empty
            continue


def is_set(obj: ModelBase, declared: Field) -> bool:
    try:
        declared.slot.__get__(obj, None)
        return True
    except AttributeError:
        return False


class ValueAccess(str):
    """``x["value"]`` and ``x.get("value")`` of a string value: what code written for the 2.x
    client reads from its enum objects (``run["state"]["value"]``); indexes and slices work
    as on any ``str``. (``x.value`` is the enum's, or the alias's own property.)"""

    __slots__ = ()

    # str's own two overloads first, in its order (a LiteralString, any str), then "value"
    @overload
    def __getitem__(self: "LiteralString", key: Union[SupportsIndex, slice], /) -> "LiteralString": ...

    @overload
    def __getitem__(self, key: Union[SupportsIndex, slice], /) -> str: ...  # type: ignore[overload-cannot-match]

    @overload
    def __getitem__(self, key: Literal["value"], /) -> str: ...

    def __getitem__(self, key: Union[str, SupportsIndex, slice], /) -> str:
        if isinstance(key, str):
            if key == "value":
                return str.__str__(self)
            raise ApiKeyError(f"{type(self).__name__} has no key {key!r}; its text is ['value']")
        return str.__getitem__(self, key)

    def get(self, key: str, default: Optional[str] = None) -> Optional[str]:
        """The text for ``"value"``, else ``default``."""
        return str.__str__(self) if key == "value" else default

    def to_str(self) -> str:
        """The text (the 2.x client's ``to_str()`` of an enum)."""
        return str.__str__(self)


class ApiEnum(ValueAccess, enum.Enum):
    """An enum of the API, and a ``str``. A value the SDK does not know becomes a new member
    when read (never an error), so a newer server's states decode. ``member.value`` and
    ``member["value"]`` are its text, as on the 2.x client's enum objects."""

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
        """The values the spec lists (members made from unknown values are not among them)."""
        return tuple(m.value for m in cls.__members__.values())


class StringAlias(ValueAccess):
    """A named string schema (``Color``, ``Timezone``), a ``str``. Where a surface's fields
    hold it (v1), values decode to it, so ``task.ui_color.value`` and ``["value"]`` work as
    on the 2.x client's ``ModelSimple``."""

    @property
    def value(self) -> str:
        return str(self)


class ValueWrapper:
    """A holder of one value, ``actual_instance``, of one of the kinds ``candidates`` names:
    wherever the SDK takes a value (a field, a body), a wrapper stands for the value it holds
    (``wrapper``)."""

    __slots__ = ()
    actual_instance: Any
    candidates: ClassVar[Optional[str]] = None


class OneOfBase:
    """What a one-of schema declares: the names of its variants and, when the spec names one,
    the field that tells them apart (``__type``)."""

    variants: Tuple[str, ...] = ()
    discriminator: Optional[str] = None
