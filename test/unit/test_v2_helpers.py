"""v2 helpers over a real loopback server: trigger-and-wait on the ``/wait`` NDJSON stream and
by polling where it is missing, task logs as records and as text lines, following a log by
continuation token, and paging (limit capped at 100, cursors)."""
from __future__ import annotations

import json
import re
from typing import Any, Callable, Dict, Iterator, List, Tuple

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

import airflow_python_sdk.v2 as v2
from airflow_python_sdk import paginate
from airflow_python_sdk.v2.waiting import (
    WaitTimeoutError,
    follow_log,
    log_lines,
    log_records,
    trigger_and_wait,
    wait_for_dag_run,
)

RUN = {"dag_run_id": "r1", "dag_id": "etl", "state": "queued", "run_type": "manual"}


class Routes:
    """Answers by (method, path) with a function of the request; records every request."""

    def __init__(self, httpserver: HTTPServer) -> None:
        self.routes: Dict[Tuple[str, str], Callable[[Request], Response]] = {}
        self.seen: List[Request] = []
        httpserver.expect_request(re.compile(".*")).respond_with_handler(self.handle)

    def on(self, method: str, path: str, answer: Callable[[Request], Response]) -> None:
        self.routes[(method, path)] = answer

    def json(self, method: str, path: str, *bodies: Any) -> None:
        """Answer ``bodies`` one after the other (the last one from then on)."""
        queue = list(bodies)

        def answer(request: Request) -> Response:
            body = queue.pop(0) if len(queue) > 1 else queue[0]
            return Response(json.dumps(body), 200, content_type="application/json")

        self.on(method, path, answer)

    def handle(self, request: Request) -> Response:
        self.seen.append(request)
        answer = self.routes.get((request.method, request.path))
        if answer is None:
            return Response(json.dumps({"detail": "Not Found"}), 404, content_type="application/json")
        return answer(request)

    def paths(self, method: str = "GET") -> List[str]:
        return [r.path for r in self.seen if r.method == method]


@pytest.fixture
def routes(httpserver: HTTPServer) -> Routes:
    return Routes(httpserver)


@pytest.fixture
def client(httpserver: HTTPServer) -> Iterator[v2.ApiClient]:
    config = v2.Configuration(host=httpserver.url_for("/").rstrip("/"), access_token="t", retries=0)
    with v2.ApiClient(config) as made:
        yield made


# -- waiting

def test_trigger_and_wait_reads_the_wait_stream(routes: Routes, client: v2.ApiClient) -> None:
    routes.json("POST", "/api/v2/dags/etl/dagRuns", RUN)
    stream = b'{"state": "queued"}\n{"state": "running"}\n{"state": "success", "results": {}}\n'
    routes.on("GET", "/api/v2/dags/etl/dagRuns/r1/wait",
              lambda r: Response(stream, 200, content_type="application/x-ndjson"))
    routes.json("GET", "/api/v2/dags/etl/dagRuns/r1", dict(RUN, state="success", new_field=1))
    polled: List[str] = []
    run = trigger_and_wait(client, "etl", conf={"a": 1}, poll_interval=2, on_poll=polled.append,
                           sleep=lambda s: pytest.fail("the stream needs no sleeping"))
    assert run.state == v2.DagRunState.SUCCESS and run.to_dict()["new_field"] == 1
    assert polled == ["queued", "running", "success"]
    (trigger,) = [r for r in routes.seen if r.method == "POST"]
    assert trigger.get_json() == {"conf": {"a": 1}, "logical_date": None}
    wait = next(r for r in routes.seen if r.path.endswith("/wait"))
    assert float(wait.args["interval"]) == 2 and "ndjson" in wait.headers["Accept"]


def test_wait_polls_where_the_server_has_no_stream(routes: Routes, client: v2.ApiClient) -> None:
    routes.json("GET", "/api/v2/dags/etl/dagRuns/r1", dict(RUN, state="running"), dict(RUN, state="running"),
                dict(RUN, state="failed"))
    sleeps: List[float] = []
    run = wait_for_dag_run(client, "etl", "r1", poll_interval=3, sleep=sleeps.append)
    assert run.state == v2.DagRunState.FAILED and sleeps == [3, 3]
    assert routes.paths() == ["/api/v2/dags/etl/dagRuns/r1/wait"] + ["/api/v2/dags/etl/dagRuns/r1"] * 3


