"""Transport settings against real loopback servers: CA data instead of a file, the TLS server
name, socket options, a forward proxy and the hosts that bypass it (configured, or from the
environment as v2's ``Configuration`` reads it), SOCKS without PySocks."""
from __future__ import annotations

import os
import socket
import ssl
from typing import Any, Callable, Iterator

import pytest
from pytest_httpserver import HTTPServer

import airflow_python_sdk as sdk
import airflow_python_sdk.v2 as v2
from airflow_python_sdk import apis
from test.adversarial.misbehaving import Forward, Misbehaving, Reply

TLS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tls")
POOL = {"name": "p", "slots": 3}


@pytest.fixture
def https_server() -> Iterator[HTTPServer]:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(os.path.join(TLS, "server.pem"), os.path.join(TLS, "server.key"))
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=context)
    server.expect_request("/api/v1/pools/p").respond_with_json(POOL)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()


@pytest.fixture
def make_server() -> Iterator[Callable[..., Misbehaving]]:
    started = []

    def make(**options: Any) -> Misbehaving:
        server = Misbehaving(**options).start()
        started.append(server)
        return server

    yield make
    for server in started:
        server.close()


def _get_pool(host: str, **settings: Any) -> Any:
    with sdk.ApiClient(sdk.Configuration(host=host, username="u", password="p", retries=None,
                                         server_api="v1", **settings)) as client:
        return apis.PoolApi(client).get_pool("p")


# ---------------------------------------------------------------- TLS

def test_ca_certificates_given_as_pem_text(https_server: HTTPServer) -> None:
    with open(os.path.join(TLS, "ca.pem"), encoding="ascii") as handle:
        pem = handle.read()
    assert _get_pool(https_server.url_for("/api/v1"), ca_cert_data=pem).slots == 3


def test_ca_data_replaces_the_default_roots(https_server: HTTPServer) -> None:
    """Without our CA the same server is refused: the PEM text above is what made it pass."""
    with pytest.raises(sdk.ApiConnectionError, match="(?i)certificate verify failed"):
        _get_pool(https_server.url_for("/api/v1"))


def test_tls_server_name_is_what_the_certificate_is_checked_against(https_server: HTTPServer) -> None:
    """The certificate names localhost and 127.0.0.1: the right name passes, another fails
    although the address is the same."""
    url = https_server.url_for("/api/v1")
    ca = os.path.join(TLS, "ca.pem")
    assert _get_pool(url, ssl_ca_cert=ca, tls_server_name="localhost").name == "p"
    with pytest.raises(sdk.ApiConnectionError, match="(?i)hostname|match"):
        _get_pool(url, ssl_ca_cert=ca, tls_server_name="elsewhere.example")


# ---------------------------------------------------------------- sockets

def test_socket_options_are_set_on_the_connections(make_server: Callable[..., Misbehaving]) -> None:
    origin = make_server()
    origin.handle(Reply(200, json=POOL))
    options = [(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1), (socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)]
    config = sdk.Configuration(host=origin.url("/api/v1"), socket_options=options, retries=None)
    with sdk.ApiClient(config) as client:
        apis.PoolApi(client).get_pool("p")
        (pool,) = client.rest_client.transport._pools.values()
        connection = pool.pool.queue[-1]  # the kept-alive connection, back in its pool
        assert connection.sock.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE) == 1
    plain = sdk.Configuration(host=origin.url("/api/v1"), retries=None)
    with sdk.ApiClient(plain) as client:
        apis.PoolApi(client).get_pool("p")
        (pool,) = client.rest_client.transport._pools.values()
        assert pool.pool.queue[-1].sock.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE) == 0


# ---------------------------------------------------------------- proxies

