"""What differs between the generated surfaces: where their code goes, how their names are
spelled, which facts about real servers they add to their spec."""
from __future__ import annotations

import os
import re
import sys
from typing import Any, Dict, List, Optional, Tuple

from codegen import ir
from codegen.naming import camel, py_name, snake

TOOLS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, TOOLS)

import v1_facts  # noqa: E402


def parse_annotation(text: str) -> ir.TypeRef:
    """An annotation written in a facts table (``List[Tag]``, ``int``) as a type."""
    text = text.strip()
    if text.startswith("List[") and text.endswith("]"):
        return ir.Array(parse_annotation(text[5:-1]))
    if text.startswith("Dict[str, ") and text.endswith("]"):
        inner = text[len("Dict[str, "):-1]
        return ir.FreeObject() if inner == "Any" else ir.Map(parse_annotation(inner))
    if text == "Any":
        return ir.AnyValue()
    if text in ("datetime", "date"):
        return ir.Moment(text)
    if text in ("str", "int", "float", "bool"):
        return ir.Prim(text)
    return ir.Ref(text)


class V1Rules:
    """The v1 surface: Airflow 2.11.2's ``/api/v1``, drop-in for airflow-python-sdk 1.0.1."""

    name = "v1"
    airflow = "2.11.2"
    spec_file = "v1.yaml"
    package = "airflow_python_sdk"
    models_package = "airflow_python_sdk.model"  # one module per model; declares the surface
    models_index = "airflow_python_sdk.models"  # re-exports every model
    api_package = "airflow_python_sdk.api"
    apis_index = "airflow_python_sdk.apis"
    compat_module = "airflow_python_sdk.compat.v1_models"
    path_prefix = "/api/v1"
    problem_model = "Error"
    error_models: Dict[int, str] = {}  # status -> error model of ApiException.data (0: others)
    exceptions: Optional[str] = None  # the module of the surface's own exception family
    client: Optional[str] = None  # the module whose ApiClient.get_default() an Api made bare uses
    # serves this surface's operations on an Airflow 3 server (hand-written, not generated)
    bridge: Optional[str] = "airflow_python_sdk.bridge"
    docs_dir = "docs"
    example_host = "http://localhost:8080/api/v1"
    timestamp_formats = ("date-time",)
    # ``format: datetime`` (25 fields: task instance dates, user logins, heartbeats...): kept as
    # the server's text, as airflow-python-sdk 1.0.1 and apache-airflow-client 2.x hand them over
    text_timestamp_formats: Tuple[str, ...] = ("datetime",)
    # fields of a string schema (Color, WeightRule) hold its class, a str with ``.value``, as the
    # 2.x client's ModelSimple had them (``task.ui_color.value``)
    alias_fields_hold_class = True
    repr_style = "dict"  # repr()/str() of a model: to_dict() pretty-printed, as the older clients
    body_required_default = True
    legacy_options = True  # methods take 1.0.1's per-call keywords
    positional_optionals = False  # optional parameters are keyword-only
    pin_constants = True  # a path segment the spec fixes ("~") is no parameter
    auth = "basic"

    def class_name(self, spec_name: str) -> str:
        return spec_name

    def module_name(self, class_name: str) -> str:
        return snake(class_name)

    def attr_name(self, wire: str) -> str:
        return py_name(wire)

    def param_name(self, wire: str) -> str:
        return py_name(wire)

    def is_any_schema(self, name: str, schema: Dict[str, Any]) -> bool:
        return not schema

    def inline_name(self, owner: str, prop: str, schema: Dict[str, Any]) -> str:
        return v1_facts.INLINE_NAMES.get(("property", owner, prop)) or owner + camel(prop)

    def inline_response_name(self, op_id: str) -> str:
        return v1_facts.INLINE_NAMES.get(("response", op_id)) or camel(op_id) + "Response"

    def operation_owner(self, op_id: str) -> str:
        return camel(op_id)

    def body_name(self, op_id: str, ref: Optional[str], type_: ir.TypeRef) -> str:
        return snake(ref) if ref else "body"

    def body_compat(self, op_id: str) -> Dict[str, Any]:
        return v1_facts.BODY_COMPAT.get(op_id, {})

    def relative_path(self, path: str) -> str:
        return path

    def order_params(self, op_id: str, params: List[ir.ParamDef]) -> List[ir.ParamDef]:
        return params

    def api_class(self, tag: str) -> str:
        return tag + "Api"

    def api_module(self, class_name: str) -> str:
        return snake(class_name[:-3]) + "_api"

    def positional(self, op: ir.OperationDef) -> List[ir.ParamDef]:
        """1.0.1's positional parameters: path ones in path order, then required query
        parameters, then a required body."""
        import re

        params = [p for p in op.params if p.fixed is ir.NOT_GIVEN]
        order = re.findall(r"{(\w+)}", op.path)
        out = [p for name in order for p in params if p.wire == name and p.location == "path"]
        out += [p for p in params if p.location == "query" and p.required]
        out += [p for p in params if p.location == "body" and p.required]
        return out

    # -- facts about real servers
    def apply_facts(self, surface: ir.SurfaceDef) -> None:
        for schema_name, wire, annotation in v1_facts.SERVER_FIELDS:  # sent, never taken back
            surface.schemas[schema_name].fields.append(
                ir.FieldDef(wire, py_name(wire), parse_annotation(annotation), read_only=True))
        apply_claims(surface, v1_facts.PRESENT)
        for (schema_name, wire), pair in v1_facts.MAP_FIELDS.items():
            next(f for f in surface.schemas[schema_name].fields if f.wire == wire).from_map = pair
        bodies_take_their_bases(surface)
        mark_collections(surface)

    def legacy_models(self) -> List[ir.SchemaDef]:
        """The 1.0.1 models the spec lost, as schemas for the compat module."""
        out = []
        for name, fields in v1_facts.LEGACY_MODELS.items():
            out.append(ir.SchemaDef(name, snake(name), "model", origin="legacy", fields=[
                ir.FieldDef(wire, py_name(wire), parse_annotation(annotation))
                for wire, annotation in fields]))
        return out


    def legacy_aliases(self) -> Dict[str, str]:
        return dict(v1_facts.MODEL_ALIASES)

    def note_union(self, reader: Any, union: ir.Union, owner: str, prop: str,
                   title: Optional[str], item: bool, key: str) -> Optional[str]:
        """An inline union met while reading: the name of the class made for it, if any (v1
        makes none)."""
        return None

    def wraps(self, union: ir.Union) -> bool:
        """Whether a field of this union holds its wrapper class rather than the value."""
        return False

    def enum_member(self, value: Any) -> str:
        """The Python name of an enum member."""
        ident = re.sub(r"\W", "_", str(value)).upper() or "EMPTY"
        return "_" + ident if ident[0].isdigit() else ident

    #: Modules of other clients' releases that import names from a model module (3.3.2's
    #: modules import the models their fields use): generated modules answer them too.
    reexports = False

    #: Whether a field of a request-only model starts at its spec default (``default: false``)
    #: and sends it, as 3.3.2's models do (Airflow 3 requires some of them, such as
    #: ``include_deferred`` of a pool in a bulk update). v1 sends only what is given.
    sends_spec_defaults = False

    def renamed(self) -> Dict[str, Tuple[str, str]]:
        """Older names of models: alias -> (its module, the model it names now)."""
        return {}


