"""v1 DAG, dataset and FAB (users, roles, permissions) operations against an Airflow 3 stand-in:
the v2 requests the bridge sends, and the v1-shaped answers it makes of v2's."""
from __future__ import annotations

import base64
import json
import zlib
from datetime import datetime, timezone
from typing import Any, Dict, List, Optional, Tuple

import pytest

import airflow_python_sdk
from airflow_python_sdk.api.dag_api import DAGApi
from airflow_python_sdk.api.dataset_api import DatasetApi
from airflow_python_sdk.api.permission_api import PermissionApi
from airflow_python_sdk.api.role_api import RoleApi
from airflow_python_sdk.api.user_api import UserApi
from airflow_python_sdk.bridge.rules_dags import file_of_token

URI = "s3://bucket/daily/data.csv"
ENC = "s3%3A%2F%2Fbucket%2Fdaily%2Fdata.csv"


def sent(server: Any) -> List[Tuple[str, str, Any]]:
    """Every request the stand-in received: method, raw path and query, JSON body (or None)."""
    return [(r.method, r.raw_uri, json.loads(r.body) if r.body else None) for r in server.requests]


def v2_dag(dag_id: str = "d1", **extra: Any) -> Dict[str, Any]:
    dag: Dict[str, Any] = {"dag_id": dag_id, "is_paused": True, "is_stale": False,
                           "timetable_summary": "0 0 * * *", "next_dagrun_logical_date": "2026-01-02T00:00:00Z",
                           "next_dagrun_run_after": "2026-01-03T00:00:00Z", "fileloc": f"/dags/{dag_id}.py",
                           "bundle_name": "dags-folder", "relative_fileloc": f"{dag_id}.py",
                           "file_token": token({"bundle_name": "dags-folder",
                                                "relative_fileloc": f"{dag_id}.py"})}
    dag.update(extra)
    return dag


def token(payload: Any, compress: bool = False) -> str:
    """A file token as itsdangerous' URLSafeSerializer makes it (signature not checked)."""
    raw = json.dumps(payload, separators=(",", ":")).encode()
    if compress:
        raw = zlib.compress(raw)
    text = base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
    return ("." if compress else "") + text + ".c2lnbmF0dXJl"


def asset(asset_id: int = 7, uri: str = URI) -> Dict[str, Any]:
    return {"id": asset_id, "name": uri, "uri": uri, "group": "asset", "extra": {},
            "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z",
            "scheduled_dags": [{"dag_id": "consumer", "created_at": "2026-01-01T00:00:00Z",
                                "updated_at": "2026-01-01T00:00:00Z"}],
            "producing_tasks": [{"dag_id": "producer", "task_id": "t", "created_at": "2026-01-01T00:00:00Z",
                                 "updated_at": "2026-01-01T00:00:00Z"}],
            "consuming_tasks": [], "aliases": []}


def event(asset_id: int = 7) -> Dict[str, Any]:
    return {"id": 3, "asset_id": asset_id, "uri": URI, "name": URI, "group": "asset", "extra": {"k": 1},
            "source_dag_id": "producer", "source_task_id": "t", "source_run_id": "r1",
            "source_map_index": -1, "timestamp": "2026-01-01T00:00:00Z", "partition_key": None,
            "created_dagruns": [{"run_id": "c1", "dag_id": "consumer", "logical_date": None,
                                 "start_date": None, "end_date": None, "state": "queued",
                                 "data_interval_start": None, "data_interval_end": None}]}


def queued(asset_id: int = 7, dag_id: str = "consumer") -> Dict[str, Any]:
    return {"dag_id": dag_id, "asset_id": asset_id, "created_at": "2026-01-01T00:00:00Z",
            "dag_display_name": dag_id}


ASSET_LOOKUP = ("GET", f"/api/v2/assets?limit=100&offset=0&uri_pattern={ENC}&only_active=false", None)


def lookup_answer(*assets: Dict[str, Any]) -> Dict[str, Any]:
    return {"assets": list(assets), "total_entries": len(assets)}


