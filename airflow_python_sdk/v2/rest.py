"""``RESTClientObject`` and ``RESTResponse`` at 3.3.2's module path (see ``compat.rest``)."""
from airflow_python_sdk._runtime.transport import Response
from airflow_python_sdk.compat.rest import RESTClientObject, RESTResponse

RESTResponseType = Response  # what *_without_preload_content methods return

__all__ = ["RESTClientObject", "RESTResponse", "RESTResponseType"]
