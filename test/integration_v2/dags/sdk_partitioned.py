"""A DAG whose runs carry a partition key given at trigger time (Airflow 3.3), for clearPartitions."""
import pendulum
from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, PartitionedAtRuntime

with DAG(
    dag_id="sdk_partitioned",
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    schedule=PartitionedAtRuntime(),
    catchup=False,
    tags=["sdk-test"],
) as dag:
    EmptyOperator(task_id="slice")
