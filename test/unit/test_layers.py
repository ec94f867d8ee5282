"""Each layer of the pipeline on its own, over a MockTransport (a plain function per request)."""
from __future__ import annotations

import logging
from typing import Any, Callable, List

import pytest

import airflow_python_sdk as sdk
from airflow_python_sdk import apis
from airflow_python_sdk._runtime.auth import Auth, AuthLayer, BasicAuth, BearerAuth, HeaderAuth
from airflow_python_sdk._runtime.exchange import Exchange
from airflow_python_sdk._runtime.redirects import RedirectLayer
from airflow_python_sdk._runtime.retries import RetryLayer, RetryPolicy
from airflow_python_sdk.transport import Headers, MockTransport, Request, Response


def exchange(handler: Callable[[Request], Response]) -> Any:
    transport = MockTransport(handler)
    layer = Exchange(lambda: transport, lambda: False)
    layer.requests = transport.requests  # type: ignore[attr-defined]
    return layer


def script(*responses: Response) -> Callable[[Request], Response]:
    queue = list(responses)
    return lambda request: queue.pop(0)


# -- transport values

def test_response_reads_streams_and_splits_lines() -> None:
    body = b'{"a": 1}\n{"a": 2}\r\n{"a": 3}'
    assert list(Response.unread(200, body).iter_lines()) == [b'{"a": 1}', b'{"a": 2}', b'{"a": 3}']
    unread = Response.unread(200, b"abcdef")
    assert not unread.is_read
    assert unread.read(2) == b"ab" and b"".join(unread.stream(2)) == b"cdef"
    whole = Response.unread(200, b"xyz")
    assert whole.data == b"xyz" and whole.is_read
    released = Response.unread(200, b"never read")
    released.release_conn()
    assert released.data == b""


def test_headers_match_in_any_case_and_join_repeats() -> None:
    headers = Headers([("Content-Type", "text/plain"), ("Set-Cookie", "a"), ("set-cookie", "b")])
    assert headers["content-type"] == "text/plain" and "CONTENT-TYPE" in headers
    assert headers["Set-Cookie"] == "a, b" and len(headers) == 2


def test_mock_transport_records_and_preloads() -> None:
    transport = MockTransport(lambda r: Response.unread(200, b"body"))
    response = transport.handle(Request("GET", "http://x/y"))
    assert response.is_read and response.data == b"body"
    streamed = transport.handle(Request("GET", "http://x/y", stream=True))
    assert not streamed.is_read
    assert [r.url for r in transport.requests] == ["http://x/y", "http://x/y"]


# -- auth

def test_auth_layer_adds_and_marks_credentials() -> None:
    inner = exchange(lambda r: Response.json(200, {}))
    layer = AuthLayer(inner, lambda request: HeaderAuth({"X-Api-Key": "k"}))
    layer.send(Request("GET", "http://x/a"))
    sent = inner.requests[0]
    assert sent.headers["X-Api-Key"] == "k" and sent.credentials == ("X-Api-Key",)


def test_auth_layer_retries_once_when_the_auth_renewed_itself() -> None:
    class Renewing(Auth):
        def __init__(self) -> None:
            self.token = "old"
            self.renewals = 0

        def headers(self, request: Request) -> Any:
            return {"Authorization": f"Bearer {self.token}"}

        def retry(self, request: Request, response: Response) -> bool:
            if response.status != 401 or self.renewals:
                return False
            self.token, self.renewals = "new", self.renewals + 1
            return True

    auth = Renewing()
    inner = exchange(lambda r: Response.json(401 if r.headers["Authorization"] == "Bearer old" else 200, {}))
    assert AuthLayer(inner, lambda r: auth).send(Request("GET", "http://x/a")).status == 200
    assert [r.headers["Authorization"] for r in inner.requests] == ["Bearer old", "Bearer new"]
    always = exchange(lambda r: Response.json(401, {}))
    assert AuthLayer(always, lambda r: auth).send(Request("GET", "http://x/a")).status == 401
    assert len(always.requests) == 1  # renewed once already: no second retry


def test_credentials_are_checked_and_never_echoed() -> None:
    assert BearerAuth("tok").headers(Request("GET", "u"))["Authorization"] == "Bearer tok"
    config = sdk.Configuration(access_token="secret-token\n")
    assert config.auth().headers(Request("GET", "u"))["Authorization"] == "Bearer secret-token"
    with pytest.raises(sdk.ApiValueError) as info:
        sdk.Configuration(access_token="sec\nret").auth()
    assert "sec" not in str(info.value)
    assert "p4ss" not in repr(BasicAuth("u", "p4ss"))


# -- redirects

