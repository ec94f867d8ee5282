# mypy: disable-error-code="union-attr,arg-type,operator,type-var"
# (written as code for the untyped 2.x client is: nullable fields are read without None checks)
"""Each of the 89 operations called the way users of the official ``apache-airflow-client`` 2.10
call them, against the real Airflow 2.11.2, with only the import root renamed
(``airflow_client.client`` -> ``airflow_python_sdk``): its module paths and model names
(``ClearTaskInstances``, ``UpdateTaskState``, ``UserCollectionItemRoles``, ...), required
parameters positional and optional ones by keyword, its enum objects as values, its
``api_client`` made the way its README makes it. The client here overrides ``request`` (as
suites do) to see every call; the last test checks all 89 went through it.
"""
from __future__ import annotations

import datetime as dt
import re
import time
import warnings
from typing import Any, Dict, Iterator, List, Optional, Set, Tuple
from urllib.parse import urlsplit

import pytest

import airflow_python_sdk as client
from airflow_python_sdk import apis
from airflow_python_sdk.api import (
    config_api,
    connection_api,
    dag_api,
    dag_run_api,
    dag_stats_api,
    dag_warning_api,
    dataset_api,
    event_log_api,
    import_error_api,
    monitoring_api,
    permission_api,
    plugin_api,
    pool_api,
    provider_api,
    role_api,
    task_instance_api,
    user_api,
    variable_api,
    x_com_api,
)
from airflow_python_sdk.model.action import Action
from airflow_python_sdk.model.action_resource import ActionResource
from airflow_python_sdk.model.clear_dag_run import ClearDagRun
from airflow_python_sdk.model.clear_task_instances import ClearTaskInstances
from airflow_python_sdk.model.connection import Connection
from airflow_python_sdk.model.create_dataset_event import CreateDatasetEvent
from airflow_python_sdk.model.dag import DAG
from airflow_python_sdk.model.dag_run import DAGRun
from airflow_python_sdk.model.dag_state import DagState
from airflow_python_sdk.model.list_dag_runs_form import ListDagRunsForm
from airflow_python_sdk.model.list_task_instance_form import ListTaskInstanceForm
from airflow_python_sdk.model.pool import Pool
from airflow_python_sdk.model.resource import Resource
from airflow_python_sdk.model.role import Role
from airflow_python_sdk.model.set_dag_run_note import SetDagRunNote
from airflow_python_sdk.model.set_task_instance_note import SetTaskInstanceNote
from airflow_python_sdk.model.task_state import TaskState
from airflow_python_sdk.model.update_dag_run_state import UpdateDagRunState
from airflow_python_sdk.model.update_task_instance import UpdateTaskInstance
from airflow_python_sdk.model.update_task_instances_state import UpdateTaskInstancesState
from airflow_python_sdk.model.update_task_state import UpdateTaskState
from airflow_python_sdk.model.user import User
from airflow_python_sdk.model.user_collection_item_roles import UserCollectionItemRoles
from airflow_python_sdk.model.variable import Variable

from .conftest import wait_for_run
from .test_resources import probe_connection

URI = "s3://sdk-test-bucket/daily/data.csv"
WAITER = "sdk_dataset_waiter"
#: (operation, method, URL) of every request the suite's client made; the operation is the v1
#: call it was made for (on 3.3.2 one v1 call may send several v2 requests)
SEEN: List[Tuple[Optional[str], str, str]] = []


class SuiteApiClient(client.ApiClient):
    """How suites written for the 2.x client watch their calls: an ``ApiClient.request`` override
    (and which operation is being called, to tell on 3.3.2 which call sent which v2 request)."""

    calling: Optional[str] = None

    def build_request(self, op: Any, values: Any, options: Any = None) -> Any:
        if op.surface.name == "v1":
            self.calling = op.operation_id
        return super().build_request(op, values, options)

    def request(self, method: str, url: str, query_params: Any = None, headers: Any = None,
                post_params: Any = None, body: Any = None, _preload_content: bool = True,
                _request_timeout: Any = None) -> Any:
        SEEN.append((self.calling, method, url))
        return super().request(method, url, query_params=query_params, headers=headers,
                               post_params=post_params, body=body, _preload_content=_preload_content,
                               _request_timeout=_request_timeout)


