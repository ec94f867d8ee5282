"""The Airflow 3 twin of test/integration/dags/sdk_links.py: a task with an extra link
(TriggerDagRunOperator's "Triggered DAG"), the DAG it triggers, and one to delete. The v1 suite
(`SDK_IT_AIRFLOW=3`) runs, clears and deletes these through the v1 Api classes."""
import pendulum
from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.providers.standard.operators.python import PythonOperator
from airflow.providers.standard.operators.trigger_dagrun import TriggerDagRunOperator
from airflow.sdk import DAG

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
