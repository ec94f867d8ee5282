"""DAG runs: triggering (with and without a logical date), reading, listing, patching, clearing,
bulk changes, partition keys, the ``/wait`` stream, the waiting helpers, and deleting a DAG.

Runs of the paused DAGs (sdk_disposable, sdk_backfill, sdk_partitioned) stay queued: their
task instances exist and the tests change them without waiting for the scheduler.
"""
from __future__ import annotations

import datetime as dt
import threading
import time
from typing import Any, Dict, List, Tuple

import pytest

import airflow_python_sdk.v2 as v2
from airflow_python_sdk.v2 import models as m
from airflow_python_sdk.v2.api.dag_api import DAGApi
from airflow_python_sdk.v2.api.dag_run_api import DagRunApi
from airflow_python_sdk.v2.api.experimental_api import ExperimentalApi
from airflow_python_sdk.v2.api.task_instance_api import TaskInstanceApi
from airflow_python_sdk.v2.api.x_com_api import XComApi
from airflow_python_sdk.v2.waiting import follow_log, log_lines, trigger_and_wait, wait_for_dag_run

from .conftest import RUN_CONF, RUN_NOTE, SUFFIX, TrackingApiClient, queued_run, wait_for_run

UTC = dt.timezone.utc


def test_trigger_without_and_with_a_logical_date(admin: TrackingApiClient) -> None:
    api = DagRunApi(admin)
    before = dt.datetime.now(UTC)
    undated = api.trigger_dag_run("sdk_disposable", m.TriggerDAGRunPostBody(
        conf={"nested": {"list": [1, None]}}, note="no logical date"))
    assert undated.logical_date is None and undated.dag_run_id.startswith("manual__")
    assert undated.run_after is not None and undated.run_after >= before - dt.timedelta(seconds=5)
    assert (undated.state, undated.run_type, undated.triggered_by) == ("queued", "manual", "rest_api")
    assert (undated.conf, undated.note, undated.triggering_user_name) == (
        {"nested": {"list": [1, None]}}, "no logical date", "admin")
    when = dt.datetime.now(UTC).replace(microsecond=0) - dt.timedelta(days=3)
    dated = api.trigger_dag_run("sdk_disposable", m.TriggerDAGRunPostBody(
        dag_run_id=f"sdk_v2_dated_{SUFFIX}", logical_date=when, conf={}))
    assert (dated.dag_run_id, dated.logical_date) == (f"sdk_v2_dated_{SUFFIX}", when)
    assert dated.data_interval_start == when
    # a plain dict with an ISO string, as code written for apache-airflow-client passes it
    earlier = when - dt.timedelta(days=1)
    as_dict = api.trigger_dag_run("sdk_disposable", {"dag_run_id": f"sdk_v2_dict_{SUFFIX}",
                                                     "logical_date": earlier.isoformat().replace("+00:00", "Z"),
                                                     "conf": {"k": "v"}})
    assert (as_dict.logical_date, as_dict.conf) == (earlier, {"k": "v"})
    with pytest.raises(v2.ConflictException):
        api.trigger_dag_run("sdk_disposable", m.TriggerDAGRunPostBody(dag_run_id=dated.dag_run_id,
                                                                      logical_date=None))
    got = api.get_dag_run("sdk_disposable", dated.dag_run_id)
    assert (got.dag_run_id, got.logical_date, got.state, got.conf) == (dated.dag_run_id, when, "queued", {})


