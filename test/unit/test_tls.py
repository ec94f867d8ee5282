"""HTTPS to a real loopback server: certificate checks on, with our CA, and off."""
from __future__ import annotations

import os
import ssl
from typing import Any, Iterator

import pytest
import urllib3
from pytest_httpserver import HTTPServer

import airflow_python_sdk as sdk
from airflow_python_sdk import apis

TLS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tls")


@pytest.fixture
def https_server() -> Iterator[HTTPServer]:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(os.path.join(TLS, "server.pem"), os.path.join(TLS, "server.key"))
    server = HTTPServer(host="localhost", port=0, ssl_context=context)
    server.expect_request("/api/v1/pools/p").respond_with_json({"name": "p", "slots": 3})
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()


def _client(server: HTTPServer, **settings: Any) -> sdk.ApiClient:
    host = server.url_for("/api/v1")
    assert host.startswith("https://")
    return sdk.ApiClient(sdk.Configuration(host=host, username="admin", password="s3cr3t-pw",
                                           retries=None, **settings))


def test_certificate_signed_by_the_configured_ca(https_server: HTTPServer) -> None:
    with _client(https_server, ssl_ca_cert=os.path.join(TLS, "ca.pem")) as client:
        assert apis.PoolApi(client).get_pool("p").slots == 3
        assert apis.PoolApi(client).get_pool("p").name == "p"  # the kept connection again


def test_untrusted_certificate_is_refused_before_credentials_are_sent(https_server: HTTPServer) -> None:
    with _client(https_server) as client:  # certifi's roots: our test CA is not among them
        with pytest.raises(sdk.ApiConnectionError) as caught:
            apis.PoolApi(client).get_pool("p")
    text = str(caught.value)
    assert "CERTIFICATE_VERIFY_FAILED" in text or "certificate verify failed" in text
    assert "s3cr3t-pw" not in text and "YWRtaW46czNjcjN0LXB3" not in text  # base64 of admin:s3cr3t-pw
    assert not https_server.log  # the handshake failed: no request reached the server


def test_verification_off_works_and_urllib3_warns(https_server: HTTPServer) -> None:
    with _client(https_server, verify_ssl=False) as client:
        with pytest.warns(urllib3.exceptions.InsecureRequestWarning):
            assert apis.PoolApi(client).get_pool("p").slots == 3
