"""Habits of code written for airflow-python-sdk 1.0.1 and apache-airflow-client 2.x, against the
real Airflow 2.11.2 and 3.3.2, written as such code is (only the import root renamed): ``strptime``
on task instance dates, ``["value"]`` on states, printing answers, subclassing the client,
the 2.x client's model names, extra links.

On 3.3.2 what a subclass of the transport sees is what is sent: the client's probe of
``/api/v2/version``, ``POST /auth/token`` and the v2 requests the bridge makes for each call.
"""
from __future__ import annotations

import datetime as dt
import json
import pprint
import warnings
from typing import Any, Dict, Iterator, List, Optional, Tuple

import pytest

import airflow_python_sdk as client
from airflow_python_sdk import rest
from airflow_python_sdk.api import dag_run_api, monitoring_api, pool_api, task_instance_api, user_api
from airflow_python_sdk.model.pool import Pool
from airflow_python_sdk.model.user import User
from airflow_python_sdk.model.user_collection_item_roles import UserCollectionItemRoles

from .conftest import wait_for_run

ISO = "%Y-%m-%dT%H:%M:%S.%f%z"


@pytest.fixture(autouse=True)
def no_warnings() -> Iterator[None]:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.filterwarnings("ignore", module="werkzeug")
        yield


@pytest.fixture
def configuration(base_url: str) -> client.Configuration:
    return client.Configuration(host=base_url, username="admin", password="admin")


@pytest.fixture
def api_client(configuration: client.Configuration) -> Iterator[client.ApiClient]:
    with client.ApiClient(configuration) as api_client:
        yield api_client


@pytest.fixture
def links_run(admin: Any, runs: Dict[str, str]) -> str:
    run_id = runs["sdk_links unchanged"]
    wait_for_run(admin, "sdk_links", run_id)
    return run_id


# -- 1. task instance dates, user timestamps, heartbeats are the server's text ----------------

def test_dates_are_strings_scripts_parse(api_client: client.ApiClient, links_run: str) -> None:
    api = task_instance_api.TaskInstanceApi(api_client)
    tis = api.get_task_instances("sdk_links", links_run).task_instances
    for ti in tis:
        assert isinstance(ti.start_date, str) and isinstance(ti.end_date, str)
        started = dt.datetime.strptime(ti.start_date, ISO)
        ended = dt.datetime.strptime(ti.end_date, ISO)
        assert started <= ended and ti.start_date[:4] == str(started.year)
        assert ti.as_datetime("start_date") == started and started.tzinfo is not None
        assert isinstance(ti.execution_date, str) and ti.as_datetime("execution_date") is not None
    health = monitoring_api.MonitoringApi(api_client).get_health()
    beat = health.scheduler.latest_scheduler_heartbeat
    assert isinstance(beat, str) and dt.datetime.fromisoformat(beat) == health.scheduler.as_datetime(
        "latest_scheduler_heartbeat")
    admin = user_api.UserApi(api_client).get_user("admin")
    assert isinstance(admin.created_on, str)
    created = dt.datetime.strptime(admin.created_on, "%Y-%m-%dT%H:%M:%S.%f")  # FAB: no offset
    assert admin.as_datetime("created_on") == created.replace(tzinfo=dt.timezone.utc)
    # fields the spec types date-time stay datetimes
    run = dag_run_api.DAGRunApi(api_client).get_dag_run("sdk_links", links_run)
    assert isinstance(run.start_date, dt.datetime) and run.start_date.tzinfo is not None


# -- 2. states read as the 2.x client's enum objects, and as strings ---------------------------

