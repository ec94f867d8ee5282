"""Pagination, auth choices, redirects, logging, waiting and notebook display, on loopback."""
from __future__ import annotations

import json
import logging
import re
from typing import Any, Dict, List

import pytest
from werkzeug.wrappers import Request, Response

import airflow_python_sdk as sdk
from airflow_python_sdk import apis, models, paginate
from airflow_python_sdk.waiting import WaitTimeoutError, follow_log, trigger_and_wait, wait_for_dag_run

# -- pagination

class PagingServer:
    """Serves a list of N items with a server-side page cap, like Airflow's maximum_page_limit."""

    def __init__(self, httpserver: Any, field: str, count: int, cap: int = 100) -> None:
        self.items = [{"name": f"item{i:03d}", "slots": i} for i in range(count)]
        self.field, self.cap = field, cap
        self.calls: List[Any] = []
        httpserver.expect_request(re.compile(".*")).respond_with_handler(self.handle)

    def handle(self, request: Request) -> Response:
        if request.path == "/api/v2/version":  # the client's probe: this is an Airflow 2
            return Response("not found", status=404)
        if request.method == "POST":
            body = request.get_json()
            offset, limit = body.get("page_offset", 0), body.get("page_limit", 100)
        else:
            offset = int(request.args.get("offset", 0))
            limit = int(request.args.get("limit", 100))
        self.calls.append((offset, limit))
        page = self.items[offset:offset + min(limit, self.cap)]
        return Response(json.dumps({self.field: page, "total_entries": len(self.items)}),
                        content_type="application/json")


@pytest.fixture
def plain_client(httpserver: Any) -> Any:
    return sdk.ApiClient(sdk.Configuration(host=httpserver.url_for("/api/v1"), retries=None))


def test_paginate_survives_a_silent_page_cap(httpserver: Any, plain_client: Any) -> None:
    srv = PagingServer(httpserver, "pools", 250, cap=100)
    names = [p.name for p in paginate(apis.PoolApi(plain_client).get_pools, page_size=500)]
    assert names == [f"item{i:03d}" for i in range(250)]
    assert srv.calls == [(0, 500), (100, 500), (200, 500)]


def test_paginate_stops_on_an_empty_page_and_passes_filters(httpserver: Any, plain_client: Any) -> None:
    srv = PagingServer(httpserver, "dags", 0)
    assert list(paginate(apis.DAGApi(plain_client).get_dags, tags=["etl"])) == []
    assert srv.calls == [(0, 100)]


def test_paginate_max_items_and_positional_args(httpserver: Any, plain_client: Any) -> None:
    PagingServer(httpserver, "dag_runs", 30)
    runs = list(paginate(apis.DAGRunApi(plain_client).get_dag_runs, "etl", page_size=7, max_items=10))
    assert len(runs) == 10 and all(isinstance(r, models.DAGRun) for r in runs)


def test_paginate_a_batch_endpoint_through_its_body(httpserver: Any, plain_client: Any) -> None:
    srv = PagingServer(httpserver, "task_instances", 130, cap=50)
    form = models.ListTaskInstanceForm(dag_ids=["etl"])
    items = list(paginate(apis.TaskInstanceApi(plain_client).get_task_instances_batch, form))
    assert len(items) == 130 and srv.calls == [(0, 100), (50, 100), (100, 100)]
    assert form.page_offset is None  # the caller's form is not changed


def test_paginate_refuses_what_cannot_be_paged(plain_client: Any) -> None:
    with pytest.raises(sdk.ApiTypeError, match="cannot be paged|does not answer a list"):
        list(paginate(apis.PoolApi(plain_client).get_pool, "p"))  # type: ignore[arg-type]
    with pytest.raises(sdk.ApiTypeError, match="bound Api method"):
        list(paginate(lambda: None))  # type: ignore[arg-type, return-value]


# -- authentication and redirects

def test_cookie_and_refreshing_header_hook(server: Any) -> None:
    tokens = iter(["t1", "t2"])
    config = sdk.Configuration(host=server.base_url, cookie="session=abc", retries=None,
                               auth_header_provider=lambda: {"Authorization": f"Bearer {next(tokens)}"})
    server.reply({"version": "1"}).reply({"version": "2"})
    with sdk.ApiClient(config) as client:
        apis.MonitoringApi(client).get_version()
        assert server.last.headers["Authorization"] == "Bearer t1"
        assert server.last.headers["Cookie"] == "session=abc"
        apis.MonitoringApi(client).get_version()
        assert server.last.headers["Authorization"] == "Bearer t2"
    assert "abc" not in repr(config) and "t1" not in repr(config)


