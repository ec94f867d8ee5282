"""A daily DAG of empty tasks in a task group, for the backfill and task-group tests (Airflow 3).

Backfills need a periodic schedule; empty tasks finish without a worker process.
"""
import pendulum
from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, TaskGroup

with DAG(
    dag_id="sdk_backfill",
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    schedule="@daily",
    catchup=False,
    max_active_runs=1,
    tags=["sdk-test"],
) as dag:
    with TaskGroup("section"):
        EmptyOperator(task_id="first") >> EmptyOperator(task_id="second")
