"""v2 request cases as a table: these arguments -> this HTTP request; this answer -> this value.

Every v2 Api class appears (all 28), the tricky ones more than once: path parameters holding
``/`` (pools, variables, XCom keys, state store keys: the server reads them as ``:path``),
the ``~`` wildcard, repeated-key query arrays, datetimes with an offset, header parameters,
bulk bodies, NDJSON and text/plain answers, 204s and the answers that are one of two models.
Method, path, query and body are written out by hand (not derived from the operation
records), so a wrong record fails here. Runs over a ``MockTransport``: no network.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Tuple
from urllib.parse import urlsplit

import pytest

import airflow_python_sdk.v2 as v2
import airflow_python_sdk.v2.api as v2_api
from airflow_python_sdk.transport import Headers, MockTransport, Request, Response
from airflow_python_sdk.v2 import ApiClient, Configuration
from airflow_python_sdk.v2 import models as m

UTC = dt.timezone.utc
PLUS2 = dt.timezone(dt.timedelta(hours=2))
T0 = dt.datetime(2024, 5, 1, 10, 0, tzinfo=UTC)
T1 = dt.datetime(2024, 5, 3, 10, 0, tzinfo=UTC)
NOON_PLUS2 = dt.datetime(2024, 5, 1, 12, 0, tzinfo=PLUS2)  # the same instant as T0
NOON_PLUS2_Q = "2024-05-01T12%3A00%3A00%2B02%3A00"
T0_Q = "2024-05-01T10%3A00%3A00%2B00%3A00"
T0_BODY = "2024-05-01T10:00:00+00:00"
HOST = "http://af:8080"
NDJSON = "application/x-ndjson"
TEXT = "text/plain; charset=utf-8"


class Case(NamedTuple):
    api: str
    method: str
    args: Tuple[Any, ...]
    kwargs: Dict[str, Any]
    answer: Any
    http: str
    path: str
    query: str = ""
    body: Any = None  # None: no body is sent
    check: Optional[Callable[[Any], bool]] = None
    status: int = 200
    answer_type: str = "application/json"
    accept: str = "application/json"
    headers: Optional[Dict[str, str]] = None  # more request headers expected, exactly once each
    defaults: Optional[Dict[str, Any]] = None  # spec defaults the body model sends besides `body`


# --------------------------------------------------------------------------- answers

def ts(text: str = "2024-05-01T10:00:00Z") -> str:
    return text


RUN: Dict[str, Any] = {
    "dag_run_id": "r1", "dag_id": "etl", "dag_display_name": "ETL", "logical_date": ts(),
    "queued_at": ts("2024-05-01T10:00:00.250000Z"), "start_date": ts("2024-05-01T10:00:01+00:00"),
    "end_date": None, "duration": None, "data_interval_start": ts(), "data_interval_end": ts(),
    "run_after": ts(), "last_scheduling_decision": None, "run_type": "manual", "state": "queued",
    "triggered_by": "rest_api", "triggering_user_name": "admin", "conf": {"a": [1, 2]},
    "note": None, "dag_versions": [], "bundle_version": None, "partition_key": None,
}
TI: Dict[str, Any] = {
    "id": "0195d3a4-8f4b-7bd2-9d6c-9b6a2f2f2b6e", "task_id": "t", "dag_id": "etl",
    "dag_run_id": "r1", "map_index": -1, "logical_date": ts(), "run_after": ts(),
    "start_date": ts("2024-05-01T10:00:01.5+00:00"), "end_date": None, "duration": 1.5,
    "state": "success", "try_number": 1, "max_tries": 0, "task_display_name": "t",
    "dag_display_name": "ETL", "hostname": "w1", "unixname": "airflow", "pool": "default_pool",
    "pool_slots": 1, "queue": "default", "priority_weight": 1, "operator": "BashOperator",
    "operator_name": "BashOperator", "queued_when": None, "scheduled_when": None, "pid": 7,
    "executor": None, "executor_config": "{}", "note": None, "rendered_map_index": None,
    "rendered_fields": {"bash_command": "echo 1"}, "trigger": None, "triggerer_job": None,
    "dag_version": None,
}
POOL: Dict[str, Any] = {"name": "team/p1", "slots": 4, "description": None, "include_deferred": False,
                        "occupied_slots": 1, "running_slots": 1, "queued_slots": 0,
                        "scheduled_slots": 0, "open_slots": 3, "deferred_slots": 0, "team_name": None}
CONN: Dict[str, Any] = {"connection_id": "c", "conn_type": "http", "description": None, "host": "h",
                        "login": None, "schema": "https", "port": 443, "password": None,
                        "extra": '{"k": 1}', "team_name": None}
VAR: Dict[str, Any] = {"key": "team/ключ", "value": "v", "description": None, "is_encrypted": True,
                       "team_name": None}
DAG: Dict[str, Any] = {
    "dag_id": "etl", "dag_display_name": "ETL", "is_paused": False, "is_stale": False,
    "last_parsed_time": ts(), "last_parse_duration": 0.5, "last_expired": None,
    "bundle_name": "dags-folder", "bundle_version": None, "relative_fileloc": "etl.py",
    "fileloc": "/opt/dags/etl.py", "description": None, "timetable_summary": "@daily",
    "timetable_description": "At 00:00", "tags": [{"name": "x", "dag_id": "etl", "dag_display_name": "ETL"}],
    "max_active_tasks": 16, "max_active_runs": 16, "max_consecutive_failed_dag_runs": 0,
    "has_task_concurrency_limits": False, "has_import_errors": False,
    "next_dagrun_logical_date": ts("2024-05-02T00:00:00Z"), "next_dagrun_data_interval_start": None,
    "next_dagrun_data_interval_end": None, "next_dagrun_run_after": ts("2024-05-02T00:00:00+00:00"),
    "owners": ["airflow"], "file_token": "tok", "is_backfillable": True,
    "timetable_periodic": True, "timetable_partitioned": False,
}
ASSET: Dict[str, Any] = {
    "id": 7, "name": "a", "uri": "s3://bucket/a b", "group": "asset", "extra": {"x": 1},
    "created_at": ts(), "updated_at": ts(), "scheduled_dags": [
        {"dag_id": "etl", "created_at": ts(), "updated_at": ts()}],
    "producing_tasks": [], "consuming_tasks": [], "aliases": [{"id": 1, "name": "al", "group": "asset"}],
    "watchers": [], "last_asset_event": {"id": 3, "timestamp": ts()},
}
ASSET_EVENT: Dict[str, Any] = {
    "id": 3, "asset_id": 7, "uri": "s3://bucket/a b", "name": "a", "group": "asset",
    "extra": {"x": 1}, "source_task_id": None, "source_dag_id": None, "source_run_id": None,
    "source_map_index": -1, "created_dagruns": [], "timestamp": ts(), "partition_key": None,
}
BACKFILL: Dict[str, Any] = {
    "id": 3, "dag_id": "etl", "dag_display_name": "ETL", "from_date": ts(),
    "to_date": ts("2024-05-03T10:00:00Z"), "dag_run_conf": {}, "is_paused": False,
    "reprocess_behavior": "failed", "max_active_runs": 2, "created_at": ts(),
    "completed_at": None, "updated_at": ts(),
}
XCOM: Dict[str, Any] = {
    "key": "my key/part", "timestamp": ts(), "logical_date": ts(), "map_index": -1,
    "task_id": "t", "dag_id": "etl", "run_id": "r1", "dag_display_name": "ETL",
    "task_display_name": "t", "run_after": ts(), "value": {"a": [1, 2.5, None, True]},
}
STATE: Dict[str, Any] = {"key": "team/k", "value": {"n": 1}, "updated_at": ts(), "expires_at": None}
LOG_LINES = [{"timestamp": ts(), "event": "line 1", "level": "info", "logger": "task"},
             {"timestamp": ts("2024-05-01T10:00:01Z"), "event": "line 2", "level": "error"}]
HITL: Dict[str, Any] = {"task_instance": TI, "options": ["yes", "no"], "subject": "Go?",
                        "body": None, "defaults": None, "multiple": False, "params": {},
                        "assigned_users": [], "created_at": ts(), "responded_by_user": None,
                        "responded_at": None, "chosen_options": None, "params_input": {},
                        "response_received": False}
OK: Dict[str, Any] = {"success": [], "errors": []}
NO_CONTENT = None


def runs(*items: Dict[str, Any]) -> Dict[str, Any]:
    return {"dag_runs": list(items), "total_entries": len(items)}


def tis(*items: Dict[str, Any]) -> Dict[str, Any]:
    return {"task_instances": list(items), "total_entries": len(items)}


def aware(value: Any) -> bool:
    return isinstance(value, dt.datetime) and value.tzinfo is not None


# 3.3.2 builds bulk bodies from its one-of wrappers; they stand for the value they hold here.
Wrap3: Any = m.ActionsInner3
Wrap2: Any = m.ActionsInner2
Ent3: Any = m.EntitiesInner3
TaskIds: Any = m.ClearTaskInstancesBodyTaskIdsInner

CASES: List[Case] = [
    # ------------------------------------------------------------------ Asset
    Case("AssetApi", "get_assets", (), {"limit": 2, "uri_pattern": "s3://%", "dag_ids": ["a", "b"],
                                        "only_active": True, "order_by": ["-id", "name"]},
         {"assets": [ASSET], "total_entries": 1}, "GET", "/api/v2/assets",
         "limit=2&uri_pattern=s3%3A%2F%2F%25&dag_ids=a&dag_ids=b&only_active=true&order_by=-id&order_by=name",
         check=lambda r: r.assets[0].uri == "s3://bucket/a b"
         and r.assets[0].created_at == T0 and r.assets[0].scheduled_dags[0].dag_id == "etl"
         and r.assets[0].aliases[0].name == "al" and r.assets[0].last_asset_event.id == 3
         and isinstance(r.assets[0], m.AssetResponse)),
    Case("AssetApi", "get_asset", (7,), {}, ASSET, "GET", "/api/v2/assets/7",
         check=lambda r: r.id == 7 and r.extra == {"x": 1} and aware(r.updated_at)),
    Case("AssetApi", "get_asset_events", (), {"asset_id": 7, "timestamp_gte": NOON_PLUS2,
                                              "order_by": ["-timestamp"], "source_map_index": -1},
         {"asset_events": [ASSET_EVENT], "total_entries": 1}, "GET", "/api/v2/assets/events",
         f"order_by=-timestamp&asset_id=7&source_map_index=-1&timestamp_gte={NOON_PLUS2_Q}",
         check=lambda r: r.asset_events[0].timestamp == T0 and r.asset_events[0].created_dagruns == []),
    Case("AssetApi", "create_asset_event", (m.CreateAssetEventsBody(asset_id=7, extra={"x": 1}),), {},
         ASSET_EVENT, "POST", "/api/v2/assets/events", body={"asset_id": 7, "extra": {"x": 1}},
         check=lambda r: isinstance(r, m.AssetEventResponse) and r.asset_id == 7),
    Case("AssetApi", "materialize_asset", (7,), {}, RUN, "POST", "/api/v2/assets/7/materialize",
         check=lambda r: isinstance(r, m.DAGRunResponse) and r.state == m.DagRunState.QUEUED),
    Case("AssetApi", "delete_asset_queued_events", (7,), {"before": "2024-05-01T10:00:00Z"}, NO_CONTENT,
         "DELETE", "/api/v2/assets/7/queuedEvents", "before=2024-05-01T10%3A00%3A00Z",
         check=lambda r: r is None, status=204),
    Case("AssetApi", "get_dag_asset_queued_event", ("etl", 7), {},
         {"dag_id": "etl", "asset_id": 7, "created_at": ts(), "dag_display_name": "ETL"}, "GET",
         "/api/v2/dags/etl/assets/7/queuedEvents", check=lambda r: r.created_at == T0),
    Case("AssetApi", "get_asset_aliases", (), {"name_pattern": "a%", "limit": 1},
         {"asset_aliases": [{"id": 1, "name": "al", "group": "asset"}], "total_entries": 1}, "GET",
         "/api/v2/assets/aliases", "limit=1&name_pattern=a%25",
         check=lambda r: r.asset_aliases[0].name == "al"),
    Case("AssetApi", "get_asset_alias", (1,), {}, {"id": 1, "name": "al", "group": "asset"}, "GET",
         "/api/v2/assets/aliases/1", check=lambda r: r["name"] == "al"),
    # ------------------------------------------------------------------ Asset state store
    Case("AssetStateStoreApi", "get_asset_state_store", ("team/k", 7), {},
         dict(STATE, last_updated_by={"kind": "api", "dag_id": None}), "GET",
         "/api/v2/assets/7/state-store/team%2Fk",
         check=lambda r: r.key == "team/k" and r.value == {"n": 1} and r.updated_at == T0),
    Case("AssetStateStoreApi", "set_asset_state_store", ("k", 7, m.AssetStateStoreBody(value=[1, None])),
         {}, NO_CONTENT, "PUT", "/api/v2/assets/7/state-store/k", body={"value": [1, None]},
         check=lambda r: r is None, status=204),
    Case("AssetStateStoreApi", "list_asset_state_store", (7,), {"limit": 5, "offset": 5},
         {"asset_state_store": [STATE], "total_entries": 6}, "GET", "/api/v2/assets/7/state-store",
         "limit=5&offset=5", check=lambda r: r.total_entries == 6 and r.asset_state_store[0].value == {"n": 1}),
    Case("AssetStateStoreApi", "delete_asset_state_store", ("a b/c", 7), {}, NO_CONTENT, "DELETE",
         "/api/v2/assets/7/state-store/a%20b%2Fc", check=lambda r: r is None, status=204),
    Case("AssetStateStoreApi", "clear_asset_state_store", (7,), {}, NO_CONTENT, "DELETE",
         "/api/v2/assets/7/state-store", check=lambda r: r is None, status=204),
    # ------------------------------------------------------------------ Backfill
    Case("BackfillApi", "create_backfill", (m.BackfillPostBody(
        dag_id="etl", from_date=T0, to_date=T1, reprocess_behavior=m.ReprocessBehavior.FAILED,
        max_active_runs=2, dag_run_conf={"k": "v"}),), {}, BACKFILL, "POST", "/api/v2/backfills",
         body={"dag_id": "etl", "from_date": T0_BODY, "to_date": "2024-05-03T10:00:00+00:00",
               "reprocess_behavior": "failed", "max_active_runs": 2, "dag_run_conf": {"k": "v"}},
         check=lambda r: r.reprocess_behavior == m.ReprocessBehavior.FAILED and r.to_date == T1, defaults={'run_backwards': False}),
    Case("BackfillApi", "create_backfill_dry_run", ({"dag_id": "etl", "from_date": "2024-05-01T10:00:00Z",
                                                     "to_date": "2024-05-03T10:00:00Z"},), {},
         {"backfills": [{"logical_date": ts(), "partition_key": None}], "total_entries": 1}, "POST",
         "/api/v2/backfills/dry_run",
         body={"dag_id": "etl", "from_date": "2024-05-01T10:00:00Z", "to_date": "2024-05-03T10:00:00Z"},
         check=lambda r: r.backfills[0].logical_date == T0, defaults={'run_backwards': False, 'max_active_runs': 10}),
    Case("BackfillApi", "list_backfills", ("etl",), {"limit": 1, "order_by": ["-id"]},
         {"backfills": [BACKFILL], "total_entries": 1}, "GET", "/api/v2/backfills",
         "dag_id=etl&limit=1&order_by=-id", check=lambda r: r.backfills[0].id == 3),
    Case("BackfillApi", "get_backfill", (3,), {}, BACKFILL, "GET", "/api/v2/backfills/3",
         check=lambda r: r.is_paused is False),
    Case("BackfillApi", "pause_backfill", (3,), {}, dict(BACKFILL, is_paused=True), "PUT",
         "/api/v2/backfills/3/pause", check=lambda r: r.is_paused is True),
    Case("BackfillApi", "unpause_backfill", (3,), {}, BACKFILL, "PUT", "/api/v2/backfills/3/unpause",
         check=lambda r: r.is_paused is False),
    Case("BackfillApi", "cancel_backfill", (3,), {}, dict(BACKFILL, completed_at=ts()), "PUT",
         "/api/v2/backfills/3/cancel", check=lambda r: r.completed_at == T0),
    # ------------------------------------------------------------------ Config (JSON and text/plain)
    Case("ConfigApi", "get_config", (), {"section": "core"}, {"sections": [{"name": "core", "options": [
        {"key": "dags_folder", "value": "/opt/dags"}, {"key": "x", "value": ["a", "b"]}]}]}, "GET",
         "/api/v2/config", "section=core",
         check=lambda r: isinstance(r, m.Config) and r.sections[0].options[0].key == "dags_folder"),
    Case("ConfigApi", "get_config_text", (), {"section": "core"}, "[core]\ndags_folder = /opt/dags\n",
         "GET", "/api/v2/config", "section=core", answer_type=TEXT, accept="text/plain",
         check=lambda r: r == "[core]\ndags_folder = /opt/dags\n"),
    Case("ConfigApi", "get_config", (), {"accept": "text/plain"}, "[core]\n", "GET", "/api/v2/config",
         answer_type=TEXT, accept="text/plain", check=lambda r: r == "[core]\n"),
    Case("ConfigApi", "get_config_value", ("core", "dags_folder"), {}, {"sections": [{"name": "core",
         "options": [{"key": "dags_folder", "value": "/opt/dags"}]}]}, "GET",
         "/api/v2/config/section/core/option/dags_folder",
         check=lambda r: r.sections[0].name == "core"),
    Case("ConfigApi", "get_config_value_text", ("core", "dags_folder"), {},
         "[core]\ndags_folder = /opt/dags\n", "GET", "/api/v2/config/section/core/option/dags_folder",
         answer_type=TEXT, accept="text/plain", check=lambda r: "dags_folder" in r),
    # ------------------------------------------------------------------ Connection
    Case("ConnectionApi", "get_connections", (), {"limit": 5, "offset": 10, "order_by": ["-connection_id"],
                                                  "connection_id_pattern": "my%"},
         {"connections": [CONN], "total_entries": 11}, "GET", "/api/v2/connections",
         "limit=5&offset=10&order_by=-connection_id&connection_id_pattern=my%25",
         check=lambda r: r.total_entries == 11 and r.connections[0].var_schema == "https"),
    Case("ConnectionApi", "get_connection", ("team/conn 1",), {}, dict(CONN, connection_id="team/conn 1"),
         "GET", "/api/v2/connections/team%2Fconn%201",
         check=lambda r: r.connection_id == "team/conn 1" and r.port == 443),
    Case("ConnectionApi", "post_connection", (m.ConnectionBody(
        connection_id="c", conn_type="http", var_schema="https", port=443, extra='{"k": 1}',
        password="pw"),), {}, CONN, "POST", "/api/v2/connections",
         body={"connection_id": "c", "conn_type": "http", "schema": "https", "port": 443,
               "extra": '{"k": 1}', "password": "pw"},
         check=lambda r: isinstance(r, m.ConnectionResponse) and r.var_schema == "https", status=201),
    Case("ConnectionApi", "patch_connection", ("c", m.ConnectionBody(connection_id="c", conn_type="http",
                                                                     host="h2", port=8443)),
         {"update_mask": ["host", "port"]}, dict(CONN, host="h2", port=8443), "PATCH",
         "/api/v2/connections/c", "update_mask=host&update_mask=port",
         body={"connection_id": "c", "conn_type": "http", "host": "h2", "port": 8443},
         check=lambda r: r.host == "h2"),
    Case("ConnectionApi", "delete_connection", ("c",), {}, NO_CONTENT, "DELETE", "/api/v2/connections/c",
         check=lambda r: r is None, status=204),
    Case("ConnectionApi", "test_connection", (m.ConnectionBody(connection_id="c", conn_type="sqlite"),), {},
         {"status": True, "message": "Connection successfully tested"}, "POST", "/api/v2/connections/test",
         body={"connection_id": "c", "conn_type": "sqlite"}, check=lambda r: r.status is True),
    Case("ConnectionApi", "create_default_connections", (), {}, NO_CONTENT, "POST",
         "/api/v2/connections/defaults", check=lambda r: r is None, status=204),
    Case("ConnectionApi", "enqueue_connection_test", (m.ConnectionTestRequestBody(
        connection_id="c", conn_type="http", host="h"),), {},
         {"token": "tok-1", "connection_id": "c", "state": "pending"}, "POST",
         "/api/v2/connections/enqueue-test", body={"connection_id": "c", "conn_type": "http", "host": "h"},
         check=lambda r: r.token == "tok-1", status=202, defaults={'commit_on_success': False}),
    Case("ConnectionApi", "get_connection_test", ("tok-1",), {},
         {"token": "tok-1", "connection_id": "c", "state": "success", "result_message": "ok",
          "created_at": ts()}, "GET", "/api/v2/connections/enqueue-test",
         headers={"Airflow-Connection-Test-Token": "tok-1"},
         check=lambda r: r.state == "success" and r.created_at == T0),
    Case("ConnectionApi", "bulk_connections", (m.BulkBodyConnectionBody(actions=[
        Wrap2(m.BulkCreateActionConnectionBody(action="create", entities=[
            m.ConnectionBody(connection_id="c1", conn_type="http")],
            action_on_existence=m.BulkActionOnExistence.OVERWRITE)),
        Wrap2(m.BulkUpdateActionConnectionBody(action="update", entities=[
            m.ConnectionBody(connection_id="c2", conn_type="http", host="h2")], update_mask=["host"],
            action_on_non_existence=m.BulkActionNotOnExistence.SKIP)),
        Wrap2(m.BulkDeleteActionConnectionBody(action="delete", entities=["c3"]))]),), {},
         {"create": {"success": ["c1"], "errors": []}, "update": {"success": ["c2"], "errors": []},
          "delete": {"success": [], "errors": [{"error": "c3 not found", "status_code": 404}]}},
         "PATCH", "/api/v2/connections",
         body={"actions": [
             {"action": "create", "entities": [{"connection_id": "c1", "conn_type": "http"}],
              "action_on_existence": "overwrite"},
             {"action": "update", "entities": [{"connection_id": "c2", "conn_type": "http", "host": "h2"}],
              "update_mask": ["host"], "action_on_non_existence": "skip"},
             {"action": "delete", "entities": ["c3"]}]},
         check=lambda r: r.create.success == ["c1"] and r.delete.errors[0]["status_code"] == 404),
    # ------------------------------------------------------------------ DAG
    Case("DAGApi", "get_dags", (), {"limit": 2, "tags": ["etl", "daily"], "dag_id_pattern": "e%t",
                                    "paused": False, "dag_run_start_date_gte": NOON_PLUS2,
                                    "dag_run_state": ["failed"], "order_by": ["-last_run_start_date"]},
         {"dags": [DAG], "total_entries": 1}, "GET", "/api/v2/dags",
         f"limit=2&tags=etl&tags=daily&dag_id_pattern=e%25t&paused=false&dag_run_start_date_gte={NOON_PLUS2_Q}"
         "&dag_run_state=failed&order_by=-last_run_start_date",
         check=lambda r: r.dags[0].tags[0].name == "x" and r.dags[0].next_dagrun_run_after ==
         dt.datetime(2024, 5, 2, tzinfo=UTC) and r.dags[0].is_stale is False),
    Case("DAGApi", "get_dag", ("etl",), {}, DAG, "GET", "/api/v2/dags/etl",
         check=lambda r: isinstance(r, m.DAGResponse) and r.owners == ["airflow"]),
    Case("DAGApi", "get_dag_details", ("etl",), {}, dict(DAG, catchup=False, concurrency=16,
                                                       render_template_as_native_obj=False,
                                                       params={"x": {"value": 1}}, timezone="UTC",
                                                       dag_run_timeout=None, start_date=ts()),
         "GET", "/api/v2/dags/etl/details",
         check=lambda r: isinstance(r, m.DAGDetailsResponse) and r.params == {"x": {"value": 1}}
         and r.start_date == T0 and r.catchup is False),
    Case("DAGApi", "patch_dag", ("etl", m.DAGPatchBody(is_paused=True)), {"update_mask": ["is_paused"]},
         dict(DAG, is_paused=True), "PATCH", "/api/v2/dags/etl", "update_mask=is_paused",
         body={"is_paused": True}, check=lambda r: r.is_paused is True),
    Case("DAGApi", "patch_dags", ({"is_paused": False},), {"dag_id_pattern": "etl_%", "limit": 10},
         {"dags": [], "total_entries": 0}, "PATCH", "/api/v2/dags", "limit=10&dag_id_pattern=etl_%25",
         body={"is_paused": False}, check=lambda r: r.dags == []),
    Case("DAGApi", "delete_dag", ("etl",), {}, None, "DELETE", "/api/v2/dags/etl",
         check=lambda r: r is None),
    Case("DAGApi", "get_dag_tags", (), {"tag_name_pattern": "e", "order_by": ["name"]},
         {"tags": ["etl", "daily"], "total_entries": 2}, "GET", "/api/v2/dagTags",
         "order_by=name&tag_name_pattern=e", check=lambda r: r.tags == ["etl", "daily"]),
    Case("DAGApi", "favorite_dag", ("etl",), {}, NO_CONTENT, "POST", "/api/v2/dags/etl/favorite",
         check=lambda r: r is None, status=204),
    Case("DAGApi", "unfavorite_dag", ("etl",), {}, NO_CONTENT, "POST", "/api/v2/dags/etl/unfavorite",
         check=lambda r: r is None, status=204),
    # ------------------------------------------------------------------ DAG parsing
    Case("DAGParsingApi", "reparse_dag_file", ("tok.en",), {}, None, "PUT", "/api/v2/parseDagFile/tok.en",
         check=lambda r: r is None, status=201),
    # ------------------------------------------------------------------ DagRun
    Case("DagRunApi", "get_dag_runs", ("~",), {"logical_date_gte": NOON_PLUS2, "state": ["success", "failed"],
                                              "order_by": ["-run_after", "dag_run_id"], "limit": 3},
         runs(RUN), "GET", "/api/v2/dags/~/dagRuns",
         f"limit=3&logical_date_gte={NOON_PLUS2_Q}&state=success&state=failed&order_by=-run_after&order_by=dag_run_id",
         check=lambda r: r.dag_runs[0].conf == {"a": [1, 2]} and r.dag_runs[0].state == "queued"
         and r.dag_runs[0].queued_at == T0 + dt.timedelta(seconds=0.25)),
    Case("DagRunApi", "get_dag_runs", ("etl",), {"run_after_gte": dt.datetime(2024, 5, 1, 10, 0, 0, 500000,
                                                                              tzinfo=UTC),
                                                 "run_type": ["manual", "backfill"], "dag_version": [1, 2],
                                                 "duration_gte": 1.5},
         runs(), "GET", "/api/v2/dags/etl/dagRuns",
         "run_after_gte=2024-05-01T10%3A00%3A00.500000%2B00%3A00&duration_gte=1.5&run_type=manual"
         "&run_type=backfill&dag_version=1&dag_version=2", check=lambda r: r.total_entries == 0),
    Case("DagRunApi", "get_dag_run", ("etl", "manual__2024-05-01T10:00:00+00:00"), {}, RUN, "GET",
         "/api/v2/dags/etl/dagRuns/manual__2024-05-01T10%3A00%3A00%2B00%3A00",
         check=lambda r: r.run_type == m.DagRunType.MANUAL and r.start_date == T0 + dt.timedelta(seconds=1)),
    Case("DagRunApi", "trigger_dag_run", ("etl", m.TriggerDAGRunPostBody(
        dag_run_id="r1", logical_date=T0, conf={"k": [1, None]}, note="n")), {}, RUN, "POST",
         "/api/v2/dags/etl/dagRuns",
         body={"dag_run_id": "r1", "logical_date": T0_BODY, "conf": {"k": [1, None]}, "note": "n"},
         check=lambda r: r.state == m.DagRunState.QUEUED and r.logical_date == T0),
    Case("DagRunApi", "trigger_dag_run", ("etl", m.TriggerDAGRunPostBody()), {}, RUN, "POST",
         "/api/v2/dags/etl/dagRuns", body={"logical_date": None}, check=lambda r: r.dag_run_id == "r1"),
    Case("DagRunApi", "trigger_dag_run", ("etl", {"logical_date": None, "conf": {}}), {}, RUN, "POST",
         "/api/v2/dags/etl/dagRuns", body={"logical_date": None, "conf": {}},
         check=lambda r: r.triggered_by == m.DagRunTriggeredByType.REST_API),
    Case("DagRunApi", "patch_dag_run", ("etl", "r1", m.DAGRunPatchBody(state=m.DagRunMutableStates.FAILED)),
         {"update_mask": ["state"]}, dict(RUN, state="failed"), "PATCH", "/api/v2/dags/etl/dagRuns/r1",
         "update_mask=state", body={"state": "failed"}, check=lambda r: r.state == "failed"),
    Case("DagRunApi", "delete_dag_run", ("etl", "r1"), {}, NO_CONTENT, "DELETE",
         "/api/v2/dags/etl/dagRuns/r1", check=lambda r: r is None, status=204),
    Case("DagRunApi", "clear_dag_run", ("etl", "r1", m.DAGRunClearBody(dry_run=True)), {}, tis(TI),
         "POST", "/api/v2/dags/etl/dagRuns/r1/clear", body={"dry_run": True},
         check=lambda r: isinstance(r.actual_instance, m.ClearTaskInstanceCollectionResponse)
         and r.actual_instance.task_instances[0].actual_instance.task_id == "t", defaults={'only_failed': False, 'only_new': False}),
    Case("DagRunApi", "clear_dag_run", ("etl", "r1", m.DAGRunClearBody(dry_run=False, only_failed=True)), {},
         RUN, "POST", "/api/v2/dags/etl/dagRuns/r1/clear", body={"dry_run": False, "only_failed": True},
         check=lambda r: isinstance(r.actual_instance, m.DAGRunResponse) and r.actual_instance.dag_run_id == "r1", defaults={'only_new': False}),
    Case("DagRunApi", "clear_dag_runs", ("etl", m.BulkDAGRunClearBody(
        dag_runs=[m.BulkDAGRunBody(dag_run_id="r1")], dry_run=False)), {}, runs(RUN), "POST",
         "/api/v2/dags/etl/clearDagRuns", body={"dag_runs": [{"dag_run_id": "r1"}], "dry_run": False},
         check=lambda r: isinstance(r.actual_instance, m.DAGRunCollectionResponse)
         and r.actual_instance.dag_runs[0].dag_run_id == "r1", defaults={'only_failed': False, 'only_new': False}),
    Case("DagRunApi", "clear_dag_runs", ("etl", {"dry_run": True}), {},
         tis({"task_id": "new_task", "task_display_name": "New task"}), "POST",
         "/api/v2/dags/etl/clearDagRuns", body={"dry_run": True},
         check=lambda r: isinstance(r.actual_instance, m.ClearTaskInstanceCollectionResponse)
         and isinstance(r.actual_instance.task_instances[0], m.NewTaskResponse), defaults={'only_failed': False, 'only_new': False}),
    Case("DagRunApi", "get_list_dag_runs_batch", ("~", m.DAGRunsBatchBody(
        dag_ids=["a", "b"], states=[m.DagRunState.FAILED], page_limit=10, run_after_gte=NOON_PLUS2)), {},
         runs(), "POST", "/api/v2/dags/~/dagRuns/list",
         body={"dag_ids": ["a", "b"], "states": ["failed"], "page_limit": 10,
               "run_after_gte": "2024-05-01T12:00:00+02:00"}, check=lambda r: r.total_entries == 0, defaults={'page_offset': 0}),
    Case("DagRunApi", "get_upstream_asset_events", ("etl", "r1"), {},
         {"asset_events": [ASSET_EVENT], "total_entries": 1}, "GET",
         "/api/v2/dags/etl/dagRuns/r1/upstreamAssetEvents", check=lambda r: r.asset_events[0].id == 3),
    Case("DagRunApi", "bulk_dag_runs", ("etl", m.BulkBodyBulkDAGRunBody(actions=[
        m.BulkUpdateActionBulkDAGRunBody(action="update", entities=[
            m.BulkDAGRunBody(dag_run_id="r1", state=m.DagRunMutableStates.SUCCESS)], update_mask=["state"]),
        m.BulkDeleteActionBulkDAGRunBody(action="delete", entities=["r2"],
                                         action_on_non_existence=m.BulkActionNotOnExistence.SKIP)])), {},
         {"update": {"success": ["r1"], "errors": []}, "delete": {"success": ["r2"], "errors": []}},
         "PATCH", "/api/v2/dags/etl/dagRuns",
         body={"actions": [{"action": "update", "entities": [{"dag_run_id": "r1", "state": "success"}],
                            "update_mask": ["state"]},
                           {"action": "delete", "entities": ["r2"], "action_on_non_existence": "skip"}]},
         check=lambda r: r.update.success == ["r1"] and r.delete.success == ["r2"]),
    Case("DagRunApi", "clear_dag_run_partitions", ("etl", m.ClearPartitionsBody(partition_key="2024-05",
                                                                                 dry_run=True)), {},
         {"dag_runs_cleared": 2, "task_instances_cleared": 5, "dry_run": True}, "POST",
         "/api/v2/dags/etl/clearPartitions", body={"partition_key": "2024-05", "dry_run": True},
         check=lambda r: r.task_instances_cleared == 5, defaults={'clear_task_instances': False}),
    Case("DagRunApi", "wait_dag_run_until_finished", ("etl", "r1", 1.5), {"result": ["t1", "t2"]},
         [{"state": "running"}, {"state": "success", "results": {"t1": 1}}], "GET",
         "/api/v2/dags/etl/dagRuns/r1/wait", "interval=1.5&result=t1&result=t2", answer_type=NDJSON,
         check=lambda r: r == [{"state": "running"}, {"state": "success", "results": {"t1": 1}}]),
    Case("DagRunApi", "wait_dag_run_until_finished_stream", ("etl", "r1", 2), {},
         [{"state": "running"}, {"state": "failed"}], "GET", "/api/v2/dags/etl/dagRuns/r1/wait",
         "interval=2", answer_type=NDJSON, accept=NDJSON,
         check=lambda r: r == [{"state": "running"}, {"state": "failed"}]),
    # ------------------------------------------------------------------ DagSource (JSON and text/plain)
    Case("DagSourceApi", "get_dag_source", ("etl",), {"version_number": 2},
         {"content": "print(1)\n", "dag_id": "etl", "version_number": 2, "dag_display_name": "ETL"},
         "GET", "/api/v2/dagSources/etl", "version_number=2",
         check=lambda r: isinstance(r, m.DAGSourceResponse) and r.content == "print(1)\n"),
    Case("DagSourceApi", "get_dag_source_text", ("etl",), {}, "print(1)\n", "GET", "/api/v2/dagSources/etl",
         answer_type=TEXT, accept="text/plain", check=lambda r: r == "print(1)\n"),
    Case("DagSourceApi", "get_dag_source", ("etl",), {"accept": "text/plain"}, "print(1)\n", "GET",
         "/api/v2/dagSources/etl", answer_type=TEXT, accept="text/plain", check=lambda r: r == "print(1)\n"),
    # ------------------------------------------------------------------ DagStats, DagVersion, DagWarning
    Case("DagStatsApi", "get_dag_stats", (), {"dag_ids": ["a", "b,c"]}, {"dags": [
        {"dag_id": "a", "dag_display_name": "A", "stats": [{"state": "success", "count": 2}]}],
        "total_entries": 1}, "GET", "/api/v2/dagStats", "dag_ids=a&dag_ids=b%2Cc",
         check=lambda r: r.dags[0].stats[0].count == 2 and r.dags[0].stats[0].state == m.DagRunState.SUCCESS),
    Case("DagVersionApi", "get_dag_version", ("etl", 3), {},
         {"id": "0195d3a4-8f4b-7bd2-9d6c-9b6a2f2f2b6e", "version_number": 3, "dag_id": "etl",
          "bundle_name": "dags-folder", "bundle_version": None, "created_at": ts(), "bundle_url": None,
          "dag_display_name": "ETL"}, "GET", "/api/v2/dags/etl/dagVersions/3",
         check=lambda r: r.version_number == 3 and r.created_at == T0),
    Case("DagVersionApi", "get_dag_versions", ("~",), {"order_by": ["-version_number"], "bundle_name": "b"},
         {"dag_versions": [], "total_entries": 0}, "GET", "/api/v2/dags/~/dagVersions",
         "bundle_name=b&order_by=-version_number", check=lambda r: r.dag_versions == []),
    Case("DagWarningApi", "list_dag_warnings", (), {"dag_id": "etl", "warning_type": "non-existent pool"},
         {"dag_warnings": [{"dag_id": "etl", "warning_type": "non-existent pool", "message": "m",
                            "timestamp": ts(), "dag_display_name": "ETL"}], "total_entries": 1},
         "GET", "/api/v2/dagWarnings", "dag_id=etl&warning_type=non-existent%20pool",
         check=lambda r: r.dag_warnings[0].warning_type == m.DagWarningType("non-existent pool")
         and r.dag_warnings[0].timestamp == T0),
    # ------------------------------------------------------------------ EventLog, ExtraLinks, ImportError, Job
    Case("EventLogApi", "get_event_logs", (), {"dag_id": "etl", "after": T0, "order_by": ["-when"],
                                               "excluded_events": ["cli_task_run", "x"], "map_index": 0},
         {"event_logs": [{"event_log_id": 7, "when": ts(), "event": "trigger", "dag_id": "etl",
                          "extra": None}], "total_entries": 1}, "GET", "/api/v2/eventLogs",
         f"order_by=-when&dag_id=etl&map_index=0&excluded_events=cli_task_run&excluded_events=x&after={T0_Q}",
         check=lambda r: r.event_logs[0].when == T0),
    Case("EventLogApi", "get_event_log", (7,), {}, {"event_log_id": 7, "when": ts(), "event": "x"}, "GET",
         "/api/v2/eventLogs/7", check=lambda r: r.event_log_id == 7),
    Case("ExtraLinksApi", "get_extra_links", ("etl", "r1", "t"), {"map_index": 1},
         {"extra_links": {"Docs": "http://x"}, "total_entries": 1}, "GET",
         "/api/v2/dags/etl/dagRuns/r1/taskInstances/t/links", "map_index=1",
         check=lambda r: r.extra_links == {"Docs": "http://x"}),
    Case("ImportErrorApi", "get_import_errors", (), {"filename_pattern": "dags/%", "order_by": ["-timestamp"]},
         {"import_errors": [{"import_error_id": 1, "filename": "f.py", "stack_trace": "boom",
                             "timestamp": ts(), "bundle_name": None}], "total_entries": 1}, "GET",
         "/api/v2/importErrors", "order_by=-timestamp&filename_pattern=dags%2F%25",
         check=lambda r: r.import_errors[0].stack_trace == "boom"),
    Case("ImportErrorApi", "get_import_error", (1,), {}, {"import_error_id": 1, "filename": "f.py",
                                                          "stack_trace": "boom", "timestamp": ts()},
         "GET", "/api/v2/importErrors/1", check=lambda r: isinstance(r, m.ImportErrorResponse)),
    Case("JobApi", "get_jobs", (), {"is_alive": True, "start_date_gte": NOON_PLUS2, "limit": 1,
                                    "job_type": "SchedulerJob"},
         {"jobs": [{"id": 1, "job_type": "SchedulerJob", "state": "running", "latest_heartbeat": ts(),
                    "start_date": ts(), "end_date": None}], "total_entries": 1}, "GET", "/api/v2/jobs",
         f"is_alive=true&start_date_gte={NOON_PLUS2_Q}&limit=1&job_type=SchedulerJob",
         check=lambda r: r.jobs[0].latest_heartbeat == T0),
    # ------------------------------------------------------------------ Login, Monitor, Plugin, Provider, Version
    Case("LoginApi", "login", (), {"next": "/home"}, None, "GET", "/api/v2/auth/login", "next=%2Fhome",
         check=lambda r: r is None),
    Case("LoginApi", "logout", (), {}, None, "GET", "/api/v2/auth/logout", check=lambda r: r is None),
    Case("MonitorApi", "get_health", (), {}, {
        "metadatabase": {"status": "healthy"},
        "scheduler": {"status": "healthy", "latest_scheduler_heartbeat": "2024-05-01T10:00:00+00:00"},
        "triggerer": {"status": None, "latest_triggerer_heartbeat": None}, "dag_processor": None},
         "GET", "/api/v2/monitor/health",
         check=lambda r: r.scheduler.status == "healthy"  # the spec types the heartbeat as a string
         and r.scheduler.latest_scheduler_heartbeat == "2024-05-01T10:00:00+00:00"
         and r.triggerer.status is None and r.dag_processor is None),
    Case("PluginApi", "get_plugins", (), {"limit": 5}, {"plugins": [{
        "name": "p", "macros": [], "flask_blueprints": [], "fastapi_apps": [], "fastapi_root_middlewares": [],
        "external_views": [], "react_apps": [], "appbuilder_views": [], "appbuilder_menu_items": [],
        "global_operator_extra_links": [], "operator_extra_links": [], "source": "$PLUGINS/p.py",
        "listeners": [], "timetables": []}], "total_entries": 1}, "GET", "/api/v2/plugins", "limit=5",
         check=lambda r: r.plugins[0].source == "$PLUGINS/p.py"),
    Case("PluginApi", "import_errors", (), {}, {"import_errors": [{"source": "p.py", "error": "boom"}],
                                                "total_entries": 1}, "GET", "/api/v2/plugins/importErrors",
         check=lambda r: r.import_errors[0].error == "boom"),
    Case("ProviderApi", "get_providers", (), {"limit": 1, "offset": 2}, {"providers": [
        {"package_name": "apache-airflow-providers-http", "description": "HTTP", "version": "5.3.0",
         "documentation_url": None}], "total_entries": 3}, "GET", "/api/v2/providers", "limit=1&offset=2",
         check=lambda r: r.providers[0].version == "5.3.0" and r.total_entries == 3),
    Case("VersionApi", "get_version", (), {}, {"version": "3.3.2", "git_version": None}, "GET",
         "/api/v2/version", check=lambda r: r.version == "3.3.2" and r.git_version is None),
    # ------------------------------------------------------------------ Pool
    Case("PoolApi", "get_pools", (), {"limit": 100, "order_by": ["name"], "pool_name_pattern": "team/%"},
         {"pools": [POOL], "total_entries": 1}, "GET", "/api/v2/pools",
         "limit=100&order_by=name&pool_name_pattern=team%2F%25",
         check=lambda r: r.pools[0].open_slots == 3 and r.pools[0].name == "team/p1"),
    Case("PoolApi", "get_pool", ("team/p1",), {}, POOL, "GET", "/api/v2/pools/team%2Fp1",
         check=lambda r: r == m.PoolResponse.from_dict(POOL)),
    Case("PoolApi", "get_pool", ("default pool",), {}, dict(POOL, name="default pool"), "GET",
         "/api/v2/pools/default%20pool", check=lambda r: r.name == "default pool"),
    Case("PoolApi", "post_pool", (m.PoolBody(name="p1", slots=4, description="d"),), {},
         dict(POOL, name="p1", description="d"), "POST", "/api/v2/pools",
         body={"name": "p1", "slots": 4, "description": "d"}, check=lambda r: r.slots == 4, status=201, defaults={'include_deferred': False}),
    Case("PoolApi", "patch_pool", ("team/p1", m.PoolPatchBody(pool="team/p1", slots=3, include_deferred=False)),
         {"update_mask": ["slots", "include_deferred"]}, dict(POOL, slots=3), "PATCH", "/api/v2/pools/team%2Fp1",
         "update_mask=slots&update_mask=include_deferred",
         body={"pool": "team/p1", "slots": 3, "include_deferred": False}, check=lambda r: r.slots == 3),
    Case("PoolApi", "delete_pool", ("team/p1",), {}, NO_CONTENT, "DELETE", "/api/v2/pools/team%2Fp1",
         check=lambda r: r is None, status=204),
    Case("PoolApi", "patch_pool", ("p1", {"slots": 5, "pool": "p1", "include_deferred": True}, ["slots"]), {},
         dict(POOL, name="p1", slots=5), "PATCH", "/api/v2/pools/p1", "update_mask=slots",
         body={"slots": 5, "pool": "p1", "include_deferred": True}, check=lambda r: r.slots == 5),
    Case("PoolApi", "get_pool_with_http_info", ("p1",), {}, dict(POOL, name="p1"), "GET", "/api/v2/pools/p1",
         check=lambda r: r.status_code == 200 and r.data.name == "p1" and json.loads(r.raw_data)["name"] == "p1"
         and r.headers["Content-Type"] == "application/json"),
    Case("PoolApi", "delete_pool_with_http_info", ("p1",), {}, NO_CONTENT, "DELETE", "/api/v2/pools/p1",
         check=lambda r: r.status_code == 204 and r.data is None, status=204),
    Case("PoolApi", "bulk_pools", (m.BulkBodyPoolBody(actions=[
        Wrap3(m.BulkCreateActionPoolBody(action="create", entities=[m.PoolBody(name="a", slots=1)],
                                         action_on_existence=m.BulkActionOnExistence.SKIP)),
        Wrap3(m.BulkUpdateActionPoolBody(action="update", entities=[m.PoolBody(name="b", slots=2)],
                                         update_mask=["slots"])),
        Wrap3(m.BulkDeleteActionPoolBody(action="delete", entities=[Ent3("c"), "d"],
                                         action_on_non_existence=m.BulkActionNotOnExistence.FAIL))]),), {},
         {"create": {"success": ["a"], "errors": []}, "update": OK, "delete": OK}, "PATCH", "/api/v2/pools",
         body={"actions": [
             # include_deferred: PoolBody sends its spec default (the server requires it here)
             {"action": "create", "entities": [{"name": "a", "slots": 1, "include_deferred": False}],
              "action_on_existence": "skip"},
             {"action": "update", "entities": [{"name": "b", "slots": 2, "include_deferred": False}],
              "update_mask": ["slots"]},
             {"action": "delete", "entities": ["c", "d"], "action_on_non_existence": "fail"}]},
         check=lambda r: r.create.success == ["a"] and r.update.success == []),
    # ------------------------------------------------------------------ Task
    Case("TaskApi", "get_tasks", ("etl",), {"order_by": "task_id"}, {"tasks": [{
        "task_id": "t", "task_display_name": "t", "owner": "me", "start_date": ts(), "end_date": None,
        "trigger_rule": "all_success", "depends_on_past": False, "wait_for_downstream": False,
        "retries": 1, "queue": "default", "pool": "default_pool", "pool_slots": 1,
        "execution_timeout": None, "retry_delay": {"__type": "TimeDelta", "days": 0, "seconds": 300,
                                                   "microseconds": 0},
        "retry_exponential_backoff": 0, "priority_weight": 1, "weight_rule": "downstream",
        "ui_color": "#fff", "ui_fgcolor": "#000", "template_fields": ["bash_command"],
        "downstream_task_ids": [], "doc_md": None, "operator_name": "BashOperator", "params": {},
        "class_ref": {"module_path": "airflow.providers.standard.operators.bash", "class_name": "BashOperator"},
        "is_mapped": False, "extra_links": []}], "total_entries": 1}, "GET", "/api/v2/dags/etl/tasks",
         "order_by=task_id",
         check=lambda r: r.tasks[0].retry_delay.seconds == 300 and r.tasks[0].start_date == T0
         and r.tasks[0].class_ref["class_name"] == "BashOperator"),
    Case("TaskApi", "get_task", ("etl", "group.t"), {}, {"task_id": "group.t", "depends_on_past": False,
                                                         "wait_for_downstream": False, "extra_links": [],
                                                         "retry_exponential_backoff": 0},
         "GET", "/api/v2/dags/etl/tasks/group.t", check=lambda r: r.task_id == "group.t"),
    # ------------------------------------------------------------------ TaskInstance
    Case("TaskInstanceApi", "get_task_instances", ("etl", "r1"), {
        "start_date_gte": NOON_PLUS2, "duration_gte": 1.5, "state": ["success", "failed"], "pool": ["p"],
        "order_by": ["-start_date"], "limit": 10},
         tis(TI), "GET", "/api/v2/dags/etl/dagRuns/r1/taskInstances",
         f"start_date_gte={NOON_PLUS2_Q}&duration_gte=1.5&state=success&state=failed&pool=p&limit=10"
         "&order_by=-start_date",
         check=lambda r: r.task_instances[0].state == m.TaskInstanceState.SUCCESS
         and r.task_instances[0].start_date == T0 + dt.timedelta(seconds=1.5)
         and r.task_instances[0].rendered_fields == {"bash_command": "echo 1"}),
    Case("TaskInstanceApi", "get_task_instances", ("~", "~"), {"task_id": "t"}, tis(), "GET",
         "/api/v2/dags/~/dagRuns/~/taskInstances", "task_id=t", check=lambda r: r.total_entries == 0),
    Case("TaskInstanceApi", "get_task_instance", ("etl", "r1", "t"), {}, TI, "GET",
         "/api/v2/dags/etl/dagRuns/r1/taskInstances/t",
         check=lambda r: str(r.id) == TI["id"] and r.try_number == 1),
    Case("TaskInstanceApi", "get_mapped_task_instance", ("etl", "r1", "t", 3), {}, dict(TI, map_index=3),
         "GET", "/api/v2/dags/etl/dagRuns/r1/taskInstances/t/3", check=lambda r: r.map_index == 3),
    Case("TaskInstanceApi", "get_mapped_task_instances", ("etl", "r1", "t"), {"map_index": [0, 1]},
         tis(), "GET", "/api/v2/dags/etl/dagRuns/r1/taskInstances/t/listMapped",
         "map_index=0&map_index=1", check=lambda r: r.task_instances == []),
    Case("TaskInstanceApi", "get_task_instances_batch", ("~", "~", m.TaskInstancesBatchBody(
        dag_ids=["etl"], state=[m.TaskInstanceState.FAILED], start_date_gte=T0)), {}, tis(), "POST",
         "/api/v2/dags/~/dagRuns/~/taskInstances/list",
         body={"dag_ids": ["etl"], "state": ["failed"], "start_date_gte": T0_BODY},
         check=lambda r: r.total_entries == 0, defaults={'page_offset': 0, 'page_limit': 100}),
    Case("TaskInstanceApi", "patch_task_instance", ("etl", "r1", "t", m.PatchTaskInstanceBody(
        new_state=m.TaskInstanceState.SKIPPED, note="n")), {"map_index": -1, "update_mask": ["new_state"]},
         tis(dict(TI, state="skipped")), "PATCH", "/api/v2/dags/etl/dagRuns/r1/taskInstances/t",
         "map_index=-1&update_mask=new_state", body={"new_state": "skipped", "note": "n"},
         check=lambda r: r.task_instances[0].state == "skipped", defaults={'include_upstream': False, 'include_downstream': False, 'include_future': False, 'include_past': False}),
    Case("TaskInstanceApi", "patch_task_instance_dry_run", ("etl", "r1", "t", {"new_state": "failed"}), {},
         tis(TI), "PATCH", "/api/v2/dags/etl/dagRuns/r1/taskInstances/t/dry_run",
         body={"new_state": "failed"}, check=lambda r: r.total_entries == 1, defaults={'include_upstream': False, 'include_downstream': False, 'include_future': False, 'include_past': False}),
    Case("TaskInstanceApi", "patch_task_instance_by_map_index", ("etl", "r1", "t", 2,
                                                                 m.PatchTaskInstanceBody(note="x")), {},
         tis(dict(TI, map_index=2)), "PATCH", "/api/v2/dags/etl/dagRuns/r1/taskInstances/t/2",
         body={"note": "x"}, check=lambda r: r.task_instances[0].map_index == 2, defaults={'include_upstream': False, 'include_downstream': False, 'include_future': False, 'include_past': False}),
    Case("TaskInstanceApi", "patch_task_group_instances", ("etl", "r1", "grp",
                                                           m.PatchTaskInstanceBody(new_state="failed")),  # type: ignore[arg-type]
         {},
         tis(), "PATCH", "/api/v2/dags/etl/dagRuns/r1/taskGroupInstances/grp", body={"new_state": "failed"},
         check=lambda r: r.total_entries == 0, defaults={'include_upstream': False, 'include_downstream': False, 'include_future': False, 'include_past': False}),
    Case("TaskInstanceApi", "post_clear_task_instances", ("etl", m.ClearTaskInstancesBody(
        dry_run=True, only_failed=False, task_ids=["a", TaskIds(["b", 2])], start_date=T0)), {}, tis(TI),
         "POST", "/api/v2/dags/etl/clearTaskInstances",
         body={"dry_run": True, "only_failed": False, "task_ids": ["a", ["b", 2]], "start_date": T0_BODY},
         check=lambda r: r.task_instances[0].task_id == "t", defaults={'only_running': False, 'reset_dag_runs': True, 'include_upstream': False, 'include_downstream': False, 'include_future': False, 'include_past': False, 'prevent_running_task': False}),
    Case("TaskInstanceApi", "get_log", ("etl", "r1", "t", 1), {"full_content": True, "map_index": -1,
                                                               "token": "a+b/c="},
         {"content": LOG_LINES, "continuation_token": "tok"}, "GET",
         "/api/v2/dags/etl/dagRuns/r1/taskInstances/t/logs/1", "full_content=true&map_index=-1&token=a%2Bb%2Fc%3D",
         check=lambda r: r.continuation_token == "tok"
         and r.content[0].event == "line 1" and r.content[0].timestamp == T0
         and r.content[0].additional_properties["level"] == "info"
         and isinstance(r, m.TaskInstancesLogResponse)),
    Case("TaskInstanceApi", "get_log_stream", ("etl", "r1", "t", 1), {"map_index": 0}, LOG_LINES, "GET",
         "/api/v2/dags/etl/dagRuns/r1/taskInstances/t/logs/1", "map_index=0", answer_type=NDJSON,
         accept=NDJSON, check=lambda r: [line["event"] for line in r] == ["line 1", "line 2"]),
    Case("TaskInstanceApi", "get_log", ("etl", "r1", "t", 2), {"accept": NDJSON}, LOG_LINES, "GET",
         "/api/v2/dags/etl/dagRuns/r1/taskInstances/t/logs/2", answer_type=NDJSON, accept=NDJSON,
         check=lambda r: [line["event"] for line in r] == ["line 1", "line 2"]),
    Case("TaskInstanceApi", "get_task_instance_tries", ("etl", "r1", "t"), {"map_index": 0},
         tis(dict(TI, try_number=2)), "GET", "/api/v2/dags/etl/dagRuns/r1/taskInstances/t/tries",
         "map_index=0", check=lambda r: isinstance(r, m.TaskInstanceHistoryCollectionResponse)
         and r.task_instances[0].try_number == 2),
    Case("TaskInstanceApi", "get_task_instance_try_details", ("etl", "r1", "t", 2), {},
         dict(TI, try_number=2), "GET", "/api/v2/dags/etl/dagRuns/r1/taskInstances/t/tries/2",
         check=lambda r: isinstance(r, m.TaskInstanceHistoryResponse) and r.try_number == 2),
    Case("TaskInstanceApi", "get_mapped_task_instance_try_details", ("etl", "r1", "t", 2, 5), {},
         dict(TI, try_number=2, map_index=5), "GET",
         "/api/v2/dags/etl/dagRuns/r1/taskInstances/t/5/tries/2", check=lambda r: r.map_index == 5),
    Case("TaskInstanceApi", "get_task_instance_dependencies", ("etl", "r1", "t"), {},
         {"dependencies": [{"name": "Trigger Rule", "reason": "upstream failed"}]}, "GET",
         "/api/v2/dags/etl/dagRuns/r1/taskInstances/t/dependencies",
         check=lambda r: r.dependencies[0].reason == "upstream failed"),
    Case("TaskInstanceApi", "get_external_log_url", ("etl", "r1", "t", 1), {"map_index": 4},
         {"url": "https://logs/x"}, "GET", "/api/v2/dags/etl/dagRuns/r1/taskInstances/t/externalLogUrl/1",
         "map_index=4", check=lambda r: r.url == "https://logs/x"),
    Case("TaskInstanceApi", "get_hitl_detail", ("etl", "r1", "t", -1), {}, HITL, "GET",
         "/api/v2/dags/etl/dagRuns/r1/taskInstances/t/-1/hitlDetails",
         check=lambda r: r.options == ["yes", "no"] and r.task_instance.task_id == "t"),
    Case("TaskInstanceApi", "update_hitl_detail", ("etl", "r1", "t", -1,
                                                   m.UpdateHITLDetailPayload(chosen_options=["yes"])), {},
         {"response_received": True, "chosen_options": ["yes"], "responded_at": ts(),
          "responded_by": {"id": "1", "name": "admin"}, "params_input": {}}, "PATCH",
         "/api/v2/dags/etl/dagRuns/r1/taskInstances/t/-1/hitlDetails", body={"chosen_options": ["yes"]},
         check=lambda r: r.chosen_options == ["yes"] and r.responded_by.name == "admin"
         and r.responded_at == T0),
    Case("TaskInstanceApi", "get_hitl_details", ("~", "~"), {"response_received": False, "limit": 5},
         {"hitl_details": [HITL], "total_entries": 1}, "GET", "/api/v2/dags/~/dagRuns/~/hitlDetails",
         "limit=5&response_received=false", check=lambda r: r.hitl_details[0].subject == "Go?"),
    Case("TaskInstanceApi", "delete_task_instance", ("etl", "r1", "t"), {"map_index": 2}, None, "DELETE",
         "/api/v2/dags/etl/dagRuns/r1/taskInstances/t", "map_index=2", check=lambda r: r is None),
    Case("TaskInstanceApi", "bulk_task_instances", ("etl", "r1", m.BulkBodyBulkTaskInstanceBody(actions=[
        m.BulkUpdateActionBulkTaskInstanceBody(action="update", entities=[m.BulkTaskInstanceBody(
            task_id="t", map_index=0, new_state=m.TaskInstanceState.SUCCESS)])])), {},
         {"update": {"success": ["t"], "errors": []}}, "PATCH", "/api/v2/dags/etl/dagRuns/r1/taskInstances",
         body={"actions": [{"action": "update", "entities": [{
             "task_id": "t", "map_index": 0, "new_state": "success", "include_upstream": False,
             "include_downstream": False, "include_future": False, "include_past": False}]}]},
         check=lambda r: r.update.success == ["t"] and r.create is None),
    # ------------------------------------------------------------------ Task state store
    Case("TaskStateStoreApi", "get_task_state_store", ("team/k", "etl", "r1", "t"), {"map_index": 0},
         STATE, "GET", "/api/v2/dags/etl/dagRuns/r1/taskInstances/t/state-store/team%2Fk", "map_index=0",
         check=lambda r: r.value == {"n": 1} and r.expires_at is None),
    Case("TaskStateStoreApi", "set_task_state_store", ("k", "etl", "r1", "t", m.TaskStateStoreBody(
        value={"a": 1}, expires_at=T1)), {}, NO_CONTENT, "PUT",
         "/api/v2/dags/etl/dagRuns/r1/taskInstances/t/state-store/k",
         body={"value": {"a": 1}, "expires_at": "2024-05-03T10:00:00+00:00"},
         check=lambda r: r is None, status=204),
    Case("TaskStateStoreApi", "patch_task_state_store", ("k", "etl", "r1", "t", m.TaskStateStorePatchBody(
        value=2)), {"map_index": 1}, None, "PATCH",
         "/api/v2/dags/etl/dagRuns/r1/taskInstances/t/state-store/k", "map_index=1", body={"value": 2},
         check=lambda r: r is None),
    Case("TaskStateStoreApi", "list_task_state_store", ("etl", "r1", "t"), {"limit": 10},
         {"task_state_store": [STATE], "total_entries": 1}, "GET",
         "/api/v2/dags/etl/dagRuns/r1/taskInstances/t/state-store", "limit=10",
         check=lambda r: r.task_state_store[0].key == "team/k" and r.task_state_store[0].updated_at == T0),
    Case("TaskStateStoreApi", "delete_task_state_store", ("a/b/c", "etl", "r1", "t"), {}, NO_CONTENT,
         "DELETE", "/api/v2/dags/etl/dagRuns/r1/taskInstances/t/state-store/a%2Fb%2Fc",
         check=lambda r: r is None, status=204),
    Case("TaskStateStoreApi", "clear_task_state_store", ("etl", "r1", "t"), {"all_map_indices": True},
         NO_CONTENT, "DELETE", "/api/v2/dags/etl/dagRuns/r1/taskInstances/t/state-store",
         "all_map_indices=true", check=lambda r: r is None, status=204),
    # ------------------------------------------------------------------ Variable
    Case("VariableApi", "get_variable", ("team/ключ",), {}, VAR, "GET",
         "/api/v2/variables/team%2F%D0%BA%D0%BB%D1%8E%D1%87",
         check=lambda r: r.key == "team/ключ" and r.is_encrypted is True and r.description is None),
    Case("VariableApi", "get_variables", (), {"variable_key_pattern": "a_%", "order_by": ["key"], "limit": 2},
         {"variables": [VAR], "total_entries": 1}, "GET", "/api/v2/variables",
         "limit=2&order_by=key&variable_key_pattern=a_%25", check=lambda r: r.variables[0].value == "v"),
    Case("VariableApi", "post_variable", (m.VariableBody(key="k", value="v", description="d"),), {},
         dict(VAR, key="k", description="d"), "POST", "/api/v2/variables",
         body={"key": "k", "value": "v", "description": "d"}, check=lambda r: r.key == "k", status=201),
    Case("VariableApi", "patch_variable", ("team/k", m.VariableBody(key="team/k", value={"a": 1})),
         {"update_mask": ["value"]}, dict(VAR, key="team/k", value='{"a": 1}'), "PATCH",
         "/api/v2/variables/team%2Fk", "update_mask=value", body={"key": "team/k", "value": {"a": 1}},
         check=lambda r: r.value == '{"a": 1}'),
    Case("VariableApi", "delete_variable", ("team/k",), {}, NO_CONTENT, "DELETE", "/api/v2/variables/team%2Fk",
         check=lambda r: r is None, status=204),
    Case("VariableApi", "bulk_variables", ({"actions": [
        {"action": "create", "entities": [{"key": "a", "value": "1"}], "action_on_existence": "skip"},
        {"action": "delete", "entities": ["b"], "action_on_non_existence": "skip"}]},), {},
         {"create": {"success": ["a"], "errors": []}, "delete": {"success": ["b"], "errors": []}},
         "PATCH", "/api/v2/variables",
         body={"actions": [
             {"action": "create", "entities": [{"key": "a", "value": "1"}], "action_on_existence": "skip"},
             {"action": "delete", "entities": ["b"], "action_on_non_existence": "skip"}]},
         check=lambda r: r.delete.success == ["b"]),
    # ------------------------------------------------------------------ XCom
    Case("XComApi", "get_xcom_entries", ("etl", "r1", "t"), {"xcom_key": "return_value", "map_index": 0,
                                                             "limit": 5},
         {"xcom_entries": [{k: v for k, v in XCOM.items() if k != "value"}], "total_entries": 1}, "GET",
         "/api/v2/dags/etl/dagRuns/r1/taskInstances/t/xcomEntries", "xcom_key=return_value&map_index=0&limit=5",
         check=lambda r: r.xcom_entries[0].timestamp == T0 and r.xcom_entries[0].key == "my key/part"),
    Case("XComApi", "get_xcom_entries", ("~", "~", "~"), {"xcom_key_pattern": "return_%"},
         {"xcom_entries": [], "total_entries": 0}, "GET",
         "/api/v2/dags/~/dagRuns/~/taskInstances/~/xcomEntries", "xcom_key_pattern=return_%25",
         check=lambda r: r.total_entries == 0),
    Case("XComApi", "get_xcom_entry", ("etl", "t", "r1", "my key/part"), {"map_index": -1, "deserialize": True,
                                                                         "stringify": False},
         XCOM, "GET", "/api/v2/dags/etl/dagRuns/r1/taskInstances/t/xcomEntries/my%20key%2Fpart",
         "map_index=-1&deserialize=true&stringify=false",
         check=lambda r: isinstance(r.actual_instance, m.XComResponseNative)
         and r.actual_instance.value == {"a": [1, 2.5, None, True]}),
    Case("XComApi", "create_xcom_entry", ("etl", "t", "r1", m.XComCreateBody(key="k", value={"a": 1})), {},
         dict(XCOM, key="k", value={"a": 1}), "POST", "/api/v2/dags/etl/dagRuns/r1/taskInstances/t/xcomEntries",
         body={"key": "k", "value": {"a": 1}}, check=lambda r: r.value == {"a": 1}, status=201, defaults={'map_index': -1}),
    Case("XComApi", "update_xcom_entry", ("etl", "t", "r1", "a/b", m.XComUpdateBody(value=2, map_index=0)), {},
         dict(XCOM, key="a/b", value=2), "PATCH",
         "/api/v2/dags/etl/dagRuns/r1/taskInstances/t/xcomEntries/a%2Fb", body={"value": 2, "map_index": 0},
         check=lambda r: r.value == 2),
    Case("XComApi", "delete_xcom_entry", ("etl", "t", "r1", "k"), {"map_index": 1}, NO_CONTENT, "DELETE",
         "/api/v2/dags/etl/dagRuns/r1/taskInstances/t/xcomEntries/k", "map_index=1",
         check=lambda r: r is None, status=204),
    # ------------------------------------------------------------------ Experimental
    Case("ExperimentalApi", "wait_dag_run_until_finished", ("etl", "r1", 1), {"result": ["t"]},
         [{"state": "success", "results": {"t": [1]}}], "GET", "/api/v2/dags/etl/dagRuns/r1/wait",
         "interval=1&result=t", answer_type=NDJSON, check=lambda r: r[-1]["results"] == {"t": [1]}),
    Case("ExperimentalApi", "wait_dag_run_until_finished_stream", ("etl", "r1", 0.5), {},
         [{"state": "queued"}, {"state": "success"}], "GET", "/api/v2/dags/etl/dagRuns/r1/wait",
         "interval=0.5", answer_type=NDJSON, accept=NDJSON,
         check=lambda r: [x["state"] for x in r] == ["queued", "success"]),
]


# --------------------------------------------------------------------------- running a case

def answer_for(case: Case) -> Response:
    if case.status == 204:
        return Response(204, "No Content", Headers(), b"")
    if case.answer_type == "application/json":
        return Response.json(case.status, case.answer)
    if case.answer_type == NDJSON:
        lines = b"".join(json.dumps(v).encode() + b"\n" for v in case.answer)
        return Response.unread(case.status, lines, {"Content-Type": NDJSON})
    return Response(case.status, "OK", Headers({"Content-Type": case.answer_type}), case.answer.encode())


def query_items(query: str) -> Dict[str, List[str]]:
    """Each key's values in the order sent, still percent-encoded."""
    items: Dict[str, List[str]] = {}
    for part in query.split("&") if query else []:
        key, _, value = part.partition("=")
        items.setdefault(key, []).append(value)
    return items


