"""A call's deadline bounds it whatever the server does: trickles, stalls, Retry-After
(issue 15, item 6)."""
from __future__ import annotations

import time
from typing import Any, Iterator, List

import pytest

import airflow_python_sdk as sdk
from airflow_python_sdk import apis, models

from .misbehaving import Misbehaving, Reply, Stall, Trickle

POOL = {"name": "p", "slots": 1, "description": "d" * 100}
SLACK = 1.0  # seconds a cut-off may take beyond the deadline (thread wake-up, teardown)


@pytest.fixture
def elapsed() -> Iterator[List[float]]:
    start = time.monotonic()
    spent: List[float] = []
    yield spent
    spent.append(time.monotonic() - start)


def _client(server: Misbehaving, deadline: Any, **settings: Any) -> sdk.ApiClient:
    settings.setdefault("timeout", (5.0, 5.0))  # per read: a trickle beats it
    return sdk.ApiClient(sdk.Configuration(server_api="v1", host=server.url("/api/v1"), deadline=deadline, **settings))


def _timed(call: Any) -> float:
    start = time.monotonic()
    with pytest.raises(sdk.ApiTimeoutError, match="deadline"):
        call()
    return time.monotonic() - start


@pytest.mark.parametrize("trickle", [Trickle(1, 0.2), Trickle(1, 0.2, headers=False),
                                     Trickle(1, 0.2, body=False)])
def test_a_trickling_answer_is_cut_off_at_the_deadline(server: Misbehaving, trickle: Trickle) -> None:
    server.handle(Reply(200, json=POOL, trickle=trickle))
    with _client(server, 1.5) as client:
        assert _timed(lambda: apis.PoolApi(client).get_pool("p")) < 1.5 + SLACK
        server.handle(Reply(200, json=POOL))  # the cut connection is not reused
        assert apis.PoolApi(client).get_pool("p").name == "p"


def test_a_trickled_body_without_length_is_not_taken_for_a_whole_one(server: Misbehaving) -> None:
    server.handle(Reply(200, json=POOL, content_length=None, trickle=Trickle(4, 0.2, headers=False)))
    with _client(server, 1.0) as client:
        assert _timed(lambda: apis.PoolApi(client).get_pool("p")) < 1.0 + SLACK


def test_a_stalled_server_and_retries_end_at_the_deadline(server: Misbehaving) -> None:
    server.handle(Stall(30))
    with _client(server, 1.0, retries=sdk.RetryPolicy(total=5)) as client:
        assert _timed(lambda: apis.PoolApi(client).get_pool("p")) < 1.0 + SLACK


def test_retry_after_beyond_the_deadline_is_not_waited_for(server: Misbehaving) -> None:
    waits: List[float] = []
    server.handle(Reply(503, json={"title": "busy"}, headers={"Retry-After": "3600"}))
    policy = sdk.RetryPolicy(total=3, retry_after_max=3600, sleep=waits.append)
    with _client(server, 5.0, retries=policy) as client, pytest.raises(sdk.ServiceException):
        apis.PoolApi(client).get_pool("p")
    assert waits == [] and len(server.requests) == 1


def test_a_post_cut_off_at_the_deadline_is_sent_once(server: Misbehaving) -> None:
    server.handle(Reply(200, json=POOL, trickle=Trickle(1, 0.2)))
    with _client(server, 1.0, retries=sdk.RetryPolicy(total=5)) as client:
        _timed(lambda: apis.PoolApi(client).post_pool(models.Pool(name="p", slots=1)))
    time.sleep(0.3)
    assert [r.method for r in server.requests] == ["POST"]


def test_paginate_has_one_deadline_for_every_page(server: Misbehaving) -> None:
    page = {"pools": [{"name": f"p{i}", "slots": 1} for i in range(2)], "total_entries": 1000}
    counter = iter(range(10_000))

    def slow_page(request: Any) -> Reply:
        return Reply(200, json={"pools": [{"name": f"p{next(counter)}", "slots": 1}],
                                "total_entries": 1000}, trickle=Trickle(64, 0.1))

    server.handle(slow_page)
    with _client(server, None) as client:
        start = time.monotonic()
        with pytest.raises(sdk.ApiTimeoutError):
            for _ in sdk.paginate(apis.PoolApi(client).get_pools, page_size=1, deadline=1.5):
                pass
        assert time.monotonic() - start < 1.5 + SLACK
    assert page  # (the shape each page has)


@pytest.mark.parametrize("value,error", [("5", sdk.ApiTypeError), (0, sdk.ApiValueError),
                                         (float("nan"), sdk.ApiValueError),
                                         (float("inf"), sdk.ApiValueError)])
def test_a_bad_deadline_is_refused_naming_it(value: Any, error: type) -> None:
    with pytest.raises(error, match="Configuration.deadline"):
        sdk.Configuration(deadline=value)


def test_no_deadline_by_default() -> None:
    assert sdk.Configuration().deadline is None
