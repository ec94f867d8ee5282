"""``Configuration`` at 3.3.2's module path: the same settings as ``airflow_python_sdk.Configuration``.

``host`` is the server's root (``http://airflow:8080``); ``username``/``password`` get a JWT
from the server by themselves, or give ``access_token`` / ``token_provider``.
"""
from airflow_python_sdk._runtime.config import Configuration

__all__ = ["Configuration"]
