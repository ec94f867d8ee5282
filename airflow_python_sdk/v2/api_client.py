"""``ApiClient`` at the path code written for apache-airflow-client 3.3.2 imports it from.

The same client as ``airflow_python_sdk.ApiClient`` (one client serves both surfaces), with
what 3.3.2 code calls on it besides the Api classes: the shared default instance, and the
methods to reach an endpoint by hand (``param_serialize``, ``call_api(method, url, ...)``,
``response_deserialize``, ``deserialize(text, type, content_type)``; see
``airflow_python_sdk.compat.api_client_3x``).
"""
from __future__ import annotations

from typing import Any, ClassVar, Optional, Type, TypeVar

from airflow_python_sdk._runtime.answers import ApiResponse
from airflow_python_sdk._runtime.client import ApiClient as _ApiClient
from airflow_python_sdk.compat.api_client_3x import ApiClient3xMethods, RequestSerialized
from airflow_python_sdk.v2.configuration import Configuration
from airflow_python_sdk.v2.exceptions import (
    ApiException,
    ApiValueError,
    BadRequestException,
    ForbiddenException,
    NotFoundException,
    ServiceException,
    UnauthorizedException,
)
from airflow_python_sdk.v2.models import SURFACE

ApiResponseT = TypeVar("ApiResponseT")

__all__ = ["ApiClient", "ApiException", "ApiResponse", "ApiResponseT", "ApiValueError",
           "BadRequestException", "Configuration", "ForbiddenException", "NotFoundException",
           "RequestSerialized", "ServiceException", "UnauthorizedException"]  # and rest, on first use


# 3.3.2's call_api(method, url, ...) and deserialize(text, type, content_type) replace the
# 2.x forms the SDK-wide client keeps for v1 code: the signatures differ on purpose.
class ApiClient(ApiClient3xMethods, _ApiClient):  # type: ignore[misc]
    """Runs operations of any surface; see ``airflow_python_sdk._runtime.client``. Without a
    configuration it uses ``Configuration.get_default()`` of this module (a v2 one)."""

    _default: ClassVar[Optional["ApiClient"]] = None
    surface = SURFACE
    legacy_call_api = False  # call_api is 3.3.2's (method, url, ...): operations do not call it

    def default_rest_client_class(self) -> Type[Any]:
        """3.3.2's transport (``v2.rest.RESTClientObject``: its ``request()`` answers whatever
        the status), unless a subclass sets ``rest_client_class``."""
        if self.rest_client_class is not None:
            return self.rest_client_class
        from airflow_python_sdk.v2.rest import RESTClientObject

        return RESTClientObject

    def __init__(self, configuration: Optional[Any] = None, header_name: Optional[str] = None,
                 header_value: Optional[str] = None, cookie: Optional[str] = None,
                 pool_threads: int = 1, *, transport: Any = None) -> None:
        if configuration is None:
            configuration = Configuration.get_default()
        super().__init__(configuration, header_name, header_value, cookie, pool_threads,
                         transport=transport)

    @property
    def client_side_validation(self) -> bool:
        """Whether arguments are checked before sending (``Configuration.client_side_validation``)."""
        return bool(self.configuration.client_side_validation)

    @classmethod
    def get_default(cls) -> "ApiClient":
        """The shared client (made on first use), as 3.3.2 has it."""
        if cls._default is None:
            cls._default = cls()
        return cls._default

    @classmethod
    def set_default(cls, default: Optional["ApiClient"]) -> None:
        cls._default = default


def __getattr__(name: str) -> Any:
    # ``api_client.rest`` as 3.3.2 has it, imported on first use: it brings urllib3 and ssl
    if name == "rest":
        import airflow_python_sdk.v2.rest as rest

        return rest
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
