"""``Configuration`` at 3.3.2's module path, taking its arguments in 3.3.2's order.

The same settings as ``airflow_python_sdk.Configuration`` (one client serves both surfaces);
what differs is what code written for apache-airflow-client 3.3.2 relies on:

- positional order ``(host, api_key, api_key_prefix, username, password, access_token, ...)``;
- ``host`` defaults to ``http://localhost`` (the server's root; v2 paths carry ``/api/v2``);
- ``retries=None`` means the default retry policy (3.3.2: urllib3's default), an int that many;
- with no ``proxy``, the environment's (``HTTPS_PROXY``/``HTTP_PROXY``/``ALL_PROXY``, and
  ``NO_PROXY`` unless ``no_proxy`` is given) for the host's scheme, re-read when ``host``
  changes;
- ``auth_settings()`` names ``HTTPBearer`` and ``OAuth2PasswordBearer``.

Unlike 3.3.2, ``username``/``password`` work: the client gets a JWT from the server by
itself and renews it. ``access_token`` or ``token_provider`` give a token directly.
"""
from __future__ import annotations

import datetime as _dt
from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    Dict,
    List,
    Literal,
    Mapping,
    Optional,
    Tuple,
    TypedDict,
    Union,
)

from airflow_python_sdk._runtime.config import Configuration as _Configuration
from airflow_python_sdk._runtime.proxies import environment_no_proxy, environment_proxy
from airflow_python_sdk._runtime.request import Timeout

if TYPE_CHECKING:
    import ssl  # annotations only: ssl is imported with the transport, on first use

__all__ = [
    "APIKeyAuthSetting", "AuthSettings", "BasicAuthSetting", "BearerAuthSetting",
    "BearerFormatAuthSetting", "Configuration", "GenericAuthSetting", "HTTPSignatureAuthSetting",
    "HostSetting", "HostSettingVariable", "JSON_SCHEMA_VALIDATION_KEYWORDS", "OAuth2AuthSetting",
    "ServerVariablesT",
]

DEFAULT_V2_HOST = "http://localhost"

#: The JSON Schema keywords a generated client could check on the client side; here every
#: value is checked by its declared type, so this set is informational.
JSON_SCHEMA_VALIDATION_KEYWORDS = {
    "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength",
    "minLength", "pattern", "maxItems", "minItems",
}

ServerVariablesT = Dict[str, str]

# The shapes of ``auth_settings()`` entries (keys with "in" are not identifiers, hence the
# functional TypedDict form).
GenericAuthSetting = TypedDict("GenericAuthSetting", {"type": str, "in": str, "key": str, "value": str})
OAuth2AuthSetting = TypedDict("OAuth2AuthSetting", {
    "type": Literal["oauth2"], "in": Literal["header"], "key": Literal["Authorization"], "value": str})
APIKeyAuthSetting = TypedDict("APIKeyAuthSetting", {
    "type": Literal["api_key"], "in": str, "key": str, "value": Optional[str]})
BasicAuthSetting = TypedDict("BasicAuthSetting", {
    "type": Literal["basic"], "in": Literal["header"], "key": Literal["Authorization"],
    "value": Optional[str]})
BearerFormatAuthSetting = TypedDict("BearerFormatAuthSetting", {
    "type": Literal["bearer"], "in": Literal["header"], "format": Literal["JWT"],
    "key": Literal["Authorization"], "value": str})
BearerAuthSetting = TypedDict("BearerAuthSetting", {
    "type": Literal["bearer"], "in": Literal["header"], "key": Literal["Authorization"], "value": str})
HTTPSignatureAuthSetting = TypedDict("HTTPSignatureAuthSetting", {
    "type": Literal["http-signature"], "in": Literal["header"], "key": Literal["Authorization"],
    "value": None})
AuthSettings = TypedDict("AuthSettings", {
    "HTTPBearer": BearerAuthSetting, "OAuth2PasswordBearer": OAuth2AuthSetting}, total=False)


class HostSettingVariable(TypedDict):
    description: str
    default_value: str
    enum_values: List[str]


class _HostSettingBase(TypedDict):
    url: str
    description: str


class HostSetting(_HostSettingBase, total=False):
    variables: Dict[str, HostSettingVariable]


