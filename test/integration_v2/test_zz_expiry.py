"""Expired tokens (near the end of the session: the token fetched at its start has expired by
now, so these tests rarely need to wait)."""
from __future__ import annotations

import time

import pytest

import airflow_python_sdk.v2 as v2
from airflow_python_sdk.v2.api.pool_api import PoolApi

from .conftest import EarlyToken, RecordingTransport, Server, TrackingApiClient, jwt_claims, recording_client


def wait_until_rejected(early: EarlyToken, server: Server) -> None:
    """Until the server refuses the early token: its exp plus the server's leeway."""
    remaining = early.exp + server.leeway + 1.5 - time.time()
    if remaining > 0:
        time.sleep(remaining)


def test_an_expired_static_token_is_reported_as_expired(early: EarlyToken, server: Server) -> None:
    wait_until_rejected(early, server)
    client, transport = recording_client(server.base_url, access_token=early.token)
    with client, pytest.raises(v2.UnauthorizedException) as expired:
        PoolApi(client).get_pools()
    assert expired.value.status == 401 and "expired" in str(expired.value).lower()
    assert early.token not in str(expired.value)
    assert [(e.path, e.status) for e in transport.exchanges] == [("/api/v2/pools", 401)]  # not retried


def test_a_stale_held_token_is_renewed_and_the_call_sent_again_once(
        early: EarlyToken, server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    """A client whose clock lags believes its token is still good: the server's "Token Expired"
    makes it log in again and send the call once more."""
    wait_until_rejected(early, server)
    before = len(early.transport.exchanges)
    real = time.time
    lag = real() - (early.fetched_at + 1)
    monkeypatch.setattr(time, "time", lambda: real() - lag)
    pools = PoolApi(early.client).get_pools()
    monkeypatch.undo()
    assert "default_pool" in {p.name for p in pools.pools}
    seen = early.transport.exchanges[before:]
    assert [(e.method, e.path, e.status) for e in seen] == [
        ("GET", "/api/v2/pools", 401), ("POST", "/auth/token", 201), ("GET", "/api/v2/pools", 200)]
    renewed = early.transport.tokens[-1]
    assert seen[0].authorization == f"Bearer {early.token}"
    assert renewed != early.token and seen[2].authorization == f"Bearer {renewed}"


def test_the_shared_clients_renewed_their_tokens_without_a_refusal(
        admin: TrackingApiClient, admin_transport: RecordingTransport, server: Server) -> None:
    first = next(e.at for e in admin_transport.exchanges if e.token is not None)
    remaining = first + server.lifetime + 1 - time.time()
    if remaining > 0:
        time.sleep(remaining)
    PoolApi(admin).get_pools(limit=1)
    assert admin_transport.token_posts() >= 2  # renewed before its token expired
    # A token sent in time can still expire on the way when the server stalls for longer than
    # its leeway (a busy 2-core machine): the client did its part, and renewed after the 401.
    refused = [(e.method, e.path, e.status) for e in admin_transport.exchanges
               if e.status in (401, 403) and e.answered - e.at <= server.leeway]
    assert refused == []
    sent = [e for e in admin_transport.exchanges if e.authorization is not None]
    late = [(e.path, e.at) for e in sent
            if jwt_claims(str(e.authorization).split(" ", 1)[1])["exp"] <= e.at]
    assert sent and late == []  # every request carried a token still valid when it was sent
