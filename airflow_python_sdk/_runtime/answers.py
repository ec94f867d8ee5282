"""The last step of the pipeline: what an answer means.

A 2xx answer becomes the operation's value: its model decoded from JSON, a ``str`` for a
``text/plain`` answer where the operation declares one, None when there is no content; any
other 2xx (an HTML login page, a body that is not JSON) raises ``UnexpectedAnswerException``. Any other status raises the
``ApiException`` subclass for it, carrying the problem the body describes (as the surface's
error model when it declares one: v1's ``Error``).
"""
from __future__ import annotations

import json
from typing import Any, Generic, Iterable, Iterator, Mapping, Optional, TypeVar

from airflow_python_sdk._runtime.decoding import choose_variant
from airflow_python_sdk._runtime.errors import (
    ERROR_BODY_MAX,
    ApiException,
    Problem,
    exception_for_status,
    parse_problem,
)
from airflow_python_sdk._runtime.fast_decoding import decoder_for, decoder_of
from airflow_python_sdk._runtime.kinds import resolve
from airflow_python_sdk._runtime.operation import Operation
from airflow_python_sdk._runtime.transport import Response

T = TypeVar("T")


class ApiResponse(Generic[T]):
    """An answer with its HTTP facts: what ``*_with_http_info`` methods return."""

    __slots__ = ("status_code", "headers", "data", "raw_data")

    def __init__(self, status_code: int, headers: Mapping[str, str], data: T, raw_data: bytes) -> None:
        self.status_code: int = status_code
        self.headers: Mapping[str, str] = headers
        self.data: T = data
        self.raw_data: bytes = raw_data

    def __repr__(self) -> str:
        return f"ApiResponse(status_code={self.status_code}, data={self.data!r})"


def raise_for_status(op: Optional[Operation[Any]], response: Response, surface: Any = None) -> None:
    """Raise the status's ``ApiException`` subclass (of the surface's family: ``op``'s, or
    ``surface``) unless the answer is a 2xx. An operation's error carries its body as text
    (``"already exists" in e.body``), as the older clients' call path decoded it."""
    status = response.status
    if 200 <= status <= 299:
        return
    body = response.data
    text = body_text(body, response) if op is not None else None
    problem: Any = parse_problem(status, response.reason, body, response.headers)
    if surface is None:
        surface = op.surface if op is not None else getattr(response.request, "surface", None)
    if surface is None:
        error = exception_for_status(status)(http_resp=response, problem=problem, body=text)
    else:
        if surface.problem_model:
            problem = _as_model(surface.model(surface.problem_model), problem)
        data = _error_data(surface, status, body)
        error = surface.exception_family().for_status(status)(http_resp=response, problem=problem,
                                                              data=data, body=text)
    if status in (401, 403):
        error.hint = _credentials_hint(status, response)
    raise error


def _credentials_hint(status: int, response: Response) -> str:
    """What a refusal's message adds: which credentials were sent (never the secret) and
    what to check."""
    request = response.request
    sent = request.sent_as if request is not None else ""
    if not sent:
        return ("no credentials were sent: set username and password, or access_token, on the "
                "Configuration")
    if status == 401:
        return (f"sent {sent}: check the user name and password (or that the token has not "
                "expired), and that the server's auth backend takes this kind of credentials")
    return (f"sent {sent}: the server knows them but refused this request; check the user's "
            "role and permissions (a wrong password also reads as 403 on some Airflow 2 setups)")


def body_text(body: bytes, response: Response) -> str:
    """A body as text, in its charset (UTF-8 unless the answer names another one Python knows)."""
    try:
        return body.decode(charset_of((response.headers.get("Content-Type") or "").lower()), "replace")
    except LookupError:  # a charset no codec has
        return body.decode("utf-8", "replace")


def _as_model(cls: Any, problem: Problem) -> Any:
    model = decoder_of(cls)(problem.to_dict())
    return model


def _error_data(surface: Any, status: int, body: bytes) -> Any:
    """An error body as the surface's error model for the status (None: no model, or the body
    is not a JSON object)."""
    name = surface.error_model(status)
    if name is None or body[:1] != b"{":
        return None
    try:
        parsed = json.loads(body)
    except (ValueError, RecursionError):
        return None
    return decoder_of(surface.model(name))(parsed) if parsed.__class__ is dict else None


def family_of(op: Optional[Operation[Any]]) -> Any:
    """The ``ApiException`` an operation's surface raises."""
    return op.surface.exception_family() if op is not None else ApiException


