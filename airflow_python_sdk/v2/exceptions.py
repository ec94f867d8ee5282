"""The exceptions of the v2 surface, at 3.3.2's module path.

The classes that tell HTTP statuses apart are v2's own family: ``body`` is text, as the 3.x
client has it (``"already exists" in e.body``), and ``data`` holds the body decoded as the
error model (``HTTPExceptionResponse``, or ``HTTPValidationError`` for a 422). Each is also a
subclass of the SDK-wide class of the same name (``airflow_python_sdk.exceptions``), so
``except airflow_python_sdk.exceptions.NotFoundException`` catches a v2 404 as well. The
other exceptions (wrong input, no answer) are the SDK-wide ones.
"""
from airflow_python_sdk._runtime import errors as _errors
from airflow_python_sdk._runtime.errors import (
    ApiAttributeError,
    ApiConnectionError,
    ApiKeyError,
    ApiTimeoutError,
    ApiTypeError,
    ApiValueError,
    OpenApiException,
    render_path,
)


class ApiException(_errors.ApiException):
    """The server answered with a status outside 2xx (``status``, ``reason``, ``headers``,
    ``body`` as text, ``data`` the decoded error model, ``problem``)."""

    text_body = True


class UnexpectedAnswerException(ApiException, _errors.UnexpectedAnswerException):
    """A 2xx answer that is not what the operation declares (a login page, a proxy)."""


class BadRequestException(ApiException, _errors.BadRequestException):
    """400: the request was malformed or a value was rejected."""


class UnauthorizedException(ApiException, _errors.UnauthorizedException):
    """401: no valid credentials (or the token endpoint refused them)."""


class ForbiddenException(ApiException, _errors.ForbiddenException):
    """403: authenticated, but not allowed."""


class NotFoundException(ApiException, _errors.NotFoundException):
    """404: no such object."""


class MethodNotAllowedException(ApiException, _errors.MethodNotAllowedException):
    """405: the path does not take this method."""


class NotAcceptableException(ApiException, _errors.NotAcceptableException):
    """406: the server cannot answer in the requested content type."""


class ConflictException(ApiException, _errors.ConflictException):
    """409: the object exists already or is in a conflicting state."""


class UnprocessableEntityException(ApiException, _errors.UnprocessableEntityException):
    """422: the values were refused; the first line names each invalid field."""


class ServiceException(ApiException, _errors.ServiceException):
    """5xx: the server (or a gateway in front of it) failed."""


ApiException.status_classes = {
    400: BadRequestException, 401: UnauthorizedException, 403: ForbiddenException,
    404: NotFoundException, 405: MethodNotAllowedException, 406: NotAcceptableException,
    409: ConflictException, 422: UnprocessableEntityException,
}
ApiException.server_error_class = ServiceException
ApiException.family_class = ApiException
ApiException.unexpected_answer_class = UnexpectedAnswerException

__all__ = ["ApiAttributeError", "ApiConnectionError", "ApiException", "ApiKeyError", "ApiTimeoutError",
           "ApiTypeError", "ApiValueError", "BadRequestException", "ConflictException",
           "ForbiddenException", "MethodNotAllowedException", "NotAcceptableException",
           "NotFoundException", "OpenApiException", "ServiceException", "UnauthorizedException", "UnexpectedAnswerException",
           "UnprocessableEntityException", "render_path"]
