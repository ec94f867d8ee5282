"""The first step of the pipeline: from an operation and its arguments to a ``Request``.

``build_request`` checks every argument against the operation's record and encodes path,
query, headers and body. Nothing is sent until every check has passed, so bad input fails
early with the parameter's name and nothing half-sent.
"""
from __future__ import annotations

import datetime as _dt
import enum
import math
from typing import Any, Dict, List, Mapping, Optional, Tuple, Union
from urllib.parse import quote

from airflow_python_sdk._runtime.checking import adopt, check_value
from airflow_python_sdk._runtime.declare import ModelBase
from airflow_python_sdk._runtime.encoding import dumps
from airflow_python_sdk._runtime.errors import ApiTypeError, ApiValueError
from airflow_python_sdk._runtime.fields import NO_DEFAULT, UNSET
from airflow_python_sdk._runtime.kinds import ANY, is_model, is_one_of, resolve, variants_of
from airflow_python_sdk._runtime.operation import BODY, HEADER, PATH, QUERY, Operation, Param
from airflow_python_sdk._runtime.timestamps import format_timestamp

#: ``None`` (no limit), seconds for the whole exchange, or ``(connect, read)`` seconds.
Timeout = Union[None, float, Tuple[Optional[float], Optional[float]]]


class Request:
    """What goes on the wire, and how to send it.

    ``timeout``: see ``Timeout``. ``stream``: leave the body unread for the caller.
    ``credentials``: names of the headers that carry credentials (the auth layer sets
    them; the redirect layer drops them when a redirect leaves the origin). ``attempt``:
    which try this is (the retry layer counts). ``sent_as``: what the credentials are, in
    words and without the secret (the auth layer sets it; a 401/403 message says it).
    ``deadline``: the ``time.monotonic()`` instant the call must end by (None: none).
    """

    __slots__ = ("method", "url", "headers", "body", "timeout", "stream", "operation_id",
                 "surface", "credentials", "attempt", "sent_as", "deadline")

    def __init__(self, method: str, url: str, headers: Optional[Dict[str, str]] = None,
                 body: Optional[bytes] = None, *, timeout: Timeout = None, stream: bool = False,
                 operation_id: str = "", surface: Any = None,
                 credentials: Tuple[str, ...] = (), attempt: int = 1, sent_as: str = "",
                 deadline: Optional[float] = None) -> None:
        self.method: str = method
        self.url: str = url
        self.headers: Dict[str, str] = headers if headers is not None else {}
        self.body: Optional[bytes] = body
        self.timeout: Timeout = timeout
        self.stream: bool = stream
        self.operation_id: str = operation_id
        self.surface: Any = surface
        self.credentials: Tuple[str, ...] = credentials
        self.attempt: int = attempt  # 1 for the first try; the retry layer counts on
        self.sent_as: str = sent_as
        self.deadline: Optional[float] = deadline

    def replace(self, **changes: Any) -> "Request":
        """A copy with some attributes changed (headers are copied, not shared)."""
        values = {name: getattr(self, name) for name in self.__slots__}
        values["headers"] = dict(self.headers)
        values.update(changes)
        method, url = values.pop("method"), values.pop("url")
        headers, body = values.pop("headers"), values.pop("body")
        return Request(method, url, headers, body, **values)

    @property
    def shown_url(self) -> str:
        """The URL as messages and logs show it: no query (it may carry a continuation
        token), no ``user:password@``."""
        return without_userinfo(self.url.split("?", 1)[0])

    def __repr__(self) -> str:
        return f"<Request {self.method} {self.shown_url}>"


