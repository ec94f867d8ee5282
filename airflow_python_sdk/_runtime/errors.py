"""Every exception the SDK raises, and the problem an error answer carries.

    OpenApiException
    ├── ApiTypeError        (also a TypeError)       wrong type / unknown or missing argument
    ├── ApiValueError       (also a ValueError)      a value the API cannot take
    ├── ApiAttributeError   (also an AttributeError) a model has no such field
    ├── ApiKeyError         (also a KeyError)        a model has no such key
    ├── ApiNotSupportedError                         the server cannot serve this v1 operation
    │                                                faithfully (raised before anything is sent)
    ├── ApiConnectionError                           no HTTP answer (e.g. the connection reset)
    │   ├── ApiConnectionRefusedError                nothing listens at host:port
    │   ├── ApiHostNotFoundError                     the host name does not resolve
    │   ├── ApiTlsError                              TLS failed (bad certificate, wrong host)
    │   └── ApiTimeoutError                          connect or read timed out
    └── ApiException                                 the server answered with a non-2xx status
        ├── UnexpectedAnswerException    a 2xx that is not what the operation declares
        │                                (a login page or proxy in front of the API)
        ├── BadRequestException          400
        ├── UnauthorizedException        401
        ├── ForbiddenException           403
        ├── NotFoundException            404
        ├── MethodNotAllowedException    405
        ├── NotAcceptableException       406
        ├── ConflictException            409
        ├── UnprocessableEntityException 422
        │   └── RefusedInputException    422 to a v1 call on Airflow 3 (a BadRequestException too)
        └── ServiceException             5xx

``ApiException`` carries ``status``, ``reason``, ``headers``, ``body`` and ``problem``:
what the body says went wrong, read from an RFC 7807 problem, FastAPI's ``{"detail": ...}``,
an HTML page from a proxy or plain text. A surface that declares an error schema (v1:
``Error``) gets its problems as that model, and ``data`` holds the body decoded as the
surface's error model for the status (v2: ``HTTPExceptionResponse``, ``HTTPValidationError``
for 422); see ``_runtime.answers``.

A surface may have its own family of these classes, subclasses of the ones here (v2's
``exceptions`` module: ``body`` as text, as the 3.x client has it). ``except
NotFoundException`` with the class from here catches every surface's 404.
"""
from __future__ import annotations

import json
import re
from typing import Any, ClassVar, Dict, List, Mapping, NoReturn, Optional, Sequence, Type, Union

from airflow_python_sdk._runtime.headers import Headers


class OpenApiException(Exception):
    """Base of every exception raised by the SDK."""


def render_path(path_to_item: Optional[Sequence[Any]]) -> str:
    """``['dag_run', 'conf', 0]`` -> ``"['dag_run']['conf'][0]"``."""
    out = ""
    for part in path_to_item or ():
        out += f"[{part}]" if isinstance(part, int) else f"['{part}']"
    return out


def _with_path(msg: str, path_to_item: Optional[Sequence[Any]]) -> str:
    return f"{msg} at {render_path(path_to_item)}" if path_to_item else msg


class ApiTypeError(OpenApiException, TypeError):
    def __init__(self, msg: str, path_to_item: Optional[Sequence[Any]] = None,
                 valid_classes: Any = None, key_type: Optional[bool] = None) -> None:
        self.path_to_item = path_to_item
        self.valid_classes = valid_classes
        self.key_type = key_type
        super().__init__(_with_path(msg, path_to_item))


class ApiValueError(OpenApiException, ValueError):
    def __init__(self, msg: str, path_to_item: Optional[Sequence[Any]] = None) -> None:
        self.path_to_item = path_to_item
        super().__init__(_with_path(msg, path_to_item))


class ApiAttributeError(OpenApiException, AttributeError):
    def __init__(self, msg: str, path_to_item: Optional[Sequence[Any]] = None) -> None:
        self.path_to_item = path_to_item
        super().__init__(_with_path(msg, path_to_item))


class ApiKeyError(OpenApiException, KeyError):
    def __init__(self, msg: str, path_to_item: Optional[Sequence[Any]] = None) -> None:
        self.path_to_item = path_to_item
        super().__init__(_with_path(msg, path_to_item))

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0])


class ApiNotSupportedError(OpenApiException):
    """A v1 operation the server in front of the client cannot serve as v1 defines it (an
    Airflow 3 server without what the operation needs); raised before anything is sent.

    ``operation_id``: the v1 operation; ``server_version``: what the server reported;
    ``instead``: what to call instead (a v2 method, ``airflow_python_sdk.v2...``);
    ``reason``: why it is not served.
    """

    def __init__(self, operation_id: str, server_version: Optional[str], reason: str,
                 instead: str = "") -> None:
        self.operation_id = operation_id
        self.server_version = server_version
        self.reason = reason
        self.instead = instead
        message = (f"{operation_id} is not served by Airflow {server_version or '3.x'}: {reason}")
        if instead:
            message += f"; instead, use {instead}"
        super().__init__(message)

    def __reduce__(self) -> Any:
        return (type(self), (self.operation_id, self.server_version, self.reason, self.instead))


