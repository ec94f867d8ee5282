"""Deliberately broken, so the server has an import error to report (Airflow 3)."""
from airflow.sdk import DAG  # noqa: F401 - the words "airflow" and "DAG" make Airflow parse the file

this is not python  # noqa
