"""Property tests over the response path and every public parameter (issue 15).

Random status codes, content types and bodies (bytes, JSON, HTML, deep nesting, bogus
charsets) go through the whole client; random values go to every parameter of every
operation of both surfaces. What must hold:
- only an ``OpenApiException`` subclass (``ApiException`` for answers) or a value comes out;
- no secret in any exception's text, repr or pickle, nor in any log line;
- no non-idempotent request is sent twice, whatever failed;
- retry waits never exceed their cap, for any policy.
"""
from __future__ import annotations

import datetime as dt
import importlib
import logging
import pickle
import pkgutil
from typing import Any, List, Tuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import airflow_python_sdk as sdk
from airflow_python_sdk import apis, v2
from airflow_python_sdk._runtime.errors import OpenApiException
from airflow_python_sdk._runtime.operation import Operation
from airflow_python_sdk.transport import Headers, MockTransport, Request, Response

SECRET = "pw-Zq8-secret"
TOKEN = "tok-Zq8-secret"
SETTINGS = settings(max_examples=1000, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _api_classes() -> List[Any]:
    classes = [getattr(apis, name) for name in dir(apis) if name.endswith("Api")]
    import airflow_python_sdk.v2.api as v2_api

    for module in pkgutil.iter_modules(v2_api.__path__):
        mod = importlib.import_module(f"airflow_python_sdk.v2.api.{module.name}")
        classes += [c for n, c in vars(mod).items() if n.endswith("Api") and isinstance(c, type)
                    and getattr(c, "_operations", None)]
    return classes


OPERATIONS: List[Tuple[Any, str, Operation[Any]]] = sorted(
    {(cls, name, op) for cls in _api_classes() for name, op in cls._operations.items()},
    key=lambda t: (t[0].__module__, t[1]))
assert len(OPERATIONS) > 200  # 89 v1 + 128 v2

CONTENT_TYPES = st.sampled_from([
    "application/json", "application/json; charset=utf-8", "application/json; charset=bogus",
    "application/problem+json", "text/html", "text/html; charset=latin-1", "text/plain",
    "text/plain; charset=no-such", "application/x-ndjson", "application/octet-stream",
    "application/xml", "", "json", "text/", ";;;", "application/json; charset=\"utf-16\""])
JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
                    | st.text(max_size=10),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                    max_leaves=20)


@st.composite
def bodies(draw: Any) -> bytes:
    kind = draw(st.sampled_from(["bytes", "json", "html", "deep", "problem", "empty"]))
    if kind == "bytes":
        return bytes(draw(st.binary(max_size=300)))
    if kind == "json":
        import json

        value: Any = draw(JSON)
        return json.dumps(value).encode()
    if kind == "html":
        title: str = draw(st.text(max_size=20))
        opened: int = draw(st.integers(0, 50))
        return ("<html><title>" + title + "<" * opened).encode()
    if kind == "deep":
        depth: int = draw(st.integers(900, 5000))
        return b"[" * depth + b"]" * depth if draw(st.booleans()) else b'{"a":' * depth + b"1" + b"}" * depth
    if kind == "problem":
        import json

        problem = {"title": draw(st.text(max_size=10)), "detail": draw(JSON),
                   "status": draw(st.integers() | st.text(max_size=3))}
        return json.dumps(problem).encode()
    return b""


def _client(handler: Any, *, surface: str = "v1", **settings: Any) -> Any:
    settings.setdefault("retries", sdk.RetryPolicy(total=2, sleep=lambda s: None))
    if surface == "v1":
        config = sdk.Configuration(server_api="v1", host="http://u:" + SECRET + "@127.0.0.1:9/api/v1",
                                   username="admin", password=SECRET, **settings)
        return sdk.ApiClient(config, transport=MockTransport(handler))
    config2 = v2.Configuration(host="http://127.0.0.1:9", access_token=TOKEN, **settings)
    return v2.ApiClient(config2, transport=MockTransport(handler))


def _no_secret_in(error: BaseException) -> None:
    for text in (str(error), repr(error)):
        assert SECRET not in text and TOKEN not in text
    try:
        pickled = pickle.dumps(error)
    except (TypeError, pickle.PicklingError, AttributeError) as exc:
        if isinstance(error, sdk.ApiException):
            raise AssertionError(f"{type(error).__name__} does not pickle: {exc}") from exc
        return
    assert SECRET.encode() not in pickled and TOKEN.encode() not in pickled
    if isinstance(error, sdk.ApiException):
        again = pickle.loads(pickled)
        assert (again.status, again.reason, again.body) == (error.status, error.reason, error.body)


def _required_args(op: Operation[Any]) -> Any:
    """Well-typed values for the required parameters of ``op``."""
    samples = {int: 1, float: 1.0, bool: True, str: "x"}
    return {p.name: {} if p.location == "body" else samples.get(p.kind, "x")
            for p in op.params if p.required}


READ_OPS = [t for t in OPERATIONS if t[2].method == "GET" and not any(
    p.required and p.location not in ("path",) for p in t[2].params)]


@SETTINGS
@given(which=st.sampled_from(READ_OPS), status=st.integers(100, 599), ctype=CONTENT_TYPES,
       body=bodies(), headers=st.dictionaries(st.sampled_from(["Retry-After", "Location", "X-Junk"]),
                                              st.text(max_size=12), max_size=2))