# -- DAGs
def test_get_dags_filters_paging_fields_and_v1_fields(v3_server: Any, v3_client: Any) -> None:
    v3_server.reply({"dags": [v2_dag("d1"), v2_dag("d2", is_stale=True, timetable_summary="Asset")],
                     "total_entries": 2})
    got = DAGApi(v3_client).get_dags(limit=5, offset=2, order_by="-dag_id", tags=["a", "b"],
                                     paused=True, dag_id_pattern="d",
                                     fields=["dag_id", "is_active", "schedule_interval"])
    assert sent(v3_server) == [("GET", "/api/v2/dags?limit=5&offset=2&tags=a&tags=b&dag_id_pattern=d"
                                       "&exclude_stale=true&paused=true&order_by=-dag_id", None)]
    assert got.total_entries == 2
    assert got.dags[0].to_dict() == {"dag_id": "d1", "is_active": True,
                                     "schedule_interval": {"__type": "CronExpression", "value": "0 0 * * *"}}
    assert got.dags[1].is_active is False and got.dags[1].schedule_interval is None
    assert "fileloc" not in got.dags[0].to_dict()


def test_get_dags_only_active_false_and_v1_page_size(v3_server: Any, v3_client: Any) -> None:
    v3_server.reply({"dags": [v2_dag()], "total_entries": 1})
    got = DAGApi(v3_client).get_dags(only_active=False)
    assert sent(v3_server) == [("GET", "/api/v2/dags?limit=100&exclude_stale=false", None)]
    dag = got.dags[0]
    assert (dag.is_active, dag.is_stale, dag.root_dag_id, dag.is_subdag) == (True, False, None, False)
    assert dag.next_dagrun == datetime(2026, 1, 2, tzinfo=timezone.utc)
    assert dag.next_dagrun_create_after == datetime(2026, 1, 3, tzinfo=timezone.utc)


def test_patch_dags_maps_filters_and_body(v3_server: Any, v3_client: Any) -> None:
    v3_server.reply({"dags": [v2_dag("d1", is_paused=False)], "total_entries": 1})
    got = DAGApi(v3_client).patch_dags("d", {"is_paused": False}, update_mask=["is_paused"],
                                       tags=["t"], only_active=False)
    assert sent(v3_server) == [("PATCH", "/api/v2/dags?update_mask=is_paused&limit=100&tags=t"
                                         "&dag_id_pattern=d&exclude_stale=false", {"is_paused": False})]
    assert got.dags[0].is_paused is False and got.dags[0].is_active is True


@pytest.mark.parametrize("method, v2_path", [("get_dag", "/api/v2/dags/d1"),
                                             ("get_dag_details", "/api/v2/dags/d1/details")])
def test_get_dag_and_details_project_fields(v3_server: Any, v3_client: Any, method: str,
                                            v2_path: str) -> None:
    v3_server.reply(v2_dag("d1", catchup=False))
    got = getattr(DAGApi(v3_client), method)("d1", fields=["dag_id", "is_active", "next_dagrun"])
    assert sent(v3_server) == [("GET", v2_path, None)]
    assert got.to_dict()["dag_id"] == "d1"
    assert set(got.to_dict()) == {"dag_id", "is_active", "next_dagrun"}


def test_get_dag_details_dataset_expression(v3_server: Any, v3_client: Any) -> None:
    expression = {"any": [{"asset": {"uri": URI, "name": URI, "group": "asset", "id": 7}},
                          {"alias": {"name": "al", "group": ""}}]}
    v3_server.reply(v2_dag("d1", asset_expression=expression, timezone="UTC", catchup=True))
    got = DAGApi(v3_client).get_dag_details("d1")
    assert sent(v3_server) == [("GET", "/api/v2/dags/d1/details", None)]
    assert got.dataset_expression == {"any": [URI, {"alias": "al"}]}
    assert got.asset_expression == expression  # v2's field kept
    assert (got.is_active, got.catchup, got.timezone) == (True, True, "UTC")


