"""v1 DAG run, task instance, log and XCom operations against an Airflow 3 stand-in: the v2
requests the bridge sends (method, raw path and query, JSON body, written out by hand) and the
v1-shaped answers it makes of v2's (``execution_date`` beside ``logical_date``...)."""
from __future__ import annotations

import datetime as dt
import json
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Tuple

import pytest

import airflow_python_sdk.exceptions
from airflow_python_sdk.api.dag_api import DAGApi
from airflow_python_sdk.api.dag_run_api import DAGRunApi
from airflow_python_sdk.api.task_instance_api import TaskInstanceApi
from airflow_python_sdk.api.x_com_api import XComApi
from airflow_python_sdk.bridge import rules
from airflow_python_sdk.bridge.rules_runs import log_text

T0 = dt.datetime(2024, 5, 1, 10, 0, tzinfo=dt.timezone.utc)
T0_Q = "2024-05-01T10%3A00%3A00%2B00%3A00"
T0_WIRE = "2024-05-01T10:00:00Z"
RUN = "/api/v2/dags/d1/dagRuns/r1"
TI = RUN + "/taskInstances/t1"
Sent = Tuple[str, str, Any]


def sent(server: Any) -> List[Sent]:
    """Every request the stand-in received: method, raw path and query, JSON body (or None)."""
    return [(r.method, r.raw_uri, json.loads(r.body) if r.body else None) for r in server.requests]


def v2_run(run_id: str = "r1", logical_date: Optional[str] = T0_WIRE, **extra: Any) -> Dict[str, Any]:
    run: Dict[str, Any] = {
        "dag_run_id": run_id, "dag_id": "d1", "logical_date": logical_date,
        "run_after": "2024-05-01T10:00:05Z", "queued_at": "2024-05-01T10:00:06Z",
        "start_date": None, "end_date": None, "data_interval_start": None,
        "data_interval_end": None, "last_scheduling_decision": None, "run_type": "manual",
        "state": "queued", "triggered_by": "rest_api", "conf": {}, "note": None,
        "dag_versions": [], "dag_display_name": "d1"}
    run.update(extra)
    return run


def v2_ti(task_id: str = "t1", map_index: int = -1, **extra: Any) -> Dict[str, Any]:
    ti: Dict[str, Any] = {
        "id": "0190-" + task_id, "task_id": task_id, "dag_id": "d1", "dag_run_id": "r1",
        "map_index": map_index, "logical_date": T0_WIRE, "run_after": "2024-05-01T10:00:05Z",
        "start_date": None, "end_date": None, "duration": None, "state": "success",
        "try_number": 1, "max_tries": 0, "task_display_name": task_id, "hostname": "h",
        "unixname": "u", "pool": "default_pool", "pool_slots": 1, "queue": "default",
        "priority_weight": 1, "operator": "PythonOperator", "note": None,
        "executor_config": "{}", "rendered_fields": {}, "dag_version": None}
    ti.update(extra)
    return ti


def tis(*items: Dict[str, Any]) -> Dict[str, Any]:
    return {"task_instances": list(items), "total_entries": len(items)}


def v2_try(try_number: int, state: str = "success", **extra: Any) -> Dict[str, Any]:
    item = {"task_id": "t1", "dag_id": "d1", "dag_run_id": "r1", "map_index": -1,
            "try_number": try_number, "state": state, "start_date": None, "end_date": None,
            "duration": None, "max_tries": 2, "pool": "default_pool", "pool_slots": 1,
            "executor_config": "{}"}
    item.update(extra)
    return item


XCOM = {"key": "return_value", "timestamp": "2024-05-01T10:01:00Z", "logical_date": T0_WIRE,
        "map_index": -1, "task_id": "t1", "dag_id": "d1", "run_id": "r1",
        "run_after": "2024-05-01T10:00:05Z", "value": "{'a': 1}"}
#: what the v2 body models send besides the fields given (their spec defaults)
PATCH_DEFAULTS = {"include_upstream": False, "include_downstream": False, "include_future": False,
                  "include_past": False}
REF = {"task_id": "t1", "dag_id": "d1", "execution_date": T0_WIRE, "dag_run_id": "r1"}


class Case(NamedTuple):
    name: str
    call: Callable[[Any], Any]
    answers: List[Any]  # v2 answers, in order (a tuple: (body, status))
    requests: List[Sent]  # the v2 requests, exactly
    check: Callable[[Any], Any]