class ApiConnectionError(OpenApiException):
    """The request got no HTTP answer. ``method`` and ``url`` say which request, ``host`` and
    ``port`` where it went, ``attempts`` how many times it was tried (retries included)."""

    #: False for failures that trying again cannot cure (a certificate the client refuses)
    retryable: bool = True

    def __init__(self, msg: str, method: str = "", url: str = "",
                 cause: Optional[BaseException] = None, *, host: str = "",
                 port: Optional[int] = None) -> None:
        super().__init__(msg)
        self.method = method
        self.url = url
        self.cause = cause
        self.host = host
        self.port = port
        self.attempts = 1
        self.request_sent = True  # False when the connection failed before sending

    def __str__(self) -> str:
        text = str(self.args[0]) if self.args else ""
        return f"{text} (after {self.attempts} attempts)" if self.attempts > 1 else text


class ApiConnectionRefusedError(ApiConnectionError):
    """Nothing accepted the connection at ``host``:``port`` (the server is down, or the port
    is wrong)."""


class ApiHostNotFoundError(ApiConnectionError):
    """The name ``host`` does not resolve (a typo in the host, or no DNS)."""


class ApiTlsError(ApiConnectionError):
    """The TLS handshake failed: the server's certificate is not trusted or is for another
    name (``retryable`` False), or the handshake broke off."""


class ApiTimeoutError(ApiConnectionError):
    """Connecting or reading took longer than the timeout."""


class Problem:
    """What an error answer says went wrong, whatever form the body took.

    The members of RFC 7807 (``type``, ``title``, ``status``, ``detail``, ``instance``), any
    other members of the body in ``extra``, and for a validation error (FastAPI's 422)
    the list of ``errors``, each a dict with ``loc`` and ``msg``.
    """

    __slots__ = ("type", "title", "status", "detail", "instance", "errors", "extra")

    def __init__(self, type: Optional[str] = "about:blank", title: Optional[str] = None,
                 status: Optional[int] = None, detail: Optional[str] = None,
                 instance: Optional[str] = None, errors: Optional[List[Dict[str, Any]]] = None,
                 extra: Optional[Dict[str, Any]] = None) -> None:
        self.type: Optional[str] = type
        self.title: Optional[str] = title
        self.status: Optional[int] = status
        self.detail: Optional[str] = detail
        self.instance: Optional[str] = instance
        self.errors: List[Dict[str, Any]] = errors or []
        self.extra: Dict[str, Any] = extra or {}

    def to_dict(self) -> Dict[str, Any]:
        """The problem as RFC 7807 members (set ones only), extras included."""
        out: Dict[str, Any] = {k: getattr(self, k) for k in ("type", "title", "status", "detail",
                                                            "instance") if getattr(self, k) is not None}
        out.update(self.extra)
        return out

    def __repr__(self) -> str:
        return f"Problem(status={self.status!r}, title={self.title!r}, detail={self.detail!r})"


