"""A plugin for the local Airflow 3.3.2 (scripts/airflow-local sets it as the plugins folder), so
that `GET /plugins` lists one even without Airflow's example DAGs (whose folder brings theirs):
the v1 suite (SDK_IT_AIRFLOW=3) checks what a listed plugin carries."""
from airflow.plugins_manager import AirflowPlugin


class SdkTestPlugin(AirflowPlugin):
    name = "sdk_test_plugin"
