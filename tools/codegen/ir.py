"""The generator's intermediate form: a surface's schemas and operations as typed objects.

Reading a spec (``openapi``) produces these; emitting code and docs (``python``, ``docs``)
reads only these. Types are ``TypeRef`` objects that say how they are written as an
annotation, as a runtime kind in an operation record, and which models they name.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Set, Tuple

# --------------------------------------------------------------------------- types

class TypeRef:
    """A type as the generator knows it."""

    def annotation(self) -> str:
        raise NotImplementedError

    def record(self) -> str:
        """The kind expression an operation record uses (``int``, ``ListOf("Tag")``)."""
        raise NotImplementedError

    def models(self) -> Set[str]:
        return set()

    def typing_names(self) -> Set[str]:
        """Names of ``typing`` the annotation uses."""
        return set()

    def runtime_names(self) -> Set[str]:
        """Names of the runtime toolkit the record expression uses."""
        return set()

    def needs_datetime(self) -> Set[str]:
        return set()


@dataclass(frozen=True)
class Prim(TypeRef):
    name: str  # str, int, float, bool

    def annotation(self) -> str:
        return self.name

    def record(self) -> str:
        return self.name


@dataclass(frozen=True)
class Moment(TypeRef):
    """``datetime`` or ``date``."""

    name: str

    def annotation(self) -> str:
        return self.name

    def record(self) -> str:
        return self.name

    def needs_datetime(self) -> Set[str]:
        return {self.name}


@dataclass(frozen=True)
class TextMoment(TypeRef):
    """A timestamp kept as the server's text: what the v1 spec types ``format: datetime``
    (not ``date-time``), which the older clients hand over as ``str``. ``model.as_datetime``
    reads one as a datetime."""

    def annotation(self) -> str:
        return "str"

    def record(self) -> str:
        return "str"


@dataclass(frozen=True)
class AnyValue(TypeRef):
    def annotation(self) -> str:
        return "Any"

    def record(self) -> str:
        return "ANY"

    def typing_names(self) -> Set[str]:
        return {"Any"}

    def runtime_names(self) -> Set[str]:
        return {"ANY"}


@dataclass(frozen=True)
class FreeObject(TypeRef):
    """A JSON object the spec does not describe."""

    def annotation(self) -> str:
        return "Dict[str, Any]"

    def record(self) -> str:
        return "dict"

    def typing_names(self) -> Set[str]:
        return {"Dict", "Any"}


@dataclass(frozen=True)
class Array(TypeRef):
    item: TypeRef

    def annotation(self) -> str:
        return f"List[{self.item.annotation()}]"

    def record(self) -> str:
        if isinstance(self.item, AnyValue):
            return "list"
        return f"ListOf({self.item.record()})"

    def models(self) -> Set[str]:
        return self.item.models()

    def typing_names(self) -> Set[str]:
        return {"List"} | self.item.typing_names()

    def runtime_names(self) -> Set[str]:
        return set() if isinstance(self.item, AnyValue) else {"ListOf"} | self.item.runtime_names()

    def needs_datetime(self) -> Set[str]:
        return self.item.needs_datetime()


@dataclass(frozen=True)
class Map(TypeRef):
    value: TypeRef

    def annotation(self) -> str:
        return f"Dict[str, {self.value.annotation()}]"

    def record(self) -> str:
        return f"MapOf({self.value.record()})"

    def models(self) -> Set[str]:
        return self.value.models()

    def typing_names(self) -> Set[str]:
        return {"Dict"} | self.value.typing_names()

    def runtime_names(self) -> Set[str]:
        return {"MapOf"} | self.value.runtime_names()

    def needs_datetime(self) -> Set[str]:
        return self.value.needs_datetime()


@dataclass(frozen=True)
class Ref(TypeRef):
    """A named schema (a model, enum, alias or one-of class). For a wrapper class that a
    field holds, ``unwrapped`` are the union's options, which a request also takes bare."""

    name: str
    unwrapped: Tuple[TypeRef, ...] = field(default=(), compare=False)

    def annotation(self) -> str:
        return self.name

    def record(self) -> str:
        return repr(self.name)

    def models(self) -> Set[str]:
        return {self.name}


@dataclass(frozen=True)
class Union(TypeRef):
    options: Tuple[TypeRef, ...]
    wrapper: Optional[str] = field(default=None, compare=False)  # its wrapper class, if any

    def annotation(self) -> str:
        return f"Union[{', '.join(o.annotation() for o in self.options)}]"

    def record(self) -> str:
        return f"UnionOf(({', '.join(o.record() for o in self.options)},))"

    def models(self) -> Set[str]:
        return set().union(*(o.models() for o in self.options))

    def typing_names(self) -> Set[str]:
        return {"Union"}.union(*(o.typing_names() for o in self.options))

    def runtime_names(self) -> Set[str]:
        return {"UnionOf"}.union(*(o.runtime_names() for o in self.options))

    def needs_datetime(self) -> Set[str]:
        return set().union(*(o.needs_datetime() for o in self.options))


