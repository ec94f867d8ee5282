"""``rest.RESTClientObject`` and ``RESTResponse``, the HTTP seam of the older generated clients.

Test suites written for them subclass ``RESTClientObject``, override ``request(method, url,
query_params=None, headers=None, body=None, post_params=None, _preload_content=True,
_request_timeout=None)`` and call ``super().request(...)``, call ``GET``/``POST``/... directly,
and put their subclass in ``api_client.rest_client``. All of that works: ``RESTClientObject``
is the SDK's default transport, and when a subclass overrides ``request()``, every call of
the pipeline goes through it.
"""
from __future__ import annotations

import json
from typing import Any, Mapping, Optional, Sequence, Tuple, Union
from urllib.parse import urlencode

from airflow_python_sdk._runtime.answers import raise_for_status
from airflow_python_sdk._runtime.request import Request, Timeout, check_timeout
from airflow_python_sdk._runtime.transport import Headers, Response
from airflow_python_sdk._runtime.urllib3_transport import TlsSettings, Urllib3Transport

QueryParams = Union[None, Mapping[str, Any], Sequence[Tuple[str, Any]]]


class RESTResponse(Response):
    """An HTTP answer (the SDK's ``Response``). Also built the old way, from an object with
    ``status``, ``reason``, ``headers`` and ``data`` (``RESTResponse(urllib3_response)``)."""

    __slots__ = ()

    def __init__(self, resp: Any, *args: Any, **kwargs: Any) -> None:
        if isinstance(resp, int):
            super().__init__(resp, *args, **kwargs)
            return
        data = args[0] if args else kwargs.get("data")
        headers = getattr(resp, "headers", None)
        body = data if data is not None else getattr(resp, "data", None)
        super().__init__(resp.status, getattr(resp, "reason", "") or "",
                         headers if headers is not None else Headers(), body if body is not None else b"")

    @classmethod
    def of(cls, response: Response) -> "RESTResponse":
        """``response`` as a ``RESTResponse`` (itself when it is one), its body unread if it was."""
        if isinstance(response, RESTResponse):
            return response
        if response.is_read:
            return cls(response.status, response.reason, response.headers, response.data,
                       request=response.request)
        return cls(response.status, response.reason, response.headers, None,
                   source=_Source(response), request=response.request)

    def read(self, amt: Optional[int] = None) -> bytes:
        """With no ``amt``, the whole body, which stays in ``data`` (3.x's ``RESTResponse.read()``
        fills ``data``, and ``response_deserialize`` reads it there); else the next ``amt`` bytes."""
        if amt is None:
            return self.data
        return super().read(amt)

    @property
    def urllib3_response(self) -> "RESTResponse":
        """The answer itself: it reads, streams and releases like urllib3's did."""
        return self


