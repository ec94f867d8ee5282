"""DAGs, runs, task instances, logs, XComs against the real server, in the order a user works."""
from __future__ import annotations

import datetime as dt
from typing import Any, Dict

import pytest

import airflow_python_sdk as sdk
from airflow_python_sdk import apis, models

from .conftest import wait_for_run


def test_list_and_read_dags(admin: Any, airflow_major: int) -> None:
    api = apis.DAGApi(admin)
    ours = api.get_dags(tags=["sdk-test"], limit=100, order_by="dag_id")
    ids = [d.dag_id for d in ours.dags]
    assert ids == sorted(ids) and {"sdk_quick", "sdk_mapped", "sdk_xcom_types"} <= set(ids)
    assert ours.total_entries == len(ours.dags)
    dag = api.get_dag("sdk_quick")
    assert dag.dag_id == "sdk_quick" and {t.name for t in dag.tags} == {"sdk-test", "demo"}  # type: ignore[union-attr]
    assert dag.fileloc.endswith("sdk_quick.py")  # type: ignore[union-attr]
    narrow = api.get_dag("sdk_quick", fields=["dag_id", "is_paused"])
    assert set(narrow.to_dict()) == {"dag_id", "is_paused"}
    details = api.get_dag_details("sdk_quick")
    assert isinstance(details, models.DAGDetail) and details.catchup is False
    assert details.timezone and details.start_date == dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
    tasks = api.get_tasks("sdk_quick", order_by="task_id")
    assert [t.task_id for t in tasks.tasks] == ["finish", "greet"]
    greet = api.get_task("sdk_quick", "greet")
    # the Airflow 3 twin of sdk_quick (test/integration_v2/dags) writes its tasks with @task
    operator = {2: "PythonOperator", 3: "_PythonDecoratedOperator"}[airflow_major]
    assert greet.class_ref.class_name == operator and greet.downstream_task_ids == ["finish"]
    assert greet.retry_delay.seconds == 300 and greet.trigger_rule == models.TriggerRule.ALL_SUCCESS  # type: ignore[union-attr]


def test_dag_source_as_json_and_text(admin: Any) -> None:
    api = apis.DAGApi(admin)
    token = api.get_dag("sdk_quick").file_token
    source = api.get_dag_source(token)  # type: ignore[arg-type]
    assert 'dag_id="sdk_quick"' in source.content
    text = api.get_dag_source(token, _headers={"Accept": "text/plain"})  # type: ignore[arg-type]
    assert text == source.content
    assert api.reparse_dag_file(token) is None  # type: ignore[arg-type, func-returns-value]


def test_pause_through_patch_dags(admin: Any) -> None:
    api = apis.DAGApi(admin)
    result = api.patch_dags("sdk_disp%", models.DAG(is_paused=False), update_mask=["is_paused"])
    assert [d.dag_id for d in result.dags] == ["sdk_disposable"] and not result.dags[0].is_paused
    result = api.patch_dags("sdk_disp%", models.DAG(is_paused=True), update_mask=["is_paused"])
    assert result.dags[0].is_paused is True


