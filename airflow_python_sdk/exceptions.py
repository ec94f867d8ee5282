"""Every exception the SDK raises.

    OpenApiException
    ├── ApiTypeError        (also a TypeError)      wrong type / unknown or missing argument
    ├── ApiValueError       (also a ValueError)     a value the API cannot take
    ├── ApiAttributeError   (also an AttributeError) a model has no such field
    ├── ApiKeyError         (also a KeyError)       a model has no such key
    ├── ApiConnectionError                          no HTTP answer (refused, reset, TLS, DNS)
    │   └── ApiTimeoutError                         connect or read timed out
    └── ApiException                                the server answered with a non-2xx status
        ├── BadRequestException          400
        ├── UnauthorizedException        401
        ├── ForbiddenException           403
        ├── NotFoundException            404
        ├── MethodNotAllowedException    405
        ├── NotAcceptableException       406
        ├── ConflictException            409
        └── ServiceException             5xx

``ApiException`` carries ``status``, ``reason``, ``headers``, ``body`` (bytes) and
``problem``: the RFC 7807 problem the server sent, parsed into ``Error``, or one
made from the status line when the body was not a problem (an HTML page from a proxy).
"""
from __future__ import annotations

import json
import re
from typing import Any, Dict, Mapping, Optional, Sequence, Type


class OpenApiException(Exception):
    """Base of every exception raised by the SDK."""


def render_path(path_to_item: Optional[Sequence[Any]]) -> str:
    """``['dag_run', 'conf', 0]`` -> ``"['dag_run']['conf'][0]"``."""
    out = ""
    for part in path_to_item or ():
        out += f"[{part}]" if isinstance(part, int) else f"['{part}']"
    return out


class _PathMixin:
    def _with_path(self, msg: str, path_to_item: Optional[Sequence[Any]]) -> str:
        self.path_to_item = path_to_item
        if path_to_item:
            return f"{msg} at {render_path(path_to_item)}"
        return msg


class ApiTypeError(OpenApiException, TypeError, _PathMixin):
    def __init__(self, msg: str, path_to_item: Optional[Sequence[Any]] = None,
                 valid_classes: Any = None, key_type: Optional[bool] = None) -> None:
        self.valid_classes = valid_classes
        self.key_type = key_type
        super().__init__(self._with_path(msg, path_to_item))


class ApiValueError(OpenApiException, ValueError, _PathMixin):
    def __init__(self, msg: str, path_to_item: Optional[Sequence[Any]] = None) -> None:
        super().__init__(self._with_path(msg, path_to_item))


class ApiAttributeError(OpenApiException, AttributeError, _PathMixin):
    def __init__(self, msg: str, path_to_item: Optional[Sequence[Any]] = None) -> None:
        super().__init__(self._with_path(msg, path_to_item))


class ApiKeyError(OpenApiException, KeyError, _PathMixin):
    def __init__(self, msg: str, path_to_item: Optional[Sequence[Any]] = None) -> None:
        super().__init__(self._with_path(msg, path_to_item))

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0])


class ApiConnectionError(OpenApiException):
    """The request got no HTTP answer. ``method`` and ``url`` say which request."""

    def __init__(self, msg: str, method: str = "", url: str = "", cause: Optional[BaseException] = None):
        super().__init__(msg)
        self.method = method
        self.url = url
        self.cause = cause
        self.request_sent = True  # False when the connection failed before sending


class ApiTimeoutError(ApiConnectionError):
    """Connecting or reading took longer than the timeout."""


_TITLE_RE = re.compile(rb"<title[^>]*>(.*?)</title>", re.I | re.S)
_TAG_RE = re.compile(r"<[^>]+>")
_SPACE_RE = re.compile(r"\s+")


