"""``ApiClient`` methods code written for airflow-python-sdk 1.0.1 and the official 2.x client calls.

- ``call_api(resource_path, method, path_params, query_params, header_params, body, ...)``:
  a path of the host called directly (an endpoint newer than the SDK); values sent as given;
- ``sanitize_for_serialization(obj)``: JSON-ready data for a model, list, dict or datetime;
- ``deserialize(response, response_type, _check_type)``: a response's JSON body as a model.
- ``Endpoint``: the name 1.0.1 exported; internal there, so it only raises.
"""
from __future__ import annotations

from typing import Any, Dict, Optional, Sequence, Tuple

from airflow_python_sdk._runtime.answers import raise_for_status, read_value
from airflow_python_sdk._runtime.encoding import to_wire
from airflow_python_sdk._runtime.errors import ApiTypeError, ApiValueError
from airflow_python_sdk._runtime.fast_decoding import decoder_for
from airflow_python_sdk._runtime.kinds import ANY, ListOf, resolve
from airflow_python_sdk._runtime.operation import BODY, PATH, QUERY, Operation, Param
from airflow_python_sdk._runtime.request import CallOptions
from airflow_python_sdk._runtime.surface import Surface, surfaces
from airflow_python_sdk.compat.notices import no_effect

#: Paths given to ``call_api`` are relative to the host as configured: no prefix, no models.
RAW = Surface("raw", package="", models={}, path_prefix="", register=False)


def response_kind(response_type: Any) -> Any:
    """A ``response_type`` as old code gives it (a class, a name, ``(Name,)``, ``[Name]``)."""
    if isinstance(response_type, tuple):
        response_type = response_type[0] if response_type else None
    if isinstance(response_type, list):
        return ListOf(response_kind(response_type[0]))
    if isinstance(response_type, str):
        if response_type in ("str", "int", "float", "bool", "object", "dict"):
            return {"object": ANY}.get(response_type, response_type)
        for surface in surfaces():
            if response_type in surface.models:
                return resolve(response_type, surface)
        raise ApiTypeError(f"unknown response_type {response_type!r}")
    return response_type


class LegacyApiClient:
    """Mixed into ``ApiClient``: the methods listed in this module."""

    configuration: Any

    def sanitize_for_serialization(self, obj: Any) -> Any:
        """JSON-ready data for a model, list, dict, datetime or scalar."""
        return to_wire(obj, "value", self.configuration.assume_timezone)

    def deserialize(self, response: Any, response_type: Any, _check_type: bool = True) -> Any:
        """Decode a response's JSON body into ``response_type`` (a model class or name)."""
        import json

        data = json.loads(response.data) if response.data else None
        kind = response_kind(response_type)
        return data if kind is None else decoder_for(kind)(data)

    def call_api(self, resource_path: str, method: str, path_params: Optional[Dict[str, Any]] = None,
                 query_params: Optional[Sequence[Tuple[str, Any]]] = None,
                 header_params: Optional[Dict[str, str]] = None, body: Any = None,
                 post_params: Any = None, files: Any = None, response_type: Any = None,
                 auth_settings: Any = None, async_req: Optional[bool] = None,
                 _return_http_data_only: Optional[bool] = None, collection_formats: Any = None,
                 _preload_content: bool = True, _request_timeout: Any = None, _host: Optional[str] = None,
                 _check_type: Optional[bool] = None, _content_type: Optional[str] = None,
                 _request_auths: Any = None) -> Any:
        """Call a path of the host directly, for endpoints newer than this SDK."""
        for name, value in (("post_params", post_params), ("files", files),
                            ("auth_settings", auth_settings), ("collection_formats", collection_formats),
                            ("_check_type", _check_type), ("_request_auths", _request_auths)):
            if value:
                no_effect(f"call_api({name})", "values are sent as given, as JSON, with the "
                                               "configured credentials")
        params = []
        values: Dict[str, Any] = {}
        for name, value in (path_params or {}).items():
            params.append(Param(name, PATH, object, required=True))
            values[name] = value
        pairs = query_params.items() if isinstance(query_params, dict) else (query_params or ())
        for index, (name, value) in enumerate(pairs):
            key = f"_q{index}"
            params.append(Param(key, QUERY, object, wire=name))
            values[key] = value
        if body is not None:
            params.append(Param("body", BODY, object))
            values["body"] = body
        kind = response_kind(response_type)
        op: Operation[Any] = Operation(RAW, "call_api", method.upper(), resource_path, params, kind)
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
            if _return_http_data_only is False:
                return value, response.status, response.headers
            return value

        if async_req:
            return self.pool.apply_async(run)  # type: ignore[attr-defined]
        return run()


class Endpoint:
    """1.0.1 exported this name from ``api_client``; it was internal there."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise ApiValueError("Endpoint is internal to airflow-python-sdk 1.0.1; "
                            "use the Api classes or ApiClient.call_api")
