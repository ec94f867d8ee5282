"""List DAGs, trigger one with a conf, wait for it, show its tasks and the start of a log.

    AIRFLOW_API_HOST=http://127.0.0.1:8080/api/v1 AIRFLOW_API_USERNAME=admin \
    AIRFLOW_API_PASSWORD=admin python examples/quickstart.py [dag_id]

The same script runs against Airflow 2 and Airflow 3: on Airflow 3 (host `.../api/v1` too) the
client finds /api/v2 and serves these v1 calls by translation. `scripts/demo` starts a local
Airflow 3.3.2 and runs this against it (`scripts/demo --airflow 2`: Airflow 2.11.2).
"""
import sys
import time

import airflow_python_sdk
from airflow_python_sdk.api.dag_api import DAGApi
from airflow_python_sdk.api.dag_run_api import DAGRunApi
from airflow_python_sdk.api.task_instance_api import TaskInstanceApi
from airflow_python_sdk.model.dag import DAG
from airflow_python_sdk.model.dag_run import DAGRun

DAG_ID = sys.argv[1] if len(sys.argv) > 1 else "sdk_quick"

config = airflow_python_sdk.Configuration.from_env()
with airflow_python_sdk.ApiClient(config) as client:
    dags = DAGApi(client).get_dags(limit=10, order_by="dag_id")
    print(f"{dags.total_entries} DAGs on {config.host}; the first {len(dags.dags)}:")
    for dag in dags.dags:
        print(f"  {dag.dag_id:<40} paused={dag.is_paused}")

    DAGApi(client).patch_dag(DAG_ID, DAG(is_paused=False), update_mask=["is_paused"])
    run = DAGRunApi(client).post_dag_run(DAG_ID, DAGRun(conf={"who": "quickstart"}))
    print(f"\ntriggered {DAG_ID} run {run.dag_run_id} with conf {run.conf}")

    deadline = time.time() + 300
    while run.state not in ("success", "failed") and time.time() < deadline:
        time.sleep(2)
        run = DAGRunApi(client).get_dag_run(DAG_ID, run.dag_run_id)
        print(f"  state: {run.state}")
    if run.state not in ("success", "failed"):
        sys.exit(f"{DAG_ID} did not finish in time (state {run.state})")

    tasks = TaskInstanceApi(client).get_task_instances(DAG_ID, run.dag_run_id)
    print("\ntask states:")
    # A task instance's start_date is the server's text (RFC 3339, so it sorts by time);
    # ti.as_datetime("start_date") gives it as a datetime.
    for ti in sorted(tasks.task_instances, key=lambda t: t.start_date or ""):
        print(f"  {ti.task_id:<20} {ti.state:<10} try {ti.try_number}  {ti.duration or 0:.1f}s")

    first = tasks.task_instances[0]
    log = TaskInstanceApi(client).get_log_text(DAG_ID, run.dag_run_id, first.task_id,
                                               first.try_number or 1, full_content=True)
    # Lines a task prints come through Airflow's logging_mixin (Airflow 2) or the logger
    # task.stdout (Airflow 3); show those, else the start.
    lines = log.splitlines()
    printed = [line for line in lines if "logging_mixin" in line or "task.stdout" in line] or lines
    print(f"\nfirst lines of the log of {first.task_id} (try {first.try_number}):")
    for line in printed[:8]:
        print("  " + line)
    sys.exit(0 if run.state == "success" else 1)