class ApiException(OpenApiException):
    """The server answered with a status outside 2xx. ``body`` is the body: ``str`` when given
    as text (an operation's error: the 1.0.1 and 2.x clients decode it there, and a family with
    ``text_body`` always does), else ``bytes`` (what their ``RESTClientObject`` raises)."""

    text_body: ClassVar[bool] = False
    #: status -> the class raised for it, for ``for_status`` (a family sets its own)
    status_classes: ClassVar[Dict[int, Type["ApiException"]]] = {}
    server_error_class: ClassVar[Optional[Type["ApiException"]]] = None
    family_class: ClassVar[Optional[Type["ApiException"]]] = None  # the family's ApiException
    #: for a 401/403: which credentials were sent (never the secret) and what to check
    hint: str = ""
    unexpected_answer_class: ClassVar[Optional[Type["ApiException"]]] = None

    def __init__(self, status: Optional[int] = None, reason: Optional[str] = None,
                 http_resp: Any = None, *, body: Optional[Union[bytes, str]] = None, data: Any = None,
                 headers: Optional[Mapping[str, str]] = None, problem: Any = None) -> None:
        if http_resp is not None:
            status = http_resp.status if status is None else status
            reason = http_resp.reason if reason is None else reason
            body = http_resp.data if body is None else body
            headers = http_resp.headers if headers is None else headers
        raw = body.encode("utf-8") if isinstance(body, str) else body
        if raw is not None and len(raw) > ERROR_BODY_MAX:  # what a transport reads at most, too
            raw = raw[:ERROR_BODY_MAX]
            if isinstance(body, str):
                body = raw.decode("utf-8", "ignore")  # (a character cut in two is left out)
        self.status = status
        self.reason = reason
        self.body: Any = (body if isinstance(body, str) else
                          raw.decode("utf-8", "replace") if self.text_body and raw is not None else raw)
        self.data: Any = data  # the body as the surface's error model, when it has one
        self.headers: Headers = Headers(headers)  # keys match in any case
        self.http_resp = http_resp
        self.problem: Any = problem if problem is not None else parse_problem(
            status, reason, raw, self.headers)
        super().__init__(self._summary())

    @classmethod
    def for_status(cls, status: int) -> Type["ApiException"]:
        """The class of this family raised for an HTTP status."""
        if 500 <= status <= 599 and cls.server_error_class is not None:
            return cls.server_error_class
        return cls.status_classes.get(status) or cls.family_class or ApiException

    @classmethod
    def for_unexpected_answer(cls) -> Type["ApiException"]:
        """The class of this family raised for a 2xx answer the operation does not declare."""
        return cls.unexpected_answer_class or UnexpectedAnswerException

    @classmethod
    def from_response(cls, *, http_resp: Any, body: Optional[Union[bytes, str]] = None,
                      data: Any = None) -> NoReturn:
        """Raise the class of the answer's status (as the 3.x client's generated code does)."""
        raise cls.for_status(http_resp.status)(http_resp=http_resp, body=body, data=data)

    def __reduce__(self) -> Any:
        # Rebuilt from its facts (never from the response object, which holds the request
        # and so the credentials). A decoded body the pickler cannot take (nested deeper
        # than its stack) is left out: the body itself, bounded, is always kept.
        import pickle

        state = {k: v for k, v in self.__dict__.items() if k != "http_resp"}
        for key in ("data", "problem"):
            try:
                pickle.dumps(state.get(key))
            except (RecursionError, TypeError, AttributeError, pickle.PicklingError):
                state[key] = None if key == "data" else Problem(
                    title=self.problem.title, status=self.status, detail=self.problem.detail)
        return (_rebuild, (type(self), self.args, state))

    @property
    def title(self) -> Optional[str]:
        return self.problem.title  # type: ignore[no-any-return]

    @property
    def detail(self) -> Optional[str]:
        return self.problem.detail  # type: ignore[no-any-return]

    def _summary(self) -> str:
        line = f"({self.status}) {_cut(self.problem.title or self.reason or '')}".rstrip()
        if self.problem.detail:
            line += f": {_cut(self.problem.detail)}"
        return line

    def __str__(self) -> str:
        lines = [self._summary()]
        if self.reason and self.reason != self.problem.title:
            lines.append(f"Reason: {self.reason}")
        if self.problem.type and self.problem.type != "about:blank":
            lines.append(f"Type: {self.problem.type}")
        if self.problem.instance:
            lines.append(f"Instance: {self.problem.instance}")
        if self.hint:
            lines.append(f"Credentials: {self.hint}")
        return "\n".join(lines)


class UnexpectedAnswerException(ApiException):
    """A 2xx answer that is not what the operation declares: HTML (an SSO or proxy login
    page in front of the API), a content type it does not take, a body that is not JSON.
    ``status`` is the 2xx status; ``reason`` says what came back and the likely cause."""


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


class UnprocessableEntityException(ApiException):
    """422: the values were refused (Airflow 3's validation errors name each field)."""


class ServiceException(ApiException):
    """5xx: the server (or a gateway in front of it) failed."""


class RefusedInputException(BadRequestException, UnprocessableEntityException):
    """422 from Airflow 3 for a v1 call served there: a ``BadRequestException`` too, because
    v1 answered refused input with 400 (v1 code catches that), while ``status`` says 422."""


STATUS_EXCEPTIONS: Dict[int, Type[ApiException]] = {
    400: BadRequestException,
    401: UnauthorizedException,
    403: ForbiddenException,
    404: NotFoundException,
    405: MethodNotAllowedException,
    406: NotAcceptableException,
    409: ConflictException,
    422: UnprocessableEntityException,
}
ApiException.status_classes = STATUS_EXCEPTIONS
ApiException.server_error_class = ServiceException
ApiException.family_class = ApiException
ApiException.unexpected_answer_class = UnexpectedAnswerException


def exception_for_status(status: int) -> Type[ApiException]:
    """The exception class for an HTTP status (``ApiException`` when none is specific)."""
    return ApiException.for_status(status)


