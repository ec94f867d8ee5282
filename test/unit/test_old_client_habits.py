"""What code written for airflow-python-sdk 1.0.1 and apache-airflow-client 2.x does, on loopback:
each test is written the way such code is (``strptime`` on timestamps, ``["value"]`` on
enums, printing answers, subclassing the client, the 2.x client's model names), and runs
against a real local HTTP server with only the import root renamed.

The names and call forms come from the 2.10.0 wheel's facts (``data/apache_airflow_client_2_10_0.json``).
"""
from __future__ import annotations

import datetime as dt
import importlib
import inspect
import json
import os
import pprint
import warnings
from typing import Any, Dict, Iterator, List, Optional, Tuple

import pytest

import airflow_python_sdk
from airflow_python_sdk import apis, models, rest
from airflow_python_sdk._runtime.kinds import UnionOf, field_kind, is_one_of, variants_of
from airflow_python_sdk.api import pool_api, task_instance_api, user_api
from airflow_python_sdk.model.user import User
from airflow_python_sdk.model.user_collection_item_roles import UserCollectionItemRoles

FACTS: Dict[str, Any] = json.loads(open(os.path.join(os.path.dirname(__file__), "data",
                                                     "apache_airflow_client_2_10_0.json")).read())
UTC = dt.timezone.utc
TI = {"task_id": "t", "dag_id": "etl", "dag_run_id": "r1", "state": "success", "try_number": 1,
      "execution_date": "2024-05-01T10:00:00+00:00", "start_date": "2024-05-01T10:00:01.500000+00:00",
      "end_date": "2024-05-01T10:00:04.250000+00:00", "map_index": -1}
POOL = {"name": "p1", "slots": 4, "occupied_slots": 0, "open_slots": 4, "description": None}


