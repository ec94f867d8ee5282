"""The SDK's transport: urllib3 connection pools behind ``handle(request) -> Response``.

The only module that imports urllib3. Without a proxy, a request goes straight to the
connection pool of its origin, found once per origin: ``PoolManager.request`` would parse
the URL, normalize a pool key and take a lock on every call, about a fifth of the client's
CPU for a small call.
"""
from __future__ import annotations

import functools
import socket
import ssl
import threading
import time
import warnings
from typing import Any, Dict, Mapping, Optional, Sequence, Tuple, Union
from urllib.parse import urlsplit

import certifi
import urllib3
import urllib3.connection

from airflow_python_sdk._runtime.errors import (
    ERROR_BODY_MAX,
    ApiConnectionError,
    ApiConnectionRefusedError,
    ApiHostNotFoundError,
    ApiTimeoutError,
    ApiTlsError,
    ApiValueError,
)
from airflow_python_sdk._runtime.proxies import bypasses_proxy, is_socks
from airflow_python_sdk._runtime.request import Request, Timeout, without_userinfo
from airflow_python_sdk._runtime.transport import Response

# Origins remembered by ``_pool_for``; a client talks to one or two (its host, a redirect
# target), so past this many something unusual is going on and the table starts over.
MAX_ORIGINS = 16


class TlsSettings:
    """How to verify the server and present a client certificate. ``ca_data``: CA
    certificates as PEM text (or DER bytes) instead of a file; ``server_name``: the name sent
    in SNI and checked against the certificate when it differs from the URL's host."""

    __slots__ = ("verify", "ca_file", "cert_file", "key_file", "assert_hostname", "ca_data",
                 "server_name")

    def __init__(self, verify: bool = True, ca_file: Optional[str] = None,
                 cert_file: Optional[str] = None, key_file: Optional[str] = None,
                 assert_hostname: Any = None, ca_data: Union[None, str, bytes] = None,
                 server_name: Optional[str] = None) -> None:
        self.verify: bool = verify
        self.ca_file: Optional[str] = ca_file
        self.cert_file: Optional[str] = cert_file
        self.key_file: Optional[str] = key_file
        self.assert_hostname: Any = assert_hostname
        self.ca_data: Union[None, str, bytes] = ca_data
        self.server_name: Optional[str] = server_name


