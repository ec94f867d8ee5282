"""The pipeline's steps one by one, input checks before sending, and the configuration."""
from __future__ import annotations

import datetime as dt
import logging
import ssl
from typing import Any

import certifi
import pytest

import airflow_python_sdk as sdk
from airflow_python_sdk import apis, models
from airflow_python_sdk._runtime.answers import read_value
from airflow_python_sdk.api.pool_api import GET_POOL, PATCH_POOL
from airflow_python_sdk.api.task_instance_api import GET_LOG
from airflow_python_sdk.rest import RESTClientObject
from airflow_python_sdk.transport import Headers, MockTransport, Request, Response

# -- bad input: a clear error naming the parameter, and nothing sent

@pytest.mark.parametrize("call,error,message", [
    (lambda c: apis.PoolApi(c).get_pools(limt=5), sdk.ApiTypeError,  # type: ignore[call-arg]
     "get_pools() got an unexpected keyword argument 'limt'; did you mean 'limit'?"),
    (lambda c: apis.PoolApi(c).get_pools(limit="5"), sdk.ApiTypeError, "limit must be int, got str"),  # type: ignore[arg-type]
    (lambda c: apis.PoolApi(c).get_pool(None), sdk.ApiValueError, "get_pool(pool_name)"),  # type: ignore[arg-type]
    (lambda c: apis.PoolApi(c).get_pool(""), sdk.ApiValueError, "path argument may not be empty"),
    (lambda c: apis.PoolApi(c).post_pool(models.Variable(key="k")), sdk.ApiTypeError,  # type: ignore[arg-type]
     "post_pool(pool) must be Pool or a model of its shape, got Variable, whose field(s) 'key'"),
    (lambda c: apis.DAGApi(c).post_clear_task_instances("d"), sdk.ApiTypeError,
     "missing required argument 'clear_task_instances'"),
    (lambda c: apis.DAGApi(c).post_clear_task_instances("d", models.ClearTaskInstances(),
                                                          clear_task_instance={}), sdk.ApiTypeError,
     "multiple values"),
    (lambda c: apis.DAGRunApi(c).get_dag_runs("d", start_date_gte=dt.datetime(2024, 1, 1)),
     sdk.ApiValueError, "get_dag_runs(start_date_gte): naive datetime"),
    (lambda c: apis.DAGRunApi(c).post_dag_run("d", models.DAGRun(logical_date=dt.datetime(2024, 1, 1))),
     sdk.ApiValueError, "dag_run.logical_date: naive datetime"),
    (lambda c: apis.DAGApi(c).get_dags(tags="etl"), sdk.ApiTypeError, "tags must be a list of str"),
    (lambda c: apis.DAGApi(c).get_dags(tags=["etl", 3]), sdk.ApiTypeError, "tags.1 must be str"),  # type: ignore[list-item]
    (lambda c: apis.PoolApi(c).get_pools(_host_index=7), sdk.ApiValueError, "_host_index 7"),
])
def test_bad_input_is_refused_before_sending(server: Any, client: Any, call: Any, error: type,
                                             message: str) -> None:
    with pytest.raises(error) as info:
        call(client)
    assert message in str(info.value)
    assert server.requests == []


def test_missing_positional_argument_is_a_type_error(client: Any) -> None:
    with pytest.raises(TypeError, match="pool_name"):
        apis.PoolApi(client).get_pool()  # type: ignore[call-arg]


def test_assume_timezone_setting(server: Any, config: Any) -> None:
    config.assume_timezone = dt.timezone(dt.timedelta(hours=-5))
    server.reply({"dag_runs": []})
    with sdk.ApiClient(config) as client:
        apis.DAGRunApi(client).get_dag_runs("d", start_date_gte=dt.datetime(2024, 1, 1))
    assert server.last.raw_query == "start_date_gte=2024-01-01T00%3A00%3A00-05%3A00"


# -- each step alone

