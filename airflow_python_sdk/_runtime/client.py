"""``ApiClient``: runs operations through the pipeline, for any surface.

    call(op, values, options)
      -> build_request    check every argument, encode path/query/body   (request)
      -> AuthLayer        add credentials; renew and retry once if refused (auth)
      -> RedirectLayer    follow 3xx, credentials kept to their origin     (redirects)
      -> RetryLayer       again on failures the policy allows, with waits  (retries)
      -> Exchange         one exchange over the transport, logged          (exchange)
      -> read_value       2xx: the operation's value; otherwise raise      (answers)

Each layer is an object with ``send(request) -> Response`` and can be used and tested on its
own; the transport at the bottom is ``rest_client`` (by default a ``RESTClientObject`` over
urllib3), replaceable by any object with ``handle(request)``. A subclass that overrides
``request(method, url, ...)`` (the older clients' last step before the REST client) gets
every exchange through it instead (``compat.rest.through_hook``).
"""
from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Dict, Iterator, Mapping, Optional, Type, TypeVar

from airflow_python_sdk._runtime.answers import ApiResponse, raise_for_status, read_value, stream_values
from airflow_python_sdk._runtime.auth import Auth, AuthLayer, ChainAuth, JwtAuth, check_credential
from airflow_python_sdk._runtime.config import Configuration
from airflow_python_sdk._runtime.deadlines import call_deadline
from airflow_python_sdk._runtime.exchange import Exchange
from airflow_python_sdk._runtime.operation import Operation
from airflow_python_sdk._runtime.redirects import RedirectLayer
from airflow_python_sdk._runtime.request import CallOptions, Request, build_request
from airflow_python_sdk._runtime.retries import RetryLayer
from airflow_python_sdk._runtime.transport import Response
from airflow_python_sdk._runtime.version import VERSION
from airflow_python_sdk.compat.api_client import LegacyApiClient, call_api_hooked, via_call_api

if TYPE_CHECKING:
    from multiprocessing.pool import ApplyResult, ThreadPool

    from typing_extensions import ParamSpec

    from airflow_python_sdk._runtime.detection import ServerInfo

    P = ParamSpec("P")

T = TypeVar("T")
C = TypeVar("C", bound="ApiClient")