class Urllib3Transport:
    """Sends requests through a urllib3 ``PoolManager``, or through a ``ProxyManager`` (an
    HTTP(S) proxy) or ``SOCKSProxyManager`` (a SOCKS proxy, which needs PySocks) with a
    proxy. Hosts ``no_proxy`` names go direct. ``socket_options`` replace urllib3's
    defaults (e.g. to turn on TCP keepalive)."""

    def __init__(self, *, tls: Optional[TlsSettings] = None, proxy: Optional[str] = None,
                 proxy_headers: Optional[Mapping[str, str]] = None, pools: int = 4,
                 pool_size: int = 10, default_timeout: Timeout = None,
                 no_proxy: Optional[str] = None, proxy_ssl_context: Optional[ssl.SSLContext] = None,
                 socket_options: Optional[Sequence[Tuple[int, int, Any]]] = None) -> None:
        tls = tls or TlsSettings()
        kwargs: Dict[str, Any] = {
            "num_pools": pools,
            "maxsize": pool_size,
            "retries": False,  # retrying is the retry layer's decision, not urllib3's
        }
        if tls.verify:
            kwargs["cert_reqs"] = ssl.CERT_REQUIRED
            if tls.ca_data:
                kwargs["ca_cert_data"] = tls.ca_data
                if tls.ca_file:
                    kwargs["ca_certs"] = tls.ca_file
            else:
                kwargs["ca_certs"] = tls.ca_file or certifi.where()
        else:
            kwargs["cert_reqs"] = ssl.CERT_NONE
        if tls.cert_file:
            kwargs["cert_file"] = tls.cert_file
        if tls.key_file:
            kwargs["key_file"] = tls.key_file
        if tls.assert_hostname is not None:
            kwargs["assert_hostname"] = tls.assert_hostname
        if tls.server_name:
            kwargs["server_hostname"] = tls.server_name
        if socket_options is not None:
            kwargs["socket_options"] = list(socket_options)
        self.direct: Any = urllib3.PoolManager(**kwargs)
        self.direct.pool_classes_by_scheme = WATCHED_POOLS
        self.proxied: Any = None
        if proxy:
            self.proxied = _proxy_manager(proxy, proxy_headers, proxy_ssl_context, kwargs)
            if not is_socks(proxy):
                self.proxied.pool_classes_by_scheme = WATCHED_POOLS
        self.pool_manager: Any = self.proxied if self.proxied is not None else self.direct
        self.no_proxy: str = no_proxy or ""
        self.default_timeout = default_timeout
        self._pools: Dict[str, Any] = {}  # origin ("https://host:port") -> its pool, when direct
        self._via_proxy: Dict[str, bool] = {}  # origin -> whether it goes through the proxy

    def handle(self, request: Request) -> Response:
        """Send ``request`` once; answer the response or raise ``ApiConnectionError``."""
        value = _hashable(request.timeout if request.timeout is not None else self.default_timeout)
        if request.deadline is None:
            return self._exchange(request, _timeout(value))
        remaining = request.deadline - time.monotonic()
        if remaining <= 0:
            raise _deadline_passed(request)
        cut_off = _CutOff(remaining)
        _WATCH.cut_off = cut_off
        try:
            return self._exchange(request, _timeout_within(value, remaining))
        except ApiConnectionError:
            if cut_off.fired:
                raise _deadline_passed(request) from None
            raise
        finally:
            _WATCH.cut_off = None
            cut_off.finish()

    def _exchange(self, request: Request, timeout: Any) -> Response:
        preload = not request.stream
        method, url = request.method, request.url
        try:
            # the body is read here, not by urllib3: an error body only up to ERROR_BODY_MAX
            if self.proxied is not None and self._through_proxy(url):  # it shapes the request line
                raw = self.proxied.request(method, url, body=request.body,
                                           headers=request.headers, preload_content=False,
                                           timeout=timeout, redirect=False)
            else:
                pool, target = self._pool_for(url)
                raw = pool.urlopen(method, target, body=request.body, headers=request.headers,
                                   retries=False, redirect=False, assert_same_host=False,
                                   timeout=timeout, preload_content=False)
            data = _read_body(raw) if preload else None
        except urllib3.exceptions.HTTPError as exc:
            raise _connection_error(method, url, exc) from None
        cut_off = getattr(_WATCH, "cut_off", None)
        if cut_off is not None and cut_off.fired:  # a body cut short ends like a whole one
            raise _deadline_passed(request)
        return Response(raw.status, raw.reason or "", raw.headers, data,
                        source=None if preload else _Unread(raw), request=request)

    def _through_proxy(self, url: str) -> bool:
        origin = _origin(url)
        via = self._via_proxy.get(origin)
        if via is None:
            if len(self._via_proxy) >= MAX_ORIGINS:
                self._via_proxy.clear()
            via = self._via_proxy[origin] = not bypasses_proxy(url, self.no_proxy)
        return via

    def _pool_for(self, url: str) -> Tuple[Any, str]:
        """The pool for ``url``'s origin and the request target (path and query) to send."""
        cut = url.find("/", url.find("//") + 2)
        origin, target = (url, "/") if cut < 0 else (url[:cut], url[cut:])
        pools = self._pools
        pool = pools.get(origin)
        if pool is None or pool.pool is None:  # new origin, or a pool the manager has closed
            if len(pools) >= MAX_ORIGINS:
                pools.clear()
            pool = pools[origin] = self.direct.connection_from_url(origin)
        return pool, target

    def close(self) -> None:
        """Close every pooled connection (``PoolManager.clear`` alone leaves idle sockets open
        in urllib3 2.x)."""
        managers = [m for m in (self.direct, self.proxied) if m is not None]
        pools = list(self._pools.values()) + [m.pools[key] for m in managers
                                              for key in list(m.pools.keys())]
        self._pools.clear()
        for pool in pools:
            pool.close()
        for manager in managers:
            manager.clear()


