"""Writes about 1 MB of log lines; the benchmarks record its log."""
import pendulum
from airflow import DAG
from airflow.operators.python import PythonOperator


def _write():
    for n in range(12000):
        print(f"row {n:05d}: the quick brown fox jumps over the lazy dog; value={n * 7919 % 10007}")


with DAG(
    dag_id="sdk_big_log",
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    schedule=None,
    catchup=False,
    tags=["sdk-bench"],
) as dag:
    PythonOperator(task_id="write", python_callable=_write)