def test_patch_dag(v3_server: Any, v3_client: Any) -> None:
    v3_server.reply(v2_dag("d1", is_paused=False))
    got = DAGApi(v3_client).patch_dag("d1", {"is_paused": False}, update_mask=["is_paused"])
    assert sent(v3_server) == [("PATCH", "/api/v2/dags/d1?update_mask=is_paused", {"is_paused": False})]
    assert (got.is_paused, got.is_active) == (False, True)


@pytest.mark.parametrize("call, v2_request, v2_status, body", [
    (lambda api: api.delete_dag_with_http_info("d1"), ("DELETE", "/api/v2/dags/d1", None), 200, None),
    (lambda api: api.reparse_dag_file_with_http_info("tok.sig"),
     ("PUT", "/api/v2/parseDagFile/tok.sig", None), 201, None),
])
def test_no_content_dag_operations(v3_server: Any, v3_client: Any, call: Any, v2_request: Any,
                                   v2_status: int, body: Any) -> None:
    v3_server.reply(body, status=v2_status, raw=b"null")
    info = call(DAGApi(v3_client))
    assert sent(v3_server) == [v2_request]
    assert info.data is None


def test_get_tasks_and_get_task(v3_server: Any, v3_client: Any) -> None:
    task = {"task_id": "t1", "owner": "airflow", "downstream_task_ids": [], "retries": 0.0,
            "class_ref": {"module_path": "m", "class_name": "C"}, "extra_links": [],
            "is_mapped": False, "trigger_rule": "all_success"}
    v3_server.reply({"tasks": [task], "total_entries": 1}).reply(task)
    api = DAGApi(v3_client)
    tasks = api.get_tasks("d1", order_by="-task_id")
    one = api.get_task("d1", "t1")
    assert sent(v3_server) == [("GET", "/api/v2/dags/d1/tasks?order_by=-task_id", None),
                               ("GET", "/api/v2/dags/d1/tasks/t1", None)]
    assert [t.task_id for t in tasks.tasks] == ["t1"] and tasks.total_entries == 1
    assert (one.task_id, one.class_ref.class_name, one.trigger_rule) == ("t1", "C", "all_success")


# -- a DAG's source
def test_dag_source_by_a_token_seen_in_an_answer(v3_server: Any, v3_client: Any) -> None:
    dag = v2_dag("d1")
    v3_server.reply(dag).reply({"content": "print(1)\n", "dag_id": "d1", "version_number": 1})
    api = DAGApi(v3_client)
    seen = api.get_dag("d1")
    assert seen.file_token
    got = api.get_dag_source(seen.file_token)
    assert sent(v3_server) == [("GET", "/api/v2/dags/d1", None), ("GET", "/api/v2/dagSources/d1", None)]
    assert got.content == "print(1)\n"


def test_dag_source_text_plain(v3_server: Any, v3_client: Any) -> None:
    v3_server.reply(v2_dag("d1")).reply(raw=b"print(1)\n", content_type="text/plain; charset=utf-8")
    api = DAGApi(v3_client)
    tok = api.get_dag("d1").file_token
    assert tok
    got = api.get_dag_source(tok, _headers={"Accept": "text/plain"})
    assert got == "print(1)\n"
    assert v3_server.last.raw_path == "/api/v2/dagSources/d1"
    assert v3_server.last.headers["Accept"] == "text/plain"


