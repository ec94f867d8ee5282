"""The bridge's engine: v1 calls on an Airflow 3 stand-in go through /api/v2 with a JWT, answer
as v1 answers (models, statuses, the call forms of the older clients), raise the v1 family's
errors, and what has no faithful translation raises ApiNotSupportedError with nothing sent."""
from __future__ import annotations

import json
import pickle
from typing import Any

import pytest

import airflow_python_sdk as sdk
from airflow_python_sdk import apis, bridge, models
from airflow_python_sdk.bridge import engine
from airflow_python_sdk.pagination import paginate

POOL_V2 = {"name": "p", "slots": 2, "description": None, "include_deferred": False,
           "occupied_slots": 0, "running_slots": 0, "queued_slots": 0, "scheduled_slots": 0,
           "open_slots": 2, "deferred_slots": 0, "team_name": None}


def test_a_v1_call_goes_to_api_v2_with_a_token(v3_server: Any, v3_client: Any) -> None:
    v3_server.reply(POOL_V2)
    pool = apis.PoolApi(v3_client).get_pool("p")
    assert isinstance(pool, models.Pool) and pool.slots == 2
    assert pool["team_name"] is None  # what v2 adds is kept
    sent = v3_server.last
    assert (sent.method, sent.raw_uri) == ("GET", "/api/v2/pools/p")
    assert sent.headers["Authorization"].startswith("Bearer ") and v3_server.tokens_issued == 1


def test_read_only_fields_of_a_body_are_left_out(v3_server: Any, v3_client: Any) -> None:
    v3_server.reply(POOL_V2, status=201)
    read = models.Pool(name="p", slots=2, occupied_slots=1, open_slots=1, description="d")
    apis.PoolApi(v3_client).post_pool(read)
    assert v3_server.last.json() == {"name": "p", "slots": 2, "description": "d",
                                     "include_deferred": False}


def test_statuses_are_v1s(v3_server: Any, v3_client: Any) -> None:
    v3_server.reply(POOL_V2, status=201).reply(None, status=204)
    api = apis.PoolApi(v3_client)
    answer = api.post_pool_with_http_info(models.Pool(name="p", slots=2))
    assert (answer.data.name, answer.status_code) == ("p", 200)  # v2's 201
    # the 2.x client's form: (data, status, headers)
    legacy = api.delete_pool("p", _return_http_data_only=False)  # type: ignore[arg-type, func-returns-value]
    assert legacy[:2] == (None, 204)  # type: ignore[index]


def test_an_unread_answer_holds_the_v1_shape(v3_server: Any, v3_client: Any) -> None:
    v3_server.reply({"event_logs": [{"event_log_id": 1, "logical_date": "2026-01-01T00:00:00Z"}],
                     "total_entries": 1})
    raw = apis.EventLogApi(v3_client).get_event_logs_without_preload_content()
    assert raw.status == 200
    assert json.loads(raw.data)["event_logs"][0]["execution_date"] == "2026-01-01T00:00:00Z"


def test_async_req_runs_the_translation_in_the_pool(v3_server: Any, v3_client: Any) -> None:
    v3_server.reply(POOL_V2)
    pending = apis.PoolApi(v3_client).get_pool("p", async_req=True)  # type: ignore[arg-type]
    assert pending.get(timeout=10).name == "p"  # type: ignore[call-arg]


def test_errors_are_the_v1_familys(v3_server: Any, v3_client: Any) -> None:
    v3_server.reply({"detail": "The Pool with name: `x` was not found"}, status=404)
    with pytest.raises(sdk.NotFoundException) as info:
        apis.PoolApi(v3_client).get_pool("x")
    error = info.value
    assert type(error).__module__.startswith("airflow_python_sdk._runtime")  # not v2's family
    assert "was not found" in error.body and error.status == 404
    assert isinstance(error.problem, models.Error) and "not found" in str(error.problem.detail)


def test_a_login_page_is_an_unexpected_answer(v3_server: Any, v3_client: Any) -> None:
    v3_server.reply(raw=b"<html><title>Sign in</title></html>", content_type="text/html")
    with pytest.raises(sdk.UnexpectedAnswerException, match="HTML page"):
        apis.PoolApi(v3_client).get_pool("p")


def test_an_operation_without_a_rule_is_not_served_and_nothing_is_sent(
        v3_server: Any, v3_client: Any, monkeypatch: Any) -> None:
    bridge.rules()
    monkeypatch.delitem(engine.RULES, "get_pool")
    with pytest.raises(sdk.ApiNotSupportedError) as info:
        apis.PoolApi(v3_client).get_pool("p")
    error = info.value
    assert (error.operation_id, error.server_version) == ("get_pool", "3.3.2")
    assert "get_pool is not served by Airflow 3.3.2" in str(error)
    assert v3_server.requests == []


def test_the_not_supported_error_names_what_to_call_and_pickles() -> None:
    error = sdk.ApiNotSupportedError("get_users", "3.3.2", "the auth manager is not FAB's",
                                     "airflow_python_sdk.v2...")
    assert str(error) == ("get_users is not served by Airflow 3.3.2: the auth manager is not "
                          "FAB's; instead, use airflow_python_sdk.v2...")
    again = pickle.loads(pickle.dumps(error))
    assert (again.operation_id, again.instead, str(again)) == ("get_users", error.instead, str(error))
    assert isinstance(error, sdk.OpenApiException) and not isinstance(error, sdk.ApiException)


