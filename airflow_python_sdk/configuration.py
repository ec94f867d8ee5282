"""Where the server is and how to talk to it: host, credentials, TLS, proxy, pool, timeouts."""
from __future__ import annotations

import base64
import datetime as _dt
import logging
import os
import sys
from typing import Any, Callable, Dict, List, Optional, Tuple, Union

import urllib3

from airflow_python_sdk.exceptions import ApiValueError
from airflow_python_sdk.retry import RetryPolicy

DEFAULT_HOST = "http://localhost/api/v1"
Timeout = Union[None, float, Tuple[Optional[float], Optional[float]]]


class Configuration:
    """Settings of an ``ApiClient``.

    ``host`` is the API's base URL including ``/api/v1``. Credentials: ``username`` and
    ``password`` for HTTP basic auth, or ``access_token`` for a bearer token (used when
    both are given). TLS is verified with certifi's CA bundle unless ``ssl_ca_cert``
    names another one or ``verify_ssl`` is False. ``timeout`` is ``(connect, read)``
    seconds for every call; a call's ``_request_timeout`` overrides it.
    ``assume_timezone``: the zone a naive datetime is taken to be in; by default a
    naive datetime is refused (the server would guess).
    """

    _default: Optional["Configuration"] = None

    def __init__(self, host: Optional[str] = None, api_key: Optional[Dict[str, str]] = None,
                 api_key_prefix: Optional[Dict[str, str]] = None,
                 access_token: Optional[str] = None, username: Optional[str] = None,
                 password: Optional[str] = None, discard_unknown_keys: bool = False,
                 disabled_client_side_validations: str = "", server_index: Optional[int] = None,
                 server_variables: Optional[Dict[str, str]] = None,
                 server_operation_index: Optional[Dict[str, int]] = None,
                 server_operation_variables: Optional[Dict[str, Dict[str, str]]] = None,
                 ssl_ca_cert: Optional[str] = None, *, verify_ssl: bool = True,
                 cert_file: Optional[str] = None, key_file: Optional[str] = None,
                 assert_hostname: Optional[Union[str, bool]] = None, proxy: Optional[str] = None,
                 proxy_headers: Optional[Dict[str, str]] = None,
                 connection_pool_maxsize: Optional[int] = None,
                 timeout: Timeout = (10.0, 120.0),
                 assume_timezone: Optional[_dt.tzinfo] = None,
                 retries: Any = ..., cookie: Optional[str] = None,
                 auth_header_provider: Optional[Callable[[], Dict[str, str]]] = None,
                 follow_redirects: int = 5, log_payloads: bool = False) -> None:
        self._base_path = DEFAULT_HOST if host is None else host
        self.server_index = 0 if server_index is None and host is None else server_index
        self.server_operation_index = server_operation_index or {}
        self.server_variables = server_variables or {}
        self.server_operation_variables = server_operation_variables or {}
        self.api_key = api_key or {}
        self.api_key_prefix = api_key_prefix or {}
        self.access_token = access_token
        self.username = username
        self.password = password
        self.discard_unknown_keys = discard_unknown_keys
        self.disabled_client_side_validations = disabled_client_side_validations
        self.verify_ssl = verify_ssl
        self.ssl_ca_cert = ssl_ca_cert
        self.cert_file = cert_file
        self.key_file = key_file
        self.assert_hostname = assert_hostname
        self.proxy = proxy
        self.proxy_headers = proxy_headers
        self.connection_pool_maxsize = (connection_pool_maxsize if connection_pool_maxsize
                                        else (os.cpu_count() or 1) * 5)
        self.timeout = timeout
        self.assume_timezone = assume_timezone
        self.client_side_validation = True
        self.safe_chars_for_path_param = ""
        self.logger = {"package_logger": logging.getLogger("airflow_python_sdk"),
                       "urllib3_logger": logging.getLogger("urllib3")}
        self.logger_format = "%(asctime)s %(levelname)s %(message)s"
        self.logger_file: Optional[str] = None
        self.debug = False
        # None turns retrying off; see airflow_python_sdk.retry for what is retried.
        self.retries: Optional[RetryPolicy] = RetryPolicy() if retries is ... else retries
        self.cookie = cookie  # e.g. "session=..." from the web UI's login
        # Called before every request; its headers win (a token that refreshes itself).
        self.auth_header_provider = auth_header_provider
        self.follow_redirects = follow_redirects  # at most this many; 0: never
        self.log_payloads = log_payloads  # DEBUG log of headers and bodies, credentials redacted

    # -- the 1.0.1 way of sharing one configuration
    @classmethod
    def set_default(cls, default: Optional["Configuration"]) -> None:
        import copy

        cls._default = copy.deepcopy(default)

    @classmethod
    def get_default_copy(cls) -> "Configuration":
        import copy

        if cls._default is not None:
            return copy.deepcopy(cls._default)
        return Configuration()

    # -- hosts
    def get_host_settings(self) -> List[Dict[str, Any]]:
        return [{"url": DEFAULT_HOST, "description": "Airflow on this machine", "variables": {}}]

    def get_host_from_settings(self, index: Optional[int],
                               variables: Optional[Dict[str, str]] = None,
                               servers: Optional[List[Dict[str, Any]]] = None) -> str:
        if index is None:
            return self._base_path
        servers = self.get_host_settings() if servers is None else servers
        try:
            server = servers[index]
        except IndexError:
            raise ApiValueError(f"_host_index {index} is out of range: {len(servers)} server(s) "
                                "are configured") from None
        url: str = server["url"]
        for name, spec in server.get("variables", {}).items():
            url = url.replace("{" + name + "}", (variables or {}).get(name, spec["default_value"]))
        return url

    @property
    def host(self) -> str:
        return self.get_host_from_settings(self.server_index, variables=self.server_variables)

    @host.setter
    def host(self, value: str) -> None:
        self._base_path = value
        self.server_index = None

    # -- auth
    def get_basic_auth_token(self) -> Optional[str]:
        if self.username is None and self.password is None:
            return None
        raw = f"{self.username or ''}:{self.password or ''}".encode("utf-8")
        return "Basic " + base64.b64encode(raw).decode("ascii")

    def auth_headers(self) -> Dict[str, str]:
        """The headers that authenticate a request (empty when no credentials are set)."""
        key = (self.access_token, self.username, self.password, self.cookie)
        cached = self.__dict__.get("_auth_cache")
        if cached is not None and cached[0] == key and self.auth_header_provider is None:
            return cached[1]  # type: ignore[no-any-return]
        headers: Dict[str, str] = {}
        if self.access_token:
            headers["Authorization"] = f"Bearer {self.access_token}"
        else:
            token = self.get_basic_auth_token()
            if token:
                headers["Authorization"] = token
        if self.cookie:
            headers["Cookie"] = self.cookie
        if self.auth_header_provider is not None:
            headers.update(self.auth_header_provider())
        else:
            self.__dict__["_auth_cache"] = (key, headers)
        return headers

    def auth_settings(self) -> Dict[str, Dict[str, Any]]:
        headers = self.auth_headers()
        if not headers:
            return {}
        return {"Basic": {"type": "basic", "in": "header", "key": "Authorization",
                          "value": headers["Authorization"]}}

    def to_debug_report(self) -> str:
        return ("Python SDK Debug Report:\n"
                f"OS: {sys.platform}\n"
                f"Python Version: {sys.version.split()[0]}\n"
                "Version of the API: 1.0.0 (Airflow 2.11.2)\n"
                f"SDK Package Version: {_version()}\n"
                f"urllib3: {urllib3.__version__}")

    def __deepcopy__(self, memo: Dict[int, Any]) -> "Configuration":
        import copy

        clone = Configuration.__new__(Configuration)
        memo[id(self)] = clone
        for key, value in self.__dict__.items():
            if key != "_auth_cache":
                clone.__dict__[key] = value if key == "logger" else copy.deepcopy(value, memo)
        return clone

    def __repr__(self) -> str:
        auth = ("token" if self.access_token else "basic" if self.username else
                "cookie" if self.cookie else "hook" if self.auth_header_provider else "none")
        return (f"Configuration(host={self.host!r}, username={self.username!r}, "
                f"password={'***' if self.password else None}, auth={auth}, "
                f"verify_ssl={self.verify_ssl})")

    @classmethod
    def from_env(cls, prefix: str = "AIRFLOW_API_", **overrides: Any) -> "Configuration":
        """Read ``AIRFLOW_API_HOST``, ``_USERNAME``, ``_PASSWORD``, ``_TOKEN``, ``_COOKIE``,
        ``_CA_CERT``, ``_VERIFY_SSL`` from the environment; keyword arguments win over it."""
        env = os.environ
        kwargs: Dict[str, Any] = {}
        for name, key in (("host", "HOST"), ("username", "USERNAME"), ("password", "PASSWORD"),
                          ("access_token", "TOKEN"), ("ssl_ca_cert", "CA_CERT"),
                          ("cookie", "COOKIE")):
            if env.get(prefix + key):
                kwargs[name] = env[prefix + key]
        if env.get(prefix + "VERIFY_SSL"):
            kwargs["verify_ssl"] = env[prefix + "VERIFY_SSL"].lower() not in ("0", "false", "no")
        kwargs.update(overrides)
        return cls(**kwargs)


def _version() -> str:
    from airflow_python_sdk import __version__

    return __version__
