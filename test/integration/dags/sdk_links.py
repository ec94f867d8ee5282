"""A task with an extra link (TriggerDagRunOperator's "Triggered DAG"), the DAG it triggers, and one
to delete; the tests written in the 2.x client's style run, clear and delete these."""
import pendulum
from airflow import DAG
from airflow.operators.empty import EmptyOperator
from airflow.operators.python import PythonOperator
from airflow.operators.trigger_dagrun import TriggerDagRunOperator

with DAG(
    dag_id="sdk_links",
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    schedule=None,
    catchup=False,
    tags=["sdk-test"],
) as dag:
    hello = PythonOperator(task_id="hello", python_callable=lambda: print("hello from sdk_links") or 7)
    trigger = TriggerDagRunOperator(task_id="trigger", trigger_dag_id="sdk_links_target")
    hello >> trigger

with DAG(
    dag_id="sdk_links_target",
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    schedule=None,
    catchup=False,
    tags=["sdk-test"],
) as target:  # paused: what the trigger starts stays queued
    EmptyOperator(task_id="nothing")

with DAG(
    dag_id="sdk_links_disposable",
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    schedule=None,
    catchup=False,
    tags=["sdk-test"],
) as disposable:  # the 2.x-style calls delete this one (it comes back when the file is parsed again)
    EmptyOperator(task_id="nothing")
