"""``ApiClient``: runs operations (see ``airflow_python_sdk._runtime.client``)."""
from airflow_python_sdk._runtime.answers import ApiResponse
from airflow_python_sdk._runtime.client import ApiClient
from airflow_python_sdk.compat.api_client import Endpoint

__all__ = ["ApiClient", "ApiResponse", "Endpoint"]