@pytest.mark.parametrize("payload, compress, match", [
    ({"bundle_name": "dags-folder", "relative_fileloc": "two.py"}, False, "second"),
    ({"bundle_name": "dags-folder", "relative_fileloc": "two.py"}, True, "second"),
    ("/dags/two.py", False, "second"),  # a 2.x token: the file's full path
])
def test_dag_source_of_an_unseen_token_lists_dags(v3_server: Any, v3_client: Any, payload: Any,
                                                  compress: bool, match: str) -> None:
    tok = token(payload, compress)
    first = v2_dag("first")
    second = v2_dag("second", fileloc="/dags/two.py", relative_fileloc="two.py", file_token="other")
    third = v2_dag("third", fileloc="/dags/two.py", relative_fileloc="two.py", file_token="other")
    v3_server.reply({"dags": [first], "total_entries": 3}).reply(
        {"dags": [second, third], "total_entries": 3}).reply({"content": "src"})
    got = DAGApi(v3_client).get_dag_source(tok)
    bundle = "bundle_name=dags-folder&" if isinstance(payload, dict) else ""
    assert sent(v3_server) == [
        ("GET", f"/api/v2/dags?limit=100&offset=0&exclude_stale=false&{bundle}".rstrip("&"), None),
        ("GET", f"/api/v2/dags?limit=100&offset=1&exclude_stale=false&{bundle}".rstrip("&"), None),
        ("GET", f"/api/v2/dagSources/{match}", None)]
    assert got.content == "src"


def test_file_token_decoding() -> None:
    assert file_of_token(token({"bundle_name": "b", "relative_fileloc": "f.py"}, True)) == {
        "bundle_name": "b", "relative_fileloc": "f.py"}
    assert file_of_token(token("/dags/f.py")) == "/dags/f.py"
    assert file_of_token("not a token!") is None
    assert file_of_token(token(3)) is None


def test_dag_source_of_a_token_no_dag_has_is_v1_404(v3_server: Any, v3_client: Any) -> None:
    v3_server.reply({"dags": [v2_dag("first")], "total_entries": 1})
    with pytest.raises(airflow_python_sdk.NotFoundException) as caught:
        DAGApi(v3_client).get_dag_source(token("/dags/nowhere.py"))
    assert [r[0:2] for r in sent(v3_server)] == [("GET", "/api/v2/dags?limit=100&offset=0&exclude_stale=false")]
    assert caught.value.status == 404 and "Dag source not found" in caught.value.body


def test_dag_source_of_garbage_is_v1_404_with_nothing_sent(v3_server: Any, v3_client: Any) -> None:
    with pytest.raises(airflow_python_sdk.NotFoundException):
        DAGApi(v3_client).get_dag_source("%%%")
    assert v3_server.requests == []


# -- datasets
def test_get_datasets(v3_server: Any, v3_client: Any) -> None:
    v3_server.reply(lookup_answer(asset()))
    got = DatasetApi(v3_client).get_datasets(limit=10, order_by="-dataset_uri", uri_pattern="bucket",
                                             dag_ids="a,b")
    assert sent(v3_server) == [("GET", "/api/v2/assets?limit=10&uri_pattern=bucket&dag_ids=a&dag_ids=b"
                                       "&only_active=false&order_by=-uri", None)]
    ds = got.datasets[0]
    assert (got.total_entries, ds.id, ds.uri) == (1, 7, URI)
    assert [d.dag_id for d in ds.consuming_dags] == ["consumer"]
    assert [t.task_id for t in ds.producing_tasks] == ["t"]
    assert got.assets[0]["id"] == 7  # v2's name kept


def test_get_dataset_resolves_the_exact_uri_once(v3_server: Any, v3_client: Any) -> None:
    longer = asset(9, URI + ".bak")
    v3_server.reply(lookup_answer(longer, asset())).reply(asset()).reply(asset())
    api = DatasetApi(v3_client)
    got = api.get_dataset(URI)
    api.get_dataset(URI)  # the id is remembered
    assert sent(v3_server) == [ASSET_LOOKUP, ("GET", "/api/v2/assets/7", None), ("GET", "/api/v2/assets/7", None)]
    assert (got.id, got.uri, [d.dag_id for d in got.consuming_dags]) == (7, URI, ["consumer"])