@pytest.fixture(autouse=True)
def no_warnings() -> Iterator[None]:
    """Code written for the older clients runs without a warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


# -- 1. format: datetime fields are the server's text ---------------------------------------

#: every v1 field the spec types ``format: datetime`` (the older clients hand them over as str)
TEXT_TIMESTAMPS = [
    ("UserCollectionItem", "last_login"), ("UserCollectionItem", "created_on"),
    ("UserCollectionItem", "changed_on"), ("User", "last_login"), ("DagWarning", "timestamp"),
    ("ImportError", "timestamp"), ("SchedulerStatus", "latest_scheduler_heartbeat"),
    ("TriggererStatus", "latest_triggerer_heartbeat"),
    ("DagProcessorStatus", "latest_dag_processor_heartbeat"), ("SLAMiss", "execution_date"),
    ("SLAMiss", "timestamp"), ("Trigger", "created_date"), ("Job", "start_date"), ("Job", "end_date"),
    ("Job", "latest_heartbeat"), ("TaskInstance", "execution_date"), ("TaskInstance", "start_date"),
    ("TaskInstance", "end_date"), ("TaskInstanceHistory", "start_date"),
    ("TaskInstanceHistory", "end_date"), ("TaskInstanceReference", "execution_date"),
    ("XComCollectionItem", "timestamp"), ("XComCollectionItem", "execution_date"),
]
REQUEST_TIMESTAMPS = [("ClearTaskInstances", "start_date"), ("ClearTaskInstances", "end_date"),
                      ("UpdateTaskInstancesState", "execution_date")]


@pytest.mark.parametrize("model,name", TEXT_TIMESTAMPS)
def test_datetime_format_fields_are_typed_str(model: str, name: str) -> None:
    assert field_kind(getattr(models, model)._sdk_fields[name]) is str


@pytest.mark.parametrize("model,name", REQUEST_TIMESTAMPS)
def test_request_models_take_the_text_or_a_datetime(model: str, name: str) -> None:
    assert field_kind(getattr(models, model)._sdk_fields[name]) == UnionOf((str, dt.datetime))
    assert getattr(models, model)(**{name: "2024-05-01T10:00:00+00:00"}).to_dict() == {
        name: "2024-05-01T10:00:00+00:00"}
    when = dt.datetime(2024, 5, 1, 10, tzinfo=UTC)
    assert json.loads(getattr(models, model)(**{name: when}).to_json()) == {name: when.isoformat()}


def test_date_time_fields_stay_datetimes() -> None:
    run = models.DAGRun.from_dict({"dag_run_id": "r", "start_date": "2024-05-01T10:00:00+00:00"})
    assert run.start_date == dt.datetime(2024, 5, 1, 10, tzinfo=UTC)


def test_task_instance_dates_as_scripts_read_them(server: Any, client: Any) -> None:
    server.reply({"task_instances": [TI], "total_entries": 1})
    api = task_instance_api.TaskInstanceApi(client)
    ti = api.get_task_instances("etl", "r1").task_instances[0]
    assert ti.start_date is not None and ti.execution_date is not None  # nullable: typed Optional[str]
    started = dt.datetime.strptime(ti.start_date, "%Y-%m-%dT%H:%M:%S.%f%z")
    ended = dt.datetime.strptime(ti["end_date"], "%Y-%m-%dT%H:%M:%S.%f%z")
    assert (ended - started).total_seconds() == 2.75
    assert ti.execution_date[:10] == "2024-05-01" and ti.to_dict()["start_date"] == TI["start_date"]
    # the typed way to the datetime
    assert ti.as_datetime("start_date") == started
    assert ti.as_datetime("execution_date") == dt.datetime(2024, 5, 1, 10, tzinfo=UTC)


def test_as_datetime_rules() -> None:
    user = models.User.from_dict({"username": "u", "last_login": "2026-12-02T13:33:21.616363",
                                  "created_on": None, "changed_on": "yesterday"})
    assert user.last_login == "2026-12-02T13:33:21.616363"  # sent without an offset
    assert user.as_datetime("last_login") == dt.datetime(2026, 12, 2, 13, 33, 21, 616363, tzinfo=UTC)
    berlin = dt.timezone(dt.timedelta(hours=1))
    assert user.as_datetime("last_login", assume_timezone=berlin).utcoffset() == dt.timedelta(hours=1)
    assert user.as_datetime("created_on") is None and user.as_datetime("login_count") is None
    with pytest.raises(airflow_python_sdk.ApiValueError, match="changed_on"):
        user.as_datetime("changed_on")
    with pytest.raises(airflow_python_sdk.ApiKeyError):
        user.as_datetime("no_such_field")
    run = models.DAGRun.from_dict({"start_date": "2024-05-01T10:00:00+02:00"})
    assert run.as_datetime("start_date") == run.start_date  # a datetime field: as it is


# -- 2. enums read as the 2.x client's enum objects, and stay strings -------------------------

def test_enum_values_the_old_ways_and_as_strings(server: Any, client: Any) -> None:
    server.reply({"dag_id": "etl", "dag_run_id": "r1", "state": "success", "conf": {}})
    run = apis.DAGRunApi(client).get_dag_run("etl", "r1")
    assert run["state"]["value"] == "success" and run.state.value == "success"
    assert run.state["value"] == "success" and run.state.get("value") == "success"
    assert run.state.to_str() == "success"
    assert run.state == "success" and run.state in {"success", "failed"} and str(run.state) == "success"
    assert f"{run.state}" == "success" and "%s" % run.state == "success"
    assert json.dumps({"state": run.state}) == '{"state": "success"}'
    assert run.state[0] == "s" and run.state[:3] == "suc" and run.state.upper() == "SUCCESS"
    assert {"success": 1}[run.state] == 1 and isinstance(run.state, str)
    with pytest.raises(KeyError):
        run.state["nope"]  # type: ignore[call-overload]


def test_unknown_enum_values_and_string_schemas_read_the_same_way() -> None:
    ti = models.TaskInstance.from_dict({"state": "paused_forever"})
    assert ti["state"]["value"] == "paused_forever" and ti.state == "paused_forever"
    task = models.Task.from_dict({"ui_color": "#fff", "ui_fgcolor": "#000", "weight_rule": "downstream",
                                  "trigger_rule": "all_success"})
    assert task.ui_color is not None and task.weight_rule is not None and task.trigger_rule is not None
    assert task.ui_color.value == "#fff" and task["ui_fgcolor"]["value"] == "#000"
    assert task.weight_rule.value == "downstream" and task.trigger_rule["value"] == "all_success"
    assert task.ui_color == "#fff" and json.dumps(task.to_dict())


# -- 3. printing an answer shows all of it -----------------------------------------------------

def test_print_shows_the_whole_answer(server: Any, client: Any, capsys: Any) -> None:
    note = "x" * 500
    server.reply({"task_instances": [dict(TI, task_id=f"t{i}", note=note) for i in range(30)],
                  "total_entries": 30})
    tis = apis.TaskInstanceApi(client).get_task_instances("etl", "r1")
    print(tis)
    out = capsys.readouterr().out
    assert out == pprint.pformat(tis.to_dict()) + "\n"
    assert all(f"'task_id': 't{i}'" in out for i in range(30)) and out.count(note) == 30
    assert str(tis.task_instances[0]) == repr(tis.task_instances[0]) == pprint.pformat(
        tis.task_instances[0].to_dict())
    assert "'start_date': '2024-05-01T10:00:01.500000+00:00'" in out
    # the short form, on request
    assert tis.task_instances[0].compact_repr().startswith("TaskInstance(task_id='t0'")
    assert len(tis.compact_repr()) < 400


def test_print_masks_secrets() -> None:
    conn = models.Connection(connection_id="c", conn_type="http", password="hunter2")
    assert str(conn) == pprint.pformat({"conn_type": "http", "connection_id": "c", "password": "***"})
    assert conn.to_dict()["password"] == "hunter2"


# -- 4. extending the client -------------------------------------------------------------------

class RecordingRest(rest.RESTClientObject):
    """The usual test-suite subclass: see every request, then do it."""

    def __init__(self, configuration: Any, pools_size: int = 4, maxsize: Optional[int] = None) -> None:
        super().__init__(configuration, pools_size, maxsize)
        self.seen: List[Tuple[str, str, Any, Any]] = []

    def request(self, method: str, url: str, query_params: Any = None, headers: Any = None,
                body: Any = None, post_params: Any = None, _preload_content: bool = True,
                _request_timeout: Any = None) -> Any:
        self.seen.append((method, url, query_params, body))
        return super().request(method, url, query_params=query_params, headers=headers, body=body,
                               post_params=post_params, _preload_content=_preload_content,
                               _request_timeout=_request_timeout)


def test_rest_client_subclass_sees_every_call(server: Any, config: Any) -> None:
    server.reply({"pools": [POOL], "total_entries": 1}).reply(POOL)
    with airflow_python_sdk.ApiClient(config) as api_client:
        api_client.rest_client = RecordingRest(config)
        api = pool_api.PoolApi(api_client)
        assert api.get_pools(limit=1, order_by="name").pools[0].name == "p1"
        api.patch_pool("p1", models.Pool(name="p1", slots=4), update_mask=["slots", "description"])
        seen = api_client.rest_client.seen
    probe = server.base_url.replace("/api/v1", "/api/v2/version")
    assert seen.pop(0)[:2] == ("GET", probe)  # the client's probe for which API the server serves
    assert seen[0] == ("GET", server.base_url + "/pools", [("limit", "1"), ("order_by", "name")], None)
    assert seen[1] == ("PATCH", server.base_url + "/pools/p1", [("update_mask", "slots,description")],
                       {"name": "p1", "slots": 4})
    assert server.last.raw_query == "update_mask=slots,description"  # as the SDK encodes it
    assert server.last.json() == {"name": "p1", "slots": 4}


def test_rest_client_request_raises_and_a_subclass_can_renew_a_token(server: Any, config: Any) -> None:
    class Renewing(rest.RESTClientObject):
        renewed = 0

        def request(self, method: str, url: str, query_params: Any = None, headers: Any = None,
                    body: Any = None, post_params: Any = None, _preload_content: bool = True,
                    _request_timeout: Any = None) -> Any:
            try:
                return super().request(method, url, query_params, headers, body, post_params,
                                       _preload_content, _request_timeout)
            except airflow_python_sdk.UnauthorizedException:
                self.renewed += 1
                headers = dict(headers or {}, Authorization="Bearer fresh")
                return super().request(method, url, query_params, headers, body, post_params,
                                       _preload_content, _request_timeout)

    server.reply({"title": "Unauthorized"}, status=401).reply(POOL)
    with airflow_python_sdk.ApiClient(config) as api_client:
        api_client.rest_client = Renewing(config)
        assert pool_api.PoolApi(api_client).get_pool("p1").name == "p1"
        assert api_client.rest_client.renewed == 1
    assert server.last.headers["Authorization"] == "Bearer fresh"


def test_an_error_the_hook_raises_reaches_the_caller_typed(server: Any, config: Any) -> None:
    server.reply({"title": "Not Found", "detail": "no pool p9", "status": 404}, status=404,
                 content_type="application/problem+json")
    with airflow_python_sdk.ApiClient(config) as api_client:
        api_client.rest_client = RecordingRest(config)
        with pytest.raises(airflow_python_sdk.NotFoundException) as info:
            pool_api.PoolApi(api_client).get_pool("p9")
    assert info.value.problem.detail == "no pool p9" and "no pool p9" in info.value.body


def test_overriding_one_verb(server: Any, config: Any) -> None:
    class TaggedGet(rest.RESTClientObject):
        def GET(self, url: str, headers: Any = None, query_params: Any = None,
                _preload_content: bool = True, _request_timeout: Any = None) -> Any:
            return super().GET(url, dict(headers or {}, **{"X-Suite": "yes"}), query_params,
                               _preload_content, _request_timeout)

    server.reply(POOL).reply(POOL)
    with airflow_python_sdk.ApiClient(config) as api_client:
        api_client.rest_client = TaggedGet(config)
        api = pool_api.PoolApi(api_client)
        api.get_pool("p1")
        assert server.last.headers["X-Suite"] == "yes"
        api.post_pool(models.Pool(name="p1", slots=4))
        assert "X-Suite" not in server.last.headers


def test_rest_client_verbs_reach_the_wire(server: Any, client: Any) -> None:
    rc = client.rest_client
    auth = {"Authorization": client.configuration.get_basic_auth_token()}
    url = server.base_url + "/pools"
    calls: List[Tuple[str, Any, str, bytes]] = [
        ("GET", lambda: rc.GET(url, headers=auth, query_params={"limit": 1}), "limit=1", b""),
        ("HEAD", lambda: rc.HEAD(url, headers=auth, query_params=[("offset", 2)]), "offset=2", b""),
        ("OPTIONS", lambda: rc.OPTIONS(url, headers=auth), "", b""),
        ("POST", lambda: rc.POST(url, headers=auth, body={"name": "p", "slots": 1}, _request_timeout=5),
         "", b'{"name":"p","slots":1}'),
        ("PUT", lambda: rc.PUT(url + "/p", headers=auth, body="raw text"), "", b"raw text"),
        ("PATCH", lambda: rc.PATCH(url + "/p", headers=auth, query_params={"update_mask": "slots"},
                                   body={"slots": 2}, _preload_content=False), "update_mask=slots",
         b'{"slots":2}'),
        ("DELETE", lambda: rc.DELETE(url + "/p", headers=auth, _request_timeout=(3, 5)), "", b""),
        ("POST", lambda: rc.POST(url, headers=auth, post_params=[("a", "1"), ("b", "2")]), "", b"a=1&b=2"),
    ]
    for method, call, query, body in calls:
        server.reply(POOL)
        answer = call()
        assert answer.status == 200 and answer.getheader("Content-Type") == "application/json"
        assert (server.last.method, server.last.raw_query, server.last.body) == (method, query, body)
        assert server.last.headers["Authorization"].startswith("Basic ")
    server.reply({"title": "no"}, status=404)
    with pytest.raises(airflow_python_sdk.NotFoundException) as info:
        rc.GET(url + "/nope", headers=auth)
    assert info.value.body == b'{"title": "no"}'  # raw, as the older REST clients raised it
    server.reply({"title": "no"}, status=404)
    with pytest.raises(airflow_python_sdk.NotFoundException):
        rc.request("GET", url + "/nope", headers=auth)  # request() raises too, as in 1.0.1/2.x


def test_api_client_constructor_arguments_reach_the_wire(server: Any, config: Any) -> None:
    server.reply(POOL).reply(POOL)
    with airflow_python_sdk.ApiClient(config, "X-Team", "data", "session=abc", 2) as api_client:
        api = pool_api.PoolApi(api_client)
        api.get_pool("p1")
        assert server.last.headers["X-Team"] == "data" and server.last.headers["Cookie"] == "session=abc"
        thread = api.get_pool("p1", async_req=True)  # type: ignore[arg-type]
        assert thread.get(timeout=10).name == "p1"  # type: ignore[call-arg]
        assert api_client.pool_threads == 2 and api_client.last_response is not None
        assert api_client.last_response.status == 200


def test_configuration_subclass_and_int_retries(server: Any) -> None:
    class SuiteConfiguration(airflow_python_sdk.Configuration):
        def __init__(self, host: str) -> None:
            super().__init__(host=host, username="admin", password="admin")
            self.retries = 2

    config = SuiteConfiguration(server.base_url)
    for _ in range(2):
        server.reply({"title": "busy"}, status=503, headers={"Retry-After": "0"})
    server.reply(POOL)
    with airflow_python_sdk.ApiClient(config) as api_client:
        assert pool_api.PoolApi(api_client).get_pool("p1").name == "p1"
    assert len(server.requests) == 3
    for _ in range(3):
        server.reply({"title": "busy"}, status=503, headers={"Retry-After": "0"})
    with airflow_python_sdk.ApiClient(config) as api_client:
        with pytest.raises(airflow_python_sdk.ServiceException):
            pool_api.PoolApi(api_client).get_pool("p1")
    assert len(server.requests) == 6  # 2 retries: three attempts


def test_api_client_subclass_overriding_request(server: Any, config: Any) -> None:
    class Client(airflow_python_sdk.ApiClient):
        seen: List[Tuple[str, str]] = []

        def request(self, method: str, url: str, query_params: Any = None, headers: Any = None,
                    post_params: Any = None, body: Any = None, _preload_content: bool = True,
                    _request_timeout: Any = None) -> Any:
            self.seen.append((method, url))
            return super().request(method, url, query_params=query_params, headers=headers,
                                   post_params=post_params, body=body, _preload_content=_preload_content,
                                   _request_timeout=_request_timeout)

    server.reply(POOL).reply({"title": "gone"}, status=404)
    with Client(config) as api_client:
        assert pool_api.PoolApi(api_client).get_pool("p1").slots == 4
        with pytest.raises(airflow_python_sdk.NotFoundException):
            pool_api.PoolApi(api_client).delete_pool("p1")
    # the hook sees every exchange, the client's probe for which API the server serves first
    probe = server.base_url.replace("/api/v1", "/api/v2/version")
    assert Client.seen == [("GET", probe), ("GET", server.base_url + "/pools/p1"),
                           ("DELETE", server.base_url + "/pools/p1")]


def test_api_client_subclass_overriding_call_api(server: Any, config: Any) -> None:
    class Client(airflow_python_sdk.ApiClient):
        seen: List[Tuple[Any, ...]] = []

        def call_api(self, resource_path: str, method: str, path_params: Any = None,  # type: ignore[override]
                     query_params: Any = None, header_params: Any = None, body: Any = None,
                     **kwargs: Any) -> Any:
            self.seen.append((resource_path, method, path_params, query_params, kwargs["response_type"],
                              kwargs["auth_settings"], kwargs["_return_http_data_only"]))
            return super().call_api(resource_path, method, path_params, query_params, header_params,
                                    body=body, **kwargs)

    server.reply({"pools": [POOL], "total_entries": 1}).reply(POOL)
    with Client(config) as api_client:
        api = pool_api.PoolApi(api_client)
        assert api.get_pools(limit=5).total_entries == 1
        assert api.get_pool_with_http_info("p1").data.name == "p1"
    assert Client.seen == [
        ("/pools", "GET", {}, [("limit", 5)], (models.PoolCollection,), ["Basic", "Kerberos"], True),
        ("/pools/{pool_name}", "GET", {"pool_name": "p1"}, [], (models.Pool,), ["Basic", "Kerberos"], False)]
    assert server.last.raw_path == "/api/v1/pools/p1"


def test_call_api_with_the_2x_argument_forms(server: Any, client: Any) -> None:
    server.reply({"dags": [], "total_entries": 0}).reply({"dags": [], "total_entries": 0})
    data, status, headers = client.call_api(
        "/dags", "GET", {}, [("tags", ["a", "b"]), ("limit", 10)], {"Accept": "application/json"},
        response_type=(models.DAGCollection,), auth_settings=["Basic", "Kerberos"],
        collection_formats={"tags": "multi"}, _check_type=True)
    assert isinstance(data, models.DAGCollection) and status == 200 and headers["Content-Type"]
    assert server.last.raw_query == "tags=a&tags=b&limit=10"
    only = client.call_api("/dags/{dag_id}", "PATCH", {"dag_id": "etl"}, [("update_mask", ["is_paused"])],
                           body=models.DAG(is_paused=True), response_type=(models.DAGCollection,),
                           _return_http_data_only=True, collection_formats={"update_mask": "csv"})
    assert isinstance(only, models.DAGCollection)
    assert (server.last.raw_path, server.last.raw_query) == ("/api/v1/dags/etl", "update_mask=is_paused")
    assert server.last.json() == {"is_paused": True}


def test_errors_carry_the_body_as_text(server: Any, client: Any) -> None:
    server.reply({"title": "Conflict", "detail": "Pool already exists", "status": 409}, status=409)
    with pytest.raises(airflow_python_sdk.ApiException) as info:
        pool_api.PoolApi(client).post_pool(models.Pool(name="p1", slots=1))
    assert "already exists" in info.value.body and json.loads(info.value.body)["status"] == 409


# -- 5. models of the same shape, the 2.x client's names ---------------------------------------

def test_user_with_the_2x_role_model(server: Any, client: Any) -> None:
    server.reply({"username": "u", "roles": [{"name": "Viewer"}]}).reply(
        {"username": "u", "roles": [{"name": "Op"}]})
    api = user_api.UserApi(client)
    made = api.post_user(User(username="u", email="u@x.org", first_name="U", last_name="X", password="pw",
                              roles=[UserCollectionItemRoles(name="Viewer")]))
    assert made.roles[0].name == "Viewer"
    assert server.last.json()["roles"] == [{"name": "Viewer"}]
    # another model of the same shape (a Role), and a decoded UserCollectionItem as a User body
    listed = models.UserCollectionItem.from_dict({"username": "u", "email": "u@x.org", "first_name": "U",
                                                  "last_name": "X", "active": True, "roles": [{"name": "Op"}]})
    api.patch_user("u", listed, update_mask=["roles"])
    assert server.last.json() == {"username": "u", "email": "u@x.org", "first_name": "U", "last_name": "X",
                                  "roles": [{"name": "Op"}]}  # read-only `active` left out
    # (nominal to a type checker: a Role is accepted at run time)
    role_user = models.User(roles=[models.Role(name="Op")])  # type: ignore[list-item]
    assert role_user.roles[0] == UserCollectionItemRoles(name="Op")


def test_a_model_of_another_shape_is_refused_before_sending(server: Any, client: Any) -> None:
    with pytest.raises(airflow_python_sdk.ApiTypeError, match="'slots'"):
        models.User(roles=[models.Pool(name="p", slots=1)])  # type: ignore[list-item]
    with pytest.raises(airflow_python_sdk.ApiTypeError, match="model of its shape"):
        user_api.UserApi(client).post_user(models.Variable(key="k", value="v"))  # type: ignore[arg-type]
    assert server.requests == []


#: fields of 2.10's models that ours lack, on purpose: 2.10's spec named the list of a dag
#: warning collection ``import_errors`` (2.11.2's and the server's: ``dag_warnings``), and 2.10
#: calls the JSON log ``InlineResponse2001`` where 1.0.1 (whose names the SDK keeps) calls it
#: ``InlineResponse200`` and the DAG source ``InlineResponse2001``
NOT_OURS = {("DagWarningCollection", "import_errors"), ("DagWarningCollectionAllOf", "import_errors"),
            ("InlineResponse2001", "continuation_token")}


@pytest.mark.parametrize("name", sorted(FACTS["models"]))
def test_every_2_10_model_name_at_its_module_path(name: str) -> None:
    module = FACTS["models"][name]["module"].replace("airflow_client.client", "airflow_python_sdk")
    cls = getattr(importlib.import_module(module), name)
    assert cls is getattr(models, name)
    if FACTS["models"][name]["kind"] == "simple":
        return
    classes = variants_of(cls) if is_one_of(cls) else (cls,)  # a one-of: the fields of its variants
    known = {wire for c in classes for wire in c._sdk_by_wire}
    for attr, wire in FACTS["models"][name]["attribute_map"].items():
        assert wire in known or (name, attr) in NOT_OURS, (name, attr)


@pytest.mark.parametrize("api,method", sorted((a, m["name"]) for a, spec in FACTS["apis"].items()
                                              for m in spec["methods"]))
def test_every_2_10_method_takes_its_arguments(api: str, method: str) -> None:
    spec = next(m for m in FACTS["apis"][api]["methods"] if m["name"] == method)
    params = inspect.signature(getattr(getattr(apis, api), method)).parameters
    positional = [p.name for p in params.values() if p.kind == p.POSITIONAL_OR_KEYWORD and p.name != "self"]
    assert positional[:len(spec["required_params"])] == spec["required_params"]
    assert all(name in params for name in spec["optional_params"])
    for name in spec["common_kwargs_defaults"]:
        assert name in params or name in airflow_python_sdk.compat.call_options.KNOWN


# -- 6. get_extra_links --------------------------------------------------------------------------

def test_extra_links_are_given(server: Any, client: Any) -> None:
    server.reply({"Triggered DAG": "http://af/dags/other/grid", "Docs": None}).reply({})
    api = task_instance_api.TaskInstanceApi(client)
    links = api.get_extra_links("etl", "r1", "t")
    assert links["Triggered DAG"] == "http://af/dags/other/grid" and links.to_dict() == {
        "Triggered DAG": "http://af/dags/other/grid", "Docs": None}
    assert [(link.name, link.href) for link in links.extra_links or []] == [
        ("Triggered DAG", "http://af/dags/other/grid"), ("Docs", None)]
    assert links["extra_links"][0].href == "http://af/dags/other/grid"
    assert api.get_extra_links("etl", "r1", "t").extra_links == []


# -- what else the older clients' code imports and calls ----------------------------------------

def test_model_utils_helpers() -> None:
    from airflow_python_sdk.model_utils import (
        ApiTypeError,
        model_to_dict,
        none_type,
        validate_and_convert_types,
    )

    task = models.Task.from_dict({"task_id": "t", "retry_delay": {"__type": "TimeDelta", "days": 0,
                                                                   "seconds": 300, "microseconds": 0}})
    assert model_to_dict(task)["retry_delay"]["__type"] == "TimeDelta"
    assert model_to_dict(task, serialize=False)["retry_delay"]["type"] == "TimeDelta"
    pool = validate_and_convert_types(POOL, (models.Pool,), ["received_data"], True, True)
    assert isinstance(pool, models.Pool) and pool.slots == 4
    assert validate_and_convert_types(None, (str, none_type), []) is None
    assert ApiTypeError is airflow_python_sdk.ApiTypeError


def test_per_call_options_of_2x_run_without_warnings(server: Any, client: Any) -> None:
    server.reply(POOL).reply(POOL)
    api = pool_api.PoolApi(client)
    assert api.get_pool("p1", _check_return_type=False, _spec_property_naming=False).name == "p1"
    assert api.get_pool("p1", _check_input_type=True, _host_index=None, _content_type=None).name == "p1"
    assert models.Pool(name="p", _check_type=True, _spec_property_naming=True,  # type: ignore[call-arg]
                       _configuration=client.configuration).name == "p"


def test_answers_faked_the_2x_way(server: Any, client: Any) -> None:
    """Suites build fake answers with ``_from_openapi_data`` (read-only fields included)."""
    pool = models.Pool._from_openapi_data(name="p1", slots=4, occupied_slots=1, _spec_property_naming=True)
    assert pool.occupied_slots == 1 and models.Error._from_openapi_data("about:blank", "Bad", 400).status == 400
    server.reply(pool.to_dict())
    assert pool_api.PoolApi(client).get_pool("p1") == pool


def test_a_request_replaced_on_the_instance_answers_every_call(server: Any, client: Any) -> None:
    """Suites replace ``rest_client.request`` on the instance to fake the server."""
    calls: List[Tuple[str, str]] = []

    def fake(method: str, url: str, query_params: Any = None, headers: Any = None, body: Any = None,
             post_params: Any = None, _preload_content: bool = True, _request_timeout: Any = None) -> Any:
        calls.append((method, url))
        return rest.RESTResponse(200, "OK", {"Content-Type": "application/json"}, json.dumps(POOL).encode())

    client.rest_client.request = fake
    client.configuration.server_api = "v1"  # the fake answers everything: no probe to learn from it
    assert pool_api.PoolApi(client).get_pool("p1").slots == 4
    assert calls == [("GET", server.base_url + "/pools/p1")] and server.requests == []
