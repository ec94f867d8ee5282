"""The probe that learns which API a server serves, against servers that lie or fail: it never
sends credentials, costs one request for a clear answer, raises a connection failure as one
(and asks again next time), and takes a server that tells nothing for an Airflow 2."""
from __future__ import annotations

import threading
from typing import Any, List

import pytest

import airflow_python_sdk as sdk
from airflow_python_sdk import apis

from .misbehaving import LOGIN_PAGE, Misbehaving, Reply, Reset

POOL = {"name": "p", "slots": 2}
VERSION_3 = {"version": "3.3.2", "git_version": None}
TOKEN = "eyJhbGciOiJIUzUxMiJ9.eyJzdWIiOiIxIiwiZXhwIjo0MTAyNDQ0ODAwfQ.c2ln"  # exp 2100-01-01


def client_for(server: Misbehaving, **settings: Any) -> sdk.ApiClient:
    settings.setdefault("retries", None)
    return sdk.ApiClient(sdk.Configuration(host=server.url("/api/v1"), username="admin",
                                           password="hunter2-secret", **settings))


def targets(server: Misbehaving) -> List[str]:
    return [f"{r.method} {r.target}" for r in server.requests]


def test_an_airflow_2_costs_one_probe_without_credentials(server: Misbehaving) -> None:
    server.script(Reply(404, "<h1>Not Found</h1>", content_type="text/html"), then=Reply(200, json=POOL))
    with client_for(server) as client:
        assert apis.PoolApi(client).get_pool("p").slots == 2
        assert apis.PoolApi(client).get_pool("p").slots == 2
        assert client.server_info().api == "v1" and client.server_info().probes == 1
    assert targets(server) == ["GET /api/v2/version", "GET /api/v1/pools/p", "GET /api/v1/pools/p"]
    assert all(name.lower() != "authorization" for name, _ in server.requests[0].headers)


def test_an_airflow_3_costs_one_probe_then_a_token(server: Misbehaving) -> None:
    server.script(Reply(200, json=VERSION_3), Reply(201, json={"access_token": TOKEN}),
                  then=Reply(200, json=POOL))
    with client_for(server) as client:
        assert apis.PoolApi(client).get_pool("p").slots == 2
        assert client.server_info().version == "3.3.2"
    assert targets(server) == ["GET /api/v2/version", "POST /auth/token", "GET /api/v2/pools/p"]
    assert dict(server.requests[2].headers)["Authorization"] == "Bearer " + TOKEN


@pytest.mark.parametrize("first", [
    Reply(200, LOGIN_PAGE, content_type="text/html"),  # an SSO proxy's page
    Reply(503, json={"detail": "starting"}),
    Reply(200, json={"version": "2.11.2"}),  # a 2.x that maps /api/v2 onto v1 (a gateway)
    Reply(200, "not json", content_type="application/json"),
])
def test_a_first_answer_that_tells_nothing_asks_v1_once_more(server: Misbehaving, first: Reply) -> None:
    server.script(first, Reply(200, json={"version": "2.11.2"}), then=Reply(200, json=POOL))
    with client_for(server) as client:
        assert apis.PoolApi(client).get_pool("p").name == "p"
        info = client.server_info()
    assert (info.api, info.version, info.probes) == ("v1", "2.11.2", 2)
    assert targets(server) == ["GET /api/v2/version", "GET /api/v1/version", "GET /api/v1/pools/p"]


def test_a_server_that_tells_nothing_is_taken_for_airflow_2(server: Misbehaving) -> None:
    server.script(Reply(500, "oops"), Reply(500, "oops"), then=Reply(200, json=POOL))
    with client_for(server) as client:
        assert apis.PoolApi(client).get_pool("p").name == "p"
        assert client.server_info().api == "v1"


def test_a_connection_failure_is_raised_and_asked_again(server: Misbehaving) -> None:
    server.script(Reset(), Reply(404, "nf"), then=Reply(200, json=POOL))
    with client_for(server) as client:
        with pytest.raises(sdk.ApiConnectionError):
            apis.PoolApi(client).get_pool("p")
        assert apis.PoolApi(client).get_pool("p").name == "p"  # a new probe, then the call
    assert targets(server) == ["GET /api/v2/version", "GET /api/v2/version", "GET /api/v1/pools/p"]


def test_bad_input_fails_before_the_probe(server: Misbehaving) -> None:
    with client_for(server) as client:
        with pytest.raises(sdk.ApiValueError, match="pool_name"):
            apis.PoolApi(client).get_pool("..")
        with pytest.raises(sdk.ApiTypeError, match="limit"):
            apis.PoolApi(client).get_pools(limit="ten")  # type: ignore[arg-type]
    assert server.requests == []


def test_many_threads_share_one_probe(server: Misbehaving) -> None:
    server.script(Reply(200, json=VERSION_3), Reply(201, json={"access_token": TOKEN}),
                  then=Reply(200, json=POOL))
    with client_for(server) as client:
        errors: List[BaseException] = []

        def work() -> None:
            try:
                apis.PoolApi(client).get_pool("p")
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        threads = [threading.Thread(target=work) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    assert targets(server).count("GET /api/v2/version") == 1
    assert targets(server).count("POST /auth/token") == 1
    assert targets(server).count("GET /api/v2/pools/p") == 8


@pytest.mark.parametrize("pinned, expected", [("v1", "GET /api/v1/pools/p"), ("v2", "GET /api/v2/pools/p")])
def test_a_pinned_api_sends_no_probe(server: Misbehaving, pinned: str, expected: str) -> None:
    server.script(Reply(201, json={"access_token": TOKEN}) if pinned == "v2" else Reply(200, json=POOL),
                  then=Reply(200, json=POOL))
    with client_for(server, server_api=pinned) as client:
        assert apis.PoolApi(client).get_pool("p").name == "p"
        assert client.server_info().pinned
    assert targets(server)[-1] == expected and "GET /api/v2/version" not in targets(server)


@pytest.mark.parametrize("suffix", ["", "/", "/api/v1", "/api/v2", "/api/v1/"])
def test_the_host_may_be_the_root_or_either_prefix(server: Misbehaving, suffix: str) -> None:
    server.script(Reply(200, json=VERSION_3), Reply(201, json={"access_token": TOKEN}),
                  then=Reply(200, json=POOL))
    config = sdk.Configuration(host=server.url("/").rstrip("/") + suffix, username="admin",
                               password="pw", retries=None)
    with sdk.ApiClient(config) as client:
        assert apis.PoolApi(client).get_pool("p").name == "p"
    assert targets(server) == ["GET /api/v2/version", "POST /auth/token", "GET /api/v2/pools/p"]


def test_changing_the_host_asks_again(make_server: Any) -> None:
    two, three = make_server(), make_server()
    two.script(Reply(404, "nf"), then=Reply(200, json=POOL))
    three.script(Reply(200, json=VERSION_3), Reply(201, json={"access_token": TOKEN}),
                 then=Reply(200, json=POOL))
    with client_for(two) as client:
        apis.PoolApi(client).get_pool("p")
        client.configuration.host = three.url("/api/v1")
        apis.PoolApi(client).get_pool("p")
        assert client.server_info().api == "v2"
    assert targets(three)[-1] == "GET /api/v2/pools/p"


def test_a_wrong_setting_is_refused_by_name() -> None:
    with pytest.raises(sdk.ApiValueError, match="server_api must be one of 'auto', 'v1', 'v2'"):
        sdk.Configuration(server_api="3")