def test_list_runs_with_an_order_by_list(admin: TrackingApiClient) -> None:
    api = DagRunApi(admin)
    base = dt.datetime(2021, 3, 1, tzinfo=UTC) + dt.timedelta(days=int(SUFFIX, 16) % 500)
    made = []
    for n, (day, name) in enumerate([(0, "b"), (0, "a"), (1, "c")]):  # two share a day: a tie
        run = api.trigger_dag_run("sdk_disposable", m.TriggerDAGRunPostBody(
            dag_run_id=f"sdk_v2_order_{name}_{SUFFIX}", logical_date=base + dt.timedelta(days=day, seconds=n),
            run_after=base + dt.timedelta(days=day)))
        made.append(run)
    listed = api.get_dag_runs("sdk_disposable", run_id_pattern=f"sdk_v2_order_%_{SUFFIX}",
                              order_by=["-run_after", "dag_run_id"], limit=100)
    expected = sorted(made, key=lambda r: (-r.run_after.timestamp(), r.dag_run_id))
    assert [r.dag_run_id for r in listed.dag_runs] == [r.dag_run_id for r in expected]
    assert listed.total_entries == 3
    window = api.get_dag_runs("sdk_disposable", logical_date_gte=base + dt.timedelta(hours=12),
                              logical_date_lte=base + dt.timedelta(days=2), state=["queued"],
                              run_id_pattern=f"sdk_v2_order_%_{SUFFIX}")
    assert [r.dag_run_id for r in window.dag_runs] == [f"sdk_v2_order_c_{SUFFIX}"]


def test_patch_clear_and_delete_a_run(admin: TrackingApiClient) -> None:
    api = DagRunApi(admin)
    run = queued_run(admin, "sdk_disposable", "patched", logical_date=None)
    failed = api.patch_dag_run("sdk_disposable", run.dag_run_id, m.DAGRunPatchBody(state=m.DagRunMutableStates.FAILED),
                               update_mask=["state"])
    assert failed.state == m.DagRunState.FAILED and failed.end_date is not None
    noted = api.patch_dag_run("sdk_disposable", run.dag_run_id, m.DAGRunPatchBody(note="looked at"),
                              update_mask=["note"])
    assert (noted.state, noted.note) == ("failed", "looked at")
    preview = api.clear_dag_run("sdk_disposable", run.dag_run_id, m.DAGRunClearBody(dry_run=True))
    assert isinstance(preview, m.ClearTaskInstanceCollectionResponse)
    assert [(t.task_id, t.dag_run_id) for t in preview.task_instances] == [("nothing", run.dag_run_id)]
    assert api.get_dag_run("sdk_disposable", run.dag_run_id).state == "failed"  # a dry run changes nothing
    cleared = api.clear_dag_run("sdk_disposable", run.dag_run_id, m.DAGRunClearBody(dry_run=False))
    assert isinstance(cleared, m.DAGRunResponse)
    assert (cleared.dag_run_id, cleared.state, cleared.note) == (run.dag_run_id, "queued", "looked at")
    assert api.delete_dag_run("sdk_disposable", run.dag_run_id) is None  # type: ignore[func-returns-value]
    with pytest.raises(v2.NotFoundException):
        api.get_dag_run("sdk_disposable", run.dag_run_id)


