"""Assets (Airflow 3's datasets): listing and reading them, their events (from a run and made
through the API), events queued for the DAGs that wait on them, materializing, aliases, and
the asset state store."""
from __future__ import annotations

import time
from typing import Dict, List

import pytest

import airflow_python_sdk.v2 as v2
from airflow_python_sdk.v2 import models as m
from airflow_python_sdk.v2.api.asset_api import AssetApi
from airflow_python_sdk.v2.api.asset_state_store_api import AssetStateStoreApi
from airflow_python_sdk.v2.api.dag_run_api import DagRunApi

from .conftest import SUFFIX, TrackingApiClient, wait_for_run

DAILY = "s3://sdk-test-bucket/daily/data.csv"
NEVER = "s3://sdk-test-bucket/never/updated.csv"
WAITER = "sdk_dataset_waiter"  # waits on both assets, so events for DAILY stay queued for it


@pytest.fixture(scope="module")
def asset_ids(admin: TrackingApiClient) -> Dict[str, int]:
    listed = AssetApi(admin).get_assets(uri_prefix_pattern="s3://sdk-test-bucket/", limit=100)
    return {a.uri: a.id for a in listed.assets}


def test_list_and_read_assets(admin: TrackingApiClient, asset_ids: Dict[str, int]) -> None:
    api = AssetApi(admin)
    assert set(asset_ids) == {DAILY, NEVER}
    ordered = api.get_assets(uri_pattern="sdk-test-bucket", order_by=["-uri"])
    assert [a.uri for a in ordered.assets] == [NEVER, DAILY] and ordered.total_entries == 2
    daily = api.get_asset(asset_ids[DAILY])
    assert (daily.id, daily.uri, daily.name, daily.group) == (asset_ids[DAILY], DAILY, DAILY, "asset")
    assert [(t.dag_id, t.task_id) for t in daily.producing_tasks] == [("sdk_dataset_producer", "produce")]
    assert {d.dag_id for d in daily.scheduled_dags} == {"sdk_dataset_consumer", WAITER}
    waited = api.get_assets(dag_ids=[WAITER])
    assert {a.uri for a in waited.assets} == {DAILY, NEVER}
    with pytest.raises(v2.NotFoundException):
        api.get_asset(max(asset_ids.values()) + 10_000)


def test_asset_aliases(admin: TrackingApiClient) -> None:
    api = AssetApi(admin)
    aliases = api.get_asset_aliases(limit=100, order_by=["name"])
    assert aliases.total_entries == len(aliases.asset_aliases) >= 1
    assert "sdk-test-alias" in [a.name for a in aliases.asset_aliases]  # declared in sdk_assets.py
    assert [a.name for a in aliases.asset_aliases] == sorted(a.name for a in aliases.asset_aliases)
    first = aliases.asset_aliases[0]
    one = api.get_asset_alias(first.id)  # the spec declares no model for it: a plain dict
    assert one == {"id": first.id, "name": first.name, "group": first.group}
    named = api.get_asset_aliases(name_pattern=first.name)
    assert first.id in [a.id for a in named.asset_aliases]


def test_events_of_a_producer_run(admin: TrackingApiClient, runs: Dict[str, str],
                                  asset_ids: Dict[str, int]) -> None:
    run_id = runs["sdk_dataset_producer"]
    assert wait_for_run(admin, "sdk_dataset_producer", run_id).state == "success"
    api = AssetApi(admin)
    # 3.3.2 answers 500 here while the consumer run the event created has not started yet: its
    # own AssetEventResponse requires created_dagruns[].start_date (a server bug); ask again
    deadline = time.monotonic() + 120
    while True:
        try:
            events = api.get_asset_events(asset_id=asset_ids[DAILY], source_dag_id="sdk_dataset_producer",
                                          source_run_id=run_id)
            break
        except v2.ServiceException:
            if time.monotonic() > deadline:
                raise
            time.sleep(2)
    assert [(e.source_task_id, e.source_run_id, e.uri) for e in events.asset_events] == [
        ("produce", run_id, DAILY)]
    event = events.asset_events[0]
    # the consumer is scheduled on DAILY: the event starts a run of it, which lists the event
    deadline = time.monotonic() + 120
    upstream: List[int] = []
    consumer_runs = DagRunApi(admin)
    while time.monotonic() < deadline:
        for run in consumer_runs.get_dag_runs("sdk_dataset_consumer", run_type=["asset_triggered"],
                                              limit=100).dag_runs:
            try:
                found = consumer_runs.get_upstream_asset_events("sdk_dataset_consumer", run.dag_run_id)
            except v2.ServiceException:  # the same 500 while that run has not started
                continue
            if event.id in [e.id for e in found.asset_events]:
                upstream = [e.asset_id for e in found.asset_events]
                break
        if upstream:
            break
        time.sleep(2)
    assert upstream == [asset_ids[DAILY]]