def _rebuild(cls: Any, args: Any, state: Dict[str, Any]) -> ApiException:
    exc: ApiException = cls.__new__(cls)
    Exception.__init__(exc, *args)
    exc.__dict__.update(state)
    exc.http_resp = None
    return exc


# --------------------------------------------------------------------------- reading a problem

# Linear on any input: a tag cannot contain "<", so an unclosed "<" costs one step, not a scan
# to the end of the body (which made 140 KB of broken HTML take seconds)
_TAG_RE = re.compile(r"<[^<>]*>")
_SPACE_RE = re.compile(r"\s+")
DETAIL_MAX = 300  # characters of a non-problem body shown as the detail
ERROR_BODY_MAX = 1 << 20  # bytes of an error body read and kept on the exception
SCAN_MAX = 64 << 10  # bytes of an HTML or text error body read for its title and detail
SHOWN_MAX = 2000  # characters of a problem's title or detail shown in str(e)
_PROBLEM_MEMBERS = ("type", "title", "status", "detail", "instance")


def parse_problem(status: Optional[int], reason: Optional[str], body: Optional[bytes],
                  headers: Mapping[str, str]) -> Problem:
    """The problem in an error body, or one built from what the answer did carry."""
    ctype = ""
    for key, value in headers.items():
        if key.lower() == "content-type":
            ctype = value.lower()
    if not body:
        return Problem(title=reason or "", status=status)
    data: Any = None
    if "json" in ctype or body[:1] in (b"{", b"["):
        try:
            data = json.loads(body)
        except (ValueError, RecursionError):  # not JSON, or nested deeper than the stack
            data = None
    if isinstance(data, dict) and any(key in data for key in _PROBLEM_MEMBERS):
        return _from_json(data, status, reason)
    if data is not None:
        return Problem(title=reason or "", status=status, detail=_json_text(data))
    head = body[:SCAN_MAX]
    if "html" in ctype or head.lstrip()[:1] == b"<":
        title = _html_title(head)
        text = _squeeze(_TAG_RE.sub(" ", head.decode("utf-8", "replace")))
        return Problem(title=title or reason or "", status=status, detail=text[:DETAIL_MAX] or None)
    text = head.decode("utf-8", "replace").strip()
    return Problem(title=reason or "", status=status, detail=text[:DETAIL_MAX] or None)


def _from_json(data: Dict[str, Any], status: Optional[int], reason: Optional[str]) -> Problem:
    extra = {k: v for k, v in data.items() if k not in _PROBLEM_MEMBERS}
    detail = data.get("detail")
    errors: List[Dict[str, Any]] = []
    if isinstance(detail, list):  # FastAPI's validation errors: [{"loc": [...], "msg": ...}]
        errors = [item for item in detail if isinstance(item, dict)]
        detail = "; ".join(_validation_line(item) for item in errors) or None
    elif detail is not None and not isinstance(detail, str):
        detail = _json_text(detail)
    problem_status = data.get("status")
    return Problem(type=data.get("type", "about:blank"),
                   title=data.get("title") if "title" in data else reason or "",
                   status=problem_status if isinstance(problem_status, int) else status,
                   detail=detail, instance=data.get("instance"), errors=errors, extra=extra)


def _json_text(value: Any) -> str:
    """Parsed JSON as text for a message, cut to DETAIL_MAX characters."""
    try:
        return json.dumps(value)[:DETAIL_MAX]
    except (ValueError, RecursionError):  # parsed at a depth the encoder's stack cannot take
        return "(nested too deeply to show)"


def _validation_line(item: Dict[str, Any]) -> str:
    loc = item.get("loc")
    where = ".".join(str(part) for part in loc) if isinstance(loc, list) else ""
    msg = item.get("msg", "")
    return f"{where}: {msg}" if where else str(msg)


def _html_title(html: bytes) -> Optional[str]:
    """The text of an HTML page's ``<title>`` (None: it has none)."""
    low = html.lower()
    start = low.find(b"<title")
    opened = low.find(b">", start) if start >= 0 else -1
    end = low.find(b"</title", opened) if opened >= 0 else -1
    return _squeeze(html[opened + 1:end])[:DETAIL_MAX] if end >= 0 else None


def _cut(text: str) -> str:
    """``text`` as shown in a message: at most SHOWN_MAX characters."""
    if len(text) <= SHOWN_MAX:
        return text
    return f"{text[:SHOWN_MAX]}... ({len(text) - SHOWN_MAX} more characters: see e.problem, e.body)"


def _squeeze(raw: Any) -> str:
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", "replace")
    return _SPACE_RE.sub(" ", raw).strip()