def test_redirect_layer_follows_and_keeps_credentials_to_their_origin() -> None:
    inner = exchange(script(
        Response(307, headers=Headers({"Location": "/b"})),
        Response(302, headers=Headers({"Location": "http://other:81/c"})),
        Response.json(200, {})))
    layer = RedirectLayer(inner, lambda: 5)
    first = Request("GET", "http://x/a", {"Authorization": "Basic s", "X-Api-Key": "k", "Accept": "*/*"},
                    credentials=("X-Api-Key",))
    assert layer.send(first).status == 200
    urls = [r.url for r in inner.requests]
    assert urls == ["http://x/a", "http://x/b", "http://other:81/c"]
    assert inner.requests[1].headers["X-Api-Key"] == "k"
    assert inner.requests[2].headers == {"Accept": "*/*"}


def test_redirect_layer_refuses_a_downgrade_and_counts_hops() -> None:
    inner = exchange(script(Response(301, headers=Headers({"Location": "http://x/plain"}))))
    assert RedirectLayer(inner, lambda: 5).send(Request("GET", "https://x/a")).status == 301
    loop = exchange(lambda r: Response(302, headers=Headers({"Location": "/again"})))
    assert RedirectLayer(loop, lambda: 3).send(Request("GET", "http://x/a")).status == 302
    assert len(loop.requests) == 4


def test_see_other_turns_a_post_into_a_get() -> None:
    inner = exchange(script(Response(303, headers=Headers({"Location": "/done"})), Response.json(200, {})))
    RedirectLayer(inner, lambda: 5).send(Request("POST", "http://x/a", {"Content-Type": "application/json"},
                                                 b"{}"))
    assert (inner.requests[1].method, inner.requests[1].body) == ("GET", None)
    assert "Content-Type" not in inner.requests[1].headers


# -- retries

def sleeps_policy(**kwargs: Any) -> Any:
    waits: List[float] = []
    return RetryPolicy(jitter=0, sleep=waits.append, **kwargs), waits


def test_retry_layer_retries_statuses_of_idempotent_requests() -> None:
    policy, waits = sleeps_policy(total=3, backoff_factor=1)
    inner = exchange(script(Response.json(503, {}), Response(429, headers=Headers({"Retry-After": "7"})),
                            Response.json(200, {})))
    assert RetryLayer(inner, lambda: policy).send(Request("GET", "http://x/a")).status == 200
    assert waits == [1.0, 7.0]
    assert [r.attempt for r in inner.requests] == [1, 2, 3]
    post = exchange(script(Response.json(503, {})))
    assert RetryLayer(post, lambda: policy).send(Request("POST", "http://x/a")).status == 503
    assert len(post.requests) == 1  # never sent twice


def test_retry_layer_retries_connection_errors_sent_or_not() -> None:
    policy, _ = sleeps_policy(total=2)

    def refused(request: Request) -> Response:
        error = sdk.ApiConnectionError("refused", request.method, request.url)
        error.request_sent = False
        raise error

    inner = exchange(refused)
    with pytest.raises(sdk.ApiConnectionError) as info:
        RetryLayer(inner, lambda: policy).send(Request("POST", "http://x/a"))
    assert len(inner.requests) == 3 and info.value.attempts == 3


def test_retry_policy_caps_waits_with_the_jitter_in() -> None:
    policy = RetryPolicy(backoff_factor=10, backoff_max=15, jitter=0.5)
    assert all(policy.wait(n) <= 15 for n in range(1, 2000))
    assert RetryPolicy(total=1026).wait(1026) == 30.0


# -- the exchange

def test_exchange_logs_one_line_without_credentials(caplog: Any) -> None:
    inner = exchange(lambda r: Response.json(200, {}))
    with caplog.at_level(logging.DEBUG, logger="airflow_python_sdk"):
        inner.send(Request("GET", "http://x/a?token=t", {"Authorization": "Basic s"}))
    assert [r.getMessage().split(" in ")[0] for r in caplog.records] == ["GET http://x/a -> 200"]


# -- the whole pipeline over a mock transport

def test_pipeline_over_a_mock_transport() -> None:
    def handler(request: Request) -> Response:
        if request.url.endswith("/old"):
            return Response(308, headers=Headers({"Location": "/api/v1/pools/p"}))
        return Response.unread(200, b'{"name": "p", "slots": 3}', {"Content-Type": "application/json"})

    transport = MockTransport(handler)
    config = sdk.Configuration(host="http://af/api/v1", username="u", password="pw", retries=None,
                               server_api="v1")  # an Airflow 2: no probe among the requests
    client = sdk.ApiClient(config, transport=transport)
    pool = apis.PoolApi(client).get_pool("old")
    assert (pool.name, pool.slots) == ("p", 3)
    assert [r.url for r in transport.requests] == ["http://af/api/v1/pools/old", "http://af/api/v1/pools/p"]
    assert all(r.headers["Authorization"].startswith("Basic ") for r in transport.requests)
    raw = apis.PoolApi(client).get_pool_without_preload_content("p")
    assert isinstance(raw, Response) and not raw.is_read
    assert b'"slots": 3' in raw.read() and raw.status == 200
    info = apis.PoolApi(client).get_pool_with_http_info("p")
    assert info.status_code == 200 and info.data.slots == 3 and info.raw_data.startswith(b"{")
