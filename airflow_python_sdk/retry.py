"""``RetryPolicy``: what is retried and how long to wait (see ``_runtime.retries``)."""
from airflow_python_sdk._runtime.retries import IDEMPOTENT, RetryPolicy, parse_retry_after

__all__ = ["IDEMPOTENT", "RetryPolicy", "parse_retry_after"]
