"""What a refusal says about the credentials, and credentials kept out of every text
(issue 15, items 17, 9, 13)."""
from __future__ import annotations

import pickle
from typing import Any

import pytest

import airflow_python_sdk as sdk
from airflow_python_sdk import apis

from .misbehaving import Misbehaving, Reply

SECRET = "hunter2-secret"


def _client(server: Misbehaving, **settings: Any) -> sdk.ApiClient:
    return sdk.ApiClient(sdk.Configuration(server_api="v1", host=server.url("/api/v1"), retries=None, **settings))


@pytest.mark.parametrize("status,exc,check", [
    (401, sdk.UnauthorizedException, "check the user name and password"),
    (403, sdk.ForbiddenException, "check the user's role and permissions"),
])
def test_a_refusal_says_which_credentials_were_sent(server: Misbehaving, status: int, exc: Any,
                                                     check: str) -> None:
    server.handle(Reply(status, json={"title": "Unauthorized" if status == 401 else "Forbidden",
                                      "status": status}))
    with _client(server, username="admin", password=SECRET) as client, pytest.raises(exc) as info:
        apis.PoolApi(client).get_pool("p")
    text = str(info.value)
    assert "basic auth as user 'admin'" in text and check in text
    assert SECRET not in text and SECRET not in repr(info.value)
    again = pickle.loads(pickle.dumps(info.value))  # item 13: pickles, keeps the facts
    assert (type(again), again.status, again.body, str(again)) == (exc, status, info.value.body, text)
    assert SECRET.encode() not in pickle.dumps(info.value)


def test_a_refusal_with_a_token_and_with_no_credentials(server: Misbehaving) -> None:
    server.handle(Reply(401, json={"title": "Unauthorized", "status": 401}))
    with _client(server, access_token=SECRET) as client, pytest.raises(sdk.UnauthorizedException) as info:
        apis.PoolApi(client).get_pool("p")
    assert "sent a bearer token" in str(info.value) and SECRET not in str(info.value)
    with _client(server) as client, pytest.raises(sdk.UnauthorizedException) as info:
        apis.PoolApi(client).get_pool("p")
    assert "no credentials were sent" in str(info.value)


# -- 9. credentials with whitespace or control characters

@pytest.mark.parametrize("setting", ["access_token", "password"])
def test_surrounding_whitespace_is_stripped(server: Misbehaving, setting: str) -> None:
    server.handle(Reply(200, json={"name": "p", "slots": 1}))
    settings: Any = {setting: SECRET + "\n", "username": "admin"}
    with _client(server, **settings) as client:
        apis.PoolApi(client).get_pool("p")
    same: Any = {setting: SECRET, "username": "admin"}
    sent = sdk.Configuration(**same).auth_headers()["Authorization"]
    assert server.requests[0].header("Authorization") == sent


@pytest.mark.parametrize("setting", ["access_token", "password", "username", "cookie"])
def test_a_control_character_is_refused_without_echoing_it(server: Misbehaving, setting: str) -> None:
    settings: Any = {"username": "admin", setting: "ab\ncd" + SECRET}
    with _client(server, **settings) as client, pytest.raises(sdk.ApiValueError) as info:
        apis.PoolApi(client).get_pool("p")
    assert setting in str(info.value) and "control character" in str(info.value)
    assert SECRET not in str(info.value)
    assert server.requests == []
