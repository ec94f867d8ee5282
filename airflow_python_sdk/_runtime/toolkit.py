"""What generated code is written with: the runtime names a generated surface uses.

Generated modules import from here only, so the runtime can move things between its modules
without touching generated code.
"""
from __future__ import annotations

from airflow_python_sdk._runtime.answers import ApiResponse
from airflow_python_sdk._runtime.api import Api
from airflow_python_sdk._runtime.declare import ApiEnum, StringAlias
from airflow_python_sdk._runtime.fields import UNSET, field
from airflow_python_sdk._runtime.kinds import ANY, ListOf, LiteralOf, MapOf, UnionOf
from airflow_python_sdk._runtime.lazy import lazy_exports
from airflow_python_sdk._runtime.model import ListModel, Model, OneOf
from airflow_python_sdk._runtime.operation import BODY, HEADER, PATH, QUERY, Operation, Param
from airflow_python_sdk._runtime.request import Timeout
from airflow_python_sdk._runtime.surface import Surface
from airflow_python_sdk._runtime.transport import Response
from airflow_python_sdk._runtime.wrapper import OneOfWrapper

__all__ = ["ANY", "BODY", "HEADER", "PATH", "QUERY", "UNSET", "Api", "ApiEnum", "ApiResponse",
           "ListModel", "ListOf", "LiteralOf", "MapOf", "Model", "OneOf", "OneOfWrapper", "Operation", "Param",
           "Response", "StringAlias", "Surface", "Timeout", "UnionOf", "field", "lazy_exports"]