def apply_claims(surface: ir.SurfaceDef, claims: Dict[str, Any]) -> None:
    """Type the claimed fields as present. A claim on an inherited field overrides it in the
    claiming schema. A claim outweighs the spec's ``nullable`` for the type (the server never
    sends null there); the field still takes an explicit None in requests."""
    import copy

    errors = []
    for schema_name, names in claims.items():
        schema = surface.schemas[schema_name]
        own = {f.wire: f for f in schema.fields}
        inherited = {f.wire: f for f in schema.all_fields(surface.schemas)}
        for name in names:
            fdef = own.get(name)
            if fdef is None:
                if name not in inherited:
                    errors.append(f"claim {schema_name}.{name}: no such field")
                    continue
                fdef = copy.copy(inherited[name])
                schema.fields.append(fdef)
            fdef.present = True
    if errors:
        raise SystemExit("\n".join(errors))


def bodies_take_their_bases(surface: ir.SurfaceDef) -> None:
    """A body whose model extends others also takes those (``patch_user(name, user)`` takes the
    ``UserCollectionItem`` that ``get_user`` answers): a model read from the server can be
    changed and sent back, for a type checker too."""
    for op in surface.operations:
        body = op.body
        if body is None or not isinstance(body.type, ir.Ref) or body.type.name not in surface.schemas:
            continue
        todo = list(surface.schemas[body.type.name].bases)
        while todo:
            base = todo.pop(0)
            if base not in body.compatible:
                body.compatible.append(base)
            todo.extend(surface.schemas[base].bases)


