"""Task instances: reading them (one, all, across DAGs, batches, mapped ones), their tries,
dependencies, links and logs; changing them (dry runs first), clearing and re-running; task
groups; bulk changes; deleting them; and the task state store."""
from __future__ import annotations

from typing import Dict, List

import pytest

import airflow_python_sdk.v2 as v2
from airflow_python_sdk.v2 import models as m
from airflow_python_sdk.v2.api.extra_links_api import ExtraLinksApi
from airflow_python_sdk.v2.api.task_instance_api import TaskInstanceApi
from airflow_python_sdk.v2.api.task_state_store_api import TaskStateStoreApi
from airflow_python_sdk.v2.api.x_com_api import XComApi
from airflow_python_sdk.v2.waiting import log_lines, record_line

from .conftest import RUN_CONF, SUFFIX, TrackingApiClient, queued_run, wait_for_run


def test_task_instances_of_a_finished_run(admin: TrackingApiClient, runs: Dict[str, str]) -> None:
    run_id = runs["sdk_quick"]
    wait_for_run(admin, "sdk_quick", run_id)
    api = TaskInstanceApi(admin)
    listed = api.get_task_instances("sdk_quick", run_id)
    assert sorted((str(t.task_id), t.state) for t in listed.task_instances) == [("finish", "success"),
                                                                               ("greet", "success")]
    with pytest.raises(v2.BadRequestException):  # task instances are not sortable by task_id
        api.get_task_instances("sdk_quick", run_id, order_by=["task_id"])
    greet = api.get_task_instance("sdk_quick", run_id, "greet")
    assert (greet.dag_id, greet.dag_run_id, greet.map_index, greet.try_number) == ("sdk_quick", run_id, -1, 1)
    assert greet.start_date is not None and greet.end_date is not None and greet.end_date >= greet.start_date
    assert greet.duration is not None and greet.duration >= 0 and greet.operator_name == "@task"
    across = api.get_task_instances("~", "~", dag_id_pattern="sdk_quick", task_id="greet",
                                    state=["success"], limit=100)
    assert (("sdk_quick", run_id) in {(t.dag_id, t.dag_run_id) for t in across.task_instances})
    assert {t.task_id for t in across.task_instances} == {"greet"}
    batch = api.get_task_instances_batch("~", "~", m.TaskInstancesBatchBody(
        dag_ids=["sdk_quick"], dag_run_ids=[run_id], state=[m.TaskInstanceState.SUCCESS],
        order_by="-start_date"))
    assert [t.task_id for t in batch.task_instances] == ["finish", "greet"]  # finish started last
    tries = api.get_task_instance_tries("sdk_quick", run_id, "greet")
    assert [t.try_number for t in tries.task_instances] == [1] and tries.total_entries == 1
    detail = api.get_task_instance_try_details("sdk_quick", run_id, "greet", 1)
    assert (detail.task_id, detail.try_number, detail.state) == ("greet", 1, "success")
    assert api.get_task_instance_dependencies("sdk_quick", run_id, "greet").dependencies == []
    links = api.get_extra_links("sdk_quick", run_id, "greet")
    same = ExtraLinksApi(admin).get_extra_links("sdk_quick", run_id, "greet")
    assert links.total_entries == len(links.extra_links) == 0 and same == links  # no links on @task
    with pytest.raises(v2.BadRequestException) as external:
        api.get_external_log_url("sdk_quick", run_id, "greet", 1)
    assert "does not support external logs" in str(external.value)  # the local file handler


def test_task_logs_as_records(admin: TrackingApiClient, runs: Dict[str, str]) -> None:
    run_id = runs["sdk_quick"]
    wait_for_run(admin, "sdk_quick", run_id)
    api = TaskInstanceApi(admin)
    page = api.get_log("sdk_quick", run_id, "greet", 1, full_content=True)
    records = page.content.actual_instance
    assert isinstance(records, list) and records
    events = [r.event if isinstance(r, m.StructuredLogMessage) else r for r in records]
    who = RUN_CONF["sdk_quick"]["who"]
    for n in range(5):
        assert f"hello {who}, line {n}" in events
    timed = [r for r in records if isinstance(r, m.StructuredLogMessage) and r.timestamp is not None]
    assert timed and all(r.timestamp.tzinfo is not None for r in timed if r.timestamp)
    streamed = list(api.get_log_stream("sdk_quick", run_id, "greet", 1))
    assert [line["event"] for line in streamed] == events
    mapped = api.get_log("sdk_mapped", runs["sdk_mapped"], "double", 1, map_index=2, full_content=True)
    mapped_events = [getattr(r, "event", r) for r in mapped.content.actual_instance or []]
    assert "doubling 3" in mapped_events and "doubling 1" not in mapped_events
    with pytest.raises(v2.ApiException) as refused:
        api.get_log("sdk_quick", run_id, "greet", 1, _headers={"Accept": "text/plain"})
    assert refused.value.status == 406  # no text/plain logs on Airflow 3