def test_states_read_the_2x_ways(api_client: client.ApiClient, links_run: str) -> None:
    run = dag_run_api.DAGRunApi(api_client).get_dag_run("sdk_links", links_run)
    assert run["state"]["value"] == "success" and run.state.value == "success"
    assert run.state == "success" and run.state in {"success", "failed"} and str(run.state) == "success"
    assert f"run is {run.state}" == "run is success" and json.dumps(run.state) == '"success"'
    tis = task_instance_api.TaskInstanceApi(api_client).get_task_instances("sdk_links", links_run)
    assert {ti["task_id"]: ti["state"]["value"] for ti in tis.task_instances} == {
        "hello": "success", "trigger": "success"}
    health = monitoring_api.MonitoringApi(api_client).get_health()
    assert health["metadatabase"]["status"]["value"] == "healthy"


# -- 3. printing an answer prints all of it ------------------------------------------------------

def test_printing_answers(api_client: client.ApiClient, links_run: str, capsys: Any) -> None:
    api = task_instance_api.TaskInstanceApi(api_client)
    tis = api.get_task_instances("sdk_links", links_run)
    print(tis)
    out = capsys.readouterr().out
    assert out == pprint.pformat(tis.to_dict()) + "\n"
    for ti in tis.task_instances:
        assert f"'task_id': '{ti.task_id}'" in out and f"'start_date': '{ti.start_date}'" in out
    run = dag_run_api.DAGRunApi(api_client).get_dag_run("sdk_links", links_run)
    assert str(run) == repr(run) and f"'dag_run_id': '{links_run}'" in str(run)
    assert run.compact_repr().startswith("DAGRun(")


# -- 4. extending the client -----------------------------------------------------------------------

class RecordingRESTClient(rest.RESTClientObject):
    """What test suites put into ``api_client.rest_client``: sees each request, then does it."""

    def __init__(self, configuration: Any, pools_size: int = 4, maxsize: Optional[int] = None) -> None:
        super().__init__(configuration, pools_size, maxsize)
        self.seen: List[Tuple[str, str, Any, Any, Dict[str, str]]] = []
        self.fail_first = 0  # answer this many requests with a 503 before sending any

    def request(self, method: str, url: str, query_params: Any = None, headers: Any = None,
                body: Any = None, post_params: Any = None, _preload_content: bool = True,
                _request_timeout: Any = None) -> Any:
        self.seen.append((method, url, query_params, body, dict(headers or {})))
        if self.fail_first:
            self.fail_first -= 1
            raise client.ServiceException(http_resp=rest.RESTResponse(
                503, "Service Unavailable", {"Retry-After": "0", "Content-Type": "application/json"},
                b'{"title": "busy"}'))
        return super().request(method, url, query_params=query_params, headers=headers, body=body,
                               post_params=post_params, _preload_content=_preload_content,
                               _request_timeout=_request_timeout)


class SuiteConfiguration(client.Configuration):
    def __init__(self, host: str) -> None:
        super().__init__(host=host, username="admin", password="admin")
        self.retries = 3


class SuiteApiClient(client.ApiClient):
    def __init__(self, configuration: client.Configuration) -> None:
        super().__init__(configuration, "X-Suite", "habits", "sdk_suite=1", 2)
        self.rest_client = RecordingRESTClient(configuration)


def _pools_url(base_url: str, server_root: str, airflow_major: int) -> str:
    """Where the pools are on the wire: /api/v1/pools on 2.11.2, /api/v2/pools on 3.3.2."""
    return base_url + "/pools" if airflow_major == 2 else server_root + "/api/v2/pools"