def mark_collections(surface: ir.SurfaceDef) -> None:
    """A schema with one list field and ``total_entries`` is a collection (``ListModel``)."""
    for schema in surface.schemas.values():
        if schema.kind != "model":
            continue
        fields = schema.all_fields(surface.schemas)
        lists = [f for f in fields if isinstance(f.type, ir.Array)]
        if len(lists) == 1 and any(f.wire == "total_entries" for f in fields):
            schema.items = lists[0].attr


class V2Rules(V1Rules):
    """The v2 surface: Airflow 3.3.2's ``/api/v2``, drop-in for apache-airflow-client 3.3.2:
    its module paths, class names, method names and positional parameter order."""

    name = "v2"
    airflow = "3.3.2"
    spec_file = "v2-rest-api-generated.yaml"
    package = "airflow_python_sdk.v2"
    models_package = "airflow_python_sdk.v2.models"  # the models and their index, as in 3.3.2
    models_index = "airflow_python_sdk.v2.models"
    api_package = "airflow_python_sdk.v2.api"
    apis_index = "airflow_python_sdk.v2.api"
    compat_module = None
    path_prefix = "/api/v2"
    problem_model = None
    error_models = {0: "HTTPExceptionResponse", 422: "HTTPValidationError"}  # as 3.3.2 decodes them
    exceptions = "airflow_python_sdk.v2.exceptions"
    client = "airflow_python_sdk.v2.api_client"  # 3.3.2: DagRunApi() uses ApiClient.get_default()
    auth = "jwt"
    bridge = None  # v2 is only served natively
    docs_dir = os.path.join("docs", "v2")
    example_host = "http://localhost:8080"
    timestamp_formats = ("date-time",)
    text_timestamp_formats = ()
    alias_fields_hold_class = False  # 3.3.2's fields hold plain str
    repr_style = "fields"  # Pool(name='p', slots=2), as pydantic models print
    body_required_default = False  # OpenAPI's default
    legacy_options = False
    positional_optionals = True  # every parameter positional-or-keyword, in 3.3.2's order
    pin_constants = False  # a path segment fixed to "~" is still a parameter in 3.3.2
    # Names the package root exports besides every Api class and model (3.3.2's root has them)
    ROOT_EXPORTS = {
        "ApiClient": "airflow_python_sdk.v2.api_client",
        "ApiResponse": "airflow_python_sdk.v2.api_response",
        "Configuration": "airflow_python_sdk.v2.configuration",
        **{name: "airflow_python_sdk.v2.exceptions" for name in (
            "OpenApiException", "ApiAttributeError", "ApiTypeError", "ApiValueError", "ApiKeyError",
            "ApiException", "BadRequestException", "UnauthorizedException", "ForbiddenException",
            "NotFoundException", "ConflictException", "UnprocessableEntityException",
            "ServiceException")},
    }
    # Names 3.3.2's Api modules import besides models: code may import them from there
    API_REEXPORTS = {"ApiClient": "airflow_python_sdk.v2.api_client",
                     "RequestSerialized": "airflow_python_sdk.v2.api_client",
                     "ApiResponse": "airflow_python_sdk.v2.api_response",
                     "RESTResponseType": "airflow_python_sdk.v2.rest"}
    # 3.3.2 spells these fields so (pydantic keeps ``schema`` for itself); the wire name stays
    ATTR_NAMES = {"schema": "var_schema"}

    def class_name(self, spec_name: str) -> str:
        return re.sub(r"[^0-9A-Za-z]", "", spec_name)  # BulkBody_PoolBody_ -> BulkBodyPoolBody

    def attr_name(self, wire: str) -> str:
        return self.ATTR_NAMES.get(wire) or py_name(wire)

    def param_name(self, wire: str) -> str:
        return py_name(snake(wire)) if not wire.islower() else py_name(wire)

    def inline_name(self, owner: str, prop: str, schema: Dict[str, Any]) -> str:
        return owner + camel(prop)

    def body_name(self, op_id: str, ref: Optional[str], type_: ir.TypeRef) -> str:
        return snake(self.class_name(ref)) if ref else "body"

    def body_compat(self, op_id: str) -> Dict[str, Any]:
        return {}

    def relative_path(self, path: str) -> str:
        return path[len(self.path_prefix):] if path.startswith(self.path_prefix) else path

    def api_class(self, tag: str) -> str:
        name = re.sub(r"\W", "", tag)
        return name[:1].upper() + name[1:] + "Api"

    def order_params(self, op_id: str, params: List[ir.ParamDef]) -> List[ir.ParamDef]:
        return params

    def positional(self, op: ir.OperationDef) -> List[ir.ParamDef]:
        """3.3.2's order: the spec's parameters, then the body; required ones first."""
        params = list(op.params)
        return [p for p in params if p.required] + [p for p in params if not p.required]

    def apply_facts(self, surface: ir.SurfaceDef) -> None:
        mark_collections(surface)

    def note_union(self, reader: Any, union: ir.Union, owner: str, prop: str,
                   title: Optional[str], item: bool, key: str) -> Optional[str]:
        """3.3.2 has a wrapper class for each inline union (``ActionsInner``, ``Value``,
        ``ResponseClearDagRun``): made here with 3.3.2's name, so code that builds one, or
        reads ``.actual_instance``, runs."""
        base = camel(title) if title else owner + camel(prop)
        name = base + ("Inner" if item else "")
        annotation = union.annotation()
        number = 0
        while name in reader.schemas and reader.schemas[name].variants != [annotation]:
            number += 1
            name = f"{base}{'Inner' if item else ''}{number}"
        if name not in reader.schemas:
            reader.schemas[name] = ir.SchemaDef(name, self.module_name(name), "wrapper",
                                                variants=[annotation], origin="wrapper",
                                                union=union, union_key=key)
        return name

    def wraps(self, union: ir.Union) -> bool:
        """A union with a variant that is not a model (a string, a list) is held in its wrapper,
        as 3.3.2 holds it (``option.value.actual_instance``). A union of models decodes to the
        model itself: its ``actual_instance`` is itself, and its fields read directly."""
        return any(not isinstance(option, ir.Ref) for option in union.options)

    def enum_member(self, value: Any) -> str:
        """3.3.2's member names: ``-`` is spelled ``_MINUS_`` (``NON_MINUS_EXISTENT_POOL``)."""
        return super().enum_member(str(value).replace("-", "_MINUS_"))

    reexports = True
    sends_spec_defaults = True

    #: Names of apache-airflow-client 3.0-3.2 that 3.3 renamed; code written for them runs.
    RENAMED = {
        "DAGRunPatchStates": ("dag_run_patch_states", "DagRunMutableStates"),  # 3.0-3.2
        "BulkBodyConnectionBodyActionsInner": ("bulk_body_connection_body_actions_inner", "ActionsInner2"),
        "BulkBodyPoolBodyActionsInner": ("bulk_body_pool_body_actions_inner", "ActionsInner3"),  # 3.0
        "BulkBodyVariableBodyActionsInner": ("bulk_body_variable_body_actions_inner", "ActionsInner4"),
        "ValidationErrorLocInner": ("validation_error_loc_inner", "LocationInner"),  # 3.0
    }

    def renamed(self) -> Dict[str, Tuple[str, str]]:
        return dict(self.RENAMED)

    def legacy_models(self) -> List[ir.SchemaDef]:
        return []

    def legacy_aliases(self) -> Dict[str, str]:
        return {}


SURFACES = {"v1": V1Rules, "v2": V2Rules}
