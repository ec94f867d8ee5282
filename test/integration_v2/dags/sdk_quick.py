"""Two short tasks that print a few lines; the demo and the log tests run this DAG (Airflow 3)."""
import pendulum
from airflow.sdk import DAG, task


@task(task_id="greet")
def greet(**context):
    conf = context["dag_run"].conf or {}
    who = conf.get("who", "world")
    for n in range(5):
        print(f"hello {who}, line {n}")
    return {"greeted": who}


@task(task_id="finish")
def finish(**context):
    print("finishing; upstream said", context["ti"].xcom_pull(task_ids="greet"))


with DAG(
    dag_id="sdk_quick",
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    schedule=None,
    catchup=False,
    tags=["sdk-test", "demo"],
) as dag:
    greet() >> finish()
