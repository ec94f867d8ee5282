"""airflow_python_sdk: a client for the Apache Airflow REST API.

    import airflow_python_sdk
    from airflow_python_sdk.api.dag_api import DAGApi

    config = airflow_python_sdk.Configuration(host="http://localhost:8080/api/v1",
                                              username="admin", password="admin")
    with airflow_python_sdk.ApiClient(config) as client:
        for dag in DAGApi(client).get_dags(limit=10):
            print(dag.dag_id, dag.is_paused)

The same code runs against Airflow 3: the client asks the server which API it serves on first
use and, on 3.x, serves each v1 operation through ``/api/v2`` (``airflow_python_sdk.bridge``,
docs/compatibility.md).

This package is the v1 surface (Airflow 2.x, ``/api/v1``): Api classes in
``airflow_python_sdk.api.<tag>_api`` (all re-exported by ``airflow_python_sdk.apis``),
models in ``airflow_python_sdk.model.<schema>`` (all re-exported by
``airflow_python_sdk.models``), each imported only when used. The runtime they stand on
is ``airflow_python_sdk._runtime`` (see docs/architecture.md).
"""
from airflow_python_sdk._runtime.version import VERSION as __version__
from airflow_python_sdk.compat import legacy_modules

legacy_modules.install()  # 1.0.1's module paths that no file holds (model.x_com_all_of, ...)

from airflow_python_sdk._runtime.answers import ApiResponse  # noqa: E402
from airflow_python_sdk._runtime.client import ApiClient  # noqa: E402
from airflow_python_sdk._runtime.config import Configuration  # noqa: E402
from airflow_python_sdk._runtime.errors import (  # noqa: E402
    ApiAttributeError,
    ApiConnectionError,
    ApiConnectionRefusedError,
    ApiException,
    ApiHostNotFoundError,
    ApiKeyError,
    ApiNotSupportedError,
    ApiTimeoutError,
    ApiTlsError,
    ApiTypeError,
    ApiValueError,
    BadRequestException,
    ConflictException,
    ForbiddenException,
    MethodNotAllowedException,
    NotAcceptableException,
    NotFoundException,
    OpenApiException,
    RefusedInputException,
    ServiceException,
    UnauthorizedException,
    UnexpectedAnswerException,
    UnprocessableEntityException,
)
from airflow_python_sdk._runtime.fields import UNSET  # noqa: E402
from airflow_python_sdk._runtime.paging import paginate  # noqa: E402
from airflow_python_sdk._runtime.retries import RetryPolicy  # noqa: E402
from airflow_python_sdk._runtime.transport import MockTransport, Response  # noqa: E402

__all__ = [
    "ApiClient", "ApiResponse", "Configuration", "MockTransport", "Response", "UNSET",
    "__version__", "paginate", "RetryPolicy",
    "OpenApiException", "RefusedInputException", "ApiAttributeError", "ApiTypeError", "ApiValueError", "ApiKeyError", "ApiNotSupportedError",
    "ApiConnectionError", "ApiConnectionRefusedError", "ApiHostNotFoundError", "ApiTlsError", "ApiTimeoutError", "ApiException", "BadRequestException",
    "UnauthorizedException", "ForbiddenException", "NotFoundException",
    "MethodNotAllowedException", "NotAcceptableException", "ConflictException",
    "ServiceException", "UnprocessableEntityException", "UnexpectedAnswerException",
]