def test_lookup_reads_every_page(v3_server: Any, v3_client: Any) -> None:
    v3_server.reply({"assets": [asset(9, URI + ".bak")], "total_entries": 2}).reply(
        {"assets": [asset()], "total_entries": 2}).reply(asset())
    DatasetApi(v3_client).get_dataset(URI)
    assert sent(v3_server)[1] == ("GET", f"/api/v2/assets?limit=100&offset=1&uri_pattern={ENC}"
                                         "&only_active=false", None)
    assert sent(v3_server)[2] == ("GET", "/api/v2/assets/7", None)


@pytest.mark.parametrize("call", [
    lambda api: api.get_dataset(URI),
    lambda api: api.get_dataset_queued_events(URI),
    lambda api: api.delete_dataset_queued_events(URI),
    lambda api: api.get_dag_dataset_queued_event("consumer", URI),
    lambda api: api.delete_dag_dataset_queued_event("consumer", URI),
    lambda api: api.create_dataset_event({"dataset_uri": URI}),
])
def test_unknown_uri_is_v1_404_and_the_operation_not_sent(v3_server: Any, v3_client: Any, call: Any) -> None:
    v3_server.reply(lookup_answer(asset(9, URI + ".bak")))
    with pytest.raises(airflow_python_sdk.NotFoundException) as caught:
        call(DatasetApi(v3_client))
    assert sent(v3_server) == [ASSET_LOOKUP]
    assert caught.value.status == 404
    assert f"The Dataset with uri: `{URI}` was not found" in caught.value.body
    assert caught.value.problem.detail == f"The Dataset with uri: `{URI}` was not found"


def test_get_dataset_events(v3_server: Any, v3_client: Any) -> None:
    v3_server.reply({"asset_events": [event()], "total_entries": 1})
    got = DatasetApi(v3_client).get_dataset_events(dataset_id=7, source_dag_id="producer",
                                                   order_by="-timestamp", offset=1)
    assert sent(v3_server) == [("GET", "/api/v2/assets/events?limit=100&offset=1&order_by=-timestamp"
                                       "&asset_id=7&source_dag_id=producer", None)]
    ev = got.dataset_events[0]
    assert (ev.dataset_id, ev.dataset_uri, ev.source_run_id, ev.extra) == (7, URI, "r1", {"k": 1})
    assert ev.created_dagruns[0].dag_run_id == "c1"
    assert got.asset_events[0]["asset_id"] == 7


def test_create_dataset_event(v3_server: Any, v3_client: Any) -> None:
    v3_server.reply(lookup_answer(asset())).reply(event(), status=200)
    got = DatasetApi(v3_client).create_dataset_event({"dataset_uri": URI, "extra": {"k": 1}})
    assert sent(v3_server) == [ASSET_LOOKUP,
                               ("POST", "/api/v2/assets/events", {"asset_id": 7, "extra": {"k": 1}})]
    assert (got.dataset_id, got.dataset_uri, got.extra) == (7, URI, {"k": 1})


def test_get_upstream_dataset_events(v3_server: Any, v3_client: Any) -> None:
    v3_server.reply({"asset_events": [event()], "total_entries": 1})
    got = DatasetApi(v3_client).get_upstream_dataset_events("consumer", "run1")
    assert sent(v3_server) == [("GET", "/api/v2/dags/consumer/dagRuns/run1/upstreamAssetEvents", None)]
    assert [(e.dataset_id, e.dataset_uri) for e in got.dataset_events] == [(7, URI)]


# -- queued events
BEFORE = datetime(2026, 1, 1, tzinfo=timezone.utc)
BEFORE_Q = "before=2026-01-01T00%3A00%3A00%2B00%3A00"


def test_get_dataset_queued_events(v3_server: Any, v3_client: Any) -> None:
    v3_server.reply(lookup_answer(asset())).reply({"queued_events": [queued()], "total_entries": 1})
    got = DatasetApi(v3_client).get_dataset_queued_events(URI, before=BEFORE)
    assert sent(v3_server) == [ASSET_LOOKUP, ("GET", f"/api/v2/assets/7/queuedEvents?{BEFORE_Q}", None)]
    assert [(q.uri, q.dag_id) for q in got.queued_events] == [(URI, "consumer")]
    assert got.total_entries == 1


