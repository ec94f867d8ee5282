"""A real Airflow 3.3.2 on loopback (``scripts/airflow-local --airflow 3``), and v2 SDK clients for it.

The session reuses a running local 3.3.2 server or starts one with tokens that live 45 s (and
then stops it at the end), so the JWT renewal of the SDK is exercised during the whole suite.
Every operation the suite sends is recorded, so the last test can check that all 128
operations of the v2 spec were called. Every run the suite needs from the scheduler is
triggered once, at the start, so the runs queue up together.
"""
from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional, Sequence, Set, Tuple

import pytest

import airflow_python_sdk.v2 as v2
from airflow_python_sdk.v2 import models as m
from airflow_python_sdk.v2.api.dag_api import DAGApi
from airflow_python_sdk.v2.api.dag_run_api import DagRunApi
from airflow_python_sdk.v2.api.pool_api import PoolApi
from airflow_python_sdk.v2.api.task_instance_api import TaskInstanceApi
from airflow_python_sdk.v2.rest import RESTClientObject

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SCRIPT = os.path.join(ROOT, "scripts", "airflow-local")
STATE_FILE = os.path.join(os.environ.get("AIRFLOW_LOCAL_DIR", os.path.join(ROOT, ".airflow-local")),
                          "3.3.2", "state.json")
DAGS_DIR = os.path.join(HERE, "dags")

JWT_LIFETIME = 45  # seconds; what this suite starts the server with
SHORT_LIFETIME = 120  # a reused server whose tokens live longer would not exercise renewal
DEFAULT_LEEWAY = 10  # [api_auth] jwt_leeway: seconds an expired token is still accepted
CHECK_TEST = "test_every_v2_operation_was_called"

CALLED: Set[str] = set()
TERMINAL = frozenset({"success", "failed"})
#: A per-session tag for the names the suite creates, so a reused server does not collide.
SUFFIX = format(int(time.time()), "x")

#: DAGs the suite needs parsed (the readiness check of ``up`` knows only some of them).
OUR_DAGS = ("sdk_quick", "sdk_mapped", "sdk_xcom_types", "sdk_hitl", "sdk_dataset_producer",
            "sdk_dataset_consumer", "sdk_dataset_waiter", "sdk_backfill", "sdk_disposable",
            "sdk_partitioned")
#: The runs triggered at the start, with their conf.
RUN_CONF: Dict[str, Dict[str, Any]] = {
    "sdk_quick": {"who": "sdk"},
    "sdk_mapped": {},
    "sdk_xcom_types": {},
    "sdk_hitl": {"release": f"7.{SUFFIX}"},
    "sdk_dataset_producer": {},
}
RUN_NOTE = "triggered by the v2 SDK tests"


class TrackingApiClient(v2.ApiClient):
    """An ApiClient that notes which operations went through it."""

    def build_request(self, op: Any, values: Any, options: Any = None) -> Any:
        CALLED.add(op.operation_id)
        return super().build_request(op, values, options)


@dataclass
class Exchange:
    """One HTTP exchange as the transport saw it."""

    method: str
    path: str  # the URL's path, without the server root and the query
    status: int
    authorization: Optional[str]
    at: float  # when the request was sent
    token: Optional[str] = None  # the access_token a POST /auth/token answered
    answered: float = 0.0  # when the answer came


class RecordingTransport:
    """The SDK's own transport (``RESTClientObject``) with every exchange noted: the transport
    seam of ``airflow_python_sdk._runtime.transport``; nothing below it is touched."""

    def __init__(self, configuration: Any) -> None:
        self.inner = RESTClientObject(configuration)
        self.root = configuration.host.rstrip("/")
        self.exchanges: List[Exchange] = []
        self._lock = threading.Lock()

    def handle(self, request: Any) -> Any:
        sent = time.time()
        response = self.inner.handle(request)
        path = request.url.split("?", 1)[0]
        if path.startswith(self.root):
            path = path[len(self.root):]
        token = None
        if path == "/auth/token" and response.status == 201:
            token = json.loads(response.data)["access_token"]
        with self._lock:
            self.exchanges.append(Exchange(request.method, path, response.status,
                                           request.headers.get("Authorization"), sent, token,
                                           time.time()))
        return response

    def close(self) -> None:
        self.inner.close()

    @property
    def tokens(self) -> List[str]:
        """The tokens the server issued to this client, in order."""
        return [e.token for e in self.exchanges if e.token is not None]

    def token_posts(self) -> int:
        return sum(1 for e in self.exchanges if e.method == "POST" and e.path == "/auth/token")


