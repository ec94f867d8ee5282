"""The request pipeline: build, send, decode. One path for every operation.

    invoke(op, args)
      -> bind_arguments   split the method's arguments from the per-call options
      -> build_request    check every argument, encode path/query/body  (nothing sent yet)
      -> send             one HTTP exchange through ``rest_client``     (the seam)
      -> decode           2xx: the operation's model, ``str`` for text/plain, None when empty;
                          otherwise raise the status's ``ApiException`` subclass

Each step is a public method and can be called and tested on its own.
"""
from __future__ import annotations

import functools
import json
import logging
import time
from typing import Any, Dict, Optional, Tuple
from urllib.parse import urljoin, urlsplit

from airflow_python_sdk import _decode, _model
from airflow_python_sdk._operation import (CallOptions, HttpRequest, Operation, bind_arguments,
                                           build_request)
from airflow_python_sdk.configuration import Configuration
from airflow_python_sdk.exceptions import (ApiConnectionError, ApiException, ApiValueError,
                                           exception_for_status)
from airflow_python_sdk.rest import RESTClientObject, RESTResponse

logger = logging.getLogger("airflow_python_sdk")


class ApiClient:
    """Holds the configuration, the connection pool and default headers; runs operations.

    Use it as a context manager (or call ``close()``) to release its connections and
    threads. One client may be shared by many threads.
    """

    def __init__(self, configuration: Optional[Configuration] = None,
                 header_name: Optional[str] = None, header_value: Optional[str] = None,
                 cookie: Optional[str] = None, pool_threads: int = 1) -> None:
        self.configuration = configuration or Configuration.get_default_copy()
        self.pool_threads = pool_threads
        self.rest_client: Any = RESTClientObject(self.configuration)
        self.default_headers: Dict[str, str] = {}
        if header_name is not None:
            self.default_headers[header_name] = header_value  # type: ignore[assignment]
        self.cookie = cookie
        self.user_agent = f"airflow_python_sdk/{_version()}/python"
        self._pool: Any = None

    # -- lifetime
    def __enter__(self) -> "ApiClient":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None
        clear = getattr(self.rest_client, "clear", None)
        if clear is not None:
            clear()

    @property
    def pool(self) -> Any:
        """Threads for ``async_req=True`` calls, created on first use."""
        if self._pool is None:
            from multiprocessing.pool import ThreadPool

            self._pool = ThreadPool(self.pool_threads)
        return self._pool

    @property
    def user_agent(self) -> str:
        return self.default_headers["User-Agent"]

    @user_agent.setter
    def user_agent(self, value: str) -> None:
        self.default_headers["User-Agent"] = value

    def set_default_header(self, header_name: str, header_value: str) -> None:
        self.default_headers[header_name] = header_value

    # -- the pipeline
    def invoke(self, op: Operation, args: Dict[str, Any]) -> Any:
        """Run ``op`` with a generated method's ``locals()``."""
        values, options = bind_arguments(op, args)
        request = self.build_request(op, values, options)
        if options.async_req:
            return self.pool.apply_async(self._send_and_decode, (op, request, options))
        return self._send_and_decode(op, request, options)

    def build_request(self, op: Operation, values: Dict[str, Any],
                      options: Optional[CallOptions] = None) -> HttpRequest:
        options = options or CallOptions()
        config = self.configuration
        headers = {"Accept": "application/json"}
        headers.update(self.default_headers)
        headers.update(config.auth_headers())
        if self.cookie:
            headers.setdefault("Cookie", self.cookie)
        base_url = config.host
        if options.host_index is not None:
            base_url = config.get_host_from_settings(options.host_index)
        return build_request(op, values, options, base_url=base_url, headers=headers,
                             assume_tz=config.assume_timezone)

    def send(self, request: HttpRequest, timeout: Any = None,
             preload_content: bool = True) -> RESTResponse:
        """One exchange, with the configured retries and redirects."""
        config = self.configuration
        policy = config.retries
        attempt = 1
        redirects = 0
        while True:
            start = time.monotonic()
            try:
                response: RESTResponse = self.rest_client.request(
                    request.method, request.url, headers=request.headers, body=request.body,
                    preload_content=preload_content, timeout=timeout)
            except ApiConnectionError as exc:
                _log_attempt(request, None, start, attempt, exc)
                if policy is None or not policy.retry_on_error(request.method, exc, attempt):
                    raise
                policy.sleep(policy.wait(attempt))
                attempt += 1
                continue
            _log_attempt(request, response, start, attempt, None, config.log_payloads)
            status = response.status
            if status in _REDIRECTS and redirects < config.follow_redirects:
                location = response.getheader("Location")
                if location:
                    _release(response)
                    request = _redirected(request, status, location)
                    redirects += 1
                    continue
            if policy is not None and policy.retry_on_status(request.method, status, attempt):
                wait = policy.wait(attempt, response.getheader("Retry-After"))
                _release(response)
                policy.sleep(wait)
                attempt += 1
                continue
            return response

    def decode(self, op: Operation, response: RESTResponse) -> Any:
        """The value of a 2xx answer, or the matching ``ApiException`` raised."""
        status = response.status
        if not 200 <= status <= 299:
            raise exception_for_status(status)(http_resp=response)
        data = response.data
        if not data or status == 204:
            return None
        ctype = (response.getheader("Content-Type") or "").lower()
        if ctype.startswith("text/"):
            return data.decode(_charset(ctype), "replace")
        try:
            parsed = json.loads(data)
        except ValueError:
            raise ApiException(status=status, reason="response is not JSON",
                               body=data, headers=response.getheaders()) from None
        if op.response is None:
            return parsed
        kind = _union(op.response) if isinstance(op.response, tuple) else op.response
        return _decode.decoder_for(kind)(parsed)

    def _send_and_decode(self, op: Operation, request: HttpRequest, options: CallOptions) -> Any:
        response = self.send(request, timeout=options.request_timeout,
                             preload_content=options.preload_content)
        if not options.preload_content:
            if not 200 <= response.status <= 299:
                response.data = response.urllib3_response.data
                raise exception_for_status(response.status)(http_resp=response)
            return response.urllib3_response
        result = self.decode(op, response)
        if options.return_http_data_only:
            return result
        return result, response.status, response.getheaders()

    # -- 1.0.1's lower-level helpers
    def sanitize_for_serialization(self, obj: Any) -> Any:
        """JSON-ready data for a model, list, dict, datetime or scalar."""
        return _model.to_wire(obj, "value", self.configuration.assume_timezone)

    def deserialize(self, response: Any, response_type: Any, _check_type: bool = True) -> Any:
        """Decode a response's JSON body into ``response_type`` (a model class or name)."""
        kind = response_type[0] if isinstance(response_type, tuple) else response_type
        data = json.loads(response.data) if response.data else None
        if isinstance(kind, list):
            kind = _model.ListOf(kind[0])
        return _decode.decode(kind, data)

    def call_api(self, resource_path: str, method: str, path_params: Optional[Dict[str, Any]] = None,
                 query_params: Any = None, header_params: Optional[Dict[str, str]] = None,
                 body: Any = None, response_type: Any = None, async_req: bool = False,
                 _return_http_data_only: bool = True, _preload_content: bool = True,
                 _request_timeout: Any = None, **_ignored: Any) -> Any:
        """Call a path directly, for endpoints newer than this SDK. Values are sent as given."""
        from airflow_python_sdk._operation import Param

        params = []
        values: Dict[str, Any] = {}
        for name, value in (path_params or {}).items():
            params.append(Param(name, "path", object, required=True))
            values[name] = value
        for index, (name, value) in enumerate(query_params or ()):
            key = f"_q{index}"
            params.append(Param(key, "query", object, wire=name))
            values[key] = value
        if body is not None:
            params.append(Param("body", "body", object))
            values["body"] = body
        kind = response_type[0] if isinstance(response_type, tuple) else response_type
        op = Operation("call_api", method.upper(), resource_path, params, kind)
        options = CallOptions()
        options.headers = header_params
        options.check_input_type = False
        options.preload_content = _preload_content
        options.request_timeout = _request_timeout
        options.return_http_data_only = _return_http_data_only
        request = self.build_request(op, values, options)
        if async_req:
            return self.pool.apply_async(self._send_and_decode, (op, request, options))
        return self._send_and_decode(op, request, options)