def test_subclassed_client_reaches_the_wire(base_url: str, server_root: str, airflow_major: int) -> None:
    with SuiteApiClient(SuiteConfiguration(base_url)) as api_client:
        api = pool_api.PoolApi(api_client)
        made = api.post_pool(Pool(name="sdk habits pool", slots=2, description="d"))
        try:
            assert made.slots == 2
            patched = api.patch_pool("sdk habits pool", Pool(name="sdk habits pool", slots=5),
                                     update_mask=["slots"])
            assert patched.slots == 5 and api.get_pool("sdk habits pool").slots == 5
            # three 503s, then the server: configuration.retries = 3 retries them
            api_client.rest_client.fail_first = 3
            assert api.get_pool("sdk habits pool").name == "sdk habits pool"
            api_client.rest_client.fail_first = 4
            with pytest.raises(client.ServiceException):
                api.get_pool("sdk habits pool")
            thread = api.get_pool("sdk habits pool", async_req=True)  # type: ignore[arg-type]
            assert thread.get(timeout=30).slots == 5  # type: ignore[call-arg]
        finally:
            api.delete_pool("sdk habits pool")
        seen = api_client.rest_client.seen
    pools = _pools_url(base_url, server_root, airflow_major)
    # the client's own requests first: its probe of which API is served (no credentials), and on
    # 3.3.2 the token it fetched
    assert seen[0][:2] == ("GET", server_root + "/api/v2/version") and "Authorization" not in seen[0][4]
    if airflow_major == 3:
        assert seen[1][:2] == ("POST", server_root + "/auth/token")
        assert seen[1][3] == {"username": "admin", "password": "admin"}
    seen = [s for s in seen if s[1].startswith(pools)]
    post, patch = seen[0], seen[1]
    sent = {"name": "sdk habits pool", "slots": 2, "description": "d"}
    if airflow_major == 3:  # the body of v2's POST /pools, which wants include_deferred too
        sent["include_deferred"] = False
    assert (post[0], post[1], post[3]) == ("POST", pools, sent)
    assert (patch[0], patch[2]) == ("PATCH", [("update_mask", "slots")])
    assert all(h["X-Suite"] == "habits" and h["Cookie"] == "sdk_suite=1" and h["Authorization"]
               for *_, h in seen)
    # every attempt is seen: a get, 3 refused + 1 answered, 4 refused (3 retries), the async get
    assert [s[0] for s in seen].count("GET") == 1 + 4 + 4 + 1
    assert api_client.last_response is not None


def test_rest_client_verbs_against_the_server(api_client: client.ApiClient, base_url: str,
                                              server_root: str, airflow_major: int) -> None:
    """The transport by hand: no translation below the Api classes, so on 3.3.2 the v2 paths, a
    bearer token from POST /auth/token and v2's bodies (PATCH wants ``pool``, not ``name``)."""
    rc = api_client.rest_client
    pools = _pools_url(base_url, server_root, airflow_major)
    if airflow_major == 2:
        auth = {"Authorization": api_client.configuration.get_basic_auth_token() or ""}
        patch_body: Dict[str, Any] = {"name": "sdk verbs", "slots": 4}
    else:
        token = rc.POST(server_root + "/auth/token", body={"username": "admin", "password": "admin"})
        assert token.status == 201
        auth = {"Authorization": "Bearer " + json.loads(token.data)["access_token"]}
        patch_body = {"pool": "sdk verbs", "slots": 4, "include_deferred": False}
    assert json.loads(rc.GET(pools, headers=auth, query_params={"limit": 1}).data)["pools"]
    if airflow_major == 2:
        assert rc.HEAD(pools, headers=auth).status == 200
        assert rc.OPTIONS(pools, headers=auth).status == 200
    else:  # 3.3.2's FastAPI routes answer GET only, not HEAD or OPTIONS
        for verb in (rc.HEAD, rc.OPTIONS):
            with pytest.raises(client.MethodNotAllowedException):
                verb(pools, headers=auth)
    made = rc.POST(pools, headers=auth, body={"name": "sdk verbs", "slots": 1},
                   _request_timeout=30)
    assert json.loads(made.data)["name"] == "sdk verbs"
    patched = rc.PATCH(pools + "/sdk%20verbs", headers=auth, query_params=[("update_mask", "slots")],
                       body=patch_body, _preload_content=False)
    assert json.loads(patched.read())["slots"] == 4
    with pytest.raises(client.MethodNotAllowedException):
        rc.PUT(pools + "/sdk%20verbs", headers=auth, body={"slots": 5})
    assert rc.DELETE(pools + "/sdk%20verbs", headers=auth, _request_timeout=(5, 30)).status == 204
    with pytest.raises(client.NotFoundException) as info:
        rc.GET(pools + "/sdk%20verbs", headers=auth)
    assert b"sdk verbs" in info.value.body


