"""Reading an OpenAPI document (3.0 or 3.1) into the intermediate form (``ir``).

Facts only: paths, methods, parameter names, locations and styles, field names, types,
required/nullable/read-only flags, enum members, defaults, and each operation's short
summary. Naming and what differs between surfaces comes from a ``Rules`` object
(``surfaces``); this module knows OpenAPI, not Airflow.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from codegen import ir

HTTP_METHODS = ("get", "put", "post", "patch", "delete")
JSON = "application/json"
NDJSON = "application/x-ndjson"


def _is_null(schema: Dict[str, Any]) -> bool:
    return schema.get("type") == "null"


class Reader:
    """Builds a ``SurfaceDef`` from a spec, with ``rules`` deciding names and facts."""

    def __init__(self, spec: Dict[str, Any], rules: Any) -> None:
        self.spec = spec
        self.rules = rules
        self.components: Dict[str, Any] = spec.get("components", {}).get("schemas", {})
        self.schemas: Dict[str, ir.SchemaDef] = {}
        self.by_spec_name: Dict[str, str] = {}  # spec schema name -> class name

    # -- references
    def ref_name(self, ref: str) -> str:
        return ref.rsplit("/", 1)[-1]

    def deref(self, schema: Dict[str, Any]) -> Dict[str, Any]:
        while "$ref" in schema:
            schema = self.components[self.ref_name(schema["$ref"])]
        return schema

    def class_of(self, spec_name: str) -> str:
        if spec_name not in self.by_spec_name:
            self.add_schema(spec_name, self.components[spec_name])
        return self.by_spec_name[spec_name]

    # -- types
    def split_null(self, schema: Dict[str, Any]) -> Tuple[Dict[str, Any], bool]:
        """``(schema without null, nullable)``: 3.0's ``nullable`` and 3.1's ``anyOf[..., null]``."""
        nullable = bool(schema.get("nullable"))
        for key in ("anyOf", "oneOf"):
            options = schema.get(key)
            if options and any(_is_null(o) for o in options):
                rest = [o for o in options if not _is_null(o)]
                nullable = True
                if len(rest) == 1:  # the anyOf's own title stays with it (3.3.2's names)
                    merged = {k: v for k, v in schema.items() if k not in (key, "title")}
                    merged.update(rest[0])
                    return merged, nullable
                schema = {**{k: v for k, v in schema.items() if k != key}, key: rest}
        if isinstance(schema.get("type"), list):  # 3.1: type: [string, "null"]
            types = [t for t in schema["type"] if t != "null"]
            if len(types) < len(schema["type"]):
                nullable = True
            schema = {**schema, "type": types[0] if len(types) == 1 else types}
        if "$ref" in schema and self.deref(schema).get("nullable"):
            nullable = True
        return schema, nullable

    def type_of(self, schema: Dict[str, Any], owner: str, prop: str, item: bool = False,
                title: Optional[str] = None, field: bool = False) -> ir.TypeRef:
        """The type of a property (or parameter, or body) schema, nullability aside. ``item``:
        the schema is an array's items, ``title`` the array's title. ``field``: a model's
        field, whose inline union may be typed as its wrapper class (``rules.note_union``)."""
        if not item:
            title = schema.get("title")
        schema, _ = self.split_null(schema)
        if "$ref" in schema:
            name = self.ref_name(schema["$ref"])
            target = self.components[name]
            if self.rules.is_any_schema(name, target):
                return ir.AnyValue()
            return ir.Ref(self.class_of(name))
        if "allOf" in schema and len(schema["allOf"]) == 1:
            return self.type_of(schema["allOf"][0], owner, prop, field=field)
        if "const" in schema:
            return ir.Const((schema["const"],))
        for key in ("anyOf", "oneOf"):
            if key in schema:
                union = self.union_of(schema[key], owner, prop)
                if isinstance(union, ir.Union):
                    wrapper = self.rules.note_union(self, union, owner, prop, title, item, key)
                    if wrapper is not None and field and self.rules.wraps(union):
                        return ir.Ref(wrapper, unwrapped=union.options)
                    if wrapper is not None:
                        return ir.Union(union.options, wrapper)
                return union
        typ = schema.get("type")
        fmt = schema.get("format")
        if typ == "string":
            if fmt in self.rules.timestamp_formats:
                return ir.Moment("datetime")
            if fmt in self.rules.text_timestamp_formats:
                return ir.TextMoment()
            if fmt == "date":
                return ir.Moment("date")
            return ir.Prim("str")
        if typ == "integer":
            return ir.Prim("int")
        if typ == "number":
            return ir.Prim("float")
        if typ == "boolean":
            return ir.Prim("bool")
        if typ == "array":
            if "prefixItems" in schema:  # a fixed-shape tuple: any array
                return ir.Array(ir.AnyValue())
            return ir.Array(self.type_of(schema.get("items", {}), owner, prop, True, schema.get("title"),
                                         field))
        if typ == "object" or "properties" in schema:
            if schema.get("properties"):
                name = self.rules.inline_name(owner, prop, schema)
                self.add_object(name, schema, origin="inline")
                return ir.Ref(name)
            extra = schema.get("additionalProperties")
            if isinstance(extra, dict) and extra:
                value = self.type_of(extra, owner, prop)
                if not isinstance(value, ir.AnyValue):
                    return ir.Map(value)
            return ir.FreeObject()
        return ir.AnyValue()

    def union_of(self, options: List[Dict[str, Any]], owner: str, prop: str) -> ir.TypeRef:
        types: List[ir.TypeRef] = []
        for option in options:
            t = self.type_of(option, owner, prop)
            if isinstance(t, ir.AnyValue):
                return t
            if t not in types:
                types.append(t)
        json_kinds = {"str", "int", "float", "bool"}
        prims = {t.name for t in types if isinstance(t, ir.Prim)}
        if prims >= json_kinds and any(isinstance(t, ir.Array) for t in types):
            return ir.AnyValue()  # every JSON type: any value
        if len(types) == 1:
            return types[0]
        return ir.Union(tuple(types))

    # -- schemas
    def fields_of(self, name: str, schema: Dict[str, Any]) -> List[ir.FieldDef]:
        required = set(schema.get("required", ()))
        out: List[ir.FieldDef] = []
        for wire, prop in schema.get("properties", {}).items():
            bare, nullable = self.split_null(prop)
            target = self.deref(bare) if "$ref" in bare else bare
            type_ = self.type_of(prop, name, wire, field=True)
            out.append(ir.FieldDef(
                wire=wire, attr=self.rules.attr_name(wire), type=type_,
                required=wire in required, nullable=nullable or bool(target.get("nullable")),
                read_only=bool(prop.get("readOnly") or target.get("readOnly")),
                write_only=bool(prop.get("writeOnly")),
                secret=prop.get("format") == "password" or "password" in wire,
                default=prop.get("default", ir.NOT_GIVEN), const="const" in bare))
        return out

    def add_object(self, name: str, schema: Dict[str, Any], origin: str = "schema",
                   spec_name: str = "") -> None:
        if name in self.schemas:
            return
        model = ir.SchemaDef(name, self.rules.module_name(name), "model", spec_name=spec_name,
                             origin=origin)
        self.schemas[name] = model  # before the fields: a schema may contain itself
        if "allOf" in schema:
            for part in schema["allOf"]:
                if "$ref" in part and not model.bases:
                    model.bases.append(self.class_of(self.ref_name(part["$ref"])))
                elif "$ref" in part:  # a second base: its fields, copied (slots allow one base)
                    self.class_of(self.ref_name(part["$ref"]))
                    have = {f.wire for f in self.schemas[model.bases[0]].all_fields(self.schemas)}
                    model.fields.extend(f for f in self.fields_of(name, self.deref(part))
                                        if f.wire not in have)
                else:
                    model.fields.extend(self.fields_of(name, part))
        model.fields.extend(self.fields_of(name, schema))

    def add_schema(self, spec_name: str, schema: Dict[str, Any]) -> None:
        if spec_name in self.by_spec_name:
            return
        name = self.rules.class_name(spec_name)
        self.by_spec_name[spec_name] = name
        bare, _ = self.split_null(schema)
        if "enum" in bare:
            self.schemas[name] = ir.SchemaDef(name, self.rules.module_name(name), "enum",
                                              spec_name=spec_name,
                                              members=[m for m in bare["enum"] if m is not None])
        elif ("anyOf" in bare or "oneOf" in bare) and all(
                "$ref" in o for o in bare.get("anyOf", bare.get("oneOf", []))):
            variants = [self.class_of(self.ref_name(o["$ref"]))
                        for o in bare.get("anyOf", bare.get("oneOf"))]
            disc = (bare.get("discriminator") or {}).get("propertyName")
            self.schemas[name] = ir.SchemaDef(name, self.rules.module_name(name), "oneof",
                                              spec_name=spec_name, variants=variants,
                                              discriminator=disc)
        elif bare.get("type") == "string":
            self.schemas[name] = ir.SchemaDef(name, self.rules.module_name(name), "alias",
                                              spec_name=spec_name)
        else:
            self.add_object(name, bare, spec_name=spec_name)

    # -- operations
    def parameter(self, param: Dict[str, Any]) -> Dict[str, Any]:
        if "$ref" in param:
            return self.spec["components"]["parameters"][self.ref_name(param["$ref"])]  # type: ignore[no-any-return]
        return param

    def operations(self) -> List[ir.OperationDef]:
        out = []
        for path, item in self.spec["paths"].items():
            common = [self.parameter(p) for p in item.get("parameters", ())]
            for method in HTTP_METHODS:
                if method in item:
                    op = item[method]
                    params = common + [self.parameter(p) for p in op.get("parameters", ())]
                    out.append(self.operation(path, method, op, params))
        return out

    def operation(self, path: str, method: str, op: Dict[str, Any],
                  params: List[Dict[str, Any]]) -> ir.OperationDef:
        op_id = op["operationId"]
        owner = self.rules.operation_owner(op_id)
        out: List[ir.ParamDef] = []
        for param in params:
            schema = param.get("schema", {})
            bare, nullable = self.split_null(schema)
            type_ = self.type_of(schema, owner, param["name"])
            explode = param.get("explode", param.get("style", "form") == "form")
            out.append(ir.ParamDef(
                name=self.rules.param_name(param["name"]), wire=param["name"], location=param["in"],
                type=type_, required=bool(param.get("required")), nullable=nullable,
                explode=explode, default=bare.get("default", ir.NOT_GIVEN),
                fixed=bare["const"] if "const" in bare and self.rules.pin_constants else ir.NOT_GIVEN))
        body = op.get("requestBody")
        if body is not None:
            if "$ref" in body:
                body = self.spec["components"]["requestBodies"][self.ref_name(body["$ref"])]
            schema = body["content"][JSON]["schema"]
            bare, nullable = self.split_null(schema)
            type_ = self.type_of(schema, owner, "body")
            ref = self.ref_name(bare["$ref"]) if "$ref" in bare else None
            name = self.rules.body_name(op_id, ref, type_)
            compat = self.rules.body_compat(op_id)
            self.mark(type_, request=True)
            out.append(ir.ParamDef(name=name, wire=name, location="body", type=type_,
                                   required=bool(body.get("required", self.rules.body_required_default)),
                                   nullable=nullable, aliases=compat.get("aliases", []),
                                   compatible=compat.get("compatible", [])))
        result = ir.OperationDef(op_id, method.upper(), self.rules.relative_path(path), op["tags"],
                                 op.get("summary", "").strip(), self.rules.order_params(op_id, out),
                                 None)
        self.read_response(result, op)
        return result

    def read_response(self, result: ir.OperationDef, op: Dict[str, Any]) -> None:
        for code in sorted(op["responses"]):
            if not code.startswith("2"):
                continue
            result.status = code
            content = op["responses"][code].get("content") or {}
            result.text = "text/plain" in content
            result.stream = NDJSON in content
            if JSON not in content:
                return
            schema = content[JSON]["schema"]
            if not schema or self.rules.is_any_schema("", schema):
                result.response = ir.AnyValue()
                return
            bare, _ = self.split_null(schema)
            options = bare.get("anyOf") or bare.get("oneOf")
            if options and all("$ref" in o for o in options):
                result.response_union = tuple(self.class_of(self.ref_name(o["$ref"])) for o in options)
                for name in result.response_union:
                    self.mark(ir.Ref(name), response=True)
                union = ir.Union(tuple(ir.Ref(name) for name in result.response_union))
                result.response_wrapper = self.rules.note_union(
                    self, union, "", "", bare.get("title") or schema.get("title"), False,
                    "anyOf" if "anyOf" in bare else "oneOf")
                return
            if "$ref" in bare:
                result.response = ir.Ref(self.class_of(self.ref_name(bare["$ref"])))
            else:
                name = self.rules.inline_response_name(result.operation_id)
                self.add_object(name, bare, origin="inline")
                result.response = ir.Ref(name)
            self.mark(result.response, response=True)
            return

    def mark(self, type_: Optional[ir.TypeRef], *, request: bool = False, response: bool = False) -> None:
        """Note that the schemas ``type_`` names (and all they contain) travel in requests or
        in answers."""
        if type_ is None:
            return
        todo = list(type_.models())
        seen = set()
        while todo:
            name = todo.pop()
            if name in seen or name not in self.schemas:
                continue
            seen.add(name)
            schema = self.schemas[name]
            schema.in_request |= request
            schema.in_response |= response
            todo.extend(schema.bases)
            todo.extend(schema.variants)
            if schema.union is not None:
                todo.extend(schema.union.models())
            for f in schema.fields:
                todo.extend(f.type.models())

    def read(self) -> ir.SurfaceDef:
        for name, schema in self.components.items():
            if not self.rules.is_any_schema(name, schema):
                self.add_schema(name, schema)
        operations = self.operations()
        apis: Dict[str, ir.ApiDef] = {}
        for op in operations:
            for tag in op.tags:
                api = apis.get(tag)
                if api is None:
                    cls = self.rules.api_class(tag)
                    api = apis[tag] = ir.ApiDef(cls, self.rules.api_module(cls), tag)
                api.operations.append(op)
        return ir.SurfaceDef(self.rules.name, self.schemas, sorted(apis.values(), key=lambda a: a.name),
                             operations)
