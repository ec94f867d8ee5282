"""``rest.RESTClientObject`` and ``RESTResponse``, the HTTP seam of airflow-python-sdk 1.0.1 and
the official 2.x client.

Code written for them calls ``GET``/``HEAD``/``OPTIONS``/``POST``/``PUT``/``PATCH``/``DELETE(url,
headers=, query_params=, body=, post_params=, _preload_content=, _request_timeout=)``, subclasses
``RESTClientObject`` overriding ``request(method, url, query_params=None, headers=None,
body=None, post_params=None, _preload_content=True, _request_timeout=None)`` (and calling
``super().request(...)``) or a verb, puts the subclass in ``api_client.rest_client``, and
overrides ``ApiClient.request(method, url, query_params, headers, post_params, body, ...)``.
All of that works as there:

- ``request()`` does one exchange and raises the status's ``ApiException`` for an answer
  outside 2xx (the verbs too), as both clients do;
- ``RESTClientObject`` is the SDK's default transport. While neither ``request()`` nor a verb
  is overridden, the pipeline goes straight to urllib3; once one is (in a subclass, or on the
  instance), every exchange of the pipeline goes through the verb as the older clients called
  it: the URL without its query, ``query_params`` as ``(name, value)`` pairs, the JSON body
  as data (what the 2.x client passed), the headers with the credentials in them. What the
  hook answers (a ``RESTResponse``, anything with ``status``/``reason``/``headers``/``data``,
  or the ``ApiException`` it raises) goes back up the pipeline, so redirects, retries and
  credential renewal still apply (``through_hook``).
"""
from __future__ import annotations

import json
from typing import Any, Callable, ClassVar, Dict, List, Mapping, Optional, Sequence, Tuple, Union
from urllib.parse import parse_qsl, urlencode

from airflow_python_sdk._runtime.answers import raise_for_status
from airflow_python_sdk._runtime.errors import ApiException, ApiValueError
from airflow_python_sdk._runtime.request import Request, Timeout, check_timeout
from airflow_python_sdk._runtime.transport import Headers, Response
from airflow_python_sdk._runtime.urllib3_transport import TlsSettings, Urllib3Transport

QueryParams = Union[None, Mapping[str, Any], Sequence[Tuple[str, Any]]]
VERBS = ("GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE")
WITH_BODY = frozenset({"OPTIONS", "POST", "PUT", "PATCH", "DELETE"})
WITH_FORM = frozenset({"OPTIONS", "POST", "PUT", "PATCH"})
HOOKS = frozenset({"request", *VERBS})  # what a subclass or an instance may replace


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
        if not isinstance(headers, Mapping) and callable(getattr(resp, "getheaders", None)):
            headers = resp.getheaders()
        body = data if data is not None else getattr(resp, "data", None)
        super().__init__(resp.status, getattr(resp, "reason", "") or "",
                         Headers(headers) if isinstance(headers, Mapping) else Headers(),
                         body if isinstance(body, bytes) else (body.encode("utf-8") if isinstance(body, str)
                                                               else b""))

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
    """The default transport: urllib3 pools configured from a ``Configuration``, with the
    methods of the 1.0.1 and 2.x clients' ``RESTClientObject`` (see the module's docstring)."""

    #: ``request()`` raises the status's ``ApiException`` for an answer outside 2xx, as in
    #: 1.0.1 and 2.x (3.3.2's ``request()``, ``airflow_python_sdk.v2.rest``, does not)
    raises_for_status: ClassVar[bool] = True

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
        """The pipeline's exchange: straight to the transport, or through the verb the older
        clients called when ``request()`` or a verb is overridden, so the override sees it."""
        if not self.hooked():
            return self.transport.handle(request)
        return through_hook(getattr(self, request.method.upper()), request, verb=True)

    def hooked(self) -> bool:
        """Whether ``request()`` or a verb is replaced, in a subclass or on this instance."""
        cls = type(self)
        found = _HOOKED.get(cls)
        if found is None:
            found = _HOOKED[cls] = any(getattr(cls, name) is not getattr(RESTClientObject, name)
                                       for name in HOOKS)
        return found or not self.__dict__.keys().isdisjoint(HOOKS)

    def request(self, method: str, url: str, query_params: QueryParams = None,
                headers: Optional[Mapping[str, str]] = None, body: Any = None,
                post_params: QueryParams = None, _preload_content: bool = True,
                _request_timeout: Timeout = None) -> RESTResponse:
        """One exchange; the answer, or the status's ``ApiException`` for one outside 2xx
        (``raises_for_status``). ``body``: bytes or text as given, anything else as JSON;
        ``post_params``: a form."""
        rest = exchange(self.transport, method, url, query_params, headers, body, post_params,
                        _preload_content, _request_timeout)
        if self.raises_for_status:
            raise_for_status(None, rest)
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


