"""Every exception the SDK raises, at 3.3.2's module path (the tree: ``_runtime.errors``)."""
from airflow_python_sdk._runtime.errors import (
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
    UnprocessableEntityException,
    render_path,
)

__all__ = ["ApiAttributeError", "ApiConnectionError", "ApiException", "ApiKeyError", "ApiTimeoutError",
           "ApiTypeError", "ApiValueError", "BadRequestException", "ConflictException",
           "ForbiddenException", "MethodNotAllowedException", "NotAcceptableException",
           "NotFoundException", "OpenApiException", "ServiceException", "UnauthorizedException",
           "UnprocessableEntityException", "render_path"]
