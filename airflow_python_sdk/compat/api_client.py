"""``ApiClient`` methods code written for airflow-python-sdk 1.0.1 and the official 2.x client calls.

- ``call_api(resource_path, method, path_params, query_params, header_params, body, post_params,
  files, response_type, auth_settings, async_req, _return_http_data_only, collection_formats,
  _preload_content, _request_timeout, _host, _check_type)``: a path of the host called directly
  (an endpoint newer than the SDK), with the argument forms the generated 2.x code uses
  (``response_type=(PoolCollection,)``, ``auth_settings=["Basic"]``,
  ``collection_formats={"update_mask": "csv"}``); as there, it answers ``(data, status,
  headers)`` unless ``_return_http_data_only=True``;
- ``request(method, url, query_params, headers, post_params, body, _preload_content,
  _request_timeout)``: one exchange through ``rest_client``'s verb; a subclass that overrides
  it sees every exchange (``airflow_python_sdk._runtime.client``);
- a subclass that overrides ``call_api`` gets every operation through it, called as the 2.x
  client's generated methods call it (``via_call_api``);
- ``sanitize_for_serialization(obj)``: JSON-ready data for a model, list, dict or datetime;
- ``deserialize(response, response_type, _check_type)``: a response's JSON body as a model;
- ``parameters_to_tuples``, ``select_header_accept``, ``select_header_content_type``,
  ``update_params_for_auth``, ``files_parameters``, as the 2.x client has them;
- ``Endpoint``: the name 1.0.1 exported; internal there, so it only raises.
"""
from __future__ import annotations

from typing import Any, ClassVar, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from airflow_python_sdk._runtime.answers import ApiResponse, raise_for_status, read_value
from airflow_python_sdk._runtime.encoding import to_wire
from airflow_python_sdk._runtime.errors import ApiTypeError, ApiValueError
from airflow_python_sdk._runtime.fast_decoding import decoder_for
from airflow_python_sdk._runtime.fields import UNSET
from airflow_python_sdk._runtime.kinds import ANY, ListOf, MapOf, UnionOf, is_model, resolve
from airflow_python_sdk._runtime.operation import BODY, HEADER, PATH, QUERY, Operation, Param
from airflow_python_sdk._runtime.request import CallOptions
from airflow_python_sdk._runtime.surface import Surface, surface_of, surfaces
from airflow_python_sdk.compat.notices import no_effect
from airflow_python_sdk.compat.rest import VERBS, WITH_BODY, WITH_FORM, QueryParams, RESTResponse, exchange

#: Paths given to ``call_api`` are relative to the host as configured: no prefix, no models.
RAW = Surface("raw", package="", models={}, path_prefix="", register=False)
_RAW_OF: Dict[str, Surface] = {}


def raw_surface(kind: Any) -> Surface:
    """What ``call_api`` runs on: the host as configured (no prefix), with the error model of the
    surface whose model ``kind`` names (else of v1, the surface of 1.0.1 and 2.x), so an error
    carries the same ``problem`` as one of an Api method."""
    while isinstance(kind, (ListOf, MapOf)):
        kind = kind.item if isinstance(kind, ListOf) else kind.value
    if isinstance(kind, UnionOf):
        kind = kind.options[0]
    found = surface_of(kind) if isinstance(kind, type) else None
    if found is None:
        found = next((s for s in surfaces() if s.name == "v1"), None)
    if found is None:
        return RAW
    raw = _RAW_OF.get(found.name)
    if raw is None:
        raw = _RAW_OF[found.name] = Surface(
            "raw", package=found.package, models=found.models, path_prefix="",
            problem_model=found.problem_model, error_models=found.error_models,
            exceptions=found.exceptions, auth=found.auth, register=False)
    return raw
#: ``collection_formats`` of the generated clients: how a list goes into one parameter
DELIMITERS = {"csv": ",", "ssv": " ", "tsv": "\t", "pipes": "|"}


