"""Datasets: listing, events (made by a run and by the API), queued events, upstream events."""
from __future__ import annotations

import time
from typing import Any, Dict

import pytest

import airflow_python_sdk as sdk
from airflow_python_sdk import apis, models

from .conftest import wait_for_run

URI = "s3://sdk-test-bucket/daily/data.csv"
WAITER = "sdk_dataset_waiter"


def _queued(api: Any) -> Any:
    """The waiter's queued event for URI, once the server has recorded it."""
    deadline = time.time() + 60
    while True:
        try:
            return api.get_dag_dataset_queued_event(WAITER, URI)
        except sdk.NotFoundException:
            if time.time() > deadline:
                raise
            time.sleep(1)


def test_datasets_and_their_events(admin: Any, runs: Dict[str, str]) -> None:
    api = apis.DatasetApi(admin)
    listed = api.get_datasets(uri_pattern="sdk-test-bucket", order_by="uri")
    assert [d.uri for d in listed.datasets] == ["s3://sdk-test-bucket/daily/data.csv",
                                                 "s3://sdk-test-bucket/never/updated.csv"]
    dataset = api.get_dataset(URI)  # ':' and '/' percent-encoded in the path
    assert dataset.uri == URI
    assert {r.dag_id for r in dataset.consuming_dags} == {"sdk_dataset_consumer", WAITER}
    assert [r.task_id for r in dataset.producing_tasks] == ["produce"]
    wait_for_run(admin, "sdk_dataset_producer", runs["sdk_dataset_producer"])
    events = api.get_dataset_events(dataset_id=dataset.id, source_dag_id="sdk_dataset_producer")
    assert events.total_entries >= 1 and events.dataset_events[0].source_task_id == "produce"  # type: ignore[operator]
    made = api.create_dataset_event(models.CreateDatasetEvent(dataset_uri=URI, extra={"from": "sdk"}))
    assert made.dataset_uri == URI and made.extra.get("from") == "sdk"  # type: ignore[union-attr]
    with pytest.raises(sdk.NotFoundException):
        api.create_dataset_event(models.CreateDatasetEvent(dataset_uri="s3://no/such"))


def test_upstream_events_of_a_dataset_triggered_run(admin: Any, runs: Dict[str, str]) -> None:
    wait_for_run(admin, "sdk_dataset_producer", runs["sdk_dataset_producer"])
    run_api = apis.DAGRunApi(admin)
    deadline = time.time() + 120
    consumer_runs = run_api.get_dag_runs("sdk_dataset_consumer")
    while not consumer_runs.dag_runs and time.time() < deadline:
        time.sleep(2)
        consumer_runs = run_api.get_dag_runs("sdk_dataset_consumer")
    run = consumer_runs.dag_runs[0]
    assert run.run_type == "dataset_triggered"
    upstream = run_api.get_upstream_dataset_events("sdk_dataset_consumer", run.dag_run_id)
    assert upstream.dataset_events and upstream.dataset_events[0].dataset_uri == URI
    same = apis.DatasetApi(admin).get_upstream_dataset_events("sdk_dataset_consumer", run.dag_run_id)
    assert same == upstream


def test_queued_events(admin: Any, runs: Dict[str, str]) -> None:
    api = apis.DatasetApi(admin)
    api.create_dataset_event(models.CreateDatasetEvent(dataset_uri=URI))
    one = _queued(api)
    assert (one.uri, one.dag_id) == (URI, WAITER) and one.created_at is not None
    for_dag = api.get_dag_dataset_queued_events(WAITER)
    assert [(q.uri, q.dag_id) for q in for_dag.queued_events] == [(URI, WAITER)]
    for_dataset = api.get_dataset_queued_events(URI)
    assert WAITER in {q.dag_id for q in for_dataset.queued_events}
    assert api.delete_dag_dataset_queued_event(WAITER, URI) is None  # type: ignore[func-returns-value]
    with pytest.raises(sdk.NotFoundException):
        api.get_dag_dataset_queued_event(WAITER, URI)
    api.create_dataset_event(models.CreateDatasetEvent(dataset_uri=URI))
    _queued(api)
    assert api.delete_dag_dataset_queued_events(WAITER) is None  # type: ignore[func-returns-value]
    with pytest.raises(sdk.NotFoundException):
        api.get_dag_dataset_queued_events(WAITER)
    api.create_dataset_event(models.CreateDatasetEvent(dataset_uri=URI))
    _queued(api)
    assert api.delete_dataset_queued_events(URI) is None  # type: ignore[func-returns-value]
    with pytest.raises(sdk.NotFoundException):
        api.get_dataset_queued_events(URI)