def test_build_request_alone(client: Any) -> None:
    request = client.build_request(PATCH_POOL, {"pool_name": "a/b", "update_mask": ["slots"],
                                                "pool": models.Pool(slots=3)})
    assert request.method == "PATCH"
    assert request.url.endswith("/api/v1/pools/a%2Fb?update_mask=slots")
    assert request.body == b'{"slots":3}'
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["User-Agent"].startswith("airflow_python_sdk/")
    # credentials are the auth layer's business, added when the request is sent
    assert "Authorization" not in request.headers
    assert client.auth_for(request).headers(request)["Authorization"].startswith("Basic ")


def test_decode_alone() -> None:
    ok = Response.json(200, {"name": "p", "slots": 1})
    assert read_value(GET_POOL, ok) == models.Pool(name="p", slots=1)
    text = Response(200, "OK", Headers({"Content-Type": "text/plain; charset=utf-8"}),
                    "ünïcode log\n".encode())
    assert read_value(GET_LOG, text) == "ünïcode log\n"
    missing = Response(404, "NOT FOUND", Headers({"Content-Type": "application/problem+json"}),
                       b'{"title": "Not Found", "status": 404, "type": "about:blank"}')
    with pytest.raises(sdk.NotFoundException):
        read_value(GET_POOL, missing)


def test_the_transport_can_be_swapped() -> None:
    seen = []

    def handler(request: Request) -> Response:
        seen.append((request.method, request.url, request.timeout))
        return Response.json(200, {"version": "2.11.2"})

    client = sdk.ApiClient(sdk.Configuration(host="http://airflow.invalid/api/v1", server_api="v1"),
                           transport=MockTransport(handler))
    assert apis.MonitoringApi(client).get_version(_request_timeout=4).version == "2.11.2"
    assert seen == [("GET", "http://airflow.invalid/api/v1/version", 4.0)]


def test_task_log_as_text(server: Any, client: Any) -> None:
    server.reply(raw=b"[2024] line one\n[2024] line two\n", content_type="text/plain")
    log = apis.TaskInstanceApi(client).get_log("d", "r", "t", 1, _headers={"Accept": "text/plain"})
    assert log == "[2024] line one\n[2024] line two\n"
    assert server.last.headers["Accept"] == "text/plain"


def test_debug_log_line_without_credentials(server: Any, client: Any, caplog: Any) -> None:
    server.reply({"name": "p"})
    with caplog.at_level(logging.DEBUG, logger="airflow_python_sdk"):
        apis.PoolApi(client).get_pool("p")
    lines = [r.getMessage() for r in caplog.records if r.name == "airflow_python_sdk"]
    assert any(line.startswith("GET http://") and "/api/v1/pools/p -> 200" in line for line in lines)
    assert not any("s3cr3t" in line or "Basic" in line for line in lines)


# -- configuration

def test_tls_defaults_use_certifi() -> None:
    client = sdk.ApiClient(sdk.Configuration(host="https://airflow.example/api/v1"))
    kw = client.rest_client.pool_manager.connection_pool_kw
    assert kw["cert_reqs"] == ssl.CERT_REQUIRED
    assert kw["ca_certs"] == certifi.where()
    custom = sdk.ApiClient(sdk.Configuration(ssl_ca_cert="/etc/my-ca.pem", cert_file="c.pem",
                                             key_file="k.pem"))
    kw = custom.rest_client.pool_manager.connection_pool_kw
    assert (kw["ca_certs"], kw["cert_file"], kw["key_file"]) == ("/etc/my-ca.pem", "c.pem", "k.pem")
    off = sdk.ApiClient(sdk.Configuration(verify_ssl=False))
    assert off.rest_client.pool_manager.connection_pool_kw["cert_reqs"] == ssl.CERT_NONE


def test_proxy_and_pool_size() -> None:
    client = sdk.ApiClient(sdk.Configuration(proxy="http://proxy.local:3128", connection_pool_maxsize=3))
    assert client.rest_client.pool_manager.proxy.host == "proxy.local"
    assert client.rest_client.pool_manager.connection_pool_kw["maxsize"] == 3