def test_trigger_with_conf_and_read_everything(admin: Any, runs: Dict[str, str], airflow_major: int) -> None:
    run_id = runs["sdk_quick"]
    run = wait_for_run(admin, "sdk_quick", run_id)
    assert run.state == models.DagState.SUCCESS and run.conf == {"who": "sdk"}
    assert run.note == "triggered by the SDK tests" and run.run_type == "manual"
    ti_api = apis.TaskInstanceApi(admin)
    tis = ti_api.get_task_instances("sdk_quick", run_id)
    assert {t.task_id: t.state for t in tis.task_instances} == {"greet": "success", "finish": "success"}
    greet = ti_api.get_task_instance("sdk_quick", run_id, "greet")
    assert greet.try_number == 1 and greet.duration >= 0 and greet.end_date >= greet.start_date  # type: ignore[operator]
    # logs: JSON with a continuation token, then text/plain
    first = ti_api.get_log("sdk_quick", run_id, "greet", 1)
    if airflow_major == 2:
        assert "hello sdk, line 0" in first.content and first.continuation_token
        more = ti_api.get_log("sdk_quick", run_id, "greet", 1, token=first.continuation_token)
        assert isinstance(more.content, str)
    else:  # 3.3.2 answers a finished task's whole log at once, with no token to continue from
        assert "hello sdk, line 0" in first.content and "hello sdk, line 4" in first.content
        assert first.continuation_token is None
    text = ti_api.get_log("sdk_quick", run_id, "greet", 1, full_content=True,
                          _headers={"Accept": "text/plain"})
    assert isinstance(text, str) and "hello sdk, line 4" in text
    # The server answers a map of link name -> URL (not the spec's list): kept as extras.
    links = ti_api.get_extra_links("sdk_quick", run_id, "greet")
    assert isinstance(links, models.ExtraLinkCollection) and links.to_dict() == {}
    deps = ti_api.get_task_instance_dependencies("sdk_quick", run_id, "greet")
    assert isinstance(deps.dependencies, list)
    tries = ti_api.get_task_instance_tries("sdk_quick", run_id, "greet")
    assert tries.total_entries >= 1
    detail = ti_api.get_task_instance_try_details("sdk_quick", run_id, "greet", 1)
    assert detail.task_id == "greet" and detail.try_number == 1 and detail.state == "success"
    noted = ti_api.set_task_instance_note("sdk_quick", run_id, "greet",
                                          models.SetTaskInstanceNote(note="checked by SDK"))
    assert noted.note == "checked by SDK"
    xcom = apis.XComApi(admin).get_xcom_entry("sdk_quick", run_id, "greet", "return_value",
                                              stringify=False)
    assert xcom.value == {"greeted": "sdk"}


def test_xcoms_of_every_json_type(admin: Any, runs: Dict[str, str]) -> None:
    run_id = runs["sdk_xcom_types"]
    wait_for_run(admin, "sdk_xcom_types", run_id)
    api = apis.XComApi(admin)
    entries = api.get_xcom_entries("sdk_xcom_types", run_id, "push")
    keys = {e.key for e in entries.xcom_entries}
    assert {"a_string", "an_int", "a_float", "a_bool", "a_null", "a_list", "a_dict"} <= keys
    expected = {"a_string": "text ü", "an_int": 42, "a_float": 2.5, "a_bool": True, "a_null": None,
                "a_list": [1, "two", None, [3]], "a_dict": {"k": {"nested": [1, 2]}, "flag": False}}
    for key, value in expected.items():
        entry = api.get_xcom_entry("sdk_xcom_types", run_id, "push", key, stringify=False)
        assert entry.value == value, key
    as_text = api.get_xcom_entry("sdk_xcom_types", run_id, "push", "an_int")
    assert as_text.value == "42"
    only = api.get_xcom_entries("sdk_xcom_types", run_id, "push", xcom_key="a_dict")
    assert [e.key for e in only.xcom_entries] == ["a_dict"]