@pytest.fixture(scope="module")
def api_client(base_url: str) -> Iterator[client.ApiClient]:
    configuration = client.Configuration(host=base_url, username="admin", password="admin")
    with SuiteApiClient(configuration) as api_client:
        yield api_client


@pytest.fixture(autouse=True)
def no_warnings() -> Iterator[None]:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.filterwarnings("ignore", module="werkzeug")
        yield


@pytest.fixture(scope="module")
def links_run(admin: Any, runs: Dict[str, str]) -> str:
    wait_for_run(admin, "sdk_links", runs["sdk_links"])
    return runs["sdk_links"]


def test_config_monitoring_and_listings(api_client: client.ApiClient, airflow_major: int) -> None:
    section = {2: "webserver", 3: "api"}[airflow_major]  # Airflow 3 moved expose_config to [api]
    config = config_api.ConfigApi(api_client).get_config(section=section)
    assert config.sections[0].name == section
    value = config_api.ConfigApi(api_client).get_value(section, "expose_config")
    assert value.sections[0].options[0].value == "True"
    health = monitoring_api.MonitoringApi(api_client).get_health()
    assert health.metadatabase.status.value == "healthy"
    version = {2: "2.11.2", 3: "3.3.2"}[airflow_major]
    assert monitoring_api.MonitoringApi(api_client).get_version().version == version
    assert permission_api.PermissionApi(api_client).get_permissions(limit=100).total_entries
    assert plugin_api.PluginApi(api_client).get_plugins(limit=10).total_entries is not None
    providers = provider_api.ProviderApi(api_client).get_providers()
    # 2.11.2 comes with the http provider; 3.3.2 (its operators split out) with the standard one
    provider = {2: "apache-airflow-providers-http", 3: "apache-airflow-providers-standard"}[airflow_major]
    assert provider in [p.package_name for p in providers.providers]
    stats = dag_stats_api.DagStatsApi(api_client).get_dag_stats("sdk_quick")
    assert stats.dags[0].dag_id == "sdk_quick"
    warnings_ = dag_warning_api.DagWarningApi(api_client).get_dag_warnings(limit=10, order_by="dag_id")
    assert warnings_.total_entries is not None
    logs = event_log_api.EventLogApi(api_client).get_event_logs(limit=5, order_by="-when")
    one = event_log_api.EventLogApi(api_client).get_event_log(logs.event_logs[0].event_log_id)
    assert one.event_log_id == logs.event_logs[0].event_log_id
    errors = import_error_api.ImportErrorApi(api_client).get_import_errors(limit=10)
    broken = [e for e in errors.import_errors if e.filename.endswith("sdk_broken.py")][0]
    again = import_error_api.ImportErrorApi(api_client).get_import_error(broken.import_error_id)
    assert again.filename == broken.filename and isinstance(again.timestamp, str)


def test_pools_variables_connections(api_client: client.ApiClient, airflow_major: int) -> None:
    pools = pool_api.PoolApi(api_client)
    pools.post_pool(Pool(name="sdk_official_pool", slots=2, description="2.x style"))
    assert pools.get_pool("sdk_official_pool").slots == 2
    assert "sdk_official_pool" in [p.name for p in pools.get_pools(limit=100, order_by="name").pools]
    assert pools.patch_pool("sdk_official_pool", Pool(name="sdk_official_pool", slots=3),
                            update_mask=["slots"]).slots == 3
    pools.delete_pool("sdk_official_pool")

    variables = variable_api.VariableApi(api_client)
    variables.post_variables(Variable(key="sdk_official_var", value="1"))
    assert variables.get_variable("sdk_official_var").value == "1"
    assert variables.get_variables(limit=100, order_by="key").total_entries >= 1
    assert variables.patch_variable("sdk_official_var", Variable(key="sdk_official_var", value="2")).value == "2"
    variables.delete_variable("sdk_official_var")

    connections = connection_api.ConnectionApi(api_client)
    connections.post_connection(Connection(connection_id="sdk_official_conn", conn_type="http",
                                           host="example.com", login="u", password="p", port=80))
    assert connections.get_connection("sdk_official_conn").port == 80
    assert connections.get_connections(limit=100, order_by="connection_id").total_entries >= 1
    patched = connections.patch_connection(
        "sdk_official_conn", Connection(connection_id="sdk_official_conn", conn_type="http", port=81),
        update_mask=["port"])
    assert patched.port == 81
    tested = connections.test_connection(probe_connection(airflow_major))
    assert tested.status is True, tested.message
    connections.delete_connection("sdk_official_conn")