def without_userinfo(url: str) -> str:
    """A URL with any ``user:password@`` taken out (``***@`` in its place)."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    authority, slash, path = rest.partition("/")
    if "@" in authority:
        authority = "***@" + authority.rpartition("@")[2]
    return f"{scheme}://{authority}{slash}{path}"


class CallOptions:
    """The per-call options of every Api method (``_request_timeout``, ``_headers``...)."""

    __slots__ = ("request_timeout", "headers", "host_index", "content_type", "request_auth",
                 "check_input", "stream")

    def __init__(self, request_timeout: Timeout = None, headers: Optional[Mapping[str, str]] = None,
                 host_index: Optional[int] = None, content_type: Optional[str] = None,
                 request_auth: Optional[Mapping[str, Any]] = None, *, check_input: bool = True,
                 stream: bool = False) -> None:
        self.request_timeout: Timeout = check_timeout(request_timeout, "_request_timeout")
        if headers is not None and not isinstance(headers, Mapping):
            raise ApiTypeError(f"_headers must be a dict of header names to values, got "
                               f"{type(headers).__name__}")
        self.headers: Optional[Mapping[str, str]] = headers
        if host_index is not None and (not isinstance(host_index, int) or isinstance(host_index, bool)):
            raise ApiTypeError(f"_host_index must be an int, got {type(host_index).__name__}")
        self.host_index: Optional[int] = host_index
        if content_type is not None and not isinstance(content_type, str):
            raise ApiTypeError(f"_content_type must be a str, got {type(content_type).__name__}")
        self.content_type: Optional[str] = content_type
        self.request_auth: Optional[Mapping[str, Any]] = request_auth
        self.check_input: bool = check_input
        self.stream: bool = stream


def check_timeout(value: Any, name: str) -> Timeout:
    """A timeout setting as the transport takes it; a clear error naming ``name`` otherwise."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not math.isfinite(value) or value <= 0:
            raise ApiValueError(f"{name} must be a positive number of seconds, got {value!r}")
        return float(value)
    if isinstance(value, (tuple, list)) and len(value) == 2:
        pair = tuple(None if part is None else check_timeout(part, name) for part in value)
        return pair  # type: ignore[return-value]
    raise ApiTypeError(f"{name} must be seconds (a number) or a (connect, read) pair, "
                       f"got {type(value).__name__} {value!r}")


def build_request(op: Operation[Any], values: Mapping[str, Any], options: CallOptions, *,
                  base_url: str, headers: Mapping[str, str],
                  assume_tz: Optional[_dt.tzinfo] = None, safe_path_chars: str = "") -> Request:
    """Check every argument and produce the request; raises before anything is sent."""
    given = _canonical(op, values)
    path = op.path
    query: List[str] = []
    body: Optional[bytes] = None
    out_headers = dict(headers)
    check = options.check_input
    for param in op.params:
        value = given.get(param.name, UNSET)
        if value is UNSET or (value is None and not param.required):
            if param.required and value is UNSET:
                raise ApiTypeError(f"{op.operation_id}() missing required argument {param.name!r}")
            continue
        where = f"{op.operation_id}({param.name})"
        if value is None:
            raise ApiValueError(f"{where}: required argument may not be None")
        if param.location == BODY:
            body = encode_body(op, param, value, check, assume_tz)
            continue
        if check:
            value = check_value(resolve(param.kind, op.surface), value, (param.name,))
        if param.location == PATH:
            text = to_text(value, where, assume_tz)
            if text == "":
                raise ApiValueError(f"{where}: path argument may not be empty")
            if text in (".", ".."):
                raise ApiValueError(f"{where}: path argument may not be {text!r}: the URL would "
                                    "address another resource")
            path = path.replace("{" + param.wire + "}", quote(text, safe=safe_path_chars))
        elif param.location == QUERY:
            key = quote(param.wire, safe="")
            if isinstance(value, (list, tuple)):
                items = [quote(to_text(v, where, assume_tz), safe="") for v in value]
                if param.explode:
                    query.extend(f"{key}={item}" for item in items)
                else:
                    query.append(f"{key}={','.join(items)}")
            else:
                query.append(f"{key}={quote(to_text(value, where, assume_tz), safe='')}")
        elif param.location == HEADER:
            _set_header(out_headers, param.wire, header_text(to_text(value, where, assume_tz), where))
    if body is not None:
        out_headers["Content-Type"] = options.content_type or "application/json"
    if options.headers:
        for name, value in options.headers.items():
            _set_header(out_headers, name, header_text(value, f"_headers[{name!r}]"))
    url = base_url.rstrip("/") + path
    if query:
        url += "?" + "&".join(query)
    return Request(op.method, url, out_headers, body, timeout=options.request_timeout,
                   stream=options.stream, operation_id=op.operation_id, surface=op.surface)


