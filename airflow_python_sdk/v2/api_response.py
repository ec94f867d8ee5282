"""``ApiResponse``: what ``*_with_http_info`` methods return (3.3.2's module path)."""
from typing import TypeVar

from airflow_python_sdk._runtime.answers import ApiResponse

T = TypeVar("T")

__all__ = ["ApiResponse", "T"]