def test_wait_times_out_naming_the_state(routes: Routes, client: v2.ApiClient) -> None:
    routes.json("GET", "/api/v2/dags/etl/dagRuns/r1", dict(RUN, state="running"))
    with pytest.raises(WaitTimeoutError, match="etl run r1 is still running after 0.05s") as caught:
        wait_for_dag_run(client, "etl", "r1", timeout=0.05, poll_interval=0.02, stream=False)
    assert caught.value.last.state == "running"


def test_an_error_from_the_stream_other_than_404_is_raised(routes: Routes, client: v2.ApiClient) -> None:
    routes.on("GET", "/api/v2/dags/etl/dagRuns/r1/wait",
              lambda r: Response(json.dumps({"detail": "Forbidden"}), 403, content_type="application/json"))
    with pytest.raises(v2.ForbiddenException):
        wait_for_dag_run(client, "etl", "r1", sleep=lambda s: None)


# -- logs

RECORDS: List[Dict[str, Any]] = [
    {"timestamp": "2026-01-02T03:04:05Z", "event": "Task started", "level": "info", "logger": "task"},
    {"event": "::group::Log message source details"},
    {"timestamp": "2026-01-02T03:04:06Z", "event": "done", "level": "warning", "logger": "airflow.task",
     "extra_key": [1]},
]


def test_log_lines_read_the_current_try_as_text(routes: Routes, client: v2.ApiClient) -> None:
    routes.json("GET", "/api/v2/dags/etl/dagRuns/r1/taskInstances/t", {"task_id": "t", "try_number": 2})
    routes.json("GET", "/api/v2/dags/etl/dagRuns/r1/taskInstances/t/logs/2",
                {"content": RECORDS, "continuation_token": None})
    assert log_lines(client, "etl", "r1", "t") == [
        "[2026-01-02T03:04:05+00:00] INFO task - Task started",
        "::group::Log message source details",
        "[2026-01-02T03:04:06+00:00] WARNING airflow.task - done",
    ]
    records = log_records(client, "etl", "r1", "t", try_number=2)
    assert [r.event for r in records if isinstance(r, v2.StructuredLogMessage)] == [r["event"] for r in RECORDS]
    last = records[-1]
    assert isinstance(last, v2.StructuredLogMessage) and last.additional_properties["extra_key"] == [1]
    log_request = next(r for r in routes.seen if r.path.endswith("/logs/2"))
    assert log_request.args["full_content"] == "true"


def test_log_given_as_plain_lines_reads_too(routes: Routes, client: v2.ApiClient) -> None:
    routes.json("GET", "/api/v2/dags/etl/dagRuns/r1/taskInstances/t/logs/1",
                {"content": ["line one", "line two"], "continuation_token": None})
    assert log_lines(client, "etl", "r1", "t", try_number=1) == ["line one", "line two"]


def test_follow_log_goes_on_from_the_continuation_token(routes: Routes, client: v2.ApiClient) -> None:
    ti = {"task_id": "t", "try_number": 1}
    routes.json("GET", "/api/v2/dags/etl/dagRuns/r1/taskInstances/t", dict(ti, state="running"),
                dict(ti, state="running"), dict(ti, state="success"))
    routes.json("GET", "/api/v2/dags/etl/dagRuns/r1/taskInstances/t/logs/1",
                {"content": [{"event": "one"}], "continuation_token": "tok1"},
                {"content": [], "continuation_token": "tok1"},
                {"content": [{"event": "two"}], "continuation_token": "tok2"})
    lines = list(follow_log(client, "etl", "r1", "t", sleep=lambda s: None))
    assert lines == ["one", "two"]
    tokens = [r.args.get("token") for r in routes.seen if "/logs/" in r.path]
    assert tokens == [None, "tok1", "tok1"]


# -- paging

def test_paginate_copes_with_the_cap_of_100(routes: Routes, client: v2.ApiClient) -> None:
    pools = [{"name": f"p{i:03d}", "slots": i} for i in range(230)]
    calls: List[Tuple[int, int]] = []

    def answer(request: Request) -> Response:
        offset, limit = int(request.args.get("offset", 0)), int(request.args.get("limit", 50))
        calls.append((offset, limit))
        page = pools[offset:offset + min(limit, 100)]  # [api] maximum_page_limit, silently
        return Response(json.dumps({"pools": page, "total_entries": len(pools)}), 200,
                        content_type="application/json")

    routes.on("GET", "/api/v2/pools", answer)
    names = [p.name for p in paginate(v2.PoolApi(client).get_pools, page_size=500)]
    assert names == [p["name"] for p in pools]
    assert calls == [(0, 500), (100, 500), (200, 500)]


