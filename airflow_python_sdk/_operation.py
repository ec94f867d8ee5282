"""Operations as records, and the first step of the pipeline: building the HTTP request.

A generated Api method hands an ``Operation`` and its arguments to ``ApiClient.invoke``;
``build_request`` checks every argument against the record and produces an ``HttpRequest``.
Nothing is sent until every check has passed.
"""
from __future__ import annotations

import datetime as _dt
import enum
import json
from typing import Any, Dict, List, Optional, Sequence, Tuple
from urllib.parse import quote

from airflow_python_sdk._model import UNSET, Model, OneOf, check_value, resolve, to_wire, _did_you_mean
from airflow_python_sdk._datetime import format_datetime
from airflow_python_sdk.exceptions import ApiTypeError, ApiValueError


class Param:
    """One parameter of an operation: where it goes on the wire and what it takes.

    ``location`` is ``path``, ``query``, ``header`` or ``body``. ``kind`` is as for model
    fields. ``explode=False`` sends a query array comma-separated (``form``, no explode).
    ``aliases`` are older names the caller may still use (1.0.1's body names).
    """

    __slots__ = ("name", "location", "kind", "required", "explode", "wire", "aliases",
                 "compatible")

    def __init__(self, name: str, location: str, kind: Any, *, required: bool = False,
                 explode: bool = True, wire: Optional[str] = None,
                 aliases: Sequence[str] = (), compatible: Sequence[str] = ()) -> None:
        self.name = name
        self.location = location
        self.kind = kind
        self.required = required
        self.explode = explode
        self.wire = wire or name
        self.aliases = tuple(aliases)
        self.compatible = tuple(compatible)  # other model names accepted as this body

    def __repr__(self) -> str:
        return f"Param({self.name!r}, {self.location!r}, {self.kind!r})"


class Operation:
    """One API operation: HTTP method, path template, parameters, response kind.

    ``response`` is a model name, a tuple of names (the answer is one of them), or None
    for an empty answer. ``text`` marks operations that can also answer ``text/plain``.
    """

    __slots__ = ("operation_id", "method", "path", "params", "response", "text", "summary",
                 "_by_name", "body")

    def __init__(self, operation_id: str, method: str, path: str, params: Sequence[Param] = (),
                 response: Any = None, *, text: bool = False, summary: str = "") -> None:
        self.operation_id = operation_id
        self.method = method
        self.path = path
        self.params = tuple(params)
        self.response = response
        self.text = text
        self.summary = summary
        self._by_name: Dict[str, Param] = {}
        self.body: Optional[Param] = None
        for param in self.params:
            self._by_name[param.name] = param
            for alias in param.aliases:
                self._by_name[alias] = param
            if param.location == "body":
                self.body = param

    def __repr__(self) -> str:
        return f"<Operation {self.operation_id}: {self.method} {self.path}>"

    def param(self, name: str) -> Optional[Param]:
        return self._by_name.get(name)


class HttpRequest:
    """What goes on the wire: method, absolute URL with query, headers, body bytes."""

    __slots__ = ("method", "url", "headers", "body", "operation_id")

    def __init__(self, method: str, url: str, headers: Dict[str, str], body: Optional[bytes],
                 operation_id: str = "") -> None:
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.operation_id = operation_id

    def __repr__(self) -> str:
        return f"<HttpRequest {self.method} {self.url}>"


class CallOptions:
    """The per-call options every Api method takes as keywords (1.0.1's names)."""

    __slots__ = ("async_req", "return_http_data_only", "preload_content", "request_timeout",
                 "check_input_type", "check_return_type", "host_index", "headers")

    NAMES = {"async_req": "async_req", "_return_http_data_only": "return_http_data_only",
             "_preload_content": "preload_content", "_request_timeout": "request_timeout",
             "_check_input_type": "check_input_type", "_check_return_type": "check_return_type",
             "_host_index": "host_index", "_headers": "headers"}

    def __init__(self) -> None:
        self.async_req = False
        self.return_http_data_only = True
        self.preload_content = True
        self.request_timeout: Any = None
        self.check_input_type = True
        self.check_return_type = True
        self.host_index: Optional[int] = None
        self.headers: Optional[Dict[str, str]] = None


def bind_arguments(op: Operation, args: Dict[str, Any]) -> Tuple[Dict[str, Any], CallOptions]:
    """Split a method's ``locals()`` into parameter values (by canonical name) and options."""
    options = CallOptions()
    values: Dict[str, Any] = {}
    extra = args.get("kwargs") or {}
    for name, value in args.items():
        if name in ("self", "kwargs"):
            continue
        if value is not UNSET:
            values[name] = value
    for name, value in extra.items():
        option = CallOptions.NAMES.get(name)
        if option is not None:
            setattr(options, option, value)
            continue
        param = op.param(name)
        if param is None:
            known = [p.name for p in op.params] + list(CallOptions.NAMES)
            raise ApiTypeError(f"{op.operation_id}() got an unexpected keyword argument "
                               f"{name!r}{_did_you_mean(name, known)}")
        if param.name in values:
            raise ApiTypeError(f"{op.operation_id}() got multiple values for {param.name!r}")
        if value is not UNSET:
            values[param.name] = value
    return values, options


