"""One exchange over the transport, logged: the layer just above the transport.

At DEBUG level on the ``airflow_python_sdk`` logger every exchange gives one line (method,
URL without its query, status or error, time taken). With ``Configuration.log_payloads``
headers and bodies are logged too, credentials and secret fields redacted.
"""
from __future__ import annotations

import json
import logging
import time
from typing import Any, Callable, Dict, Mapping

from airflow_python_sdk._runtime.errors import ApiConnectionError
from airflow_python_sdk._runtime.request import Request
from airflow_python_sdk._runtime.transport import Response, Transport

logger = logging.getLogger("airflow_python_sdk")
PAYLOAD_LOG_MAX = 2000  # characters of a body written to the log
REDACTED = "***"
CREDENTIAL_HEADERS = frozenset({"authorization", "cookie", "proxy-authorization", "set-cookie"})
SECRET_KEYS = frozenset({"password", "token", "access_token", "secret", "extra"})


class Exchange:
    """Sends one request through the transport the client currently has."""

    def __init__(self, transport: Callable[[], Transport], log_payloads: Callable[[], bool]) -> None:
        self.transport = transport
        self.log_payloads = log_payloads

    def send(self, request: Request) -> Response:
        if not logger.isEnabledFor(logging.DEBUG):
            return self.transport().handle(request)
        start = time.monotonic()
        try:
            response = self.transport().handle(request)
        except ApiConnectionError as exc:
            logger.debug("%s %s -> %s after %.1f ms (attempt %d)", request.method, _url(request),
                         type(exc).__name__, (time.monotonic() - start) * 1000, request.attempt)
            raise
        logger.debug("%s %s -> %s in %.1f ms (attempt %d)", request.method, _url(request),
                     response.status, (time.monotonic() - start) * 1000, request.attempt)
        if self.log_payloads():
            logger.debug("request headers: %s", redact_headers(request.headers, request.credentials))
            if request.body:
                logger.debug("request body: %s", redact_body(request.body))
            logger.debug("response headers: %s", redact_headers(response.headers))
            if response.is_read and response.data:
                logger.debug("response body: %s", redact_body(response.data))
        return response


def _url(request: Request) -> str:
    return request.shown_url


def redact_headers(headers: Mapping[str, str], credentials: Any = ()) -> Dict[str, str]:
    marked = {name.lower() for name in credentials}
    return {k: (REDACTED if k.lower() in CREDENTIAL_HEADERS or k.lower() in marked else v)
            for k, v in headers.items()}


def redact_body(body: bytes) -> str:
    try:
        data = json.loads(body)
        return json.dumps(redact_json(data))[:PAYLOAD_LOG_MAX]
    except (ValueError, RecursionError):  # not JSON (or too deep to walk): shown as text
        return body[:PAYLOAD_LOG_MAX].decode("utf-8", "replace")


def redact_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: REDACTED if _secret_key(k) else redact_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [redact_json(v) for v in value]
    return value


def _secret_key(key: Any) -> bool:
    low = str(key).lower()
    return "password" in low or low in SECRET_KEYS
