"""The HTTP seam: one urllib3 pool manager behind one method, ``request``.

Everything above this module works on ``HttpRequest`` in, ``RESTResponse`` out, so a test
or another transport can replace ``ApiClient.rest_client`` with any object that has the
same ``request`` method.

Without a proxy, a request goes straight to the connection pool of its origin, found once
per origin: ``PoolManager.request`` would parse the URL, normalize a pool key and take a
lock on every call, about a fifth of the client's CPU for a small call.
"""
from __future__ import annotations

import functools
import ssl
from typing import Any, Dict, Optional, Tuple

import certifi
import urllib3

from airflow_python_sdk.configuration import Configuration, Timeout
from airflow_python_sdk.exceptions import ApiConnectionError, ApiTimeoutError


class RESTResponse:
    """A read (or, with ``preload_content=False``, unread) HTTP response."""

    __slots__ = ("urllib3_response", "status", "reason", "data", "_headers")

    def __init__(self, resp: Any, data: Optional[bytes] = None) -> None:
        self.urllib3_response = resp
        self.status: int = resp.status
        self.reason: str = resp.reason
        self.data = data
        self._headers = resp.headers

    @property
    def headers(self) -> Any:
        return self._headers

    def getheaders(self) -> Any:
        return self._headers

    def getheader(self, name: str, default: Optional[str] = None) -> Optional[str]:
        return self._headers.get(name, default)  # type: ignore[no-any-return]

    def __repr__(self) -> str:
        return f"<RESTResponse {self.status} {self.reason}>"


class RESTClientObject:
    """Sends requests through a urllib3 ``PoolManager`` (or ``ProxyManager``)."""

    def __init__(self, configuration: Configuration, pools_size: int = 4,
                 maxsize: Optional[int] = None) -> None:
        kwargs: Dict[str, Any] = {
            "num_pools": pools_size,
            "maxsize": maxsize or configuration.connection_pool_maxsize,
            "retries": False,  # retrying is the ApiClient's decision, not urllib3's
        }
        if configuration.verify_ssl:
            kwargs["cert_reqs"] = ssl.CERT_REQUIRED
            kwargs["ca_certs"] = configuration.ssl_ca_cert or certifi.where()
        else:
            kwargs["cert_reqs"] = ssl.CERT_NONE
        if configuration.cert_file:
            kwargs["cert_file"] = configuration.cert_file
        if configuration.key_file:
            kwargs["key_file"] = configuration.key_file
        if configuration.assert_hostname is not None:
            kwargs["assert_hostname"] = configuration.assert_hostname
        if configuration.proxy:
            self.pool_manager: Any = urllib3.ProxyManager(
                proxy_url=configuration.proxy, proxy_headers=configuration.proxy_headers, **kwargs)
        else:
            self.pool_manager = urllib3.PoolManager(**kwargs)
        self.default_timeout = configuration.timeout
        self._pools: Dict[str, Any] = {}  # origin ("https://host:port") -> its pool

    def request(self, method: str, url: str, headers: Optional[Dict[str, str]] = None,
                body: Optional[bytes] = None, preload_content: bool = True,
                timeout: Timeout = None) -> RESTResponse:
        """Send one request; answer the response or raise ``ApiConnectionError``."""
        timeout = _timeout(_hashable(timeout if timeout is not None else self.default_timeout))
        try:
            if self.pool_manager.proxy is not None:  # the proxy shapes the request line
                resp = self.pool_manager.request(
                    method, url, body=body, headers=headers, preload_content=preload_content,
                    timeout=timeout, redirect=False)
            else:
                pool, target = self._pool_for(url)
                resp = pool.urlopen(method, target, body=body, headers=headers, retries=False,
                                    redirect=False, assert_same_host=False, timeout=timeout,
                                    preload_content=preload_content)
        except urllib3.exceptions.HTTPError as exc:
            # Connect failures happen before a byte is sent: safe to retry any method.
            sent = not isinstance(exc, (urllib3.exceptions.NewConnectionError,
                                        urllib3.exceptions.ConnectTimeoutError))
            if isinstance(exc, urllib3.exceptions.TimeoutError):
                error: ApiConnectionError = ApiTimeoutError(
                    f"{method} {_safe(url)}: timed out ({exc.__class__.__name__})", method, url, exc)
            else:
                error = ApiConnectionError(f"{method} {_safe(url)}: no answer ({_reason(exc)})",
                                           method, url, exc)
            error.request_sent = sent
            raise error from None
        return RESTResponse(resp, resp.data if preload_content else None)

    def _pool_for(self, url: str) -> Tuple[Any, str]:
        """The pool for ``url``'s origin and the request target (path and query) to send it."""
        cut = url.find("/", url.find("//") + 2)
        origin, target = (url, "/") if cut < 0 else (url[:cut], url[cut:])
        pools = self._pools
        pool = pools.get(origin)
        if pool is None or pool.pool is None:  # new origin, or a pool the manager has closed
            if len(pools) >= _MAX_ORIGINS:
                pools.clear()
            pool = pools[origin] = self.pool_manager.connection_from_url(origin)
        return pool, target

    def clear(self) -> None:
        self._pools.clear()
        self.pool_manager.clear()


# Origins remembered by ``_pool_for``; a client talks to one or two (its host, a redirect
# target), so past this many something unusual is going on and the table starts over.
_MAX_ORIGINS = 16


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