def test_roles_and_users(api_client: client.ApiClient) -> None:
    roles = role_api.RoleApi(api_client)
    read = ActionResource(action=Action(name="can_read"), resource=Resource(name="DAGs"))
    roles.post_role(Role(name="sdk_official_role", actions=[read]))
    assert roles.get_role("sdk_official_role").name == "sdk_official_role"
    assert "sdk_official_role" in [r.name for r in roles.get_roles(limit=100).roles]
    edit = ActionResource(action=Action(name="can_edit"), resource=Resource(name="DAGs"))
    patched = roles.patch_role("sdk_official_role", Role(name="sdk_official_role", actions=[read, edit]),
                               update_mask=["actions"])
    assert len(patched.actions) == 2

    users = user_api.UserApi(api_client)
    users.post_user(User(username="sdk_official_user", email="official@example.com", first_name="O",
                         last_name="C", password="pw-official",
                         roles=[UserCollectionItemRoles(name="sdk_official_role")]))
    got = users.get_user("sdk_official_user")
    assert got.roles[0].name == "sdk_official_role" and isinstance(got.changed_on, str)
    assert "sdk_official_user" in [u.username for u in users.get_users(limit=100).users]
    patched_user = users.patch_user("sdk_official_user", User(
        username="sdk_official_user", email="official@example.com", first_name="Changed", last_name="C",
        roles=[UserCollectionItemRoles(name="Viewer")]), update_mask=["first_name", "roles"])
    assert patched_user.first_name == "Changed"
    users.delete_user("sdk_official_user")
    roles.delete_role("sdk_official_role")


def test_dags(api_client: client.ApiClient) -> None:
    api = dag_api.DAGApi(api_client)
    dags = api.get_dags(limit=100, order_by="dag_id", tags=["sdk-test"], only_active=True)
    assert "sdk_links" in [d.dag_id for d in dags.dags]
    dag = api.get_dag("sdk_links")
    assert dag.dag_id == "sdk_links"
    details = api.get_dag_details("sdk_links")
    assert details.timezone.value and details.catchup is False
    assert 'dag_id="sdk_links"' in api.get_dag_source(dag.file_token).content
    tasks = api.get_tasks("sdk_links", order_by="task_id")
    assert [t.task_id for t in tasks.tasks] == ["hello", "trigger"]
    trigger = api.get_task("sdk_links", "trigger")
    assert trigger.trigger_rule.value == "all_success" and trigger.ui_color.value
    assert api.patch_dag("sdk_links_target", DAG(is_paused=True), update_mask=["is_paused"]).is_paused
    assert [d.dag_id for d in api.patch_dags("sdk_links_tar%", DAG(is_paused=True),
                                             update_mask=["is_paused"]).dags] == ["sdk_links_target"]
    api.reparse_dag_file(dag.file_token)
    deadline = time.time() + 90  # deleted by an earlier run of the suite: back once its file is parsed
    while True:
        try:
            api.delete_dag("sdk_links_disposable")
            break
        except client.NotFoundException:
            if time.time() > deadline:
                raise
            time.sleep(2)


def test_dag_runs(api_client: client.ApiClient, links_run: str) -> None:
    api = dag_run_api.DAGRunApi(api_client)
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    run_id = f"sdk_official_{int(time.time() * 1000)}"
    made = api.post_dag_run("sdk_links_target", DAGRun(dag_run_id=run_id, logical_date=now, conf={"a": 1}))
    assert made.state == DagState("queued") and made["state"]["value"] == "queued"
    assert api.get_dag_run("sdk_links_target", run_id).conf == {"a": 1}
    listed = api.get_dag_runs("sdk_links_target", execution_date_gte=now - dt.timedelta(seconds=1),
                              state=["queued"], order_by="-execution_date", limit=10)
    assert run_id in [r.dag_run_id for r in listed.dag_runs]
    batch = api.get_dag_runs_batch(ListDagRunsForm(dag_ids=["sdk_links_target"], page_limit=100))
    assert run_id in [r.dag_run_id for r in batch.dag_runs]
    failed = api.update_dag_run_state("sdk_links_target", run_id, UpdateDagRunState(state="failed"))
    assert failed.state.value == "failed"
    noted = api.set_dag_run_note("sdk_links_target", run_id, SetDagRunNote(note="2.x style"))
    assert noted.note == "2.x style"
    cleared = api.clear_dag_run("sdk_links", links_run, ClearDagRun(dry_run=True))
    assert sorted(t.task_id for t in cleared.task_instances) == ["hello", "trigger"]
    api.delete_dag_run("sdk_links_target", run_id)
    consumer = api.get_dag_runs("sdk_dataset_consumer", limit=1).dag_runs
    if consumer:  # dataset-triggered runs come from the producer's run
        events = api.get_upstream_dataset_events("sdk_dataset_consumer", consumer[0].dag_run_id)
        assert events.total_entries is not None