_HOOKED: Dict[type, bool] = {}


def exchange(transport: Any, method: str, url: str, query_params: QueryParams = None,
             headers: Optional[Mapping[str, str]] = None, body: Any = None,
             post_params: QueryParams = None, preload: bool = True, timeout: Timeout = None) -> RESTResponse:
    """One exchange over ``transport`` in the older clients' terms (``RESTClientObject.request``
    without the status check): the answer whatever its status."""
    method = method.upper()
    if method not in VERBS:
        raise ApiValueError(f"http method must be one of {', '.join(VERBS)}, got {method!r}")
    if post_params and body is not None:
        raise ApiValueError("body parameter cannot be used with post_params parameter.")
    out_headers = dict(headers or {})
    query = _query_text(query_params)
    if query:
        url += ("&" if "?" in url else "?") + query
    data: Optional[bytes]
    if post_params:
        data = urlencode(list(_pairs(post_params))).encode()
        out_headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
    elif body is None or isinstance(body, bytes):
        data = body
    elif isinstance(body, str):
        data = body.encode("utf-8")
    else:
        data = _json_bytes(body)
        if not any(k.lower() == "content-type" for k in out_headers):
            out_headers["Content-Type"] = "application/json"
    request = Request(method, url, out_headers, data, timeout=check_timeout(timeout, "_request_timeout"),
                      stream=not preload)
    response: Response = transport.handle(request)
    return RESTResponse(response.status, response.reason, response.headers,
                        response.data if preload else None,
                        source=None if preload else _Source(response), request=request)


# --------------------------------------------------------------------------- the hook path

class QueryPairs(List[Tuple[str, str]]):
    """``query_params`` as a hook sees them: the ``(name, value)`` pairs of a request's query.
    Sent on unchanged, the query goes out exactly as the SDK encoded it."""

    def __init__(self, raw: str) -> None:
        super().__init__(parse_qsl(raw, keep_blank_values=True))
        self.raw = raw
        self._pairs = list(self)

    def unchanged(self) -> bool:
        return list(self) == self._pairs


def through_hook(hook: Callable[..., Any], request: Request, *, verb: bool) -> Response:
    """Send ``request`` through a hook of the older clients' form: a ``RESTClientObject`` verb
    (``verb``: ``GET(url, headers=, query_params=, ...)``) or ``request(method, url, ...)``
    (``ApiClient.request`` or ``RESTClientObject.request``). Its answer, or the answer of the
    ``ApiException`` it raised, comes back as a ``Response``."""
    method = request.method.upper()
    url, _, raw_query = request.url.partition("?")
    kwargs: Dict[str, Any] = {"headers": dict(request.headers),
                              "query_params": QueryPairs(raw_query) if raw_query else None,
                              "_preload_content": not request.stream,
                              "_request_timeout": request.timeout}
    if not verb or method in WITH_BODY:
        kwargs["body"] = _body_data(request)
    if not verb or method in WITH_FORM:
        kwargs["post_params"] = None
    try:
        answer = hook(url, **kwargs) if verb else hook(method, url, **kwargs)
    except ApiException as exc:
        if not isinstance(exc.http_resp, Response) and not hasattr(exc.http_resp, "status"):
            raise  # raised without an answer (a test's fake error): the caller gets it
        answer = exc.http_resp
    response = answer if isinstance(answer, Response) else RESTResponse(answer)
    response.request = request  # the pipeline's request: its operation and surface
    return response


def _body_data(request: Request) -> Any:
    """A request's body as the older clients passed it on: JSON as data, other bodies as bytes."""
    body = request.body
    if body is None:
        return None
    ctype = next((v for k, v in request.headers.items() if k.lower() == "content-type"), "")
    if "json" in ctype.lower():
        try:
            return json.loads(body)
        except ValueError:
            return body
    return body


def _json_bytes(body: Any) -> bytes:
    """JSON as the SDK sends it (compact, UTF-8): the body a hook passed on unchanged goes out
    as it came."""
    from airflow_python_sdk._runtime.encoding import dumps

    return dumps(body, allow_naive=False, separators=(",", ":")).encode("utf-8")


def _query_text(params: QueryParams) -> str:
    if not params:
        return ""
    if isinstance(params, QueryPairs) and params.unchanged():
        return params.raw
    return urlencode(list(_pairs(params)))


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
