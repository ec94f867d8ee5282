"""A DAG Airflow 3 warns about (a DAG warning of type "runtime varying value"): its description
is the result of a call that Airflow's parser flags as varying between parses. The call gives
the same text every time, so the DAG's version does not change."""
import random

import pendulum
from airflow.sdk import DAG, task

with DAG(
    dag_id="sdk_warned",
    description=random.choice(["a DAG the parser warns about"]),
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    schedule=None,
    catchup=False,
    tags=["sdk-test"],
) as dag:
    @task(task_id="noop")
    def noop():
        print("never run")

    noop()