def recording_client(base_url: str, **settings: Any) -> Tuple[TrackingApiClient, RecordingTransport]:
    """A tracking client whose transport records what it sends."""
    config = v2.Configuration(host=base_url, **settings)
    transport = RecordingTransport(config)
    return TrackingApiClient(config, transport=transport), transport


def jwt_claims(token: str) -> Dict[str, Any]:
    """The payload of a JWT (not verified: that is the server's business)."""
    payload = token.split(".")[1]
    claims: Dict[str, Any] = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return claims


def issue_token(base_url: str) -> str:
    """A fresh token for admin, fetched the way the SDK fetches it."""
    client, transport = recording_client(base_url, username="admin", password="admin")
    with client:
        PoolApi(client).get_pools(limit=1)
    return transport.tokens[-1]


# --------------------------------------------------------------------------- the server

@dataclass
class Server:
    base_url: str
    lifetime: int  # seconds a token from POST /auth/token lives
    leeway: int  # seconds the server still accepts it after its exp
    started_here: bool


def _run(command: str, env: Optional[Dict[str, str]] = None) -> "subprocess.CompletedProcess[str]":
    return subprocess.run([sys.executable, SCRIPT, "--airflow", "3", command], capture_output=True,
                          text=True, env=env)


def _recorded_settings() -> Dict[str, Any]:
    try:
        with open(STATE_FILE, encoding="utf-8") as handle:
            settings: Dict[str, Any] = json.load(handle).get("settings", {})
            return settings
    except (OSError, ValueError):
        return {}


@pytest.fixture(scope="session")
def server() -> Iterable[Server]:
    status = _run("status")
    started = False
    if status.returncode == 0:
        base = status.stdout.strip().splitlines()[-1]
    else:
        # no example DAGs: on two cores their parsing competes with the suite's runs for the CPU
        # and for sqlite's write lock
        env = dict(os.environ, AIRFLOW_LOCAL_JWT_EXPIRATION=str(JWT_LIFETIME), AIRFLOW_LOCAL_EXAMPLES="0",
                   AIRFLOW_LOCAL_AUTH="simple")
        up = _run("up", env)
        if up.returncode != 0:
            pytest.fail("scripts/airflow-local --airflow 3 up failed:\n" + up.stderr[-4000:])
        base = up.stdout.strip().splitlines()[-1]
        started = True
    settings = _recorded_settings()
    auth = settings.get("auth") or "simple"
    if auth != "simple":
        if started:
            _run("down")
        pytest.fail(f"the running Airflow 3.3.2 at {base} uses the {auth!r} auth manager; this suite "
                    "needs the simple auth manager (its users, tokens and the v1 FAB operations it "
                    "checks are not served). Stop it with `python3 scripts/airflow-local --airflow 3 "
                    "down` (the v1 suite's SDK_IT_AIRFLOW=3 server) and run the suite again (it starts "
                    "its own).")
    lifetime = int(settings.get("jwt_expiration_time") or 86400)
    if lifetime > SHORT_LIFETIME:
        pytest.fail(f"the running Airflow 3.3.2 at {base} issues tokens that live {lifetime} s; this "
                    f"suite needs short-lived tokens (at most {SHORT_LIFETIME} s) to exercise their "
                    "renewal. Stop it with `python3 scripts/airflow-local --airflow 3 down` and run "
                    "the suite again (it starts its own server).")
    try:
        yield Server(base, lifetime, int(settings.get("jwt_leeway") or DEFAULT_LEEWAY), started)
    finally:
        if started:
            _run("down")


@pytest.fixture(scope="session")
def base_url(server: Server) -> str:
    return server.base_url


@dataclass
class EarlyToken:
    """A username/password client that fetched its token at the start of the session and is
    used again only at the end, when that token has expired."""

    client: TrackingApiClient
    transport: RecordingTransport
    token: str
    fetched_at: float
    exp: float


@pytest.fixture(scope="session")
def early(base_url: str) -> Iterable[EarlyToken]:
    client, transport = recording_client(base_url, username="admin", password="admin")
    PoolApi(client).get_pools(limit=1)
    token = transport.tokens[0]
    fetched = next(e.at for e in transport.exchanges if e.token == token)
    with client:
        yield EarlyToken(client, transport, token, fetched, float(jwt_claims(token)["exp"]))


@dataclass
class Shared:
    client: TrackingApiClient
    transport: RecordingTransport


@pytest.fixture(scope="session")
def shared_admin(base_url: str, early: EarlyToken) -> Iterable[Shared]:
    client, transport = recording_client(base_url, username="admin", password="admin")
    with client:
        yield Shared(client, transport)


@pytest.fixture(scope="session")
def admin(shared_admin: Shared) -> TrackingApiClient:
    return shared_admin.client


@pytest.fixture(scope="session")
def admin_transport(shared_admin: Shared) -> RecordingTransport:
    return shared_admin.transport


