"""``RESTClientObject`` and ``RESTResponse``: the HTTP seam older clients had (see
``airflow_python_sdk.compat.rest``); the SDK's own transport layer is ``transport``."""
from airflow_python_sdk.compat.rest import RESTClientObject, RESTResponse

__all__ = ["RESTClientObject", "RESTResponse"]
