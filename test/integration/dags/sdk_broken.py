"""Deliberately broken, so the server has an import error to report."""
from airflow import DAG

this is not python  # noqa