def test_bulk_changes_batch_lists_and_clearing_many(admin: TrackingApiClient) -> None:
    api = DagRunApi(admin)
    one = queued_run(admin, "sdk_disposable", "bulk_1", logical_date=None).dag_run_id
    two = queued_run(admin, "sdk_disposable", "bulk_2", logical_date=None).dag_run_id
    changed = api.bulk_dag_runs("sdk_disposable", m.BulkBodyBulkDAGRunBody(actions=[
        m.BulkUpdateActionBulkDAGRunBody(action="update", entities=[
            m.BulkDAGRunBody(dag_run_id=one, state=m.DagRunMutableStates.SUCCESS, note="bulk")])]))
    assert changed.update is not None and changed.update.success == [f"sdk_disposable.{one}"]
    assert changed.update.errors == []
    got = api.get_dag_run("sdk_disposable", one)
    assert (got.state, got.note) == ("success", "bulk")
    batch = api.get_list_dag_runs_batch("~", m.DAGRunsBatchBody(
        dag_ids=["sdk_disposable"], states=[m.DagRunState.SUCCESS], order_by="run_after"))
    ids = [r.dag_run_id for r in batch.dag_runs]
    assert one in ids and two not in ids and {r.dag_id for r in batch.dag_runs} == {"sdk_disposable"}
    assert batch.total_entries == len(ids)
    preview = api.clear_dag_runs("sdk_disposable", m.BulkDAGRunClearBody(
        dry_run=True, dag_runs=[m.BulkDAGRunBody(dag_run_id=one), m.BulkDAGRunBody(dag_run_id=two)]))
    assert isinstance(preview, m.ClearTaskInstanceCollectionResponse)
    assert sorted((t.dag_run_id, t.task_id) for t in preview.task_instances) == sorted(
        [(one, "nothing"), (two, "nothing")])
    cleared = api.clear_dag_runs("sdk_disposable", m.BulkDAGRunClearBody(
        dry_run=False, dag_runs=[m.BulkDAGRunBody(dag_run_id=one)]))
    assert isinstance(cleared, m.DAGRunCollectionResponse)
    assert [(r.dag_run_id, r.state) for r in cleared.dag_runs] == [(one, "queued")]
    removed = api.bulk_dag_runs("sdk_disposable", {"actions": [{"action": "delete", "entities": [one, two]}]})
    assert removed.delete is not None
    assert sorted(removed.delete.success or []) == sorted([f"sdk_disposable.{one}", f"sdk_disposable.{two}"])
    for run_id in (one, two):
        with pytest.raises(v2.NotFoundException):
            api.get_dag_run("sdk_disposable", run_id)


def test_partition_keys_are_cleared(admin: TrackingApiClient) -> None:
    api = DagRunApi(admin)
    key_a, key_b = f"sdk-part-a-{SUFFIX}", f"sdk-part-b-{SUFFIX}"
    run_a = queued_run(admin, "sdk_partitioned", "part_a", logical_date=None, partition_key=key_a)
    run_b = queued_run(admin, "sdk_partitioned", "part_b", logical_date=None, partition_key=key_b)
    listed = api.get_dag_runs("sdk_partitioned", partition_key_pattern=f"sdk-part-%-{SUFFIX}",
                              order_by=["dag_run_id"])
    assert [(r.dag_run_id, r.partition_key) for r in listed.dag_runs] == [
        (run_a.dag_run_id, key_a), (run_b.dag_run_id, key_b)]
    dry = api.clear_dag_run_partitions("sdk_partitioned", m.ClearPartitionsBody(partition_key=key_a,
                                                                                dry_run=True))
    assert (dry.dag_runs_cleared, dry.task_instances_cleared, dry.dry_run) == (1, 0, True)
    with_tis = api.clear_dag_run_partitions("sdk_partitioned", m.ClearPartitionsBody(
        run_id=run_b.dag_run_id, dry_run=True, clear_task_instances=True))
    assert (with_tis.dag_runs_cleared, with_tis.task_instances_cleared) == (1, 1)  # one task: "slice"
    assert api.get_dag_run("sdk_partitioned", run_a.dag_run_id).partition_key == key_a
    done = api.clear_dag_run_partitions("sdk_partitioned", m.ClearPartitionsBody(partition_key=key_a,
                                                                                 dry_run=False))
    assert (done.dag_runs_cleared, done.dry_run) == (1, False)
    assert api.get_dag_run("sdk_partitioned", run_a.dag_run_id).partition_key is None
    assert api.get_dag_run("sdk_partitioned", run_b.dag_run_id).partition_key == key_b


