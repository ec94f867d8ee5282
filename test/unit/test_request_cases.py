"""Request cases as a table: these arguments -> this HTTP request; this answer -> this value.

Every Api class appears; the expected paths and queries are written out by hand (not
derived from the operation records) so a wrong record fails here.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Callable, Dict, NamedTuple, Optional, Tuple

import pytest

from airflow_python_sdk import apis, models

UTC = dt.timezone.utc
T0 = dt.datetime(2024, 5, 1, 10, 0, tzinfo=UTC)
PLUS2 = dt.timezone(dt.timedelta(hours=2))


class Case(NamedTuple):
    api: str
    method: str
    args: Tuple[Any, ...]
    kwargs: Dict[str, Any]
    answer: Any
    http: str
    path: str
    query: str = ""
    body: Any = None
    check: Optional[Callable[[Any], bool]] = None
    status: int = 200


POOL = {"name": "p1", "slots": 4, "occupied_slots": 0, "running_slots": 0, "queued_slots": 0,
        "scheduled_slots": 0, "deferred_slots": 0, "open_slots": 4, "description": None,
        "include_deferred": False}
DAG = {"dag_id": "etl", "dag_display_name": "etl", "is_paused": True, "is_active": True,
       "tags": [{"name": "x"}], "owners": ["me"], "schedule_interval":
       {"__type": "CronExpression", "value": "0 * * * *"}, "next_dagrun": "2024-05-01T10:00:00+00:00"}
RUN = {"dag_id": "etl", "dag_run_id": "r1", "state": "queued", "conf": {"a": [1, 2]},
       "logical_date": "2024-05-01T10:00:00+00:00", "execution_date": "2024-05-01T10:00:00+00:00",
       "run_type": "manual", "note": None}
TI = {"task_id": "t", "dag_id": "etl", "dag_run_id": "r1", "state": "success", "map_index": -1,
      "try_number": 1, "start_date": "2024-05-01T10:00:01.5+00:00", "sla_miss": None}
EMPTY = None

CASES = [
    # Config
    Case("ConfigApi", "get_config", (), {"section": "core"}, {"sections": [{"name": "core", "options": [
        {"key": "dags_folder", "value": "/d"}]}]}, "GET", "/api/v1/config", "section=core",
        check=lambda r: isinstance(r, models.Config) and r.sections[0].options[0].value == "/d"),
    Case("ConfigApi", "get_value", ("core", "dags_folder"), {}, {"sections": []}, "GET",
         "/api/v1/config/section/core/option/dags_folder", check=lambda r: r.sections == []),
    # Connection
    Case("ConnectionApi", "get_connections", (), {"limit": 5, "offset": 10, "order_by": "-connection_id"},
         {"connections": [{"connection_id": "c", "conn_type": "http"}], "total_entries": 11}, "GET",
         "/api/v1/connections", "limit=5&offset=10&order_by=-connection_id",
         check=lambda r: r.total_entries == 11 and r.connections[0].conn_type == "http"),
    Case("ConnectionApi", "post_connection", (models.Connection(connection_id="c", conn_type="http",
         password="pw", extra='{"k": 1}'),), {}, {"connection_id": "c", "conn_type": "http"}, "POST",
         "/api/v1/connections", body={"connection_id": "c", "conn_type": "http", "password": "pw",
                                      "extra": '{"k": 1}'},
         check=lambda r: isinstance(r, models.Connection)),
    Case("ConnectionApi", "patch_connection", ("my conn/1", models.Connection(port=5432)),
         {"update_mask": ["port", "host"]}, {"connection_id": "my conn/1", "port": 5432}, "PATCH",
         "/api/v1/connections/my%20conn%2F1", "update_mask=port,host", body={"port": 5432},
         check=lambda r: r.port == 5432),
    Case("ConnectionApi", "delete_connection", ("c",), {}, EMPTY, "DELETE", "/api/v1/connections/c",
         check=lambda r: r is None, status=204),
    Case("ConnectionApi", "test_connection", (models.Connection(connection_id="c", conn_type="sqlite"),),
         {}, {"status": True, "message": "ok"}, "POST", "/api/v1/connections/test",
         body={"connection_id": "c", "conn_type": "sqlite"}, check=lambda r: r.status is True),
    # DAG
    Case("DAGApi", "get_dags", (), {"tags": ["etl", "daily"], "only_active": True, "limit": 2,
                                    "dag_id_pattern": "e%t"},
         {"dags": [DAG], "total_entries": 1}, "GET", "/api/v1/dags",
         "limit=2&tags=etl&tags=daily&only_active=true&dag_id_pattern=e%25t",
         check=lambda r: r.dags[0].schedule_interval.value == "0 * * * *"
         and isinstance(r.dags[0].schedule_interval, models.CronExpression)
         and r.dags[0].next_dagrun == T0),
    Case("DAGApi", "patch_dag", ("etl", models.DAG(is_paused=False)), {"update_mask": ["is_paused"]},
         dict(DAG, is_paused=False), "PATCH", "/api/v1/dags/etl", "update_mask=is_paused",
         body={"is_paused": False}, check=lambda r: r.is_paused is False),
    Case("DAGApi", "patch_dags", ("e*", models.DAG(is_paused=True)), {"only_active": False},
         {"dags": [], "total_entries": 0}, "PATCH", "/api/v1/dags", "only_active=false&dag_id_pattern=e%2A",
         body={"is_paused": True}, check=lambda r: r.dags == []),
    Case("DAGApi", "get_dag_details", ("etl",), {"fields": ["dag_id", "owners"]},
         {"dag_id": "etl", "owners": ["me"], "params": {"x": {"value": 1}}}, "GET",
         "/api/v1/dags/etl/details", "fields=dag_id&fields=owners",
         check=lambda r: isinstance(r, models.DAGDetail) and r.params == {"x": {"value": 1}}),
    Case("DAGApi", "delete_dag", ("etl",), {}, EMPTY, "DELETE", "/api/v1/dags/etl",
         check=lambda r: r is None, status=204),
    Case("DAGApi", "post_clear_task_instances", ("etl", models.ClearTaskInstances(
        dry_run=True, task_ids=["a"], start_date=T0)), {},
         {"task_instances": [{"task_id": "a", "dag_id": "etl", "dag_run_id": "r1",
                              "execution_date": "2024-05-01T10:00:00+00:00"}]}, "POST",
         "/api/v1/dags/etl/clearTaskInstances",
         body={"dry_run": True, "task_ids": ["a"], "start_date": "2024-05-01T10:00:00+00:00"},
         check=lambda r: r.task_instances[0].execution_date == "2024-05-01T10:00:00+00:00"
         and r.task_instances[0].as_datetime("execution_date") == T0),
    Case("DAGApi", "reparse_dag_file", ("tok.en",), {}, EMPTY, "PUT", "/api/v1/parseDagFile/tok.en",
         check=lambda r: r is None, status=201),
    Case("DAGApi", "get_dag_source", ("abc",), {}, {"content": "print(1)"}, "GET",
         "/api/v1/dagSources/abc", check=lambda r: r.content == "print(1)"),
    Case("DAGApi", "get_tasks", ("etl",), {"order_by": "task_id"}, {"tasks": [
        {"task_id": "t", "trigger_rule": "all_success", "extra_links": [{"class_ref": {
            "class_name": "L", "module_path": "m"}}], "retry_delay": {
            "__type": "TimeDelta", "days": 0, "seconds": 300, "microseconds": 0}}]}, "GET",
         "/api/v1/dags/etl/tasks", "order_by=task_id",
         check=lambda r: r.tasks[0].trigger_rule == models.TriggerRule.ALL_SUCCESS
         and r.tasks[0].extra_links[0].class_ref.class_name == "L"
         and r.tasks[0].retry_delay.seconds == 300),
    # DAGRun
    Case("DAGRunApi", "get_dag_runs", ("~",), {"execution_date_gte": dt.datetime(2024, 5, 1, 12, tzinfo=PLUS2),
                                              "state": ["success", "failed"], "limit": 3},
         {"dag_runs": [RUN], "total_entries": 1}, "GET", "/api/v1/dags/~/dagRuns",
         "limit=3&execution_date_gte=2024-05-01T12%3A00%3A00%2B02%3A00&state=success&state=failed",
         check=lambda r: r.dag_runs[0].conf == {"a": [1, 2]} and r.dag_runs[0].state == "queued"),
    Case("DAGRunApi", "post_dag_run", ("etl", models.DAGRun(dag_run_id="r1", logical_date=T0,
                                                          conf={"k": {"n": [1, None]}})), {},
         RUN, "POST", "/api/v1/dags/etl/dagRuns",
         body={"dag_run_id": "r1", "logical_date": "2024-05-01T10:00:00+00:00", "conf": {"k": {"n": [1, None]}}},
         check=lambda r: r.state == models.DagState.QUEUED and r.logical_date == T0),
    Case("DAGRunApi", "get_dag_runs_batch", (models.ListDagRunsForm(dag_ids=["a", "b"], page_limit=10),),
         {}, {"dag_runs": [], "total_entries": 0}, "POST", "/api/v1/dags/~/dagRuns/list",
         body={"dag_ids": ["a", "b"], "page_limit": 10}, check=lambda r: r.total_entries == 0),
    Case("DAGRunApi", "update_dag_run_state", ("etl", "r1", models.UpdateDagRunState(state="failed")),
         {}, dict(RUN, state="failed"), "PATCH", "/api/v1/dags/etl/dagRuns/r1",
         body={"state": "failed"}, check=lambda r: r.state == "failed"),
    Case("DAGRunApi", "clear_dag_run", ("etl", "r1", models.ClearDagRun(dry_run=True)), {},
         {"task_instances": [TI], "total_entries": 1}, "POST", "/api/v1/dags/etl/dagRuns/r1/clear",
         body={"dry_run": True}, check=lambda r: isinstance(r, models.TaskInstanceCollection)),
    Case("DAGRunApi", "clear_dag_run", ("etl", "r1", models.ClearDagRun(dry_run=False)), {},
         RUN, "POST", "/api/v1/dags/etl/dagRuns/r1/clear",
         body={"dry_run": False}, check=lambda r: isinstance(r, models.DAGRun)),
    Case("DAGRunApi", "set_dag_run_note", ("etl", "manual__2024-05-01T10:00:00+00:00",
                                          models.SetDagRunNote(note="n")), {}, dict(RUN, note="n"),
         "PATCH", "/api/v1/dags/etl/dagRuns/manual__2024-05-01T10%3A00%3A00%2B00%3A00/setNote",
         body={"note": "n"}, check=lambda r: r.note == "n"),
    # DagStats, DagWarning
    Case("DagStatsApi", "get_dag_stats", ("a,b",), {}, {"dags": [{"dag_id": "a", "stats": [
        {"state": "success", "count": 2}]}], "total_entries": 1}, "GET", "/api/v1/dagStats",
         "dag_ids=a%2Cb", check=lambda r: r.dags[0].stats[0].count == 2),
    Case("DagWarningApi", "get_dag_warnings", (), {"dag_id": "a", "warning_type": "x"},
         {"import_errors": [], "dag_warnings": [{"dag_id": "a", "warning_type": "x", "message": "m",
                                                  "timestamp": "2024-05-01T10:00:00+00:00"}],
          "total_entries": 1}, "GET", "/api/v1/dagWarnings", "dag_id=a&warning_type=x",
         check=lambda r: r.dag_warnings[0].timestamp == "2024-05-01T10:00:00+00:00"),
    # Dataset
    Case("DatasetApi", "get_dataset", ("s3://bucket/a b/ü",), {}, {"id": 1, "uri": "s3://bucket/a b/ü"},
         "GET", "/api/v1/datasets/s3%3A%2F%2Fbucket%2Fa%20b%2F%C3%BC",
         check=lambda r: r.uri == "s3://bucket/a b/ü"),
    Case("DatasetApi", "create_dataset_event", (models.CreateDatasetEvent(dataset_uri="s3://b/k",
                                                                        extra={"x": 1}),), {},
         {"dataset_id": 1, "dataset_uri": "s3://b/k", "extra": {"x": 1}, "created_dagruns": [],
          "timestamp": "2024-05-01T10:00:00+00:00"}, "POST", "/api/v1/datasets/events",
         body={"dataset_uri": "s3://b/k", "extra": {"x": 1}},
         check=lambda r: r.timestamp == "2024-05-01T10:00:00+00:00" and r.created_dagruns == []),
    Case("DatasetApi", "delete_dag_dataset_queued_events", ("etl",), {"before": T0}, EMPTY, "DELETE",
         "/api/v1/dags/etl/datasets/queuedEvent", "before=2024-05-01T10%3A00%3A00%2B00%3A00",
         check=lambda r: r is None, status=204),
    Case("DatasetApi", "get_upstream_dataset_events", ("etl", "r1"), {}, {"dataset_events": [],
                                                                         "total_entries": 0},
         "GET", "/api/v1/dags/etl/dagRuns/r1/upstreamDatasetEvents", check=lambda r: r.dataset_events == []),
    # EventLog, ImportError
    Case("EventLogApi", "get_event_logs", (), {"dag_id": "etl", "map_index": 0, "after": T0},
         {"event_logs": [{"event_log_id": 7, "when": "2024-05-01T10:00:00+00:00", "event": "x"}],
          "total_entries": 1}, "GET", "/api/v1/eventLogs",
         "dag_id=etl&map_index=0&after=2024-05-01T10%3A00%3A00%2B00%3A00",
         check=lambda r: r.event_logs[0].when == T0),
    Case("EventLogApi", "get_event_log", (7,), {}, {"event_log_id": 7}, "GET", "/api/v1/eventLogs/7",
         check=lambda r: r.event_log_id == 7),
    Case("ImportErrorApi", "get_import_errors", (), {"limit": 1}, {"import_errors": [
        {"import_error_id": 1, "filename": "f.py", "stack_trace": "boom"}], "total_entries": 1},
         "GET", "/api/v1/importErrors", "limit=1", check=lambda r: r.import_errors[0].stack_trace == "boom"),
    Case("ImportErrorApi", "get_import_error", (1,), {}, {"import_error_id": 1}, "GET",
         "/api/v1/importErrors/1", check=lambda r: isinstance(r, models.ImportError)),
    # Monitoring
    Case("MonitoringApi", "get_health", (), {}, {"metadatabase": {"status": "healthy"}, "scheduler": {
        "status": "healthy", "latest_scheduler_heartbeat": "2024-05-01T10:00:00+00:00"}}, "GET",
         "/api/v1/health", check=lambda r: r.scheduler.status == models.HealthStatus.HEALTHY
         and r.scheduler.latest_scheduler_heartbeat == "2024-05-01T10:00:00+00:00"
         and r.scheduler.as_datetime("latest_scheduler_heartbeat") == T0),
    Case("MonitoringApi", "get_version", (), {}, {"version": "2.11.2", "git_version": None}, "GET",
         "/api/v1/version", check=lambda r: r.version == "2.11.2"),
    # Permission, Plugin, Provider
    Case("PermissionApi", "get_permissions", (), {"limit": 2}, {"actions": [{"name": "can_read"}],
                                                                 "total_entries": 9},
         "GET", "/api/v1/permissions", "limit=2", check=lambda r: r.actions[0].name == "can_read"),
    Case("PluginApi", "get_plugins", (), {}, {"plugins": [{"name": "p", "hooks": ["h", None]}],
                                              "total_entries": 1},
         "GET", "/api/v1/plugins", check=lambda r: r.plugins[0].hooks == ["h", None]),
    Case("ProviderApi", "get_providers", (), {}, {"providers": [{"package_name": "apache-airflow-providers-http",
                                                                "version": "6.3.0"}], "total_entries": 1},
         "GET", "/api/v1/providers", check=lambda r: r.providers[0].version == "6.3.0"
         and r.total_entries == 1),
    # Pool
    Case("PoolApi", "get_pools", (), {"limit": 100}, {"pools": [POOL], "total_entries": 1}, "GET",
         "/api/v1/pools", "limit=100", check=lambda r: r.pools[0].deferred_slots == 0),
    Case("PoolApi", "get_pool", ("default pool",), {}, POOL, "GET", "/api/v1/pools/default%20pool",
         check=lambda r: r == models.Pool.from_dict(POOL)),
    Case("PoolApi", "post_pool", (models.Pool(name="p1", slots=4, description="d"),), {}, POOL, "POST",
         "/api/v1/pools", body={"name": "p1", "slots": 4, "description": "d"},
         check=lambda r: r.slots == 4),
    Case("PoolApi", "patch_pool", ("p1", models.Pool.from_dict(POOL)), {"update_mask": ["slots"]}, POOL,
         "PATCH", "/api/v1/pools/p1", "update_mask=slots",
         body={"name": "p1", "slots": 4, "description": None, "include_deferred": False},
         check=lambda r: r.name == "p1"),
    Case("PoolApi", "delete_pool", ("p1",), {}, EMPTY, "DELETE", "/api/v1/pools/p1",
         check=lambda r: r is None, status=204),
    # Role, User
    Case("RoleApi", "post_role", (models.Role(name="r", actions=[models.ActionResource(
        action=models.Action(name="can_read"), resource=models.Resource(name="DAGs"))]),), {},
         {"name": "r", "actions": [{"action": {"name": "can_read"}, "resource": {"name": "DAGs"}}]},
         "POST", "/api/v1/roles", body={"name": "r", "actions": [{"action": {"name": "can_read"},
                                                                  "resource": {"name": "DAGs"}}]},
         check=lambda r: r.actions[0].resource.name == "DAGs"),
    Case("RoleApi", "get_roles", (), {"order_by": "name"}, {"roles": [], "total_entries": 0}, "GET",
         "/api/v1/roles", "order_by=name", check=lambda r: r.roles == []),
    Case("RoleApi", "delete_role", ("r",), {}, EMPTY, "DELETE", "/api/v1/roles/r",
         check=lambda r: r is None, status=204),
    Case("UserApi", "patch_user", ("ann", models.User(email="a@x.io", roles=[{"name": "Viewer"}])),  # type: ignore[list-item]
         {"update_mask": ["email", "roles"]}, {"username": "ann", "email": "a@x.io",
                                              "roles": [{"name": "Viewer"}], "active": True},
         "PATCH", "/api/v1/users/ann", "update_mask=email,roles",
         body={"email": "a@x.io", "roles": [{"name": "Viewer"}]},
         check=lambda r: isinstance(r, models.UserCollectionItem) and r.roles[0].name == "Viewer"),
    Case("UserApi", "get_users", (), {"limit": 1}, {"users": [{"username": "ann", "last_login": None}],
                                                    "total_entries": 3},
         "GET", "/api/v1/users", "limit=1", check=lambda r: r.users[0].last_login is None),
    Case("UserApi", "post_user", (models.User(username="bob", email="b@x", first_name="B",
                                              last_name="C", password="pw", roles=[]),), {},
         {"username": "bob"}, "POST", "/api/v1/users",
         body={"username": "bob", "email": "b@x", "first_name": "B", "last_name": "C",
               "password": "pw", "roles": []}, check=lambda r: r.username == "bob"),
    # TaskInstance
    Case("TaskInstanceApi", "get_task_instances", ("etl", "r1"), {"state": ["success"],
                                                                  "duration_gte": 1.5, "pool": ["p"]},
         {"task_instances": [TI], "total_entries": 1}, "GET", "/api/v1/dags/etl/dagRuns/r1/taskInstances",
         "duration_gte=1.5&state=success&pool=p",
         check=lambda r: r.task_instances[0].state == models.TaskState.SUCCESS
         and r.task_instances[0].start_date == "2024-05-01T10:00:01.5+00:00"
         and r.task_instances[0].as_datetime("start_date") == T0 + dt.timedelta(seconds=1.5)),
    Case("TaskInstanceApi", "get_mapped_task_instance", ("etl", "r1", "t", 3), {}, dict(TI, map_index=3),
         "GET", "/api/v1/dags/etl/dagRuns/r1/taskInstances/t/3", check=lambda r: r.map_index == 3),
    Case("TaskInstanceApi", "get_log", ("etl", "r1", "t", 1), {"full_content": True, "token": "a+b/c=",
                                                              "map_index": -1},
         {"content": "line1\n", "continuation_token": "tok"}, "GET",
         "/api/v1/dags/etl/dagRuns/r1/taskInstances/t/logs/1",
         "full_content=true&map_index=-1&token=a%2Bb%2Fc%3D",
         check=lambda r: isinstance(r, models.InlineResponse200) and r.continuation_token == "tok"),
    Case("TaskInstanceApi", "get_task_instances_batch", (models.ListTaskInstanceForm(
        dag_ids=["etl"], state=["failed"], start_date_gte=T0),), {}, {"task_instances": [],  # type: ignore[list-item]
                                                                     "total_entries": 0},
         "POST", "/api/v1/dags/~/dagRuns/~/taskInstances/list",
         body={"dag_ids": ["etl"], "state": ["failed"], "start_date_gte": "2024-05-01T10:00:00+00:00"},
         check=lambda r: r.total_entries == 0),
    Case("TaskInstanceApi", "patch_task_instance", ("etl", "r1", "t", models.UpdateTaskInstance(
        dry_run=False, new_state="skipped")), {}, {"task_id": "t", "dag_id": "etl", "dag_run_id": "r1",  # type: ignore[arg-type]
                                                   "execution_date": "2024-05-01T10:00:00+00:00"},
         "PATCH", "/api/v1/dags/etl/dagRuns/r1/taskInstances/t",
         body={"dry_run": False, "new_state": "skipped"},
         check=lambda r: isinstance(r, models.TaskInstanceReference)),
    Case("TaskInstanceApi", "get_task_instance_tries", ("etl", "r1", "t"), {"limit": 2},
         {"task_instances": [dict(TI, try_number=2)], "total_entries": 2}, "GET",
         "/api/v1/dags/etl/dagRuns/r1/taskInstances/t/tries", "limit=2",
         check=lambda r: isinstance(r, models.TaskInstanceHistoryCollection)
         and r.task_instances[0].try_number == 2),
    Case("TaskInstanceApi", "get_task_instance_dependencies", ("etl", "r1", "t"), {},
         {"dependencies": [{"name": "Trigger Rule", "reason": "upstream failed"}]}, "GET",
         "/api/v1/dags/etl/dagRuns/r1/taskInstances/t/dependencies",
         check=lambda r: r.dependencies[0].reason == "upstream failed"),
    Case("TaskInstanceApi", "get_extra_links", ("etl", "r1", "t"), {"map_index": 1},
         {"extra_links": [{"class_ref": {"class_name": "L"}, "name": "n", "href": "http://x"}]},
         "GET", "/api/v1/dags/etl/dagRuns/r1/taskInstances/t/links", "map_index=1",
         check=lambda r: r.extra_links[0].href == "http://x"),
    # Variable
    Case("VariableApi", "get_variable", ("team/ключ",), {}, {"key": "team/ключ", "value": "v",
                                                             "description": None},
         "GET", "/api/v1/variables/team%2F%D0%BA%D0%BB%D1%8E%D1%87",
         check=lambda r: r.key == "team/ключ" and r.description is None),
    Case("VariableApi", "post_variables", (models.Variable(key="k", value="v", description="d"),), {},
         {"key": "k", "value": "v", "description": "d"}, "POST", "/api/v1/variables",
         body={"key": "k", "value": "v", "description": "d"}, check=lambda r: r.value == "v"),
    Case("VariableApi", "patch_variable", ("k", models.Variable(key="k", value="w")),
         {"update_mask": ["value"]}, {"key": "k", "value": "w"}, "PATCH", "/api/v1/variables/k",
         "update_mask=value", body={"key": "k", "value": "w"}, check=lambda r: r.value == "w"),
    Case("VariableApi", "delete_variable", ("k",), {}, EMPTY, "DELETE", "/api/v1/variables/k",
         check=lambda r: r is None, status=204),
    # XCom
    Case("XComApi", "get_xcom_entries", ("etl", "r1", "t"), {"xcom_key": "return_value", "map_index": 0},
         {"xcom_entries": [{"key": "return_value", "timestamp": "2024-05-01T10:00:00+00:00",
                            "map_index": 0}], "total_entries": 1}, "GET",
         "/api/v1/dags/etl/dagRuns/r1/taskInstances/t/xcomEntries", "map_index=0&xcom_key=return_value",
         check=lambda r: r.xcom_entries[0].timestamp == "2024-05-01T10:00:00+00:00"),
    Case("XComApi", "get_xcom_entry", ("etl", "r1", "t", "my key"), {"stringify": False, "deserialize": True},
         {"key": "my key", "value": {"a": [1, 2.5, None, True]}}, "GET",
         "/api/v1/dags/etl/dagRuns/r1/taskInstances/t/xcomEntries/my%20key",
         "deserialize=true&stringify=false", check=lambda r: r.value == {"a": [1, 2.5, None, True]}),
]


def _ids(case: Case) -> str:
    return f"{case.api}.{case.method}"


@pytest.mark.parametrize("case", CASES, ids=[_ids(c) for c in CASES])
def test_request_case(case: Case, server: Any, client: Any) -> None:
    server.reply(case.answer, status=case.status)
    api = getattr(apis, case.api)(client)
    result = getattr(api, case.method)(*case.args, **case.kwargs)
    sent = server.last
    assert sent.method == case.http
    assert sent.raw_path == case.path
    assert sent.raw_query == case.query
    assert sent.headers["Authorization"].startswith("Basic ")
    assert sent.headers["Accept"] == "application/json"
    if case.body is None:
        assert sent.body == b""
        assert "Content-Type" not in sent.headers
    else:
        assert sent.headers["Content-Type"] == "application/json"
        assert sent.json() == case.body
    assert case.check is not None and case.check(result), result


def test_every_api_class_has_a_case() -> None:
    assert {c.api for c in CASES} == set(apis.__all__)