def response_kind(response_type: Any) -> Any:
    """A ``response_type`` as old code gives it (a class, a name, ``(Name,)``, ``[Name]``,
    ``({str: (...)},)``)."""
    if isinstance(response_type, tuple):  # alternatives: one (besides None) is that one
        options = [t for t in response_type if t is not type(None)]
        if len(options) > 1 and all(is_model(t) for t in options):
            return UnionOf(tuple(options))  # one of several models: picked by its keys
        if len(options) != 1:
            return ANY if options else None
        response_type = options[0]
    if isinstance(response_type, list):
        return ListOf(response_kind(response_type[0])) if response_type else list
    if isinstance(response_type, dict):
        values = list(response_type.values())
        return MapOf(response_kind(values[0])) if values and response_kind(values[0]) is not ANY else dict
    if isinstance(response_type, str):
        if response_type in ("str", "int", "float", "bool", "object", "dict"):
            return {"object": ANY}.get(response_type, response_type)
        for surface in surfaces():
            if response_type in surface.models:
                return resolve(response_type, surface)
        raise ApiTypeError(f"unknown response_type {response_type!r}")
    if response_type is object:
        return ANY
    return response_type


class LegacyApiClient:
    """Mixed into ``ApiClient``: the methods listed in this module."""

    #: operations go through an overridden ``call_api`` (False where ``call_api`` has another
    #: form: the v2 client's is 3.3.2's)
    legacy_call_api: ClassVar[bool] = True

    configuration: Any
    rest_client: Any
    default_headers: Dict[str, str]
    cookie: Optional[str]

    def sanitize_for_serialization(self, obj: Any) -> Any:
        """JSON-ready data for a model, list, dict, datetime or scalar."""
        return to_wire(obj, "value", self.configuration.assume_timezone)

    def deserialize(self, response: Any, response_type: Any, _check_type: bool = True) -> Any:
        """Decode a response's JSON body into ``response_type`` (a model class or name)."""
        import json

        data = json.loads(response.data) if response.data else None
        kind = response_kind(response_type)
        return data if kind is None else decoder_for(kind)(data)

    # -- one exchange, as the older clients made it
    def request(self, method: str, url: str, query_params: QueryParams = None,
                headers: Optional[Mapping[str, str]] = None, post_params: QueryParams = None,
                body: Any = None, _preload_content: bool = True, _request_timeout: Any = None) -> Any:
        """One exchange through ``rest_client``'s ``GET``/``POST``/... (the answer; the status's
        ``ApiException`` for one outside 2xx). Override it to see every exchange."""
        method = method.upper()
        if method not in VERBS:
            raise ApiValueError("http method must be `GET`, `HEAD`, `OPTIONS`, `POST`, `PATCH`, "
                                "`PUT` or `DELETE`.")
        kwargs: Dict[str, Any] = {"query_params": query_params, "headers": headers,
                                  "_preload_content": _preload_content, "_request_timeout": _request_timeout}
        if method in WITH_BODY:
            kwargs["body"] = body
        if method in WITH_FORM:
            kwargs["post_params"] = post_params
        rest = self.rest_client
        verb = getattr(rest, method, None)
        if verb is not None:
            return verb(url, **kwargs)
        # a transport without the verbs (``MockTransport``): the same exchange through it
        answer = exchange(rest, method, url, query_params, headers, body, post_params,
                          _preload_content, _request_timeout)
        raise_for_status(None, answer)
        return answer

    # -- calling a path directly
    def call_api(self, resource_path: str, method: str, path_params: Optional[Dict[str, Any]] = None,
                 query_params: Optional[Union[Sequence[Tuple[str, Any]], Mapping[str, Any]]] = None,
                 header_params: Optional[Dict[str, str]] = None, body: Any = None,
                 post_params: Any = None, files: Any = None, response_type: Any = None,
                 auth_settings: Any = None, async_req: Optional[bool] = None,
                 _return_http_data_only: Optional[bool] = None,
                 collection_formats: Optional[Mapping[str, str]] = None,
                 _preload_content: bool = True, _request_timeout: Any = None, _host: Optional[str] = None,
                 _check_type: Optional[bool] = None, _content_type: Optional[str] = None,
                 _request_auths: Any = None) -> Any:
        """Call a path of the host directly, for endpoints newer than this SDK: the decoded
        answer with its status and headers, ``(data, status, headers)``, or the data alone
        with ``_return_http_data_only=True`` (as the generated methods of 2.x pass it).
        Credentials are the configuration's whatever ``auth_settings`` names; answers are
        never rejected for their shape whatever ``_check_type`` says."""
        for name, value in (("post_params", post_params), ("files", files),
                            ("_request_auths", _request_auths)):
            if value:
                no_effect(f"call_api({name})", "values are sent as given, as JSON, with the "
                                               "configured credentials")
        formats = dict(collection_formats or {})
        params = []
        values: Dict[str, Any] = {}
        for name, value in (path_params or {}).items():
            params.append(Param(name, PATH, object, required=True))
            values[name] = _joined(value, formats.get(name, "csv"))
        pairs = query_params.items() if isinstance(query_params, Mapping) else (query_params or ())
        for index, (name, value) in enumerate(pairs):
            key = f"_q{index}"
            fmt = formats.get(name, "multi")
            params.append(Param(key, QUERY, object, wire=name, explode=fmt == "multi"))
            values[key] = value if fmt in ("multi", "csv") else _joined(value, fmt)
        if body is not None:
            params.append(Param("body", BODY, object))
            values["body"] = body
        kind = response_kind(response_type)
        op: Operation[Any] = Operation(raw_surface(kind), "call_api", method.upper(), resource_path,
                                       params, kind)
        options = CallOptions(_request_timeout, header_params, None, _content_type, check_input=False)

        options.stream = not _preload_content
        build = self.build_request_at  # type: ignore[attr-defined]
        request = build(_host or self.configuration.host, op, values, options)  # checked now

        def run() -> Any:
            response = self.send(request)  # type: ignore[attr-defined]
            if not _preload_content:
                raise_for_status(op, response)
                return response
            value = read_value(op, response)
            if not _return_http_data_only:
                return value, response.status, response.headers
            return value

        if async_req:
            return self.pool.apply_async(run)  # type: ignore[attr-defined]
        return run()

    # -- the helpers the 2.x client's call path is made of
    def parameters_to_tuples(self, params: Union[Mapping[str, Any], Sequence[Tuple[str, Any]]],
                             collection_formats: Optional[Mapping[str, str]]) -> List[Tuple[str, Any]]:
        """``(name, value)`` pairs, lists spread (``multi``) or joined (``csv``, ``ssv``, ``tsv``,
        ``pipes``) as ``collection_formats`` names them."""
        formats = collection_formats or {}
        out: List[Tuple[str, Any]] = []
        for name, value in params.items() if isinstance(params, Mapping) else params:
            fmt = formats.get(name)
            if isinstance(value, (list, tuple)) and fmt == "multi":
                out.extend((name, item) for item in value)
            elif isinstance(value, (list, tuple)) and fmt:
                out.append((name, DELIMITERS.get(fmt, ",").join(str(item) for item in value)))
            else:
                out.append((name, value))
        return out

    def select_header_accept(self, accepts: Optional[List[str]]) -> Optional[str]:
        """The ``Accept`` header for these media types: JSON when offered, else all of them."""
        if not accepts:
            return None
        return "application/json" if any(a.lower() == "application/json" for a in accepts) else ", ".join(accepts)

    def select_header_content_type(self, content_types: Optional[List[str]], method: Optional[str] = None,
                                   body: Any = None) -> str:
        """The ``Content-Type`` for these media types: JSON when offered or none are."""
        if not content_types or any(c.lower() == "application/json" for c in content_types):
            return "application/json"
        return content_types[0]

    def update_params_for_auth(self, headers: Dict[str, Any], queries: Any, auth_settings: Any,
                               resource_path: Any = None, method: Any = None, body: Any = None) -> None:
        """Put the configured credentials into ``headers`` (what ``auth_settings`` names, as
        ``Configuration.auth_settings()`` describes them)."""
        if not auth_settings:
            return
        known = self.configuration.auth_settings()
        for name in auth_settings:
            setting = known.get(name)
            if setting and setting.get("in") == "header":
                headers[setting["key"]] = setting["value"]
            elif setting and setting.get("in") == "query" and isinstance(queries, list):
                queries.append((setting["key"], setting["value"]))

    def files_parameters(self, files: Optional[Mapping[str, Any]] = None) -> List[Tuple[str, Any]]:
        """Form fields for files (no Airflow operation takes one): ``(name, (filename, data,
        mimetype))`` per file."""
        import mimetypes
        import os

        out: List[Tuple[str, Any]] = []
        for name, value in (files or {}).items():
            for handle in value if isinstance(value, (list, tuple)) else [value]:
                if handle is None:
                    continue
                filename = os.path.basename(getattr(handle, "name", name))
                data = handle.read()
                handle.close()
                out.append((name, (filename, data, mimetypes.guess_type(filename)[0]
                                   or "application/octet-stream")))
        return out


