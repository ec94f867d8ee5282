"""Where the server is and how to talk to it: host, credentials, TLS, proxy, pool, timeouts,
retries, redirects. One ``Configuration`` serves every surface."""
from __future__ import annotations

import copy
import datetime as _dt
import os
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Mapping, Optional, Tuple, Union

from airflow_python_sdk._runtime.auth import (
    Auth,
    BasicAuth,
    BearerAuth,
    ChainAuth,
    HeaderAuth,
    check_credential,
)
from airflow_python_sdk._runtime.deadlines import check_deadline
from airflow_python_sdk._runtime.errors import ApiValueError
from airflow_python_sdk._runtime.request import Timeout, check_timeout, without_userinfo
from airflow_python_sdk._runtime.retries import RetryPolicy, as_policy
from airflow_python_sdk.compat.settings import DEFAULT_HOST, LegacySettings

if TYPE_CHECKING:
    import ssl  # annotations only: ssl is imported with the transport, on first use

#: Path prefixes of the surfaces: a host given with one of them names the server root too.
API_PREFIXES = ("/api/v1", "/api/v2")
SERVER_APIS = ("auto", "v1", "v2")


class Configuration(LegacySettings):
    """Settings of an ``ApiClient``.

    ``host``: the server, as its root (``http://airflow:8080``) or with an API prefix
    (``http://airflow:8080/api/v1``). Credentials: ``username`` and ``password``, or
    ``access_token`` (a bearer token; wins when both are given), or ``token_provider`` (a
    callable giving the current token), plus ``cookie`` and ``auth_header_provider`` (a
    callable giving headers before each request). TLS is verified with certifi's CA bundle
    unless ``ssl_ca_cert`` names another one or ``verify_ssl`` is False. ``timeout`` is
    seconds, or ``(connect, read)`` seconds, for every call; a call's ``_request_timeout``
    overrides it. ``deadline``: seconds a whole call may take, retries and waits included
    (None, the default: no such bound). ``proxy`` (``http://``, ``https://`` or, with PySocks, ``socks5://``) is
    used for every host but those ``no_proxy`` names. ``assume_timezone``: the zone a naive datetime is taken to be in; by
    default a naive datetime is refused (the server would guess). ``retries``: a
    ``RetryPolicy``, an int, or None (see ``retry``). ``server_api``: ``"auto"`` (ask the
    server once), or pin ``"v1"`` (Airflow 2.x) or ``"v2"`` (Airflow 3.x).
    """

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
                 auth_header_provider: Optional[Callable[[], Mapping[str, str]]] = None,
                 token_provider: Optional[Callable[[], str]] = None,
                 follow_redirects: int = 5, log_payloads: bool = False,
                 safe_chars_for_path_param: str = "", client_side_validation: bool = True,
                 debug: Optional[bool] = None, ca_cert_data: Union[None, str, bytes] = None,
                 tls_server_name: Optional[str] = None, no_proxy: Optional[str] = None,
                 proxy_ssl_context: Optional[ssl.SSLContext] = None,
                 socket_options: Optional[List[Tuple[int, int, Any]]] = None,
                 deadline: Optional[float] = None, server_api: str = "auto") -> None:
        self._base_path = DEFAULT_HOST if host is None else host
        self.server_index: Optional[int] = 0 if server_index is None and host is None else server_index
        self.server_variables: Dict[str, str] = server_variables or {}
        self.server_operation_index = server_operation_index or {}  # no effect (compat.settings)
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
        self.ca_cert_data = ca_cert_data  # PEM text or DER bytes, instead of a file
        self.tls_server_name = tls_server_name  # SNI and certificate name, when not the host's
        self.cert_file = cert_file
        self.key_file = key_file
        self.assert_hostname = assert_hostname
        self.proxy = proxy
        self.proxy_headers = proxy_headers
        self.no_proxy = no_proxy  # "host,.domain,10.0.0.0/8": these go direct
        self.proxy_ssl_context = proxy_ssl_context  # TLS to an https:// proxy itself
        self.socket_options = socket_options  # replace urllib3's (e.g. add TCP keepalive)
        self.connection_pool_maxsize: int = (connection_pool_maxsize if connection_pool_maxsize
                                        else (os.cpu_count() or 1) * 5)
        self.timeout = timeout
        self.deadline = deadline
        self.server_api = server_api
        self.assume_timezone = assume_timezone
        self.retries = RetryPolicy() if retries is ... else retries
        self.cookie = cookie  # e.g. "session=..." from the web UI's login
        self.auth_header_provider = auth_header_provider  # its headers win (a refreshing token)
        self.token_provider = token_provider
        self.follow_redirects = follow_redirects  # at most this many; 0: never
        self.log_payloads = log_payloads  # DEBUG log of headers and bodies, credentials redacted
        self.safe_chars_for_path_param = safe_chars_for_path_param
        self.client_side_validation = client_side_validation
        if debug is not None:
            self.debug = debug
        self.env_read: Tuple[str, ...] = ()  # the variables from_env() read (names only)

    # -- settings checked when set
    @property
    def timeout(self) -> Timeout:
        return self.__dict__["_timeout"]  # type: ignore[no-any-return]

    @timeout.setter
    def timeout(self, value: Timeout) -> None:
        self.__dict__["_timeout"] = check_timeout(value, "Configuration.timeout")

    @property
    def deadline(self) -> Optional[float]:
        """Seconds a whole call may take, retries, waits and redirects included (None: no
        bound beyond ``timeout`` per attempt and the retry policy's waits)."""
        return self.__dict__["_deadline"]  # type: ignore[no-any-return]

    @deadline.setter
    def deadline(self, value: Optional[float]) -> None:
        self.__dict__["_deadline"] = check_deadline(value, "Configuration.deadline")

    @property
    def retries(self) -> Optional[RetryPolicy]:
        return self.__dict__["_retries"]  # type: ignore[no-any-return]

    @retries.setter
    def retries(self, value: Any) -> None:
        self.__dict__["_retries"] = as_policy(value)

    @property
    def follow_redirects(self) -> int:
        return self.__dict__["_follow_redirects"]  # type: ignore[no-any-return]

    @follow_redirects.setter
    def follow_redirects(self, value: int) -> None:
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ApiValueError(f"Configuration.follow_redirects must be an int >= 0, got {value!r}")
        self.__dict__["_follow_redirects"] = value

    @property
    def server_api(self) -> str:
        """Which API the server serves: ``"auto"`` (the default: the client asks the server once,
        on first use), ``"v1"`` (Airflow 2.x) or ``"v2"`` (Airflow 3.x; v1 operations are then
        served through /api/v2, see ``airflow_python_sdk.bridge``)."""
        return self._server_api

    @server_api.setter
    def server_api(self, value: str) -> None:
        if value not in SERVER_APIS:
            raise ApiValueError(f"server_api must be one of {', '.join(map(repr, SERVER_APIS))}, "
                                f"got {value!r}")
        self._server_api = value

    # -- hosts
    @property
    def host(self) -> str:
        return self.get_host_from_settings(self.server_index, variables=self.server_variables)

    @host.setter
    def host(self, value: str) -> None:
        self._base_path = value
        self.server_index = None
        self._host_changed()

    def _host_changed(self) -> None:
        """Called when ``host`` is set (after the constructor): settings that follow it update."""

    def server_root(self, host: Optional[str] = None) -> str:
        """The server's root URL: the host up to its API prefix (without a trailing slash)."""
        url = (self.host if host is None else host).rstrip("/")
        cut = max(url.rfind(prefix) for prefix in API_PREFIXES)
        return url[:cut] if cut >= 0 else url

    def base_url(self, path_prefix: str, host: Optional[str] = None) -> str:
        """Where the operations under ``path_prefix`` (``/api/v1``) live: the host as given
        when it names that prefix (a gateway may add a path after it), else the server root
        and the prefix."""
        url = (self.host if host is None else host).rstrip("/")
        if path_prefix and path_prefix in url:
            return url
        return self.server_root(url) + path_prefix

    # -- auth
    def auth(self) -> Auth:
        """The auth the settings describe (rebuilt when a credential setting changes)."""
        key = (self.access_token, self.username, self.password, self.cookie,
               self.auth_header_provider, self.token_provider)
        cached = self.__dict__.get("_auth")
        if cached is not None and cached[0] == key:
            return cached[1]  # type: ignore[no-any-return]
        parts: List[Auth] = []
        if self.token_provider is not None:
            parts.append(BearerAuth(provider=self.token_provider))
        elif self.access_token:
            parts.append(BearerAuth(check_credential(self.access_token, "access_token")))
        elif self.username is not None or self.password is not None:
            parts.append(BasicAuth(check_credential(self.username or "", "username"),
                                   check_credential(self.password or "", "password")))
        if self.cookie or self.auth_header_provider is not None:
            fixed = {"Cookie": check_credential(self.cookie, "cookie")} if self.cookie else None
            parts.append(HeaderAuth(fixed, self.auth_header_provider))
        auth = parts[0] if len(parts) == 1 else ChainAuth(parts)
        self.__dict__["_auth"] = (key, auth)
        return auth

    def extra_auth(self) -> Optional[Auth]:
        """The cookie and header hook, which go with any other credentials (None: neither)."""
        if not self.cookie and self.auth_header_provider is None:
            return None
        fixed = {"Cookie": check_credential(self.cookie, "cookie")} if self.cookie else None
        return HeaderAuth(fixed, self.auth_header_provider)

    def auth_headers(self) -> Dict[str, str]:
        """The headers that authenticate a request (empty when no credentials are set)."""
        from airflow_python_sdk._runtime.request import Request

        return dict(self.auth().headers(Request("GET", self.host)))

    # -- copying and showing: never the secrets
    def __deepcopy__(self, memo: Dict[int, Any]) -> "Configuration":
        clone = type(self).__new__(type(self))
        memo[id(self)] = clone
        for key, value in self.__dict__.items():
            if key in ("_auth", "_handler"):
                continue
            clone.__dict__[key] = copy.deepcopy(value, memo)
        return clone

    def __getstate__(self) -> Dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k not in ("_auth", "_handler")}

    def __repr__(self) -> str:
        auth = ("token" if self.access_token or self.token_provider else "password" if self.username else  # basic on 2.x, a JWT on 3.x
                "cookie" if self.cookie else "hook" if self.auth_header_provider else "none")
        return (f"{type(self).__name__}(host={without_userinfo(self.host)!r}, "
                f"username={self.username!r}, password={'***' if self.password else None}, "
                f"auth={auth}, verify_ssl={self.verify_ssl})")

    @classmethod
    def from_env(cls, prefix: str = "AIRFLOW_API_", **overrides: Any) -> "Configuration":
        """Read ``AIRFLOW_API_HOST``, ``_USERNAME``, ``_PASSWORD``, ``_TOKEN``, ``_COOKIE``,
        ``_CA_CERT``, ``_VERIFY_SSL``, ``_SERVER_API`` from the environment; keyword arguments win over it.

        The names of the variables read (never their values) are logged at INFO on the
        ``airflow_python_sdk`` logger and kept in ``env_read``; when none is set, or one with
        the prefix is not among them (a misspelling), a ``UserWarning`` says so."""
        import logging
        import warnings

        env = os.environ
        kwargs: Dict[str, Any] = {}
        read: List[str] = []
        for name, key in ENV_SETTINGS:
            value = env.get(prefix + key)
            if not value:
                continue
            read.append(prefix + key)
            if key == "VERIFY_SSL":
                kwargs[name] = value.lower() not in ("0", "false", "no")
            else:
                kwargs[name] = value
        known = {prefix + key for _, key in ENV_SETTINGS}
        unknown = sorted(k for k in env if k.startswith(prefix) and k not in known)
        if unknown:
            warnings.warn(f"Configuration.from_env(): {', '.join(unknown)} "
                          f"{'is' if len(unknown) == 1 else 'are'} not read (misspelled?); it reads "
                          f"{', '.join(sorted(known))}", UserWarning, stacklevel=2)
        if not read:
            warnings.warn(f"Configuration.from_env(): none of {', '.join(sorted(known))} is set; "
                          "using the defaults (host " + DEFAULT_HOST + ", no credentials)",
                          UserWarning, stacklevel=2)
        logging.getLogger("airflow_python_sdk").info(
            "Configuration.from_env() read %s", ", ".join(read) or "no variables")
        kwargs.update(overrides)
        config = cls(**kwargs)
        config.env_read = tuple(read)
        return config


#: (setting, variable after the prefix) that ``Configuration.from_env`` reads
ENV_SETTINGS = (("host", "HOST"), ("username", "USERNAME"), ("password", "PASSWORD"),
                ("access_token", "TOKEN"), ("ssl_ca_cert", "CA_CERT"), ("cookie", "COOKIE"),
                ("verify_ssl", "VERIFY_SSL"), ("server_api", "SERVER_API"))