def _read_body(raw: Any) -> bytes:
    """The body of an answer; of an error (status 400 and up), at most ERROR_BODY_MAX bytes:
    what is left of a longer one is not read, and its connection is closed, not reused."""
    try:
        if raw.status < 400:
            data: bytes = raw.read()
        else:
            data = raw.read(ERROR_BODY_MAX)
            if len(data) == ERROR_BODY_MAX and raw.read(1):
                raw.close()  # the rest is never read: the connection cannot carry another request
    except BaseException:
        raw.close()  # broken off mid-body: the connection is not reused
        raw.release_conn()
        raise
    raw.release_conn()
    return data


# -- deadlines: cutting off an exchange that outlives its call's deadline

class _CutOff:
    """Shuts down the socket of an exchange still under way when its deadline passes: a
    server trickling its head or body a byte at a time beats every per-read timeout."""

    __slots__ = ("fired", "_sock", "_finished", "_lock", "_timer")

    def __init__(self, seconds: float) -> None:
        self.fired = False
        self._sock: Any = None
        self._finished = False
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True
        self._timer.start()

    def attach(self, conn: Any) -> None:
        """The connection the exchange waits on (set when its answer is awaited). Its socket
        is kept: http.client hands the socket of a close-delimited answer to the response
        and the connection forgets it."""
        with self._lock:
            self._sock = getattr(conn, "sock", None)
            if self.fired:
                _shut(self._sock)

    def _fire(self) -> None:
        with self._lock:
            if self._finished:
                return
            self.fired = True
            _shut(self._sock)

    def finish(self) -> None:
        """The exchange is over: the connection (back in its pool) is never touched again."""
        self._timer.cancel()
        with self._lock:
            self._finished = True
            self._sock = None


def _shut(sock: Any) -> None:
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


_WATCH = threading.local()  # .cut_off: the _CutOff of this thread's exchange, if any


class _Watched:
    """A connection that tells the current exchange's ``_CutOff`` it is the one to cut."""

    def getresponse(self, *args: Any, **kwargs: Any) -> Any:
        cut_off = getattr(_WATCH, "cut_off", None)
        if cut_off is not None:
            cut_off.attach(self)
        return super().getresponse(*args, **kwargs)  # type: ignore[misc]


class _HTTPConnection(_Watched, urllib3.connection.HTTPConnection):
    pass


class _HTTPSConnection(_Watched, urllib3.connection.HTTPSConnection):
    pass


class _HTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _HTTPConnection  # pyright: ignore[reportAssignmentType]  (urllib3 types it as a protocol)


class _HTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection  # pyright: ignore[reportAssignmentType]


WATCHED_POOLS = {"http": _HTTPPool, "https": _HTTPSPool}


def _timeout_within(value: Timeout, remaining: float) -> Any:
    """A timeout setting with every part cut to the ``remaining`` seconds of a deadline."""
    if isinstance(value, (int, float)):
        return urllib3.Timeout(total=min(value, remaining))
    connect, read = value if value is not None else (None, None)
    return urllib3.Timeout(connect=remaining if connect is None else min(connect, remaining),
                           read=remaining if read is None else min(read, remaining))


def _deadline_passed(request: Request) -> ApiTimeoutError:
    where = _safe(request.url)
    split = urlsplit(where)
    error = ApiTimeoutError(f"{request.method} {where}: the call's deadline passed "
                            "(Configuration.deadline)", request.method, where,
                            host=split.hostname or "", port=split.port)
    error.retryable = False
    return error


def _proxy_manager(proxy: str, headers: Optional[Mapping[str, str]],
                   proxy_ssl_context: Optional[ssl.SSLContext], kwargs: Dict[str, Any]) -> Any:
    if is_socks(proxy):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                from urllib3.contrib.socks import SOCKSProxyManager
        except ImportError:  # urllib3 warns and re-raises when PySocks is missing
            raise ApiValueError(f"proxy {without_userinfo(proxy)!r} is a SOCKS proxy, which needs "
                                "PySocks: pip install 'urllib3[socks]'") from None
        return SOCKSProxyManager(proxy, headers=dict(headers or {}), **kwargs)
    if proxy_ssl_context is not None:
        kwargs = {**kwargs, "proxy_ssl_context": proxy_ssl_context}
    return urllib3.ProxyManager(proxy_url=proxy, proxy_headers=dict(headers or {}), **kwargs)


def _origin(url: str) -> str:
    cut = url.find("/", url.find("//") + 2)
    return url if cut < 0 else url[:cut]


