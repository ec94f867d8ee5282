"""Every exception the SDK raises; the tree is drawn in ``airflow_python_sdk._runtime.errors``."""
from airflow_python_sdk._runtime.errors import (
    STATUS_EXCEPTIONS,
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
    Problem,
    ServiceException,
    UnauthorizedException,
    exception_for_status,
    render_path,
)

__all__ = ["STATUS_EXCEPTIONS", "ApiAttributeError", "ApiConnectionError", "ApiException",
           "ApiKeyError", "ApiTimeoutError", "ApiTypeError", "ApiValueError", "BadRequestException",
           "ConflictException", "ForbiddenException", "MethodNotAllowedException",
           "NotAcceptableException", "NotFoundException", "OpenApiException", "Problem",
           "ServiceException", "UnauthorizedException", "exception_for_status", "render_path"]
