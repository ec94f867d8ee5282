"""Airflow 3's JWT auth through the SDK: a token fetched on first use, refused credentials, static
tokens, token providers, one login for many threads, and secrets kept out of every text.

(The expired-token cases are in test_zz_expiry.py: they need a token fetched at the start of the
session to have expired.)"""
from __future__ import annotations

import logging
import threading
from typing import List

import pytest

import airflow_python_sdk.v2 as v2
from airflow_python_sdk.v2.api.pool_api import PoolApi
from airflow_python_sdk.v2.api.variable_api import VariableApi

from .conftest import Server, issue_token, jwt_claims, recording_client


def test_username_and_password_fetch_a_token_on_first_use(server: Server) -> None:
    client, transport = recording_client(server.base_url, username="admin", password="admin")
    with client:
        assert transport.exchanges == []  # making the client sends nothing
        pools = PoolApi(client).get_pools()
        assert "default_pool" in {p.name for p in pools.pools}
        VariableApi(client).get_variables(limit=1)
    seen = [(e.method, e.path, e.status) for e in transport.exchanges]
    assert seen == [("POST", "/auth/token", 201), ("GET", "/api/v2/pools", 200),
                    ("GET", "/api/v2/variables", 200)]
    token = transport.tokens[0]
    assert {e.authorization for e in transport.exchanges[1:]} == {f"Bearer {token}"}
    claims = jwt_claims(token)
    assert claims["sub"] == "admin" and claims["exp"] - claims["iat"] == server.lifetime
    assert transport.exchanges[0].authorization is None  # the login itself carries no credentials


def test_a_wrong_password_is_refused_by_the_token_endpoint(base_url: str) -> None:
    secret = "n0t-the-Passw0rd-4e1c"
    client, transport = recording_client(base_url, username="admin", password=secret)
    with client, pytest.raises(v2.UnauthorizedException) as refused:
        PoolApi(client).get_pools()
    text = str(refused.value)
    assert refused.value.status == 401
    assert f"the token endpoint {base_url}/auth/token refused the credentials" in text
    assert "'admin'" in text and secret not in text and secret not in repr(refused.value)
    assert [(e.method, e.path) for e in transport.exchanges] == [("POST", "/auth/token")]


def test_a_static_access_token_is_sent_as_given(base_url: str) -> None:
    token = issue_token(base_url)
    client, transport = recording_client(base_url, access_token=token)
    with client:
        assert "default_pool" in {p.name for p in PoolApi(client).get_pools().pools}
    assert transport.token_posts() == 0
    assert [e.authorization for e in transport.exchanges] == [f"Bearer {token}"]


def test_a_token_provider_is_asked_before_each_request(base_url: str) -> None:
    token = issue_token(base_url)
    asked: List[int] = []

    def provider() -> str:
        asked.append(1)
        return token + "\n"  # as read from a file: the SDK strips the line end

    client, transport = recording_client(base_url, token_provider=provider)
    with client:
        PoolApi(client).get_pools(limit=1)
        VariableApi(client).get_variables(limit=1)
    assert len(asked) == 2 and transport.token_posts() == 0
    assert [e.authorization for e in transport.exchanges] == [f"Bearer {token}"] * 2
    assert [e.status for e in transport.exchanges] == [200, 200]


def test_eight_threads_starting_at_once_cause_one_login(base_url: str) -> None:
    client, transport = recording_client(base_url, username="admin", password="admin")
    start = threading.Barrier(8)
    names: List[List[str]] = []
    errors: List[BaseException] = []

    def work() -> None:
        try:
            start.wait(timeout=30)
            names.append(sorted(p.name for p in PoolApi(client).get_pools().pools))
        except BaseException as exc:  # noqa: B902 - reported below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    with client:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    assert errors == []
    assert len(names) == 8 and all(n == names[0] for n in names) and "default_pool" in names[0]
    assert transport.token_posts() == 1
    calls = [e for e in transport.exchanges if e.path == "/api/v2/pools"]
    assert len(calls) == 8 and {e.authorization for e in calls} == {f"Bearer {transport.tokens[0]}"}


def test_secrets_stay_out_of_reprs_errors_and_logs(base_url: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="airflow_python_sdk")
    client, transport = recording_client(base_url, username="admin", password="admin", log_payloads=True)
    wrong = "Wr0ng-pa55-for-the-logs-93b"
    bad, _ = recording_client(base_url, username="admin", password=wrong, log_payloads=True)
    with client, bad:
        PoolApi(client).get_pools(limit=1)
        with pytest.raises(v2.NotFoundException) as missing:
            PoolApi(client).get_pool("sdk_no_such_pool")
        with pytest.raises(v2.UnauthorizedException) as refused:
            PoolApi(bad).get_pools()
        token = transport.tokens[0]
        texts = {
            "repr(config)": repr(client.configuration), "repr(client)": repr(client),
            "repr(bad config)": repr(bad.configuration), "str(404)": str(missing.value),
            "repr(404)": repr(missing.value), "str(401)": str(refused.value),
            "repr(401)": repr(refused.value), "logs": caplog.text,
        }
    logs = caplog.text
    # the log was on, with payloads: the login and the API calls are in it
    assert "/auth/token" in logs and "/api/v2/pools" in logs and "request body" in logs
    assert "***" in logs and "password=***" in repr(client.configuration)
    for name, text in texts.items():
        assert token not in text, name
        assert wrong not in text, name
        assert '"password": "admin"' not in text, name