def test_configuration_repr_hides_password() -> None:
    config = sdk.Configuration(username="admin", password="topsecret")
    assert "topsecret" not in repr(config) and "***" in repr(config)


def test_bearer_token_wins(server: Any) -> None:
    config = sdk.Configuration(host=server.base_url, username="u", password="p", access_token="tok")
    server.reply({"version": "x"})
    with sdk.ApiClient(config) as client:
        apis.MonitoringApi(client).get_version()
    assert server.last.headers["Authorization"] == "Bearer tok"


def test_from_env(monkeypatch: Any) -> None:
    monkeypatch.setenv("AIRFLOW_API_HOST", "http://af:8080/api/v1")
    monkeypatch.setenv("AIRFLOW_API_USERNAME", "u")
    monkeypatch.setenv("AIRFLOW_API_PASSWORD", "pw")
    monkeypatch.setenv("AIRFLOW_API_VERIFY_SSL", "false")
    config = sdk.Configuration.from_env()
    assert (config.host, config.username, config.password, config.verify_ssl) == (
        "http://af:8080/api/v1", "u", "pw", False)


def test_context_manager_closes_connections(server: Any, config: Any) -> None:
    server.reply({"name": "p"})
    with sdk.ApiClient(config) as client:
        apis.PoolApi(client).get_pool("p")
        pools = client.rest_client.pool_manager.pools
        assert len(pools) == 1
    assert len(client.rest_client.pool_manager.pools) == 0


def test_requests_reach_each_origin_through_its_own_pool(server: Any, config: Any) -> None:
    # Two spellings of the same server are two origins; with room for one pool in the
    # manager, each call evicts (and closes) the other origin's pool: the next call to it
    # must open a new one instead of using the closed one.
    other = config.host.replace("localhost", "127.0.0.1")
    assert other != config.host
    client = sdk.ApiClient(config)
    client.rest_client = RESTClientObject(config, pools_size=1)
    second = sdk.ApiClient(sdk.Configuration(host=other, username="admin", password="s3cr3t-pw",
                                             retries=None))
    second.rest_client = client.rest_client
    for i in range(3):
        server.reply({"name": f"a{i}"}).reply({"name": f"b{i}"})
        assert apis.PoolApi(client).get_pool("a").name == f"a{i}"
        assert apis.PoolApi(second).get_pool("b").name == f"b{i}"
    hosts = [r.headers["Host"].split(":")[0] for r in server.requests]
    assert hosts == ["localhost", "127.0.0.1"] * 3
    assert [r.raw_uri for r in server.requests[:2]] == ["/api/v1/pools/a", "/api/v1/pools/b"]
    assert len(client.rest_client.pool_manager.pools) == 1


def test_request_target_keeps_the_query_and_a_bare_origin_gets_slash(server: Any, config: Any) -> None:
    rest = RESTClientObject(config)
    origin = config.host[: -len("/api/v1")]
    server.reply({}).reply({})
    assert rest.request("GET", origin + "/api/v1/dags?limit=2&tags=a%2Fb").status == 200
    assert rest.request("GET", origin).status == 200
    assert [r.raw_uri for r in server.requests] == ["/api/v1/dags?limit=2&tags=a%2Fb", "/"]
    rest.clear()
    assert not rest.pool_manager.pools and not rest.transport._pools


def test_default_configuration_copy() -> None:
    sdk.Configuration.set_default(sdk.Configuration(host="http://x/api/v1"))
    try:
        assert sdk.ApiClient().configuration.host == "http://x/api/v1"
    finally:
        sdk.Configuration.set_default(None)


def test_importing_the_package_does_not_import_models() -> None:
    import subprocess
    import sys

    code = ("import sys, airflow_python_sdk; from airflow_python_sdk.api.pool_api import PoolApi; "
            "print(sorted(m for m in sys.modules if m.startswith('airflow_python_sdk.model.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
