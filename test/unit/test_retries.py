"""Retries and timeouts against loopback servers that fail on purpose: attempts counted,
waits checked (the policy's sleep is recorded, so no test waits for real)."""
from __future__ import annotations

import socket
import threading
import time
from typing import Any, Iterator, List

import pytest

import airflow_python_sdk as sdk
from airflow_python_sdk import apis, models
from airflow_python_sdk.retry import RetryPolicy, parse_retry_after


class Sleeps(List[float]):
    def __call__(self, seconds: float) -> None:
        self.append(round(seconds, 3))


class SleepingClient(sdk.ApiClient):
    """A client whose retry policy records its waits instead of sleeping."""

    sleeps: Sleeps


def make_client(base_url: str, **policy: Any) -> SleepingClient:
    sleeps = Sleeps()
    retry = RetryPolicy(jitter=0, sleep=sleeps, **policy)
    # pinned to an Airflow 2: these servers fail on purpose, and the attempts counted are the
    # operation's, not those of the probe that would learn which API they serve
    client = SleepingClient(sdk.Configuration(host=base_url, username="u", password="p",
                                              retries=retry, timeout=(2, 2), server_api="v1"))
    client.sleeps = sleeps
    return client


class RawServer:
    """A TCP server on loopback that drops or stalls every connection, and counts them."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.connections = 0
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.held: List[socket.socket] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        deadline = time.time() + 60  # bounded: stops by itself
        while not self.stop.is_set() and time.time() < deadline:
            try:
                conn, _ = self.sock.accept()
            except socket.timeout:
                continue
            self.connections += 1
            if self.mode == "drop":
                conn.recv(65536)
                conn.close()
            else:
                self.held.append(conn)  # never answers

    def close(self) -> None:
        self.stop.set()
        self.thread.join(5)
        for conn in self.held:
            conn.close()
        self.sock.close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v1"


@pytest.fixture
def dropping() -> Iterator[RawServer]:
    server = RawServer("drop")
    yield server
    server.close()


@pytest.fixture
def stalling() -> Iterator[RawServer]:
    server = RawServer("stall")
    yield server
    server.close()


def test_503_with_retry_after_is_retried_then_succeeds(server: Any) -> None:
    server.reply({"title": "busy"}, status=503, headers={"Retry-After": "2"})
    server.reply({"title": "busy"}, status=503, headers={"Retry-After": "1"})
    server.reply({"name": "p", "slots": 1})
    client = make_client(server.base_url)
    assert apis.PoolApi(client).get_pool("p").slots == 1
    assert len(server.requests) == 3
    assert client.sleeps == [2.0, 1.0]


def test_backoff_is_exponential_and_gives_up(server: Any) -> None:
    for _ in range(4):
        server.reply({"title": "bad gateway"}, status=502)
    client = make_client(server.base_url, total=3, backoff_factor=0.5)
    with pytest.raises(sdk.ServiceException) as info:
        apis.PoolApi(client).get_pools()
    assert info.value.status == 502
    assert len(server.requests) == 4
    assert client.sleeps == [0.5, 1.0, 2.0]


def test_retry_after_is_capped_and_http_dates_are_read(server: Any) -> None:
    server.reply({}, status=429, headers={"Retry-After": "3600"})
    server.reply({"version": "2.11.2"})
    client = make_client(server.base_url, retry_after_max=7)
    apis.MonitoringApi(client).get_version()
    assert client.sleeps == [7.0]
    waited = parse_retry_after(time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() + 10)))
    assert waited is not None and 9 <= waited <= 10


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 500])
def test_client_errors_and_500_are_not_retried(server: Any, status: int) -> None:
    server.reply({"title": "no"}, status=status)
    client = make_client(server.base_url)
    with pytest.raises(sdk.ApiException):
        apis.PoolApi(client).get_pools()
    assert len(server.requests) == 1 and client.sleeps == []


def test_post_is_not_retried_on_503_unless_allowed(server: Any) -> None:
    server.reply({"title": "busy"}, status=503)
    client = make_client(server.base_url)
    with pytest.raises(sdk.ServiceException):
        apis.PoolApi(client).post_pool(models.Pool(name="p", slots=1))
    assert len(server.requests) == 1
    server.reply({"title": "busy"}, status=503).reply({"name": "p", "slots": 1})
    client = make_client(server.base_url, retry_non_idempotent=True)
    assert apis.PoolApi(client).post_pool(models.Pool(name="p", slots=1)).name == "p"
    assert len(server.requests) == 3


def test_retries_off_with_one_setting(server: Any) -> None:
    server.reply({"title": "busy"}, status=503)
    client = sdk.ApiClient(sdk.Configuration(host=server.base_url, retries=None))
    with pytest.raises(sdk.ServiceException):
        apis.PoolApi(client).get_pools()
    assert len(server.requests) == 1


def test_dropped_connections_retry_idempotent_calls(dropping: RawServer) -> None:
    client = make_client(dropping.url, total=2, backoff_factor=0.1)
    with pytest.raises(sdk.ApiConnectionError) as info:
        apis.PoolApi(client).get_pools()
    assert not isinstance(info.value, sdk.ApiTimeoutError)
    assert dropping.connections == 3 and client.sleeps == [0.1, 0.2]


def test_dropped_connection_after_sending_a_post_is_not_retried(dropping: RawServer) -> None:
    client = make_client(dropping.url, total=2)
    with pytest.raises(sdk.ApiConnectionError):
        apis.PoolApi(client).post_pool(models.Pool(name="p", slots=1))
    assert dropping.connections == 1 and client.sleeps == []


def test_refused_connection_is_retried_even_for_post() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there
    client = make_client(f"http://127.0.0.1:{port}/api/v1", total=2, backoff_factor=0.25)
    with pytest.raises(sdk.ApiConnectionError) as info:
        apis.PoolApi(client).post_pool(models.Pool(name="p", slots=1))
    assert info.value.request_sent is False
    assert client.sleeps == [0.25, 0.5]


def test_stalled_server_times_out_and_get_is_retried(stalling: RawServer) -> None:
    client = make_client(stalling.url, total=1, backoff_factor=0.1)
    started = time.monotonic()
    with pytest.raises(sdk.ApiTimeoutError):
        apis.PoolApi(client).get_pools(_request_timeout=(1, 0.3))
    assert stalling.connections == 2 and client.sleeps == [0.1]
    assert time.monotonic() - started < 5


def test_a_default_timeout_bounds_every_call(stalling: RawServer) -> None:
    config = sdk.Configuration(host=stalling.url, retries=None, timeout=(1, 0.5))
    assert sdk.Configuration().timeout == (10.0, 120.0)
    with sdk.ApiClient(config) as client:
        started = time.monotonic()
        with pytest.raises(sdk.ApiTimeoutError):
            apis.PoolApi(client).get_pools()
        assert time.monotonic() - started < 3


def test_jitter_stays_within_its_band() -> None:
    policy = RetryPolicy(backoff_factor=1, jitter=0.25)
    waits = [policy.wait(3) for _ in range(200)]
    assert all(3.0 <= w <= 5.0 for w in waits) and len(set(waits)) > 1
