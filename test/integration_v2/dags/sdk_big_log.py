"""Writes about 1 MB of log lines; the benchmarks record its log (Airflow 3)."""
import pendulum
from airflow.sdk import DAG, task


@task(task_id="write")
def write():
    for n in range(12000):
        print(f"row {n:05d}: the quick brown fox jumps over the lazy dog; value={n * 7919 % 10007}")


with DAG(
    dag_id="sdk_big_log",
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    schedule=None,
    catchup=False,
    tags=["sdk-bench"],
) as dag:
    write()