_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CREDENTIAL_HEADERS = ("authorization", "cookie", "proxy-authorization")


def _redirected(request: HttpRequest, status: int, location: str) -> HttpRequest:
    """The request to send after a redirect. Credentials never follow to another host."""
    target = urljoin(request.url, location)
    headers = dict(request.headers)
    if urlsplit(target)[:2] != urlsplit(request.url)[:2]:  # scheme or host:port changed
        headers = {k: v for k, v in headers.items() if k.lower() not in _CREDENTIAL_HEADERS}
    method, body = request.method, request.body
    if status == 303 or (status in (301, 302) and method == "POST"):
        method, body = "GET", None
        headers = {k: v for k, v in headers.items() if k.lower() != "content-type"}
    return HttpRequest(method, target, headers, body, request.operation_id)


def _release(response: RESTResponse) -> None:
    release = getattr(response.urllib3_response, "release_conn", None)
    if release is not None:
        release()


def _log_attempt(request: HttpRequest, response: Optional[RESTResponse], start: float,
                 attempt: int, error: Optional[BaseException], payloads: bool = False) -> None:
    if not logger.isEnabledFor(logging.DEBUG):
        return
    elapsed = (time.monotonic() - start) * 1000
    url = request.url.split("?", 1)[0]
    if response is None:
        logger.debug("%s %s -> %s after %.1f ms (attempt %d)", request.method, url,
                     type(error).__name__, elapsed, attempt)
        return
    logger.debug("%s %s -> %s in %.1f ms (attempt %d)", request.method, url, response.status,
                 elapsed, attempt)
    if payloads:
        logger.debug("request headers: %s", _redact_headers(request.headers))
        if request.body:
            logger.debug("request body: %s", _redact_body(request.body))
        logger.debug("response headers: %s", _redact_headers(dict(response.getheaders())))
        if response.data:
            logger.debug("response body: %s", _redact_body(response.data))


