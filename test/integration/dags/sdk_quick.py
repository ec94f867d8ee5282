"""Two short tasks that print a few lines; the demo and the log tests run this DAG."""
import pendulum
from airflow import DAG
from airflow.operators.python import PythonOperator


def _greet(**context):
    conf = context["dag_run"].conf or {}
    who = conf.get("who", "world")
    for n in range(5):
        print(f"hello {who}, line {n}")
    return {"greeted": who}


def _finish(**context):
    print("finishing; upstream said", context["ti"].xcom_pull(task_ids="greet"))


with DAG(
    dag_id="sdk_quick",
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    schedule=None,
    catchup=False,
    tags=["sdk-test", "demo"],
) as dag:
    greet = PythonOperator(task_id="greet", python_callable=_greet)
    finish = PythonOperator(task_id="finish", python_callable=_finish)
    greet >> finish
