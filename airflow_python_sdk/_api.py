"""Base of the generated Api classes: each method hands its operation record to the client."""
from __future__ import annotations

from typing import Any, Dict, Optional

from airflow_python_sdk.api_client import ApiClient
from airflow_python_sdk._operation import Operation


class Api:
    """Holds the ``ApiClient`` that runs this class's operations (a new one if none is given)."""

    def __init__(self, api_client: Optional[ApiClient] = None) -> None:
        self.api_client = api_client if api_client is not None else ApiClient()

    def _call(self, op: Operation, args: Dict[str, Any]) -> Any:
        return self.api_client.invoke(op, args)