def header_values(request: Request, name: str) -> List[str]:
    return [v for k, v in request.headers.items() if k.lower() == name.lower()]


def _ids(case: Case) -> str:
    return f"{case.api}.{case.method}"


def _unique_ids() -> List[str]:
    seen: Dict[str, int] = {}
    out = []
    for case in CASES:
        base = _ids(case)
        seen[base] = seen.get(base, 0) + 1
        out.append(base if seen[base] == 1 else f"{base}#{seen[base]}")
    return out


@pytest.mark.parametrize("case", CASES, ids=_unique_ids())
def test_request_case(case: Case) -> None:
    sent: List[Request] = []

    def handle(request: Request) -> Response:
        sent.append(request)
        return answer_for(case)

    client = ApiClient(Configuration(host=HOST, access_token="t", retries=None),
                       transport=MockTransport(handle))
    api = getattr(v2, case.api)(client)
    result = getattr(api, case.method)(*case.args, **case.kwargs)
    if case.method.endswith("_stream"):
        result = list(result)
    assert len(sent) == 1
    request = sent[0]
    url = urlsplit(request.url)
    assert request.method == case.http
    assert url.scheme + "://" + url.netloc == HOST
    assert url.path == case.path
    assert query_items(url.query) == query_items(case.query), url.query
    assert header_values(request, "Authorization") == ["Bearer t"]
    assert header_values(request, "Accept") == [case.accept], request.headers
    for name, value in (case.headers or {}).items():
        assert header_values(request, name) == [value]
    if case.body is None:
        assert not request.body
        assert header_values(request, "Content-Type") == []
    else:
        assert header_values(request, "Content-Type") == ["application/json"]
        assert request.body is not None and json.loads(request.body) == {**case.body, **(case.defaults or {})}
    assert case.check is not None and case.check(result), result


def test_every_v2_api_class_has_a_case() -> None:
    assert {c.api for c in CASES} == set(v2_api.__all__)
    assert len(v2_api.__all__) == 28