def build_request(op: Operation, values: Dict[str, Any], options: CallOptions, *,
                  base_url: str, headers: Dict[str, str],
                  assume_tz: Optional[_dt.tzinfo] = None) -> HttpRequest:
    """Check every argument and produce the request; raises before anything is sent."""
    path = op.path
    query: List[str] = []
    body: Optional[bytes] = None
    headers = dict(headers)
    check = options.check_input_type
    for param in op.params:
        value = values.get(param.name, UNSET)
        if value is UNSET or (value is None and param.location != "body" and not param.required):
            if param.required:
                raise ApiTypeError(f"{op.operation_id}() missing required argument {param.name!r}")
            continue
        where = f"{op.operation_id}({param.name})"
        if value is None:
            raise ApiValueError(f"{where}: required argument may not be None")
        if param.location == "body":
            body = _encode_body(op, param, value, check, assume_tz)
            continue
        if check:
            value = check_value(param.kind, value, False, (param.name,))
        if param.location == "path":
            text = _text(value, where, assume_tz)
            if text == "":
                raise ApiValueError(f"{where}: path argument may not be empty")
            path = path.replace("{" + param.wire + "}", quote(text, safe=""))
        elif param.location == "query":
            key = quote(param.wire, safe="")
            if isinstance(value, (list, tuple)):
                items = [_text(v, where, assume_tz) for v in value]
                if param.explode:
                    query.extend(f"{key}={quote(item, safe='')}" for item in items)
                else:
                    query.append(f"{key}={','.join(quote(item, safe='') for item in items)}")
            else:
                query.append(f"{key}={quote(_text(value, where, assume_tz), safe='')}")
        elif param.location == "header":
            headers[param.wire] = _text(value, where, assume_tz)
    if body is not None:
        headers.setdefault("Content-Type", "application/json")
    if options.headers:
        headers.update(options.headers)
    url = base_url.rstrip("/") + path
    if query:
        url += "?" + "&".join(query)
    return HttpRequest(op.method, url, headers, body, op.operation_id)


def _encode_body(op: Operation, param: Param, value: Any, check: bool,
                 assume_tz: Optional[_dt.tzinfo]) -> bytes:
    if check and not isinstance(value, dict):
        expected = resolve(param.kind)
        accepted = (expected,) + tuple(resolve(name) for name in param.compatible)
        if isinstance(expected, type) and issubclass(expected, OneOf):
            accepted = tuple(resolve(v) for v in expected.variants)
        if not isinstance(value, accepted):
            raise ApiTypeError(f"{op.operation_id}({param.name}) must be "
                               f"{' or '.join(c.__name__ for c in accepted)} or a dict, "
                               f"got {type(value).__name__}")
    # json's C encoder walks the data; the hook only sees models, datetimes and dates. When
    # it meets something it cannot settle (a naive datetime), the slow walk runs instead and
    # raises the error with the exact place of the value.
    try:
        text = json.dumps(value, default=_wire_hook(assume_tz), separators=(",", ":"),
                          ensure_ascii=False)
    except _SlowPath:
        data = to_wire(value, param.name, assume_tz, for_request=True)
        try:
            text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
        except (TypeError, ValueError) as exc:
            raise ApiTypeError(f"{op.operation_id}({param.name}): {exc}") from None
    return text.encode("utf-8")


class _SlowPath(Exception):
    pass


def _wire_hook(assume_tz: Optional[_dt.tzinfo]) -> Any:
    def hook(obj: Any) -> Any:
        if isinstance(obj, Model):
            out = {f.wire: v for f, v in obj._items() if not f.read_only}
            if obj._extra:
                out.update(obj._extra)
            return out
        if isinstance(obj, _dt.datetime):
            if obj.tzinfo is None or obj.tzinfo.utcoffset(obj) is None:
                if assume_tz is None:
                    raise _SlowPath()
                obj = obj.replace(tzinfo=assume_tz)
            return obj.isoformat()
        if isinstance(obj, _dt.date):
            return obj.isoformat()
        if isinstance(obj, enum.Enum):
            return obj.value
        if isinstance(obj, tuple):
            return list(obj)
        raise _SlowPath()

    return hook


def _text(value: Any, where: str, assume_tz: Optional[_dt.tzinfo]) -> str:
    """A path/query/header value as text: booleans in JSON spelling, datetimes in RFC 3339."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, _dt.datetime):
        return format_datetime(value, where, assume_tz)
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, (_dt.date,)):
        return value.isoformat()
    return str(value)
