"""Base of the generated Api classes: each method hands its operation record and its
arguments, by name, to the client."""
from __future__ import annotations

from typing import Any, ClassVar, Iterator, Mapping, Optional, TypeVar

from airflow_python_sdk._runtime.answers import ApiResponse
from airflow_python_sdk._runtime.client import ApiClient
from airflow_python_sdk._runtime.operation import Operation
from airflow_python_sdk._runtime.request import CallOptions, Timeout
from airflow_python_sdk._runtime.transport import Response
from airflow_python_sdk.compat import call_options

T = TypeVar("T")


class Api:
    """Holds the ``ApiClient`` that runs this class's operations. Made without one: the
    surface's shared default client where it has one (v2, as 3.3.2 does), else a new client."""

    _operations: ClassVar[Mapping[str, Operation[Any]]] = {}

    def __init__(self, api_client: Optional[ApiClient] = None) -> None:
        if api_client is None:
            surfaces = {op.surface for op in type(self)._operations.values()}
            shared = surfaces.pop().default_client() if len(surfaces) == 1 else None
            self.api_client: ApiClient = shared if shared is not None else ApiClient()
        else:
            self.api_client = api_client

    def _call(self, op: Operation[T], values: Mapping[str, Any], *, timeout: Timeout = None,
              auth: Optional[Mapping[str, Any]] = None, content_type: Optional[str] = None,
              headers: Optional[Mapping[str, str]] = None, host_index: Optional[int] = None,
              legacy: Optional[Mapping[str, Any]] = None) -> T:
        options = CallOptions(timeout, headers, host_index, content_type, auth)
        if legacy:
            return call_options.call(self.api_client, op, values, options, legacy)  # type: ignore[no-any-return]
        return self.api_client.call(op, values, options)

    def _call_with_http_info(self, op: Operation[T], values: Mapping[str, Any], *,
                             timeout: Timeout = None, auth: Optional[Mapping[str, Any]] = None,
                             content_type: Optional[str] = None,
                             headers: Optional[Mapping[str, str]] = None,
                             host_index: Optional[int] = None) -> ApiResponse[T]:
        options = CallOptions(timeout, headers, host_index, content_type, auth)
        return self.api_client.call_with_http_info(op, values, options)

    def _call_text(self, op: Operation[Any], values: Mapping[str, Any], *, timeout: Timeout = None,
                   auth: Optional[Mapping[str, Any]] = None, content_type: Optional[str] = None,
                   headers: Optional[Mapping[str, str]] = None,
                   host_index: Optional[int] = None) -> str:
        asked = {"Accept": "text/plain", **(headers or {})}
        options = CallOptions(timeout, asked, host_index, content_type, auth)
        answer = self.api_client.call_with_http_info(op, values, options)
        if not isinstance(answer.data, str):
            got = answer.headers.get("Content-Type") or "of no content type"
            raise op.surface.exception_family()(
                status=answer.status_code, reason=f"text/plain was asked for, the answer is {got}",
                body=answer.raw_data, headers=answer.headers)
        return answer.data

    def _call_stream(self, op: Operation[Any], values: Mapping[str, Any], *, timeout: Timeout = None,
                     auth: Optional[Mapping[str, Any]] = None, content_type: Optional[str] = None,
                     headers: Optional[Mapping[str, str]] = None,
                     host_index: Optional[int] = None) -> Iterator[Any]:
        options = CallOptions(timeout, headers, host_index, content_type, auth)
        return self.api_client.call_stream(op, values, options)

    def _call_unread(self, op: Operation[Any], values: Mapping[str, Any], *, timeout: Timeout = None,
                     auth: Optional[Mapping[str, Any]] = None, content_type: Optional[str] = None,
                     headers: Optional[Mapping[str, str]] = None,
                     host_index: Optional[int] = None) -> Response:
        options = CallOptions(timeout, headers, host_index, content_type, auth)
        return self.api_client.call_unread(op, values, options)