def test_bad_input_is_refused_as_v1_defines_it(v3_server: Any, v3_client: Any) -> None:
    with pytest.raises(sdk.ApiTypeError, match="limit"):
        apis.PoolApi(v3_client).get_pools(limit="ten")  # type: ignore[arg-type]
    assert v3_server.requests == [] and v3_server.tokens_issued == 0


def test_paginate_pages_a_translated_list(v3_server: Any, v3_client: Any) -> None:
    for start in (0, 100):
        v3_server.reply({"pools": [dict(POOL_V2, name=f"p{i}") for i in range(start, min(start + 100, 150))],
                         "total_entries": 150})
    names = [p.name for p in paginate(apis.PoolApi(v3_client).get_pools, page_size=100)]
    assert names == [f"p{i}" for i in range(150)]
    assert [r.raw_uri for r in v3_server.requests] == ["/api/v2/pools?limit=100&offset=0",
                                                       "/api/v2/pools?limit=100&offset=100"]


def test_every_v1_operation_has_a_rule_and_every_rule_a_v2_target() -> None:
    from airflow_python_sdk.apis import __all__ as api_names

    v1_ops = set()
    for name in api_names:
        v1_ops |= set(getattr(apis, name)._operations)
    assert len(v1_ops) == 89
    rules = bridge.rules()
    assert sorted(v1_ops - set(rules)) == []
    assert sorted(set(rules) - v1_ops) == []
    for rule in rules.values():
        assert rule.how and rule.kind in (bridge.NATIVE, bridge.TRANSLATED), rule
        for target in rule.v2:
            if not target.startswith("fab:"):
                engine.v2_operation(target)  # a real v2 operation (KeyError otherwise)


def test_a_422_is_a_bad_request_too(v3_server: Any, v3_client: Any) -> None:
    v3_server.reply({"detail": [{"type": "missing", "loc": ["body", "name"], "msg": "Field required"}]},
                    status=422)
    with pytest.raises(sdk.BadRequestException) as info:  # what v1 code catches (v1 said 400)
        apis.PoolApi(v3_client).post_pool({"slots": 1})
    assert isinstance(info.value, sdk.UnprocessableEntityException) and info.value.status == 422
    assert "body.name: Field required" in str(info.value)


def test_a_refused_password_is_the_v1_familys_401(v3_server: Any) -> None:
    import werkzeug

    v3_server.airflow_version = "3.3.2"
    v3_server.httpserver.clear()
    v3_server.httpserver.expect_request("/api/v2/version").respond_with_json({"version": "3.3.2"})
    v3_server.httpserver.expect_request("/auth/token").respond_with_response(
        werkzeug.Response('{"detail": "Invalid credentials"}', status=401, content_type="application/json"))
    config = sdk.Configuration(host=v3_server.base_url, username="admin", password="wrong", retries=None)
    with sdk.ApiClient(config) as client, pytest.raises(sdk.UnauthorizedException) as info:
        apis.PoolApi(client).get_pools()
    assert type(info.value) is sdk.UnauthorizedException  # not v2's class of the same name
    assert "refused the credentials of user 'admin'" in str(info.value) and "wrong" not in str(info.value)


def test_the_version_and_health_are_asked_without_credentials(v3_server: Any, v3_client: Any) -> None:
    v3_server.reply({"metadatabase": {"status": "healthy"}, "scheduler": {"status": "healthy"}})
    api = apis.MonitoringApi(v3_client)
    assert api.get_version().version == "3.3.2"  # the stand-in answers /api/v2/version itself
    assert api.get_health().metadatabase.status == "healthy"
    assert [r.raw_path for r in v3_server.requests] == ["/api/v2/monitor/health"]
    assert "Authorization" not in v3_server.last.headers
    assert v3_server.tokens_issued == 0


def test_a_connection_is_answered_without_the_masked_password(v3_server: Any, v3_client: Any) -> None:
    v3_server.reply({"connection_id": "c", "conn_type": "http", "password": "***", "team_name": None})
    connection = apis.ConnectionApi(v3_client).get_connection("c")
    assert "password" not in connection.to_dict() and connection.conn_type == "http"


def test_the_config_as_text_when_asked(v3_server: Any, v3_client: Any) -> None:
    v3_server.reply(raw=b"[api]\nexpose_config = True\n", content_type="text/plain")
    text = apis.ConfigApi(v3_client).get_config(section="api", _headers={"Accept": "text/plain"})
    assert text == "[api]\nexpose_config = True\n"
    assert (v3_server.last.raw_uri, v3_server.last.headers["Accept"]) == ("/api/v2/config?section=api",
                                                                          "text/plain")


def test_providers_are_read_from_every_page(v3_server: Any, v3_client: Any) -> None:
    # v1 answered all providers at once; v2 pages them
    first = [{"package_name": f"p{i}", "version": "1", "description": ""} for i in range(100)]
    v3_server.reply({"providers": first, "total_entries": 101})
    v3_server.reply({"providers": [{"package_name": "last", "version": "1", "description": ""}],
                     "total_entries": 101})
    got = apis.ProviderApi(v3_client).get_providers()
    assert len(got.providers) == 101 and got.providers[-1].package_name == "last"
    assert [r.raw_uri for r in v3_server.requests] == ["/api/v2/providers?limit=100&offset=0",
                                                       "/api/v2/providers?limit=100&offset=100"]