def runs(c: Any) -> DAGRunApi:
    return DAGRunApi(c)


def tapi(c: Any) -> TaskInstanceApi:
    return TaskInstanceApi(c)


CASES = [
    # -- DAG runs
    Case("post_dag_run execution_date -> logical_date",
         lambda c: runs(c).post_dag_run("d1", {"dag_run_id": "r1", "execution_date": T0_WIRE,
                                               "conf": {"k": 1}, "state": "queued"}),
         [(v2_run(), 201)],
         [("POST", "/api/v2/dags/d1/dagRuns",
           {"dag_run_id": "r1", "logical_date": T0_WIRE, "conf": {"k": 1}})],
         lambda r: (r.execution_date == T0 and r.logical_date == T0 and r.external_trigger is True
                    and r.dag_run_id == "r1")),
    Case("post_dag_run logical_date kept",
         lambda c: runs(c).post_dag_run("d1", {"logical_date": T0_WIRE, "execution_date": T0_WIRE}),
         [(v2_run(), 201)],
         [("POST", "/api/v2/dags/d1/dagRuns", {"logical_date": T0_WIRE})],
         lambda r: r.execution_date == T0),
    Case("get_dag_runs renames, pages, orders",
         lambda c: runs(c).get_dag_runs("~", execution_date_gte=T0, execution_date_lte=T0,
                                        state=["success", "failed"], order_by="-execution_date",
                                        offset=5),
         [{"dag_runs": [v2_run(run_type="scheduled")], "total_entries": 1}],
         [("GET", "/api/v2/dags/~/dagRuns?limit=100&offset=5"
                  f"&logical_date_gte={T0_Q}&logical_date_lte={T0_Q}"
                  "&state=success&state=failed&order_by=-logical_date", None)],
         lambda r: (r.total_entries == 1 and r.dag_runs[0].execution_date == T0
                    and r.dag_runs[0].external_trigger is False)),
    Case("get_dag_runs fields projected by the client",
         lambda c: runs(c).get_dag_runs("d1", fields=["dag_run_id", "execution_date"], limit=2),
         [{"dag_runs": [v2_run()], "total_entries": 1}],
         [("GET", "/api/v2/dags/d1/dagRuns?limit=2", None)],
         lambda r: (r.dag_runs[0].to_dict() == {"dag_run_id": "r1", "execution_date": T0}
                    and r.total_entries == 1)),
    Case("get_dag_runs_batch",
         lambda c: runs(c).get_dag_runs_batch({"dag_ids": ["d1"], "execution_date_gte": T0_WIRE,
                                               "order_by": "-execution_date", "page_limit": 10}),
         [{"dag_runs": [v2_run()], "total_entries": 1}],
         [("POST", "/api/v2/dags/~/dagRuns/list",
           {"dag_ids": ["d1"], "logical_date_gte": T0_WIRE, "order_by": "-logical_date",
            "page_limit": 10, "page_offset": 0})],
         lambda r: r.dag_runs[0].execution_date == T0),
    Case("get_dag_run with fields",
         lambda c: runs(c).get_dag_run("d1", "r1", fields=["state", "external_trigger"]),
         [v2_run()],
         [("GET", RUN, None)],
         lambda r: r.to_dict() == {"state": "queued", "external_trigger": True}),
    Case("delete_dag_run", lambda c: runs(c).delete_dag_run("d1", "r1"),
         [(None, 204)], [("DELETE", RUN, None)], lambda r: r is None),
    Case("update_dag_run_state masks the state",
         lambda c: runs(c).update_dag_run_state("d1", "r1", {"state": "failed"}),
         [v2_run(state="failed")],
         [("PATCH", RUN + "?update_mask=state", {"state": "failed"})],
         lambda r: r.state == "failed" and r.execution_date == T0),
    Case("set_dag_run_note masks the note",
         lambda c: runs(c).set_dag_run_note("d1", "r1", {"note": "hi"}),
         [v2_run(note="hi")],
         [("PATCH", RUN + "?update_mask=note", {"note": "hi"})],
         lambda r: r.note == "hi" and r.external_trigger is True),
    Case("clear_dag_run: v1's default dry run answers task instances",
         lambda c: runs(c).clear_dag_run("d1", "r1", {}),
         [tis(v2_ti())],
         [("POST", RUN + "/clear", {"dry_run": True, "only_failed": False, "only_new": False})],
         lambda r: r.task_instances[0].execution_date == T0_WIRE and r.task_instances[0].task_id == "t1"),
    Case("clear_dag_run for real answers the run",
         lambda c: runs(c).clear_dag_run("d1", "r1", {"dry_run": False}),
         [v2_run()],
         [("POST", RUN + "/clear", {"dry_run": False, "only_failed": False, "only_new": False})],
         lambda r: r.dag_run_id == "r1" and r.execution_date == T0),
    # -- task instances
    Case("get_task_instances",
         lambda c: tapi(c).get_task_instances("~", "~", execution_date_lte=T0, state=["failed"],
                                              duration_gte=1.5),
         [tis(v2_ti())],
         [("GET", "/api/v2/dags/~/dagRuns/~/taskInstances?"
                  f"logical_date_lte={T0_Q}&duration_gte=1.5&state=failed&limit=100", None)],
         lambda r: (r.task_instances[0].execution_date == T0_WIRE
                    and r.task_instances[0].logical_date is not None
                    and r.task_instances[0].sla_miss is None)),
    Case("get_task_instance",
         lambda c: tapi(c).get_task_instance("d1", "r1", "t1"),
         [v2_ti()], [("GET", TI, None)],
         lambda r: r.execution_date == T0_WIRE and r.sla_miss is None and r.state == "success"),
    Case("get_mapped_task_instance",
         lambda c: tapi(c).get_mapped_task_instance("d1", "r1", "t1", 2),
         [v2_ti(map_index=2)], [("GET", TI + "/2", None)],
         lambda r: r.map_index == 2 and r.execution_date == T0_WIRE),
    Case("get_mapped_task_instances",
         lambda c: tapi(c).get_mapped_task_instances("d1", "r1", "t1", order_by="-map_index",
                                                     limit=3, execution_date_gte=T0),
         [tis(v2_ti(map_index=1), v2_ti(map_index=0))],
         [("GET", TI + f"/listMapped?logical_date_gte={T0_Q}&limit=3&order_by=-map_index", None)],
         lambda r: [t.map_index for t in r.task_instances] == [1, 0]
         and r.task_instances[1].execution_date == T0_WIRE),
    Case("get_task_instances_batch",
         lambda c: tapi(c).get_task_instances_batch({"dag_ids": ["d1"], "execution_date_gte": T0_WIRE,
                                                     "state": ["success"], "page_limit": 5}),
         [tis(v2_ti())],
         [("POST", "/api/v2/dags/~/dagRuns/~/taskInstances/list",
           {"dag_ids": ["d1"], "logical_date_gte": T0_WIRE, "state": ["success"], "page_limit": 5,
           "page_offset": 0})],
         lambda r: r.task_instances[0].execution_date == T0_WIRE),
    Case("get_task_instance_try_details",
         lambda c: tapi(c).get_task_instance_try_details("d1", "r1", "t1", 2),
         [v2_try(2)], [("GET", TI + "/tries/2", None)], lambda r: r.try_number == 2),
    Case("get_mapped_task_instance_try_details",
         lambda c: tapi(c).get_mapped_task_instance_try_details("d1", "r1", "t1", 3, 1),
         [v2_try(1, map_index=3)], [("GET", TI + "/3/tries/1", None)], lambda r: r.map_index == 3),
    Case("get_task_instance_dependencies",
         lambda c: tapi(c).get_task_instance_dependencies("d1", "r1", "t1"),
         [{"dependencies": [{"name": "Trigger Rule", "reason": "upstream failed"}]}],
         [("GET", TI + "/dependencies", None)],
         lambda r: r.dependencies[0].name == "Trigger Rule"),
    Case("get_mapped_task_instance_dependencies",
         lambda c: tapi(c).get_mapped_task_instance_dependencies("d1", "r1", "t1", 4),
         [{"dependencies": []}], [("GET", TI + "/4/dependencies", None)],
         lambda r: r.dependencies == []),
    Case("set_task_instance_note: PATCH the unmapped TI, answer the first",
         lambda c: tapi(c).set_task_instance_note("d1", "r1", "t1", {"note": "n"}),
         [tis(v2_ti(note="n"))],
         [("PATCH", TI + "?map_index=-1&update_mask=note", {"note": "n", **PATCH_DEFAULTS})],
         lambda r: r.note == "n" and r.execution_date == T0_WIRE and r.task_id == "t1"),
    Case("set_mapped_task_instance_note",
         lambda c: tapi(c).set_mapped_task_instance_note("d1", "r1", "t1", 2, {"note": "m"}),
         [tis(v2_ti(map_index=2, note="m"))],
         [("PATCH", TI + "/2?update_mask=note", {"note": "m", **PATCH_DEFAULTS})],
         lambda r: r.note == "m" and r.map_index == 2),
    Case("patch_task_instance: v1's default dry run goes to /dry_run",
         lambda c: tapi(c).patch_task_instance("d1", "r1", "t1", {"new_state": "failed"}),
         [tis(v2_ti())],
         [("PATCH", TI + "/dry_run?map_index=-1&update_mask=new_state", {"new_state": "failed", **PATCH_DEFAULTS})],
         lambda r: r.to_dict() == REF),
    Case("patch_task_instance for real",
         lambda c: tapi(c).patch_task_instance("d1", "r1", "t1", {"new_state": "failed",
                                                                  "dry_run": False}),
         [tis(v2_ti(state="failed"))],
         [("PATCH", TI + "?map_index=-1&update_mask=new_state", {"new_state": "failed", **PATCH_DEFAULTS})],
         lambda r: r.to_dict() == REF),
    Case("patch_task_instance already in that state (3.x: 409) answers the TI as 2.x did",
         lambda c: tapi(c).patch_task_instance("d1", "r1", "t1", {"new_state": "success",
                                                                  "dry_run": False}),
         [({"detail": "Task id t1 is already in success state"}, 409), v2_ti()],
         [("PATCH", TI + "?map_index=-1&update_mask=new_state", {"new_state": "success", **PATCH_DEFAULTS}),
          ("GET", TI, None)],
         lambda r: r.to_dict() == REF),
    Case("patch_mapped_task_instance dry run with nothing to change",
         lambda c: tapi(c).patch_mapped_task_instance("d1", "r1", "t1", 1, {"new_state": "skipped"}),
         [tis(), v2_ti(map_index=1)],
         [("PATCH", TI + "/1/dry_run?update_mask=new_state", {"new_state": "skipped", **PATCH_DEFAULTS}),
          ("GET", TI + "/1", None)],
         lambda r: r.to_dict() == REF),
    Case("patch_mapped_task_instance for real",
         lambda c: tapi(c).patch_mapped_task_instance("d1", "r1", "t1", 1, {"new_state": "failed",
                                                                            "dry_run": False}),
         [tis(v2_ti(map_index=1, state="failed"))],
         [("PATCH", TI + "/1?update_mask=new_state", {"new_state": "failed", **PATCH_DEFAULTS})],
         lambda r: r.to_dict() == REF),
    # -- states and clearing, DAG-wide
    Case("post_set_task_instances_state: default dry run, run found by execution_date",
         lambda c: DAGApi(c).post_set_task_instances_state(
             "d1", {"task_id": "t1", "execution_date": T0_WIRE, "new_state": "failed",
                    "include_downstream": True}),
         [{"dag_runs": [v2_run()], "total_entries": 1}, tis(v2_ti(), v2_ti("t2"))],
         [("GET", "/api/v2/dags/d1/dagRuns?limit=1&logical_date_gte=2024-05-01T10%3A00%3A00Z"
                  "&logical_date_lte=2024-05-01T10%3A00%3A00Z",
           None),
          ("PATCH", TI + "/dry_run?map_index=-1&update_mask=new_state",
           {"new_state": "failed", "include_upstream": False, "include_downstream": True,
            "include_future": False, "include_past": False})],
         lambda r: [t.to_dict() for t in r.task_instances] == [REF, {**REF, "task_id": "t2"}]),
    Case("post_set_task_instances_state for real: dry run names the TIs, then PATCH",
         lambda c: DAGApi(c).post_set_task_instances_state(
             "d1", {"dry_run": False, "task_id": "t1", "dag_run_id": "r1", "new_state": "success",
                    "include_upstream": True, "include_downstream": False,
                    "include_future": False, "include_past": False}),
         [tis(v2_ti("t0"), v2_ti()), tis(v2_ti())],
         [("PATCH", TI + "/dry_run?map_index=-1&update_mask=new_state",
           {"new_state": "success", "include_upstream": True, "include_downstream": False,
            "include_future": False, "include_past": False}),
          ("PATCH", TI + "?map_index=-1&update_mask=new_state",
           {"new_state": "success", "include_upstream": True, "include_downstream": False,
            "include_future": False, "include_past": False})],
         lambda r: [t.task_id for t in r.task_instances] == ["t0", "t1"]),
    Case("post_set_task_instances_state with nothing to change sends no PATCH",
         lambda c: DAGApi(c).post_set_task_instances_state(
             "d1", {"dry_run": False, "task_id": "t1", "dag_run_id": "r1", "new_state": "success",
                    "include_upstream": False, "include_downstream": False,
                    "include_future": False, "include_past": False}),
         [tis()],
         [("PATCH", TI + "/dry_run?map_index=-1&update_mask=new_state",
           {"new_state": "success", "include_upstream": False, "include_downstream": False,
            "include_future": False, "include_past": False})],
         lambda r: r.task_instances == []),
    Case("post_clear_task_instances sends v1's defaults, drops SubDAG fields",
         lambda c: DAGApi(c).post_clear_task_instances(
             "d1", {"dag_run_id": "r1", "include_subdags": True, "include_parentdag": False,
                    "task_ids": ["t1"]}),
         [tis(v2_ti())],
         [("POST", "/api/v2/dags/d1/clearTaskInstances",
           {"dry_run": True, "only_failed": True, "only_running": False, "reset_dag_runs": False,
            "include_upstream": False, "include_downstream": False, "include_future": False,
            "include_past": False, "dag_run_id": "r1", "task_ids": ["t1"],
            "prevent_running_task": False})],
         lambda r: [t.to_dict() for t in r.task_instances] == [REF]),
    Case("post_clear_task_instances: the caller's values win",
         lambda c: DAGApi(c).post_clear_task_instances(
             "d1", {"dry_run": False, "only_failed": False, "reset_dag_runs": True,
                    "start_date": T0_WIRE, "end_date": T0_WIRE}),
         [tis()],
         [("POST", "/api/v2/dags/d1/clearTaskInstances",
           {"dry_run": False, "only_failed": False, "only_running": False, "reset_dag_runs": True,
            "include_upstream": False, "include_downstream": False, "include_future": False,
            "include_past": False, "start_date": T0_WIRE, "end_date": T0_WIRE,
            "prevent_running_task": False})],
         lambda r: r.task_instances == []),
    # -- tries: v2 answers them all; v1's paging applied by the client
    Case("get_task_instance_tries: default limit, v2's order",
         lambda c: tapi(c).get_task_instance_tries("d1", "r1", "t1"),
         [tis(v2_try(1, "failed"), v2_try(2))],
         [("GET", TI + "/tries", None)],
         lambda r: ([t.try_number for t in r.task_instances] == [1, 2] and r.total_entries == 2
                    and [t.try_number for t in r.task_instances_history] == [1, 2])),
    Case("get_task_instance_tries: order_by, offset, limit",
         lambda c: tapi(c).get_task_instance_tries("d1", "r1", "t1", order_by="-try_number",
                                                   offset=1, limit=1),
         [tis(v2_try(1), v2_try(3), v2_try(2))],
         [("GET", TI + "/tries", None)],
         lambda r: [t.try_number for t in r.task_instances] == [2] and r.total_entries == 3),
    Case("get_mapped_task_instance_tries: nulls last going up",
         lambda c: tapi(c).get_mapped_task_instance_tries("d1", "r1", "t1", 0, order_by="start_date"),
         [tis(v2_try(1, start_date=None), v2_try(2, start_date="2024-05-01T10:05:00Z"),
              v2_try(3, start_date="2024-05-01T10:01:00Z"))],
         [("GET", TI + "/0/tries", None)],
         lambda r: [t.try_number for t in r.task_instances] == [3, 2, 1]),
    # -- logs, links, XComs
    Case("get_log: records rendered as v1's text",
         lambda c: tapi(c).get_log("d1", "r1", "t1", 2, full_content=True, map_index=1, token="tk"),
         [{"content": [{"event": "::group::source"},
                       {"timestamp": "2024-05-01T10:00:01Z", "event": "hello", "level": "info",
                        "logger": "task.stdout"}],
           "continuation_token": "next"}],
         [("GET", TI + "/logs/2?full_content=true&map_index=1&token=tk", None)],
         lambda r: (r.continuation_token == "next"
                    and r.content == "::group::source\n[2024-05-01T10:00:01+00:00] INFO task.stdout - hello")),
    Case("get_extra_links: the links' map, as 2.x answered it",
         lambda c: tapi(c).get_extra_links("d1", "r1", "t1", map_index=0),
         [{"extra_links": {"Docs": "https://x/docs", "Empty": None}, "total_entries": 2}],
         [("GET", TI + "/links?map_index=0", None)],
         lambda r: sorted((link.name, link.href) for link in r.extra_links)
         == [("Docs", "https://x/docs"), ("Empty", None)]),
    Case("get_xcom_entries",
         lambda c: XComApi(c).get_xcom_entries("d1", "r1", "t1", xcom_key="return_value", offset=2),
         [{"xcom_entries": [{k: v for k, v in XCOM.items() if k != "value"}], "total_entries": 1}],
         [("GET", TI + "/xcomEntries?xcom_key=return_value&limit=100&offset=2", None)],
         lambda r: r.xcom_entries[0].execution_date == T0_WIRE and r.total_entries == 1),
    Case("get_xcom_entry sends v1's defaults: a string value",
         lambda c: XComApi(c).get_xcom_entry("d1", "r1", "t1", "return_value"),
         [XCOM],
         [("GET", TI + "/xcomEntries/return_value?deserialize=false&stringify=true", None)],
         lambda r: r.value == "{'a': 1}" and r.execution_date == T0_WIRE),
    Case("get_xcom_entry with the caller's flags",
         lambda c: XComApi(c).get_xcom_entry("d1", "r1", "t1", "k", map_index=2, deserialize=True,
                                             stringify=False),
         [{**XCOM, "key": "k", "map_index": 2, "value": {"a": 1}}],
         [("GET", TI + "/xcomEntries/k?map_index=2&deserialize=true&stringify=false", None)],
         lambda r: r.value == {"a": 1}),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_request_and_answer(case: Case, v3_server: Any, v3_client: Any) -> None:
    for answer in case.answers:
        body, status = answer if isinstance(answer, tuple) else (answer, 200)
        v3_server.reply(body, status=status)
    result = case.call(v3_client)
    assert sent(v3_server) == case.requests
    assert case.check(result)


def test_every_run_operation_has_a_rule_and_a_case() -> None:
    ops = {"post_dag_run", "get_dag_runs", "get_dag_runs_batch", "get_dag_run", "delete_dag_run",
           "update_dag_run_state", "clear_dag_run", "set_dag_run_note", "get_task_instances",
           "get_task_instance", "patch_task_instance", "get_mapped_task_instance",
           "patch_mapped_task_instance", "get_mapped_task_instances", "get_task_instances_batch",
           "get_task_instance_try_details", "get_task_instance_tries",
           "get_mapped_task_instance_tries", "get_mapped_task_instance_try_details",
           "get_task_instance_dependencies", "get_mapped_task_instance_dependencies",
           "set_task_instance_note", "set_mapped_task_instance_note",
           "post_set_task_instances_state", "post_clear_task_instances", "get_log",
           "get_extra_links", "get_xcom_entries", "get_xcom_entry"}
    assert ops <= set(rules())
    named = {case.name.split(" ")[0].rstrip(":") for case in CASES}
    assert ops == named


def test_get_log_as_text(v3_server: Any, v3_client: Any) -> None:
    v3_server.reply({"content": ["plain line", {"event": "boom", "level": "error"}],
                     "continuation_token": None})
    text = tapi(v3_client).get_log("d1", "r1", "t1", 1, _headers={"Accept": "text/plain"})
    assert text == "plain line\nERROR - boom"
    request = v3_server.last
    assert (request.method, request.raw_uri) == ("GET", TI + "/logs/1")
    assert request.headers["Accept"] == "application/json"  # v2 answers text/plain with 406


def test_log_text_takes_text_as_is() -> None:
    assert log_text("already text") == "already text"
    assert log_text(None) == ""


@pytest.mark.parametrize("body, detail", [
    ({"task_id": "t1", "new_state": "failed"}, "Exactly one of execution_date or dag_run_id"),
    ({"task_id": "t1", "new_state": "failed", "dag_run_id": "r1", "execution_date": T0_WIRE},
     "Exactly one of execution_date or dag_run_id"),
    ({"dag_run_id": "r1", "new_state": "failed"}, "task_id and new_state are required"),
])
def test_set_state_refuses_what_v1_refused(body: Dict[str, Any], detail: str, v3_server: Any,
                                           v3_client: Any) -> None:
    with pytest.raises(airflow_python_sdk.exceptions.BadRequestException) as caught:
        DAGApi(v3_client).post_set_task_instances_state("d1", body)
    assert detail in str(caught.value)
    assert v3_server.requests == []


def test_set_state_run_not_found_by_execution_date_is_404_and_patches_nothing(
        v3_server: Any, v3_client: Any) -> None:
    v3_server.reply({"dag_runs": [], "total_entries": 0})
    with pytest.raises(airflow_python_sdk.exceptions.NotFoundException) as caught:
        DAGApi(v3_client).post_set_task_instances_state(
            "d1", {"task_id": "t1", "execution_date": T0_WIRE, "new_state": "failed",
                   "dry_run": False})
    assert caught.value.status == 404
    assert "Task instance not found for task 't1'" in str(caught.value)
    assert [m for m, _, _ in sent(v3_server)] == ["GET"]


def test_post_dag_run_conflicting_dates_refused_before_sending(v3_server: Any, v3_client: Any) -> None:
    with pytest.raises(airflow_python_sdk.exceptions.BadRequestException) as caught:
        runs(v3_client).post_dag_run("d1", {"logical_date": T0_WIRE,
                                            "execution_date": "2024-05-02T10:00:00Z"})
    assert "logical_date conflicts with execution_date" in str(caught.value)
    assert v3_server.requests == []


def test_v2_errors_raise_the_v1_family(v3_server: Any, v3_client: Any) -> None:
    v3_server.reply({"detail": "The DagRun with dag_id: `d1` and run_id: `r9` was not found"},
                    status=404)
    with pytest.raises(airflow_python_sdk.exceptions.NotFoundException) as caught:
        runs(v3_client).get_dag_run("d1", "r9")
    assert "r9" in str(caught.value)
    assert sent(v3_server) == [("GET", "/api/v2/dags/d1/dagRuns/r9", None)]


def test_post_dag_run_with_http_info_answers_v1_status(v3_server: Any, v3_client: Any) -> None:
    v3_server.reply(v2_run(), status=201)
    info = runs(v3_client).post_dag_run_with_http_info("d1", {"dag_run_id": "r1"})
    assert info.status_code == 200
    assert info.data.execution_date == T0


def test_post_dag_run_without_a_date_sends_the_time_of_the_trigger(v3_server: Any, v3_client: Any) -> None:
    # v1 gave such a run the trigger's time as its execution date; v2 would leave it without one
    v3_server.reply(v2_run("r2", logical_date=None), status=201)
    before = dt.datetime.now(dt.timezone.utc)
    runs(v3_client).post_dag_run("d1", {"dag_run_id": "r2"})
    after = dt.datetime.now(dt.timezone.utc)
    sent = v3_server.last.json()
    assert set(sent) == {"dag_run_id", "logical_date"}
    assert before <= dt.datetime.fromisoformat(sent["logical_date"]) <= after


def test_a_run_without_a_logical_date_answers_its_run_after(v3_server: Any, v3_client: Any) -> None:
    v3_server.reply(v2_run("r2", logical_date=None))
    run = runs(v3_client).get_dag_run("d1", "r2")
    assert run.logical_date is None
    assert run.execution_date == dt.datetime(2024, 5, 1, 10, 0, 5, tzinfo=dt.timezone.utc)


def test_an_asset_triggered_run_is_dataset_triggered_as_v1_names_it(v3_server: Any, v3_client: Any) -> None:
    v3_server.reply({"dag_runs": [v2_run(run_type="asset_triggered")], "total_entries": 1})
    run = runs(v3_client).get_dag_runs("d1").dag_runs[0]
    assert run.run_type == "dataset_triggered" and run.external_trigger is False