@pytest.fixture(scope="session")
def viewer(base_url: str) -> Iterable[TrackingApiClient]:
    with TrackingApiClient(v2.Configuration(host=base_url, username="viewer", password="viewer")) as client:
        yield client


# --------------------------------------------------------------------------- runs

def wait_until_parsed(client: v2.ApiClient, dag_ids: Sequence[str], timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    missing = set(dag_ids)
    while True:
        found = DAGApi(client).get_dags(dag_id_pattern="sdk_%", limit=100)
        missing = set(dag_ids) - {d.dag_id for d in found.dags}
        if not missing:
            return
        if time.monotonic() > deadline:
            pytest.fail(f"DAGs not parsed after {timeout:g} s: {sorted(missing)}")
        time.sleep(2)


@pytest.fixture(scope="session", autouse=True)
def runs(admin: TrackingApiClient) -> Dict[str, str]:
    """One run of each DAG the tests need the scheduler for, triggered together at the start."""
    wait_until_parsed(admin, OUR_DAGS)
    dag_api, run_api = DAGApi(admin), DagRunApi(admin)
    for dag_id in ("sdk_dataset_consumer", "sdk_dataset_waiter"):  # scheduled by assets
        dag_api.patch_dag(dag_id, m.DAGPatchBody(is_paused=False), update_mask=["is_paused"])
    for dag_id in ("sdk_disposable", "sdk_backfill", "sdk_partitioned"):  # runs stay queued there
        dag_api.patch_dag(dag_id, m.DAGPatchBody(is_paused=True), update_mask=["is_paused"])
    triggered = {}
    for dag_id, conf in RUN_CONF.items():
        dag_api.patch_dag(dag_id, m.DAGPatchBody(is_paused=False), update_mask=["is_paused"])
        run = run_api.trigger_dag_run(dag_id, m.TriggerDAGRunPostBody(conf=conf, note=RUN_NOTE))
        triggered[dag_id] = run.dag_run_id
    return triggered


def wait_for_run(client: v2.ApiClient, dag_id: str, run_id: str, timeout: float = 240) -> m.DAGRunResponse:
    """Poll until the run has finished; fail the test with its task states if it has not."""
    api = DagRunApi(client)
    deadline = time.monotonic() + timeout
    run = api.get_dag_run(dag_id, run_id)
    while run.state not in TERMINAL and time.monotonic() < deadline:
        time.sleep(1)
        run = api.get_dag_run(dag_id, run_id)
    if run.state not in TERMINAL:
        states = [(t.task_id, t.map_index, t.state) for t in
                  TaskInstanceApi(client).get_task_instances(dag_id, run_id).task_instances]
        pytest.fail(f"{dag_id}/{run_id} still {run.state} after {timeout:g}s: {states}")
    return run


def wait_for_task_state(client: v2.ApiClient, dag_id: str, run_id: str, task_id: str, state: str,
                        timeout: float = 180) -> m.TaskInstanceResponse:
    api = TaskInstanceApi(client)
    deadline = time.monotonic() + timeout
    ti = api.get_task_instance(dag_id, run_id, task_id)
    while ti.state != state and time.monotonic() < deadline:
        time.sleep(1)
        ti = api.get_task_instance(dag_id, run_id, task_id)
    if ti.state != state:
        pytest.fail(f"{dag_id}/{run_id}/{task_id} is {ti.state}, not {state}, after {timeout:g}s")
    return ti


def queued_run(client: v2.ApiClient, dag_id: str, name: str, **body: Any) -> m.DAGRunResponse:
    """A run of a paused DAG: it stays queued, its task instances exist, nothing runs."""
    run_id = f"sdk_v2_{name}_{SUFFIX}"
    return DagRunApi(client).trigger_dag_run(dag_id, m.TriggerDAGRunPostBody(dag_run_id=run_id, **body))


# --------------------------------------------------------------------------- ordering

def pytest_collection_modifyitems(config: Any, items: List[Any]) -> None:
    """The all-operations check of this folder goes last, and only runs with the whole v2 suite."""
    mine = [i for i in items if str(i.fspath).startswith(HERE + os.sep)]
    check = [i for i in mine if i.name == CHECK_TEST]
    files = {str(i.fspath) for i in mine}
    expected = {os.path.join(HERE, f) for f in os.listdir(HERE)
                if f.startswith("test_") and f.endswith(".py")}
    narrowed = any(config.getoption(name, default=None) for name in ("-k", "-m", "--lf", "--deselect"))
    whole = expected <= files and not narrowed
    for item in check:
        items.remove(item)
        if whole:
            items.append(item)
        else:
            config.hook.pytest_deselected(items=[item])
