"""``ApiClient`` at the path code written for apache-airflow-client 3.3.2 imports it from.

The same client as ``airflow_python_sdk.ApiClient`` (one client serves both surfaces), with
3.3.2's lower-level ``call_api(method, url, ...)`` and the shared default instance.
"""
from __future__ import annotations

from typing import Any, ClassVar, Dict, Optional

from airflow_python_sdk._runtime.answers import ApiResponse
from airflow_python_sdk._runtime.client import ApiClient as _ApiClient
from airflow_python_sdk._runtime.request import Request, check_timeout
from airflow_python_sdk._runtime.transport import Response
from airflow_python_sdk.compat.rest import RESTResponse

__all__ = ["ApiClient", "ApiResponse", "RESTResponse"]


class ApiClient(_ApiClient):
    """Runs operations of any surface; see ``airflow_python_sdk._runtime.client``."""

    _default: ClassVar[Optional["ApiClient"]] = None

    @classmethod
    def get_default(cls) -> "ApiClient":
        """The shared client (made on first use), as 3.3.2 has it."""
        if cls._default is None:
            cls._default = cls()
        return cls._default

    @classmethod
    def set_default(cls, default: Optional["ApiClient"]) -> None:
        cls._default = default

    def call_api(self, method: str, url: str, header_params: Optional[Dict[str, str]] = None,  # type: ignore[override]
                 body: Any = None, post_params: Any = None, _request_timeout: Any = None) -> Response:
        """One request to a URL of the server (3.3.2's form), with the configured credentials,
        redirects and retries; the answer whatever its status."""
        import json

        data = body if body is None or isinstance(body, bytes) else (
            body.encode("utf-8") if isinstance(body, str) else json.dumps(body).encode("utf-8"))
        headers = {"Accept": "application/json", **self.default_headers, **(header_params or {})}
        if data is not None:
            headers.setdefault("Content-Type", "application/json")
        request = Request(method.upper(), url, headers, data,
                          timeout=check_timeout(_request_timeout, "_request_timeout"))
        return self.send(request)
