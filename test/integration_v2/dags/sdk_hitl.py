"""A human-in-the-loop task that waits for an answer given through the API (Airflow 3.3)."""
import pendulum
from airflow.providers.standard.operators.hitl import HITLOperator
from airflow.sdk import DAG, task

with DAG(
    dag_id="sdk_hitl",
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    schedule=None,
    catchup=False,
    tags=["sdk-test"],
) as dag:
    ask = HITLOperator(
        task_id="approve",
        subject="Ship release {{ dag_run.conf.get('release', 'x') }}?",
        body="Answer through the REST API.",
        options=["ship", "hold"],
        params={"reason": {"type": "string", "default": "none"}},
    )

    @task(task_id="after")
    def after(answer):
        print("answered", answer)

    after(ask.output)