class ApiException(OpenApiException):
    """The server answered with a status outside 2xx."""

    def __init__(self, status: Optional[int] = None, reason: Optional[str] = None,
                 http_resp: Any = None, *, body: Optional[bytes] = None,
                 headers: Optional[Mapping[str, str]] = None) -> None:
        if http_resp is not None:
            status = http_resp.status if status is None else status
            reason = http_resp.reason if reason is None else reason
            body = http_resp.data if body is None else body
            headers = http_resp.getheaders() if headers is None else headers
        self.status = status
        self.reason = reason
        self.body = body
        self.headers = dict(headers) if headers is not None else {}
        self.http_resp = http_resp
        self.problem = _parse_problem(status, reason, body, self.headers)
        super().__init__(self._summary())

    @property
    def title(self) -> Optional[str]:
        return self.problem.title

    @property
    def detail(self) -> Optional[str]:
        return self.problem.detail

    def _summary(self) -> str:
        line = f"({self.status}) {self.problem.title or self.reason or ''}".rstrip()
        if self.problem.detail:
            line += f": {self.problem.detail}"
        return line

    def __str__(self) -> str:
        lines = [self._summary()]
        if self.reason and self.reason != self.problem.title:
            lines.append(f"Reason: {self.reason}")
        if self.problem.type and self.problem.type != "about:blank":
            lines.append(f"Type: {self.problem.type}")
        if self.problem.instance:
            lines.append(f"Instance: {self.problem.instance}")
        return "\n".join(lines)


class BadRequestException(ApiException):
    """400: the request was malformed or a value was rejected."""


class UnauthorizedException(ApiException):
    """401: no valid credentials."""


class ForbiddenException(ApiException):
    """403: authenticated, but not allowed."""


class NotFoundException(ApiException):
    """404: no such object."""


class MethodNotAllowedException(ApiException):
    """405: the path does not take this method."""


class NotAcceptableException(ApiException):
    """406: the server cannot answer in the requested content type."""


class ConflictException(ApiException):
    """409: the object exists already or is in a conflicting state."""


class ServiceException(ApiException):
    """5xx: the server (or a gateway in front of it) failed."""


STATUS_EXCEPTIONS: Dict[int, Type[ApiException]] = {
    400: BadRequestException,
    401: UnauthorizedException,
    403: ForbiddenException,
    404: NotFoundException,
    405: MethodNotAllowedException,
    406: NotAcceptableException,
    409: ConflictException,
}


def exception_for_status(status: int) -> Type[ApiException]:
    if 500 <= status <= 599:
        return ServiceException
    return STATUS_EXCEPTIONS.get(status, ApiException)


def _parse_problem(status: Optional[int], reason: Optional[str], body: Optional[bytes],
                   headers: Mapping[str, str]) -> Any:
    """The RFC 7807 problem in the body, or one built from what the answer did carry."""
    from airflow_python_sdk.model.error import Error

    ctype = ""
    for key, value in headers.items():
        if key.lower() == "content-type":
            ctype = value.lower()
    data: Any = None
    if body:
        if "json" in ctype or body[:1] in (b"{", b"["):
            try:
                data = json.loads(body)
            except ValueError:
                data = None
        if isinstance(data, dict) and ("title" in data or "detail" in data or "type" in data):
            problem = Error.from_dict(data)
            if problem.status is None:
                problem.status = status
            return problem
        if data is not None:
            return Error(type="about:blank", title=reason or "", status=status,
                         detail=json.dumps(data)[:300], _check_type=False)
        if "html" in ctype or body.lstrip()[:1] == b"<":
            match = _TITLE_RE.search(body)
            title = _text(match.group(1)) if match else None
            text = _text(_TAG_RE.sub(" ", body.decode("utf-8", "replace")))
            return Error(type="about:blank", title=title or reason or "", status=status,
                         detail=text[:300] or None, _check_type=False)
        text = body.decode("utf-8", "replace").strip()
        return Error(type="about:blank", title=reason or "", status=status,
                     detail=text[:300] or None, _check_type=False)
    return Error(type="about:blank", title=reason or "", status=status, _check_type=False)


def _text(raw: Any) -> str:
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", "replace")
    return _SPACE_RE.sub(" ", raw).strip()