def read_value(op: Operation[Any], response: Response) -> Any:
    """The value of a 2xx answer, or the matching ``ApiException`` raised."""
    raise_for_status(op, response)
    data = response.data
    if not data or response.status == 204:
        return None
    ctype = (response.headers.get("Content-Type") or "").lower()
    if ctype.startswith("text/"):
        # text/plain is a value only where the operation declares it (a log, a DAG's source)
        # or declares nothing; HTML never is: it is a login page or a proxy's, not the API
        if ctype.startswith("text/html") or not (op.text or op.response is None):
            raise unexpected_answer(op, response, ctype)
        return data.decode(charset_of(ctype), "replace")
    if op.stream and ("ndjson" in ctype or not ctype):  # one JSON value a line, kept as parsed
        return list(ndjson_values(data.splitlines(), response, family_of(op)))
    try:
        parsed = json.loads(data)
    except (ValueError, RecursionError):  # RecursionError: nested deeper than Python's stack
        raise unexpected_answer(op, response, ctype) from None
    return decode_answer(op, parsed)


PREVIEW_BYTES = 120  # of an unexpected answer, shown in its message


def unexpected_answer(op: Operation[Any], response: Response, ctype: str) -> Exception:
    """The exception for a 2xx answer the operation does not declare: what came back (content
    type, first bytes) and the likely cause."""
    data = response.data
    head = data[:PREVIEW_BYTES].decode("utf-8", "replace")
    preview = " ".join(head.split())
    if "html" in ctype or data.lstrip()[:1] == b"<":
        cause = ("an HTML page, not the API: likely a login page (SSO) or a proxy in front of "
                 "Airflow; check that the host is the API's URL and that the credentials reach it")
    elif "json" in ctype or not ctype:
        cause = "a body that is not JSON it can read (cut short, nested too deeply, or not the API)"
    else:
        cause = "a content type the operation does not declare (a proxy or another server?)"
    reason = (f"{op.operation_id} answered {ctype or 'no Content-Type'}: {cause}; it starts "
              f"with {preview!r}")
    cls: Any = family_of(op).for_unexpected_answer()
    problem = Problem(title=reason, status=response.status)
    error: Exception = cls(status=response.status, reason=reason,
                           body=body_text(data[:ERROR_BODY_MAX], response),  # text, as for errors
                           headers=response.headers, problem=problem)
    return error


def ndjson_values(lines: Iterable[bytes], response: Response, family: Any = ApiException) -> Iterator[Any]:
    """The JSON values of NDJSON lines (blank lines skipped); a line that is not JSON raises
    (``family``: the ``ApiException`` of the operation's surface)."""
    for line in lines:
        if not line.strip():
            continue
        try:
            yield json.loads(line)
        except (ValueError, RecursionError):
            raise family(status=response.status, reason="a line of the NDJSON answer is not JSON",
                               body=bytes(line[:200]), headers=response.headers) from None


def stream_values(op: Operation[Any], response: Response) -> Iterator[Any]:
    """The values of an NDJSON answer as they arrive, as parsed (the connection is released at
    the end, or when the caller stops reading)."""
    raise_for_status(op, response)
    ctype = (response.headers.get("Content-Type") or "").lower()
    if "html" in ctype:
        response.data = response.read(ERROR_BODY_MAX)  # enough to say what it is
        response.release_conn()
        raise unexpected_answer(op, response, ctype)
    try:
        yield from ndjson_values(response.iter_lines(), response, family_of(op))
    finally:
        response.release_conn()


def decode_answer(op: Operation[Any], parsed: Any) -> Any:
    """Parsed JSON of a success as the operation's value."""
    kind = op.response
    if kind is None:
        return parsed
    if isinstance(kind, tuple):  # one of several models (clear_dag_run: a run or a list)
        models = [resolve(name, op.surface) for name in kind]
        if parsed.__class__ is not dict:
            return parsed
        return decoder_of(choose_variant(models, None, parsed))(parsed)
    return decoder_for(resolve(kind, op.surface))(parsed)


def charset_of(ctype: str) -> str:
    import codecs

    for part in ctype.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key == "charset" and value:
            name = value.strip('"')
            try:
                codecs.lookup(name)
            except LookupError:  # a bogus charset: read it as UTF-8, never raise
                return "utf-8"
            return name
    return "utf-8"
