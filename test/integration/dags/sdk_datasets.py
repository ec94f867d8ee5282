"""A producer that updates a dataset and a consumer scheduled on it."""
import pendulum
from airflow import DAG, Dataset
from airflow.operators.python import PythonOperator

SDK_DATASET = Dataset("s3://sdk-test-bucket/daily/data.csv")

with DAG(
    dag_id="sdk_dataset_producer",
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    schedule=None,
    catchup=False,
    tags=["sdk-test"],
) as producer:
    PythonOperator(task_id="produce", python_callable=lambda: print("produced"),
                   outlets=[SDK_DATASET])

with DAG(
    dag_id="sdk_dataset_consumer",
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    schedule=[SDK_DATASET],
    catchup=False,
    tags=["sdk-test"],
) as consumer:
    PythonOperator(task_id="consume", python_callable=lambda: print("consumed"))

NEVER_UPDATED = Dataset("s3://sdk-test-bucket/never/updated.csv")

with DAG(
    dag_id="sdk_dataset_waiter",
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    schedule=[SDK_DATASET, NEVER_UPDATED],  # waits on both, so events for the first stay queued
    catchup=False,
    tags=["sdk-test"],
) as waiter:
    PythonOperator(task_id="never_runs", python_callable=lambda: print("both datasets updated"))
