"""Credentials stay with their origin across redirects; https -> http is refused (issue 15,
item 10)."""
from __future__ import annotations

from typing import Callable

import pytest

import airflow_python_sdk as sdk
from airflow_python_sdk import apis

from .misbehaving import CA_FILE, Misbehaving, Redirect, Reply

SECRET = "key-secret"


def test_every_credential_header_is_dropped_on_a_redirect_to_another_origin(
        make_server: Callable[..., Misbehaving]) -> None:
    origin, other = make_server(), make_server()
    origin.handle(Redirect(other.url("/api/v1/pools/p"), status=307))
    other.handle(Reply(200, json={"name": "p", "slots": 1}))
    config = sdk.Configuration(server_api="v1", host=origin.url("/api/v1"), username="admin", password="pw",
                               cookie="session=" + SECRET, retries=None,
                               auth_header_provider=lambda: {"X-Api-Key": SECRET})
    with sdk.ApiClient(config) as client:
        assert apis.PoolApi(client).get_pool("p").name == "p"
    first, followed = origin.requests[0], other.requests[0]
    assert first.header("X-Api-Key") == SECRET and first.header("Authorization")
    for name in ("X-Api-Key", "Authorization", "Cookie"):
        assert followed.header(name) is None, name


def test_a_redirect_from_https_to_http_is_refused(make_server: Callable[..., Misbehaving]) -> None:
    secure, plain = make_server(tls=True), make_server()
    secure.handle(Redirect(plain.url("/api/v1/pools/p"), status=302))
    config = sdk.Configuration(server_api="v1", host=secure.url("/api/v1"), ssl_ca_cert=CA_FILE, access_token=SECRET,
                               retries=None)
    with sdk.ApiClient(config) as client, pytest.raises(sdk.ApiException) as info:
        apis.PoolApi(client).get_pool("p")
    assert info.value.status == 302
    assert plain.requests == []
