"""Pushes XComs of every JSON type so the SDK can read them back natively (Airflow 3)."""
import pendulum
from airflow.sdk import DAG, task

VALUES = {
    "a_string": "text ü",
    "an_int": 42,
    "a_float": 2.5,
    "a_bool": True,
    "a_null": None,
    "a_list": [1, "two", None, [3]],
    "a_dict": {"k": {"nested": [1, 2]}, "flag": False},
}


@task(task_id="push")
def push(**context):
    for key, value in VALUES.items():
        context["ti"].xcom_push(key=key, value=value)


with DAG(
    dag_id="sdk_xcom_types",
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    schedule=None,
    catchup=False,
    tags=["sdk-test"],
) as dag:
    push()
