"""Bad input and settings, paging a server that misbehaves, payload logs, closing (issue 15,
items 5, 12, 14, 15, 16, 18)."""
from __future__ import annotations

import logging
import math
from typing import Any, Callable

import pytest

import airflow_python_sdk as sdk
from airflow_python_sdk import apis, models

from .misbehaving import LOGIN_PAGE, Misbehaving, Reply


def _client(server: Misbehaving, **settings: Any) -> sdk.ApiClient:
    settings.setdefault("retries", None)
    return sdk.ApiClient(sdk.Configuration(server_api="v1", host=server.url("/api/v1"), username="u",
                                           password="pw", **settings))


# -- 5. paginate

def test_paginate_stops_on_a_server_that_ignores_offset(server: Misbehaving) -> None:
    server.handle(Reply(200, json={"pools": [{"name": "a", "slots": 1}, {"name": "b", "slots": 1}]}))
    with _client(server) as client:
        names = [p.name for p in sdk.paginate(apis.PoolApi(client).get_pools, page_size=2)]
    assert names == ["a", "b"] and len(server.requests) == 2


def test_paginate_bounds_the_pages(server: Misbehaving) -> None:
    counter = iter(range(1_000_000))
    server.handle(lambda request: Reply(200, json={"pools": [{"name": f"p{next(counter)}", "slots": 1}]}))
    with _client(server) as client:
        items = list(sdk.paginate(apis.PoolApi(client).get_pools, page_size=1, max_pages=7))
    assert len(items) == 7 and len(server.requests) == 7
    with _client(server) as client, pytest.raises(sdk.ApiValueError, match="max_pages"):
        list(sdk.paginate(apis.PoolApi(client).get_pools, max_pages=0))


def test_paginate_raises_clearly_on_an_html_page(server: Misbehaving) -> None:
    server.script(Reply(200, json={"pools": [{"name": "a", "slots": 1}], "total_entries": 5}),
                  then=Reply(200, LOGIN_PAGE, content_type="text/html"))
    with _client(server) as client, pytest.raises(sdk.UnexpectedAnswerException, match="login page"):
        list(sdk.paginate(apis.PoolApi(client).get_pools, page_size=1))


# -- 12. payload logs

def test_log_payloads_redacts_the_secrets_of_a_connection(server: Misbehaving, caplog: Any) -> None:
    server.handle(Reply(200, json={"connection_id": "c", "conn_type": "http", "password": "answer-pw",
                                   "extra": '{"token": "answer-token"}'}))
    with caplog.at_level(logging.DEBUG, logger="airflow_python_sdk"):
        with _client(server, log_payloads=True) as client:
            apis.ConnectionApi(client).post_connection(models.Connection(
                connection_id="c", conn_type="http", password="request-pw",
                extra='{"token": "request-token"}'))
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "request body" in text and "response body" in text
    for secret in ("request-pw", "request-token", "answer-pw", "answer-token"):
        assert secret not in text
    assert server.requests[0].json()["password"] == "request-pw"  # redacted in logs only


# -- 14, 15: refused before anything is sent

@pytest.mark.parametrize("call,error,message", [
    (lambda c: apis.PoolApi(c).get_pool(".."), sdk.ApiValueError, "may not be '..'"),
    (lambda c: apis.PoolApi(c).get_pool("."), sdk.ApiValueError, "may not be '.'"),
    (lambda c: apis.PoolApi(c).get_pool("p", _request_timeout="5"),  # type: ignore[arg-type]
     sdk.ApiTypeError, "_request_timeout"),
    (lambda c: apis.PoolApi(c).get_pool("p", _request_timeout=-1), sdk.ApiValueError, "_request_timeout"),
    (lambda c: apis.DAGRunApi(c).post_dag_run("d", models.DAGRun(conf={"x": math.nan})),
     sdk.ApiValueError, "dag_run.conf.x: nan"),
    (lambda c: apis.DAGRunApi(c).post_dag_run("d", models.DAGRun(conf={"x": [math.inf]})),
     sdk.ApiValueError, "inf"),
])
def test_bad_input_is_refused_before_sending(server: Misbehaving, call: Callable[[Any], Any],
                                             error: type, message: str) -> None:
    with _client(server) as client, pytest.raises(error, match=message.replace(".", r"\.")):
        call(client)
    assert server.requests == []


def test_a_path_argument_with_dots_inside_is_encoded(server: Misbehaving) -> None:
    server.handle(Reply(200, json={"name": "a/..", "slots": 1}))
    with _client(server) as client:
        apis.PoolApi(client).get_pool("a/..")
    assert server.requests[0].target == "/api/v1/pools/a%2F.."


@pytest.mark.parametrize("setting,value", [("timeout", "5"), ("retries", "3"),
                                           ("follow_redirects", -1), ("deadline", "5")])
def test_bad_settings_are_refused_naming_them(setting: str, value: Any) -> None:
    with pytest.raises((sdk.ApiTypeError, sdk.ApiValueError), match=setting):
        sdk.Configuration(**{setting: value})


# -- 16. closing

def test_no_socket_stays_open_after_the_with_block(server: Misbehaving) -> None:
    server.handle(Reply(200, json={"name": "p", "slots": 1}))
    with _client(server) as client:
        for _ in range(3):
            apis.PoolApi(client).get_pool("p")
    server.wait_until(lambda s: all(c.closed for c in s.connections))
    assert server.connections and all(c.closed for c in server.connections)


# -- 18. from_env

def test_from_env_says_what_it_read(monkeypatch: Any, caplog: Any) -> None:
    for name in ("HOST", "USERNAME", "PASSWORD", "TOKEN", "COOKIE", "CA_CERT", "VERIFY_SSL"):
        monkeypatch.delenv("AIRFLOW_API_" + name, raising=False)
    monkeypatch.setenv("AIRFLOW_API_HOST", "http://af:8080")
    monkeypatch.setenv("AIRFLOW_API_PASSWORD", "env-secret")
    with caplog.at_level(logging.INFO, logger="airflow_python_sdk"):
        config = sdk.Configuration.from_env()
    assert config.env_read == ("AIRFLOW_API_HOST", "AIRFLOW_API_PASSWORD")
    assert "read AIRFLOW_API_HOST, AIRFLOW_API_PASSWORD" in caplog.text
    assert "env-secret" not in caplog.text


def test_from_env_warns_when_nothing_is_set_or_a_name_is_misspelled(monkeypatch: Any) -> None:
    for name in ("HOST", "USERNAME", "PASSWORD", "TOKEN", "COOKIE", "CA_CERT", "VERIFY_SSL"):
        monkeypatch.delenv("AIRFLOW_API_" + name, raising=False)
    with pytest.warns(UserWarning, match="none of AIRFLOW_API_CA_CERT"):
        assert sdk.Configuration.from_env().env_read == ()
    monkeypatch.setenv("AIRFLOW_API_HOTS", "http://af:8080")
    monkeypatch.setenv("AIRFLOW_API_USERNAME", "u")
    with pytest.warns(UserWarning, match="AIRFLOW_API_HOTS is not read"):
        sdk.Configuration.from_env()