def test_paginate_follows_next_cursor_where_offered(routes: Routes, client: v2.ApiClient) -> None:
    runs = [dict(RUN, dag_run_id=f"r{i}") for i in range(5)]
    cursors: List[Any] = []

    def answer(request: Request) -> Response:
        cursor = request.args.get("cursor")
        cursors.append(cursor)
        start = int(cursor or 0)
        page = runs[start:start + 2]
        following = str(start + 2) if start + 2 < len(runs) else None
        return Response(json.dumps({"dag_runs": page, "total_entries": len(runs), "next_cursor": following}),
                        200, content_type="application/json")

    routes.on("GET", "/api/v2/dags/etl/dagRuns", answer)
    got = [r.dag_run_id for r in paginate(v2.DagRunApi(client).get_dag_runs, "etl", page_size=2)]
    assert got == [r["dag_run_id"] for r in runs]
    assert cursors == ["", "2", "4"]  # an empty cursor asks Airflow for cursor paging
    assert all("offset" not in r.args for r in routes.seen)


def test_paginate_goes_on_by_offset_when_the_server_ignores_the_cursor(
        routes: Routes, client: v2.ApiClient) -> None:
    """A server without cursor paging answers an offset page with no ``next_cursor``; the
    items after it are still fetched, by offset."""
    runs = [dict(RUN, dag_run_id=f"r{i}") for i in range(5)]
    asked: List[Tuple[Any, Any]] = []

    def answer(request: Request) -> Response:
        asked.append((request.args.get("cursor"), request.args.get("offset")))
        start = int(request.args.get("offset") or 0)
        page = runs[start:start + 2]
        return Response(json.dumps({"dag_runs": page, "total_entries": len(runs)}), 200,
                        content_type="application/json")

    routes.on("GET", "/api/v2/dags/etl/dagRuns", answer)
    got = [r.dag_run_id for r in paginate(v2.DagRunApi(client).get_dag_runs, "etl", page_size=2)]
    assert got == [r["dag_run_id"] for r in runs]
    assert asked == [("", None), (None, "2"), (None, "4")]


def test_each_wait_line_is_read_when_it_arrives() -> None:
    """The server sends a status line per interval; each reaches ``on_poll`` as it comes, not
    when the stream ends (a read that waited for a full buffer would hold them all back)."""
    import threading

    from test.adversarial.misbehaving import Misbehaving, Reply

    first_seen = threading.Event()
    released: List[bool] = []

    def lines() -> Iterator[bytes]:
        yield b'{"state": "running"}\n'
        released.append(first_seen.wait(10))  # the client has the first line before the second
        yield b'{"state": "success", "results": {}}\n'

    with Misbehaving() as server:
        server.script(Reply(200, lines(), chunked=True, content_type="application/x-ndjson"),
                      then=Reply(200, json=dict(RUN, state="success")))
        config = v2.Configuration(host=server.url("").rstrip("/"), access_token="t", retries=0)
        with v2.ApiClient(config) as client:
            states: List[str] = []

            def seen(state: str) -> None:
                states.append(state)
                first_seen.set()

            run = wait_for_dag_run(client, "etl", "r1", poll_interval=1, on_poll=seen)
    assert released == [True] and states == ["running", "success"] and run.state == "success"


def test_paginate_pages_a_batch_body_after_the_path_arguments(routes: Routes, client: v2.ApiClient) -> None:
    """v2's batch operations take the path's ``~`` first and the body after it."""
    runs = [dict(RUN, dag_run_id=f"r{i:03d}") for i in range(130)]
    bodies: List[Dict[str, Any]] = []

    def answer(request: Request) -> Response:
        body = request.get_json()
        bodies.append(body)
        start, limit = body.get("page_offset", 0), min(body.get("page_limit", 100), 100)
        return Response(json.dumps({"dag_runs": runs[start:start + limit], "total_entries": len(runs)}),
                        200, content_type="application/json")

    routes.on("POST", "/api/v2/dags/~/dagRuns/list", answer)
    api = v2.DagRunApi(client)
    got = [r.dag_run_id for r in paginate(api.get_list_dag_runs_batch, "~",
                                          v2.DAGRunsBatchBody(dag_ids=["etl"]), page_size=100)]
    assert got == [r["dag_run_id"] for r in runs]
    assert [(b["page_offset"], b["page_limit"], b["dag_ids"]) for b in bodies] == [
        (0, 100, ["etl"]), (100, 100, ["etl"])]
    by_name = list(paginate(api.get_list_dag_runs_batch, "~", dag_runs_batch_body={"dag_ids": ["etl"]},
                            max_items=3))
    assert [r.dag_run_id for r in by_name] == ["r000", "r001", "r002"]