class ApiClient(LegacyApiClient):
    """Holds the configuration, the transport and default headers; runs operations.

    Use it as a context manager (or call ``close()``) to release its connections and
    threads. One client may be shared by many threads.
    """

    configuration: Configuration
    #: what ``rest_client`` is made of when none is given
    rest_client_class: ClassVar[Optional[Type[Any]]] = None  # None: compat.rest's RESTClientObject

    def __init__(self, configuration: Optional[Configuration] = None,
                 header_name: Optional[str] = None, header_value: Optional[str] = None,
                 cookie: Optional[str] = None, pool_threads: int = 1, *,
                 transport: Any = None) -> None:
        self.configuration = configuration if configuration is not None else _default_configuration()
        self.pool_threads = pool_threads
        self.default_headers: Dict[str, str] = {}
        if header_name is not None:
            self.default_headers[header_name] = header_value or ""
        self.cookie = cookie
        self.user_agent = f"airflow_python_sdk/{VERSION}/python"
        self._pool: Optional["ThreadPool"] = None
        self._rest_client: Any = transport
        self._jwt: Dict[Any, Auth] = {}  # (server root, username, password) -> its tokens
        self._auth_lock = threading.Lock()
        self._server: Optional["ServerInfo"] = None  # what _runtime.detection learned
        self._server_for: Any = None  # the settings it was learned for
        self._server_lock = threading.Lock()
        #: the answer of the latest exchange (as the older clients kept it)
        self.last_response: Optional[Response] = None
        config = self.configuration
        self._below_auth: RedirectLayer = RedirectLayer(
            RetryLayer(Exchange(self._transport, lambda: config.log_payloads),
                       lambda: config.retries),
            lambda: config.follow_redirects)
        self.pipeline: AuthLayer = AuthLayer(self._below_auth, self.auth_for)

    # -- the transport
    def default_rest_client_class(self) -> Type[Any]:
        """The class ``rest_client`` is made of: ``rest_client_class`` when a subclass sets it,
        else the surface's ``RESTClientObject``."""
        if self.rest_client_class is not None:
            return self.rest_client_class
        from airflow_python_sdk.compat.rest import RESTClientObject

        return RESTClientObject

    @property
    def rest_client(self) -> Any:
        """The transport requests go through (made from the configuration on first use)."""
        if self._rest_client is None:
            # imported here: urllib3 and ssl cost more to import than the whole SDK, and a
            # program that only builds models or requests (or prints --help) never needs them
            self._rest_client = self.default_rest_client_class()(self.configuration)
        return self._rest_client

    @rest_client.setter
    def rest_client(self, value: Any) -> None:
        self._rest_client = value

    def _transport(self) -> Any:
        """What the exchange goes through: ``rest_client``, or this client's own ``request()``
        when a subclass (or the instance) overrides it."""
        if "request" in self.__dict__ or getattr(type(self), "request") is not _LEGACY_REQUEST:
            return _ClientRequest(self)
        return self.rest_client

    # -- lifetime
    def __enter__(self: C) -> C:
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    def close(self) -> None:
        """Stop the thread pool and close every connection."""
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None
        if self._rest_client is not None:
            close = getattr(self._rest_client, "close", None)
            if close is not None:
                close()

    @property
    def pool(self) -> "ThreadPool":
        """Threads for calls run in the background (``submit``), created on first use."""
        if self._pool is None:
            from multiprocessing.pool import ThreadPool

            self._pool = ThreadPool(self.pool_threads)
        return self._pool

    def submit(self, method: "Callable[P, T]", *args: "P.args", **kwargs: "P.kwargs") -> "ApplyResult[T]":
        """Run an Api method in the background: ``client.submit(pools.get_pool, "p").get()``."""
        return self.pool.apply_async(method, args, kwargs)

    # -- headers
    @property
    def user_agent(self) -> str:
        return str(self.default_headers["User-Agent"])

    @user_agent.setter
    def user_agent(self, value: str) -> None:
        self.default_headers["User-Agent"] = value

    def set_default_header(self, header_name: str, header_value: str) -> None:
        self.default_headers[header_name] = header_value

    # -- the pipeline, step by step
    def base_url(self, op: Operation[Any], host_index: Optional[int] = None) -> str:
        """Where ``op`` lives: the server root and the operation's surface prefix."""
        config = self.configuration
        host = config.host if host_index is None else config.get_host_from_settings(host_index)
        return config.base_url(op.surface.path_prefix, host)

    def build_request(self, op: Operation[Any], values: Mapping[str, Any],
                      options: Optional[CallOptions] = None) -> Request:
        """The request for ``op`` with ``values`` (arguments by parameter name); nothing sent."""
        options = options or CallOptions()
        return self.build_request_at(self.base_url(op, options.host_index), op, values, options)

    def build_request_at(self, base_url: str, op: Operation[Any], values: Mapping[str, Any],
                         options: CallOptions) -> Request:
        """``build_request`` with the operation's path put under ``base_url``."""
        config = self.configuration
        headers = {"Accept": "application/json"}
        headers.update(self.default_headers)
        if self.cookie:
            headers["Cookie"] = self.cookie
        if not config.client_side_validation:
            options.check_input = False
        return build_request(op, values, options, base_url=base_url, headers=headers,
                             assume_tz=config.assume_timezone,
                             safe_path_chars=config.safe_chars_for_path_param)

    def auth_for(self, request: Request) -> Auth:
        """The credentials for ``request``: the configuration's, except that a username and
        password for a surface that takes tokens (v2) get a JWT from the server (``JwtAuth``)."""
        config = self.configuration
        surface = request.surface
        if (surface is None or surface.auth != "jwt" or config.access_token or config.token_provider
                or config.username is None):
            return config.auth()
        key = (config.server_root(), config.username, config.password)
        with self._auth_lock:
            cached = self._jwt.get(key)
            if cached is None:
                jwt = JwtAuth(check_credential(config.username, "username"),
                              check_credential(config.password or "", "password"),
                              config.server_root() + "/auth/token", self._send_unauthenticated,
                              surface.exception_family())
                extra = config.extra_auth()
                cached = self._jwt[key] = jwt if extra is None else ChainAuth([jwt, extra])
        return cached

    def _send_unauthenticated(self, request: Request) -> Response:
        if request.deadline is None:
            request.deadline = call_deadline(self.configuration.deadline)
        return self._below_auth.send(request)  # below the auth layer: redirects, retries

    def send(self, request: Request) -> Response:
        """Send through the layers: auth, redirects, retries, the exchange."""
        if request.deadline is None:
            request.deadline = call_deadline(self.configuration.deadline)
        response = self.pipeline.send(request)
        self.last_response = response
        return response

    # -- which API the server serves
    def server_info(self) -> "ServerInfo":
        """What the server serves (a ``_runtime.detection.ServerInfo``): pinned by
        ``Configuration.server_api``, else asked of the server once (one request; see
        ``_runtime.detection``) and remembered while host and setting stay the same."""
        key = self._server_key()
        known = self._server
        if known is not None and self._server_for == key:
            return known
        from airflow_python_sdk._runtime.detection import ServerInfo, detect

        with self._server_lock:
            known = self._server
            if known is None or self._server_for != key:
                known = ServerInfo(key[0], pinned=True) if key[0] != "auto" else detect(self)
                self._server, self._server_for = known, key
        return known

    def _server_key(self) -> Any:
        config = self.configuration
        return (getattr(config, "_server_api", "auto"), config._base_path, config.server_index)

    def _bridge(self, op: Operation[Any], values: Mapping[str, Any], options: CallOptions) -> Any:
        """The module that serves ``op`` by translation when the server serves another API than
        ``op``'s surface (v1 operations on Airflow 3), else None."""
        surface = op.surface
        if surface.bridge is None:
            return None
        known = self._server
        if known is None or self._server_for != self._server_key():
            # not known yet: bad input and bad credentials fail before anything, the probe
            # included, is sent
            self.auth_for(self.build_request(op, values, options))
            known = self.server_info()
        if known.api == surface.name:
            return None
        return surface.bridge_module()

    # -- what generated methods call
    def call(self, op: Operation[T], values: Mapping[str, Any], options: CallOptions) -> T:
        """Run ``op``; its decoded value."""
        bridge = self._bridge(op, values, options)
        if bridge is not None:
            return bridge.call(self, op, values, options, "data")  # type: ignore[no-any-return]
        if call_api_hooked(self):
            return via_call_api(self, op, values, options, "data")  # type: ignore[no-any-return]
        response = self.send(self.build_request(op, values, options))
        return read_value(op, response)  # type: ignore[no-any-return]

    def call_with_http_info(self, op: Operation[T], values: Mapping[str, Any],
                            options: CallOptions) -> ApiResponse[T]:
        """Run ``op``; its value with the status code and headers."""
        bridge = self._bridge(op, values, options)
        if bridge is not None:
            return bridge.call(self, op, values, options, "info")  # type: ignore[no-any-return]
        if call_api_hooked(self):
            return via_call_api(self, op, values, options, "info")  # type: ignore[no-any-return]
        response = self.send(self.build_request(op, values, options))
        value = read_value(op, response)
        return ApiResponse(response.status, response.headers, value, response.data)

    def call_stream(self, op: Operation[Any], values: Mapping[str, Any],
                    options: CallOptions) -> Iterator[Any]:
        """Run ``op`` (an NDJSON answer); its values one by one as the server sends them."""
        headers = {"Accept": "application/x-ndjson", **(options.headers or {})}
        options.headers = headers
        return stream_values(op, self.call_unread(op, values, options))

    def call_unread(self, op: Operation[Any], values: Mapping[str, Any], options: CallOptions) -> Response:
        """Run ``op``; the answer with its body unread (an error status still raises)."""
        bridge = self._bridge(op, values, options)
        if bridge is not None:
            return bridge.call(self, op, values, options, "unread")  # type: ignore[no-any-return]
        if call_api_hooked(self):
            return via_call_api(self, op, values, options, "unread")  # type: ignore[no-any-return]
        options.stream = True
        response = self.send(self.build_request(op, values, options))
        raise_for_status(op, response)
        return response


_LEGACY_REQUEST = LegacyApiClient.request


class _ClientRequest:
    """The transport when ``ApiClient.request`` is overridden: every exchange goes through it."""

    def __init__(self, client: ApiClient) -> None:
        self.client = client

    def handle(self, request: Request) -> Response:
        from airflow_python_sdk.compat.rest import through_hook

        return through_hook(self.client.request, request, verb=False)

    def close(self) -> None:
        self.client.rest_client.close()


def _default_configuration() -> Configuration:
    return Configuration.get_default_copy()  # type: ignore[no-any-return]
