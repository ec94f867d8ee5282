"""A DAG the tests may delete, pause, or leave with a queued run (Airflow 3)."""
import pendulum
from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG

with DAG(
    dag_id="sdk_disposable",
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    schedule=None,
    catchup=False,
    tags=["sdk-test"],
) as dag:
    EmptyOperator(task_id="nothing")