def test_any_answer_gives_a_value_or_an_api_exception(which: Any, status: int, ctype: str, body: bytes,
                                                      headers: Any) -> None:
    cls, name, op = which

    def handler(request: Request) -> Response:
        return Response(status, "Reason", Headers({"Content-Type": ctype, **headers}), body)

    args = _required_args(op)
    surface = "v2" if cls.__module__.startswith("airflow_python_sdk.v2") else "v1"
    with _LogLines() as lines:
        client = _client(handler, surface=surface, log_payloads=True, follow_redirects=1)
        try:
            result = getattr(cls(client), name)(**args)
            if hasattr(result, "__next__"):
                list(result)  # a stream: read it all
        except sdk.ApiException as error:
            _no_secret_in(error)
        finally:
            client.close()
    for line in lines:
        assert SECRET not in line and TOKEN not in line, line


class _LogLines(logging.Handler):
    """Every line the SDK logs (at DEBUG) while in the ``with`` block."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: List[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())

    def __enter__(self) -> List[str]:
        logger = logging.getLogger("airflow_python_sdk")
        self._level = logger.level
        logger.addHandler(self)
        logger.setLevel(logging.DEBUG)
        return self.lines

    def __exit__(self, *exc: Any) -> None:
        logger = logging.getLogger("airflow_python_sdk")
        logger.removeHandler(self)
        logger.setLevel(self._level)


VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=12),
    st.sampled_from(["..", ".", "a/b", "a\nb", "\x00", " ", "", "%2e%2e", "é"]),
    st.binary(max_size=8), st.lists(st.integers() | st.text(max_size=4), max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers() | st.floats() | st.none(), max_size=3),
    st.datetimes(), st.datetimes(timezones=st.just(dt.timezone.utc)), st.just(object()),
    st.builds(lambda: sdk.UNSET))


@SETTINGS
@given(which=st.sampled_from(OPERATIONS), data=st.data())
def test_any_value_for_any_parameter_is_a_clear_error_or_a_call(which: Any, data: Any) -> None:
    cls, name, op = which
    sent: List[Request] = []

    def handler(request: Request) -> Response:
        sent.append(request)
        return Response.json(200, {})

    params = [p for p in op.params]
    chosen = data.draw(st.lists(st.sampled_from(params), unique_by=lambda p: p.name), label="params") \
        if params else []
    kwargs = {p.name: data.draw(VALUES, label=p.name) for p in chosen}
    for option in data.draw(st.lists(st.sampled_from(["_request_timeout", "_headers", "_host_index",
                                                      "_content_type"]), unique=True, max_size=2)):
        kwargs[option] = data.draw(VALUES, label=option)
    surface = "v2" if cls.__module__.startswith("airflow_python_sdk.v2") else "v1"
    client = _client(handler, surface=surface)
    try:
        result = getattr(cls(client), name)(**kwargs)
        if hasattr(result, "__next__"):
            list(result)
    except OpenApiException as error:
        _no_secret_in(error)
    except TypeError as error:  # Python's own, for a missing required argument
        assert "missing" in str(error) and "required" in str(error), error
    finally:
        client.close()
    assert len(sent) <= 1


FAULTS = st.lists(st.sampled_from(["429", "502", "503", "504", "500", "reset-before", "reset-after",
                                   "timeout-after", "ok"]), min_size=1, max_size=6)
WRITE_OPS = [t for t in OPERATIONS if t[2].method in ("POST", "PATCH")
             and t[0].__module__.startswith("airflow_python_sdk.api")]


@SETTINGS
@given(which=st.sampled_from(WRITE_OPS), faults=FAULTS, total=st.integers(0, 6))
def test_a_non_idempotent_request_is_never_sent_twice(which: Any, faults: List[str], total: int) -> None:
    cls, name, op = which
    delivered: List[Request] = []
    script = iter(faults + ["ok"] * 10)

    def handler(request: Request) -> Response:
        fault = next(script)
        if fault == "reset-before":
            error = sdk.ApiConnectionError("refused", request.method, request.url)
            error.request_sent = False
            raise error
        delivered.append(request)
        if fault == "reset-after":
            raise sdk.ApiConnectionError("reset", request.method, request.url)
        if fault == "timeout-after":
            raise sdk.ApiTimeoutError("timed out", request.method, request.url)
        return Response.json(200 if fault == "ok" else int(fault), {})

    client = _client(handler, retries=sdk.RetryPolicy(total=total, sleep=lambda s: None))
    args = _required_args(op)
    try:
        getattr(cls(client), name)(**args)
    except OpenApiException:
        pass
    finally:
        client.close()
    assert len(delivered) <= 1, [r.method for r in delivered]


@SETTINGS
@given(total=st.integers(0, 10**6), attempt=st.integers(1, 10**6),
       factor=st.floats(0, 1e6), cap=st.floats(0, 1e6), jitter=st.floats(0, 1),
       retry_after=st.none() | st.text(max_size=10) | st.integers(-10**9, 10**9).map(str))
def test_retry_waits_never_exceed_their_cap(total: int, attempt: int, factor: float, cap: float,
                                            jitter: float, retry_after: Any) -> None:
    policy = sdk.RetryPolicy(total=total, backoff_factor=factor, backoff_max=cap, jitter=jitter,
                             retry_after_max=cap)
    wait = policy.wait(attempt, retry_after)
    assert 0 <= wait <= cap


@pytest.mark.parametrize("which", [t for t in WRITE_OPS if t[1] == "post_connection"])
def test_the_write_operations_are_found(which: Any) -> None:
    assert which[2].method == "POST"