class _Unread:
    """A urllib3 response whose body the caller reads."""

    __slots__ = ("raw",)

    def __init__(self, raw: Any) -> None:
        self.raw = raw

    def read(self, amt: Optional[int] = None) -> bytes:
        try:
            return self.raw.read(amt)  # type: ignore[no-any-return]
        except urllib3.exceptions.HTTPError as exc:
            raise _connection_error("GET", self.raw.geturl() or "", exc) from None

    def read1(self, amt: int) -> bytes:
        """What has arrived, up to ``amt`` bytes (urllib3 2; 1.26 has only ``read``)."""
        read1 = getattr(self.raw, "read1", None)
        try:
            return (read1(amt) if read1 is not None else self.raw.read(amt))  # type: ignore[no-any-return]
        except urllib3.exceptions.HTTPError as exc:
            raise _connection_error("GET", self.raw.geturl() or "", exc) from None

    def release(self) -> None:
        if not self.raw.isclosed():  # left before its end: the rest would arrive later on the
            self.raw.close()         # connection and be read as the next request's answer
        self.raw.release_conn()

    def close(self) -> None:
        self.raw.close()


def _connection_error(method: str, url: str, exc: BaseException) -> ApiConnectionError:
    """What happened, as the ``ApiConnectionError`` subclass that says so. urllib3 2 makes
    every failure to connect a connect timeout, so the cause is looked at first."""
    # Connect failures happen before a byte is sent: safe to retry any method.
    sent = not isinstance(exc, (urllib3.exceptions.NewConnectionError,
                                urllib3.exceptions.ConnectTimeoutError,
                                urllib3.exceptions.SSLError))
    cause = exc.__cause__ or exc.__context__ or getattr(exc, "reason", None)
    name_error = getattr(urllib3.exceptions, "NameResolutionError", ())
    where = _safe(url)
    split = urlsplit(where)
    try:
        port = split.port or (443 if split.scheme == "https" else 80)
    except ValueError:
        port = None
    host = split.hostname or ""
    cls: Any
    if name_error and isinstance(exc, name_error) or isinstance(cause, socket.gaierror):
        cls, what = ApiHostNotFoundError, f"no such host {host!r}"
    elif isinstance(exc, urllib3.exceptions.SSLError):
        cls, what = ApiTlsError, f"TLS failed ({_reason(exc)})"
    elif isinstance(cause, ConnectionRefusedError) or "refused" in str(exc).lower():
        cls, what = ApiConnectionRefusedError, f"connection refused by {host}:{port}"
    elif isinstance(exc, urllib3.exceptions.TimeoutError):
        cls, what = ApiTimeoutError, f"timed out ({exc.__class__.__name__})"
    else:
        cls, what = ApiConnectionError, f"no answer ({_reason(exc)})"
    error: ApiConnectionError = cls(f"{method} {where}: {what}", method, where, exc,
                                    host=host, port=port)
    error.request_sent = sent
    if cls is ApiTlsError:  # a certificate refused stays refused: trying again cannot help
        error.retryable = not _certificate_refused(exc)
    return error


def _certificate_refused(exc: BaseException) -> bool:
    seen: Any = exc
    for _ in range(4):
        if seen is None:
            return False
        if isinstance(seen, (ssl.SSLCertVerificationError, ssl.CertificateError)):
            return True
        if "CERTIFICATE_VERIFY_FAILED" in str(seen) or "hostname" in str(seen).lower():
            return True
        seen = seen.__cause__ or seen.__context__ or getattr(seen, "reason", None)
    return False


@functools.lru_cache(maxsize=64)
def _timeout(value: Timeout) -> Any:
    if value is None:
        return urllib3.Timeout(connect=None, read=None)
    if isinstance(value, (int, float)):
        return urllib3.Timeout(total=value)
    connect, read = value
    return urllib3.Timeout(connect=connect, read=read)


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _reason(exc: BaseException) -> str:
    reason = getattr(exc, "reason", None) or exc
    return f"{reason.__class__.__name__}: {reason}"


def _safe(url: str) -> str:
    """A URL fit for a message: no query string (it may carry a continuation token), no
    ``user:password@``."""
    return without_userinfo(url.split("?", 1)[0])