def test_task_instances(api_client: client.ApiClient, links_run: str, runs: Dict[str, str],
                        server_root: str, airflow_major: int) -> None:
    api = task_instance_api.TaskInstanceApi(api_client)
    tis = api.get_task_instances("sdk_links", links_run, state=["success"], limit=10)
    assert sorted(t.task_id for t in tis.task_instances) == ["hello", "trigger"]
    hello = api.get_task_instance("sdk_links", links_run, "hello")
    assert hello.state == TaskState("success") and dt.datetime.strptime(hello.start_date,
                                                                        "%Y-%m-%dT%H:%M:%S.%f%z")
    batch = api.get_task_instances_batch(ListTaskInstanceForm(dag_ids=["sdk_links"], dag_run_ids=[links_run],
                                                              state=[TaskState("success")]))
    assert len(batch.task_instances) == 2
    assert api.get_task_instance_dependencies("sdk_links", links_run, "hello").dependencies == []
    assert api.get_task_instance_tries("sdk_links", links_run, "hello").total_entries >= 1
    assert api.get_task_instance_try_details("sdk_links", links_run, "hello", 1).try_number == 1
    log = api.get_log("sdk_links", links_run, "hello", 1, full_content=True)
    assert "hello from sdk_links" in log.content
    links = api.get_extra_links("sdk_links", links_run, "trigger")
    # 2.11.2 links to its grid view; 3.3.2 to the triggered run, as an absolute URL
    target = {2: "/dags/sdk_links_target/", 3: server_root + "/dags/sdk_links_target/runs/"}[airflow_major]
    assert links["Triggered DAG"].startswith(target)
    preview = api.patch_task_instance("sdk_links", links_run, "hello", UpdateTaskInstance(
        dry_run=True, new_state=UpdateTaskState("failed")))
    assert preview.task_id == "hello"
    noted = api.set_task_instance_note("sdk_links", links_run, "hello", SetTaskInstanceNote(note="2.x"))
    assert noted.note == "2.x"
    dags = dag_api.DAGApi(api_client)
    cleared = dags.post_clear_task_instances("sdk_links", ClearTaskInstances(  # dates as the server's text
        dry_run=True, task_ids=["hello"], only_failed=False, reset_dag_runs=False,
        start_date=hello.execution_date, end_date=hello.execution_date))
    assert [(t.task_id, t.dag_run_id) for t in cleared.task_instances] == [("hello", links_run)]
    states = dags.post_set_task_instances_state("sdk_links", UpdateTaskInstancesState(
        dry_run=True, task_id="hello", dag_run_id=links_run, new_state=UpdateTaskState("failed"),
        include_upstream=False, include_downstream=False, include_future=False, include_past=False))
    assert [t.task_id for t in states.task_instances] == ["hello"]
    xcoms = x_com_api.XComApi(api_client)
    assert "return_value" in [x.key for x in xcoms.get_xcom_entries("sdk_links", links_run, "hello").xcom_entries]
    assert xcoms.get_xcom_entry("sdk_links", links_run, "hello", "return_value", stringify=False).value == 7

    mapped_run = runs["sdk_mapped"]
    wait_for_run(api_client, "sdk_mapped", mapped_run)
    mapped = api.get_mapped_task_instances("sdk_mapped", mapped_run, "double", limit=10)
    assert sorted(t.map_index for t in mapped.task_instances) == [0, 1, 2]
    assert api.get_mapped_task_instance("sdk_mapped", mapped_run, "double", 1).map_index == 1
    assert api.get_mapped_task_instance_dependencies("sdk_mapped", mapped_run, "double", 1).dependencies == []
    assert api.get_mapped_task_instance_tries("sdk_mapped", mapped_run, "double", 2).total_entries == 1
    assert api.get_mapped_task_instance_try_details("sdk_mapped", mapped_run, "double", 2, 1).map_index == 2
    assert api.set_mapped_task_instance_note("sdk_mapped", mapped_run, "double", 0,
                                             SetTaskInstanceNote(note="2.x")).note == "2.x"
    preview = api.patch_mapped_task_instance("sdk_mapped", mapped_run, "double", 0, update_task_instance=(
        UpdateTaskInstance(dry_run=True, new_state=UpdateTaskState("failed"))))
    assert preview.task_id == "double"