def _set_header(headers: Dict[str, str], name: str, value: str) -> None:
    """Set a header, replacing one of the same name in any case (an ``accept`` argument
    replaces the default ``Accept``: two would be sent otherwise)."""
    lower = name.lower()
    for existing in [key for key in headers if key.lower() == lower and key != name]:
        del headers[existing]
    headers[name] = value


def _canonical(op: Operation[Any], values: Mapping[str, Any]) -> Dict[str, Any]:
    """Arguments by parameter name, older names (aliases) folded in."""
    given: Dict[str, Any] = {}
    for name, value in values.items():
        if value is UNSET:
            continue
        param = op.param(name)
        if param is None:
            raise ApiTypeError(f"{op.operation_id}() got an unexpected argument {name!r}")
        if value is None and param.aliases:
            continue  # a parameter with older names defaults to None: not given
        if given.get(param.name) is not None:
            if value is None:
                continue  # an older name left at its default
            raise ApiTypeError(f"{op.operation_id}() got multiple values for {param.name!r}")
        given[param.name] = value
    return given


def encode_body(op: Operation[Any], param: Param, value: Any, check: bool,
                assume_tz: Optional[_dt.tzinfo]) -> bytes:
    """The JSON body; a model of another class is taken when the body model has all its fields
    (the same shape under another name), else refused before anything is sent."""
    if check and not isinstance(value, (dict, list)):
        expected = resolve(param.kind, op.surface)
        if expected is not ANY and (is_model(expected) or is_one_of(expected)):
            accepted = variants_of(expected) if is_one_of(expected) else (expected,)
            accepted += tuple(resolve(name, op.surface) for name in param.compatible)
            if not isinstance(value, accepted):
                if not isinstance(value, ModelBase):
                    raise ApiTypeError(f"{op.operation_id}({param.name}) must be "
                                       f"{' or '.join(c.__name__ for c in accepted)} or a dict, "
                                       f"got {type(value).__name__}")
                value = adopt(expected, value, (f"{op.operation_id}({param.name})",))
    if isinstance(value, dict):
        value = _with_sent_defaults(resolve(param.kind, op.surface), value)
    text = dumps(value, for_request=True, assume_tz=assume_tz, where=param.name,
                 separators=(",", ":"))
    return text.encode("utf-8")


def _with_sent_defaults(kind: Any, body: Dict[str, Any]) -> Dict[str, Any]:
    """A dict body with the keys its model always sends filled in, as the model itself would
    send them: a required field that may be null (``logical_date`` of a v2 trigger: the server
    refuses the body without the key) and, on v2, the spec's defaults of request bodies
    (``include_deferred`` of a pool)."""
    if not is_model(kind):
        return body
    missing = {f.wire: f.default for f in kind._sdk_fields.values()
               if f.wire not in body and not f.read_only and f.default is not UNSET
               and f.default is not NO_DEFAULT and (f.default is None or isinstance(f.default, (bool, int, float, str)))}
    return {**body, **missing} if missing else body


def to_text(value: Any, where: str, assume_tz: Optional[_dt.tzinfo]) -> str:
    """A path, query or header value as text: booleans in JSON spelling, datetimes in RFC 3339."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, _dt.datetime):
        return format_timestamp(value, where, assume_tz)
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, ModelBase):
        raise ApiTypeError(f"{where}: a {type(value).__name__} cannot be sent in a URL or header")
    return str(value)


def header_text(value: Any, where: str) -> str:
    """A header value, refused when it would break the header block (CR, LF, NUL)."""
    text = value if isinstance(value, str) else str(value)
    if any(c in text for c in "\r\n\x00"):
        raise ApiValueError(f"{where}: a header value may not contain line breaks or NUL")
    return text
