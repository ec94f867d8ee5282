"""A real Airflow on loopback (scripts/airflow-local), and v1 SDK clients for it.

``SDK_IT_AIRFLOW`` picks the server: ``2`` (default) a real Airflow 2.11.2, serving ``/api/v1``;
``3`` a real Airflow 3.3.2 with the FAB auth manager (users, roles and permissions at
``/auth/fab/v1``) and without example DAGs, where the v1 clients are served by translation
onto ``/api/v2`` (``airflow_python_sdk.bridge``). Either way the clients get what a v1 script
has: ``host=<server>/api/v1``, username and password (on 3.x they detect the server and fetch
JWTs themselves). Tests read the ``airflow_major`` fixture where the two servers truthfully
differ.

The session fixture reuses a running local server or starts one (and then stops it at
the end). Every operation the suite calls is recorded, so the last test can check that
all 89 operations of the spec were exercised.
"""
from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from typing import Any, Dict, Iterator, List, Set

import pytest

import airflow_python_sdk as sdk
from airflow_python_sdk import apis, models

from . import presence

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPT = os.path.join(ROOT, "scripts", "airflow-local")
AIRFLOW_MAJOR = int(os.environ.get("SDK_IT_AIRFLOW", "2").strip() or "2")
if AIRFLOW_MAJOR not in (2, 3):
    raise RuntimeError(f"SDK_IT_AIRFLOW={AIRFLOW_MAJOR}: use 2 (Airflow 2.11.2) or 3 (Airflow 3.3.2)")
#: where scripts/airflow-local keeps the 3.3.2 server's state (its settings among them)
STATE_FILE_V3 = os.path.join(os.environ.get("AIRFLOW_LOCAL_DIR", os.path.join(ROOT, ".airflow-local")),
                             "3.3.2", "state.json")
#: the 3.3.2 server this suite starts: FAB users/roles/permissions; no example DAGs, whose
#: parsing on two cores competes with the suite's runs
START_ENV_V3 = {"AIRFLOW_LOCAL_AUTH": "fab", "AIRFLOW_LOCAL_EXAMPLES": "0"}
CALLED: Set[str] = set()
TERMINAL = {"success", "failed"}


class TrackingApiClient(sdk.ApiClient):
    """An ApiClient that notes which operations went through it."""

    def build_request(self, op: Any, values: Any, options: Any = None) -> Any:
        CALLED.add(op.operation_id)
        return super().build_request(op, values, options)

    def call(self, op: Any, values: Any, options: Any) -> Any:
        result = super().call(op, values, options)
        presence.observe(result, op.operation_id)
        return result

    def call_with_http_info(self, op: Any, values: Any, options: Any) -> Any:
        answer = super().call_with_http_info(op, values, options)
        presence.observe(answer.data, op.operation_id)
        return answer


def _run(command: str) -> subprocess.CompletedProcess:  # type: ignore[type-arg]
    env = dict(os.environ, **START_ENV_V3) if AIRFLOW_MAJOR == 3 else None
    return subprocess.run([sys.executable, SCRIPT, "--airflow", str(AIRFLOW_MAJOR), command],
                          capture_output=True, text=True, env=env)


def _v3_auth() -> str:
    """The auth manager the running 3.3.2 server was started with (its state file)."""
    try:
        with open(STATE_FILE_V3, encoding="utf-8") as handle:
            return str((json.load(handle).get("settings") or {}).get("auth") or "simple")
    except (OSError, ValueError):
        return "unknown"


def _v1_host(url: str) -> str:
    """The host a v1 script is given: 2.11.2's base URL is /api/v1 already, 3.3.2's is the root."""
    return url if AIRFLOW_MAJOR == 2 else url.rstrip("/") + "/api/v1"


@pytest.fixture(scope="session")
def airflow_major() -> int:
    """2 or 3: the Airflow the suite runs against (``SDK_IT_AIRFLOW``)."""
    return AIRFLOW_MAJOR


@pytest.fixture(scope="session")
def base_url() -> Iterator[str]:
    """The v1 host: ``http://127.0.0.1:PORT/api/v1`` (on 3.3.2 a path only the bridge knows)."""
    status = _run("status")
    if status.returncode == 0:
        if AIRFLOW_MAJOR == 3 and _v3_auth() != "fab":
            pytest.fail(f"the running Airflow 3.3.2 uses the {_v3_auth()!r} auth manager; the v1 suite "
                        "needs FAB's (users, roles and permissions). Stop it with `python3 "
                        "scripts/airflow-local --airflow 3 down` and run the suite again (it starts "
                        "its own), or start one with AIRFLOW_LOCAL_AUTH=fab AIRFLOW_LOCAL_EXAMPLES=0.")
        yield _v1_host(status.stdout.strip().splitlines()[-1])
        return
    started = _run("up")
    if started.returncode != 0:
        pytest.fail(f"scripts/airflow-local --airflow {AIRFLOW_MAJOR} up failed:\n" + started.stderr[-4000:])
    try:
        yield _v1_host(started.stdout.strip().splitlines()[-1])
    finally:
        _run("down")


