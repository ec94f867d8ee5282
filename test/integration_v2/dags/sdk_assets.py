"""A producer that updates an asset and a consumer scheduled on it (Airflow 3's datasets)."""
import pendulum
from airflow.sdk import DAG, Asset, AssetAlias, task

SDK_ASSET = Asset("s3://sdk-test-bucket/daily/data.csv")
NEVER_UPDATED = Asset("s3://sdk-test-bucket/never/updated.csv")

with DAG(
    dag_id="sdk_dataset_producer",
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    schedule=None,
    catchup=False,
    tags=["sdk-test"],
) as producer:
    @task(task_id="produce", outlets=[SDK_ASSET])
    def produce():
        print("produced")

    produce()

with DAG(
    dag_id="sdk_dataset_consumer",
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    schedule=[SDK_ASSET],
    catchup=False,
    tags=["sdk-test"],
) as consumer:
    @task(task_id="consume")
    def consume():
        print("consumed")

    consume()

with DAG(
    dag_id="sdk_dataset_waiter",
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    schedule=[SDK_ASSET, NEVER_UPDATED],  # waits on both, so events for the first stay queued
    catchup=False,
    tags=["sdk-test"],
) as waiter:
    @task(task_id="never_runs")
    def never_runs():
        print("both assets updated")

    never_runs()


with DAG(
    dag_id="sdk_alias_producer",
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    schedule=None,
    catchup=False,
    tags=["sdk-test"],
) as alias_producer:  # never run: it declares an asset alias, which the alias endpoints list
    @task(task_id="produce_via_alias", outlets=[AssetAlias("sdk-test-alias")])
    def produce_via_alias():
        print("produced through an alias")

    produce_via_alias()