def test_get_dag_dataset_queued_event(v3_server: Any, v3_client: Any) -> None:
    v3_server.reply(lookup_answer(asset())).reply(queued())
    got = DatasetApi(v3_client).get_dag_dataset_queued_event("consumer", URI)
    assert sent(v3_server) == [ASSET_LOOKUP, ("GET", "/api/v2/dags/consumer/assets/7/queuedEvents", None)]
    assert (got.uri, got.dag_id, got.asset_id) == (URI, "consumer", 7)
    assert got.created_at.isoformat() == "2026-01-01T00:00:00+00:00"


def test_get_dag_dataset_queued_events_resolve_each_uri_once(v3_server: Any, v3_client: Any) -> None:
    other = "s3://bucket/other"
    v3_server.reply({"queued_events": [queued(7), queued(8), queued(7)], "total_entries": 3})
    v3_server.reply(asset(7)).reply(asset(8, other))
    got = DatasetApi(v3_client).get_dag_dataset_queued_events("consumer", before=BEFORE)
    assert sent(v3_server) == [("GET", f"/api/v2/dags/consumer/assets/queuedEvents?{BEFORE_Q}", None),
                               ("GET", "/api/v2/assets/7", None), ("GET", "/api/v2/assets/8", None)]
    assert [q.uri for q in got.queued_events] == [URI, other, URI]


@pytest.mark.parametrize("call, v2_path", [
    (lambda api: api.delete_dataset_queued_events_with_http_info(URI, before=BEFORE),
     f"/api/v2/assets/7/queuedEvents?{BEFORE_Q}"),
    (lambda api: api.delete_dag_dataset_queued_event_with_http_info("consumer", URI),
     "/api/v2/dags/consumer/assets/7/queuedEvents"),
])
def test_deletes_by_uri(v3_server: Any, v3_client: Any, call: Any, v2_path: str) -> None:
    v3_server.reply(lookup_answer(asset())).reply(status=204)
    info = call(DatasetApi(v3_client))
    assert sent(v3_server) == [ASSET_LOOKUP, ("DELETE", v2_path, None)]
    assert (info.status_code, info.data) == (204, None)


def test_delete_dag_dataset_queued_events(v3_server: Any, v3_client: Any) -> None:
    v3_server.reply(status=204)
    info = DatasetApi(v3_client).delete_dag_dataset_queued_events_with_http_info("consumer", before=BEFORE)
    assert sent(v3_server) == [("DELETE", f"/api/v2/dags/consumer/assets/queuedEvents?{BEFORE_Q}", None)]
    assert info.status_code == 204


# -- users, roles, permissions (the FAB auth manager's /auth/fab/v1)
FAB_PROBE = ("GET", "/auth/fab/v1/users?limit=1", None)
USER = {"username": "u1", "email": "u@x", "first_name": "U", "last_name": "One",
        "roles": [{"name": "Viewer"}], "active": True, "last_login": None, "login_count": 2,
        "fail_login_count": 1, "created_on": "2026-01-01T00:00:00", "changed_on": "2026-01-01T00:00:00"}
ROLE = {"name": "r1", "actions": [{"action": {"name": "can_read"}, "resource": {"name": "DAGs"}}]}
NEW_USER = {"username": "u1", "email": "u@x", "first_name": "U", "last_name": "One",
            "roles": [{"name": "Viewer"}], "password": "pw"}