def call_api_hooked(client: Any) -> bool:
    """Whether ``client`` overrides the 2.x ``call_api`` (in a subclass or on the instance)."""
    return bool(client.legacy_call_api) and (
        "call_api" in client.__dict__ or type(client).call_api is not LegacyApiClient.call_api)


#: the ``auth_settings`` the 2.x client's generated methods pass for every operation
AUTH_SETTINGS = ["Basic", "Kerberos"]


def via_call_api(client: Any, op: Operation[Any], values: Mapping[str, Any], options: CallOptions,
                 mode: str) -> Any:
    """Run ``op`` through the client's overridden ``call_api``, called as the 2.x client's
    generated methods call it: the path template and its parameters, query pairs, headers,
    the body as given, ``response_type=(Model,)``. ``mode``: ``"data"`` (the value),
    ``"info"`` (an ``ApiResponse``) or ``"unread"`` (the unread answer). Every argument is
    checked first, as for any call."""
    client.build_request(op, values, options)  # refuses bad input before anything is sent
    path_params: Dict[str, Any] = {}
    query: List[Tuple[str, Any]] = []
    headers: Dict[str, Any] = {"Accept": "application/json"}
    formats: Dict[str, str] = {}
    body: Any = None
    given: Dict[str, Any] = {}  # by parameter name, older names folded in
    for name, value in values.items():
        param = op.param(name)
        if param is not None and value is not UNSET and value is not None:
            given[param.name] = value
    for param in op.params:
        value = given.get(param.name, UNSET)
        if value is UNSET:
            continue
        if param.location == PATH:
            path_params[param.wire] = value
        elif param.location == QUERY:
            query.append((param.wire, value))
            if isinstance(value, (list, tuple)):
                formats[param.wire] = "multi" if param.explode else "csv"
        elif param.location == HEADER:
            headers[param.wire] = value
        elif param.location == BODY:
            body = value
            headers["Content-Type"] = options.content_type or "application/json"
    headers.update(options.headers or {})
    kind = op.response
    if isinstance(kind, tuple):
        response_type: Any = tuple(resolve(name, op.surface) for name in kind)
    else:
        response_type = None if kind is None else (resolve(kind, op.surface),)
    answer = client.call_api(
        op.path, op.method, path_params, query, headers, body=body, post_params=[], files={},
        response_type=response_type, auth_settings=list(AUTH_SETTINGS), async_req=False,
        _check_type=True, _return_http_data_only=mode == "data", _preload_content=mode != "unread",
        _request_timeout=options.request_timeout, _host=client.base_url(op, options.host_index),
        collection_formats=formats)
    if mode != "info":
        return answer
    data, status, answer_headers = answer
    last = client.last_response
    return ApiResponse(status, answer_headers, data, last.data if last is not None else b"")


def _joined(value: Any, fmt: str) -> Any:
    if isinstance(value, (list, tuple)):
        return DELIMITERS.get(fmt, ",").join(str(item) for item in value)
    return value


class Endpoint:
    """1.0.1 exported this name from ``api_client``; it was internal there."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise ApiValueError("Endpoint is internal to airflow-python-sdk 1.0.1; "
                            "use the Api classes or ApiClient.call_api")


__all__ = ["Endpoint", "LegacyApiClient", "RESTResponse", "response_kind"]