@dataclass(frozen=True)
class Const(TypeRef):
    values: Tuple[Any, ...]

    def annotation(self) -> str:
        return f"Literal[{', '.join(repr(v) for v in self.values)}]"

    def record(self) -> str:
        return f"LiteralOf({self.values!r})"

    def typing_names(self) -> Set[str]:
        return {"Literal"}

    def runtime_names(self) -> Set[str]:
        return {"LiteralOf"}


# --------------------------------------------------------------------------- schemas

NOT_GIVEN = object()  # a field or parameter without a default in the spec


@dataclass
class FieldDef:
    wire: str
    attr: str
    type: TypeRef
    required: bool = False  # the spec requires the key
    nullable: bool = False  # the spec allows null
    read_only: bool = False
    write_only: bool = False
    secret: bool = False
    present: bool = False  # a real server always sends it, non-null (a recorded claim)
    default: Any = NOT_GIVEN  # the spec's default (documentation only, see python.py)
    const: bool = False  # the value is fixed by the spec (it must be sent)
    from_map: Optional[Tuple[str, str]] = None  # a list the server sends as a map (key, value)

    @property
    def optional(self) -> bool:
        """Whether reading it may give None (absent or null)."""
        if self.present:
            return False
        return self.nullable or not self.required


@dataclass
class SchemaDef:
    """One generated class: a model, an enum, a string alias or a one-of."""

    name: str  # the class name
    module: str  # the module name (no package)
    kind: str  # model | enum | alias | oneof
    spec_name: str = ""  # the schema's name in the spec ("" for inline schemas)
    fields: List[FieldDef] = field(default_factory=list)
    bases: List[str] = field(default_factory=list)  # allOf parts by reference
    members: List[str] = field(default_factory=list)  # enum values
    variants: List[str] = field(default_factory=list)  # one-of class names
    discriminator: Optional[str] = None
    origin: str = "schema"  # schema | inline
    items: Optional[str] = None  # a collection: the attr of its one list field
    in_request: bool = False  # some request body holds it
    in_response: bool = False  # some answer holds it
    union: Optional[TypeRef] = None  # a wrapper: the union whose value it holds
    union_key: str = "anyOf"  # a wrapper: anyOf or oneOf, as the spec writes the union

    def own_fields(self, schemas: Dict[str, "SchemaDef"]) -> List[FieldDef]:
        inherited = {f.wire for base in self.bases for f in schemas[base].all_fields(schemas)}
        return [f for f in self.fields if f.wire not in inherited or self._overrides(f, schemas)]

    def _overrides(self, fdef: FieldDef, schemas: Dict[str, "SchemaDef"]) -> bool:
        for base in self.bases:
            for other in schemas[base].all_fields(schemas):
                if other.wire == fdef.wire:
                    # only a narrowing override (a claim: present here) is written out
                    return other.type != fdef.type or (other.optional and not fdef.optional)
        return False

    def all_fields(self, schemas: Dict[str, "SchemaDef"]) -> List[FieldDef]:
        out: Dict[str, FieldDef] = {}
        for base in self.bases:
            for f in schemas[base].all_fields(schemas):
                out[f.wire] = f
        for f in self.fields:
            out[f.wire] = f
        return list(out.values())


# --------------------------------------------------------------------------- operations

@dataclass
class ParamDef:
    name: str  # python name
    wire: str
    location: str  # path | query | header | body
    type: TypeRef
    required: bool = False
    nullable: bool = False
    explode: bool = True
    default: Any = NOT_GIVEN
    aliases: List[str] = field(default_factory=list)
    compatible: List[str] = field(default_factory=list)
    fixed: Any = NOT_GIVEN  # a value the spec pins (``~`` path segments): not a parameter


@dataclass
class OperationDef:
    operation_id: str
    method: str
    path: str  # without the surface prefix
    tags: List[str]
    summary: str
    params: List[ParamDef]
    response: Optional[TypeRef]  # None: no content
    response_union: Tuple[str, ...] = ()  # one of these models
    response_wrapper: Optional[str] = None  # the wrapper class of that union, if the rules make one
    text: bool = False  # may answer text/plain
    stream: bool = False  # may answer NDJSON
    status: str = "200"

    @property
    def body(self) -> Optional[ParamDef]:
        for p in self.params:
            if p.location == "body":
                return p
        return None


@dataclass
class ApiDef:
    """One Api class: the operations of a tag."""

    name: str  # class name
    module: str
    tag: str
    operations: List[OperationDef] = field(default_factory=list)


@dataclass
class SurfaceDef:
    """Everything generated for one API version."""

    name: str  # v1 | v2
    schemas: Dict[str, SchemaDef]
    apis: List[ApiDef]
    operations: List[OperationDef]
