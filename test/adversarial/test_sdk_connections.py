"""Connection failures name what happened (refused, no such host, TLS, timeout), where, and
after how many attempts; a refused certificate is not retried (issue 15, items 7 and 11)."""
from __future__ import annotations

import socket
import threading
import time
from typing import Any, Iterator, List

import pytest

import airflow_python_sdk as sdk
from airflow_python_sdk import apis, v2

from .misbehaving import CA_FILE, Misbehaving, Reply, Stall


def _policy(total: int, waits: List[float]) -> sdk.RetryPolicy:
    return sdk.RetryPolicy(total=total, sleep=waits.append)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _call(host: str, **settings: Any) -> sdk.ApiConnectionError:
    config = sdk.Configuration(host=host, username="admin", password="pw", **settings)
    with sdk.ApiClient(config) as client, pytest.raises(sdk.ApiConnectionError) as info:
        apis.PoolApi(client).get_pool("p")
    return info.value


def test_refused() -> None:
    port = _free_port()
    waits: List[float] = []
    error = _call(f"http://127.0.0.1:{port}/api/v1", retries=_policy(2, waits))
    assert type(error) is sdk.ApiConnectionRefusedError
    assert not isinstance(error, sdk.ApiTimeoutError)
    assert (error.host, error.port, error.attempts) == ("127.0.0.1", port, 3)
    assert f"connection refused by 127.0.0.1:{port}" in str(error) and "after 3 attempts" in str(error)
    assert len(waits) == 2


def test_no_such_host() -> None:
    error = _call("http://no-such-host.invalid:8080/api/v1", retries=_policy(1, []))
    assert type(error) is sdk.ApiHostNotFoundError
    assert (error.host, error.port, error.attempts) == ("no-such-host.invalid", 8080, 2)
    assert "no such host 'no-such-host.invalid'" in str(error)


def test_an_untrusted_certificate_is_a_tls_error_and_not_retried(tls_server: Misbehaving) -> None:
    waits: List[float] = []
    error = _call(tls_server.url("/api/v1"), retries=_policy(3, waits))  # certifi: not our CA
    assert type(error) is sdk.ApiTlsError and error.retryable is False
    assert error.attempts == 1 and waits == []
    assert tls_server.requests == []


def test_a_certificate_for_another_host_is_a_tls_error_and_not_retried(tls_server: Misbehaving) -> None:
    waits: List[float] = []
    error = _call(tls_server.url("/api/v1"), ssl_ca_cert=CA_FILE, assert_hostname="other.example",
                  retries=_policy(3, waits))
    assert type(error) is sdk.ApiTlsError and error.retryable is False
    assert error.attempts == 1 and waits == []


def test_the_test_ca_is_trusted_when_named(tls_server: Misbehaving) -> None:
    tls_server.handle(Reply(200, json={"name": "p", "slots": 1}))
    config = sdk.Configuration(host=tls_server.url("/api/v1"), ssl_ca_cert=CA_FILE)
    with sdk.ApiClient(config) as client:
        assert apis.PoolApi(client).get_pool("p").name == "p"


def test_a_read_timeout(server: Misbehaving) -> None:
    server.handle(Stall(3.0))
    error = _call(server.url("/api/v1"), retries=_policy(1, []), timeout=(2.0, 0.3))
    assert type(error) is sdk.ApiTimeoutError
    assert (error.host, error.port, error.attempts) == ("127.0.0.1", server.port, 2)


def test_a_password_in_the_host_url_is_never_shown() -> None:
    port = _free_port()
    host = f"http://user:hunter2@127.0.0.1:{port}/api/v1"
    error = _call(host, retries=None)
    assert "hunter2" not in str(error) and "hunter2" not in repr(error)
    assert "hunter2" not in error.url
    config = sdk.Configuration(host=host)
    assert "hunter2" not in repr(config) and "hunter2" not in str(config)


def test_a_stream_left_before_its_end_does_not_spoil_the_next_call(server: Misbehaving) -> None:
    """The rest of a stream given up on arrives later on its connection; that connection
    must not carry the next request (its answer would start with the stream's leftovers)."""
    released = threading.Event()

    def lines() -> Iterator[bytes]:
        yield b'{"state": "success"}\n'
        released.wait(5)
        time.sleep(0.2)  # the rest comes once the client has moved on
        yield b'{"state": "late"}\n'

    server.script(Reply(200, lines(), chunked=True, content_type="application/x-ndjson"),
                  then=Reply(200, json={"dag_id": "d", "dag_run_id": "r", "state": "success"}))
    config = v2.Configuration(host=server.origin, access_token="t", retries=None)
    with v2.ApiClient(config) as client:
        api = v2.DagRunApi(client)
        stream: Any = api.wait_dag_run_until_finished_stream("d", "r", 1.0)
        assert next(stream) == {"state": "success"}
        stream.close()  # what waiting.py does once it has the state it waited for
        released.set()  # the rest arrives while the next call waits for its answer
        assert api.get_dag_run("d", "r").state == "success"
    assert [c.requests for c in server.connections] == [1, 1]  # a fresh connection, one try