def test_the_wait_stream_gives_each_state_as_it_comes(admin: TrackingApiClient) -> None:
    api = DagRunApi(admin)
    run = queued_run(admin, "sdk_disposable", "streamed", logical_date=None)
    finish_after = 3.0

    def finish() -> None:
        api.patch_dag_run("sdk_disposable", run.dag_run_id, m.DAGRunPatchBody(state=m.DagRunMutableStates.SUCCESS))

    timer = threading.Timer(finish_after, finish)
    start = time.monotonic()
    timer.start()
    seen: List[Tuple[float, Any]] = []
    try:
        lines = api.wait_dag_run_until_finished_stream("sdk_disposable", run.dag_run_id, 0.5,
                                                       _request_timeout=(5.0, 30.0))
        for line in lines:  # an iterator over the NDJSON lines, read as they arrive
            seen.append((time.monotonic() - start, line))
    finally:
        timer.join()
    states = [line["state"] for _, line in seen]
    assert states[0] == "queued" and states[-1] == "success" and set(states[:-1]) == {"queued"}
    assert len(states) >= 4  # one line every 0.5 s while queued
    assert seen[0][0] < finish_after - 1, f"the first line arrived only after {seen[0][0]:.1f} s: {seen}"


def test_wait_answers_the_results_of_a_finished_run(admin: TrackingApiClient, runs: Dict[str, str]) -> None:
    run_id = runs["sdk_quick"]
    wait_for_run(admin, "sdk_quick", run_id)
    xcom = XComApi(admin).get_xcom_entry(dag_id="sdk_quick", task_id="greet", dag_run_id=run_id,
                                         xcom_key="return_value")
    lines = DagRunApi(admin).wait_dag_run_until_finished("sdk_quick", run_id, 1.0, result=["greet"])
    assert lines == [{"state": "success", "results": {"greet": xcom.value}}]
    streamed = list(ExperimentalApi(admin).wait_dag_run_until_finished_stream("sdk_quick", run_id, 1.0))
    assert streamed == [{"state": "success"}]
    final = wait_for_dag_run(admin, "sdk_quick", run_id, timeout=30, poll_interval=1)
    assert (final.dag_run_id, final.state, final.note) == (run_id, "success", RUN_NOTE)


def test_trigger_and_wait_then_read_the_log(admin: TrackingApiClient) -> None:
    polls: List[str] = []
    run = trigger_and_wait(admin, "sdk_quick", conf={"who": "waiter"}, note="helper", timeout=240,
                           poll_interval=1, on_poll=polls.append)
    assert (run.state, run.conf, run.note) == ("success", {"who": "waiter"}, "helper")
    assert polls and polls[-1] == "success"
    lines = log_lines(admin, "sdk_quick", run.dag_run_id, "greet")
    for n in range(5):
        assert any(line.endswith(f"hello waiter, line {n}") for line in lines), lines
    followed = list(follow_log(admin, "sdk_quick", run.dag_run_id, "greet", poll_interval=1, timeout=60))
    # the task's supervisor may still append its last records after the run shows success:
    # following reads at least what was there, in the same order
    assert followed[:len(lines)] == lines and len(followed) >= len(lines)


def test_the_session_runs_carry_their_conf_and_note(admin: TrackingApiClient, runs: Dict[str, str]) -> None:
    api = DagRunApi(admin)
    for dag_id, run_id in runs.items():
        run = api.get_dag_run(dag_id, run_id)
        assert (run.conf, run.note, run.triggering_user_name) == (RUN_CONF[dag_id], RUN_NOTE, "admin")
        assert run.dag_versions and run.dag_versions[0].dag_id == dag_id


def test_delete_a_dag(admin: TrackingApiClient) -> None:
    """Last in this file: the DAG goes with its runs (the dag-processor brings it back later)."""
    api = DAGApi(admin)
    assert api.get_dag("sdk_disposable").dag_id == "sdk_disposable"
    answer = api.delete_dag_with_http_info("sdk_disposable")
    assert (answer.status_code, answer.data) == (204, None)  # the spec says 200 with a body
    with pytest.raises(v2.NotFoundException):
        api.get_dag("sdk_disposable")
    with pytest.raises(v2.NotFoundException):
        api.delete_dag("sdk_disposable")
    assert TaskInstanceApi(admin).get_task_instances("~", "~", dag_id_pattern="sdk_disposable",
                                                     limit=1).total_entries == 0
