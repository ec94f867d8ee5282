"""Airflow 3: list DAGs, trigger one with a conf, wait for it on the server's /wait stream,
show its tasks and the start of a log, through the v2 surface (``/api/v2``).

    AIRFLOW_API_HOST=http://127.0.0.1:8080 AIRFLOW_API_USERNAME=admin \
    AIRFLOW_API_PASSWORD=admin python examples/airflow3_quickstart.py [dag_id]

The host is the server's root. Username and password are exchanged for a JWT by the client
itself (and renewed before it expires). `scripts/demo --v2` starts a local Airflow 3.3.2
and runs this against it.
"""
import sys

from airflow_python_sdk import v2
from airflow_python_sdk.v2.waiting import log_lines, log_records, record_line, trigger_and_wait

DAG_ID = sys.argv[1] if len(sys.argv) > 1 else "sdk_quick"

config = v2.Configuration.from_env()
with v2.ApiClient(config) as client:
    dags = v2.DAGApi(client).get_dags(limit=10, order_by=["dag_id"])
    print(f"{dags.total_entries} DAGs on {config.host}; the first {len(dags.dags)}:")
    for dag in dags.dags:
        print(f"  {dag.dag_id:<40} paused={dag.is_paused}")

    run = trigger_and_wait(client, DAG_ID, conf={"who": "quickstart"}, unpause=True, timeout=300,
                           poll_interval=2, on_poll=lambda state: print(f"  state: {state}"))
    print(f"\n{DAG_ID} run {run.dag_run_id} ended {run.state} (conf {run.conf})")

    tasks = v2.TaskInstanceApi(client).get_task_instances(DAG_ID, run.dag_run_id)
    print("\ntask states:")
    for ti in sorted(tasks.task_instances, key=lambda t: t.start_date.isoformat() if t.start_date else ""):
        print(f"  {ti.task_id:<20} {ti.state:<10} try {ti.try_number}  {ti.duration or 0:.1f}s")

    first = tasks.task_instances[0]
    records = log_records(client, DAG_ID, run.dag_run_id, first.task_id, try_number=first.try_number)
    # Airflow 3 logs are records; what the task printed has the logger "task.stdout".
    printed = [record_line(r) for r in records
               if not isinstance(r, str) and r.additional_properties.get("logger") == "task.stdout"]
    lines = printed or log_lines(client, DAG_ID, run.dag_run_id, first.task_id, try_number=first.try_number)
    print(f"\nlines of the log of {first.task_id} (try {first.try_number}, {len(records)} records):")
    for line in lines[:8]:
        print("  " + line)
    sys.exit(0 if run.state == "success" else 1)
