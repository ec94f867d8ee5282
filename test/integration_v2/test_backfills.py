"""Backfills of the daily sdk_backfill: a dry run, then one made, paused, resumed and cancelled."""
from __future__ import annotations

import datetime as dt

import pytest

import airflow_python_sdk.v2 as v2
from airflow_python_sdk import RetryPolicy
from airflow_python_sdk.v2 import models as m
from airflow_python_sdk.v2.api.backfill_api import BackfillApi
from airflow_python_sdk.v2.api.dag_run_api import DagRunApi

from .conftest import SUFFIX, TrackingApiClient

UTC = dt.timezone.utc


def test_backfill_lifecycle(admin: TrackingApiClient, base_url: str) -> None:
    start = dt.datetime(2022, 1, 1, tzinfo=UTC) + dt.timedelta(days=3 * (int(SUFFIX, 16) % 300))
    days = [start + dt.timedelta(days=n) for n in range(3)]
    body = m.BackfillPostBody(dag_id="sdk_backfill", from_date=days[0], to_date=days[-1],
                              max_active_runs=1, dag_run_conf={"sdk": SUFFIX})
    api = BackfillApi(admin)
    dry = api.create_backfill_dry_run(body)
    assert sorted(b.logical_date for b in dry.backfills if b.logical_date) == days
    assert dry.total_entries == len(days)
    assert DagRunApi(admin).get_dag_runs("sdk_backfill", logical_date_gte=days[0],
                                         logical_date_lte=days[-1]).total_entries == 0
    # On SQLite the server may answer 503 "Database is locked" while the scheduler writes; it
    # has then made nothing, so the POST may be repeated.
    patient = TrackingApiClient(v2.Configuration(
        host=base_url, username="admin", password="admin",
        retries=RetryPolicy(total=6, backoff_factor=1.0, statuses=[503], retry_non_idempotent=True)))
    with patient:
        made = BackfillApi(patient).create_backfill(body)
    assert (made.dag_id, made.from_date, made.to_date, made.max_active_runs) == ("sdk_backfill", days[0],
                                                                                days[-1], 1)
    assert (made.dag_run_conf, made.is_paused, made.completed_at) == ({"sdk": SUFFIX}, False, None)
    with pytest.raises(v2.ConflictException):  # one running backfill per DAG
        api.create_backfill(body)
    assert made.id in [b.id for b in api.list_backfills("sdk_backfill", order_by=["-id"]).backfills]
    got = api.get_backfill(made.id)
    assert (got.id, got.dag_id, got.from_date, got.to_date) == (made.id, "sdk_backfill", days[0], days[-1])
    assert api.pause_backfill(made.id).is_paused is True
    assert api.get_backfill(made.id).is_paused is True
    assert api.unpause_backfill(made.id).is_paused is False
    runs = DagRunApi(admin).get_dag_runs("sdk_backfill", run_type=["backfill"], logical_date_gte=days[0],
                                         logical_date_lte=days[-1], order_by=["logical_date"])
    assert [r.logical_date for r in runs.dag_runs] == days
    assert {str(r.conf) for r in runs.dag_runs} == {str({"sdk": SUFFIX})}
    cancelled = api.cancel_backfill(made.id)
    assert cancelled.id == made.id and cancelled.completed_at is not None
    with pytest.raises(v2.ConflictException):  # already completed
        api.cancel_backfill(made.id)
