"""A dynamically mapped task: three map indexes, then one task that sums them (Airflow 3)."""
import pendulum
from airflow.sdk import dag, task


@dag(dag_id="sdk_mapped", start_date=pendulum.datetime(2024, 1, 1, tz="UTC"), schedule=None,
     catchup=False, tags=["sdk-test"])
def sdk_mapped():
    @task
    def double(x):
        print(f"doubling {x}")
        return x * 2

    @task
    def total(values):
        return sum(values)

    total(double.expand(x=[1, 2, 3]))


sdk_mapped()