FAB_CASES = [
    ("get_users", lambda c: UserApi(c).get_users(limit=5, offset=1, order_by="-username"),
     {"users": [USER], "total_entries": 1}, 200, ("GET", "/auth/fab/v1/users?limit=5&offset=1&order_by=-username", None),
     lambda got: (got.users[0].failed_login_count, got.total_entries) == (1, 1)),
    ("get_user", lambda c: UserApi(c).get_user("u1"), USER, 200, ("GET", "/auth/fab/v1/users/u1", None),
     lambda got: (got.username, got.failed_login_count, got.roles[0].name) == ("u1", 1, "Viewer")),
    ("post_user", lambda c: UserApi(c).post_user(NEW_USER), USER, 200, ("POST", "/auth/fab/v1/users", NEW_USER),
     lambda got: got.username == "u1" and got.failed_login_count == 1),
    ("patch_user", lambda c: UserApi(c).patch_user("u1", {"first_name": "V", "last_name": "One", "username": "u1",
                                                          "email": "u@x", "roles": []},
                                                   update_mask=["first_name", "last_name"]),
     {**USER, "first_name": "V"}, 200,
     ("PATCH", "/auth/fab/v1/users/u1?update_mask=first_name,last_name",
      {"first_name": "V", "last_name": "One", "username": "u1", "email": "u@x", "roles": []}),
     lambda got: got.first_name == "V"),
    ("delete_user", lambda c: UserApi(c).delete_user_with_http_info("u1"), None, 204,
     ("DELETE", "/auth/fab/v1/users/u1", None), lambda got: got.status_code == 204),
    ("get_roles", lambda c: RoleApi(c).get_roles(limit=2, order_by="name"), {"roles": [ROLE], "total_entries": 5}, 200,
     ("GET", "/auth/fab/v1/roles?limit=2&order_by=name", None),
     lambda got: (got.roles[0].actions[0].resource.name, got.total_entries) == ("DAGs", 5)),
    ("get_role", lambda c: RoleApi(c).get_role("r 1"), ROLE, 200, ("GET", "/auth/fab/v1/roles/r%201", None),
     lambda got: got.actions[0].action.name == "can_read"),
    ("post_role", lambda c: RoleApi(c).post_role(ROLE), ROLE, 200, ("POST", "/auth/fab/v1/roles", ROLE),
     lambda got: got.name == "r1"),
    ("patch_role", lambda c: RoleApi(c).patch_role("r1", {"name": "r1", "actions": []}, update_mask=["actions"]),
     {"name": "r1", "actions": []}, 200,
     ("PATCH", "/auth/fab/v1/roles/r1?update_mask=actions", {"name": "r1", "actions": []}),
     lambda got: got.actions == []),
    ("delete_role", lambda c: RoleApi(c).delete_role_with_http_info("r1"), None, 200,
     ("DELETE", "/auth/fab/v1/roles/r1", None), lambda got: (got.status_code, got.data) == (204, None)),
]


@pytest.mark.parametrize("name, call, answer, status, v2_request, check", FAB_CASES,
                         ids=[case[0] for case in FAB_CASES])
def test_fab_operations(v3_server: Any, v3_client: Any, name: str, call: Any, answer: Any, status: int,
                        v2_request: Any, check: Any) -> None:
    v3_server.reply({"users": [], "total_entries": 0})  # the probe: FAB answers JSON
    if answer is None:
        v3_server.reply(status=status)
    else:
        v3_server.reply(answer, status=status)
    got = call(v3_client)
    assert sent(v3_server) == [FAB_PROBE, v2_request]
    assert v3_server.last.headers["Authorization"].startswith("Bearer ")
    assert check(got)


def test_get_permissions_are_v1_actions_from_every_page(v3_server: Any, v3_client: Any) -> None:
    def pair(action: str, resource: str) -> Dict[str, Any]:
        return {"action": {"name": action}, "resource": {"name": resource}}

    v3_server.reply({"users": [], "total_entries": 0})
    v3_server.reply({"actions": [pair("can_read", "DAGs"), pair("can_edit", "DAGs")], "total_entries": 3})
    v3_server.reply({"actions": [pair("can_read", "Pools")], "total_entries": 3})
    got = PermissionApi(v3_client).get_permissions(limit=1, offset=1)
    assert sent(v3_server) == [FAB_PROBE, ("GET", "/auth/fab/v1/permissions?limit=100&offset=0", None),
                               ("GET", "/auth/fab/v1/permissions?limit=100&offset=2", None)]
    assert [a.name for a in got.actions] == ["can_edit"] and got.total_entries == 2


