"""``Configuration``: host, credentials, TLS, timeouts, retries (see ``_runtime.config``)."""
from airflow_python_sdk._runtime.config import Configuration
from airflow_python_sdk._runtime.request import Timeout

__all__ = ["Configuration", "Timeout"]
