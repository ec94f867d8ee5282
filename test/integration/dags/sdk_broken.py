"""Deliberately broken, so the server has an import error to report."""
from airflow import DAG  # noqa: F401 - the words "airflow" and "DAG" make Airflow parse the file

this is not python  # noqa
