"""The SDK's transport: urllib3 connection pools behind ``handle(request) -> Response``.

The only module that imports urllib3. Without a proxy, a request goes straight to the
connection pool of its origin, found once per origin: ``PoolManager.request`` would parse
the URL, normalize a pool key and take a lock on every call, about a fifth of the client's
CPU for a small call.
"""
from __future__ import annotations

import functools
import ssl
from typing import Any, Dict, Mapping, Optional, Tuple

import certifi
import urllib3

from airflow_python_sdk._runtime.errors import ApiConnectionError, ApiTimeoutError
from airflow_python_sdk._runtime.request import Request, Timeout
from airflow_python_sdk._runtime.transport import Response

# Origins remembered by ``_pool_for``; a client talks to one or two (its host, a redirect
# target), so past this many something unusual is going on and the table starts over.
MAX_ORIGINS = 16


class TlsSettings:
    """How to verify the server and present a client certificate."""

    __slots__ = ("verify", "ca_file", "cert_file", "key_file", "assert_hostname")

    def __init__(self, verify: bool = True, ca_file: Optional[str] = None,
                 cert_file: Optional[str] = None, key_file: Optional[str] = None,
                 assert_hostname: Any = None) -> None:
        self.verify: bool = verify
        self.ca_file: Optional[str] = ca_file
        self.cert_file: Optional[str] = cert_file
        self.key_file: Optional[str] = key_file
        self.assert_hostname: Any = assert_hostname


class Urllib3Transport:
    """Sends requests through a urllib3 ``PoolManager`` (a ``ProxyManager`` with a proxy)."""

    def __init__(self, *, tls: Optional[TlsSettings] = None, proxy: Optional[str] = None,
                 proxy_headers: Optional[Mapping[str, str]] = None, pools: int = 4,
                 pool_size: int = 10, default_timeout: Timeout = None) -> None:
        tls = tls or TlsSettings()
        kwargs: Dict[str, Any] = {
            "num_pools": pools,
            "maxsize": pool_size,
            "retries": False,  # retrying is the retry layer's decision, not urllib3's
        }
        if tls.verify:
            kwargs["cert_reqs"] = ssl.CERT_REQUIRED
            kwargs["ca_certs"] = tls.ca_file or certifi.where()
        else:
            kwargs["cert_reqs"] = ssl.CERT_NONE
        if tls.cert_file:
            kwargs["cert_file"] = tls.cert_file
        if tls.key_file:
            kwargs["key_file"] = tls.key_file
        if tls.assert_hostname is not None:
            kwargs["assert_hostname"] = tls.assert_hostname
        if proxy:
            self.pool_manager: Any = urllib3.ProxyManager(proxy_url=proxy,
                                                          proxy_headers=dict(proxy_headers or {}), **kwargs)
        else:
            self.pool_manager = urllib3.PoolManager(**kwargs)
        self.default_timeout = default_timeout
        self._pools: Dict[str, Any] = {}  # origin ("https://host:port") -> its pool

    def handle(self, request: Request) -> Response:
        """Send ``request`` once; answer the response or raise ``ApiConnectionError``."""
        timeout = _timeout(_hashable(request.timeout if request.timeout is not None
                                     else self.default_timeout))
        preload = not request.stream
        method, url = request.method, request.url
        try:
            if self.pool_manager.proxy is not None:  # the proxy shapes the request line
                raw = self.pool_manager.request(method, url, body=request.body,
                                                headers=request.headers, preload_content=preload,
                                                timeout=timeout, redirect=False)
            else:
                pool, target = self._pool_for(url)
                raw = pool.urlopen(method, target, body=request.body, headers=request.headers,
                                   retries=False, redirect=False, assert_same_host=False,
                                   timeout=timeout, preload_content=preload)
            data = raw.data if preload else None
        except urllib3.exceptions.HTTPError as exc:
            raise _connection_error(method, url, exc) from None
        return Response(raw.status, raw.reason or "", raw.headers, data,
                        source=None if preload else _Unread(raw), request=request)

    def _pool_for(self, url: str) -> Tuple[Any, str]:
        """The pool for ``url``'s origin and the request target (path and query) to send."""
        cut = url.find("/", url.find("//") + 2)
        origin, target = (url, "/") if cut < 0 else (url[:cut], url[cut:])
        pools = self._pools
        pool = pools.get(origin)
        if pool is None or pool.pool is None:  # new origin, or a pool the manager has closed
            if len(pools) >= MAX_ORIGINS:
                pools.clear()
            pool = pools[origin] = self.pool_manager.connection_from_url(origin)
        return pool, target

    def close(self) -> None:
        """Close every pooled connection (``PoolManager.clear`` alone leaves idle sockets open
        in urllib3 2.x)."""
        pools = list(self._pools.values()) + [self.pool_manager.pools[key]
                                              for key in list(self.pool_manager.pools.keys())]
        self._pools.clear()
        for pool in pools:
            pool.close()
        self.pool_manager.clear()


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

    def release(self) -> None:
        self.raw.release_conn()

    def close(self) -> None:
        self.raw.close()


def _connection_error(method: str, url: str, exc: BaseException) -> ApiConnectionError:
    # Connect failures happen before a byte is sent: safe to retry any method.
    sent = not isinstance(exc, (urllib3.exceptions.NewConnectionError,
                                urllib3.exceptions.ConnectTimeoutError))
    if isinstance(exc, urllib3.exceptions.TimeoutError):
        error: ApiConnectionError = ApiTimeoutError(
            f"{method} {_safe(url)}: timed out ({exc.__class__.__name__})", method, _safe(url), exc)
    else:
        error = ApiConnectionError(f"{method} {_safe(url)}: no answer ({_reason(exc)})",
                                   method, _safe(url), exc)
    error.request_sent = sent
    return error


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
    """A URL fit for a message: no query string (it may carry a continuation token)."""
    return url.split("?", 1)[0]