def test_a_rest_subclass_renews_credentials_on_refusal(base_url: str, airflow_major: int) -> None:
    class Renewing(rest.RESTClientObject):
        renewed = 0

        def request(self, method: str, url: str, query_params: Any = None, headers: Any = None,
                    body: Any = None, post_params: Any = None, _preload_content: bool = True,
                    _request_timeout: Any = None) -> Any:
            try:
                return super().request(method, url, query_params, headers, body, post_params,
                                       _preload_content, _request_timeout)
            except (client.UnauthorizedException, client.ForbiddenException):
                self.renewed += 1
                good = client.Configuration(username="admin", password="admin").get_basic_auth_token() or ""
                return super().request(method, url, query_params, dict(headers or {}, Authorization=good),
                                       body, post_params, _preload_content, _request_timeout)

    configuration = client.Configuration(host=base_url, username="admin", password="expired")
    with client.ApiClient(configuration) as api_client:
        api_client.rest_client = Renewing(configuration)
        # the version is answered without credentials by both
        version = {2: "2.11.2", 3: "3.3.2"}[airflow_major]
        assert monitoring_api.MonitoringApi(api_client).get_version().version == version
        if airflow_major == 2:
            assert pool_api.PoolApi(api_client).get_pool("default_pool").name == "default_pool"
            assert api_client.rest_client.renewed >= 1
        else:
            # Airflow 3 takes the password in the body of POST /auth/token and then a bearer
            # JWT: a new Basic header cannot renew anything. The refusal reaches the caller as
            # v1's 401, naming the token endpoint and the user.
            with pytest.raises(client.UnauthorizedException) as refused:
                pool_api.PoolApi(api_client).get_pool("default_pool")
            assert refused.value.status == 401 and "/auth/token" in str(refused.value)
            assert "user 'admin'" in str(refused.value) and "expired" not in str(refused.value)
            assert api_client.rest_client.renewed == 1
    if airflow_major == 3:  # the same subclass under good credentials serves the call
        good = client.Configuration(host=base_url, username="admin", password="admin")
        with client.ApiClient(good) as api_client:
            api_client.rest_client = Renewing(good)
            assert pool_api.PoolApi(api_client).get_pool("default_pool").name == "default_pool"
            assert api_client.rest_client.renewed == 0


def test_api_client_request_and_call_api_overrides(configuration: client.Configuration, server_root: str,
                                                   airflow_major: int) -> None:
    requests: List[Tuple[str, str]] = []
    calls: List[Tuple[str, str]] = []

    class Client(client.ApiClient):
        def request(self, method: str, url: str, query_params: Any = None, headers: Any = None,
                    post_params: Any = None, body: Any = None, _preload_content: bool = True,
                    _request_timeout: Any = None) -> Any:
            requests.append((method, url))
            return super().request(method, url, query_params, headers, post_params, body,
                                   _preload_content, _request_timeout)

        def call_api(self, resource_path: str, method: str, *args: Any, **kwargs: Any) -> Any:
            calls.append((resource_path, method))
            return super().call_api(resource_path, method, *args, **kwargs)

    with Client(configuration) as api_client:
        api = pool_api.PoolApi(api_client)
        assert api.get_pool("default_pool").slots == 128
        with pytest.raises(client.NotFoundException) as info:
            api.get_pool("sdk no such pool")
        assert "sdk no such pool" in info.value.body and info.value.problem.title == "Not Found"
    probe = ("GET", server_root + "/api/v2/version")  # the client's question: which API is served?
    if airflow_major == 2:
        assert calls == [("/pools/{pool_name}", "GET"), ("/pools/{pool_name}", "GET")]
        assert requests == [probe, ("GET", configuration.host + "/pools/default_pool"),
                            ("GET", configuration.host + "/pools/sdk%20no%20such%20pool")]
    else:
        # call_api(resource_path, ...) sends that v1 path, which 3.3.2 no longer serves: the
        # bridge sends its v2 requests below it, so a call_api override sees none of them and
        # a request override sees each (after the client's probe and token fetch).
        assert calls == []
        assert requests == [probe, ("POST", server_root + "/auth/token"),
                            ("GET", server_root + "/api/v2/pools/default_pool"),
                            ("GET", server_root + "/api/v2/pools/sdk%20no%20such%20pool")]