def test_mapped_task_instances(admin: Any, runs: Dict[str, str], airflow_major: int) -> None:
    run_id = runs["sdk_mapped"]
    wait_for_run(admin, "sdk_mapped", run_id)
    api = apis.TaskInstanceApi(admin)
    mapped = api.get_mapped_task_instances("sdk_mapped", run_id, "double")
    assert sorted(t.map_index for t in mapped.task_instances) == [0, 1, 2]  # type: ignore[type-var]
    if airflow_major == 2:  # 2.11.2 cannot sort mapped task instances by map_index
        with pytest.raises(sdk.BadRequestException, match="map_index"):
            api.get_mapped_task_instances("sdk_mapped", run_id, "double", order_by="map_index")
    else:  # 3.3.2 can
        ordered = api.get_mapped_task_instances("sdk_mapped", run_id, "double", order_by="-map_index")
        assert [t.map_index for t in ordered.task_instances] == [2, 1, 0]
    second = api.get_mapped_task_instance("sdk_mapped", run_id, "double", 1)
    assert second.map_index == 1 and second.state == "success"
    assert api.get_mapped_task_instance_dependencies("sdk_mapped", run_id, "double", 1).dependencies == []
    tries = api.get_mapped_task_instance_tries("sdk_mapped", run_id, "double", 2)
    assert tries.total_entries == 1
    detail = api.get_mapped_task_instance_try_details("sdk_mapped", run_id, "double", 2, 1)
    assert (detail.map_index, detail.try_number) == (2, 1)
    noted = api.set_mapped_task_instance_note("sdk_mapped", run_id, "double", 0,
                                              models.SetTaskInstanceNote(note="first"))
    assert noted.note == "first" and noted.map_index == 0
    preview = api.patch_mapped_task_instance("sdk_mapped", run_id, "double", 0,
                                             models.UpdateTaskInstance(dry_run=True, new_state="failed"))  # type: ignore[arg-type]
    assert preview.task_id == "double"
    assert api.get_mapped_task_instance("sdk_mapped", run_id, "double", 0).state == "success"
    total = apis.XComApi(admin).get_xcom_entry("sdk_mapped", run_id, "total", "return_value",
                                               stringify=False)
    assert total.value == 12
    log = api.get_log("sdk_mapped", run_id, "double", 1, map_index=2, full_content=True)
    assert "doubling 3" in log.content


def test_batch_endpoints(admin: Any, runs: Dict[str, str]) -> None:
    wait_for_run(admin, "sdk_quick", runs["sdk_quick"])
    batch = apis.DAGRunApi(admin).get_dag_runs_batch(models.ListDagRunsForm(
        dag_ids=["sdk_quick", "sdk_mapped"], order_by="dag_id", page_limit=10))
    assert {r.dag_id for r in batch.dag_runs} >= {"sdk_quick"}
    tis = apis.TaskInstanceApi(admin).get_task_instances_batch(models.ListTaskInstanceForm(
        dag_ids=["sdk_quick"], dag_run_ids=[runs["sdk_quick"]], state=["success"]))  # type: ignore[list-item]
    assert sorted(t.task_id for t in tis.task_instances) == ["finish", "greet"]
    everything = apis.DAGRunApi(admin).get_dag_runs("~", limit=100)
    assert runs["sdk_quick"] in {r.dag_run_id for r in everything.dag_runs}
    across = apis.TaskInstanceApi(admin).get_task_instances("~", "~", state=["success"], limit=100)
    assert "greet" in {t.task_id for t in across.task_instances}


def test_set_state_clear_and_rerun(admin: Any, runs: Dict[str, str]) -> None:
    run_id = runs["sdk_quick"]
    wait_for_run(admin, "sdk_quick", run_id)
    dag_api, ti_api = apis.DAGApi(admin), apis.TaskInstanceApi(admin)
    preview = dag_api.post_set_task_instances_state("sdk_quick", models.UpdateTaskInstancesState(
        dry_run=True, task_id="finish", dag_run_id=run_id, new_state="failed", include_upstream=False,  # type: ignore[arg-type]
        include_downstream=False, include_future=False, include_past=False))
    assert [r.task_id for r in preview.task_instances] == ["finish"]
    changed = ti_api.patch_task_instance("sdk_quick", run_id, "finish",
                                         models.UpdateTaskInstance(dry_run=False, new_state="failed"))  # type: ignore[arg-type]
    assert isinstance(changed, models.TaskInstanceReference)  # 2.11.2 answers {} here
    assert ti_api.get_task_instance("sdk_quick", run_id, "finish").state == models.TaskState.FAILED
    listed = dag_api.post_clear_task_instances("sdk_quick", models.ClearTaskInstances(
        dry_run=True, only_failed=True, dag_run_id=run_id))
    assert [r.task_id for r in listed.task_instances] == ["finish"]
    dry = apis.DAGRunApi(admin).clear_dag_run("sdk_quick", run_id, models.ClearDagRun(dry_run=True))
    assert isinstance(dry, models.TaskInstanceCollection) and len(dry.task_instances) == 2
    cleared = dag_api.post_clear_task_instances("sdk_quick", models.ClearTaskInstances(
        dry_run=False, only_failed=True, dag_run_id=run_id, reset_dag_runs=True))
    assert [r.task_id for r in cleared.task_instances] == ["finish"]
    rerun = wait_for_run(admin, "sdk_quick", run_id)
    assert rerun.state == "success"
    finish = ti_api.get_task_instance("sdk_quick", run_id, "finish")
    assert (finish.state, finish.try_number) == ("success", 2)
    assert ti_api.get_task_instance_tries("sdk_quick", run_id, "finish").total_entries == 2


