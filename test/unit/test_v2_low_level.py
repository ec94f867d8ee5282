"""Reaching an endpoint by hand, the way apache-airflow-client 3.3.2's generated methods do:
``param_serialize`` -> ``call_api`` -> ``read()`` -> ``response_deserialize``, over a real
loopback server, with the SDK's auth, retries and error classes."""
from __future__ import annotations

import datetime as dt
import json
from typing import Any, Dict, Iterator, List, Tuple

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request as WRequest
from werkzeug import Response as WResponse

import airflow_python_sdk.v2 as v2
from airflow_python_sdk.v2 import ApiClient, Configuration

POOL = {"name": "p 1", "slots": 4, "description": None, "include_deferred": False,
        "occupied_slots": 0, "running_slots": 0, "queued_slots": 0, "scheduled_slots": 0,
        "open_slots": 4, "deferred_slots": 0, "brand_new_field": [1, 2]}


@pytest.fixture
def client(httpserver: HTTPServer) -> Iterator[ApiClient]:
    config = Configuration(host=httpserver.url_for("/").rstrip("/"), access_token="tok")
    with ApiClient(config) as made:
        yield made


def test_by_hand_like_a_generated_method(httpserver: HTTPServer, client: ApiClient) -> None:
    seen = []

    def answer(request: WRequest) -> WResponse:
        seen.append(request)
        return WResponse(json.dumps(POOL), 200, content_type="application/json")

    httpserver.expect_request("/api/v2/pools/p 1").respond_with_handler(answer)
    params = client.param_serialize(
        "GET", "/api/v2/pools/{pool_name}", path_params={"pool_name": "p 1"},
        query_params=[("order_by", ["name", "-slots"]), ("only_active", True)],
        header_params={"Accept": client.select_header_accept(["text/plain", "application/json"])},
        collection_formats={"order_by": "multi"}, auth_settings=["HTTPBearer", "OAuth2PasswordBearer"])
    method, url, headers, body, post_params = params
    assert (method, body, post_params) == ("GET", None, [])
    assert url.endswith("/api/v2/pools/p%201?order_by=name&order_by=-slots&only_active=true")
    assert headers["Authorization"] == "Bearer tok" and headers["Accept"] == "application/json"
    answer_ = client.call_api(*params, _request_timeout=5)
    assert answer_.read() == answer_.data and json.loads(answer_.data)["slots"] == 4
    typed = client.response_deserialize(answer_, {"200": "PoolResponse", "404": "HTTPExceptionResponse"})
    assert typed.status_code == 200 and isinstance(typed.data, v2.PoolResponse)
    assert typed.data.name == "p 1" and typed.data.to_dict()["brand_new_field"] == [1, 2]
    (request,) = seen
    assert request.args.getlist("order_by") == ["name", "-slots"]
    assert request.headers["Authorization"] == "Bearer tok"


def test_a_json_body_and_a_list_answer(httpserver: HTTPServer, client: ApiClient) -> None:
    httpserver.expect_request("/api/v2/dags/etl/dagRuns", method="POST").respond_with_json(
        {"dag_run_id": "r1", "dag_id": "etl", "state": "queued"}, status=200)
    when = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
    params = client.param_serialize("POST", "/api/v2/dags/{dag_id}/dagRuns", path_params={"dag_id": "etl"},
                                    body=v2.TriggerDAGRunPostBody(logical_date=when, conf={"a": 1}),
                                    header_params={"Content-Type": "application/json"})
    answer = client.call_api(*params)
    answer.read()
    run = client.response_deserialize(answer, {"2XX": "DAGRunResponse"}).data
    assert run.dag_run_id == "r1" and run.state == v2.DagRunState.QUEUED
    sent = json.loads(httpserver.log[0][0].get_data())
    assert sent["conf"] == {"a": 1} and dt.datetime.fromisoformat(sent["logical_date"]) == when
    texts = client.deserialize('["a", "b"]', "List[str]", "application/json")
    assert texts == ["a", "b"]
    assert client.deserialize('{"x": 1}', "Dict[str, int]", None) == {"x": 1}
    assert client.deserialize("plain words", "str", "text/plain") == "plain words"


def test_an_error_answer_raises_the_v2_class_with_its_model(httpserver: HTTPServer, client: ApiClient) -> None:
    httpserver.expect_request("/api/v2/pools/nope").respond_with_json({"detail": "Pool nope not found"},
                                                                      status=404)
    answer = client.call_api(*client.param_serialize("GET", "/api/v2/pools/nope"))
    answer.read()
    with pytest.raises(v2.NotFoundException) as caught:
        client.response_deserialize(answer, {"200": "PoolResponse", "404": "HTTPExceptionResponse"})
    assert caught.value.status == 404 and "Pool nope not found" in caught.value.body
    assert isinstance(caught.value.data, v2.HTTPExceptionResponse)


def test_helpers_that_split_parameters() -> None:
    client = ApiClient(Configuration(host="http://af:8080"))
    pairs = client.parameters_to_tuples({"a": [1, 2], "b": ["x", "y"], "c": "z"},
                                        {"a": "multi", "b": "pipes"})
    assert pairs == [("a", 1), ("a", 2), ("b", "x|y"), ("c", "z")]
    query = client.parameters_to_url_query([("q", "a b&c"), ("d", {"k": 1}), ("t", ["1", "2"])],
                                           {"t": "csv"})
    assert query == "q=a%20b%26c&d=%7B%22k%22%3A%201%7D&t=1%2C2"
    assert client.select_header_content_type([]) is None
    assert client.select_header_content_type(["text/plain", "application/merge-patch+json"]) == \
        "application/merge-patch+json"
    assert client.files_parameters({"f": ("a.txt", b"hi")}) == [("f", ("a.txt", b"hi", "text/plain"))]
    with pytest.raises(v2.ApiValueError, match=r"files\['f'\]"):
        client.files_parameters({"f": 3})
    headers: Dict[str, Any] = {}
    queries: List[Tuple[str, Any]] = []
    client.update_params_for_auth(headers, queries, ["HTTPBearer"], "/x", "GET", None,
                                  request_auth={"in": "query", "key": "token", "value": "v"})
    assert queries == [("token", "v")] and headers == {}
    assert client.client_side_validation is True


def test_the_default_client_and_configuration_are_v2_ones() -> None:
    import airflow_python_sdk as sdk

    sdk.Configuration.set_default(sdk.Configuration(host="http://old:8080/api/v1"))
    try:
        assert Configuration.get_default().host == "http://localhost"
        assert isinstance(ApiClient().configuration, Configuration)
    finally:
        sdk.Configuration.set_default(None)
        Configuration.set_default(None)


def test_an_api_made_without_a_client_uses_the_shared_default() -> None:
    """3.3.2: ``DagRunApi()`` runs on ``ApiClient.get_default()``, which code sets up once."""
    from airflow_python_sdk import apis

    mine = ApiClient(Configuration(host="http://af:8080", access_token="t"))
    ApiClient.set_default(mine)
    try:
        assert v2.DagRunApi().api_client is mine and v2.PoolApi().api_client is mine
        assert apis.PoolApi().api_client is not mine  # v1 (1.0.1): a new client each time
    finally:
        ApiClient.set_default(None)