def test_requests_go_through_the_proxy_except_for_no_proxy_hosts(
        make_server: Callable[..., Misbehaving]) -> None:
    proxy, origin = make_server(), make_server()
    proxy.handle(Forward())
    origin.handle(Reply(200, json=POOL))
    proxied = f"http://127.0.0.1:{origin.port}/api/v1"
    direct = f"http://localhost:{origin.port}/api/v1"
    assert _get_pool(proxied, proxy=proxy.origin, no_proxy="localhost,.internal").slots == 3
    assert [r.target for r in proxy.requests] == [f"{proxied}/pools/p"]
    assert _get_pool(direct, proxy=proxy.origin, no_proxy="localhost,.internal").slots == 3
    assert len(proxy.requests) == 1  # the second went straight to the origin
    assert [r.target for r in origin.requests] == ["/api/v1/pools/p"] * 2


def test_v2_configuration_takes_the_proxy_from_the_environment(
        make_server: Callable[..., Misbehaving], monkeypatch: pytest.MonkeyPatch) -> None:
    proxy, origin = make_server(), make_server()
    proxy.handle(Forward())
    origin.handle(Reply(200, json={**POOL, "include_deferred": False}))
    for name in ("https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", proxy.origin)
    monkeypatch.setenv("http_proxy", proxy.origin)
    config = v2.Configuration(host=f"http://127.0.0.1:{origin.port}", access_token="t")
    assert config.proxy == proxy.origin
    with v2.ApiClient(config) as client:
        assert v2.PoolApi(client).get_pool("p").slots == 3
    assert len(proxy.requests) == 1 and proxy.requests[0].header("Authorization") == "Bearer t"

    config.host = "https://airflow.example"  # the environment has no HTTPS proxy
    assert config.proxy is None
    config.proxy = "http://chosen:3128"  # set by hand: kept whatever the host
    config.host = f"http://127.0.0.1:{origin.port}"
    assert config.proxy == "http://chosen:3128"

    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    bypassing = v2.Configuration(host=f"http://127.0.0.1:{origin.port}", access_token="t")
    with v2.ApiClient(bypassing) as client:
        assert v2.PoolApi(client).get_pool("p").name == "p"
    assert len(proxy.requests) == 1  # NO_PROXY named the host: straight to it


def test_v1_configuration_ignores_proxy_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The v1 client never read the environment (1.0.1 did not either): nothing changes
    for scripts that have a proxy variable set for other tools."""
    monkeypatch.setenv("HTTP_PROXY", "http://proxy.invalid:3128")
    monkeypatch.setenv("http_proxy", "http://proxy.invalid:3128")
    assert sdk.Configuration(host="http://airflow:8080/api/v1").proxy is None


def test_a_socks_proxy_without_pysocks_is_a_clear_error() -> None:
    import importlib.util

    assert importlib.util.find_spec("socks") is None, "PySocks is not in the test requirements"
    config = sdk.Configuration(host="http://airflow:8080/api/v1", proxy="socks5h://user:pw@proxy:1080")
    with pytest.raises(sdk.ApiValueError, match="PySocks") as caught:
        sdk.ApiClient(config).rest_client  # noqa: B018 - the transport is made on first use
    assert "pw" not in str(caught.value) and "socks5h://***@proxy:1080" in str(caught.value)


def test_proxy_helpers_at_3_3_2_paths() -> None:
    from airflow_python_sdk.v2 import rest

    assert rest.is_socks_proxy_url("SOCKS5://p:1080") and not rest.is_socks_proxy_url("http://p")
    assert not rest.is_socks_proxy_url(None) and not rest.is_socks_proxy_url("socks5")
    assert rest.contenttype_matches("application/problem+json; charset=utf-8", "application", "json")
    assert not rest.contenttype_matches("text/json-seq", "application", "json")
    assert rest.should_bypass_proxies("http://a.internal:8080/x", "localhost, .internal")
    assert rest.should_bypass_proxies("http://10.1.2.3/", "10.0.0.0/8")
    assert rest.should_bypass_proxies("http://host:8080/", "host:8080")
    assert not rest.should_bypass_proxies("http://internal.example/", ".internal")
    assert rest.should_bypass_proxies("http://anything/", "*")
    assert rest.SUPPORTED_SOCKS_PROXIES == {"socks4", "socks4a", "socks5", "socks5h"}