def test_run_lifecycle_on_a_paused_dag(admin: Any) -> None:
    api = apis.DAGRunApi(admin)
    when = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    run = api.post_dag_run("sdk_disposable", models.DAGRun(dag_run_id="sdk_manual_1", logical_date=when,
                                                           conf={"nested": {"list": [1, None]}}))
    assert run.dag_run_id == "sdk_manual_1" and run.state == "queued" and run.logical_date == when
    with pytest.raises(sdk.ConflictException):
        api.post_dag_run("sdk_disposable", models.DAGRun(dag_run_id="sdk_manual_1"))
    with pytest.raises(sdk.BadRequestException) as bad:
        api.post_dag_run("sdk_disposable", {"conf": ["not", "an", "object"]})
    assert bad.value.problem.detail
    listed = api.get_dag_runs("sdk_disposable", execution_date_gte=when - dt.timedelta(seconds=1),
                              state=["queued"])
    assert [r.dag_run_id for r in listed.dag_runs] == ["sdk_manual_1"]
    failed = api.update_dag_run_state("sdk_disposable", "sdk_manual_1",
                                      models.UpdateDagRunState(state="failed"))
    assert failed.state == models.DagState.FAILED
    noted = api.set_dag_run_note("sdk_disposable", "sdk_manual_1", models.SetDagRunNote(note="n"))
    assert noted.note == "n"
    assert api.get_dag_run("sdk_disposable", "sdk_manual_1").note == "n"
    assert api.delete_dag_run("sdk_disposable", "sdk_manual_1") is None  # type: ignore[func-returns-value]
    with pytest.raises(sdk.NotFoundException):
        api.get_dag_run("sdk_disposable", "sdk_manual_1")


def test_stats_warnings_event_logs_import_errors(admin: Any, runs: Dict[str, str]) -> None:
    wait_for_run(admin, "sdk_quick", runs["sdk_quick"])
    stats = apis.DagStatsApi(admin).get_dag_stats("sdk_quick")
    counts = {s.state: s.count for s in stats.dags[0].stats}
    assert stats.dags[0].dag_id == "sdk_quick" and counts["success"] >= 1
    warnings = apis.DagWarningApi(admin).get_dag_warnings(limit=50)
    assert warnings.total_entries == len(warnings.dag_warnings)
    logs = apis.EventLogApi(admin).get_event_logs(dag_id="sdk_quick", limit=50, order_by="-when")
    assert logs.event_logs and all(e.dag_id == "sdk_quick" for e in logs.event_logs)
    one = apis.EventLogApi(admin).get_event_log(logs.event_logs[0].event_log_id)
    assert one.event_log_id == logs.event_logs[0].event_log_id and one.when is not None
    errors = apis.ImportErrorApi(admin).get_import_errors()
    broken = [e for e in errors.import_errors if e.filename.endswith("sdk_broken.py")]
    assert broken and "NameError" in broken[0].stack_trace
    again = apis.ImportErrorApi(admin).get_import_error(broken[0].import_error_id)
    assert again.filename == broken[0].filename


def test_delete_dag(admin: Any) -> None:
    api = apis.DAGApi(admin)
    assert api.get_dag("sdk_disposable").dag_id == "sdk_disposable"
    assert api.delete_dag("sdk_disposable") is None  # type: ignore[func-returns-value]
    with pytest.raises(sdk.NotFoundException):
        api.get_dag("sdk_disposable")