def _queued(api: Any) -> Any:
    deadline = time.time() + 60
    while True:
        try:
            return api.get_dag_dataset_queued_event(WAITER, URI)
        except client.NotFoundException:
            if time.time() > deadline:
                raise
            time.sleep(1)


def test_datasets(api_client: client.ApiClient, runs: Dict[str, str]) -> None:
    api = dataset_api.DatasetApi(api_client)
    listed = api.get_datasets(uri_pattern="sdk-test-bucket", order_by="uri", limit=10)
    assert URI in [d.uri for d in listed.datasets]
    dataset = api.get_dataset(URI)
    wait_for_run(api_client, "sdk_dataset_producer", runs["sdk_dataset_producer"])
    events = api.get_dataset_events(dataset_id=dataset.id, source_dag_id="sdk_dataset_producer", limit=10)
    assert events.total_entries >= 1
    made = api.create_dataset_event(CreateDatasetEvent(dataset_uri=URI, extra={"from": "2.x"}))
    assert made.dataset_uri == URI
    assert _queued(api).uri == URI
    assert WAITER in [q.dag_id for q in api.get_dag_dataset_queued_events(WAITER).queued_events]
    assert WAITER in [q.dag_id for q in api.get_dataset_queued_events(URI).queued_events]
    api.delete_dag_dataset_queued_event(WAITER, URI)
    api.create_dataset_event(CreateDatasetEvent(dataset_uri=URI))
    _queued(api)
    api.delete_dag_dataset_queued_events(WAITER)
    api.create_dataset_event(CreateDatasetEvent(dataset_uri=URI))
    _queued(api)
    api.delete_dataset_queued_events(URI)
    runs_api = dag_run_api.DAGRunApi(api_client)
    deadline = time.time() + 120
    consumer = runs_api.get_dag_runs("sdk_dataset_consumer", limit=1).dag_runs
    while not consumer and time.time() < deadline:
        time.sleep(2)
        consumer = runs_api.get_dag_runs("sdk_dataset_consumer", limit=1).dag_runs
    upstream = api.get_upstream_dataset_events("sdk_dataset_consumer", consumer[0].dag_run_id)
    assert upstream.dataset_events[0].dataset_uri == URI


def _operation_of(method: str, url: str) -> str:
    """The operation a request was for: its path template matched, the most literal one first."""
    path = urlsplit(url).path
    found: List[Tuple[int, str]] = []
    for name in apis.__all__:
        for op in getattr(apis, name)._operations.values():
            pattern = "^" + re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape("/api/v1" + op.path)) + "$"
            if op.method == method and re.match(pattern, path):
                found.append((op.path.count("{"), op.operation_id))
    assert found, (method, url)
    return min(found)[1]


def test_all_89_operations_went_through_the_suite_client(server_root: str, airflow_major: int) -> None:
    every: Set[str] = {op for name in apis.__all__ for op in getattr(apis, name)._operations}
    assert len(every) == 89
    probe = server_root + "/api/v2/version"  # the client's question: which API is served here?
    assert SEEN[0][1:] == ("GET", probe)
    if airflow_major == 2:
        called = {_operation_of(method, url) for _, method, url in SEEN if url != probe}
    else:
        # Airflow 3: each v1 call sent its v2 requests (users, roles, permissions: the FAB
        # API's), all of them through the override, none to /api/v1
        paths = {urlsplit(url).path for _, _, url in SEEN}
        assert all(url.startswith(server_root + "/") for _, _, url in SEEN)
        assert [p for p in paths if not p.startswith(("/api/v2/", "/auth/fab/v1/")) and p != "/auth/token"] == []
        # (the probe came before any call; a token fetch is no call's own request)
        called = {op for op, _, url in SEEN[1:] if op and not url.endswith("/auth/token")}
    assert sorted(every - called) == []