class RESTClientObject:
    """The default transport: urllib3 pools configured from a ``Configuration``."""

    def __init__(self, configuration: Any, pools_size: int = 4, maxsize: Optional[int] = None) -> None:
        self.configuration = configuration
        tls = TlsSettings(verify=configuration.verify_ssl, ca_file=configuration.ssl_ca_cert,
                          cert_file=configuration.cert_file, key_file=configuration.key_file,
                          assert_hostname=configuration.assert_hostname,
                          ca_data=configuration.ca_cert_data,
                          server_name=configuration.tls_server_name)
        self.transport: Urllib3Transport = Urllib3Transport(
            tls=tls, proxy=configuration.proxy, proxy_headers=configuration.proxy_headers,
            pools=pools_size, pool_size=maxsize or configuration.connection_pool_maxsize,
            default_timeout=configuration.timeout, no_proxy=configuration.no_proxy,
            proxy_ssl_context=configuration.proxy_ssl_context,
            socket_options=configuration.socket_options)

    @property
    def pool_manager(self) -> Any:
        return self.transport.pool_manager

    def handle(self, request: Request) -> Response:
        """The pipeline's exchange: straight to the transport, or through an overridden
        ``request()`` so a subclass sees every call."""
        if type(self).request is RESTClientObject.request:
            return self.transport.handle(request)
        return self.request(request.method, request.url, headers=request.headers,
                            body=request.body, _preload_content=not request.stream,
                            _request_timeout=request.timeout)

    def request(self, method: str, url: str, query_params: QueryParams = None,
                headers: Optional[Mapping[str, str]] = None, body: Any = None,
                post_params: QueryParams = None, _preload_content: bool = True,
                _request_timeout: Timeout = None) -> RESTResponse:
        """One exchange; the answer whatever its status."""
        out_headers = dict(headers or {})
        if query_params:
            url += ("&" if "?" in url else "?") + urlencode(list(_pairs(query_params)))
        data: Optional[bytes]
        if post_params:
            data = urlencode(list(_pairs(post_params))).encode()
            out_headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        elif body is None or isinstance(body, bytes):
            data = body
        elif isinstance(body, str):
            data = body.encode("utf-8")
        else:
            data = json.dumps(body).encode("utf-8")
            out_headers.setdefault("Content-Type", "application/json")
        request = Request(method.upper(), url, out_headers, data,
                          timeout=check_timeout(_request_timeout, "_request_timeout"),
                          stream=not _preload_content)
        response = self.transport.handle(request)
        rest = RESTResponse(response.status, response.reason, response.headers,
                            response.data if _preload_content else None,
                            source=None if _preload_content else _Source(response), request=request)
        return rest

    # -- the verbs: one exchange, and an ApiException for a non-2xx answer, as before
    def _verb(self, method: str, url: str, **kwargs: Any) -> RESTResponse:
        response = self.request(method, url, **kwargs)
        raise_for_status(None, response)
        return response

    def GET(self, url: str, headers: Optional[Mapping[str, str]] = None, query_params: QueryParams = None,
            _preload_content: bool = True, _request_timeout: Timeout = None) -> RESTResponse:
        return self._verb("GET", url, headers=headers, query_params=query_params,
                          _preload_content=_preload_content, _request_timeout=_request_timeout)

    def HEAD(self, url: str, headers: Optional[Mapping[str, str]] = None, query_params: QueryParams = None,
             _preload_content: bool = True, _request_timeout: Timeout = None) -> RESTResponse:
        return self._verb("HEAD", url, headers=headers, query_params=query_params,
                          _preload_content=_preload_content, _request_timeout=_request_timeout)

    def OPTIONS(self, url: str, headers: Optional[Mapping[str, str]] = None,
                query_params: QueryParams = None, post_params: QueryParams = None, body: Any = None,
                _preload_content: bool = True, _request_timeout: Timeout = None) -> RESTResponse:
        return self._verb("OPTIONS", url, headers=headers, query_params=query_params,
                          post_params=post_params, body=body, _preload_content=_preload_content,
                          _request_timeout=_request_timeout)

    def DELETE(self, url: str, headers: Optional[Mapping[str, str]] = None,
               query_params: QueryParams = None, body: Any = None, _preload_content: bool = True,
               _request_timeout: Timeout = None) -> RESTResponse:
        return self._verb("DELETE", url, headers=headers, query_params=query_params, body=body,
                          _preload_content=_preload_content, _request_timeout=_request_timeout)

    def POST(self, url: str, headers: Optional[Mapping[str, str]] = None, query_params: QueryParams = None,
             post_params: QueryParams = None, body: Any = None, _preload_content: bool = True,
             _request_timeout: Timeout = None) -> RESTResponse:
        return self._verb("POST", url, headers=headers, query_params=query_params,
                          post_params=post_params, body=body, _preload_content=_preload_content,
                          _request_timeout=_request_timeout)

    def PUT(self, url: str, headers: Optional[Mapping[str, str]] = None, query_params: QueryParams = None,
            post_params: QueryParams = None, body: Any = None, _preload_content: bool = True,
            _request_timeout: Timeout = None) -> RESTResponse:
        return self._verb("PUT", url, headers=headers, query_params=query_params,
                          post_params=post_params, body=body, _preload_content=_preload_content,
                          _request_timeout=_request_timeout)

    def PATCH(self, url: str, headers: Optional[Mapping[str, str]] = None, query_params: QueryParams = None,
              post_params: QueryParams = None, body: Any = None, _preload_content: bool = True,
              _request_timeout: Timeout = None) -> RESTResponse:
        return self._verb("PATCH", url, headers=headers, query_params=query_params,
                          post_params=post_params, body=body, _preload_content=_preload_content,
                          _request_timeout=_request_timeout)

    def close(self) -> None:
        """Close every connection."""
        self.transport.close()

    clear = close  # the previous name of close()


class _Source:
    """The unread body of an answer, handed on to a RESTResponse."""

    __slots__ = ("response",)

    def __init__(self, response: Response) -> None:
        self.response = response

    def read(self, amt: Optional[int] = None) -> bytes:
        return self.response.read(amt)

    def read1(self, amt: int) -> bytes:
        return self.response.read1(amt)

    def release(self) -> None:
        self.response.release_conn()

    def close(self) -> None:
        self.response.close()


def _pairs(params: QueryParams) -> Any:
    items = params.items() if isinstance(params, Mapping) else (params or ())
    for key, value in items:
        if isinstance(value, (list, tuple)):
            for item in value:
                yield key, item
        else:
            yield key, value