def test_events_made_through_the_api_and_queued_events(admin: TrackingApiClient,
                                                       asset_ids: Dict[str, int]) -> None:
    api = AssetApi(admin)
    daily = asset_ids[DAILY]

    def post_event(n: int) -> m.AssetEventResponse:
        made = api.create_asset_event(m.CreateAssetEventsBody(asset_id=daily, extra={"sdk": f"{SUFFIX}-{n}"}))
        assert (made.asset_id, made.uri, made.source_dag_id) == (daily, DAILY, None)
        assert made.extra is not None
        assert made.extra["sdk"] == f"{SUFFIX}-{n}" and made.extra["from_rest_api"] is True
        return made

    made = post_event(1)
    listed = api.get_asset_events(asset_id=daily, timestamp_gte=made.timestamp, limit=100)
    assert made.id in [e.id for e in listed.asset_events]
    queued = api.get_dag_asset_queued_event(WAITER, daily)
    assert (queued.dag_id, queued.asset_id) == (WAITER, daily)
    assert api.delete_dag_asset_queued_event(WAITER, daily) is None  # type: ignore[func-returns-value]
    with pytest.raises(v2.NotFoundException):
        api.get_dag_asset_queued_event(WAITER, daily)

    post_event(2)
    for_dag = api.get_dag_asset_queued_events(WAITER)
    assert daily in [q.asset_id for q in for_dag.queued_events]
    api.delete_dag_asset_queued_events(WAITER)
    assert api.get_dag_asset_queued_events(WAITER).total_entries == 0

    post_event(3)
    for_asset = api.get_asset_queued_events(daily)
    assert WAITER in [q.dag_id for q in for_asset.queued_events]
    api.delete_asset_queued_events(daily)
    assert WAITER not in [q.dag_id for q in api.get_asset_queued_events(daily).queued_events]


def test_materialize_an_asset(admin: TrackingApiClient, asset_ids: Dict[str, int]) -> None:
    run = AssetApi(admin).materialize_asset(asset_ids[DAILY])
    assert (run.dag_id, run.run_type, run.triggered_by) == ("sdk_dataset_producer", "asset_materialization",
                                                          "rest_api")
    got = DagRunApi(admin).get_dag_run("sdk_dataset_producer", run.dag_run_id)
    assert (got.dag_run_id, got.run_type) == (run.dag_run_id, "asset_materialization")


def test_asset_state_store(admin: TrackingApiClient, asset_ids: Dict[str, int]) -> None:
    api = AssetStateStoreApi(admin)
    never = asset_ids[NEVER]
    first, second = f"sdk_wm_{SUFFIX}_1", f"sdk_wm_{SUFFIX}_2"
    api.set_asset_state_store(first, never, m.AssetStateStoreBody(value={"watermark": 3}))
    api.set_asset_state_store(second, never, m.AssetStateStoreBody(value=[1, "two"]))
    got = api.get_asset_state_store(first, never)
    assert (got.key, got.value) == (first, {"watermark": 3})
    assert got.last_updated_by is not None and got.last_updated_by.kind == "api"
    api.set_asset_state_store(first, never, m.AssetStateStoreBody(value={"watermark": 4}))  # overwrites
    listed = api.list_asset_state_store(never)
    assert {e.key: e.value for e in listed.asset_state_store} == {first: {"watermark": 4}, second: [1, "two"]}
    api.delete_asset_state_store(second, never)
    with pytest.raises(v2.NotFoundException):
        api.get_asset_state_store(second, never)
    api.clear_asset_state_store(never)
    assert api.list_asset_state_store(never).total_entries == 0
