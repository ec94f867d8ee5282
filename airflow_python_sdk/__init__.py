"""airflow_python_sdk: a client for the Apache Airflow stable REST API (v1, Airflow 2.x).

    import airflow_python_sdk
    from airflow_python_sdk.api.dag_api import DAGApi

    config = airflow_python_sdk.Configuration(host="http://localhost:8080/api/v1",
                                              username="admin", password="admin")
    with airflow_python_sdk.ApiClient(config) as client:
        for dag in DAGApi(client).get_dags(limit=10).dags:
            print(dag.dag_id, dag.is_paused)

Api classes live in ``airflow_python_sdk.api.<tag>_api`` (all re-exported by
``airflow_python_sdk.apis``), models in ``airflow_python_sdk.model.<schema>`` (all
re-exported by ``airflow_python_sdk.models``). Both are imported only when used.
"""

__version__ = "2.11.2.0"

from airflow_python_sdk.api_client import ApiClient
from airflow_python_sdk.configuration import Configuration
from airflow_python_sdk.exceptions import (
    ApiAttributeError,
    ApiConnectionError,
    ApiException,
    ApiKeyError,
    ApiTimeoutError,
    ApiTypeError,
    ApiValueError,
    BadRequestException,
    ConflictException,
    ForbiddenException,
    MethodNotAllowedException,
    NotAcceptableException,
    NotFoundException,
    OpenApiException,
    ServiceException,
    UnauthorizedException,
)
from airflow_python_sdk._model import UNSET
from airflow_python_sdk.pagination import paginate
from airflow_python_sdk.retry import RetryPolicy

__all__ = [
    "ApiClient", "Configuration", "UNSET", "__version__", "paginate", "RetryPolicy",
    "OpenApiException", "ApiAttributeError", "ApiTypeError", "ApiValueError", "ApiKeyError",
    "ApiConnectionError", "ApiTimeoutError", "ApiException", "BadRequestException",
    "UnauthorizedException", "ForbiddenException", "NotFoundException",
    "MethodNotAllowedException", "NotAcceptableException", "ConflictException",
    "ServiceException",
]
