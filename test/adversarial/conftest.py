"""Fixtures for tests that use the misbehaving loopback server (see misbehaving.py).

Clients here are pinned to Airflow 2 (`server_api="v1"`): each server misbehaves on purpose for
the operation under test, so no probe for which API it serves goes first; the probe itself meets
misbehaving servers in test_sdk_detection.py.
"""
from __future__ import annotations

import faulthandler
import signal
from typing import Any, Callable, Iterator, List

import pytest

from .misbehaving import Misbehaving

WATCHDOG_SECONDS = 60


class WatchdogExpired(BaseException):
    """Raised in a test that ran too long (a BaseException, so ``except Exception`` in the
    test cannot swallow it)."""


@pytest.fixture(autouse=True)
def _watchdog() -> Iterator[None]:
    """No test here may hang: after WATCHDOG_SECONDS a SIGALRM fails it (blocking socket calls
    are interrupted too); should even that not end it, faulthandler dumps every thread's stack
    and ends the run 30 s later."""
    def expire(signum: int, frame: Any) -> None:
        raise WatchdogExpired(f"test still running after {WATCHDOG_SECONDS}s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, WATCHDOG_SECONDS)
    faulthandler.dump_traceback_later(WATCHDOG_SECONDS + 30, exit=True)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        faulthandler.cancel_dump_traceback_later()


@pytest.fixture
def make_server() -> Iterator[Callable[..., Misbehaving]]:
    """``make_server(tls=False, handshake=None)`` -> a started server, stopped after the test;
    any server thread failure is reported as an error of the test."""
    servers: List[Misbehaving] = []

    def make(**options: Any) -> Misbehaving:
        server = Misbehaving(**options).start()
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.close()
    failures = [(s.netloc, e) for s in servers for e in s.errors if s.strict]
    assert not failures, f"misbehaving server failures: {failures!r}"


@pytest.fixture
def server(make_server: Callable[..., Misbehaving]) -> Misbehaving:
    """A plain HTTP server."""
    return make_server()


@pytest.fixture
def tls_server(make_server: Callable[..., Misbehaving]) -> Misbehaving:
    """An HTTPS server whose certificate the test CA (misbehaving.CA_FILE) signed."""
    return make_server(tls=True)