def test_fab_is_asked_once_per_client(v3_server: Any, v3_client: Any) -> None:
    v3_server.reply({"detail": "Not authenticated"}, status=401)  # FAB's, for a probe it refuses
    v3_server.reply(ROLE).reply(ROLE)
    RoleApi(v3_client).get_role("r1")
    RoleApi(v3_client).get_role("r1")
    assert sent(v3_server) == [FAB_PROBE, ("GET", "/auth/fab/v1/roles/r1", None),
                               ("GET", "/auth/fab/v1/roles/r1", None)]


def test_fab_errors_raise_the_v1_family(v3_server: Any, v3_client: Any) -> None:
    v3_server.reply({"users": [], "total_entries": 0})
    v3_server.reply({"detail": "The User with username `x` was not found"}, status=404)
    with pytest.raises(airflow_python_sdk.NotFoundException) as caught:
        UserApi(v3_client).get_user("x")
    assert "`x` was not found" in caught.value.body


@pytest.mark.parametrize("probe_answer", [
    {"raw": b"<!doctype html><html>Airflow</html>", "content_type": "text/html; charset=utf-8"},
    {"raw": b'{"detail": "Not Found"}', "status": 404},
])
@pytest.mark.parametrize("call", [
    lambda c: UserApi(c).get_users(), lambda c: UserApi(c).post_user(NEW_USER),
    lambda c: UserApi(c).delete_user("u1"), lambda c: RoleApi(c).get_roles(),
    lambda c: RoleApi(c).patch_role("r1", {"name": "r1"}), lambda c: PermissionApi(c).get_permissions(),
])
def test_not_fab_is_not_served_and_nothing_sent(v3_server: Any, v3_client: Any, call: Any,
                                                probe_answer: Dict[str, Any]) -> None:
    v3_server.reply(**probe_answer)
    with pytest.raises(airflow_python_sdk.ApiNotSupportedError) as caught:
        call(v3_client)
    with pytest.raises(airflow_python_sdk.ApiNotSupportedError):
        call(v3_client)  # the auth manager is remembered: no second probe
    assert sent(v3_server) == [FAB_PROBE]  # the probe only: no operation was sent
    error = caught.value
    assert error.server_version == "3.3.2"
    assert "auth manager is not FAB's" in str(error)


def test_rules_for_every_listed_operation() -> None:
    from airflow_python_sdk.bridge import rules

    listed = """get_dags patch_dags get_dag patch_dag delete_dag get_dag_details get_tasks get_task
        get_dag_source reparse_dag_file get_datasets get_dataset get_dataset_events create_dataset_event
        get_upstream_dataset_events get_dag_dataset_queued_event delete_dag_dataset_queued_event
        get_dag_dataset_queued_events delete_dag_dataset_queued_events get_dataset_queued_events
        delete_dataset_queued_events get_users get_user post_user patch_user delete_user get_roles
        get_role post_role patch_role delete_role get_permissions""".split()
    found = rules()
    missing: List[str] = [op for op in listed if op not in found]
    assert missing == []
    for op in listed:
        how: Optional[str] = found[op].how
        assert how and "\n" not in how


def test_no_queued_events_is_a_404_as_on_2x(v3_server: Any, v3_client: Any) -> None:
    # v2 answers an empty list; 2.11.2 answers 404 "Queue event not found", and v1 code catches it
    v3_server.reply({"queued_events": [], "total_entries": 0})
    with pytest.raises(airflow_python_sdk.NotFoundException, match="dag_id: `consumer` was not found"):
        DatasetApi(v3_client).get_dag_dataset_queued_events("consumer")
    v3_server.reply(lookup_answer(asset())).reply({"queued_events": [], "total_entries": 0})
    with pytest.raises(airflow_python_sdk.NotFoundException, match="Queue event not found"):
        DatasetApi(v3_client).get_dataset_queued_events(URI)