class Configuration(_Configuration):
    """Settings of an ``ApiClient``, in apache-airflow-client 3.3.2's argument order (see the
    module's docstring); the keyword-only arguments after ``debug`` are this SDK's."""

    _default = None  # its own shared default, not the v1 one

    def __init__(self, host: Optional[str] = None, api_key: Optional[Dict[str, str]] = None,
                 api_key_prefix: Optional[Dict[str, str]] = None, username: Optional[str] = None,
                 password: Optional[str] = None, access_token: Optional[str] = None,
                 server_index: Optional[int] = None, server_variables: Optional[ServerVariablesT] = None,
                 server_operation_index: Optional[Dict[str, int]] = None,
                 server_operation_variables: Optional[Dict[str, ServerVariablesT]] = None,
                 ignore_operation_servers: bool = False, ssl_ca_cert: Optional[str] = None,
                 retries: Optional[Any] = None, ca_cert_data: Union[None, str, bytes] = None,
                 cert_file: Optional[str] = None, key_file: Optional[str] = None,
                 verify_ssl: bool = True, assert_hostname: Optional[Union[str, bool]] = None,
                 tls_server_name: Optional[str] = None, connection_pool_maxsize: Optional[int] = None,
                 proxy: Optional[str] = None, no_proxy: Optional[str] = None,
                 proxy_headers: Optional[Dict[str, str]] = None,
                 proxy_ssl_context: Optional[ssl.SSLContext] = None,
                 safe_chars_for_path_param: str = "", client_side_validation: bool = True,
                 socket_options: Optional[List[Tuple[int, int, Any]]] = None,
                 datetime_format: str = "%Y-%m-%dT%H:%M:%S.%f%z", date_format: str = "%Y-%m-%d",
                 *, debug: Optional[bool] = None, timeout: Timeout = (10.0, 120.0),
                 assume_timezone: Optional[_dt.tzinfo] = None, cookie: Optional[str] = None,
                 auth_header_provider: Optional[Callable[[], Mapping[str, str]]] = None,
                 token_provider: Optional[Callable[[], str]] = None, follow_redirects: int = 5,
                 log_payloads: bool = False) -> None:
        super().__init__(
            host=DEFAULT_V2_HOST if host is None else host, api_key=api_key,
            api_key_prefix=api_key_prefix, access_token=access_token, username=username,
            password=password, server_index=server_index, server_variables=server_variables,
            server_operation_index=server_operation_index,
            server_operation_variables=server_operation_variables, ssl_ca_cert=ssl_ca_cert,
            verify_ssl=verify_ssl, cert_file=cert_file, key_file=key_file,
            assert_hostname=assert_hostname, proxy=proxy, proxy_headers=proxy_headers,
            connection_pool_maxsize=connection_pool_maxsize, timeout=timeout,
            assume_timezone=assume_timezone, retries=... if retries is None else retries,
            cookie=cookie, auth_header_provider=auth_header_provider, token_provider=token_provider,
            follow_redirects=follow_redirects, log_payloads=log_payloads,
            safe_chars_for_path_param=safe_chars_for_path_param,
            client_side_validation=client_side_validation, debug=debug, ca_cert_data=ca_cert_data,
            tls_server_name=tls_server_name,
            no_proxy=environment_no_proxy() if no_proxy is None else no_proxy,
            proxy_ssl_context=proxy_ssl_context, socket_options=socket_options)
        self.ignore_operation_servers = ignore_operation_servers
        self.datetime_format = datetime_format
        self.date_format = date_format
        if proxy is None:
            self.__dict__["_proxy_from_env"] = True
            self.__dict__["_proxy"] = environment_proxy(self.host)

    # -- the proxy: the environment's for the host, unless one is set
    @property
    def proxy(self) -> Optional[str]:
        return self.__dict__.get("_proxy")

    @proxy.setter
    def proxy(self, value: Optional[str]) -> None:
        self.__dict__["_proxy"] = value
        self.__dict__["_proxy_from_env"] = False

    def _host_changed(self) -> None:
        if self.__dict__.get("_proxy_from_env"):  # the proxy for the new host's scheme
            self.__dict__["_proxy"] = environment_proxy(self.host)

    def get_host_settings(self) -> List[Dict[str, Any]]:
        return [{"url": DEFAULT_V2_HOST, "description": "Airflow on this machine", "variables": {}}]

    def auth_settings(self) -> Dict[str, Dict[str, Any]]:
        """The static token as 3.3.2 describes it: under ``HTTPBearer`` and
        ``OAuth2PasswordBearer`` (empty without ``access_token``)."""
        if not self.access_token:
            return {}
        value = f"Bearer {self.access_token}"
        return {"HTTPBearer": {"type": "bearer", "in": "header", "key": "Authorization", "value": value},
                "OAuth2PasswordBearer": {"type": "oauth2", "in": "header", "key": "Authorization",
                                         "value": value}}