def test_task_logs_as_text_lines(admin: TrackingApiClient, runs: Dict[str, str]) -> None:
    run_id = runs["sdk_quick"]
    wait_for_run(admin, "sdk_quick", run_id)
    page = TaskInstanceApi(admin).get_log("sdk_quick", run_id, "greet", 1, full_content=True)
    records = page.content.actual_instance or []
    lines = log_lines(admin, "sdk_quick", run_id, "greet")
    assert lines == [record_line(r) for r in records]
    assert any(line.endswith(f"hello {RUN_CONF['sdk_quick']['who']}, line 0") for line in lines)


def test_mapped_task_instances(admin: TrackingApiClient, runs: Dict[str, str]) -> None:
    run_id = runs["sdk_mapped"]
    wait_for_run(admin, "sdk_mapped", run_id)
    api = TaskInstanceApi(admin)
    mapped = api.get_mapped_task_instances("sdk_mapped", run_id, "double", order_by=["map_index"])
    assert [(t.map_index, t.state) for t in mapped.task_instances] == [(0, "success"), (1, "success"),
                                                                      (2, "success")]
    second = api.get_mapped_task_instance("sdk_mapped", run_id, "double", 1)
    assert (second.task_id, second.map_index, second.state) == ("double", 1, "success")
    assert api.get_task_instance_dependencies_by_map_index("sdk_mapped", run_id, "double", 1).dependencies == []
    tries = api.get_mapped_task_instance_tries("sdk_mapped", run_id, "double", 2)
    assert [(t.map_index, t.try_number) for t in tries.task_instances] == [(2, 1)]
    detail = api.get_mapped_task_instance_try_details("sdk_mapped", run_id, "double", task_try_number=1,
                                                      map_index=2)
    assert (detail.map_index, detail.try_number, detail.state) == (2, 1, "success")
    preview = api.patch_task_instance_dry_run_by_map_index("sdk_mapped", run_id, "double", 0,
                                                           m.PatchTaskInstanceBody(new_state=m.TaskInstanceState.FAILED))
    assert [(t.task_id, t.map_index) for t in preview.task_instances] == [("double", 0)]
    assert api.get_mapped_task_instance("sdk_mapped", run_id, "double", 0).state == "success"
    noted = api.patch_task_instance_by_map_index("sdk_mapped", run_id, "double", 0,
                                                 m.PatchTaskInstanceBody(note="first of three"),
                                                 update_mask=["note"])
    assert [(t.map_index, t.note, t.state) for t in noted.task_instances] == [(0, "first of three", "success")]
    assert api.get_mapped_task_instance("sdk_mapped", run_id, "double", 0).note == "first of three"
    total = XComApi(admin).get_xcom_entry(dag_id="sdk_mapped", task_id="total", dag_run_id=run_id,
                                          xcom_key="return_value")
    assert total.value == sum(2 * x for x in (1, 2, 3))  # the DAG doubles [1, 2, 3] and adds them up


def test_mark_failed_clear_and_rerun(admin: TrackingApiClient, runs: Dict[str, str]) -> None:
    run_id = runs["sdk_quick"]
    wait_for_run(admin, "sdk_quick", run_id)
    api = TaskInstanceApi(admin)
    preview = api.patch_task_instance_dry_run("sdk_quick", run_id, "finish",
                                              m.PatchTaskInstanceBody(new_state=m.TaskInstanceState.FAILED))
    assert [t.task_id for t in preview.task_instances] == ["finish"]
    assert api.get_task_instance("sdk_quick", run_id, "finish").state == "success"
    changed = api.patch_task_instance("sdk_quick", run_id, "finish",
                                      m.PatchTaskInstanceBody(new_state=m.TaskInstanceState.FAILED,
                                                              note="failed on purpose"))
    assert [(t.task_id, t.state) for t in changed.task_instances] == [("finish", "failed")]
    finish = api.get_task_instance("sdk_quick", run_id, "finish")
    assert (finish.state, finish.note) == (m.TaskInstanceState.FAILED, "failed on purpose")
    listed = api.post_clear_task_instances("sdk_quick", m.ClearTaskInstancesBody(
        dry_run=True, only_failed=True, dag_run_id=run_id))
    assert [t.task_id for t in listed.task_instances] == ["finish"]
    cleared = api.post_clear_task_instances("sdk_quick", m.ClearTaskInstancesBody(
        dry_run=False, only_failed=True, dag_run_id=run_id, reset_dag_runs=True))
    assert [t.task_id for t in cleared.task_instances] == ["finish"]
    assert wait_for_run(admin, "sdk_quick", run_id).state == "success"
    rerun = api.get_task_instance("sdk_quick", run_id, "finish")
    assert (rerun.state, rerun.try_number) == ("success", 2)
    history = api.get_task_instance_tries("sdk_quick", run_id, "finish")
    assert sorted(t.try_number for t in history.task_instances) == [1, 2]
    assert api.get_task_instance("sdk_quick", run_id, "greet").try_number == 1  # only_failed