@pytest.fixture(scope="session")
def server_root(base_url: str) -> str:
    """The server's root (``base_url`` without ``/api/v1``)."""
    return base_url[: -len("/api/v1")] if base_url.endswith("/api/v1") else base_url


def _client(base_url: str, user: str, password: str) -> Any:
    return TrackingApiClient(sdk.Configuration(host=base_url, username=user, password=password))


@pytest.fixture(scope="session")
def admin(base_url: str) -> Iterator[Any]:
    with _client(base_url, "admin", "admin") as client:
        yield client


@pytest.fixture(scope="session")
def viewer(base_url: str) -> Iterator[Any]:
    with _client(base_url, "viewer", "viewer") as client:
        yield client


@contextlib.contextmanager
def many_variables(client: Any, prefix: str, count: int) -> Iterator[List[str]]:
    """``count`` variables named ``<prefix>000``..., more than one server page; removed after."""
    api = apis.VariableApi(client)
    keys = [f"{prefix}{i:03d}" for i in range(count)]
    for key in keys:
        api.post_variables(models.Variable(key=key, value="v"))
    try:
        yield keys
    finally:
        for key in keys:
            api.delete_variable(key)


def wait_for_run(client: Any, dag_id: str, run_id: str, timeout: float = 240) -> Any:
    """Poll until the run is finished; fail the test with its task states if it is not."""
    api = apis.DAGRunApi(client)
    deadline = time.time() + timeout
    run = api.get_dag_run(dag_id, run_id)
    while run.state not in TERMINAL and time.time() < deadline:
        time.sleep(2)
        run = api.get_dag_run(dag_id, run_id)
    if run.state not in TERMINAL:
        states = [(t.task_id, t.state) for t in
                  apis.TaskInstanceApi(client).get_task_instances(dag_id, run_id).task_instances]
        pytest.fail(f"{dag_id}/{run_id} still {run.state} after {timeout}s: {states}")
    return run


@pytest.fixture(scope="session")
def runs(admin: Any) -> Dict[str, str]:
    """One run of each test DAG, triggered together at the start so they queue up once."""
    dag_api, run_api = apis.DAGApi(admin), apis.DAGRunApi(admin)
    triggered = {}
    for dag_id in ("sdk_dataset_consumer", "sdk_dataset_waiter"):  # scheduled by datasets
        dag_api.patch_dag(dag_id, models.DAG(is_paused=False), update_mask=["is_paused"])
    for dag_id, conf in (("sdk_quick", {"who": "sdk"}), ("sdk_xcom_types", {}),
                         ("sdk_mapped", {}), ("sdk_dataset_producer", {}), ("sdk_links", {})):
        dag_api.patch_dag(dag_id, models.DAG(is_paused=False), update_mask=["is_paused"])
        run = run_api.post_dag_run(dag_id, models.DAGRun(conf=conf, note="triggered by the SDK tests"))
        triggered[dag_id] = run.dag_run_id
    # a second run of sdk_links that nothing changes (the key names what reads it)
    run = run_api.post_dag_run("sdk_links", models.DAGRun(note="left as it ran"))
    triggered["sdk_links unchanged"] = run.dag_run_id
    return triggered


def pytest_collection_modifyitems(config: Any, items: List[Any]) -> None:
    """The all-operations check goes last, and only runs with the whole integration suite."""
    here = os.path.dirname(os.path.abspath(__file__))
    check = [i for i in items if i.name in ("test_every_operation_was_called",
                                            "test_every_presence_claim_held")]
    files = {str(i.fspath) for i in items if str(i.fspath).startswith(here)}
    expected = {os.path.join(here, f) for f in os.listdir(here)
                if f.startswith("test_") and f.endswith(".py")}
    for item in check:
        items.remove(item)
        narrowed = any(config.getoption(name, default=None) for name in ("-k", "-m", "--lf", "--deselect"))
        if expected <= files and not narrowed:
            items.append(item)
        else:
            config.hook.pytest_deselected(items=[item])


def pytest_sessionfinish(session: Any, exitstatus: Any) -> None:
    presence.write_report()
