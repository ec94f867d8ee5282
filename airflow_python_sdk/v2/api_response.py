"""``ApiResponse``: what ``*_with_http_info`` methods return (3.3.2's module path)."""
from airflow_python_sdk._runtime.answers import ApiResponse

__all__ = ["ApiResponse"]