def test_task_group_bulk_and_delete(admin: TrackingApiClient) -> None:
    run_id = queued_run(admin, "sdk_backfill", "group", logical_date=None).dag_run_id
    api = TaskInstanceApi(admin)
    names = sorted(str(t.task_id) for t in api.get_task_instances("sdk_backfill", run_id).task_instances)
    assert names == ["section.first", "section.second"]
    blocked = api.get_task_instance_dependencies("sdk_backfill", run_id, "section.first")
    assert any("paused" in d.reason for d in blocked.dependencies)  # the DAG is paused
    preview = api.patch_task_group_instances_dry_run("sdk_backfill", run_id, "section",
                                                     m.PatchTaskInstanceBody(new_state=m.TaskInstanceState.SUCCESS))
    assert sorted(t.task_id for t in preview.task_instances) == names
    assert {t.state for t in api.get_task_instances("sdk_backfill", run_id).task_instances} == {None}
    done = api.patch_task_group_instances("sdk_backfill", run_id, "section",
                                          m.PatchTaskInstanceBody(new_state=m.TaskInstanceState.SUCCESS,
                                                                 note="group"))
    assert sorted(t.task_id for t in done.task_instances) == names
    now = {t.task_id: (t.state, t.note) for t in api.get_task_instances("sdk_backfill", run_id).task_instances}
    assert now == {n: ("success", "group") for n in names}
    bulk = api.bulk_task_instances("sdk_backfill", run_id, m.BulkBodyBulkTaskInstanceBody(actions=[
        m.BulkUpdateActionBulkTaskInstanceBody(action="update", entities=[
            m.BulkTaskInstanceBody(task_id="section.first", new_state=m.TaskInstanceState.FAILED, note="bulk")])]))
    assert bulk.update is not None and bulk.update.errors == []
    assert bulk.update.success == [f"sdk_backfill.{run_id}.section.first[-1]"]
    first = api.get_task_instance("sdk_backfill", run_id, "section.first")
    assert (first.state, first.note) == ("failed", "bulk")
    removed = api.bulk_task_instances("sdk_backfill", run_id, {"actions": [
        {"action": "delete", "entities": ["section.second"]}]})
    assert removed.delete is not None
    assert removed.delete.success == [f"sdk_backfill.{run_id}.section.second[-1]"]
    with pytest.raises(v2.NotFoundException):
        api.get_task_instance("sdk_backfill", run_id, "section.second")
    api.delete_task_instance("sdk_backfill", run_id, "section.first")
    with pytest.raises(v2.NotFoundException):
        api.get_task_instance("sdk_backfill", run_id, "section.first")
    assert api.get_task_instances("sdk_backfill", run_id).total_entries == 0


def test_task_state_store(admin: TrackingApiClient, runs: Dict[str, str]) -> None:
    run_id = runs["sdk_quick"]
    wait_for_run(admin, "sdk_quick", run_id)
    api = TaskStateStoreApi(admin)
    ti = ("sdk_quick", run_id, "greet")
    first, second = f"sdk_state_{SUFFIX}_1", f"sdk_state_{SUFFIX}_2"
    api.set_task_state_store(first, *ti, task_state_store_body=m.TaskStateStoreBody(value={"a": [1, 2]}))
    api.set_task_state_store(second, *ti, task_state_store_body=m.TaskStateStoreBody(
        value="text", expires_at="default"))
    got = api.get_task_state_store(first, *ti)
    assert (got.key, got.value) == (first, {"a": [1, 2]}) and got.updated_at is not None
    listed = api.list_task_state_store(*ti)
    values: Dict[str, object] = {e.key: e.value for e in listed.task_state_store}
    assert values == {first: {"a": [1, 2]}, second: "text"} and listed.total_entries == 2
    api.patch_task_state_store(first, *ti, task_state_store_patch_body=m.TaskStateStorePatchBody(value=5))
    assert api.get_task_state_store(first, *ti).value == 5
    api.delete_task_state_store(first, *ti)
    with pytest.raises(v2.NotFoundException):
        api.get_task_state_store(first, *ti)
    api.clear_task_state_store(*ti)
    emptied = api.list_task_state_store(*ti)
    keys: List[str] = [e.key for e in emptied.task_state_store]
    assert keys == [] and emptied.total_entries == 0
