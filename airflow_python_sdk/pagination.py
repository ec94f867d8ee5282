"""``paginate``: every item of a list operation (see ``_runtime.paging``)."""
from airflow_python_sdk._runtime.paging import operation_of, paginate

__all__ = ["operation_of", "paginate"]