def _redact_headers(headers: Dict[str, str]) -> Dict[str, str]:
    return {k: ("***" if k.lower() in _CREDENTIAL_HEADERS or k.lower() == "set-cookie" else v)
            for k, v in headers.items()}


def _redact_body(body: bytes, limit: int = 2000) -> str:
    try:
        data = json.loads(body)
    except ValueError:
        return body[:limit].decode("utf-8", "replace")
    return json.dumps(_redact_json(data))[:limit]


def _redact_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: "***" if "password" in k.lower() or k.lower() in ("token", "access_token")
                else _redact_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_redact_json(v) for v in value]
    return value


@functools.lru_cache(maxsize=None)
def _union(names: Tuple[str, ...]) -> Any:
    """An unnamed one-of response (``clear_dag_run`` answers a DAGRun or a collection)."""
    return type("_AnyOf_" + "_".join(names), (_model.OneOf,), {"variants": names})


def _charset(ctype: str) -> str:
    for part in ctype.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key == "charset" and value:
            return value.strip('"')
    return "utf-8"


def _version() -> str:
    from airflow_python_sdk import __version__

    return __version__


class Endpoint:  # 1.0.1 exported this name from api_client; kept for imports only
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise ApiValueError("Endpoint is internal to airflow-python-sdk 1.0.1; "
                            "use the Api classes or ApiClient.call_api")