def test_call_api_by_hand(api_client: client.ApiClient, airflow_major: int) -> None:
    if airflow_major == 3:
        # A hand-made request is sent as made: its v1 path is not an operation the bridge
        # translates, and Airflow 3 answers every /api/v1 path with this 404.
        with pytest.raises(client.NotFoundException) as gone:
            api_client.call_api("/dags", "GET", {}, [("tags", ["sdk-test"])], {"Accept": "application/json"},
                                response_type=(client.models.DAGCollection,), auth_settings=["Basic"],
                                collection_formats={"tags": "multi"}, _check_type=True)
        assert "/api/v1 has been removed in Airflow 3" in gone.value.body
        return
    data, status, headers = api_client.call_api(
        "/dags", "GET", {}, [("tags", ["sdk-test"]), ("limit", 100)], {"Accept": "application/json"},
        response_type=(client.models.DAGCollection,), auth_settings=["Basic"],
        collection_formats={"tags": "multi"}, _check_type=True)
    assert status == 200 and "sdk_links" in {d.dag_id for d in data.dags}
    assert headers["Content-Type"] == "application/json"


# -- 5. the 2.x client's model names ------------------------------------------------------------

def test_users_with_the_2x_role_model(api_client: client.ApiClient) -> None:
    api = user_api.UserApi(api_client)
    user = User(username="sdk_habits", email="habits@example.com", first_name="H", last_name="B",
                password="pw-habits", roles=[UserCollectionItemRoles(name="Viewer")])
    made = api.post_user(user)
    try:
        assert made.roles[0].name == "Viewer"
        changed = User(username="sdk_habits", email="habits@example.com", first_name="Changed",
                       last_name="B", roles=[UserCollectionItemRoles(name="Viewer"),
                                             UserCollectionItemRoles(name="Op")])
        patched = api.patch_user("sdk_habits", changed)
        assert patched.first_name == "Changed" and {r.name for r in patched.roles} == {"Viewer", "Op"}
        # a user read back, sent back: read-only fields stay behind
        again = api.get_user("sdk_habits")
        again.last_name = "Again"
        assert api.patch_user("sdk_habits", again).last_name == "Again"
    finally:
        api.delete_user("sdk_habits")


# -- 6. extra links ------------------------------------------------------------------------------

def test_extra_links(api_client: client.ApiClient, links_run: str, server_root: str, airflow_major: int) -> None:
    api = task_instance_api.TaskInstanceApi(api_client)
    links = api.get_extra_links("sdk_links", links_run, "trigger")
    url = links["Triggered DAG"]
    # 2.11.2 links to its grid view; 3.3.2 to the triggered run, as an absolute URL
    target = {2: "/dags/sdk_links_target/grid?dag_run_id=",
              3: server_root + "/dags/sdk_links_target/runs/"}[airflow_major]
    assert url.startswith(target) and links.to_dict() == {"Triggered DAG": url}
    assert [(link.name, link.href) for link in links.extra_links or []] == [("Triggered DAG", url)]
    none = api.get_extra_links("sdk_links", links_run, "hello")
    assert none.to_dict() == {} and none.extra_links == []