def test_redirect_to_another_host_drops_credentials(httpserver: Any) -> None:
    seen: List[Dict[str, str]] = []

    def handler(request: Request) -> Response:
        seen.append({"path": request.path, **dict(request.headers)})
        if request.path == "/api/v1/version":
            other = httpserver.url_for("/moved/version").replace("localhost", "127.0.0.1")
            return Response("", status=307, headers={"Location": other})
        if request.path == "/api/v1/pools":
            return Response("", status=302, headers={"Location": "/api/v1/pools2"})
        return Response(json.dumps({"version": "x", "pools": []}), content_type="application/json")

    httpserver.expect_request(re.compile(".*")).respond_with_handler(handler)
    base = httpserver.url_for("/api/v1").replace("127.0.0.1", "localhost")
    config = sdk.Configuration(host=base, username="u", password="pw", retries=None,
                               server_api="v1")  # the redirects are the point, not detection
    with sdk.ApiClient(config) as client:
        assert apis.MonitoringApi(client).get_version().version == "x"
        assert "Authorization" in seen[0] and "Authorization" not in seen[1]
        apis.PoolApi(client).get_pools()
        assert seen[-1]["path"] == "/api/v1/pools2" and "Authorization" in seen[-1]


# -- logging

def test_debug_logging_lines_and_redacted_payloads(server: Any, caplog: Any) -> None:
    config = sdk.Configuration(host=server.base_url, username="u", password="pw-777",
                               retries=sdk.RetryPolicy(jitter=0, sleep=lambda s: None),
                               log_payloads=True)
    server.reply({}, status=503).reply({"connection_id": "c", "password": "db-secret"})
    root_handlers = list(logging.getLogger().handlers)
    with caplog.at_level(logging.DEBUG, logger="airflow_python_sdk"):
        with sdk.ApiClient(config) as client:
            apis.ConnectionApi(client).get_connection("c")
    text = "\n".join(r.getMessage() for r in caplog.records if r.name == "airflow_python_sdk")
    assert re.search(r"GET http://\S+/api/v1/connections/c -> 503 in [\d.]+ ms \(attempt 1\)", text)
    assert re.search(r"-> 200 in [\d.]+ ms \(attempt 2\)", text)
    assert "'Authorization': '***'" in text and '"password": "***"' in text
    assert "pw-777" not in text and "db-secret" not in text
    assert logging.getLogger().handlers == root_handlers  # no global logging changes


def test_nothing_is_logged_by_default(server: Any, client: Any, capsys: Any) -> None:
    server.reply({"version": "x"})
    apis.MonitoringApi(client).get_version()
    out = capsys.readouterr()
    assert out.out == "" and out.err == ""
    assert logging.getLogger("airflow_python_sdk").level == logging.NOTSET


# -- waiting and following

def test_trigger_and_wait_polls_until_terminal(server: Any, client: Any) -> None:
    run = {"dag_id": "etl", "dag_run_id": "r1", "state": "queued"}
    server.reply(run).reply(run).reply(dict(run, state="running")).reply(dict(run, state="success"))
    sleeps: List[float] = []
    polled: List[str] = []
    final = trigger_and_wait(client, "etl", conf={"a": 1}, poll_interval=3, sleep=sleeps.append,
                             on_poll=lambda r: polled.append(r.state))
    assert final.state == models.DagState.SUCCESS and isinstance(final, models.DAGRun)
    assert server.requests[0].method == "POST" and server.requests[0].json() == {"conf": {"a": 1}}
    assert [r.raw_path for r in server.requests[1:]] == ["/api/v1/dags/etl/dagRuns/r1"] * 3
    assert polled == ["queued", "running", "success"] and sleeps == [3, 3]


def test_wait_times_out_with_a_clear_error(server: Any, client: Any) -> None:
    for _ in range(3):
        server.reply({"dag_id": "etl", "dag_run_id": "r1", "state": "running"})
    with pytest.raises(WaitTimeoutError, match="etl run r1 is still running after 0.05s") as info:
        wait_for_dag_run(client, "etl", "r1", timeout=0.05, poll_interval=0.03)
    assert info.value.last.state == "running" and isinstance(info.value, TimeoutError)


def test_follow_log_yields_new_text_until_the_task_ends(server: Any, client: Any) -> None:
    ti = {"task_id": "t", "try_number": 1}
    server.reply(dict(ti, state="running"))
    server.reply({"content": "line 1\n", "continuation_token": "tok1"})
    server.reply(dict(ti, state="running"))
    server.reply({"content": "line 2\n", "continuation_token": "tok2"})
    server.reply(dict(ti, state="success"))
    server.reply({"content": "line 3\n", "continuation_token": "tok3"})
    chunks = list(follow_log(client, "etl", "r1", "t", sleep=lambda s: None))
    assert chunks == ["line 1\n", "line 2\n", "line 3\n"]
    log_queries = [r.raw_query for r in server.requests if "/logs/" in r.raw_path]
    assert log_queries == ["", "token=tok1", "token=tok2"]


# -- notebooks

def test_html_table_for_collections_and_models() -> None:
    pools = models.PoolCollection.from_dict({"pools": [{"name": "a<b>", "slots": 1}], "total_entries": 9})
    page = pools._repr_html_()
    assert "<th>name</th>" in page and "a&lt;b&gt;" in page and "(9 on the server)" in page
    conn = models.Connection(connection_id="c", password="hunter2")._repr_html_()
    assert "hunter2" not in conn and "***" in conn
    assert json.loads(models.Pool(name="p").to_json()) == {"name": "p"}
